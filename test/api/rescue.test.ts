/**
 * Rescue at sea over HTTP: an event registered (201, ETag, Location, the caller's actions), corrected
 * only with If-Match (428 without, 412 stale), persons linked, and each person's assignment decided as
 * the law engine answers — a Member State's port allowed, a third country and the Italy–Albania Protocol
 * refused with 422 ASSIGNMENT_REFUSED and the findings — retried safely with an Idempotency-Key; another
 * tenant finds nothing; the permission table decides who assigns.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE } from '../support/storage.ts';
import { openCaseBody, startTestProduct, type TestProduct } from '../support/product.ts';

type Json = Record<string, any>;

const EVENT = {
  kind: 'rescue', occurredAt: '2026-09-20T05:10:00+02:00', position: { lat: 35.48, lon: 12.61 }, vessel: { name: 'Ocean Test', flag: 'DE', operator: 'ngo' },
  waters: { kind: 'international', state: null }, sarRegion: 'MT', coordinatingCentre: 'RCC Malta', peopleOnBoard: 2, missing: 0, reason: 'Mayday relay',
};

describe(`rescue at sea over HTTP on ${ENGINE}`, { timeout: 240_000 }, () => {
  let t: TestProduct;
  let event: Json;
  let persons: Json[];

  before(async () => {
    t = await startTestProduct();
  });
  after(() => t.close());

  async function problem(response: Response, status: number, code: string): Promise<Json> {
    const text = await response.text();
    assert.equal(response.status, status, text);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = JSON.parse(text) as Json;
    assert.equal(body.code, code);
    return body;
  }

  async function version(id: string): Promise<string> {
    return (await t.call('it-supervisor', 'GET', `/api/rescue-events/${id}`)).headers.get('etag')!;
  }

  it('registers an event and answers with its reference, version and the caller\'s actions', async () => {
    const response = await t.call('it-caseworker', 'POST', '/api/rescue-events', { body: EVENT });
    assert.equal(response.status, 201, await response.clone().text());
    event = await response.json() as Json;
    assert.equal(response.headers.get('etag'), '"1"');
    assert.equal(response.headers.get('location'), `/api/rescue-events/${event.id}`);
    assert.match(event.reference, /^IT-SAR-\d{4}-\d{6}$/);
    assert.equal(event.occurredAt, '2026-09-20T03:10:00.000Z');
    assert.deepEqual(event.allowed, ['update', 'decide']);
    assert.deepEqual([event.deceased, event.note, event.persons], [0, null, []]);
    const invalid = await problem(await t.call('it-caseworker', 'POST', '/api/rescue-events', { body: { ...EVENT, waters: { kind: 'territorial', state: null } } }), 400, 'VALIDATION_FAILED');
    assert.deepEqual(invalid.errors.map((e: Json) => e.path), ['waters.state']);
  });

  it('corrects an event only with the version read', async () => {
    const change = { changes: { coordinatingCentre: 'MRCC Rome', position: { lat: 35.5, lon: 12.6 } }, reason: 'handover of coordination' };
    await problem(await t.call('it-caseworker', 'PATCH', `/api/rescue-events/${event.id}`, { body: change }), 428, 'PRECONDITION_REQUIRED');
    const changed = await t.call('it-caseworker', 'PATCH', `/api/rescue-events/${event.id}`, { body: change, headers: { 'if-match': '"1"' } });
    assert.equal(changed.status, 200, await changed.clone().text());
    assert.deepEqual([(await changed.json() as Json).coordinatingCentre, changed.headers.get('etag')], ['MRCC Rome', '"2"']);
    await problem(await t.call('it-caseworker', 'PATCH', `/api/rescue-events/${event.id}`, { body: change, headers: { 'if-match': '"1"' } }), 412, 'VERSION_CONFLICT');
  });

  it('links the persons registered from it', async () => {
    persons = [];
    for (let i = 0; i < 2; i++) {
      const opened = await (await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody({ person: { givenNames: 'Rescued', familyName: `Person ${i}`, nationality: 'BD', birthDate: '1999-01-01', sex: 'M', vulnerabilities: [] } }) })).json() as Json;
      persons.push(opened);
      const linked = await t.call('it-caseworker', 'POST', `/api/rescue-events/${event.id}/persons`, {
        body: { personId: opened.personId, caseId: opened.id }, headers: { 'if-match': await version(event.id) },
      });
      assert.equal(linked.status, 201, await linked.clone().text());
    }
    const third = await (await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody() })).json() as Json;
    await problem(await t.call('it-caseworker', 'POST', `/api/rescue-events/${event.id}/persons`, { body: { personId: third.personId }, headers: { 'if-match': await version(event.id) } }), 409, 'INVALID_STATE');
  });

  it('assigns to a Member State\'s port, and refuses a third country and the Italy–Albania Protocol with the findings', async () => {
    const body = { personId: persons[0]!.personId, destination: 'place-of-safety', country: 'IT', place: 'Pozzallo', reason: 'port assigned by MRCC Rome' };
    const headers = { 'if-match': await version(event.id), 'idempotency-key': 'assign-1' };
    const assigned = await t.call('it-caseworker', 'POST', `/api/rescue-events/${event.id}/assignments`, { body, headers });
    assert.equal(assigned.status, 201, await assigned.clone().text());
    const result = await assigned.json() as Json;
    assert.deepEqual(result.assignment.findings.map((f: Json) => [f.question, f.outcome]), [['access-to-procedure', 'yes']]);
    assert.equal(result.event.persons[0].assignment.id, result.assignment.id);
    const replay = await t.call('it-caseworker', 'POST', `/api/rescue-events/${event.id}/assignments`, { body, headers });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal((await replay.json() as Json).assignment.id, result.assignment.id);

    const libya = await problem(await t.call('it-caseworker', 'POST', `/api/rescue-events/${event.id}/assignments`, {
      body: { personId: persons[1]!.personId, destination: 'place-of-safety', country: 'LY', reason: 'nearest port' }, headers: { 'if-match': await version(event.id) },
    }), 422, 'ASSIGNMENT_REFUSED');
    assert.equal(libya.refusals[0].question, 'removal');
    const offshore = await problem(await t.call('it-supervisor', 'POST', `/api/rescue-events/${event.id}/assignments`, {
      body: { personId: persons[1]!.personId, destination: 'mechanism', mechanism: 'it-al-protocol', reason: 'protocol' }, headers: { 'if-match': await version(event.id) },
    }), 422, 'ASSIGNMENT_REFUSED');
    // An NGO vessel is not Italy's authorities: the Protocol's terms bar it outright.
    assert.equal(offshore.refusals[0].outcome, 'no');
    assert.match(offshore.refusals[0].because.join(' '), /not carried out by IT's authorities/);
  });

  it('keeps other tenants out and lets only those the table allows assign', async () => {
    await problem(await t.call('gr-supervisor', 'GET', `/api/rescue-events/${event.id}`), 404, 'NOT_FOUND');
    assert.deepEqual((await (await t.call('gr-supervisor', 'GET', '/api/rescue-events')).json() as Json).items, []);
    await problem(await t.call('it-agency-officer', 'POST', `/api/rescue-events/${event.id}/assignments`, {
      body: { personId: persons[1]!.personId, destination: 'place-of-safety', country: 'IT', reason: 'port' }, headers: { 'if-match': await version(event.id) },
    }), 403, 'FORBIDDEN');
    await problem(await t.call('it-policy-analyst', 'GET', '/api/rescue-events'), 403, 'FORBIDDEN');
    const listed = await (await t.call('it-fundamental-rights-monitor', 'GET', '/api/rescue-events?from=2026-09-20&to=2026-09-20')).json() as Json;
    assert.deepEqual(listed.items.map((e: Json) => [e.id, e.allowed]), [[event.id, []]]);
  });
});
