/**
 * Deadlines and queues through the HTTP API: the queue sorted by urgency with its filters and
 * problems for bad input, a case's deadlines, tasks raised by the sweep and acted on with If-Match,
 * the compliance report as JSON and CSV, and the recomputation by an administrator only. Each tenant
 * sees only its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../src/domain/access/roles.ts';
import { sweepDeadlines } from '../../src/domain/deadlines/sweep-deadlines.ts';
import { ENGINE } from '../support/storage.ts';
import { openCaseBody, startTestProduct, type TestProduct } from '../support/product.ts';

type Json = Record<string, any>;

let t: TestProduct;

async function open(user: string): Promise<Json> {
  const response = await t.call(user, 'POST', '/api/cases', { body: openCaseBody() });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json() as Promise<Json>;
}

async function take(user: string, caseId: string, transition: string, on: string): Promise<Json> {
  const current = await (await t.call(user, 'GET', `/api/cases/${caseId}`)).json() as Json;
  const response = await t.call(user, 'POST', `/api/cases/${caseId}/transitions`, { body: { transition, reason: 'test', on }, headers: { 'if-match': `"${current.version}"` } });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json() as Promise<Json>;
}

describe(`deadline routes on ${ENGINE}`, () => {
  let early: Json;
  let later: Json;

  before(async () => {
    t = await startTestProduct();
    early = await open('it-caseworker');
    await take('it-caseworker', early.id, 'make-application', '2026-10-01');
    later = await open('it-caseworker');
    await take('it-caseworker', later.id, 'make-application', '2026-11-19');
    await open('gr-caseworker');
  });
  after(() => t.close());

  it('serves the queue most urgent first, with the next deadline and the days left', async () => {
    const response = await t.call('it-caseworker', 'GET', '/api/queue?on=2026-11-21');
    assert.equal(response.status, 200);
    const page = await response.json() as Json;
    assert.deepEqual(page.items.map((i: Json) => [i.id, i.next?.name, i.next?.dueOn, i.next?.daysLeft, i.next?.overdue]), [
      [early.id, 'registration', '2026-10-06', -46, true], [later.id, 'registration', '2026-11-24', 3, false],
    ]);
    const overdue = await (await t.call('it-caseworker', 'GET', '/api/queue?on=2026-11-21&overdue=true&kind=asylum&stage=application-made&unitId=asylum&assignedTo=me')).json() as Json;
    assert.deepEqual(overdue.items.map((i: Json) => i.id), [early.id]);
    const greek = await (await t.call('gr-supervisor', 'GET', '/api/queue')).json() as Json;
    assert.ok(greek.items.every((i: Json) => ![early.id, later.id].includes(i.id)));
  });

  it('answers bad queue parameters with a problem naming the parameter', async () => {
    for (const [query, path] of [['overdue=maybe', 'query.overdue'], ['limit=0', 'query.limit'], ['on=2026-02-30', 'query.on'], ['after=bm90LWEtY3Vyc29y', 'after']]) {
      const response = await t.call('it-caseworker', 'GET', `/api/queue?${query}`);
      assert.equal(response.status, 400, query);
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.ok(((await response.json() as Json).errors as Json[]).some((e) => e.path === path), query);
    }
    assert.equal((await t.call('it-policy-analyst', 'GET', '/api/queue')).status, 403);
  });

  it('raises tasks the caller acts on with the version read, and shows them with the case\'s deadlines', async () => {
    await sweepDeadlines({ db: t.storage.db, actor: systemActor('IT', 'deadlines'), on: '2026-10-04', warningDays: 3 });
    await sweepDeadlines({ db: t.storage.db, actor: systemActor('IT', 'deadlines'), on: '2026-10-07', warningDays: 3 });
    const mine = await (await t.call('it-caseworker', 'GET', '/api/tasks')).json() as Json;
    assert.deepEqual(mine.items.map((x: Json) => [x.caseId, x.kind, x.assignee]), [[early.id, 'deadline-approaching', 'it-caseworker']]);
    const escalations = await (await t.call('it-supervisor', 'GET', '/api/tasks')).json() as Json;
    assert.deepEqual(escalations.items.map((x: Json) => [x.caseId, x.kind, x.role, x.unitId]), [[early.id, 'deadline-passed', 'supervisor', 'asylum']]);
    const task = mine.items[0] as Json;
    const stale = await t.call('it-caseworker', 'POST', `/api/tasks/${task.id}/resolve`, { body: { note: 'done' }, headers: { 'if-match': '"9"' } });
    assert.equal(stale.status, 412);
    const noIfMatch = await t.call('it-caseworker', 'POST', `/api/tasks/${task.id}/acknowledge`, { body: {} });
    assert.equal(noIfMatch.status, 428);
    const acknowledged = await t.call('it-caseworker', 'POST', `/api/tasks/${task.id}/acknowledge`, { body: {}, headers: { 'if-match': '"1"' } });
    assert.equal(acknowledged.status, 200, await acknowledged.clone().text());
    assert.equal(acknowledged.headers.get('etag'), '"2"');
    const twice = await t.call('it-caseworker', 'POST', `/api/tasks/${task.id}/acknowledge`, { body: {}, headers: { 'if-match': '"2"' } });
    assert.equal(twice.status, 409);
    assert.equal((await t.call('it-caseworker-return', 'POST', `/api/tasks/${task.id}/resolve`, { body: { note: 'not mine' }, headers: { 'if-match': '"2"' } })).status, 403);
    assert.equal((await t.call('gr-supervisor', 'POST', `/api/tasks/${task.id}/resolve`, { body: { note: 'not ours' }, headers: { 'if-match': '"2"' } })).status, 404);
    const view = await (await t.call('it-caseworker', 'GET', `/api/cases/${early.id}/deadlines`)).json() as Json;
    assert.deepEqual(view.current.map((d: Json) => [d.name, d.dueOn, d.party]), [['registration', '2026-10-06', 'authority']]);
    assert.deepEqual(view.tasks.map((x: Json) => [x.kind, x.status]), [['deadline-approaching', 'acknowledged'], ['deadline-passed', 'open']]);
  });

  it('reports compliance as JSON and as CSV for a spreadsheet', async () => {
    await take('it-supervisor', early.id, 'register-application', '2026-10-09');
    const json = await (await t.call('it-supervisor', 'GET', '/api/reports/deadline-compliance?from=2026-10-01&to=2026-11-30&on=2026-11-21')).json() as Json;
    assert.deepEqual(json.rows.map((r: Json) => [r.unitId, r.kind, r.deadline, r.metOnTime, r.metLate, r.missed, r.openOverdue, r.openNotDue]), [
      ['asylum', 'asylum', 'registration', 0, 1, 0, 0, 1],
    ]);
    const csv = await t.call('it-supervisor', 'GET', '/api/reports/deadline-compliance?from=2026-10-01&to=2026-11-30&on=2026-11-21&format=csv');
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    assert.equal(lines[0], 'from,to,unitId,kind,deadline,party,metOnTime,metLate,missed,openOverdue,lapsed,openNotDue,onTimeRate');
    assert.equal(lines[1], '2026-10-01,2026-11-30,asylum,asylum,registration,authority,0,1,0,0,0,1,0');
    assert.equal(lines.length, 3, 'the rows, then the totals');
    const reversed = await t.call('it-supervisor', 'GET', '/api/reports/deadline-compliance?from=2026-11-30&to=2026-10-01');
    assert.equal(reversed.status, 400);
    assert.equal((await t.call('it-caseworker', 'GET', '/api/reports/deadline-compliance?from=2026-10-01&to=2026-11-30')).status, 403);
  });

  it('lets the tenant\'s administrator recompute every open case, and nobody else', async () => {
    const response = await t.call('it-administrator', 'POST', '/api/deadlines/recompute', { body: { on: '2026-11-21' } });
    assert.equal(response.status, 200, await response.clone().text());
    const report = await response.json() as Json;
    assert.equal(report.tenantId, 'IT');
    assert.equal(report.changed, 0, 'nothing changed since the transitions computed them');
    assert.equal(report.assessed, 2);
    assert.equal((await t.call('it-supervisor', 'POST', '/api/deadlines/recompute', { body: {} })).status, 403);
  });
});
