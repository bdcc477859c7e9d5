/**
 * The 1:1 ledger on the engine the environment selects: a return counts only when the law engine's
 * `one-to-one-return` finding for the agreement is `yes` on the day of the return (both sides of the
 * day Türkiye stopped readmitting from Greece), with the finding and the law version kept; a person
 * counts once per leg, whichever case or tenant asks; resettlements by several Member States use open
 * entitlements, oldest first, never more than the returns; the cap holds, also in the database itself;
 * every tenant sees the same balance and only its own entries; the permission table decides who records.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { verifyChains } from '../audit/verify-chain.ts';
import { loadCaseLaw, type CaseLaw } from '../cases/law-context.ts';
import { isDomainError } from '../errors.ts';
import { asActor, enterTenant, inTenant } from '../../storage/transaction.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { createTestMechanism, resettledCase, returnedCase, userOf, type OpenedFixture } from '../../../test/support/swap-ledger.ts';
import { getLedger, readLedger } from './get-ledger.ts';
import { LEDGER_TENANT, personRef } from './ledger.ts';
import { listEntitlements } from './list-entitlements.ts';
import { listEntries } from './list-entries.ts';
import { listLedgers } from './list-ledgers.ts';
import { recordResettlement } from './record-resettlement.ts';
import { recordReturn } from './record-return.ts';

let storage: TestStorage;
let law: CaseLaw;

async function refreshLaw(): Promise<void> {
  law = await loadCaseLaw(storage.db);
}

async function countReturn(actor: Actor, mechanism: string, caseId: string) {
  return asActor(storage.db, actor, (tx) => recordReturn({ tx, actor, mechanism, input: { caseId, reason: 'returned under the swap' }, law }));
}

async function countResettlement(actor: Actor, mechanism: string, caseId: string, entitlementId?: string) {
  return asActor(storage.db, actor, (tx) => recordResettlement({ tx, actor, mechanism, input: { caseId, reason: 'arrived', entitlementId } }));
}

async function ledger(actor: Actor, mechanism: string, on?: string) {
  return readLedger(storage.db, actor, (tx) => getLedger({ tx, actor, mechanism, on }));
}

async function refusal(promise: Promise<unknown>, code: string): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isDomainError(error), `expected a DomainError ${code}, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return { message: error.message, ...error.extensions };
  }
  assert.fail(`expected ${code}, but it succeeded`);
}

const gr = userOf('GR', 'caseworker');
const it_ = userOf('IT', 'caseworker');
const es = userOf('ES', 'caseworker');

describe(`the 1:1 ledger on ${ENGINE}`, { timeout: 240_000 }, () => {
  before(async () => {
    storage = await openTestStorage();
    await createTestMechanism(storage.db, { code: 'test-swap-fifo', cap: 10, memberStates: ['GR'] });
    await createTestMechanism(storage.db, { code: 'test-swap-cap-one', cap: 1, memberStates: ['GR'] });
    await refreshLaw();
  });
  after(() => storage.close());

  let counted: OpenedFixture;

  it('counts a return the engine counts, keeps the finding and the law, and shows the balance to every tenant', async () => {
    counted = await returnedCase(storage.db, { tenantId: 'GR', law });
    const result = await countReturn(gr, 'eu-tr-statement', counted.caseId);
    assert.equal(result.entry.finding?.question, 'one-to-one-return');
    assert.equal(result.entry.finding?.outcome, 'yes');
    assert.ok(result.entry.finding!.basis.some((b) => /Statement/.test(b)), result.entry.finding!.basis.join('; '));
    assert.match(result.entry.law!.lawDigest, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(result.entry.law!.rules.map((r) => r.rule).filter((r) => r === 'one-to-one-return'), ['one-to-one-return']);
    assert.equal(result.entry.on, '2016-06-01');
    assert.deepEqual([result.counter.returns, result.counter.resettlements, result.counter.cap], [1, 0, 72_000]);
    for (const reader of [gr, it_, es, userOf('COM', 'policy-analyst', null)]) {
      const view = await ledger(reader, 'eu-tr-statement', '2016-06-11');
      assert.deepEqual([view.returns, view.resettlements, view.balance, view.cap, view.remaining], [1, 0, 1, 72_000, 71_999], reader.id);
      assert.deepEqual(view.legs.returns, [{ state: 'GR', count: 1 }]);
      assert.deepEqual(view.leadTimes.open, { count: 1, min: 10, median: 10, mean: 10, max: 10 });
    }
    const all = await readLedger(storage.db, es, (tx) => listLedgers({ tx, actor: es }));
    assert.deepEqual(all.find((l) => l.mechanism === 'eu-tr-statement'), {
      mechanism: 'eu-tr-statement', title: all.find((l) => l.mechanism === 'eu-tr-statement')!.title, partner: 'TR', cap: 72_000, returns: 1, resettlements: 0, balance: 1, remaining: 71_999,
    });
  });

  it('writes the count to the recording tenant\'s chain (on the case) and to the shared chain, and both verify', async () => {
    const caseEvents = await storage.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', 'GR').where('entity_id', '=', counted.caseId)
      .where('action', '=', 'swap-ledger.return-recorded').execute();
    assert.equal(caseEvents.length, 1);
    assert.equal((caseEvents[0]!.data as Record<string, unknown>).mechanism, 'eu-tr-statement');
    const shared = await storage.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', LEDGER_TENANT).where('action', '=', 'swap-ledger.return-counted').execute();
    assert.equal(shared.length, 1);
    assert.equal(JSON.stringify(shared[0]!.data).includes(counted.personId), false, 'the shared chain never names the person');
    const reports = await verifyChains({ db: storage.db, tenantIds: ['GR', LEDGER_TENANT] });
    assert.deepEqual(reports.map((r) => r.ok), [true, true]);
  });

  it('counts a return on the last day Türkiye readmitted from Greece, and refuses one on the first day it did not, with the finding', async () => {
    const before = await returnedCase(storage.db, { tenantId: 'GR', law, crossedOn: '2019-12-01', decidedOn: '2020-01-15', returnedOn: '2020-02-29' });
    assert.equal((await countReturn(gr, 'eu-tr-statement', before.caseId)).entry.finding?.outcome, 'yes');
    const onTheDay = await returnedCase(storage.db, { tenantId: 'GR', law, crossedOn: '2019-12-01', decidedOn: '2020-01-15', returnedOn: '2020-03-01' });
    const refused = await refusal(countReturn(gr, 'eu-tr-statement', onTheDay.caseId), 'LEDGER_RETURN_NOT_COUNTED');
    const finding = refused.finding as { outcome: string; because: string[]; basis: string[] };
    assert.equal(finding.outcome, 'no');
    assert.match(finding.because.join(' '), /has not readmitted persons from GR since 2020-03-01/);
    assert.ok(finding.basis.length > 0);
  });

  it('refuses a return of a Member State that is not a party, one to another country, and a case with no return', async () => {
    const italian = await returnedCase(storage.db, { tenantId: 'IT', law });
    const notParty = await refusal(countReturn(it_, 'eu-tr-statement', italian.caseId), 'LEDGER_RETURN_NOT_COUNTED');
    assert.match((notParty.finding as { because: string[] }).because.join(' '), /IT is not a party/);
    const elsewhere = await returnedCase(storage.db, { tenantId: 'GR', law, destination: 'LB' });
    await refusal(countReturn(gr, 'eu-tr-statement', elsewhere.caseId), 'INVALID_STATE');
    const notReturned = await resettledCase(storage.db, { tenantId: 'GR', law });
    await refusal(countReturn(gr, 'eu-tr-statement', notReturned.caseId), 'INVALID_STATE');
    await refusal(countReturn(gr, 'no-such-mechanism', counted.caseId), 'NOT_FOUND');
    await refusal(countReturn(gr, 'it-al-protocol', counted.caseId), 'NOT_FOUND');
  });

  it('counts a person once: the same case again, or a second return case of the same person, is LEDGER_ALREADY_COUNTED', async () => {
    const again = await refusal(countReturn(gr, 'eu-tr-statement', counted.caseId), 'LEDGER_ALREADY_COUNTED');
    assert.equal(again.leg, 'return');
    const second = await returnedCase(storage.db, { tenantId: 'GR', law, personId: counted.personId, crossedOn: '2016-09-01', decidedOn: '2016-10-01', returnedOn: '2016-11-01' });
    await refusal(countReturn(gr, 'eu-tr-statement', second.caseId), 'LEDGER_ALREADY_COUNTED');
    const rows = await storage.db.selectFrom('swap_ledger_entitlements').select('id').where('mechanism', '=', 'eu-tr-statement')
      .where('return_ref', '=', personRef('eu-tr-statement', counted.personId)).execute();
    assert.equal(rows.length, 1);
  });

  it('uses open entitlements for resettlements by several Member States, oldest first, never before the return, never more than the returns', async () => {
    const first = await returnedCase(storage.db, { tenantId: 'GR', law, returnedOn: '2016-06-01' });
    const second = await returnedCase(storage.db, { tenantId: 'GR', law, returnedOn: '2016-07-01' });
    const e1 = (await countReturn(gr, 'test-swap-fifo', first.caseId)).entitlement;
    const e2 = (await countReturn(gr, 'test-swap-fifo', second.caseId)).entitlement;
    const tooEarly = await resettledCase(storage.db, { tenantId: 'ES', law, arrivedOn: '2016-05-15' });
    await refusal(countResettlement(es, 'test-swap-fifo', tooEarly.caseId), 'LEDGER_NO_OPEN_ENTITLEMENT');
    const italian = await resettledCase(storage.db, { tenantId: 'IT', law, arrivedOn: '2016-08-01' });
    const used = await countResettlement(it_, 'test-swap-fifo', italian.caseId);
    assert.equal(used.entitlement.id, e1.id, 'the oldest open entitlement');
    assert.equal(used.entitlement.resettlingState, 'IT');
    const spanish = await resettledCase(storage.db, { tenantId: 'ES', law, arrivedOn: '2016-07-11' });
    await refusal(countResettlement(es, 'test-swap-fifo', spanish.caseId, e1.id), 'LEDGER_NO_OPEN_ENTITLEMENT');
    assert.equal((await countResettlement(es, 'test-swap-fifo', spanish.caseId, e2.id)).entitlement.id, e2.id);
    const greek = await resettledCase(storage.db, { tenantId: 'GR', law, arrivedOn: '2016-09-01' });
    await refusal(countResettlement(gr, 'test-swap-fifo', greek.caseId), 'LEDGER_NO_OPEN_ENTITLEMENT');
    const sameAgain = await resettledCase(storage.db, { tenantId: 'IT', law, personId: italian.personId, arrivedOn: '2016-09-02' });
    await refusal(countResettlement(it_, 'test-swap-fifo', sameAgain.caseId), 'LEDGER_ALREADY_COUNTED');

    const view = await ledger(es, 'test-swap-fifo', '2016-12-31');
    assert.deepEqual([view.returns, view.resettlements, view.balance, view.cap, view.remaining], [2, 2, 0, 10, 8]);
    assert.deepEqual(view.legs.resettlements, [{ state: 'ES', count: 1 }, { state: 'IT', count: 1 }]);
    // 2016-06-01 → 2016-08-01 is 61 days; 2016-07-01 → 2016-07-11 is 10.
    assert.deepEqual(view.leadTimes.matched, { count: 2, min: 10, median: 35.5, mean: 35.5, max: 61 });
    assert.deepEqual(view.leadTimes.open, { count: 0, min: null, median: null, mean: null, max: null });
    const page = await readLedger(storage.db, gr, (tx) => listEntitlements({ tx, actor: gr, mechanism: 'test-swap-fifo' }));
    assert.deepEqual(page.items.map((e) => [e.returnedOn, e.status, e.resettlingState, e.days]), [['2016-06-01', 'used', 'IT', 61], ['2016-07-01', 'used', 'ES', 10]]);
  });

  it('stops at the cap with LEDGER_CAP_REACHED', async () => {
    const one = await returnedCase(storage.db, { tenantId: 'GR', law });
    const two = await returnedCase(storage.db, { tenantId: 'GR', law });
    await countReturn(gr, 'test-swap-cap-one', one.caseId);
    const refused = await refusal(countReturn(gr, 'test-swap-cap-one', two.caseId), 'LEDGER_CAP_REACHED');
    assert.deepEqual([refused.cap, refused.returns], [1, 1]);
    assert.deepEqual([(await ledger(gr, 'test-swap-cap-one')).returns, (await ledger(gr, 'test-swap-cap-one')).remaining], [1, 0]);
  });

  it('keeps each tenant\'s entries (case, person) in its tenant: others see the balance, not who', async () => {
    const greek = await asActor(storage.db, gr, (tx) => listEntries({ tx, actor: gr, mechanism: 'test-swap-fifo' }));
    assert.deepEqual(greek.map((e) => [e.tenantId, e.leg]), [['GR', 'return'], ['GR', 'return']]);
    const italian = await asActor(storage.db, it_, (tx) => listEntries({ tx, actor: it_, mechanism: 'test-swap-fifo' }));
    assert.deepEqual(italian.map((e) => [e.tenantId, e.leg]), [['IT', 'resettlement']]);
    // Row-level security, even for a query that forgets the tenant.
    const seen = await asActor(storage.db, it_, (tx) => sql<{ tenant_id: string }>`select tenant_id from swap_ledger_entries`.execute(tx));
    assert.deepEqual([...new Set(seen.rows.map((r) => r.tenant_id))], ['IT']);
    // Another tenant's case is not found, never forbidden.
    await refusal(countReturn(it_, 'eu-tr-statement', counted.caseId), 'NOT_FOUND');
    const shared = await readLedger(storage.db, it_, (tx) => sql<Record<string, unknown>>`select * from swap_ledger_entitlements`.execute(tx));
    assert.ok(shared.rows.length > 0);
    for (const row of shared.rows) assert.equal(JSON.stringify(row).includes(counted.personId), false);
  });

  it('lets the permission table decide who records: the case\'s own caseworker, a supervisor; not an agency officer, an analyst or another caseworker', async () => {
    const fixture = await returnedCase(storage.db, { tenantId: 'GR', law, returnedOn: '2016-06-02' });
    for (const actor of [userOf('GR', 'agency-officer'), userOf('GR', 'policy-analyst', null), userOf('GR', 'caseworker', 'asylum', 'gr-other-caseworker'), userOf('GR', 'caseworker', 'return', 'gr-return-caseworker')]) {
      await refusal(countReturn(actor, 'test-swap-fifo', fixture.caseId), 'FORBIDDEN');
    }
    assert.equal((await countReturn(userOf('GR', 'supervisor'), 'test-swap-fifo', fixture.caseId)).entry.recordedBy, 'gr-test-supervisor');
  });

  it('refuses in the database itself what would break the ledger: past the cap, an entitlement used twice or changed or deleted', async () => {
    const writer = (work: (tx: Parameters<Parameters<typeof inTenant>[2]>[0]) => Promise<unknown>) => inTenant(storage.db, { tenantId: LEDGER_TENANT }, work);
    const ref = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
    await assert.rejects(writer((tx) => sql`insert into swap_ledger_entitlements (tenant_id, id, mechanism, return_ref, returning_state, return_entry, returned_on, recorded_at)
      values ('EU', gen_random_uuid(), 'test-swap-cap-one', ${ref(1)}, 'GR', gen_random_uuid(), '2016-06-01', now())`.execute(tx)), /check/);
    const used = await storage.db.selectFrom('swap_ledger_entitlements').select('id').where('mechanism', '=', 'test-swap-fifo').where('resettled_on', 'is not', null).executeTakeFirstOrThrow();
    await assert.rejects(writer((tx) => sql`update swap_ledger_entitlements set resettlement_ref = ${ref(2)}, resettled_on = '2017-01-01' where id = ${used.id}`.execute(tx)), /used once/);
    await assert.rejects(writer((tx) => sql`update swap_ledger_entitlements set returned_on = '2016-01-01' where id = ${used.id}`.execute(tx)), /used once/);
    await assert.rejects(writer((tx) => sql`delete from swap_ledger_entitlements where id = ${used.id}`.execute(tx)), /permission denied|used once/);
    await assert.rejects(writer((tx) => sql`update swap_ledger_counters set resettlements = returns + 1 where mechanism = 'test-swap-fifo'`.execute(tx)), /check/);
    // No tenant but `EU` may hold the shared rows.
    await assert.rejects(inTenant(storage.db, { tenantId: 'GR' }, async (tx) => {
      await enterTenant(tx, { tenantId: 'GR' });
      await sql`insert into swap_ledger_counters (tenant_id, mechanism, updated_at) values ('GR', 'forged', now())`.execute(tx);
    }), /row-level security|check/);
  });
});
