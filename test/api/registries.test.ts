/**
 * The registries over HTTP, through `app.request()` on the engine the environment selects: optimistic
 * concurrency with ETag / If-Match (a stale write is 412, a blind one 428), problem+json with field
 * paths, imports refused with line and column and nothing written, exports guarded against formula
 * injection that import back unchanged, history field by field, and a country's profile on a date.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE } from '../support/storage.ts';
import { startTestProduct, type TestProduct } from '../support/product.ts';
import { registryState as stateOf } from '../support/registries.ts';

type Json = Record<string, any>;

const SOURCE = { title: 'Decreto di designazione (test)', url: 'https://example.org/decreto' };

describe(`registries over HTTP on ${ENGINE}`, () => {
  let t: TestProduct;
  before(async () => { t = await startTestProduct(); });
  after(() => t.close());

  const registryState = () => stateOf(t.storage.db);

  async function problem(response: Response, status: number, code: string): Promise<Json> {
    const text = await response.text();
    assert.equal(response.status, status, text);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = JSON.parse(text) as Json;
    assert.equal(body.code, code, text);
    return body;
  }

  it('documents every registry route in the OpenAPI document', async () => {
    const doc = await (await t.call(null, 'GET', '/api/openapi.json')).json() as Json;
    for (const path of ['/api/registries/designations', '/api/registries/designations/{id}', '/api/registries/designations/{id}/history',
      '/api/registries/designations/export', '/api/registries/designations/import', '/api/registries/readmission', '/api/registries/countries/{id}/profile',
      '/api/registries/reviews-due', '/api/registries/law-snapshot']) {
      assert.ok(doc.paths[path], path);
    }
    assert.equal(doc.paths['/api/registries/countries'].post, undefined, 'countries are not created');
  });

  it('changes a record only with the ETag of its current version: 428 without, 412 when stale', async () => {
    const created = await t.call('it-administrator', 'POST', '/api/registries/designations', {
      body: { data: { kind: 'safe-country-of-origin', level: 'national', memberState: 'IT', country: 'MW', from: '2030-01-01', sources: [SOURCE], verified: false }, reason: 'decreto' },
    });
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal(created.headers.get('etag'), '"1"');
    const { id } = await created.json() as Json;
    const change = (ifMatch: string | null, note: string) => t.call('it-administrator', 'PATCH', `/api/registries/designations/${id}`, {
      headers: ifMatch ? { 'if-match': ifMatch } : {}, body: { data: { note }, reason: 'annotated' },
    });
    await problem(await change(null, 'blind'), 428, 'PRECONDITION_REQUIRED');
    const first = await change('"1"', 'first');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('etag'), '"2"');
    const before = await registryState();
    await problem(await change('"1"', 'stale'), 412, 'VERSION_CONFLICT');
    assert.deepEqual(await registryState(), before);
    const read = await t.call('it-caseworker', 'GET', `/api/registries/designations/${id}`);
    assert.equal(read.headers.get('etag'), '"2"');
    assert.equal((await read.json() as Json).data.note, 'first');
  });

  it('answers invalid data with problem+json naming each field', async () => {
    const response = await t.call('it-administrator', 'POST', '/api/registries/designations', {
      body: { data: { kind: 'safe-country-of-origin', level: 'national', country: 'QQ', from: '2030-02-30', sources: [], verified: false }, reason: 'bad' },
    });
    const body = await problem(response, 400, 'VALIDATION_FAILED');
    const paths = (body.errors as Json[]).map((e) => e.path);
    for (const path of ['data.country', 'data.from', 'data.sources']) assert.ok(paths.includes(path), `${path} in ${paths.join(', ')}`);
    const crossField = await t.call('it-administrator', 'POST', '/api/registries/designations', {
      body: { data: { kind: 'safe-country-of-origin', level: 'national', country: 'MW', from: '2031-01-01', sources: [SOURCE], verified: false }, reason: 'no Member State' },
    });
    assert.deepEqual(((await problem(crossField, 400, 'VALIDATION_FAILED')).errors as Json[]).map((e) => e.path), ['data.memberState']);
  });

  it('refuses a malformed import with the line and column of each problem, and writes nothing', async () => {
    const before = await registryState();
    const content = 'country,memberState,status,from,evidence,verified\r\nLY,IT,partial,2031-01-01,"[{""title"":""Report"",""url"":""https://example.org/r""}]",true\r\nLY,IT,partial,2032-13-01,[],yes\r\n';
    const response = await t.call('it-administrator', 'POST', '/api/registries/readmission/import', { body: { format: 'csv', content, reason: 'quarterly report' } });
    const body = await problem(response, 400, 'INVALID_IMPORT');
    assert.deepEqual((body.errors as Json[]).map((e) => e.path), ['rows.3.from', 'rows.3.evidence', 'rows.3.verified']);
    assert.match((body.errors as Json[])[0]!.message, /^line 3, column 4 \(from\)/);
    assert.deepEqual(await registryState(), before);
  });

  it('exports CSV with formulas guarded, which imports back unchanged', async () => {
    const created = await t.call('it-administrator', 'POST', '/api/registries/readmission', {
      body: { data: { country: 'NE', memberState: 'IT', status: 'partial', from: '2024-01-01', evidence: [{ title: '=HYPERLINK("https://evil.example","click")', url: 'https://example.org/r' }], verified: false, note: '@SUM(1+1)' }, reason: 'report' },
    });
    assert.equal(created.status, 201, await created.clone().text());
    const exported = await t.call('it-caseworker', 'GET', '/api/registries/readmission/export?format=csv&country=NE');
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-disposition') ?? '', /attachment; filename="waypoint-readmission-\d{4}-\d{2}-\d{2}\.csv"/);
    const csv = Buffer.from(await exported.arrayBuffer()).toString('utf8');
    assert.match(csv, /,'@SUM\(1\+1\)\r\n$/);
    assert.ok(!/(^|,)[=+\-@]/m.test(csv.replace(/"[^"]*(""[^"]*)*"/g, 'Q')), 'no bare cell starts a formula');
    const before = await registryState();
    const reimported = await t.call('it-administrator', 'POST', '/api/registries/readmission/import', { body: { format: 'csv', content: csv, reason: 're-import' } });
    assert.equal(reimported.status, 200);
    assert.deepEqual([(await reimported.json() as Json).unchanged], [1]);
    assert.deepEqual(await registryState(), before);
  });

  it('shows a record\'s history to every reader, field by field', async () => {
    const response = await t.call('fra-fundamental-rights-monitor', 'GET', '/api/registries/designations/safe-country-of-origin:EU:BD:2026-06-12/history');
    assert.equal(response.status, 200);
    const history = await response.json() as Json;
    assert.equal(history.entries[0].actorId, 'system:seed');
    assert.ok((history.entries[0].changes as Json[]).some((c) => c.field === 'country' && c.to === 'BD'));
  });

  it('gives a country\'s page-worth of data on a date', async () => {
    const response = await t.call('com-policy-analyst', 'GET', '/api/registries/countries/TR/profile?on=2026-07-01');
    assert.equal(response.status, 200);
    const profile = await response.json() as Json;
    assert.deepEqual(profile.status, { euMember: false, schengen: null, candidate: true });
    assert.deepEqual((profile.related.readmission as Json[]).map((r) => [r.key, r.state]), [['TR:GR:2020-03-01', 'in-force']]);
    assert.deepEqual((profile.related.designations as Json[]).map((d) => d.key), ['safe-third-country:GR:TR:2021-06-07']);
    const bulgaria = await (await t.call('com-policy-analyst', 'GET', '/api/registries/countries/BG/profile?on=2024-12-31')).json() as Json;
    assert.deepEqual(bulgaria.status, { euMember: true, schengen: 'air-and-sea', candidate: false });
    const fullyIn = await (await t.call('com-policy-analyst', 'GET', '/api/registries/countries/BG/profile?on=2025-01-01')).json() as Json;
    assert.equal(fullyIn.status.schengen, 'full');
    const croatia = await (await t.call('com-policy-analyst', 'GET', '/api/registries/countries/HR/profile?on=2022-12-31')).json() as Json;
    assert.deepEqual(croatia.status, { euMember: true, schengen: null, candidate: false });
  });
});
