/**
 * The 1:1 ledger under concurrent writers, each in its own transaction on its own connection (on the
 * PostgreSQL server a pool of ten; PGlite has one connection and queues them): more returns than the
 * cap allows, sent at once, count exactly up to the cap; the same person sent at once counts once;
 * resettlements of three Member States racing for one open entitlement use it once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor } from '../access/roles.ts';
import { loadCaseLaw, type CaseLaw } from '../cases/law-context.ts';
import { isDomainError } from '../errors.ts';
import { asActor } from '../../storage/transaction.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { createTestMechanism, resettledCase, returnedCase, userOf, type OpenedFixture } from '../../../test/support/swap-ledger.ts';
import { LEDGER_TENANT } from './ledger.ts';
import { recordResettlement } from './record-resettlement.ts';
import { recordReturn } from './record-return.ts';

let storage: TestStorage;
let law: CaseLaw;
const gr = userOf('GR', 'caseworker');

/** Outcome of each settled write: 'ok' or the refusal's code (anything else fails the test). */
function outcomes(results: PromiseSettledResult<unknown>[]): string[] {
  return results.map((r) => {
    if (r.status === 'fulfilled') return 'ok';
    assert.ok(isDomainError(r.reason), `unexpected error: ${String(r.reason)}`);
    return r.reason.code;
  }).sort();
}

function returnAs(actor: Actor, mechanism: string, caseId: string) {
  return asActor(storage.db, actor, (tx) => recordReturn({ tx, actor, mechanism, input: { caseId, reason: 'concurrent return' }, law }));
}

async function counter(mechanism: string) {
  return storage.db.selectFrom('swap_ledger_counters').selectAll().where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', mechanism).executeTakeFirstOrThrow();
}

async function entitlements(mechanism: string) {
  return storage.db.selectFrom('swap_ledger_entitlements').selectAll().where('mechanism', '=', mechanism).execute();
}

describe(`the 1:1 ledger under concurrent writers on ${ENGINE}`, { timeout: 300_000 }, () => {
  const cases: OpenedFixture[] = [];

  before(async () => {
    storage = await openTestStorage();
    await createTestMechanism(storage.db, { code: 'race-cap-five', cap: 5, memberStates: ['GR'] });
    await createTestMechanism(storage.db, { code: 'race-duplicate', cap: null, memberStates: ['GR'] });
    await createTestMechanism(storage.db, { code: 'race-resettle', cap: null, memberStates: ['GR'] });
    law = await loadCaseLaw(storage.db);
    for (let i = 0; i < 9; i++) cases.push(await returnedCase(storage.db, { tenantId: 'GR', law }));
  });
  after(() => storage.close());

  it('counts exactly up to the cap when more returns than it allows arrive at once', async () => {
    const results = await Promise.allSettled(cases.slice(0, 8).map((c) => returnAs(gr, 'race-cap-five', c.caseId)));
    assert.deepEqual(outcomes(results), ['LEDGER_CAP_REACHED', 'LEDGER_CAP_REACHED', 'LEDGER_CAP_REACHED', 'ok', 'ok', 'ok', 'ok', 'ok']);
    const row = await counter('race-cap-five');
    assert.deepEqual([row.returns, row.cap], [5, 5]);
    assert.equal((await entitlements('race-cap-five')).length, 5);
    const entries = await storage.db.selectFrom('swap_ledger_entries').select('id').where('mechanism', '=', 'race-cap-five').execute();
    assert.equal(entries.length, 5, 'an entry for each count, none for a refusal');
  });

  it('counts a person once when the same return arrives several times at once', async () => {
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => returnAs(gr, 'race-duplicate', cases[8]!.caseId)));
    assert.deepEqual(outcomes(results), ['LEDGER_ALREADY_COUNTED', 'LEDGER_ALREADY_COUNTED', 'LEDGER_ALREADY_COUNTED', 'ok']);
    assert.equal((await counter('race-duplicate')).returns, 1);
  });

  it('uses one open entitlement once when three Member States resettle against it at once', async () => {
    await returnAs(gr, 'race-resettle', cases[0]!.caseId);
    const resettled = [];
    for (const tenantId of ['ES', 'IT', 'GR']) resettled.push({ tenantId, fixture: await resettledCase(storage.db, { tenantId, law, arrivedOn: '2016-09-01' }) });
    const results = await Promise.allSettled(resettled.map(({ tenantId, fixture }) => {
      const actor = userOf(tenantId, 'caseworker');
      return asActor(storage.db, actor, (tx) => recordResettlement({ tx, actor, mechanism: 'race-resettle', input: { caseId: fixture.caseId, reason: 'concurrent resettlement' } }));
    }));
    assert.deepEqual(outcomes(results), ['LEDGER_NO_OPEN_ENTITLEMENT', 'LEDGER_NO_OPEN_ENTITLEMENT', 'ok']);
    const row = await counter('race-resettle');
    assert.deepEqual([row.returns, row.resettlements], [1, 1]);
  });
});
