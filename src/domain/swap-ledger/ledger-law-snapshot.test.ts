/**
 * The 1:1 ledger's counts and the law snapshot, on the engine the environment selects: a count appends
 * to the registries' chain (`EU`, where the shared half of a ledger lives), yet it changes no registry
 * fact, so the law snapshot is not read again after it and the registries' revision stays; a registry
 * write — among ledger counts, or from another connection pool (another process, on PostgreSQL) — is
 * still seen at the next call.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor } from '../access/roles.ts';
import { verifyChains } from '../audit/verify-chain.ts';
import { loadCaseLaw, type CaseLaw } from '../cases/law-context.ts';
import { designationKind } from '../designations/designation.ts';
import { createRegistryRecord } from '../registries/create-record.ts';
import { REGISTRY_CHAIN } from '../registries/chain.ts';
import { lawSnapshotReads, loadLawSnapshot } from '../registries/law-snapshot.ts';
import { openStorage, type Storage } from '../../storage/providers/index.ts';
import { asActor, type Db } from '../../storage/transaction.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { createTestMechanism, resettledCase, returnedCase, userOf } from '../../../test/support/swap-ledger.ts';
import { recordResettlement } from './record-resettlement.ts';
import { recordReturn } from './record-return.ts';

let storage: TestStorage;
/** A second connection pool on the same database: another process, on PostgreSQL (PGlite has one connection). */
let other: Storage;
let law: CaseLaw;

const gr = userOf('GR', 'caseworker');
const grAdministrator: Actor = userOf('GR', 'administrator', null);
const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };

async function head(db: Db = storage.db): Promise<number> {
  return Number((await db.selectFrom('audit_heads').select('seq').where('tenant_id', '=', REGISTRY_CHAIN).executeTakeFirstOrThrow()).seq);
}

async function countReturn(): Promise<void> {
  const returned = await returnedCase(storage.db, { tenantId: 'GR', law });
  await asActor(storage.db, gr, (tx) => recordReturn({ tx, actor: gr, mechanism: 'test-swap-snapshot', input: { caseId: returned.caseId, reason: 'returned under the swap' }, law }));
}

async function countResettlement(): Promise<void> {
  const arrived = await resettledCase(storage.db, { tenantId: 'GR', law, arrivedOn: '2016-08-01' });
  await asActor(storage.db, gr, (tx) => recordResettlement({ tx, actor: gr, mechanism: 'test-swap-snapshot', input: { caseId: arrived.caseId, reason: 'arrived' } }));
}

async function designate(db: Db, country: string): Promise<void> {
  await asActor(db, grAdministrator, (tx) => createRegistryRecord({
    tx, actor: grAdministrator, kind: designationKind, reason: 'test designation',
    data: { kind: 'safe-country-of-origin', level: 'national', memberState: 'GR', country, from: '2016-01-01', sources: [SOURCE], verified: true },
  }));
}

const designated = (country: string) => async () => (await loadLawSnapshot({ db: storage.db })).contextOn('2016-06-01').designations
  .some((d) => d.country === country && d.memberState === 'GR');

describe(`the 1:1 ledger and the law snapshot on ${ENGINE}`, { timeout: 120_000 }, () => {
  before(async () => {
    storage = await openTestStorage();
    other = storage.databaseUrl ? await openStorage({ databaseUrl: storage.databaseUrl, poolSize: 2 }) : storage;
    await createTestMechanism(storage.db, { code: 'test-swap-snapshot', cap: 10, memberStates: ['GR'] });
    law = await loadCaseLaw(storage.db);
  });
  after(async () => {
    if (other !== storage) await other.close();
    await storage.close();
  });

  it('keeps the snapshot, and the registries\' revision, across ledger counts that move the registries\' chain', async () => {
    const snapshot = await loadLawSnapshot({ db: storage.db });
    const reads = lawSnapshotReads(storage.db);
    const before = await head();
    await countReturn();
    await countResettlement();
    assert.ok(await head() >= before + 2, 'each count appended to the registries\' chain');
    assert.equal(await loadLawSnapshot({ db: storage.db }), snapshot, 'the same snapshot');
    assert.equal(lawSnapshotReads(storage.db), reads, 'not read again');
    assert.equal((await loadCaseLaw(storage.db)).registryRevision, snapshot.revision);
    // Once the head seen has moved on, another call costs the head alone again.
    assert.equal(await loadLawSnapshot({ db: storage.db }), snapshot);
    assert.equal(lawSnapshotReads(storage.db), reads);
  });

  it('reads the snapshot anew after a registry write between ledger counts, with the write\'s place on the chain as its revision', async () => {
    const snapshot = await loadLawSnapshot({ db: storage.db });
    const reads = lawSnapshotReads(storage.db);
    await countReturn();
    await designate(storage.db, 'MN');
    const written = await head();
    await countReturn();
    assert.ok(await head() > written);
    assert.equal(await designated('MN')(), true, 'the new designation is seen');
    const fresh = await loadLawSnapshot({ db: storage.db });
    assert.notEqual(fresh, snapshot);
    assert.equal(lawSnapshotReads(storage.db), reads + 1, 'read once');
    assert.equal(fresh.revision, written, 'the revision is the registry write, not the ledger count after it');
    assert.ok(fresh.revision > snapshot.revision);
  });

  it(`sees a registry write made through ${ENGINE === 'postgres' ? 'another connection pool (another process)' : 'the database (PGlite: one connection)'}`, async () => {
    const snapshot = await loadLawSnapshot({ db: storage.db });
    await designate(other.db, 'KZ');
    assert.equal(await designated('KZ')(), true);
    assert.notEqual(await loadLawSnapshot({ db: storage.db }), snapshot);
  });

  it('leaves every chain verifiable', async () => {
    const reports = await verifyChains({ db: storage.db, tenantIds: ['GR', REGISTRY_CHAIN] });
    assert.deepEqual(reports.map((r) => [r.tenantId, r.ok]), [['GR', true], [REGISTRY_CHAIN, true]]);
  });
});
