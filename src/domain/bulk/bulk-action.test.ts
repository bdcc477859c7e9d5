/**
 * Bulk actions on cases, on the engine the environment selects: every case named gets its own result
 * (ok and whether it changed, refused with a code and the reason, not found), every change its own
 * audit event; the permission table decides per case; another tenant's cases are not found; a filter
 * acts within the caller's reach and never on more than the limit.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { verifyChains } from '../audit/verify-chain.ts';
import { openCase } from '../cases/open-case.ts';
import { isDomainError } from '../errors.ts';
import { seedDemoUsers } from '../../seed/demo-users.ts';
import { asActor } from '../../storage/transaction.ts';
import { runBulkAction, type BulkActionInput } from './bulk-action.ts';
import { textSource } from './read-rows.ts';
import { runCaseImport } from './run-import.ts';

const actor = (id: string, tenantId: string, unitId: string | null, role: Actor['roles'][number]): Actor => ({ id, displayName: id, tenantId, unitId, roles: [role] });
const itSupervisor = actor('it-supervisor', 'IT', 'asylum', 'supervisor');
const itCaseworker = actor('it-caseworker', 'IT', 'asylum', 'caseworker');
const itAnalyst = actor('it-policy-analyst', 'IT', null, 'policy-analyst');
const grSupervisor = actor('gr-supervisor', 'GR', 'asylum', 'supervisor');

let storage: TestStorage;
before(async () => {
  storage = await openTestStorage();
  await seedDemoUsers(storage.db);
});
after(() => storage.close());

let birth = 0;
async function open(by: Actor, input: { unitId?: string | null; assignedTo?: string | null } = {}): Promise<string> {
  birth++;
  const opened = await asActor(storage.db, by, (tx) => openCase({
    tx, actor: by, input: { kind: 'asylum', ...input, person: { givenNames: `Bulk${birth}`, familyName: 'Person', nationality: 'SY', birthDate: `1950-01-${String(1 + (birth % 28)).padStart(2, '0')}` } },
  }));
  return opened.id;
}

function bulk(by: Actor, input: BulkActionInput) {
  return asActor(storage.db, by, (tx) => runBulkAction({ tx, actor: by, input }));
}

async function eventsOf(caseId: string) {
  return storage.db.selectFrom('audit_events').select(['action', 'actor_id', 'reason', 'data']).where('entity_id', '=', caseId).orderBy('seq').execute();
}

describe(`bulk actions on cases on ${ENGINE}`, () => {
  it('assigns the unassigned, and answers for every case named: ok, refused with the reason, not found', async () => {
    const free = [await open(itSupervisor, { assignedTo: null }), await open(itSupervisor, { assignedTo: null })];
    const taken = await open(itSupervisor, { assignedTo: 'it-supervisor' });
    const returnUnit = await open(itSupervisor, { unitId: 'return', assignedTo: null });
    const greek = await open(grSupervisor);
    const nobody = randomUUID();
    const result = await bulk(itSupervisor, { action: 'assign', caseIds: [...free, taken, returnUnit, greek, nobody, 'not-a-uuid', free[0]!], to: 'it-caseworker', reason: 'Monday allocation' });
    assert.deepEqual(result.results.map((r) => [r.caseId, r.status, r.changed ?? r.code]), [
      [free[0], 'ok', true], [free[1], 'ok', true], [taken, 'refused', 'INVALID_STATE'], [returnUnit, 'refused', 'INVALID_STATE'],
      [greek, 'not-found', undefined], [nobody, 'not-found', undefined], ['not-a-uuid', 'not-found', undefined],
    ]);
    assert.match(result.results[2]!.reason!, /assigned to it-supervisor: reassign it/);
    assert.match(result.results[3]!.reason!, /in unit return, it-caseworker works in asylum/);
    assert.deepEqual([result.total, result.ok, result.changed, result.refused, result.notFound], [7, 2, 2, 2, 3]);
    for (const id of free) {
      const row = await storage.db.selectFrom('cases').select(['assigned_to', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { assigned_to: 'it-caseworker', version: 2 });
      const last = (await eventsOf(id)).at(-1)!;
      assert.deepEqual(last, {
        action: 'case.updated', actor_id: 'it-supervisor', reason: 'Monday allocation',
        data: { version: 2, changes: { assignedTo: { from: null, to: 'it-caseworker' } }, bulk: { id: result.id, action: 'assign' } },
      });
    }
    assert.equal((await eventsOf(taken)).length, 1, 'a refused case gets no event');
    // Moving the unit along makes the return-unit case assignable; the same again changes nothing.
    const moved = await bulk(itSupervisor, { action: 'assign', caseIds: [returnUnit], to: 'it-caseworker', unitId: 'asylum', reason: 'moved to asylum' });
    assert.deepEqual(moved.results.map((r) => [r.status, r.changed]), [['ok', true]]);
    const again = await bulk(itSupervisor, { action: 'assign', caseIds: [returnUnit], to: 'it-caseworker', unitId: 'asylum', reason: 'moved to asylum' });
    assert.deepEqual(again.results.map((r) => [r.status, r.changed]), [['ok', false]]);
  });

  it('reassigns only assigned cases, from whom it is told', async () => {
    const mine = await open(itSupervisor, { assignedTo: 'it-caseworker' });
    const theirs = await open(itSupervisor, { assignedTo: 'it-supervisor' });
    const free = await open(itSupervisor, { assignedTo: null });
    const result = await bulk(itSupervisor, { action: 'reassign', caseIds: [mine, theirs, free], to: 'it-supervisor', from: 'it-caseworker', reason: 'caseworker on leave' });
    assert.deepEqual(result.results.map((r) => [r.status, r.changed ?? r.code]), [['ok', true], ['refused', 'INVALID_STATE'], ['refused', 'INVALID_STATE']]);
  });

  it('flags and unflags, once each, by the permission table\'s update on each case', async () => {
    const own = await open(itCaseworker);
    const others = await open(itSupervisor, { assignedTo: 'it-supervisor' });
    const flagged = await bulk(itCaseworker, { action: 'flag', caseIds: [own, others], flag: 'vulnerability', reason: 'signs of trauma at interview' });
    assert.deepEqual(flagged.results.map((r) => [r.status, r.changed ?? r.code]), [['ok', true], ['refused', 'FORBIDDEN']]);
    const twice = await bulk(itCaseworker, { action: 'flag', caseIds: [own], flag: 'vulnerability', reason: 'again' });
    assert.deepEqual(twice.results.map((r) => [r.status, r.changed]), [['ok', false]]);
    const flags = await storage.db.selectFrom('case_flags').select(['flag', 'flagged_by', 'reason']).where('case_id', '=', own).execute();
    assert.deepEqual(flags, [{ flag: 'vulnerability', flagged_by: 'it-caseworker', reason: 'signs of trauma at interview' }]);
    const byFilter = await bulk(itSupervisor, { action: 'unflag', filter: { flag: 'vulnerability' }, flag: 'vulnerability', reason: 'assessed: no special needs' });
    assert.deepEqual(byFilter.results.map((r) => [r.caseId, r.status, r.changed]), [[own, 'ok', true]]);
    assert.deepEqual((await eventsOf(own)).map((e) => e.action), ['case.opened', 'case.flagged', 'case.unflagged']);
  });

  it('acts by filter within the caller\'s reach, on the cases of an import job, never beyond the limit', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => JSON.stringify({ externalRef: `BULK-${i}`, kind: 'asylum', person: { givenNames: `Imported${i}`, familyName: 'Case', nationality: 'IQ', birthDate: '1961-02-03' } }));
    const job = await runCaseImport({ db: storage.db, actor: itSupervisor, source: textSource('bulk.ndjson', 'ndjson', rows.join('\n')) });
    const result = await bulk(itSupervisor, { action: 'assign', filter: { importJobId: job.id, assignedTo: null }, to: 'it-caseworker', reason: 'the backlog of the import' });
    assert.deepEqual([result.total, result.changed], [5, 5]);
    const caseworkerSees = await bulk(itCaseworker, { action: 'flag', filter: { importJobId: job.id }, flag: 'priority', reason: 'old applications' });
    assert.equal(caseworkerSees.changed, 5, 'assigned to the caseworker now, so within their reach');
    for (let i = 0; i < 1000; i += 250) {
      const many = Array.from({ length: 250 }, (_, j) => JSON.stringify({ externalRef: `MANY-${i + j}`, kind: 'asylum', person: { givenNames: 'Many', familyName: `N${i + j}`, nationality: 'PK' } }));
      await runCaseImport({ db: storage.db, actor: itSupervisor, batchSize: 250, source: textSource(`many-${i}.ndjson`, 'ndjson', many.join('\n')) });
    }
    await assert.rejects(bulk(itSupervisor, { action: 'flag', filter: {}, flag: 'legal-review', reason: 'everything' }),
      (e: unknown) => isDomainError(e, 'VALIDATION_FAILED') && /more than 1000 cases/.test(e.message));
    assert.equal(await storage.db.selectFrom('case_flags').select('case_id').where('flag', '=', 'legal-review').execute().then((r) => r.length), 0);
  });

  it('refuses the whole request when the caller may not do the action at all, or names no one to assign to', async () => {
    await assert.rejects(bulk(itAnalyst, { action: 'flag', caseIds: [randomUUID()], flag: 'priority', reason: 'curious' }), (e: unknown) => isDomainError(e, 'FORBIDDEN'));
    await assert.rejects(bulk(itCaseworker, { action: 'assign', caseIds: [randomUUID()], to: 'it-caseworker', reason: 'self' }), (e: unknown) => isDomainError(e, 'FORBIDDEN'));
    for (const [input, path] of [
      [{ action: 'assign', caseIds: [randomUUID()], to: 'gr-caseworker', reason: 'wrong tenant' }, 'to'],
      [{ action: 'assign', caseIds: [randomUUID()], to: 'it-auditor', reason: 'not a caseworker' }, 'to'],
      [{ action: 'assign', caseIds: [randomUUID()], reason: 'nobody' }, 'to'],
      [{ action: 'flag', caseIds: [randomUUID()], reason: 'no flag' }, 'flag'],
      [{ action: 'flag', reason: 'no cases', flag: 'priority' }, 'caseIds'],
      [{ action: 'assign', caseIds: [randomUUID()], to: 'it-caseworker', unitId: 'harbour', reason: 'no such unit' }, 'unitId'],
    ] as Array<[BulkActionInput, string]>) {
      await assert.rejects(bulk(itSupervisor, input), (e: unknown) => isDomainError(e, 'VALIDATION_FAILED') && e.fields[0]?.path === path, JSON.stringify(input));
    }
  });

  it('leaves every audit chain whole', async () => {
    assert.deepEqual((await verifyChains({ db: storage.db })).filter((r) => !r.ok), []);
  });
});
