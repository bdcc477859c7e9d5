/**
 * Deadlines kept on cases, on both engines: recomputed when a transition or a change of facts changes
 * them (on both sides of 12 June 2026, when the Regulation replaces the Directive), ended as met,
 * missed or lapsed, gone from closed cases, recomputed for every open case after a change of the law;
 * tasks raised as a deadline approaches and escalated to the unit's supervisors once it has passed,
 * each once; the queue's order, filters, pages and tenant wall; the compliance report's figures; and
 * who may do what. The expected dates come from the law engine itself (and are also written out).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Actor, Role } from '../access/roles.ts';
import { systemActor } from '../access/roles.ts';
import { approveTransition } from '../cases/approve-transition.ts';
import { assessCase, loadCaseSubject } from '../cases/assess-case.ts';
import type { CaseFactsPatch } from '../cases/case-facts.ts';
import type { CaseKind } from '../cases/case.ts';
import { getCase } from '../cases/get-case.ts';
import { BASELINE_LAW, caseLawWith, type CaseLaw } from '../cases/law-context.ts';
import { openCase } from '../cases/open-case.ts';
import { takeTransition } from '../cases/take-transition.ts';
import { updateCase } from '../cases/update-case.ts';
import { isDomainError } from '../errors.ts';
import { asActor } from '../../storage/transaction.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { getCaseDeadlines } from './get-case-deadlines.ts';
import { getDeadlineCompliance } from './get-deadline-compliance.ts';
import { listQueue, type QueueItem } from './list-queue.ts';
import { listTasks } from './list-tasks.ts';
import { recomputeDeadlines } from './recompute-deadlines.ts';
import { scheduleSweeps } from './schedule-sweeps.ts';
import { sweepDeadlines, type SweepReport } from './sweep-deadlines.ts';
import { updateTask } from './update-task.ts';

let storage: TestStorage;

function actor(tenantId: string, name: string, roles: Role[], unitId: string | null = 'asylum'): Actor {
  return { id: `${tenantId.toLowerCase()}-${name}`, displayName: name, tenantId, unitId, roles };
}
const caseworker = (tenantId: string, name = 'caseworker', unitId = 'asylum') => actor(tenantId, name, ['caseworker'], unitId);
const supervisor = (tenantId: string) => actor(tenantId, 'supervisor', ['supervisor']);
const PERSON = { givenNames: 'Amal', familyName: 'Deadline', nationality: 'SY', birthDate: '1994-02-03', sex: 'F' as const };

async function open(tenantId: string, options: { by?: Actor; kind?: CaseKind; unitId?: string; assignedTo?: string | null } = {}): Promise<string> {
  const by = options.by ?? caseworker(tenantId);
  const input = { kind: options.kind ?? 'asylum', person: PERSON, ...(options.unitId ? { unitId: options.unitId } : {}), ...(options.assignedTo !== undefined ? { assignedTo: options.assignedTo } : {}) };
  return (await asActor(storage.db, by, (tx) => openCase({ tx, actor: by, input }))).id;
}

async function versionOf(tenantId: string, caseId: string): Promise<number> {
  const by = supervisor(tenantId);
  return (await asActor(storage.db, by, (tx) => getCase({ tx, actor: by, caseId }))).version;
}

/** Takes a transition as the tenant's supervisor; a four-eyes one is approved by a second supervisor. */
async function take(tenantId: string, caseId: string, transition: string, on: string, law: CaseLaw = BASELINE_LAW): Promise<void> {
  const by = supervisor(tenantId);
  const version = await versionOf(tenantId, caseId);
  const result = await asActor(storage.db, by, (tx) => takeTransition({
    tx, actor: by, caseId, expectedVersion: version, input: { transition, reason: `${transition} (test)`, on }, law,
  }));
  if (result.status === 'pending') {
    const second = actor(tenantId, 'second-supervisor', ['supervisor']);
    await asActor(storage.db, second, (tx) => approveTransition({ tx, actor: second, caseId, transitionId: result.transition.id, expectedVersion: result.case.version, reason: 'approved (test)', law }));
  }
}

async function setFacts(tenantId: string, caseId: string, facts: CaseFactsPatch, law: CaseLaw = BASELINE_LAW): Promise<void> {
  const by = supervisor(tenantId);
  const version = await versionOf(tenantId, caseId);
  await asActor(storage.db, by, (tx) => updateCase({ tx, actor: by, caseId, expectedVersion: version, input: { facts, reason: 'facts (test)' }, law }));
}

async function deadlinesOf(tenantId: string, caseId: string) {
  const by = supervisor(tenantId);
  return asActor(storage.db, by, (tx) => getCaseDeadlines({ tx, actor: by, caseId }));
}

/** The deadlines the law engine computes for the case on a day (the oracle), by name. */
async function engineDeadlines(tenantId: string, caseId: string, on: string, law: CaseLaw = BASELINE_LAW): Promise<Map<string, string>> {
  const by = supervisor(tenantId);
  return asActor(storage.db, by, async (tx) => {
    const c = await getCase({ tx, actor: by, caseId });
    const assessed = assessCase({ case: c, subject: await loadCaseSubject(tx, c, on), on, law });
    return new Map((assessed.assessment?.deadlines ?? []).map((d) => [d.name, d.date]));
  });
}

const sweep = (tenantId: string, on: string) => sweepDeadlines({ db: storage.db, actor: systemActor(tenantId, 'deadlines'), on, warningDays: 3 });

describe(`deadlines on ${ENGINE}`, () => {
  before(async () => {
    storage = await openTestStorage();
  });
  after(() => storage.close());

  describe('kept on every open case', () => {
    it('holds none for a case just opened: no facts, nothing due', async () => {
      const caseId = await open('IT');
      assert.deepEqual((await deadlinesOf('IT', caseId)).current, []);
    });

    for (const [madeOn, due, basis] of [
      ['2026-06-11', '2026-06-16', ['Directive 2013/32/EU Art. 6(1)']],
      ['2026-06-12', '2026-06-17', ['Regulation (EU) 2024/1348 Art. 27(1)']],
      // Five days from Monday 6 July end on Saturday 11 July: the Regulation's time limits end on a working day.
      ['2026-07-06', '2026-07-13', ['Regulation (EU) 2024/1348 Art. 27(1)', 'Regulation (EU) 2024/1348 Art. 73, point (c)']],
    ] as const) {
      it(`registers an application made on ${madeOn} by ${due}: the deadline the engine computes, with its basis`, async () => {
        const caseId = await open('IT');
        await take('IT', caseId, 'make-application', madeOn);
        const { current } = await deadlinesOf('IT', caseId);
        assert.deepEqual(current.map((d) => [d.name, d.dueOn]), [['registration', due]]);
        assert.equal((await engineDeadlines('IT', caseId, madeOn)).get('registration'), due);
        assert.deepEqual(current[0]!.basis, basis);
        assert.equal(current[0]!.assessedOn, madeOn);
        assert.match(current[0]!.lawDigest, /^sha256:[0-9a-f]{64}$/);
        const row = await storage.db.selectFrom('cases').select(['next_due_on', 'next_deadline']).where('id', '=', caseId).executeTakeFirstOrThrow();
        assert.deepEqual(row, { next_due_on: due, next_deadline: 'registration' });
      });
    }

    it('meets the registration on its last day on time and a day later late; the Regulation then runs the lodging time limit', async () => {
      for (const [registeredOn, late] of [['2026-07-07', false], ['2026-07-08', true]] as const) {
        const caseId = await open('IT');
        await take('IT', caseId, 'make-application', '2026-07-02');
        await take('IT', caseId, 'register-application', registeredOn);
        const view = await deadlinesOf('IT', caseId);
        assert.deepEqual(view.ended.map((e) => [e.name, e.dueOn, e.outcome, e.endedOn, e.cause]), [['registration', '2026-07-07', 'met', registeredOn, 'register-application']]);
        assert.equal(view.ended[0]!.endedOn > view.ended[0]!.dueOn, late);
        assert.deepEqual(view.current.map((d) => [d.name, d.dueOn]), [['lodging', (await engineDeadlines('IT', caseId, registeredOn)).get('lodging')!]]);
      }
    });

    it('recomputes when the facts change: a detention adds its maximum, a release meets it', async () => {
      const caseId = await open('IT');
      await setFacts('IT', caseId, { detention: { since: '2026-07-01' } });
      const detained = await deadlinesOf('IT', caseId);
      assert.deepEqual(detained.current.map((d) => [d.name, d.dueOn]), [['detention-maximum', '2027-12-31']]);
      await setFacts('IT', caseId, { detention: null });
      const released = await deadlinesOf('IT', caseId);
      assert.deepEqual(released.current, []);
      assert.deepEqual(released.ended.map((e) => [e.name, e.outcome, e.cause]), [['detention-maximum', 'met', 'facts']]);
      const events = await storage.db.selectFrom('audit_events').select(['action', 'data']).where('entity_id', '=', caseId).orderBy('seq').execute();
      assert.deepEqual(events.map((e) => e.action), ['case.opened', 'case.updated', 'case.deadlines-changed', 'case.updated', 'case.deadlines-changed']);
      assert.deepEqual((events[4]!.data as { ended: unknown[] }).ended, [{ name: 'detention-maximum', dueOn: '2027-12-31', outcome: 'met', endedOn: new Date().toISOString().slice(0, 10) }]);
    });

    it('writes nothing and appends no event when a change leaves the deadlines as they were', async () => {
      const caseId = await open('IT');
      await take('IT', caseId, 'start-screening', '2026-07-01');
      await setFacts('IT', caseId, { journey: { transits: [{ country: 'LY', days: 30 }] } });
      const actions = (await storage.db.selectFrom('audit_events').select('action').where('entity_id', '=', caseId).execute()).map((e) => e.action);
      assert.ok(!actions.includes('case.deadlines-changed'));
    });

    it('keeps none on a closed case: what ran ends, missed when its day had passed', async () => {
      const caseId = await open('IT');
      await take('IT', caseId, 'make-application', '2026-07-02');
      await take('IT', caseId, 'discontinue', '2026-07-20');
      const view = await deadlinesOf('IT', caseId);
      assert.deepEqual(view.current, []);
      assert.deepEqual(view.ended.map((e) => [e.name, e.outcome]), [['registration', 'missed']]);
      const row = await storage.db.selectFrom('cases').select(['next_due_on', 'closed_at']).where('id', '=', caseId).executeTakeFirstOrThrow();
      assert.equal(row.next_due_on, null);
      assert.ok(row.closed_at);
    });
  });

  describe('after a change of the law', () => {
    const crisis = caseLawWith({ crisisAuthorisations: [{ memberState: 'PT', kind: 'mass-arrival', from: '2026-07-01', to: '2026-09-30', derogations: ['registration-4-weeks'] }] });

    it('recomputes every open case of the tenant, closes the tasks of moved deadlines, and changes nothing when run again', async () => {
      const moved = await open('PT');
      await take('PT', moved, 'make-application', '2026-07-02');
      const untouched = await open('PT');
      await take('PT', untouched, 'start-screening', '2026-07-02');
      assert.equal((await sweep('PT', '2026-07-05')).approaching, 1);
      // One case a batch: the next batch is read while one is assessed and the previous one written.
      const report = await recomputeDeadlines({ db: storage.db, actor: systemActor('PT', 'deadlines'), on: '2026-07-05', law: crisis, batchSize: 1 });
      assert.deepEqual({ assessed: report.assessed, changed: report.changed, tasksClosed: report.tasksClosed, unassessable: report.unassessable },
        { assessed: 2, changed: 1, tasksClosed: 1, unassessable: 0 });
      const view = await deadlinesOf('PT', moved);
      assert.deepEqual(view.current.map((d) => [d.name, d.dueOn, d.basis]), [['registration', '2026-07-30', ['Regulation (EU) 2024/1359 Art. 10(1)']]]);
      assert.equal((await engineDeadlines('PT', moved, '2026-07-05', crisis)).get('registration'), '2026-07-30');
      assert.deepEqual(view.tasks.map((t) => [t.status, t.resolvedBy, t.resolution]), [['resolved', 'system:deadlines', 'the deadline moved to another date']]);
      const again = await recomputeDeadlines({ db: storage.db, actor: systemActor('PT', 'deadlines'), on: '2026-07-05', law: crisis });
      assert.equal(again.changed, 0);
      const events = await storage.db.selectFrom('audit_events').select('action').where('tenant_id', '=', 'PT').where('action', '=', 'case.deadlines-recomputed').execute();
      assert.equal(events.length, 1, 'one event per batch that changed something');
    });

    it('lets only an administrator of the tenant recompute', async () => {
      await assert.rejects(recomputeDeadlines({ db: storage.db, actor: supervisor('PT'), law: BASELINE_LAW }), (e) => isDomainError(e, 'FORBIDDEN'));
    });
  });

  describe('tasks and escalation', () => {
    it('raises a task for the assignee as the deadline approaches and escalates to the unit\'s supervisors once it has passed, each once', async () => {
      // Made on Wednesday 2 September: five days end on Monday 7 September.
      const caseId = await open('NL');
      await take('NL', caseId, 'make-application', '2026-09-02');
      assert.deepEqual(await sweep('NL', '2026-09-03'), { tenantId: 'NL', on: '2026-09-03', approaching: 0, passed: 0 }, 'four days before the deadline: outside the window');
      assert.equal((await sweep('NL', '2026-09-04')).approaching, 1);
      assert.deepEqual(await sweep('NL', '2026-09-04'), { tenantId: 'NL', on: '2026-09-04', approaching: 0, passed: 0 }, 'running the sweep twice raises nothing');
      assert.deepEqual(await sweep('NL', '2026-09-07'), { tenantId: 'NL', on: '2026-09-07', approaching: 0, passed: 0 }, 'on its last day it is approaching, not passed');
      assert.equal((await sweep('NL', '2026-09-08')).passed, 1);
      assert.equal((await sweep('NL', '2026-09-09')).passed, 0);
      const tasks = (await deadlinesOf('NL', caseId)).tasks;
      assert.deepEqual(tasks.map((t) => [t.kind, t.deadline, t.dueOn, t.assignee, t.role, t.unitId, t.status]), [
        ['deadline-approaching', 'registration', '2026-09-07', 'nl-caseworker', null, 'asylum', 'open'],
        ['deadline-passed', 'registration', '2026-09-07', null, 'supervisor', 'asylum', 'open'],
      ]);
      const events = await storage.db.selectFrom('audit_events').select('data').where('tenant_id', '=', 'NL').where('action', '=', 'case.tasks-raised').execute();
      assert.equal(events.length, 2);
    });

    it('addresses the approaching deadline of an unassigned case to the unit\'s supervisors', async () => {
      const caseId = await open('NL', { by: supervisor('NL'), assignedTo: null, unitId: 'return', kind: 'return' });
      await setFacts('NL', caseId, { detention: { since: '2025-03-10' } });
      assert.equal((await sweep('NL', '2026-09-07')).approaching, 1);
      const [task] = (await deadlinesOf('NL', caseId)).tasks;
      assert.deepEqual([task!.deadline, task!.dueOn, task!.assignee, task!.role, task!.unitId], ['detention-maximum', '2026-09-09', null, 'supervisor', 'return']);
    });

    it('lists each person\'s tasks, lets them acknowledge and resolve theirs with the version they saw, and refuses others\'', async () => {
      const caseId = await open('LU');
      await take('LU', caseId, 'make-application', '2026-09-01');
      await sweep('LU', '2026-09-04');
      await sweep('LU', '2026-09-10');
      const mine = caseworker('LU');
      const other = caseworker('LU', 'other-caseworker');
      const boss = supervisor('LU');
      const list = (who: Actor, to?: 'me' | 'unit' | 'all') => asActor(storage.db, who, (tx) => listTasks({ tx, actor: who, to }));
      const [approaching] = (await list(mine)).items;
      assert.equal(approaching!.kind, 'deadline-approaching');
      assert.deepEqual((await list(other)).items, []);
      assert.deepEqual((await list(boss)).items.map((t) => t.kind), ['deadline-passed'], 'the supervisor\'s own: the escalation');
      assert.equal((await list(boss, 'all')).items.length, 2);
      const act = (who: Actor, action: 'acknowledge' | 'resolve', version: number) => asActor(storage.db, who, (tx) => updateTask({ tx, actor: who, taskId: approaching!.id, expectedVersion: version, action, note: `${action} (test)` }));
      await assert.rejects(act(other, 'acknowledge', 1), (e) => isDomainError(e, 'FORBIDDEN'));
      const acknowledged = await act(mine, 'acknowledge', 1);
      assert.deepEqual([acknowledged.status, acknowledged.acknowledgedBy, acknowledged.version], ['acknowledged', 'lu-caseworker', 2]);
      await assert.rejects(act(mine, 'resolve', 1), (e) => isDomainError(e, 'VERSION_CONFLICT'));
      await assert.rejects(act(mine, 'acknowledge', 2), (e) => isDomainError(e, 'INVALID_STATE'));
      const resolved = await act(mine, 'resolve', 2);
      assert.deepEqual([resolved.status, resolved.resolvedBy, resolved.resolution], ['resolved', 'lu-caseworker', 'resolve (test)']);
      assert.deepEqual((await list(mine)).items, []);
      const events = await storage.db.selectFrom('audit_events').select('action').where('entity_id', '=', approaching!.id).orderBy('seq').execute();
      assert.deepEqual(events.map((e) => e.action), ['task.acknowledged', 'task.resolved']);
      // Registering the application meets the deadline: the escalation still open is resolved by the system.
      await take('LU', caseId, 'register-application', '2026-09-11');
      const [escalation] = (await list(boss, 'all')).items;
      assert.equal(escalation, undefined);
      const tasks = (await deadlinesOf('LU', caseId)).tasks;
      assert.deepEqual(tasks.map((t) => [t.kind, t.status, t.resolvedBy]), [['deadline-approaching', 'resolved', 'lu-caseworker'], ['deadline-passed', 'resolved', 'system:deadlines']]);
    });

    it('sweeps every tenant on the server\'s schedule: nothing at start, once per interval', async (t) => {
      t.mock.timers.enable({ apis: ['setInterval'] });
      const caseId = await open('FI');
      await take('FI', caseId, 'make-application', '2026-09-01');
      const runs: SweepReport[][] = [];
      const failures: unknown[] = [];
      const schedule = scheduleSweeps({ db: storage.db, everyMinutes: 5, warningDays: 3, onReports: (r) => runs.push(r), onError: (e) => failures.push(e) });
      t.mock.timers.tick(4 * 60_000);
      assert.equal(runs.length, 0, 'the first sweep comes one interval after start');
      t.mock.timers.tick(60_000);
      await schedule.stop();
      assert.deepEqual(failures, []);
      assert.equal(runs.length, 1);
      assert.deepEqual(runs[0]!.find((r) => r.tenantId === 'FI'), { tenantId: 'FI', on: new Date().toISOString().slice(0, 10), approaching: 0, passed: 1 });
    });
  });

  describe('the queue', () => {
    /**
     * Opens cases in SE with registration deadlines `made + 5 days` (moved off a weekend: 'late', made on
     * Tuesday 20 October, is due on Monday 26 October), in the given order of opening.
     */
    async function queueFixture(): Promise<{ ids: Record<string, string>; cw: Actor; other: Actor }> {
      const cw = caseworker('SE');
      const other = caseworker('SE', 'other-caseworker');
      const ids: Record<string, string> = {};
      for (const [label, made, by, unit] of [
        ['late', '2026-10-20', cw, 'asylum'], ['soon', '2026-11-18', cw, 'asylum'], ['early', '2026-10-01', other, 'asylum'],
        ['none', null, cw, 'asylum'], ['none2', null, other, 'asylum'], ['return', '2026-10-05', caseworker('SE', 'return-caseworker', 'return'), 'return'],
      ] as const) {
        ids[label] = await open('SE', { by, unitId: unit });
        if (made) await take('SE', ids[label]!, 'make-application', made);
      }
      ids.grCase = await open('GR');
      await take('GR', ids.grCase, 'make-application', '2026-09-01');
      return { ids, cw, other };
    }

    let fixture: Awaited<ReturnType<typeof queueFixture>>;
    const queue = (who: Actor, options: Partial<Parameters<typeof listQueue>[0]> = {}) =>
      asActor(storage.db, who, (tx) => listQueue({ tx, actor: who, on: '2026-11-21', ...options }));
    const labels = (items: QueueItem[]) => items.map((i) => Object.entries(fixture.ids).find(([, id]) => id === i.id)?.[0] ?? i.id);

    before(async () => { fixture = await queueFixture(); });

    it('puts the most urgent first, cases without a deadline last (longest open first), with the days left', async () => {
      const page = await queue(fixture.cw);
      assert.deepEqual(labels(page.items), ['early', 'late', 'soon', 'none', 'none2']);
      assert.deepEqual(page.items.map((i) => i.next && [i.next.name, i.next.dueOn, i.next.daysLeft, i.next.overdue]), [
        ['registration', '2026-10-06', -46, true], ['registration', '2026-10-26', -26, true], ['registration', '2026-11-23', 2, false], null, null,
      ]);
    });

    it('filters by kind, stage, unit, assignee and overdue', async () => {
      const boss = supervisor('SE');
      assert.deepEqual(labels((await queue(fixture.cw, { overdue: true })).items), ['early', 'late']);
      assert.deepEqual(labels((await queue(fixture.cw, { overdue: false })).items), ['soon', 'none', 'none2']);
      assert.deepEqual(labels((await queue(fixture.cw, { assignedTo: 'me' })).items), ['late', 'soon', 'none']);
      assert.deepEqual(labels((await queue(fixture.cw, { stage: 'registered' })).items), ['none', 'none2']);
      assert.deepEqual(labels((await queue(boss)).items), ['early', 'return', 'late', 'soon', 'none', 'none2'], 'a supervisor reads the whole tenant');
      assert.deepEqual(labels((await queue(boss, { unitId: 'return' })).items), ['return']);
      assert.deepEqual(labels((await queue(boss, { assignedTo: 'se-other-caseworker' })).items), ['early', 'none2']);
      assert.deepEqual(labels((await queue(boss, { kind: 'return' })).items), []);
      assert.deepEqual((await queue(fixture.cw, { unitId: 'return' })).items, [], 'a caseworker\'s unit scope is not widened by a filter');
    });

    it('pages through the same order whatever the page size', async () => {
      const boss = supervisor('SE');
      // Across the tenant a stage filter reads one scan per unit and merges them: the same order too.
      for (const filter of [{}, { stage: 'application-made' as const }, { kind: 'asylum' as const }]) {
        const whole = labels((await queue(boss, { limit: 100, ...filter })).items);
        assert.ok(whole.length >= 4);
        await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 4 }), async (limit) => {
          const seen: string[] = [];
          let after: string | undefined;
          do {
            const page = await queue(boss, { limit, after, ...filter });
            seen.push(...labels(page.items));
            after = page.next ?? undefined;
          } while (after);
          assert.deepEqual(seen, whole);
        }), { numRuns: 6 });
      }
      assert.deepEqual(labels((await queue(boss, { stage: 'application-made' })).items), ['early', 'return', 'late', 'soon']);
    });

    it('never shows another tenant\'s cases, and refuses a cursor it did not give', async () => {
      const greek = await queue(supervisor('GR'));
      assert.ok(greek.items.every((i) => i.id !== fixture.ids.early));
      assert.ok((await queue(supervisor('SE'))).items.every((i) => i.id !== fixture.ids.grCase));
      await assert.rejects(queue(fixture.cw, { after: 'bm90LWEtY3Vyc29y' }), (e) => isDomainError(e, 'VALIDATION_FAILED'));
      await assert.rejects(queue(actor('SE', 'analyst', ['policy-analyst'])), (e) => isDomainError(e, 'FORBIDDEN'));
    });
  });

  describe('the compliance report', () => {
    it('counts met on time, met late, missed, open overdue, lapsed and not yet due, per unit and procedure', async () => {
      const plan: Array<[string, string[]]> = [
        ['on time', ['make-application:2026-10-01', 'register-application:2026-10-06']],
        ['late', ['make-application:2026-10-01', 'register-application:2026-10-09']],
        ['missed', ['make-application:2026-10-01', 'discontinue:2026-10-10']],
        ['overdue', ['make-application:2026-10-02']],
        ['lapsed', ['make-application:2026-10-03', 'discontinue:2026-10-04']],
        ['not due', ['make-application:2026-11-20']],
      ];
      for (const [, steps] of plan) {
        const caseId = await open('AT');
        for (const step of steps) {
          const [transition, on] = step.split(':') as [string, string];
          await take('AT', caseId, transition, on);
        }
      }
      const boss = supervisor('AT');
      const report = await asActor(storage.db, boss, (tx) => getDeadlineCompliance({ tx, actor: boss, from: '2026-10-01', to: '2026-11-30', on: '2026-11-21' }));
      const registration = report.rows.filter((r) => r.deadline === 'registration');
      assert.deepEqual(registration, [{
        unitId: 'asylum', kind: 'asylum', deadline: 'registration', party: 'authority',
        metOnTime: 1, metLate: 1, missed: 1, openOverdue: 1, lapsed: 1, openNotDue: 1, onTimeRate: 0.25,
      }]);
      assert.ok(report.rows.every((r) => r.party === 'authority'), 'the person\'s deadlines (lodging) are not the authority\'s compliance');
      const narrow = await asActor(storage.db, boss, (tx) => getDeadlineCompliance({ tx, actor: boss, from: '2026-10-07', to: '2026-10-07', on: '2026-11-21' }));
      assert.equal(narrow.totals.openOverdue, 1, 'only the deadline due that day');
      assert.equal(narrow.totals.metOnTime + narrow.totals.metLate + narrow.totals.missed, 0);
      await assert.rejects(asActor(storage.db, caseworker('AT'), (tx) => getDeadlineCompliance({ tx, actor: caseworker('AT'), from: '2026-10-01', to: '2026-10-31' })),
        (e) => isDomainError(e, 'FORBIDDEN'));
      const monitor = actor('AT', 'monitor', ['fundamental-rights-monitor'], null);
      const seen = await asActor(storage.db, monitor, (tx) => getDeadlineCompliance({ tx, actor: monitor, from: '2026-10-01', to: '2026-11-30', on: '2026-11-21' }));
      assert.deepEqual(seen.totals, report.totals);
    });
  });
});
