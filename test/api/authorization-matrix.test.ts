/**
 * The authorisation matrix: every route the OpenAPI document lists × every role (one Italian demo user
 * per role, plus Italy's return-unit caseworker) × a record of the caller's own tenant (IT) and one of
 * another Member State (GR). The expected answer of each cell is computed here from the permission
 * table (`src/domain/access/permissions.ts`) and the scope semantics it documents, never written out by
 * hand, so that a change to the table changes the expectations with it. A route added to the API
 * without a row in ROUTES below fails this file.
 *
 * The tenant wall is then probed head-on: ids of the other tenant's records, random and nil uuids,
 * non-uuid and SQL-looking strings must be answered exactly as an id that names nothing, with no
 * data, and lists and searches must never show another tenant's rows.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SignJWT, importJWK } from 'jose';
import { sql } from 'kysely';
import { PERMISSIONS, RESOURCES, ACTIONS, SCOPES, type Action, type Resource, type Scope } from '../../src/domain/access/permissions.ts';
import { ROLES, type Role } from '../../src/domain/access/roles.ts';
import { ensureLocalKey, LOCAL_ISSUER } from '../../src/identity/local-issuer.ts';
import { DEMO_USERS } from '../../src/seed/demo-users.ts';
import { ENGINE } from '../support/storage.ts';
import { openCaseBody, startTestProduct } from '../support/product.ts';

type Json = Record<string, any>;

// ---------------------------------------------------------------------------------------------------
// The oracle: what the permission table says, read independently of `authorize.ts`.
// ---------------------------------------------------------------------------------------------------

interface Actor { id: string; tenantId: string; unitId: string | null; roles: Role[] }

/** The facts scopes are decided on (permissions.ts, "Scopes, narrowest first"). */
interface RecordFacts { tenantId: string; unitId?: string | null; ownerIds?: Array<string | null> }

/** The widest scope any of the actor's roles is granted for `action` on `resource`, or null. */
function grantOf(actor: Actor, resource: Resource, action: Action): Scope | null {
  const granted = PERMISSIONS.filter((p) => p.resource === resource && p.action === action && actor.roles.includes(p.role)).map((p) => p.scope);
  if (granted.length === 0) return null;
  return granted.reduce((widest, scope) => (SCOPES.indexOf(scope) > SCOPES.indexOf(widest) ? scope : widest));
}

/**
 * Whether a record lies inside a scope: `all` is every tenant; the others stay inside the actor's
 * tenant; `unit` needs the record's unit to be the actor's; `own` needs the actor to be its assignee
 * or its opener.
 */
function covers(actor: Actor, scope: Scope, record: RecordFacts): boolean {
  if (scope === 'all') return true;
  if (record.tenantId !== actor.tenantId) return false;
  switch (scope) {
    case 'tenant': return true;
    case 'unit': return record.unitId != null && record.unitId === actor.unitId;
    case 'own': return (record.ownerIds ?? []).includes(actor.id);
  }
}

type Need = readonly [Resource, Action];

/** Every grant the route needs is held, and (for a record) covers the record. */
function isAllowed(actor: Actor, needs: readonly Need[], record?: RecordFacts): boolean {
  return needs.every(([resource, action]) => {
    const scope = grantOf(actor, resource, action);
    return scope !== null && (record === undefined || covers(actor, scope, record));
  });
}

/** Whether the actor holds every grant the route needs, whatever the scope. */
function holdsEveryGrant(actor: Actor, needs: readonly Need[]): boolean {
  return needs.every(([resource, action]) => grantOf(actor, resource, action) !== null);
}

// ---------------------------------------------------------------------------------------------------
// The product, its users, and the records the matrix acts on.
// ---------------------------------------------------------------------------------------------------

const t = await startTestProduct();
after(() => t.close());

const DOCUMENT = await (await t.call(null, 'GET', '/api/openapi.json')).json() as Json;
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const OPERATIONS: Array<{ key: string; method: string; path: string; secured: boolean }> = Object.entries(DOCUMENT.paths as Json)
  .flatMap(([path, item]) => Object.entries(item as Json)
    .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(method))
    .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, secured: Array.isArray(operation.security) && operation.security.length > 0 })));

function actorOf(id: string): Actor {
  const user = DEMO_USERS.find((u) => u.id === id);
  assert.ok(user, `demo user ${id} exists`);
  return { id: user.id, tenantId: user.tenant_id, unitId: user.unit_id, roles: user.roles as Role[] };
}

/** One Italian demo user per role, and the caseworker of Italy's return unit. */
const ACTORS: Actor[] = [...ROLES.map((role) => actorOf(`it-${role}`)), actorOf('it-caseworker-return')];

/** How a fixture case is opened: by whom, with which unit and assignee. */
interface FixtureSpec { label: string; opener: string; overrides?: Record<string, unknown> }

interface Fixture extends FixtureSpec {
  tenantId: string;
  caseId: string;
  personId: string;
  reference: string;
  facts: RecordFacts;
}

const GR_NAMES = { givenNames: 'Eleni', familyName: 'Kyriakopoulou-Hidden' };

const FIXTURE_SPECS: FixtureSpec[] = [
  { label: 'IT asylum-unit case of it-caseworker', opener: 'it-caseworker' },
  { label: 'IT asylum-unit case assigned to it-supervisor', opener: 'it-supervisor', overrides: { assignedTo: 'it-supervisor' } },
  { label: 'IT return-unit case of it-caseworker-return', opener: 'it-supervisor', overrides: { unitId: 'return', assignedTo: 'it-caseworker-return' } },
  { label: 'IT case without unit, of it-agency-officer', opener: 'it-agency-officer' },
  { label: 'GR asylum-unit case of gr-caseworker', opener: 'gr-caseworker', overrides: { person: { ...GR_NAMES, nationality: 'AF', birthDate: '2001-03-04' } } },
];

let fixtures: Fixture[] = [];
let gr: Fixture;
/** Ids and references of every Greek record the test opened. */
const grRecords: string[] = [];

/** Everything of the other tenant that must never reach an Italian caller. */
function grSecrets(): string[] {
  return [...grRecords, GR_NAMES.familyName, GR_NAMES.givenNames];
}

/**
 * The other tenant's secrets found in an answer. `asked` is the id the caller sent: a refusal may
 * quote it back (in `detail` and `instance`) without revealing anything the caller did not know.
 */
function leaked(text: string, asked?: string): string[] {
  let rest = text;
  if (asked !== undefined) {
    for (const form of [encodeURIComponent(asked), JSON.stringify(asked).slice(1, -1), asked]) rest = rest.replaceAll(form, '');
  }
  const lower = rest.toLowerCase();
  return grSecrets().filter((secret) => lower.includes(secret.toLowerCase()));
}

async function openFixture(spec: FixtureSpec): Promise<Fixture> {
  const response = await t.call(spec.opener, 'POST', '/api/cases', { body: openCaseBody(spec.overrides) });
  assert.equal(response.status, 201, `opening ${spec.label}: ${await response.clone().text()}`);
  const opened = await response.json() as Json;
  if (opened.tenantId === 'GR') grRecords.push(opened.id, opened.personId, opened.reference);
  return {
    ...spec, tenantId: opened.tenantId, caseId: opened.id, personId: opened.personId, reference: opened.reference,
    facts: { tenantId: opened.tenantId, unitId: opened.unitId, ownerIds: [opened.assignedTo, opened.openedBy] },
  };
}

async function count(table: string, tenantId?: string): Promise<number> {
  const filter = tenantId ? sql`where tenant_id = ${tenantId}` : sql``;
  const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} ${filter}`.execute(t.storage.db);
  return Number(result.rows[0]!.n);
}

/** Row counts of every table a request can write, and the audit chain heads. */
async function snapshot() {
  const tables = ['cases', 'persons', 'audit_events', 'idempotency_keys', 'access_log', 'counters'];
  const counts = await Promise.all(tables.map((table) => count(table)));
  const heads = await t.storage.db.selectFrom('audit_heads').selectAll().orderBy('tenant_id').execute();
  const erased = await sql<{ n: string }>`select count(*) as n from persons where erased_at is not null`.execute(t.storage.db);
  return { counts: Object.fromEntries(tables.map((table, i) => [table, counts[i]])), heads, erased: erased.rows[0]!.n };
}

async function caseRow(caseId: string) {
  return t.storage.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------------------------------
// How to exercise each route. One row per operation in the OpenAPI document.
// ---------------------------------------------------------------------------------------------------

interface Call { method: string; path: string; body?: unknown; headers?: Record<string, string> }

/** What a route's path names: a case, a person, a tenant, nothing (acts in the caller's tenant), or no auth at all. */
type Shape = 'case' | 'person' | 'tenant' | 'collection' | 'public';

interface RouteCase {
  shape: Shape;
  /** The grants the route needs, in the order it checks them; empty: any authenticated caller. */
  needs: readonly Need[];
  /** The success status. */
  ok: number;
  /** Builds the request. `id` is what goes into the path's `{id}`; for a write, the body is valid. */
  request(id: string): Promise<Call> | Call;
  /** Checks made on an allowed answer. */
  check?(response: Response, actor: Actor, target?: Fixture | string): Promise<void>;
  /** Erasure cannot run twice on one person: act on a fresh copy of the target each time. */
  freshTarget?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const nextStage = (stage: string) => (stage === 'screening' ? 'admissibility' : 'screening');

/** The ids of the Italian cases `actor` may read, straight from the table and the database. */
async function readableCaseIds(actor: Actor): Promise<string[]> {
  const scope = grantOf(actor, 'case', 'read');
  if (!scope) return [];
  const rows = await t.storage.db.selectFrom('cases').select(['id', 'tenant_id', 'unit_id', 'assigned_to', 'opened_by']).execute();
  return rows.filter((r) => covers(actor, scope, { tenantId: r.tenant_id, unitId: r.unit_id, ownerIds: [r.assigned_to, r.opened_by] }))
    .map((r) => r.id).sort();
}

const ROUTES: Record<string, RouteCase> = {
  'GET /api/me': {
    shape: 'collection', needs: [], ok: 200,
    request: () => ({ method: 'GET', path: '/api/me' }),
    async check(response, actor) {
      const me = await response.json() as Json;
      assert.equal(me.id, actor.id);
      assert.equal(me.tenantId, actor.tenantId);
      const expected = RESOURCES.flatMap((resource) => ACTIONS.flatMap((action) => {
        const scope = grantOf(actor, resource, action);
        return scope ? [{ resource, action, scope }] : [];
      }));
      assert.deepEqual(me.permissions, expected);
    },
  },
  'GET /api/cases': {
    shape: 'collection', needs: [['case', 'read']], ok: 200,
    request: () => ({ method: 'GET', path: '/api/cases?limit=500' }),
    async check(response, actor) {
      const page = await response.json() as { items: Json[]; next: string | null };
      assert.equal(page.next, null, 'one page holds every case of the test');
      assert.deepEqual(page.items.map((c) => c.id).sort(), await readableCaseIds(actor));
    },
  },
  'POST /api/cases': {
    shape: 'collection', needs: [['case', 'create']], ok: 201,
    request: () => ({ method: 'POST', path: '/api/cases', body: openCaseBody() }),
    async check(response, actor) {
      const opened = await response.json() as Json;
      assert.equal(opened.tenantId, actor.tenantId);
      assert.equal(opened.unitId, actor.unitId);
      assert.equal(opened.assignedTo, actor.id);
    },
  },
  'GET /api/cases/{id}': {
    shape: 'case', needs: [['case', 'read']], ok: 200,
    request: (id) => ({ method: 'GET', path: `/api/cases/${id}` }),
    async check(response, actor, target) {
      const found = await response.json() as Json;
      const fixture = target as Fixture;
      assert.equal(found.id, fixture.caseId);
      assert.equal(found.tenantId, actor.tenantId);
      // The actions the web app offers come from the same table.
      const expected = [
        ...(isAllowed(actor, [['case', 'update']], fixture.facts) ? ['update'] : []),
        ...(isAllowed(actor, [['case', 'assign']], fixture.facts) ? ['assign'] : []),
        ...(isAllowed(actor, [['person', 'read']], fixture.facts) ? ['read-person'] : []),
      ];
      assert.deepEqual(found.allowed, expected);
    },
  },
  'PATCH /api/cases/{id}': {
    shape: 'case', needs: [['case', 'read'], ['case', 'update']], ok: 200,
    async request(id) {
      const row = UUID.test(id) ? await t.storage.db.selectFrom('cases').select(['stage', 'version']).where('id', '=', id).executeTakeFirst() : undefined;
      return {
        method: 'PATCH', path: `/api/cases/${id}`, headers: { 'if-match': `"${row?.version ?? 1}"` },
        body: { stage: nextStage(row?.stage ?? 'registered'), reason: 'authorisation matrix', legalBasis: ['Regulation (EU) 2024/1348 Art. 27'] },
      };
    },
    async check(response, _actor, target) {
      const changed = await response.json() as Json;
      assert.equal(changed.id, (target as Fixture).caseId);
      assert.equal(changed.version, (await caseRow(changed.id)).version);
    },
  },
  'GET /api/cases/{id}/events': {
    shape: 'case', needs: [['case', 'read']], ok: 200,
    request: (id) => ({ method: 'GET', path: `/api/cases/${id}/events` }),
    async check(response, actor, target) {
      const events = await response.json() as Json[];
      assert.ok(events.length > 0);
      for (const e of events) {
        assert.equal(e.entityId, (target as Fixture).caseId);
        assert.equal(e.tenantId, actor.tenantId);
      }
    },
  },
  'GET /api/persons/{id}': {
    shape: 'person', needs: [['person', 'read']], ok: 200,
    request: (id) => ({ method: 'GET', path: `/api/persons/${id}` }),
    async check(response, actor, target) {
      const person = await response.json() as Json;
      assert.equal(person.id, (target as Fixture).personId);
      assert.equal(person.tenantId, actor.tenantId);
      assert.equal(typeof person.data.familyName, 'string');
    },
  },
  'POST /api/persons/{id}/erasure': {
    shape: 'person', needs: [['person', 'erase']], ok: 200, freshTarget: true,
    request: (id) => ({ method: 'POST', path: `/api/persons/${id}/erasure`, body: { reason: 'authorisation matrix', legalBasis: ['Regulation (EU) 2016/679 Art. 17(1)(a)'] } }),
    async check(response, _actor, target) {
      assert.deepEqual(await response.json(), { personId: (target as Fixture).personId, erased: true });
    },
  },
  'POST /api/retention/run': {
    shape: 'collection', needs: [['retention', 'run']], ok: 200,
    // Nothing expired before 2000: the run is allowed or refused without erasing the fixtures.
    request: () => ({ method: 'POST', path: '/api/retention/run', body: { on: '2000-01-01' } }),
    async check(response) {
      assert.deepEqual(await response.json(), { erased: [] });
    },
  },
  'GET /api/audit/events': {
    shape: 'collection', needs: [['audit', 'read']], ok: 200,
    request: () => ({ method: 'GET', path: '/api/audit/events?limit=1000' }),
    async check(response, actor) {
      const page = await response.json() as { items: Json[]; next: number | null };
      assert.equal(page.next, null);
      assert.equal(page.items.length, await count('audit_events', actor.tenantId));
      for (const e of page.items) assert.equal(e.tenantId, actor.tenantId);
    },
  },
  'GET /api/audit/verify': {
    shape: 'collection', needs: [['audit', 'verify']], ok: 200,
    request: () => ({ method: 'GET', path: '/api/audit/verify' }),
    async check(response, actor) {
      const report = await response.json() as Json;
      assert.equal(report.tenantId, actor.tenantId);
      assert.equal(report.ok, true);
      assert.equal(report.events, await count('audit_events', actor.tenantId));
    },
  },
  'GET /api/audit/access-log': {
    shape: 'collection', needs: [['access-log', 'read']], ok: 200,
    request: () => ({ method: 'GET', path: '/api/audit/access-log?limit=1000' }),
    async check(response, actor) {
      const entries = await response.json() as Json[];
      assert.equal(entries.length, await count('access_log', actor.tenantId));
    },
  },
  'GET /api/tenants': {
    shape: 'collection', needs: [['registry', 'read']], ok: 200,
    request: () => ({ method: 'GET', path: '/api/tenants' }),
    async check(response) {
      const tenants = (await response.json() as Json[]).map((x) => x.id);
      assert.ok(tenants.includes('IT') && tenants.includes('GR'), 'the registry is shared by every tenant');
    },
  },
  'POST /api/law/assess': {
    shape: 'collection', needs: [['law', 'read']], ok: 200,
    request: () => ({ method: 'POST', path: '/api/law/assess?on=2026-08-01', body: { memberState: 'IT', person: { nationality: 'BD', age: 30 } } }),
    async check(response) {
      const assessment = await response.json() as Json;
      assert.equal(assessment.regime, 'apr-2024');
      assert.ok((assessment.findings as Json[]).every((f) => (f.basis as string[]).length > 0));
    },
  },
  'GET /api/law/rules': {
    shape: 'collection', needs: [['law', 'read']], ok: 200,
    request: () => ({ method: 'GET', path: '/api/law/rules?on=2026-08-01' }),
  },
  'GET /api/law/instruments': {
    shape: 'collection', needs: [['law', 'read']], ok: 200,
    request: () => ({ method: 'GET', path: '/api/law/instruments' }),
  },
  'GET /api/tenants/{id}/export': {
    shape: 'tenant', needs: [['tenant-data', 'export']], ok: 200,
    request: (id) => ({ method: 'GET', path: `/api/tenants/${id}/export` }),
    async check(response, actor) {
      const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Json);
      assert.equal(lines[0]!.tenantId, actor.tenantId);
      assert.equal(lines[lines.length - 1]!.end, true);
      for (const line of lines.slice(1, -1)) assert.equal(line.row.tenant_id, actor.tenantId, `${line.table} row of another tenant`);
    },
  },
  'GET /oidc/demo-users': {
    shape: 'public', needs: [], ok: 200,
    request: () => ({ method: 'GET', path: '/oidc/demo-users' }),
  },
  'POST /oidc/demo-token': {
    shape: 'public', needs: [], ok: 200,
    request: () => ({ method: 'POST', path: '/oidc/demo-token', body: { username: 'it-caseworker' } }),
  },
};

/** The record a route acts on, for the oracle. */
function factsOf(shape: Shape, target: Fixture | string): RecordFacts {
  if (shape === 'tenant') return { tenantId: target as string };
  return (target as Fixture).facts;
}

function idOf(shape: Shape, target: Fixture | string): string {
  if (shape === 'tenant') return target as string;
  return shape === 'case' ? (target as Fixture).caseId : (target as Fixture).personId;
}

async function send(username: string | null, call: Call): Promise<Response> {
  return t.call(username, call.method, call.path, { body: call.body, headers: call.headers });
}

/** Status and code of a refusal, read from a problem+json answer (fails on anything else). */
async function refusal(response: Response, where: string): Promise<{ status: number; code: string; text: string }> {
  const text = await response.text();
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, `${where}: ${response.status} ${text}`);
  const problem = JSON.parse(text) as Json;
  assert.equal(problem.status, response.status, where);
  return { status: response.status, code: problem.code, text };
}

/** Strings that are not ids of any record of the caller's tenant. */
function craftedIds(shape: Shape): string[] {
  if (shape === 'tenant') {
    return ['GR', 'gr', 'Gr', ' GR', 'GR ', 'IT,GR', 'it', '*', '%', '%25', 'ZZ', 'XX', "IT' OR '1'='1", 'IT%00', 'IT\u0000', '..', 'IT;GR'];
  }
  const own = shape === 'case' ? gr.caseId : gr.personId;
  const cross = shape === 'case' ? gr.personId : gr.caseId;
  return [
    own, own.toUpperCase(), `${own} `, `{${own}}`, cross, randomUUID(), '00000000-0000-0000-0000-000000000000',
    'not-a-uuid', '1', '-1', gr.reference, "' OR '1'='1", `${own}' OR tenant_id = 'GR`, '1; DROP TABLE cases; --',
    "%' OR 1=1 --", '*', '%25', '..%2F..%2Fapi%2Fme', 'é'.repeat(40), `${own}\u0000`,
  ];
}

describe(`authorisation matrix on ${ENGINE}`, () => {
  before(async () => {
    fixtures = [];
    for (const spec of FIXTURE_SPECS) fixtures.push(await openFixture(spec));
    gr = fixtures.find((f) => f.tenantId === 'GR')!;
    // Give the other tenant an access log of its own, so that leaks from it could show.
    assert.equal((await t.call('gr-caseworker', 'GET', `/api/persons/${gr.personId}`)).status, 200);
  });

  it('covers every operation of the OpenAPI document, and nothing the document lacks', () => {
    assert.ok(OPERATIONS.length >= 10, 'the document lists the API');
    assert.deepEqual(OPERATIONS.map((o) => o.key).filter((key) => !ROUTES[key]), [], 'routes without a case in ROUTES');
    assert.deepEqual(Object.keys(ROUTES).filter((key) => !OPERATIONS.some((o) => o.key === key)), [], 'cases for routes the document lacks');
    for (const o of OPERATIONS) assert.equal(ROUTES[o.key]?.shape === 'public', !o.secured, `${o.key}: public exactly when the document declares no security`);
  });

  it('uses demo users holding one role each, in the Italian tenant', () => {
    for (const actor of ACTORS) {
      assert.equal(actor.tenantId, 'IT');
      assert.equal(actor.roles.length, 1);
    }
    assert.deepEqual([...new Set(ACTORS.flatMap((a) => a.roles))].sort(), [...ROLES].sort());
  });

  describe('each route answers each role as the permission table says, on its own tenant\'s and on another tenant\'s record', () => {
    for (const operation of OPERATIONS) {
      it(`${operation.key} allows and refuses each role as the table says`, async () => {
        const route = ROUTES[operation.key];
        assert.ok(route, `no case in ROUTES for ${operation.key}: add one saying how to exercise it`);
        const mismatches: string[] = [];
        let allowedCells = 0;

        if (route.shape === 'public') {
          const response = await send(null, await route.request(''));
          assert.equal(response.status, route.ok, `${operation.key} without a token: ${await response.clone().text()}`);
          return;
        }

        if (route.shape === 'collection') {
          for (const actor of ACTORS) {
            const call = await route.request('');
            const before = WRITE_METHODS.has(operation.method.toLowerCase()) ? await snapshot() : null;
            const response = await send(actor.id, call);
            const allowed = isAllowed(actor, route.needs);
            const where = `${actor.id} ${operation.key}`;
            if (allowed) {
              allowedCells++;
              if (response.status !== route.ok) { mismatches.push(`${where}: expected ${route.ok}, got ${response.status} ${await response.text()}`); continue; }
              await route.check?.(response, actor);
            } else {
              const { status, text } = await refusal(response, where);
              if (status !== 403) mismatches.push(`${where}: expected 403, got ${status}`);
              if (before) assert.deepEqual(await snapshot(), before, `${where}: a refused write wrote`);
              assert.deepEqual(leaked(text), [], where);
            }
          }
          if (route.needs.length > 0) assert.ok(allowedCells > 0, `${operation.key}: no role may use it, the table or the route is wrong`);
          assert.deepEqual(mismatches, []);
          return;
        }

        const targets: Array<Fixture | string> = route.shape === 'tenant' ? ['IT', 'GR'] : fixtures;
        for (const actor of ACTORS) {
          // What an id naming nothing gets: the answer every other tenant's id must match.
          const nothing = await refusal(await send(actor.id, await route.request(route.shape === 'tenant' ? 'ZZ' : randomUUID())), `${actor.id} ${operation.key} on an unknown id`);
          for (const template of targets) {
            const target: Fixture | string = route.freshTarget && typeof template !== 'string' ? await openFixture(template) : template;
            const facts = factsOf(route.shape, target);
            const label: string = typeof target === 'string' ? `tenant ${target}` : target.label;
            const where: string = `${actor.id} ${operation.key} on ${label}`;
            const call = await route.request(idOf(route.shape, target));
            const before = WRITE_METHODS.has(operation.method.toLowerCase()) ? await snapshot() : null;
            const response = await send(actor.id, call);
            if (isAllowed(actor, route.needs, facts)) {
              allowedCells++;
              if (response.status !== route.ok) { mismatches.push(`${where}: expected ${route.ok}, got ${response.status} ${await response.text()}`); continue; }
              await route.check?.(response, actor, target);
              continue;
            }
            const { status, code, text } = await refusal(response, where);
            assert.deepEqual(leaked(text, idOf(route.shape, target)), [], `${where}: the refusal shows the other tenant's data`);
            if (before) assert.deepEqual(await snapshot(), before, `${where}: a refused write wrote`);
            if (facts.tenantId === actor.tenantId) {
              if (status !== 403) mismatches.push(`${where}: expected 403, got ${status} ${code}`);
            } else {
              // Another tenant's record: not found for whoever may use the route at all; any refusal
              // otherwise, but always the same answer as for an id that names nothing.
              const expected = holdsEveryGrant(actor, route.needs) ? [404] : [403, 404];
              if (!expected.includes(status)) mismatches.push(`${where}: expected ${expected.join(' or ')}, got ${status} ${code}`);
              if (status !== nothing.status || code !== nothing.code) {
                mismatches.push(`${where}: answered ${status} ${code}, but an unknown id gets ${nothing.status} ${nothing.code}: existence can be probed`);
              }
            }
          }
        }
        assert.ok(allowedCells > 0, `${operation.key}: no role may use it, the table or the route is wrong`);
        assert.deepEqual(mismatches, []);
      });
    }
  });

  describe('crafted ids', () => {
    for (const operation of OPERATIONS) {
      const route = ROUTES[operation.key];
      if (!route || !['case', 'person', 'tenant'].includes(route.shape)) continue;
      it(`${operation.key} answers another tenant's ids, random uuids and junk exactly like an id that names nothing`, async () => {
        const before = await snapshot();
        const mismatches: string[] = [];
        for (const actor of ACTORS) {
          const nothing = await refusal(await send(actor.id, await route.request(route.shape === 'tenant' ? 'ZZ' : randomUUID())), `${actor.id} unknown id`);
          assert.ok([403, 404].includes(nothing.status));
          for (const id of craftedIds(route.shape)) {
            const call = await route.request(encodeURIComponent(id));
            const response = await send(actor.id, call);
            const where = `${actor.id} ${call.method} ${call.path}`;
            if (response.status < 400) { mismatches.push(`${where}: answered ${response.status} ${await response.text()}`); continue; }
            const { status, code, text } = await refusal(response, where);
            if (status !== nothing.status || code !== nothing.code) mismatches.push(`${where}: ${status} ${code}, an unknown id gets ${nothing.status} ${nothing.code}`);
            const shown = leaked(text, id);
            if (shown.length > 0) mismatches.push(`${where}: the answer shows ${shown.join(', ')}`);
          }
        }
        assert.deepEqual(mismatches, []);
        assert.deepEqual(await snapshot(), before, 'nothing was written, not even an access-log row');
      });
    }
  });

  describe('the tenant wall', () => {
    it('never lists another tenant\'s cases, whatever the search', async () => {
      const searches = ['', 'GR', 'GR-', gr.reference, gr.reference.slice(0, -1), '%', '_', `${gr.reference}%`, "' OR '1'='1", 'it', 'IT'];
      for (const actor of ACTORS) {
        if (!isAllowed(actor, [['case', 'read']])) continue;
        const readable = new Set(await readableCaseIds(actor));
        for (const q of searches) {
          const response = await t.call(actor.id, 'GET', `/api/cases?limit=500&q=${encodeURIComponent(q)}`);
          assert.equal(response.status, 200, `${actor.id} q=${q}`);
          const text = await response.text();
          assert.deepEqual(leaked(text), [], `${actor.id} q=${q}`);
          for (const item of (JSON.parse(text) as Json).items as Json[]) {
            assert.equal(item.tenantId, actor.tenantId);
            assert.ok(readable.has(item.id), `${actor.id} q=${q} lists case ${item.reference} outside its scope`);
            assert.ok(item.reference.startsWith(q), `${actor.id} q=${q} lists ${item.reference}`);
          }
        }
        for (const [kind, stage] of [['asylum', 'registered'], ['asylum', 'screening']]) {
          const response = await t.call(actor.id, 'GET', `/api/cases?limit=500&kind=${kind}&stage=${stage}`);
          assert.deepEqual(leaked(await response.text()), []);
        }
      }
    });

    it('never shows another tenant\'s audit events or access log, even when asked for its ids', async () => {
      const queries = [
        `/api/audit/events?limit=1000&entityId=${gr.caseId}`, `/api/audit/events?limit=1000&entityId=${gr.personId}`,
        '/api/audit/events?limit=1000&entityType=case', '/api/audit/events?after=0&limit=1000',
        `/api/audit/access-log?entityId=${gr.personId}`, '/api/audit/access-log?limit=1000',
      ];
      for (const actor of ACTORS) {
        for (const path of queries) {
          const needs: Need = path.includes('access-log') ? ['access-log', 'read'] : ['audit', 'read'];
          const response = await t.call(actor.id, 'GET', path);
          const text = await response.text();
          assert.equal(response.status, isAllowed(actor, [needs]) ? 200 : 403, `${actor.id} ${path}`);
          assert.deepEqual(leaked(text), [], `${actor.id} ${path}`);
          if (response.status === 200 && path.includes(gr.caseId)) assert.deepEqual((JSON.parse(text) as Json).items, []);
          if (response.status === 200 && path.includes(`access-log?entityId=${gr.personId}`)) assert.deepEqual(JSON.parse(text), []);
        }
      }
    });

    it('exports only the caller\'s own tenant', async () => {
      const own = await t.call('it-administrator', 'GET', '/api/tenants/IT/export');
      assert.equal(own.status, 200);
      assert.deepEqual(leaked(await own.text()), []);
      const other = await t.call('it-administrator', 'GET', '/api/tenants/GR/export');
      assert.equal((await refusal(other, 'IT administrator exporting GR')).status, 404);
    });

    it('cannot open a case in another tenant by naming it in the body', async () => {
      const before = await count('cases', 'GR');
      for (const extra of [{ tenantId: 'GR' }, { tenant_id: 'GR' }, { tenant: 'GR' }]) {
        const response = await t.call('it-supervisor', 'POST', '/api/cases', { body: openCaseBody(extra) });
        assert.equal((await refusal(response, 'tenant in body')).status, 400);
      }
      assert.equal(await count('cases', 'GR'), before);
    });
  });

  describe('unit and own scopes', () => {
    it('keeps the return unit\'s caseworker out of an asylum-unit case, its history and its person', async () => {
      const asylum = fixtures.find((f) => f.opener === 'it-caseworker')!;
      const returns = fixtures.find((f) => f.facts.unitId === 'return')!;
      for (const path of [`/api/cases/${asylum.caseId}`, `/api/cases/${asylum.caseId}/events`, `/api/persons/${asylum.personId}`]) {
        const response = await t.call('it-caseworker-return', 'GET', path);
        const { status, code, text } = await refusal(response, path);
        assert.deepEqual([status, code], [403, 'FORBIDDEN'], path);
        assert.doesNotMatch(text, /Test|Person/);
      }
      const list = await (await t.call('it-caseworker-return', 'GET', '/api/cases?limit=500')).json() as { items: Json[] };
      assert.ok(list.items.every((c) => c.unitId === 'return'));
      assert.ok(list.items.some((c) => c.id === returns.caseId));
      assert.equal((await t.call('it-caseworker-return', 'GET', `/api/cases/${returns.caseId}`)).status, 200);
    });

    it('lets a caseworker read but not change a case of its unit assigned to somebody else', async () => {
      const others = fixtures.find((f) => f.label.includes('assigned to it-supervisor'))!;
      assert.equal((await t.call('it-caseworker', 'GET', `/api/cases/${others.caseId}`)).status, 200);
      const row = await caseRow(others.caseId);
      const before = await snapshot();
      const response = await t.call('it-caseworker', 'PATCH', `/api/cases/${others.caseId}`, {
        body: { stage: nextStage(row.stage), reason: 'not mine to change' }, headers: { 'if-match': `"${row.version}"` },
      });
      assert.deepEqual([(await refusal(response, 'PATCH')).status], [403]);
      assert.deepEqual(await snapshot(), before);
      const takeover = await t.call('it-caseworker', 'PATCH', `/api/cases/${others.caseId}`, {
        body: { assignedTo: 'it-caseworker', reason: 'taking it over' }, headers: { 'if-match': `"${row.version}"` },
      });
      assert.equal((await refusal(takeover, 'self-assignment')).status, 403);
      assert.deepEqual(await snapshot(), before);
      const mine = fixtures.find((f) => f.opener === 'it-caseworker')!;
      const own = await caseRow(mine.caseId);
      const allowed = await t.call('it-caseworker', 'PATCH', `/api/cases/${mine.caseId}`, {
        body: { stage: nextStage(own.stage), reason: 'my own case' }, headers: { 'if-match': `"${own.version}"` },
      });
      assert.equal(allowed.status, 200);
    });
  });

  describe('fundamental-rights monitors', () => {
    // POST /api/law/assess computes an assessment and stores nothing (its row counts are checked like every
    // other route's): a monitor may use the law engine like any reader.
    const COMPUTATIONS = new Set(['POST /api/law/assess']);
    const writeOperations = () => OPERATIONS.filter((o) => o.secured && WRITE_METHODS.has(o.method.toLowerCase()) && !COMPUTATIONS.has(o.key));

    it('read cases, persons and the audit trail of their tenant', async () => {
      const target = fixtures.find((f) => f.tenantId === 'IT')!;
      for (const path of [`/api/cases/${target.caseId}`, `/api/cases/${target.caseId}/events`, `/api/persons/${target.personId}`, '/api/cases', '/api/audit/events']) {
        const response = await t.call('it-fundamental-rights-monitor', 'GET', path);
        assert.equal(response.status, 200, `${path}: ${await response.text()}`);
      }
    });

    it('are refused every write, on every target, and nothing is written', async () => {
      assert.ok(writeOperations().length >= 4);
      for (const monitor of ['it-fundamental-rights-monitor', 'fra-fundamental-rights-monitor']) {
        for (const operation of writeOperations()) {
          const route = ROUTES[operation.key]!;
          const ids = route.shape === 'tenant' ? ['IT', 'GR', 'FRA'] : route.shape === 'collection' ? [''] : fixtures.map((f) => idOf(route.shape, f));
          for (const id of ids) {
            const before = await snapshot();
            const call = await route.request(id);
            const response = await send(monitor, call);
            const { status } = await refusal(response, `${monitor} ${call.method} ${call.path}`);
            assert.ok([403, 404].includes(status), `${monitor} ${call.method} ${call.path}: ${status}`);
            assert.deepEqual(await snapshot(), before, `${monitor} ${call.method} ${call.path} wrote`);
          }
        }
      }
    });
  });

  describe('authentication', () => {
    async function expiredToken(): Promise<string> {
      const key = await ensureLocalKey(t.storage.db);
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ waypoint_tenant: 'IT', waypoint_roles: ['supervisor'], waypoint_unit: 'asylum' })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid }).setIssuer(LOCAL_ISSUER).setAudience(t.config.oidcAudience)
        .setSubject('it-supervisor').setIssuedAt(now - 7200).setExpirationTime(now - 60)
        .sign(await importJWK(key.privateJwk, 'ES256'));
    }

    it('answers every secured route with 401 problem+json without a token, with a bad token and with an expired one', async () => {
      const valid = await t.tokenFor('it-caseworker');
      const [header, payload, signature] = valid.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Json;
      const promoted = Buffer.from(JSON.stringify({ ...claims, waypoint_roles: ['supervisor', 'administrator'] })).toString('base64url');
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      const authorizations: Array<[string, string | undefined]> = [
        ['no token', undefined],
        ['empty bearer', 'Bearer '],
        ['garbage', 'Bearer garbage'],
        ['basic scheme', `Basic ${Buffer.from('it-caseworker:secret').toString('base64')}`],
        ['token without scheme', valid],
        ['tampered claims', `Bearer ${header}.${promoted}.${signature}`],
        ['alg none', `Bearer ${unsigned}`],
        ['expired', `Bearer ${await expiredToken()}`],
      ];
      const before = await snapshot();
      const mismatches: string[] = [];
      for (const operation of OPERATIONS.filter((o) => o.secured)) {
        const route = ROUTES[operation.key]!;
        const id = route.shape === 'tenant' ? 'IT' : route.shape === 'case' ? fixtures[0]!.caseId : fixtures[0]!.personId;
        const call = await route.request(id);
        for (const [label, authorization] of authorizations) {
          const headers = { ...(call.headers ?? {}), ...(authorization === undefined ? {} : { authorization }) };
          const response = await t.call(null, call.method, call.path, { body: call.body, headers });
          const text = await response.text();
          const where = `${operation.key} with ${label}`;
          if (response.status !== 401) { mismatches.push(`${where}: ${response.status} ${text.slice(0, 200)}`); continue; }
          assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, where);
          assert.equal((JSON.parse(text) as Json).code, 'UNAUTHENTICATED', where);
          assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/, where);
        }
      }
      assert.deepEqual(mismatches, []);
      assert.deepEqual(await snapshot(), before);
    });
  });

  describe('retention', () => {
    // Last, because it erases the Italian fixtures.
    it('erases only the caller\'s tenant, even when every record of every tenant is due', async () => {
      const grPersons = await t.storage.db.selectFrom('persons').select(['id', 'erased_at']).where('tenant_id', '=', 'GR').orderBy('id').execute();
      const grHead = await t.storage.db.selectFrom('audit_heads').selectAll().where('tenant_id', '=', 'GR').executeTakeFirstOrThrow();
      const response = await t.call('it-administrator', 'POST', '/api/retention/run', { body: { on: '2999-01-01' } });
      assert.equal(response.status, 200);
      const { erased } = await response.json() as { erased: string[] };
      const itPersons = await t.storage.db.selectFrom('persons').select('id').where('tenant_id', '=', 'IT').where('erased_at', 'is', null).execute();
      assert.deepEqual(itPersons, [], 'every Italian record was due');
      assert.ok(erased.length > 0);
      assert.ok(!erased.some((id) => grPersons.some((p) => p.id === id)));
      assert.deepEqual(await t.storage.db.selectFrom('persons').select(['id', 'erased_at']).where('tenant_id', '=', 'GR').orderBy('id').execute(), grPersons);
      assert.deepEqual(await t.storage.db.selectFrom('audit_heads').selectAll().where('tenant_id', '=', 'GR').executeTakeFirstOrThrow(), grHead);
    });
  });
});
