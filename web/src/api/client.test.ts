/**
 * The API client: the bearer token on every call, JSON in and out, the ETag kept, and every failure
 * — an RFC 9457 problem, a proxy's HTML page, no answer at all — turned into a problem that carries
 * the request id when there is one. Fetch is a function given to the client, so these run without a browser.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiClient, withQuery } from './client.ts';
import { ApiError, isConflict, problemFromResponse } from './problem.ts';

interface Seen { url: string; init: RequestInit }

function fakeFetch(answer: () => Response | Promise<Response>, seen: Seen[] = []): typeof fetch {
  return (async (url: string | URL | Request, init: RequestInit = {}) => {
    seen.push({ url: String(url), init });
    return answer();
  }) as typeof fetch;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try { await promise; } catch (error) { assert.ok(error instanceof ApiError); return error; }
  assert.fail('expected the call to fail');
}

describe('createApiClient', () => {
  it('sends the bearer token and JSON, and returns the data with the ETag', async () => {
    const seen: Seen[] = [];
    const api = createApiClient({ fetch: fakeFetch(() => new Response('{"ok":true}', { headers: { etag: '"4"' } }), seen), token: () => 'abc' });
    const result = await api.send('PATCH', '/api/registries/readmission/x', { data: { note: 'n' }, reason: 'r' }, { ifMatch: '"3"' });
    assert.deepEqual(result, { data: { ok: true }, etag: '"4"' });
    const headers = seen[0]!.init.headers as Record<string, string>;
    assert.equal(headers.authorization, 'Bearer abc');
    assert.equal(headers['if-match'], '"3"');
    assert.equal(headers['content-type'], 'application/json');
    assert.equal(seen[0]!.init.body, '{"data":{"note":"n"},"reason":"r"}');
  });

  it('turns a problem document into an ApiError with its code, field errors and request id', async () => {
    const body = JSON.stringify({ type: 'urn:waypoint:problem:validation-failed', title: 'The request is not valid', status: 400, detail: 'person.age: expected number', code: 'VALIDATION_FAILED', requestId: 'req-1', errors: [{ path: 'person.age', message: 'expected number' }] });
    const api = createApiClient({ fetch: fakeFetch(() => new Response(body, { status: 400, headers: { 'content-type': 'application/problem+json' } })), token: () => null });
    const error = await rejection(api.send('POST', '/api/law/assess', {}));
    assert.equal(error.problem.code, 'VALIDATION_FAILED');
    assert.equal(error.problem.requestId, 'req-1');
    assert.deepEqual(error.problem.errors, [{ path: 'person.age', message: 'expected number' }]);
  });

  it('keeps the request id header when the body is not a problem (a proxy\'s HTML page)', async () => {
    const api = createApiClient({ fetch: fakeFetch(() => new Response('<html><h1>Bad gateway</h1></html>', { status: 502, headers: { 'x-request-id': 'req-2' } })), token: () => null });
    const error = await rejection(api.get('/api/me'));
    assert.deepEqual([error.problem.status, error.problem.code, error.problem.requestId, error.problem.detail], [502, 'HTTP_502', 'req-2', 'Bad gateway']);
  });

  it('reports a request that got no answer as a network problem without request id', async () => {
    const api = createApiClient({ fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch, token: () => null });
    const error = await rejection(api.get('/api/me'));
    assert.deepEqual([error.problem.code, error.problem.status, error.problem.requestId], ['NETWORK', 0, null]);
  });

  it('ends the session on 401 before failing', async () => {
    let ended = 0;
    const api = createApiClient({ fetch: fakeFetch(() => new Response('{"code":"UNAUTHENTICATED","status":401}', { status: 401 })), token: () => 'old', onUnauthenticated: () => { ended += 1; } });
    await rejection(api.get('/api/me'));
    assert.equal(ended, 1);
    await rejection(api.file('/api/reports/partnerships/x/monthly?month=2026-06&format=pdf', 'application/pdf'));
    assert.equal(ended, 2, 'a document fetched with an expired token ends the session too');
  });

  it('gives a document that is not JSON as it came, with the token and the format asked for', async () => {
    const seen: Seen[] = [];
    const api = createApiClient({ fetch: fakeFetch(() => new Response('<html>report</html>', { headers: { 'content-type': 'text/html' } }), seen), token: () => 'tok' });
    assert.equal(await (await api.file('/api/reports/partnerships/x/monthly', 'text/html')).text(), '<html>report</html>');
    const headers = seen[0]!.init.headers as Record<string, string>;
    assert.deepEqual([seen[0]!.url, headers.authorization, headers.accept], ['/api/reports/partnerships/x/monthly', 'Bearer tok', 'text/html']);
  });

  it('refuses a success whose body is not JSON', async () => {
    const api = createApiClient({ fetch: fakeFetch(() => new Response('<html>', { status: 200, headers: { 'x-request-id': 'req-3' } })), token: () => null });
    const error = await rejection(api.get('/api/law/rules'));
    assert.deepEqual([error.problem.code, error.problem.requestId], ['BAD_RESPONSE', 'req-3']);
  });
});

describe('withQuery', () => {
  it('adds the non-empty values, encoded', () => {
    assert.equal(withQuery('/api/x', { on: '2026-07-01', q: '', after: undefined, limit: 500, name: 'a b&c' }), '/api/x?on=2026-07-01&limit=500&name=a+b%26c');
    assert.equal(withQuery('/api/x?trace=true', { on: '2026-07-01' }), '/api/x?trace=true&on=2026-07-01');
    assert.equal(withQuery('/api/x'), '/api/x');
  });
});

describe('isConflict', () => {
  it('is a stale version (412) or a state conflict (409), nothing else', () => {
    assert.deepEqual([409, 412, 400, 422].map((s) => isConflict(problemFromResponse(s, null, ''))), [true, true, false, false]);
  });
});
