/**
 * Partnerships, mechanisms, facilities, funding, border situations and outreach over HTTP, through
 * `app.request()` on the engine the environment selects: a lifecycle gate answers 409 with the missing
 * item's path and writes nothing; a partnership's profile links its mechanisms, facilities, funding and
 * outreach; a country's profile shows them too; a facility list asked for a date gives the capacity on
 * it; the funding and asylum-access checks answer with their findings and citations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE } from '../support/storage.ts';
import { startTestProduct, type TestProduct } from '../support/product.ts';
import { registryState as stateOf } from '../support/registries.ts';

type Json = Record<string, any>;

const SOURCE = { title: 'Accordo (test)', url: 'https://example.org/accordo' };

describe(`partnerships over HTTP on ${ENGINE}`, () => {
  let t: TestProduct;
  before(async () => { t = await startTestProduct(); });
  after(() => t.close());

  const registryState = () => stateOf(t.storage.db);

  it('documents the new kinds and cross-kind routes in the OpenAPI document', async () => {
    const doc = await (await t.call(null, 'GET', '/api/openapi.json')).json() as Json;
    for (const plural of ['partnerships', 'mechanisms', 'facilities', 'funding-instruments', 'funding', 'border-situations', 'crisis-authorisations', 'joint-messages', 'outreach-events']) {
      for (const path of [`/api/registries/${plural}`, `/api/registries/${plural}/{id}`, `/api/registries/${plural}/{id}/history`, `/api/registries/${plural}/import`, `/api/registries/${plural}/export`]) {
        assert.ok(doc.paths[path], path);
      }
    }
    for (const path of ['/api/registries/funding-checks', '/api/registries/asylum-access-check', '/api/registries/partnerships/{id}/profile']) assert.ok(doc.paths[path], path);
  });

  it('refuses a phase change past a gate with 409, naming the missing item, and writes nothing; passes it once the item is done', async () => {
    const created = await t.call('it-partnership-officer', 'POST', '/api/registries/partnerships', {
      body: {
        data: {
          code: 'it-uy-http', title: 'Italy–Uruguay arrangement (test)', kind: 'arrangement', legallyBinding: false,
          parties: { eu: false, memberStates: ['IT'], partner: 'UY' }, documents: [SOURCE], owner: 'IT', verified: false,
          lifecycle: { phases: [{ phase: 'exploration', from: '2030-01-01' }] },
        },
        reason: 'exploring',
      },
    });
    assert.equal(created.status, 201, await created.clone().text());
    const record = await (await t.call('it-policy-analyst', 'GET', '/api/registries/partnerships/it-uy-http?on=2030-02-01')).json() as Json;
    assert.equal(record.state, 'exploration');
    assert.deepEqual(record.summary.next, { phase: 'design', missing: ['legal review done'], items: ['legalReview'] });
    const move = (version: string, checklist: Json = {}) => t.call('it-partnership-officer', 'PATCH', '/api/registries/partnerships/it-uy-http', {
      headers: { 'if-match': version },
      body: { data: { lifecycle: { phases: [{ phase: 'exploration', from: '2030-01-01' }, { phase: 'design', from: '2030-03-01' }], checklist } }, reason: 'moving to design' },
    });
    const before = await registryState();
    const refused = await move('"1"');
    assert.equal(refused.status, 409);
    const problem = await refused.json() as Json;
    assert.equal(problem.code, 'INVALID_STATE');
    assert.match(problem.detail, /cannot move from exploration to design on 2030-03-01: the gate checklist misses legal review done/);
    assert.deepEqual(problem.errors.map((e: Json) => e.path), ['data.lifecycle.checklist.legalReview']);
    assert.deepEqual(await registryState(), before);
    const moved = await move('"1"', { legalReview: { done: true, on: '2030-02-20', evidence: [SOURCE] } });
    assert.equal(moved.status, 200, await moved.clone().text());
    const history = await (await t.call('it-policy-analyst', 'GET', '/api/registries/partnerships/it-uy-http/history')).json() as Json;
    assert.ok(history.entries[1].changes.some((c: Json) => c.field === 'lifecycle.phases'));
  });

  it('lets a Greek partnership officer read Italy\'s protocol but not change it', async () => {
    const read = await t.call('gr-partnership-officer', 'GET', '/api/registries/partnerships/it-al-protocol');
    assert.equal(read.status, 200);
    const found = await read.json() as Json;
    assert.deepEqual([found.owner, found.allowed], ['IT', []]);
    const refused = await t.call('gr-partnership-officer', 'PATCH', '/api/registries/partnerships/it-al-protocol', {
      headers: { 'if-match': `"${found.version}"` }, body: { data: { note: 'not ours' }, reason: 'attempt' },
    });
    assert.equal(refused.status, 403);
  });

  it('gives a partnership\'s profile: mechanisms, facilities with their capacity on the date, funding, outreach', async () => {
    const response = await t.call('com-policy-analyst', 'GET', '/api/registries/partnerships/it-al-protocol/profile?on=2025-05-01');
    assert.equal(response.status, 200);
    const profile = await response.json() as Json;
    assert.equal(profile.partnership.summary.phase, 'implementation');
    assert.deepEqual(profile.related.mechanisms.map((m: Json) => m.key), ['it-al-protocol']);
    const gjader = profile.related.facilities.find((f: Json) => f.key === 'al-gjader');
    assert.equal(gjader.summary.capacity, 440);
    assert.equal(profile.related.funding.length, 4);
    const tunisia = await (await t.call('com-policy-analyst', 'GET', '/api/registries/partnerships/eu-tn-mou/profile')).json() as Json;
    assert.deepEqual(tunisia.related['outreach-events'].map((e: Json) => e.key), ['eu-tn-signing-2023-07-16']);
    assert.equal((await t.call('com-policy-analyst', 'GET', '/api/registries/partnerships/no-such-thing/profile')).status, 404);
  });

  it('shows a country\'s agreements, mechanisms and facilities in its profile', async () => {
    const albania = await (await t.call('it-caseworker', 'GET', '/api/registries/countries/AL/profile?on=2025-05-01')).json() as Json;
    assert.deepEqual(albania.related.partnerships.map((p: Json) => p.key), ['it-al-protocol']);
    assert.ok(albania.related.mechanisms.some((m: Json) => m.key === 'it-al-protocol' && m.state === 'operating'));
    assert.deepEqual(albania.related.facilities.map((f: Json) => f.key), ['al-gjader', 'al-shengjin']);
  });

  it('lists facilities with their capacity on the date asked for', async () => {
    const page = (on: string) => t.call('it-caseworker', 'GET', `/api/registries/facilities?country=RW&on=${on}`).then((r) => r.json() as Promise<Json>);
    assert.equal((await page('2021-10-13')).items[0].summary.capacity, 500);
    assert.equal((await page('2021-10-14')).items[0].summary.capacity, 700);
  });

  it('answers the funding checks with errors first', async () => {
    const response = await t.call('fra-fundamental-rights-monitor', 'GET', '/api/registries/funding-checks?on=2026-11-21');
    assert.equal(response.status, 200);
    const result = await response.json() as Json;
    assert.equal(result.errors, result.findings.filter((f: Json) => f.severity === 'error').length);
    assert.equal(result.findings[0].severity, 'error');
    assert.ok(result.findings.some((f: Json) => f.check === 'implementation-without-funding' && f.subject.key === 'rw-etm'));
  });

  it('answers the asylum-access check with the findings and the judgments they rest on', async () => {
    const response = await t.call('fra-fundamental-rights-monitor', 'GET', '/api/registries/asylum-access-check?on=2024-01-15');
    assert.equal(response.status, 200);
    const result = await response.json() as Json;
    assert.deepEqual(result.findings.map((f: Json) => [f.memberState, f.check]), [['FI', 'no-access-point']]);
    assert.deepEqual(result.findings[0].basis.map((b: Json) => b.title.split(' ')[0]), ['C-808/18', 'C-72/22']);
    const bad = await t.call('fra-fundamental-rights-monitor', 'GET', '/api/registries/asylum-access-check?on=2024-13-01');
    assert.equal(bad.status, 400);
  });
});
