/**
 * Procedures over HTTP: a case moves only along its transitions, each checked by the law engine on its
 * date; a refused one answers problem+json with the findings, citations and reasons; decisions wait for
 * a second person (four eyes: the proposer never approves, a caseworker never approves, approval moves
 * the case, rejection leaves it); the decision record pins the law and is tied to the audit chain; the
 * case carries the caller's actions and why the others are refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Problem } from '../../src/api/problem.ts';
import { ENGINE } from '../support/storage.ts';
import { openCaseBody, startTestProduct, type TestProduct } from '../support/product.ts';

type Json = Record<string, any>;

const TODAY = new Date().toISOString().slice(0, 10);

describe(`case procedures over HTTP on ${ENGINE}`, () => {
  let t: TestProduct;

  before(async () => {
    t = await startTestProduct();
    // A second supervisor in Italy: four eyes need two.
    await t.storage.db.insertInto('users').values({ id: 'it-supervisor-2', tenant_id: 'IT', unit_id: 'asylum', display_name: 'Second supervisor (IT)', roles: ['supervisor'] }).execute();
  });
  after(() => t.close());

  async function expectProblem(response: Response, status: number, code: string): Promise<Problem & Json> {
    const text = await response.text();
    assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status}: ${text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = JSON.parse(text) as Problem & Json;
    assert.equal(problem.code, code);
    return problem;
  }

  async function open(user = 'it-caseworker', overrides: Record<string, unknown> = {}): Promise<Json> {
    const response = await t.call(user, 'POST', '/api/cases', { body: openCaseBody(overrides) });
    assert.equal(response.status, 201, await response.clone().text());
    return response.json() as Promise<Json>;
  }

  async function read(caseId: string, user = 'it-supervisor'): Promise<Json> {
    const response = await t.call(user, 'GET', `/api/cases/${caseId}`);
    assert.equal(response.status, 200, await response.clone().text());
    return response.json() as Promise<Json>;
  }

  async function take(user: string, caseId: string, body: Json, version?: number): Promise<Response> {
    const v = version ?? (await read(caseId)).version;
    return t.call(user, 'POST', `/api/cases/${caseId}/transitions`, { body: { reason: 'in the test', ...body }, headers: { 'if-match': `"${v}"` } });
  }

  async function decide(user: string, caseId: string, transitionId: string, verdict: 'approve' | 'reject', version?: number): Promise<Response> {
    const v = version ?? (await read(caseId)).version;
    return t.call(user, 'POST', `/api/cases/${caseId}/transitions/${transitionId}/${verdict}`, { body: { reason: `${verdict === 'approve' ? 'approved' : 'rejected'} in the test` }, headers: { 'if-match': `"${v}"` } });
  }

  async function propose(user: string, caseId: string, transition = 'issue-return-decision'): Promise<Json> {
    const response = await take(user, caseId, { transition, voluntaryDepartureDays: 30 });
    assert.equal(response.status, 202, await response.clone().text());
    return response.json() as Promise<Json>;
  }

  describe('taking a transition', () => {
    it('moves the case, records who and why, and keeps a decision record tied to the audit chain', async () => {
      const opened = await open();
      const response = await take('it-caseworker', opened.id, { transition: 'start-screening', reason: 'disembarked at Lampedusa' }, 1);
      assert.equal(response.status, 200, await response.clone().text());
      assert.equal(response.headers.get('etag'), '"2"');
      const result = await response.json() as Json;
      assert.equal(result.status, 'taken');
      assert.equal(result.case.stage, 'screening');
      assert.equal(result.transition.proposedBy, 'it-caseworker');
      assert.equal(result.transition.reason, 'disembarked at Lampedusa');
      const decisions = await (await t.call('it-caseworker', 'GET', `/api/cases/${opened.id}/decisions?trace=true`)).json() as Json[];
      assert.equal(decisions.length, 1);
      const [record] = decisions;
      assert.equal(record!.intact, true);
      assert.match(record!.law.lawDigest, /^sha256:/);
      assert.ok(record!.rules.length > 0 && record!.rules.every((r: Json) => /^\d{4}-\d{2}-\d{2}$/.test(r.version)));
      assert.ok(Array.isArray(record!.trace) && record!.trace.length > 0);
      assert.equal(record!.facts.memberState, 'IT');
      const events = await (await t.call('it-caseworker', 'GET', `/api/cases/${opened.id}/events`)).json() as Json[];
      const moved = events.find((e) => e.action === 'case.transitioned')!;
      assert.equal(moved.data.decisionId, record!.id);
      assert.equal(moved.data.decisionHash, record!.contentHash);
      assert.equal(moved.reason, 'disembarked at Lampedusa');
    });

    it('refuses a transition the law does not permit with 422 problem+json naming each finding, its citations and reasons', async () => {
      const opened = await open('it-caseworker', { person: { givenNames: 'Karim', familyName: 'Rahman', nationality: 'BD', birthDate: '1996-05-01', sex: 'M' } });
      for (const [transition, on] of [['make-application', '2026-06-11'], ['register-application', '2026-06-11'], ['lodge-application', '2026-06-11']]) {
        assert.equal((await take('it-caseworker', opened.id, { transition, on })).status, 200);
      }
      const before = await read(opened.id);
      const problem = await expectProblem(await take('it-caseworker', opened.id, { transition: 'examine-in-accelerated-procedure', on: '2026-07-01' }), 422, 'TRANSITION_REFUSED');
      assert.equal(problem.transition, 'examine-in-accelerated-procedure');
      const [refusal] = problem.refusals as Json[];
      assert.equal(refusal!.code, 'FINDING');
      assert.equal(refusal!.question, 'accelerated-procedure');
      assert.equal(refusal!.outcome, 'no');
      assert.ok(refusal!.basis.length > 0 && refusal!.basis.every((b: string) => /Art\./.test(b)));
      assert.ok(refusal!.because.length > 0);
      assert.equal((await read(opened.id)).version, before.version, 'nothing was written');
    });

    it('refuses a transition that does not leave the case\'s stage with 409, and an effective date in the future or before the last one with 400', async () => {
      const opened = await open();
      await expectProblem(await take('it-caseworker', opened.id, { transition: 'lodge-application' }), 409, 'INVALID_TRANSITION');
      const future = await expectProblem(await take('it-caseworker', opened.id, { transition: 'start-screening', on: '2999-01-01' }), 400, 'VALIDATION_FAILED');
      assert.deepEqual(future.errors?.map((e) => e.path), ['on']);
      assert.equal((await take('it-caseworker', opened.id, { transition: 'start-screening', on: '2026-07-01' })).status, 200);
      const earlier = await expectProblem(await take('it-caseworker', opened.id, { transition: 'make-application', on: '2026-06-30' }), 400, 'VALIDATION_FAILED');
      assert.deepEqual(earlier.errors?.map((e) => e.path), ['on']);
    });

    it('needs If-Match, and refuses a stale one', async () => {
      const opened = await open();
      const blind = await t.call('it-caseworker', 'POST', `/api/cases/${opened.id}/transitions`, { body: { transition: 'start-screening', reason: 'blind' } });
      await expectProblem(blind, 428, 'PRECONDITION_REQUIRED');
      assert.equal((await take('it-caseworker', opened.id, { transition: 'start-screening' }, 1)).status, 200);
      await expectProblem(await take('it-caseworker', opened.id, { transition: 'make-application' }, 1), 412, 'VERSION_CONFLICT');
    });

    it('moves a stage by PATCH only along a plain transition, checked the same way', async () => {
      const opened = await open();
      const moved = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, { body: { stage: 'screening', reason: 'screening' }, headers: { 'if-match': '"1"' } });
      assert.equal(moved.status, 200);
      const decisions = await (await t.call('it-caseworker', 'GET', `/api/cases/${opened.id}/decisions`)).json() as Json[];
      assert.equal(decisions[0]!.transition, 'start-screening');
      const jump = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, { body: { stage: 'protection-granted', reason: 'shortcut' }, headers: { 'if-match': '"2"' } });
      await expectProblem(jump, 409, 'INVALID_TRANSITION');
      const fourEyes = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, { body: { stage: 'return-decision', reason: 'shortcut' }, headers: { 'if-match': '"2"' } });
      assert.match((await expectProblem(fourEyes, 409, 'INVALID_TRANSITION')).detail, /transitions/);
    });

    it('records the facts the law reads, naming the fields changed in the event but not their values', async () => {
      const opened = await open();
      const response = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, {
        body: { facts: { journey: { transits: [{ country: 'LY', days: 60 }] }, application: { atExternalBorder: true }, riskAssessments: [{ destination: 'BD', on: '2026-07-01', outcome: 'no-real-risk' }] }, reason: 'interview' },
        headers: { 'if-match': '"1"' },
      });
      assert.equal(response.status, 200, await response.clone().text());
      const changed = await response.json() as Json;
      assert.deepEqual(changed.facts.journey, { transits: [{ country: 'LY', days: 60 }] });
      const events = await (await t.call('it-caseworker', 'GET', `/api/cases/${opened.id}/events`)).json() as Json[];
      assert.deepEqual(events.at(-1)!.data.changes.facts, ['journey', 'riskAssessments', 'application.atExternalBorder']);
      assert.doesNotMatch(JSON.stringify(events), /LY|no-real-risk/);
      const orphan = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, { body: { facts: { requestToRemain: { madeOn: '2026-07-01', outcome: 'pending' } }, reason: 'x'.repeat(5) }, headers: { 'if-match': '"2"' } });
      await expectProblem(orphan, 409, 'INVALID_STATE');
    });
  });

  describe('four eyes', () => {
    it('keeps a decision pending: nothing else moves the case, a caseworker cannot approve, a supervisor who did not propose it approves and the case moves', async () => {
      const opened = await open();
      const proposal = await propose('it-caseworker', opened.id);
      assert.equal(proposal.status, 'pending');
      assert.equal(proposal.case.stage, 'registered');
      assert.equal(proposal.case.version, 2, 'a pending proposal changes the case');
      await expectProblem(await take('it-caseworker', opened.id, { transition: 'start-screening' }), 409, 'TRANSITION_PENDING');
      await expectProblem(await decide('it-caseworker', opened.id, proposal.transition.id, 'approve'), 403, 'FORBIDDEN');
      await expectProblem(await decide('it-supervisor', opened.id, proposal.transition.id, 'approve', 1), 412, 'VERSION_CONFLICT');
      const approved = await decide('it-supervisor', opened.id, proposal.transition.id, 'approve');
      assert.equal(approved.status, 200, await approved.clone().text());
      const result = await approved.json() as Json;
      assert.equal(result.case.stage, 'return-decision');
      assert.equal(result.transition.status, 'approved');
      assert.equal(result.transition.decidedBy, 'it-supervisor');
      assert.equal(result.decision.proposedBy, 'it-caseworker');
      assert.equal(result.decision.approvedBy, 'it-supervisor');
      assert.deepEqual(result.case.facts.returnDecision, { on: TODAY, voluntaryDepartureDays: 30, entryBanYears: null });
      await expectProblem(await decide('it-supervisor-2', opened.id, proposal.transition.id, 'approve'), 409, 'INVALID_STATE');
    });

    it('never lets the proposer approve or reject, even a supervisor', async () => {
      const opened = await open('it-supervisor');
      const proposal = await propose('it-supervisor', opened.id);
      await expectProblem(await decide('it-supervisor', opened.id, proposal.transition.id, 'approve'), 403, 'FOUR_EYES');
      await expectProblem(await decide('it-supervisor', opened.id, proposal.transition.id, 'reject'), 403, 'FOUR_EYES');
      const approved = await decide('it-supervisor-2', opened.id, proposal.transition.id, 'approve');
      assert.equal(approved.status, 200, await approved.clone().text());
      // Below the code, the table refuses it too.
      const row = await t.storage.db.selectFrom('case_transitions').select('id').where('case_id', '=', opened.id).executeTakeFirstOrThrow();
      await assert.rejects(sql`update case_transitions set decided_by = proposed_by where id = ${row.id}`.execute(t.storage.db), /check constraint/);
    });

    it('leaves the stage as it was when the proposal is rejected, with the reason recorded', async () => {
      const opened = await open();
      const proposal = await propose('it-caseworker', opened.id);
      const rejected = await decide('it-supervisor', opened.id, proposal.transition.id, 'reject');
      assert.equal(rejected.status, 200, await rejected.clone().text());
      const result = await rejected.json() as Json;
      assert.equal(result.case.stage, 'registered');
      assert.equal(result.transition.status, 'rejected');
      assert.equal(result.transition.decisionReason, 'rejected in the test');
      const events = await (await t.call('it-caseworker', 'GET', `/api/cases/${opened.id}/events`)).json() as Json[];
      assert.deepEqual(events.map((e) => e.action), ['case.opened', 'case.transition-proposed', 'case.transition-rejected']);
      assert.deepEqual(await (await t.call('it-caseworker', 'GET', `/api/cases/${opened.id}/decisions`)).json(), []);
      assert.equal((await take('it-caseworker', opened.id, { transition: 'start-screening' })).status, 200, 'the case moves on again');
    });

    it('asks the law again on approval: a proposal the law no longer permits stays pending', async () => {
      const opened = await open('it-caseworker', { kind: 'return', person: { givenNames: 'Karim', familyName: 'Rahman', nationality: 'BD', birthDate: '1996-05-01' } });
      await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, { body: { facts: { riskAssessments: [{ destination: 'BD', on: '2026-07-02', outcome: 'no-real-risk' }] }, reason: 'assessment' }, headers: { 'if-match': '"1"' } });
      const decision = await take('it-caseworker', opened.id, { transition: 'issue-return-decision', on: '2026-07-01' });
      const { transition } = await decision.json() as Json;
      assert.equal((await decide('it-supervisor', opened.id, transition.id, 'approve')).status, 200);
      const removal = await take('it-caseworker', opened.id, { transition: 'remove', country: 'BD', on: '2026-08-01' });
      assert.equal(removal.status, 202, await removal.clone().text());
      const pending = (await removal.json() as Json).transition;
      // A new assessment finds a real risk before the supervisor decides.
      const v = (await read(opened.id)).version;
      await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, {
        body: { facts: { riskAssessments: [{ destination: 'BD', on: '2026-07-02', outcome: 'no-real-risk' }, { destination: 'BD', on: '2026-07-30', outcome: 'real-risk' }] }, reason: 'new assessment' },
        headers: { 'if-match': `"${v}"` },
      });
      const refused = await expectProblem(await decide('it-supervisor', opened.id, pending.id, 'approve'), 422, 'TRANSITION_REFUSED');
      assert.equal((refused.refusals as Json[])[0]!.question, 'removal');
      assert.equal((await read(opened.id)).stage, 'return-decision');
      const view = await (await t.call('it-supervisor', 'GET', `/api/cases/${opened.id}/transitions`)).json() as Json;
      assert.equal(view.pending.id, pending.id);
    });
  });

  describe('what the caller may do', () => {
    it('lists each transition from the stage with the law\'s answer and this caller\'s permission, and logs the reasons shown', async () => {
      const opened = await open();
      const view = await (await t.call('it-caseworker', 'GET', `/api/cases/${opened.id}/transitions?on=2026-08-01`)).json() as Json;
      assert.equal(view.stage, 'registered');
      assert.equal(view.reasonsShown, true);
      const ids = (view.available as Json[]).map((a) => a.transition);
      assert.ok(ids.includes('start-screening') && ids.includes('issue-return-decision') && ids.includes('discontinue'));
      const logged = await t.storage.db.selectFrom('access_log').select('purpose').where('entity_id', '=', opened.personId).execute();
      assert.ok(logged.some((l) => /transitions/.test(l.purpose)));
      const monitor = await (await t.call('it-fundamental-rights-monitor', 'GET', `/api/cases/${opened.id}/transitions`)).json() as Json;
      assert.ok((monitor.available as Json[]).every((a) => a.permitted === false));
    });

    it('carries on the case the actions the caller may take now and why the others are refused', async () => {
      const opened = await open();
      const proposal = await propose('it-caseworker', opened.id);
      const forCaseworker = await read(opened.id, 'it-caseworker');
      const screening = (forCaseworker.actions as Json[]).find((a) => a.transition === 'start-screening')!;
      assert.equal(screening.possible, false);
      assert.ok(screening.refusedBy.some((r: Json) => r.code === 'PENDING'));
      const approve = (forCaseworker.actions as Json[]).find((a) => a.kind === 'approve')!;
      assert.equal(approve.permitted, false);
      const forSupervisor = await read(opened.id, 'it-supervisor');
      assert.equal((forSupervisor.actions as Json[]).find((a) => a.kind === 'approve')!.permitted, true);
      await decide('it-supervisor', opened.id, proposal.transition.id, 'approve');
      const after = await read(opened.id, 'it-fundamental-rights-monitor');
      assert.ok((after.actions as Json[]).every((a) => a.permitted === false && a.refusedBy.some((r: Json) => r.code === 'FORBIDDEN')), 'a monitor may read, not act');
    });
  });

  describe('decision records', () => {
    it('cannot be changed, and lose only their personal data on erasure', async () => {
      const opened = await open();
      assert.equal((await take('it-caseworker', opened.id, { transition: 'start-screening' })).status, 200);
      await assert.rejects(sql`update case_decisions set reason = 'rewritten' where case_id = ${opened.id}`.execute(t.storage.db), /immutable/);
      await assert.rejects(sql`delete from case_decisions where case_id = ${opened.id}`.execute(t.storage.db), /immutable/);
      const erased = await t.call('it-administrator', 'POST', `/api/persons/${opened.personId}/erasure`, { body: { reason: 'retention ended', legalBasis: ['Regulation (EU) 2016/679 Art. 17(1)(a)'] } });
      assert.equal(erased.status, 200);
      const [record] = await (await t.call('it-supervisor', 'GET', `/api/cases/${opened.id}/decisions?trace=true`)).json() as Json[];
      assert.equal(record!.facts, null);
      assert.equal(record!.intact, null);
      assert.ok(record!.erasedAt);
      assert.match(record!.contentHash, /^[0-9a-f]{64}$/, 'the hash in the chain stays');
      const verify = await (await t.call('it-auditor', 'GET', '/api/audit/verify')).json() as Json;
      assert.equal(verify.ok, true);
    });
  });

  it('opens a second case for a person already registered', async () => {
    const first = await open();
    const response = await t.call('it-caseworker', 'POST', '/api/cases', { body: { kind: 'return', personId: first.personId } });
    assert.equal(response.status, 201, await response.clone().text());
    const second = await response.json() as Json;
    assert.equal(second.personId, first.personId);
    await expectProblem(await t.call('it-caseworker', 'POST', '/api/cases', { body: { kind: 'return', personId: '6f1c2b9e-3b0a-4f7e-9a43-0c1d2e3f4a5b' } }), 400, 'VALIDATION_FAILED');
    await expectProblem(await t.call('it-caseworker', 'POST', '/api/cases', { body: { kind: 'return' } }), 400, 'VALIDATION_FAILED');
  });
});
