/**
 * The API client: the bearer token on every call, JSON in and out, the ETag kept, and every failure
 * — an RFC 9457 problem, a proxy's HTML page, no answer at all — turned into a problem that carries
 * the request id when there is one. Fetch is a function given to the client, so these run without a browser.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createApiClient, withQuery } from './client.ts';
import { ApiError, isConflict, problemFromResponse } from './problem.ts';

interface Seen { url: string; init: RequestInit }

function fakeFetch(answer: () => Response | Promise<Response>, seen: Seen[] = []): typeof fetch {
  return (async (url: string | URL | Request, init: RequestInit = {}) => {
    seen.push({ url: String(url), init });
    return answer();
  }) as typeof fetch;
}

function bearerOf(seen: Seen): string | undefined {
  return (seen.init.headers as Record<string, string>).authorization?.replace(/^Bearer /, '');
}

function unauthorised(): Response {
  return new Response('{"code":"UNAUTHENTICATED","status":401}', { status: 401, headers: { 'content-type': 'application/problem+json' } });
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

  it('renews an expired token once and sends the call again as it was: body, If-Match, Idempotency-Key', async () => {
    const seen: Seen[] = [];
    let current = 'expired';
    let renewals = 0;
    let ended = 0;
    const api = createApiClient({
      fetch: fakeFetch(() => (bearerOf(seen.at(-1)!) === 'fresh' ? new Response('{"ok":true}', { headers: { etag: '"2"' } }) : unauthorised()), seen),
      token: () => current,
      refresh: async () => { renewals += 1; current = 'fresh'; return true; },
      onUnauthenticated: () => { ended += 1; },
    });
    const result = await api.send('POST', '/api/cases', { reason: 'r' }, { ifMatch: '"1"', idempotencyKey: 'k-1' });
    assert.deepEqual(result, { data: { ok: true }, etag: '"2"' });
    assert.deepEqual([renewals, ended, seen.length], [1, 0, 2]);
    assert.deepEqual(seen.map(bearerOf), ['expired', 'fresh']);
    const [first, second] = seen.map((s) => s.init.headers as Record<string, string>);
    assert.deepEqual([second!['if-match'], second!['idempotency-key'], seen[1]!.init.body, seen[1]!.url], [first!['if-match'], first!['idempotency-key'], seen[0]!.init.body, seen[0]!.url]);
  });

  it('ends the session when the renewal fails or throws, and when the renewed token is refused too, without asking twice', async () => {
    for (const refresh of [async () => false, async () => { throw new Error('provider down'); }]) {
      let ended = 0;
      const seen: Seen[] = [];
      const api = createApiClient({ fetch: fakeFetch(unauthorised, seen), token: () => 'expired', refresh, onUnauthenticated: () => { ended += 1; } });
      assert.equal((await rejection(api.get('/api/me'))).problem.status, 401);
      assert.deepEqual([ended, seen.length], [1, 1]);
    }
    let current = 'expired';
    let renewals = 0;
    let ended = 0;
    const seen: Seen[] = [];
    const api = createApiClient({ fetch: fakeFetch(unauthorised, seen), token: () => current, refresh: async () => { renewals += 1; current = `renewed-${renewals}`; return true; }, onUnauthenticated: () => { ended += 1; } });
    assert.equal((await rejection(api.get('/api/me'))).problem.status, 401);
    assert.deepEqual([renewals, ended, seen.map(bearerOf)], [1, 1, ['expired', 'renewed-1']]);
  });

  it('does not try to renew a call sent without a token', async () => {
    let renewals = 0;
    const api = createApiClient({ fetch: fakeFetch(unauthorised), token: () => null, refresh: async () => { renewals += 1; return true; } });
    await rejection(api.get('/api/sign-in'));
    assert.equal(renewals, 0);
  });

  it('renews once for any number of calls that meet a 401 together, whatever order the answers come in', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.nat(5), { minLength: 1, maxLength: 8 }), fc.nat(5), async (delays, renewalDelay) => {
      let current = 'expired';
      let renewals = 0;
      let ended = 0;
      const seen: Seen[] = [];
      const ticks = (n: number) => new Promise((done) => setTimeout(done, n));
      let sent = 0;
      const api = createApiClient({
        fetch: fakeFetch(async () => {
          const bearer = bearerOf(seen.at(-1)!);
          await ticks(delays[sent++ % delays.length]!);
          return bearer === current && bearer !== 'expired' ? new Response('{"ok":true}') : unauthorised();
        }, seen),
        token: () => current,
        refresh: async () => { renewals += 1; await ticks(renewalDelay); current = `renewed-${renewals}`; return true; },
        onUnauthenticated: () => { ended += 1; },
      });
      const results = await Promise.all(delays.map((_, i) => api.get(`/api/cases/${i}`)));
      assert.ok(results.every((r) => (r.data as { ok: boolean }).ok));
      assert.deepEqual([renewals, ended], [1, 0]);
      assert.ok(seen.length <= 2 * delays.length, 'each call sent at most twice');
    }), { numRuns: 40 });
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
