/**
 * Refused executions of transfers, on the engine the environment selects: when the last-moment check
 * refuses an execution — the non-refoulement gate (a new individual assessment finds a real risk), or
 * the family guard (a child linked since the plan stays behind) — the refusal is recorded as one
 * `transfer.execution-refused` event (who tried, which persons, the findings and citations), in a
 * transaction of its own; the refusal reaches the caller unchanged; nothing else changes; the chain
 * verifies. And the law a plan and an execution saw is pinned the one way records pin it
 * (`cases/pin-law.ts`), in the shape transfers always stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { caseworker, man, planConfirmed, removableCase, supervisor } from '../../../test/support/transfers.ts';
import { verifyChains } from '../audit/verify-chain.ts';
import { getCase } from '../cases/get-case.ts';
import { FAMILY_BASIS } from '../cases/guards.ts';
import { BASELINE_LAW } from '../cases/law-context.ts';
import { pinLaw, pinLawVersion } from '../cases/pin-law.ts';
import { updateCase } from '../cases/update-case.ts';
import { isDomainError, type DomainError } from '../errors.ts';
import { linkFamily } from '../persons/link-family.ts';
import { asActor } from '../../storage/transaction.ts';
import { executeTransfer } from './execute-transfer.ts';
import { recordingRefusal } from './record-refused-execution.ts';
import type { Transfer } from './transfer.ts';

let storage: TestStorage;

const executor = supervisor('IT');

/** Executes as the route and the CLI do: the execution's transaction, its refusal recorded after it. */
function execute(transfer: Transfer, on: string): Promise<Transfer> {
  return recordingRefusal({ db: storage.db, actor: executor, reason: 'boarded at 06:10', requestId: 'test-request' },
    () => asActor(storage.db, executor, (tx) => executeTransfer({ tx, actor: executor, transferId: transfer.id, expectedVersion: transfer.version, input: { reason: 'boarded at 06:10', on }, law: BASELINE_LAW })));
}

/** The execution alone, as before: its refusal is not recorded. */
function executeBare(transfer: Transfer, on: string): Promise<Transfer> {
  return asActor(storage.db, executor, (tx) => executeTransfer({ tx, actor: executor, transferId: transfer.id, expectedVersion: transfer.version, input: { reason: 'boarded at 06:10', on }, law: BASELINE_LAW }));
}

const refusalOf = (promise: Promise<unknown>) => promise.then(() => assert.fail('expected TRANSFER_BLOCKED'), (e: unknown) => {
  assert.ok(isDomainError(e, 'TRANSFER_BLOCKED'), String(e));
  return e as DomainError;
});

/** Everything an execution writes, for the tenant: to compare before and after a refusal. */
async function state(tenantId: string) {
  const tables = ['transfers', 'transfer_persons', 'cases', 'case_transitions', 'case_decisions', 'case_deadlines', 'idempotency_keys'];
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    out[table] = (await sql<{ rows: unknown }>`select coalesce(json_agg(t order by t::text), '[]') as rows from ${sql.table(table)} t where tenant_id = ${tenantId}`.execute(storage.db)).rows[0]!.rows;
  }
  // Places are counted per facility and day, for every tenant.
  out.facility_days = (await sql<{ rows: unknown }>`select coalesce(json_agg(t order by t::text), '[]') as rows from facility_days t`.execute(storage.db)).rows[0]!.rows;
  out.events = Number((await sql<{ n: string }>`select count(*) as n from audit_events where tenant_id = ${tenantId}`.execute(storage.db)).rows[0]!.n);
  return out;
}

async function eventsSince(tenantId: string, count: number) {
  return storage.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId).where('seq', '>', String(count)).orderBy('seq').execute();
}

type RecordedPerson = { caseId: string; personId: string; gates: string[]; changes?: Array<{ question: string; country: string; planned: string; now: string; basis: string[] }>; refusals?: Array<{ code: string; guard?: string; basis: string[]; because: string[] }> };

describe(`refused transfer executions on ${ENGINE}`, { timeout: 120_000 }, () => {
  before(async () => { storage = await openTestStorage(); });
  after(() => storage.close());

  it('records a refusal by the non-refoulement gate — who, which person, the finding and its citations — and changes nothing else', async () => {
    const c = await removableCase(storage.db, 'IT');
    const confirmed = await planConfirmed(storage.db, 'IT', { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: c.id }] });
    const by = caseworker('IT');
    await asActor(storage.db, by, async (tx) => updateCase({ tx, actor: by, caseId: c.id, expectedVersion: (await getCase({ tx, actor: by, caseId: c.id })).version,
      input: { facts: { riskAssessments: [{ destination: 'BD', on: '2026-07-02', outcome: 'no-real-risk' }, { destination: 'BD', on: '2026-08-02', outcome: 'real-risk' }] }, reason: 'new country information' } }));
    const bare = await refusalOf(executeBare(confirmed, '2026-08-03'));
    const before = await state('IT');
    assert.equal((await state('IT')).events, before.events, 'the bare execution recorded nothing');

    const refused = await refusalOf(execute(confirmed, '2026-08-03'));
    assert.deepEqual([refused.code, refused.message, refused.fields, refused.extensions], [bare.code, bare.message, bare.fields, bare.extensions], 'the caller gets the refusal as before');
    const after = await state('IT');
    assert.deepEqual({ ...after, events: 0 }, { ...before, events: 0 }, 'nothing but the audit chain changed');
    assert.equal(after.events, (before.events as number) + 1, 'one event');
    const [event] = await eventsSince('IT', before.events as number);
    assert.deepEqual([event!.action, event!.actor_id, event!.entity_type, event!.entity_id, event!.reason, event!.request_id],
      ['transfer.execution-refused', executor.id, 'transfer', confirmed.id, 'boarded at 06:10', 'test-request']);
    const data = event!.data as { reference: string; on: string; refusal: string; persons: RecordedPerson[]; law: { planned: unknown } };
    assert.deepEqual([data.reference, data.on, data.refusal], [confirmed.reference, '2026-08-03', bare.message]);
    assert.deepEqual(data.persons.map((p) => [p.caseId, p.personId, p.gates]), [[c.id, c.personId, ['non-refoulement']]]);
    assert.deepEqual(data.persons[0]!.changes!.map((x) => [x.question, x.country, x.planned, x.now]), [['removal', 'BD', 'yes', 'no']]);
    assert.ok(data.persons[0]!.changes![0]!.basis.length > 0);
    assert.deepEqual(data.law.planned, confirmed.lawPlanned);
    const legalBasis = event!.legal_basis as string[];
    assert.ok(legalBasis.length > 0 && data.persons[0]!.changes![0]!.basis.every((b) => legalBasis.includes(b)), 'the event cites what blocked it');
    assert.equal(JSON.stringify(event!.data).includes('Person'), false, 'no personal data: persons by id');
    assert.deepEqual((await verifyChains({ db: storage.db, tenantIds: ['IT'] })).map((r) => r.ok), [true]);
  });

  it('records a refusal by the family guard: a child linked since the plan would stay behind', async () => {
    const mother = await removableCase(storage.db, 'IT', { ...man('BD', '1990-04-04'), sex: 'F' });
    const child = await removableCase(storage.db, 'IT', { ...man('BD', '2018-09-09'), givenNames: 'Child' });
    const confirmed = await planConfirmed(storage.db, 'IT', { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: mother.id }] });
    const by = caseworker('IT');
    await asActor(storage.db, by, (tx) => linkFamily({ tx, actor: by, personId: mother.personId, relatedId: child.personId, relation: 'child', reason: 'birth certificate' }));
    const before = await state('IT');
    const refused = await refusalOf(execute(confirmed, '2026-08-03'));
    const blocks = refused.extensions.persons as Array<{ refusals: Array<{ guard?: string }> }>;
    assert.deepEqual(blocks[0]!.refusals.map((r) => r.guard), ['family-together']);
    const after = await state('IT');
    assert.deepEqual({ ...after, events: 0 }, { ...before, events: 0 }, 'nothing but the audit chain changed');
    const events = await eventsSince('IT', before.events as number);
    assert.deepEqual(events.map((e) => [e.action, e.actor_id, e.entity_id]), [['transfer.execution-refused', executor.id, confirmed.id]]);
    const [person] = (events[0]!.data as { persons: RecordedPerson[] }).persons;
    assert.deepEqual([person!.caseId, person!.personId, person!.gates], [mother.id, mother.personId, ['family-unity']]);
    assert.deepEqual(person!.refusals!.map((r) => [r.code, r.guard]), [['GUARD', 'family-together']]);
    assert.deepEqual(person!.refusals![0]!.basis, FAMILY_BASIS);
    assert.ok(person!.refusals![0]!.because.some((b) => b.includes(child.personId)), 'names the child by id');
    assert.ok(FAMILY_BASIS.every((b) => (events[0]!.legal_basis as string[]).includes(b)));
    assert.deepEqual((await verifyChains({ db: storage.db, tenantIds: ['IT'] })).map((r) => r.ok), [true]);
  });

  it('records nothing when the execution goes ahead or fails for another reason, and pins the law of the plan and the execution through cases/pin-law, in the shape transfers stored', async () => {
    const c = await removableCase(storage.db, 'IT');
    const confirmed = await planConfirmed(storage.db, 'IT', { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: c.id }] });
    assert.deepEqual(confirmed.lawPlanned, pinLawVersion(BASELINE_LAW));
    assert.deepEqual(Object.keys(confirmed.lawPlanned).sort(), ['engineDigest', 'lawDigest', 'registryRevision']);
    const finding = pinLaw(BASELINE_LAW, [], []);
    assert.deepEqual([finding.lawDigest, finding.engineDigest, finding.registryRevision], [confirmed.lawPlanned.lawDigest, confirmed.lawPlanned.engineDigest, null]);

    const before = (await state('IT')).events as number;
    await assert.rejects(recordingRefusal({ db: storage.db, actor: executor, reason: 'stale' },
      () => asActor(storage.db, executor, (tx) => executeTransfer({ tx, actor: executor, transferId: confirmed.id, expectedVersion: confirmed.version + 5, input: { reason: 'stale' }, law: BASELINE_LAW }))),
    (e: unknown) => isDomainError(e, 'VERSION_CONFLICT'));
    assert.equal((await state('IT')).events, before);
    const done = await execute(confirmed, '2026-08-01');
    assert.equal(done.status, 'executed');
    const actions = (await eventsSince('IT', before)).map((e) => e.action);
    assert.ok(actions.includes('transfer.executed') && !actions.includes('transfer.execution-refused'), actions.join(', '));

    assert.deepEqual(done.lawExecuted, pinLawVersion(BASELINE_LAW));
    const row = await storage.db.selectFrom('transfers').select(['law_planned', 'law_executed']).where('id', '=', confirmed.id).executeTakeFirstOrThrow();
    assert.deepEqual(row.law_planned, confirmed.lawPlanned, 'stored as it was');
    assert.deepEqual(row.law_executed, done.lawExecuted);
  });
});
