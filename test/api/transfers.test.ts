/**
 * Transfers over HTTP, with the registries as the law engine's facts: a transfer to a safe third
 * country planned while the Union's designation stands is blocked at the last moment once the
 * Commission suspends the designation (422 TRANSFER_BLOCKED with the citations and what changed), and
 * goes ahead once the suspension has ended; four eyes; Idempotency-Key and If-Match; a full facility is
 * a 409 naming the day; every write is an audited event; a facility's occupancy is readable by every
 * authenticated user as numbers only, and another Member State sees nothing of the transfer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE } from '../support/storage.ts';
import { openCaseBody, startTestProduct, type TestProduct } from '../support/product.ts';

type Json = Record<string, any>;

const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };
const DESIGNATION = 'safe-third-country:EU:RS:2026-06-12';

describe(`transfers over HTTP on ${ENGINE}`, () => {
  let t: TestProduct;

  before(async () => {
    t = await startTestProduct();
    await t.storage.db.insertInto('users').values({ id: 'it-supervisor-2', tenant_id: 'IT', unit_id: 'asylum', display_name: 'Second supervisor (IT)', roles: ['supervisor'] }).execute();
  });
  after(() => t.close());

  async function expectProblem(response: Response, status: number, code: string): Promise<Json> {
    const text = await response.text();
    assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status}: ${text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = JSON.parse(text) as Json;
    assert.equal(problem.code, code);
    return problem;
  }

  async function ok(response: Response, status = 200): Promise<Json> {
    const text = await response.text();
    assert.equal(response.status, status, text);
    return JSON.parse(text) as Json;
  }

  async function caseVersion(id: string): Promise<number> {
    return (await ok(await t.call('it-supervisor', 'GET', `/api/cases/${id}`))).version;
  }

  async function take(user: string, caseId: string, body: Json): Promise<Json> {
    const response = await t.call(user, 'POST', `/api/cases/${caseId}/transitions`, { body: { reason: 'in the test', ...body }, headers: { 'if-match': `"${await caseVersion(caseId)}"` } });
    assert.ok([200, 202].includes(response.status), await response.clone().text());
    return response.json() as Promise<Json>;
  }

  async function designation(): Promise<Json> {
    return ok(await t.call('com-administrator', 'GET', `/api/registries/designations/${DESIGNATION}`));
  }

  /** An application declared inadmissible on 20 June 2026: the applicant transited Serbia, where protection could have been sought. */
  async function inadmissibleViaSerbia(): Promise<Json> {
    const opened = await ok(await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody({ person: { givenNames: 'Omar', familyName: 'Haddad', nationality: 'SY', birthDate: '1990-01-01', sex: 'M' } }) }), 201);
    await ok(await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, {
      body: { facts: { journey: { transits: [{ country: 'RS', days: 21, couldHaveSoughtProtection: true }] }, riskAssessments: [{ destination: 'RS', on: '2026-06-12', outcome: 'no-real-risk' }] }, reason: 'interview' },
      headers: { 'if-match': `"${opened.version}"` },
    }));
    for (const transition of ['make-application', 'register-application', 'lodge-application', 'examine-admissibility']) await take('it-caseworker', opened.id, { transition, on: '2026-06-12' });
    const proposed = await take('it-caseworker', opened.id, { transition: 'declare-inadmissible-safe-third-country', on: '2026-06-20', country: 'RS' });
    await ok(await t.call('it-supervisor', 'POST', `/api/cases/${opened.id}/transitions/${proposed.transition.id}/approve`, {
      body: { reason: 'checked' }, headers: { 'if-match': `"${await caseVersion(opened.id)}"` },
    }));
    return opened;
  }

  it('blocks at the last moment a transfer whose designation the Commission suspended, and executes it once the suspension ended', async () => {
    await ok(await t.call('com-administrator', 'POST', '/api/registries/designations', {
      body: { data: { kind: 'safe-third-country', level: 'eu', country: 'RS', from: '2026-06-12', sources: [SOURCE], verified: true }, reason: 'Union list (test)' },
    }), 201);
    const c = await inadmissibleViaSerbia();
    const body = { purpose: 'safe-third-country', country: 'RS', on: '2026-06-22', cases: [{ caseId: c.id }], reason: 'readmission accepted by Serbia' };
    const planned = await ok(await t.call('it-caseworker', 'POST', '/api/transfers', { body, headers: { 'idempotency-key': 'plan-rs-1' } }), 201);
    const replay = await t.call('it-caseworker', 'POST', '/api/transfers', { body, headers: { 'idempotency-key': 'plan-rs-1' } });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal((await ok(replay, 201)).id, planned.id, 'a retry plans nothing twice');
    assert.deepEqual(planned.persons[0].findings.map((f: Json) => [f.question, f.country, f.outcome]), [['stc-inadmissibility', 'RS', 'yes']]);
    assert.deepEqual(planned.allowed, ['cancel'], 'the planner may not confirm');
    await expectProblem(await t.call('it-caseworker', 'POST', `/api/transfers/${planned.id}/confirm`, { body: { reason: 'mine' }, headers: { 'if-match': '"1"' } }), 403, 'FORBIDDEN');
    await expectProblem(await t.call('it-supervisor', 'POST', `/api/transfers/${planned.id}/confirm`, { body: { reason: 'looks fine' } }), 428, 'PRECONDITION_REQUIRED');
    const confirmed = await ok(await t.call('it-supervisor', 'POST', `/api/transfers/${planned.id}/confirm`, { body: { reason: 'escort booked' }, headers: { 'if-match': '"1"' } }));
    assert.equal(confirmed.status, 'confirmed');

    const before = await designation();
    await ok(await t.call('com-administrator', 'PATCH', `/api/registries/designations/${DESIGNATION}`, {
      body: { data: { suspensions: [{ from: '2026-06-21', to: null, reason: 'Significant change in the situation in the country', sources: [SOURCE] }] }, reason: 'Art. 63 APR suspension (test)' },
      headers: { 'if-match': `"${before.version}"` },
    }));
    const blocked = await expectProblem(await t.call('it-caseworker', 'POST', `/api/transfers/${planned.id}/execute`, {
      body: { reason: 'at the border crossing', on: '2026-06-22' }, headers: { 'if-match': `"${confirmed.version}"` },
    }), 422, 'TRANSFER_BLOCKED');
    const [person] = blocked.persons as Json[];
    assert.deepEqual(person!.changes.map((x: Json) => [x.question, x.country, x.planned, x.now]), [['stc-inadmissibility', 'RS', 'yes', 'review']]);
    assert.ok(person!.changes[0].basis.some((b: string) => b.includes('2024/1348')), 'the change cites the Regulation');
    assert.equal(blocked.law.registriesChanged, true);
    assert.equal(blocked.law.lawPackageChanged, false);
    assert.equal((await ok(await t.call('it-caseworker', 'GET', `/api/transfers/${planned.id}`))).status, 'confirmed', 'nothing was written but the refusal\'s audit event');

    const suspended = await designation();
    await ok(await t.call('com-administrator', 'PATCH', `/api/registries/designations/${DESIGNATION}`, {
      body: { data: { suspensions: [{ from: '2026-06-21', to: '2026-06-21', reason: 'Significant change in the situation in the country', sources: [SOURCE] }] }, reason: 'suspension ended (test)' },
      headers: { 'if-match': `"${suspended.version}"` },
    }));
    const executed = await ok(await t.call('it-caseworker', 'POST', `/api/transfers/${planned.id}/execute`, {
      body: { reason: 'handed over at the border crossing', on: '2026-06-22' }, headers: { 'if-match': `"${confirmed.version}"` },
    }));
    assert.deepEqual([executed.status, executed.executedBy, executed.executedOn, executed.persons[0].stage], ['executed', 'it-caseworker', '2026-06-22', 'transferred-third-country']);
    assert.notEqual(executed.lawExecuted.registryRevision, executed.lawPlanned.registryRevision);

    const events = await ok(await t.call('it-auditor', 'GET', `/api/audit/events?entityId=${planned.id}&limit=100`));
    assert.deepEqual(events.items.map((e: Json) => [e.action, e.actorId, e.reason]), [
      ['transfer.planned', 'it-caseworker', 'readmission accepted by Serbia'],
      ['transfer.confirmed', 'it-supervisor', 'escort booked'],
      ['transfer.execution-refused', 'it-caseworker', 'at the border crossing'],
      ['transfer.executed', 'it-caseworker', 'handed over at the border crossing'],
    ]);
  });

  it('refuses a place at a full facility with the day, and shows every user the numbers and nobody else the transfer', async () => {
    await ok(await t.call('it-partnership-officer', 'POST', '/api/registries/facilities', {
      body: { data: {
        code: 'it-http-centre', name: 'HTTP test centre', mechanisms: ['it-al-protocol'], location: { lat: 35.5, lon: 12.6, place: 'Lampedusa', country: 'IT' },
        jurisdiction: 'IT', operator: 'Test operator', capacity: [{ from: '2026-01-01', places: 1, verified: false }], sources: [SOURCE], owner: 'IT', verified: false,
      }, reason: 'test centre' },
    }), 201);
    const place = async () => {
      const opened = await ok(await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody() }), 201);
      return t.call('it-caseworker', 'POST', '/api/transfers', {
        body: { purpose: 'placement', facility: 'it-http-centre', on: '2026-09-01', until: '2026-09-07', cases: [{ caseId: opened.id }], reason: 'reception' },
      });
    };
    const held = await ok(await place(), 201);
    assert.deepEqual(held.persons[0].place, { from: '2026-09-01', to: '2026-09-07' });
    const full = await expectProblem(await place(), 409, 'CAPACITY_EXCEEDED');
    assert.deepEqual([full.day, full.places, full.persons], ['2026-09-01', 1, 2]);

    for (const user of ['gr-caseworker', 'com-policy-analyst', 'it-policy-analyst']) {
      const view = await ok(await t.call(user, 'GET', '/api/facilities/it-http-centre/occupancy?from=2026-09-01&to=2026-09-02'));
      assert.deepEqual(view.days[0], { on: '2026-09-01', capacity: 1, reserved: 1, occupied: 0, free: 0, overCapacity: false }, user);
      assert.doesNotMatch(JSON.stringify(view), new RegExp(`${held.id}|${held.persons[0].caseId}|${held.reference}`));
    }
    await expectProblem(await t.call('gr-supervisor', 'GET', `/api/transfers/${held.id}`), 404, 'NOT_FOUND');
    await expectProblem(await t.call('gr-supervisor', 'POST', `/api/transfers/${held.id}/cancel`, { body: { reason: 'not ours' }, headers: { 'if-match': '"1"' } }), 404, 'NOT_FOUND');
    assert.deepEqual((await ok(await t.call('gr-supervisor', 'GET', '/api/transfers'))).items, []);
    await expectProblem(await t.call('it-policy-analyst', 'GET', '/api/transfers'), 403, 'FORBIDDEN');
    await expectProblem(await t.call('gr-caseworker', 'GET', '/api/facilities/it-http-centre/occupancy?from=2026-09-02&to=2026-09-01'), 400, 'VALIDATION_FAILED');
    await expectProblem(await t.call('gr-caseworker', 'GET', '/api/facilities/no-such-centre/occupancy'), 404, 'NOT_FOUND');

    await expectProblem(await t.call('it-supervisor', 'POST', `/api/transfers/${held.id}/cancel`, { body: { reason: 'stale' }, headers: { 'if-match': '"7"' } }), 412, 'VERSION_CONFLICT');
    const cancelled = await ok(await t.call('it-supervisor', 'POST', `/api/transfers/${held.id}/cancel`, { body: { reason: 'placed elsewhere' }, headers: { 'if-match': '"1"' } }));
    assert.deepEqual([cancelled.status, cancelled.persons[0].status], ['cancelled', 'released']);
    assert.equal((await ok(await place(), 201)).status, 'planned', 'the place is free again');
  });

  it('answers a malformed plan with the field at fault', async () => {
    const bad = await expectProblem(await t.call('it-caseworker', 'POST', '/api/transfers', {
      body: { purpose: 'deportation', on: '2026-09-01', cases: [], reason: 'x' },
    }), 400, 'VALIDATION_FAILED');
    assert.ok(bad.errors.some((e: Json) => e.path === 'purpose'));
    const opened = await ok(await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody() }), 201);
    const noUntil = await expectProblem(await t.call('it-caseworker', 'POST', '/api/transfers', {
      body: { purpose: 'placement', facility: 'it-http-centre', on: '2026-09-01', cases: [{ caseId: opened.id }], reason: 'reception' },
    }), 400, 'VALIDATION_FAILED');
    assert.deepEqual(noUntil.errors.map((e: Json) => e.path), ['until']);
  });
});
