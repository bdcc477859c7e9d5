/**
 * The HTTP contract every client relies on, exercised through `app.request()` on the engine the
 * environment selects: retry-safe writes (Idempotency-Key), optimistic concurrency (If-Match / ETag,
 * RFC 9110 §13.1.1 and RFC 6585 §3), the problem+json answers for bodies the API refuses (RFC 9457),
 * request ids, the service endpoints, and the rules for personal data (erasure, access log).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { ENGINE } from '../support/storage.ts';
import { openCaseBody, startTestProduct, type TestProduct } from '../support/product.ts';
import type { Problem } from '../../src/api/problem.ts';

const MAX_BODY_BYTES = 4096;
const WRITTEN_TABLES = ['cases', 'persons', 'audit_events', 'idempotency_keys', 'access_log', 'counters'] as const;

type Json = Record<string, any>;


describe(`HTTP contract on ${ENGINE}`, () => {
  let t: TestProduct;

  before(async () => {
    t = await startTestProduct({ WAYPOINT_MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
  });
  after(() => t.close());

  async function count(table: string, where?: { column: string; value: string }): Promise<number> {
    const filter = where ? sql`where ${sql.ref(where.column)} = ${where.value}` : sql``;
    const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} ${filter}`.execute(t.storage.db);
    return Number(result.rows[0]!.n);
  }

  /** Row counts of every table a write touches, plus the audit chain heads. */
  async function snapshot() {
    const counts = Object.fromEntries(await Promise.all(WRITTEN_TABLES.map(async (table) => [table, await count(table)] as const))) as Record<(typeof WRITTEN_TABLES)[number], number>;
    const heads = await t.storage.db.selectFrom('audit_heads').selectAll().orderBy('tenant_id').execute();
    return { counts, heads };
  }

  /** Asserts that `response` is problem+json with `status` and `code`, and returns the problem. */
  async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
    const text = await response.text();
    assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status}: ${text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = JSON.parse(text) as Problem;
    assert.equal(problem.code, code);
    assert.equal(problem.status, status);
    assert.equal(typeof problem.title, 'string');
    assert.equal(typeof problem.detail, 'string');
    assert.ok(problem.requestId, 'the problem names the request id');
    return problem;
  }

  async function openCase(username = 'it-caseworker', overrides: Record<string, unknown> = {}): Promise<Json> {
    const response = await t.call(username, 'POST', '/api/cases', { body: openCaseBody(overrides) });
    assert.equal(response.status, 201, await response.clone().text());
    return response.json() as Promise<Json>;
  }

  describe('Idempotency-Key', () => {
    it('replays the first response to a retry with the same key and body, and writes once', async () => {
      const before = await snapshot();
      const body = openCaseBody({ reason: 'arrival registered at Lampedusa' });
      const first = await t.call('it-caseworker', 'POST', '/api/cases', { body, headers: { 'idempotency-key': 'retry-1' } });
      assert.equal(first.status, 201);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const firstBody = await first.json() as Json;

      const retry = await t.call('it-caseworker', 'POST', '/api/cases', { body, headers: { 'idempotency-key': 'retry-1' } });
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      assert.equal(retry.headers.get('etag'), first.headers.get('etag'));
      assert.equal(retry.headers.get('location'), first.headers.get('location'));
      assert.deepEqual(await retry.json(), firstBody);

      const afterRetry = await snapshot();
      assert.equal(afterRetry.counts.cases, before.counts.cases + 1);
      assert.equal(afterRetry.counts.persons, before.counts.persons + 1);
      assert.equal(afterRetry.counts.audit_events, before.counts.audit_events + 1);
      assert.equal(afterRetry.counts.idempotency_keys, before.counts.idempotency_keys + 1);
    });

    it('treats the same body with keys in another order as the same request', async () => {
      const body = openCaseBody();
      const first = await t.call('it-caseworker', 'POST', '/api/cases', { body, headers: { 'idempotency-key': 'retry-reordered' } });
      assert.equal(first.status, 201);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const retry = await t.call('it-caseworker', 'POST', '/api/cases', { body: reordered, headers: { 'idempotency-key': 'retry-reordered' } });
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      assert.equal(((await retry.json()) as Json).id, ((await first.json()) as Json).id);
    });

    it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
      const first = await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody(), headers: { 'idempotency-key': 'reused-1' } });
      assert.equal(first.status, 201);
      const before = await snapshot();
      const other = await t.call('it-caseworker', 'POST', '/api/cases', {
        body: openCaseBody({ kind: 'return' }), headers: { 'idempotency-key': 'reused-1' },
      });
      await expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');
      assert.deepEqual(await snapshot(), before);
    });

    it('keeps keys apart per user: another user\'s request with the same key is a new request', async () => {
      const mine = await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody(), headers: { 'idempotency-key': 'shared-key' } });
      const theirs = await t.call('it-supervisor', 'POST', '/api/cases', { body: openCaseBody(), headers: { 'idempotency-key': 'shared-key' } });
      assert.equal(mine.status, 201);
      assert.equal(theirs.status, 201);
      assert.equal(theirs.headers.get('idempotent-replayed'), null);
      assert.notEqual(((await mine.json()) as Json).id, ((await theirs.json()) as Json).id);
    });

    it('writes once when concurrent requests carry one key', async () => {
      const before = await snapshot();
      const body = openCaseBody({ reason: 'sent twice by a flaky client' });
      const responses = await Promise.all(Array.from({ length: 6 }, () =>
        t.call('it-caseworker', 'POST', '/api/cases', { body, headers: { 'idempotency-key': 'concurrent-1' } })));
      const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, replayed: r.headers.get('idempotent-replayed'), body: await r.json() as Json })));
      for (const b of bodies) assert.equal(b.status, 201, JSON.stringify(b.body));
      assert.equal(new Set(bodies.map((b) => b.body.id)).size, 1, 'every response names the same case');
      assert.equal(bodies.filter((b) => b.replayed === null).length, 1, 'exactly one response is the original');
      const afterAll = await snapshot();
      assert.equal(afterAll.counts.cases, before.counts.cases + 1);
      assert.equal(afterAll.counts.audit_events, before.counts.audit_events + 1);
      assert.equal(afterAll.counts.idempotency_keys, before.counts.idempotency_keys + 1);
    });

    it('refuses a key that is not 1 to 255 visible ASCII characters with 400 naming the header', async () => {
      const before = await snapshot();
      for (const key of ['x'.repeat(256), 'with space', 'clé']) {
        const response = await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody(), headers: { 'idempotency-key': key } });
        const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(problem.errors?.map((e) => e.path), ['header.Idempotency-Key']);
      }
      assert.deepEqual(await snapshot(), before);
    });
  });

  describe('optimistic concurrency', () => {
    it('returns the version as ETag on GET and PATCH', async () => {
      const opened = await openCase();
      const read = await t.call('it-caseworker', 'GET', `/api/cases/${opened.id}`);
      assert.equal(read.status, 200);
      assert.equal(read.headers.get('etag'), '"1"');
      const changed = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, {
        body: { stage: 'screening', reason: 'screening started' }, headers: { 'if-match': '"1"' },
      });
      assert.equal(changed.status, 200, await changed.clone().text());
      assert.equal(changed.headers.get('etag'), '"2"');
      assert.equal(((await changed.json()) as Json).version, 2);
      const reread = await t.call('it-caseworker', 'GET', `/api/cases/${opened.id}`);
      assert.equal(reread.headers.get('etag'), '"2"');
    });

    it('refuses a PATCH without If-Match with 428 PRECONDITION_REQUIRED and writes nothing', async () => {
      const opened = await openCase();
      const before = await snapshot();
      const response = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, { body: { stage: 'screening', reason: 'blind overwrite' } });
      await expectProblem(response, 428, 'PRECONDITION_REQUIRED');
      assert.deepEqual(await snapshot(), before);
    });

    it('refuses a stale If-Match with 412 VERSION_CONFLICT and writes nothing', async () => {
      const opened = await openCase();
      const first = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, {
        body: { stage: 'screening', reason: 'first writer' }, headers: { 'if-match': '"1"' },
      });
      assert.equal(first.status, 200);
      const before = await snapshot();
      const stale = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, {
        body: { stage: 'admissibility', reason: 'second writer saw version 1' }, headers: { 'if-match': '"1"' },
      });
      await expectProblem(stale, 412, 'VERSION_CONFLICT');
      assert.deepEqual(await snapshot(), before);
      const row = await t.storage.db.selectFrom('cases').select(['stage', 'version']).where('id', '=', opened.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { stage: 'screening', version: 2 });
    });

    it('refuses an If-Match this API did not issue with 400 naming the header', async () => {
      const opened = await openCase();
      for (const etag of ['1', '*', '"abc"', 'W/"x"']) {
        const response = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, { body: { reason: 'odd etag' }, headers: { 'if-match': etag } });
        const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(problem.errors?.map((e) => e.path), ['header.If-Match']);
      }
    });
  });

  describe('request bodies', () => {
    it('answers a body over the limit with 413 BODY_TOO_LARGE and writes nothing', async () => {
      const before = await snapshot();
      const body = openCaseBody({ reason: 'x' });
      const padding = MAX_BODY_BYTES + 1 - Buffer.byteLength(JSON.stringify(body));
      const rawBody = JSON.stringify({ ...body, reason: 'x'.repeat(padding + 1) });
      assert.ok(Buffer.byteLength(rawBody) > MAX_BODY_BYTES);
      const response = await t.call('it-caseworker', 'POST', '/api/cases', { rawBody, headers: { 'content-type': 'application/json' } });
      await expectProblem(response, 413, 'BODY_TOO_LARGE');
      assert.deepEqual(await snapshot(), before);
    });

    it('over a socket, judges a declared length before reading and counts a chunked body as it streams', async () => {
      const server = serve({ fetch: t.product.app.fetch, port: 0, hostname: '127.0.0.1' });
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      try {
        const token = await t.tokenFor('it-caseworker');
        const before = await snapshot();
        const oversize = JSON.stringify(openCaseBody({ reason: 'x'.repeat(MAX_BODY_BYTES) }));
        const post = (body: BodyInit, extra: Record<string, string> = {}) => fetch(`http://127.0.0.1:${port}/api/cases`, {
          method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra }, duplex: 'half',
        } as RequestInit);
        // fetch sends a string with Content-Length, and a stream chunked without one.
        await expectProblem(await post(oversize), 413, 'BODY_TOO_LARGE');
        const chunked = new ReadableStream({ start(controller) { controller.enqueue(new TextEncoder().encode(oversize)); controller.close(); } });
        await expectProblem(await post(chunked), 413, 'BODY_TOO_LARGE');
        assert.deepEqual(await snapshot(), before);
        const fits = new ReadableStream({ start(controller) { controller.enqueue(new TextEncoder().encode(JSON.stringify(openCaseBody()))); controller.close(); } });
        assert.equal((await post(fits)).status, 201);
        assert.equal((await post(JSON.stringify(openCaseBody()))).status, 201);
      } finally {
        server.close();
      }
    });

    it('answers a body that is not sent as JSON with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'text/json']) {
        const response = await t.call('it-caseworker', 'POST', '/api/cases', { rawBody: JSON.stringify(openCaseBody()), headers: { 'content-type': contentType } });
        await expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
    });

    it('answers JSON that does not parse with 400 MALFORMED_JSON', async () => {
      for (const rawBody of ['{"kind": "asylum",', '{kind: asylum}', '', 'nul']) {
        const response = await t.call('it-caseworker', 'POST', '/api/cases', { rawBody, headers: { 'content-type': 'application/json' } });
        await expectProblem(response, 400, 'MALFORMED_JSON');
      }
    });

    it('names an unknown field in errors[].path, top-level and nested', async () => {
      const top = await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody({ extra: 1 }) });
      assert.deepEqual((await expectProblem(top, 400, 'VALIDATION_FAILED')).errors, [{ path: 'extra', message: 'unknown field' }]);
      const person = { ...openCaseBody().person, extra: 'x' };
      const nested = await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody({ person }) });
      assert.deepEqual((await expectProblem(nested, 400, 'VALIDATION_FAILED')).errors, [{ path: 'person.extra', message: 'unknown field' }]);
    });

    it('names person.birthDate for a date that does not exist', async () => {
      for (const birthDate of ['2026-02-30', '2025-02-29', '2026-13-01', '1996-5-1', '01/05/1996']) {
        const person = { ...openCaseBody().person, birthDate };
        const response = await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody({ person }) });
        const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(problem.errors?.map((e) => e.path), ['person.birthDate'], birthDate);
      }
    });

    it('names person.nationality for a country code that does not exist', async () => {
      for (const nationality of ['QQ', 'bd', 'BGD', '']) {
        const person = { ...openCaseBody().person, nationality };
        const response = await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody({ person }) });
        const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(problem.errors?.map((e) => e.path), ['person.nationality'], nationality);
      }
    });

    it('refuses text PostgreSQL cannot store or hash faithfully (NUL, unpaired surrogates) with 400 naming the field', async () => {
      const before = await snapshot();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ person: { ...openCaseBody().person, givenNames: 'Ama\u0000ni' } }, 'person.givenNames'],
        [{ person: { ...openCaseBody().person, familyName: 'Diallo\uD800' } }, 'person.familyName'],
        [{ reason: 'opened \uDC00 at the border' }, 'reason'],
        [{ unitId: 'asy\u0000lum' }, 'unitId'],
        [{ assignedTo: 'it-caseworker\uDBFF' }, 'assignedTo'],
      ];
      for (const [overrides, path] of cases) {
        const response = await t.call('it-supervisor', 'POST', '/api/cases', { body: openCaseBody(overrides) });
        const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(problem.errors?.map((e) => e.path), [path]);
      }
      const opened = await openCase();
      const stale = await snapshot();
      const patch = await t.call('it-caseworker', 'PATCH', `/api/cases/${opened.id}`, {
        body: { stage: 'screening', reason: 'checked \uD800', legalBasis: ['Art. 9\u0000'] }, headers: { 'if-match': '"1"' },
      });
      const problem = await expectProblem(patch, 400, 'VALIDATION_FAILED');
      assert.deepEqual(problem.errors?.map((e) => e.path).sort(), ['legalBasis.0', 'reason']);
      assert.deepEqual(await snapshot(), stale);
      const verify = await t.call('it-auditor', 'GET', '/api/audit/verify');
      assert.equal(((await verify.json()) as Json).ok, true);
      assert.ok(before.counts.cases < stale.counts.cases);
    });
  });

  describe('query parameters', () => {
    it('refuses a malformed pagination cursor with 400 naming query.after', async () => {
      const cursors = [
        'not-a-cursor',
        Buffer.from('junk|x').toString('base64url'),
        Buffer.from('2026-01-01T00:00:00.000Z|not-a-uuid').toString('base64url'),
        Buffer.from('yesterday|6f1c2b9e-3b0a-4f7e-9a43-0c1d2e3f4a5b').toString('base64url'),
      ];
      for (const cursor of cursors) {
        const response = await t.call('it-supervisor', 'GET', `/api/cases?after=${encodeURIComponent(cursor)}`);
        const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(problem.errors?.map((e) => e.path), ['query.after'], cursor);
      }
    });

    it('pages through cases with the cursor it issued', async () => {
      for (let i = 0; i < 3; i++) await openCase('it-supervisor');
      const seen = new Set<string>();
      let path = '/api/cases?limit=2';
      for (let page = 0; page < 200; page++) {
        const response = await t.call('it-supervisor', 'GET', path);
        assert.equal(response.status, 200, await response.clone().text());
        const body = await response.json() as { items: Json[]; next: string | null };
        for (const item of body.items) {
          assert.ok(!seen.has(item.id), `case ${item.id} appears on two pages`);
          seen.add(item.id);
        }
        if (!body.next) break;
        path = `/api/cases?limit=2&after=${encodeURIComponent(body.next)}`;
      }
      assert.equal(seen.size, await count('cases', { column: 'tenant_id', value: 'IT' }));
    });

    it('refuses a NUL character in a query parameter with 400, never 500', async () => {
      const requests: Array<[string, string, string]> = [
        ['it-supervisor', '/api/cases?q=IT%00', 'query.q'],
        ['it-auditor', '/api/audit/events?entityType=case%00', 'query.entityType'],
        ['it-auditor', '/api/audit/events?entityId=%00', 'query.entityId'],
        ['it-auditor', '/api/audit/access-log?entityId=x%00', 'query.entityId'],
      ];
      for (const [user, path, field] of requests) {
        const problem = await expectProblem(await t.call(user, 'GET', path), 400, 'VALIDATION_FAILED');
        assert.deepEqual(problem.errors?.map((e) => e.path), [field], path);
      }
    });
  });

  describe('request ids', () => {
    it('sends x-request-id on every response and quotes it in problem bodies', async () => {
      const ok = await t.call('it-caseworker', 'GET', '/api/me');
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get('x-request-id') ?? '', /^[\w-]{8,}$/);
      const refused = await t.call('it-caseworker', 'GET', '/api/audit/verify');
      const problem = await expectProblem(refused, 403, 'FORBIDDEN');
      assert.equal(problem.requestId, refused.headers.get('x-request-id'));
      const unauthenticated = await t.call(null, 'GET', '/api/me');
      const problem401 = await expectProblem(unauthenticated, 401, 'UNAUTHENTICATED');
      assert.equal(problem401.requestId, unauthenticated.headers.get('x-request-id'));
      const missing = await t.call(null, 'GET', '/nothing-here');
      const problem404 = await expectProblem(missing, 404, 'NOT_FOUND');
      assert.equal(problem404.requestId, missing.headers.get('x-request-id'));
      const health = await t.call(null, 'GET', '/health');
      assert.ok(health.headers.get('x-request-id'));
      const body = openCaseBody();
      const written = await t.call('it-caseworker', 'POST', '/api/cases', { body, headers: { 'idempotency-key': 'request-id-1' } });
      assert.equal(written.status, 201);
      const replayed = await t.call('it-caseworker', 'POST', '/api/cases', { body, headers: { 'idempotency-key': 'request-id-1' } });
      assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
      assert.ok(written.headers.get('x-request-id'));
      assert.ok(replayed.headers.get('x-request-id'));
      assert.notEqual(replayed.headers.get('x-request-id'), written.headers.get('x-request-id'), 'a replay is a request of its own');
    });

    it('keeps the caller\'s x-request-id so that logs can be correlated across services', async () => {
      const response = await t.call('it-caseworker', 'GET', '/api/cases/not-a-uuid', { headers: { 'x-request-id': 'gateway-7f3a' } });
      assert.equal(response.headers.get('x-request-id'), 'gateway-7f3a');
      assert.equal((await expectProblem(response, 404, 'NOT_FOUND')).requestId, 'gateway-7f3a');
    });
  });

  describe('service endpoints', () => {
    it('answers /health with 200 and the engine', async () => {
      const response = await t.call(null, 'GET', '/health');
      assert.equal(response.status, 200);
      const body = await response.json() as Json;
      assert.equal(body.status, 'ok');
      assert.equal(body.engine, t.storage.engine);
    });

    it('exposes waypoint_http_requests_total on /metrics in the Prometheus text format', async () => {
      await t.call('it-caseworker', 'GET', '/api/me');
      const response = await t.call(null, 'GET', '/metrics');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await response.text();
      assert.match(text, /^# TYPE waypoint_http_requests_total counter$/m);
      assert.match(text, /^waypoint_http_requests_total\{[^}]*route="\/api\/me"[^}]*status="200"[^}]*\} \d+$/m);
    });

    it('serves /api/openapi.json as an OpenAPI 3.1 document with every API route and the bearerAuth scheme', async () => {
      const response = await t.call(null, 'GET', '/api/openapi.json');
      assert.equal(response.status, 200);
      const doc = await response.json() as Json;
      assertOpenApi31(doc);
      assert.deepEqual(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

      const documented = new Set<string>();
      for (const [path, item] of Object.entries(doc.paths as Json)) {
        for (const method of Object.keys(item).filter((m) => HTTP_METHODS.has(m))) {
          documented.add(`${method.toUpperCase()} ${path}`);
          const operation = item[method];
          if (PUBLIC_API.has(path)) {
            assert.deepEqual(operation.security, [], `${method} ${path} is declared public`);
            assert.equal((await t.call(null, method.toUpperCase(), path)).status, 200, `${method} ${path} answers without a token`);
          } else if (path.startsWith('/api/')) {
            assert.deepEqual(operation.security, [{ bearerAuth: [] }], `${method} ${path} declares bearerAuth`);
            assert.ok(operation.responses['401'], `${method} ${path} documents 401`);
          }
        }
      }
      const undocumented = t.product.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !NOT_IN_DOCUMENT.has(r.path))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
        .filter((key) => !documented.has(key));
      assert.deepEqual([...new Set(undocumented)], [], 'every API route is in the document');
    });

    it('serves the API reference at /api/docs as HTML', async () => {
      const response = await t.call(null, 'GET', '/api/docs');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      const html = await response.text();
      assert.match(html, /<html/i);
      assert.match(html, /\/api\/openapi\.json/);
      for (const asset of ['/api/docs/assets/swagger-ui-bundle.js', '/api/docs/assets/swagger-ui.css']) {
        assert.match(html, new RegExp(asset.replace(/[./]/g, '\\$&')), `the page loads ${asset}`);
        assert.equal((await t.call(null, 'GET', asset)).status, 200, `a browser fetches ${asset} without a token`);
      }
      assert.equal((await t.call(null, 'GET', '/api/docs/assets/package.json')).status, 401, 'nothing else under assets is public');
    });
  });

  describe('personal data', () => {
    it('answers a read of an erased person with 410 ERASED and no data', async () => {
      const opened = await openCase('it-caseworker', { person: { givenNames: 'Erased', familyName: 'Person', nationality: 'SY' } });
      const erased = await t.call('it-administrator', 'POST', `/api/persons/${opened.personId}/erasure`, {
        body: { reason: 'retention period ended', legalBasis: ['Regulation (EU) 2016/679 Art. 17(1)(a)'] },
      });
      assert.equal(erased.status, 200, await erased.clone().text());
      const response = await t.call('it-supervisor', 'GET', `/api/persons/${opened.personId}`);
      const text = await response.clone().text();
      await expectProblem(response, 410, 'ERASED');
      assert.doesNotMatch(text, /Erased|Person"|SY/);
      const again = await t.call('it-administrator', 'POST', `/api/persons/${opened.personId}/erasure`, {
        body: { reason: 'erase it twice', legalBasis: ['Regulation (EU) 2016/679 Art. 17(1)(a)'] },
      });
      await expectProblem(again, 410, 'ERASED');
    });

    it('writes one access_log row, naming the reader and the request, for every read of a person', async () => {
      const opened = await openCase();
      const where = { column: 'entity_id', value: opened.personId as string };
      assert.equal(await count('access_log', where), 0);
      const readers = ['it-caseworker', 'it-supervisor', 'it-fundamental-rights-monitor'];
      const requestIds: string[] = [];
      for (const reader of readers) {
        const response = await t.call(reader, 'GET', `/api/persons/${opened.personId}`);
        assert.equal(response.status, 200, await response.clone().text());
        assert.equal(((await response.json()) as Json).data.givenNames, 'Test');
        requestIds.push(response.headers.get('x-request-id')!);
        assert.equal(await count('access_log', where), requestIds.length);
      }
      const rows = await t.storage.db.selectFrom('access_log').selectAll().where('entity_id', '=', opened.personId).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [r.tenant_id, r.actor_id, r.entity_type, r.request_id]),
        readers.map((reader, i) => ['IT', reader, 'person', requestIds[i]]));
    });
  });
});

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Served beside the API but not part of it: the document itself and the reference UI. */
const NOT_IN_DOCUMENT = new Set(['/api/openapi.json', '/api/docs', '/api/docs/assets/:file']);
/** API operations anyone may call, declared with an empty `security` (how the web app signs in). */
const PUBLIC_API = new Set(['/api/sign-in']);

/**
 * The structural rules of OpenAPI 3.1 (spec §4.8) a client generator depends on: version, info,
 * path templates whose parameters are all declared as required path parameters, a response per
 * operation, and `$ref`s that resolve inside the document.
 */
function assertOpenApi31(doc: Json): void {
  assert.match(doc.openapi, /^3\.1\.\d+$/);
  assert.equal(typeof doc.info?.title, 'string');
  assert.equal(typeof doc.info?.version, 'string');
  assert.equal(typeof doc.paths, 'object');
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    assert.match(path, /^\//, `path ${path} starts with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, operation] of Object.entries(item as Json)) {
      if (!HTTP_METHODS.has(method)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(operation.responses && Object.keys(operation.responses).length > 0, `${where} has responses`);
      assert.ok(Object.keys(operation.responses).some((s) => /^2\d\d$/.test(s)), `${where} has a success response`);
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        assert.match(status, /^([1-5]\d\d|[1-5]XX|default)$/, `${where} response key ${status}`);
        assert.equal(typeof response.description, 'string', `${where} ${status} has a description`);
      }
      const pathParams = (operation.parameters ?? []).filter((p: Json) => p.in === 'path');
      assert.deepEqual(pathParams.map((p: Json) => p.name).sort(), [...templated].sort(), `${where} declares its path parameters`);
      for (const p of pathParams) assert.equal(p.required, true, `${where} path parameter ${p.name} is required`);
      for (const p of operation.parameters ?? []) assert.ok(['query', 'header', 'path', 'cookie'].includes(p.in), `${where} parameter ${p.name} location`);
      if (operation.operationId) {
        assert.ok(!operationIds.has(operation.operationId), `operationId ${operation.operationId} is unique`);
        operationIds.add(operation.operationId);
      }
      for (const requirement of operation.security ?? []) {
        for (const scheme of Object.keys(requirement)) assert.ok(doc.components?.securitySchemes?.[scheme], `${where} security scheme ${scheme} is defined`);
      }
    }
  }
  const refs: string[] = [];
  (function collect(node: unknown): void {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') refs.push(value);
        else collect(value);
      }
    }
  })(doc);
  for (const ref of refs) {
    assert.match(ref, /^#\//, `${ref} is local`);
    const target = ref.slice(2).split('/').reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    assert.ok(target, `${ref} resolves`);
  }
}
