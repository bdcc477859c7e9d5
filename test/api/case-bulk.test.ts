/**
 * Case imports and bulk actions through the HTTP API, on the engine the environment selects: a file
 * posted as JSON, as text/csv or as application/x-ndjson is imported and its report read back; the
 * same file again changes nothing; `Prefer: respond-async` answers at once and the job finishes in the
 * server; bad bodies are problem documents; another tenant's jobs are not found; bulk actions answer
 * for every case.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ENGINE } from '../support/storage.ts';
import { startTestProduct } from '../support/product.ts';

type Json = Record<string, any>;

const t = await startTestProduct();
after(() => t.close());

function rows(prefix: string, n: number): string {
  return Array.from({ length: n }, (_, i) => JSON.stringify({
    externalRef: `${prefix}-${i}`, kind: 'asylum', person: { givenNames: `Api${i}`, familyName: prefix, nationality: 'SY', birthDate: `1980-03-${String(1 + (i % 28)).padStart(2, '0')}` },
  })).join('\n');
}

async function expectJson(response: Response, status: number): Promise<Json> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as Json;
}

async function waitDone(user: string, id: string): Promise<Json> {
  for (let i = 0; i < 300; i++) {
    const report = await expectJson(await t.call(user, 'GET', `/api/case-imports/${id}`), 200);
    if (report.job.status === 'done') return report;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

describe(`case imports and bulk actions through the API on ${ENGINE}`, () => {
  it('imports a JSON-wrapped file, reports its refused rows, and finds the same file unchanged', async () => {
    const content = `${rows('JSN', 4)}\n{"externalRef":"JSN-bad","kind":"asylum","person":{"givenNames":"X","familyName":"Y","nationality":"ZZ"}}`;
    const first = await t.call('it-supervisor', 'POST', '/api/case-imports', { body: { format: 'ndjson', content, fileName: 'first.ndjson' } });
    const report = await expectJson(first, 201);
    assert.equal(first.headers.get('location'), `/api/case-imports/${report.job.id}`);
    assert.deepEqual([report.job.status, report.job.fileName, report.job.created, report.job.refused], ['done', 'first.ndjson', 4, 1]);
    assert.deepEqual(report.issues.map((i: Json) => [i.row, i.path, i.code]), [[5, 'person.nationality', 'VALIDATION_FAILED']]);
    const again = await expectJson(await t.call('it-supervisor', 'POST', '/api/case-imports', { body: { format: 'ndjson', content } }), 201);
    assert.deepEqual([again.job.created, again.job.unchanged, again.job.refused], [0, 4, 1]);
    const listed = await expectJson(await t.call('it-caseworker', 'GET', '/api/case-imports'), 200) as unknown as Json[];
    assert.deepEqual(listed.slice(0, 2).map((j) => j.id), [again.job.id, report.job.id]);
  });

  it('takes the file itself as text/csv or application/x-ndjson', async () => {
    const csv = 'externalRef,kind,person.givenNames,person.familyName,person.nationality,person.birthDate\r\nCSV-1,asylum,Amal,Haddad,SY,1991-01-01\r\n';
    const fromCsv = await expectJson(await t.call('it-supervisor', 'POST', '/api/case-imports?fileName=desk.csv', { rawBody: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } }), 201);
    assert.deepEqual([fromCsv.job.format, fromCsv.job.fileName, fromCsv.job.created], ['csv', 'desk.csv', 1]);
    const fromLines = await expectJson(await t.call('it-supervisor', 'POST', '/api/case-imports', { rawBody: rows('RAW', 3), headers: { 'content-type': 'application/x-ndjson' } }), 201);
    assert.deepEqual([fromLines.job.format, fromLines.job.fileName, fromLines.job.created], ['ndjson', 'cases.ndjson', 3]);
  });

  it('answers at once with Prefer: respond-async, and the job runs to its end in the server', async () => {
    const response = await t.call('it-supervisor', 'POST', '/api/case-imports', { rawBody: rows('ASYNC', 30), headers: { 'content-type': 'application/x-ndjson', prefer: 'respond-async' } });
    const started = await expectJson(response, 202);
    assert.equal(response.headers.get('preference-applied'), 'respond-async');
    const done = await waitDone('it-supervisor', started.job.id);
    assert.deepEqual([done.job.checkpoint, done.job.created], [30, 30]);
  });

  it('answers bad files and bodies with a problem document and imports nothing', async () => {
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ rawBody: 'externalRef,kind\r\nA,asylum\r\n', headers: { 'content-type': 'text/csv' } }, 400, 'INVALID_IMPORT'],
      [{ rawBody: '', headers: { 'content-type': 'application/x-ndjson' } }, 400, 'VALIDATION_FAILED'],
      [{ rawBody: rows('TXT', 1), headers: { 'content-type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ body: { format: 'xml', content: 'x' } }, 400, 'VALIDATION_FAILED'],
      [{ body: { format: 'csv', content: 'x', extra: true } }, 400, 'VALIDATION_FAILED'],
    ];
    const before = await expectJson(await t.call('it-supervisor', 'GET', '/api/case-imports'), 200) as unknown as Json[];
    for (const [options, status, code] of bad) {
      const problem = await expectJson(await t.call('it-supervisor', 'POST', '/api/case-imports', options), status);
      assert.equal(problem.code, code, JSON.stringify(options));
    }
    assert.equal((await expectJson(await t.call('it-supervisor', 'GET', '/api/case-imports'), 200) as unknown as Json[]).length, before.length);
  });

  it('keeps jobs inside their tenant and refuses those who may not open cases', async () => {
    const [job] = await expectJson(await t.call('it-supervisor', 'GET', '/api/case-imports'), 200) as unknown as Json[];
    const unknown = await expectJson(await t.call('gr-supervisor', 'GET', '/api/case-imports/00000000-0000-4000-8000-000000000000'), 404);
    const other = await expectJson(await t.call('gr-supervisor', 'GET', `/api/case-imports/${job!.id}`), 404);
    assert.deepEqual([other.code, unknown.code], ['NOT_FOUND', 'NOT_FOUND']);
    assert.deepEqual(await expectJson(await t.call('gr-supervisor', 'GET', '/api/case-imports'), 200), []);
    assert.equal((await expectJson(await t.call('it-policy-analyst', 'POST', '/api/case-imports', { body: { format: 'ndjson', content: rows('NO', 1) } }), 403)).code, 'FORBIDDEN');
  });

  it('assigns imported cases in bulk, answering for each, and replays an Idempotency-Key', async () => {
    const imported = await expectJson(await t.call('it-supervisor', 'POST', '/api/case-imports', { body: { format: 'ndjson', content: rows('BULK', 3) } }), 201);
    const body = { action: 'assign', filter: { importJobId: imported.job.id }, to: 'it-caseworker', reason: 'allocation' };
    const first = await t.call('it-supervisor', 'POST', '/api/case-actions', { body, headers: { 'idempotency-key': 'bulk-1' } });
    const result = await expectJson(first, 200);
    assert.deepEqual([result.total, result.changed, result.refused, result.notFound], [3, 3, 0, 0]);
    const replay = await t.call('it-supervisor', 'POST', '/api/case-actions', { body, headers: { 'idempotency-key': 'bulk-1' } });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await expectJson(replay, 200), result);
    const byIds = await expectJson(await t.call('it-caseworker', 'POST', '/api/case-actions', {
      body: { action: 'flag', caseIds: [result.results[0].caseId, '00000000-0000-4000-8000-000000000000'], flag: 'priority', reason: 'old application' },
    }), 200);
    assert.deepEqual(byIds.results.map((r: Json) => r.status), ['ok', 'not-found']);
    const greek = await expectJson(await t.call('gr-supervisor', 'POST', '/api/case-actions', { body: { action: 'flag', caseIds: [result.results[0].caseId], flag: 'priority', reason: 'probe' } }), 200);
    assert.deepEqual(greek.results.map((r: Json) => [r.status, r.reference]), [['not-found', null]]);
  });
});
