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
import { BASELINE_LAW, loadCaseLaw } from '../../src/domain/cases/law-context.ts';
import { takeTransition } from '../../src/domain/cases/take-transition.ts';
import { confirmTransfer } from '../../src/domain/transfers/confirm-transfer.ts';
import { executeTransfer } from '../../src/domain/transfers/execute-transfer.ts';
import { planTransfer } from '../../src/domain/transfers/plan-transfer.ts';
import { asActor } from '../../src/storage/transaction.ts';
import type { Actor as DomainActor } from '../../src/domain/access/roles.ts';
import { openCase } from '../../src/domain/cases/open-case.ts';
import { linkRescuedPerson } from '../../src/domain/rescue/link-rescued-person.ts';
import { registerRescueEvent } from '../../src/domain/rescue/register-rescue-event.ts';
import { recordReturn } from '../../src/domain/swap-ledger/record-return.ts';
import { resettledCase, returnedCase } from '../support/swap-ledger.ts';
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

/** Row counts of every table a request can write, and the audit chain heads (two queries). */
async function snapshot() {
  // Simulations started by earlier requests write their outcome in the background: let them land first.
  await t.product.services.simulations.idle();
  const tables = ['cases', 'persons', 'audit_events', 'idempotency_keys', 'access_log', 'counters', 'registry_records', 'person_links', 'case_transitions', 'case_decisions', 'simulations',
    'transfers', 'transfer_persons', 'case_deadlines', 'case_tasks',
    'swap_ledger_counters', 'swap_ledger_entitlements', 'swap_ledger_entries', 'rescue_events', 'rescue_event_persons', 'rescue_assignments'];
  const result = await sql<Record<string, string>>`select ${sql.join(tables.map((table) => sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(table)}`))},
    (select count(*) from persons where erased_at is not null) as erased,
    (select coalesce(sum(version), 0) from registry_records) as registry_versions`.execute(t.storage.db);
  const { erased, registry_versions: registryVersions, ...counts } = result.rows[0]!;
  const heads = await t.storage.db.selectFrom('audit_heads').selectAll().orderBy('tenant_id').execute();
  return { counts: Object.fromEntries(tables.map((table) => [table, Number(counts[table])])), heads, erased, registryVersions };
}

let finished: string | null = null;

/** An Italian simulation recorded as done (written directly: the matrix reads it, it does not run it). */
async function finishedSimulation(): Promise<string> {
  if (!finished) {
    finished = randomUUID();
    const now = new Date();
    await t.storage.db.insertInto('simulations').values({
      tenant_id: 'IT', id: finished, scenario: JSON.stringify({ id: 'matrix-done', title: 'Matrix done', changes: [] }), runs: 1, seed: 1, scale: 0.001,
      status: 'done', progress: 1, results: JSON.stringify({ summary: { conservation: true, figures: [] } }), created_by: 'it-policy-analyst',
      created_at: now, started_at: now, finished_at: now,
    }).execute();
  }
  return finished;
}

async function caseRow(caseId: string) {
  return t.storage.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------------------------------
// How to exercise each route. One row per operation in the OpenAPI document.
// ---------------------------------------------------------------------------------------------------

interface Call { method: string; path: string; body?: unknown; headers?: Record<string, string> }

/**
 * What a route's path names: a case, a person, a tenant, a shared registry record, nothing (acts in
 * the caller's tenant), or no auth at all.
 */
type Shape = 'case' | 'person' | 'tenant' | 'registry' | 'collection' | 'public';

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
  /** Creates what the request acts on besides the fresh target (a pending proposal, a second person). */
  prepare?(target: Fixture): Promise<void>;
  /** For `registry` routes: the kind (plural) whose records are the targets. */
  registry?: string;
  /** For `collection` routes that write a record owned elsewhere than the caller's tenant: who acts, and the record's owner. */
  actors?: Actor[];
  facts?: RecordFacts;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A case's stage moves only along its procedure: the plain transitions of an asylum case, in order. */
const STAGE_PATH = ['registered', 'screening', 'application-made', 'application-registered', 'application-lodged', 'admissibility'];
const nextStage = (stage: string) => STAGE_PATH[STAGE_PATH.indexOf(stage) + 1] ?? 'screening';

/** The ids of the Italian cases `actor` may read, straight from the table and the database. */
async function readableCaseIds(actor: Actor): Promise<string[]> {
  const scope = grantOf(actor, 'case', 'read');
  if (!scope) return [];
  const rows = await t.storage.db.selectFrom('cases').select(['id', 'tenant_id', 'unit_id', 'assigned_to', 'opened_by']).execute();
  return rows.filter((r) => covers(actor, scope, { tenantId: r.tenant_id, unitId: r.unit_id, ownerIds: [r.assigned_to, r.opened_by] }))
    .map((r) => r.id).sort();
}

// ---------------------------------------------------------------------------------------------------
// Shared registries. Everyone reads every record; a record belongs to a tenant (its Member State, or
// COM for Union-level facts) and only a role whose scope covers that owner writes it. So the targets
// are records owned by Italy and by others, and besides the Italian users the Commission's and
// Greece's administrators act too, so that every write is allowed to someone.
// ---------------------------------------------------------------------------------------------------

interface RegistryTarget { label: string; kind: string; key: string; id: string; facts: RecordFacts }

/** Per kind (plural): the keys of the records acted on, and their owners. */
const REGISTRY_TARGET_KEYS: Record<string, Array<{ key: string; owner: string }>> = {
  countries: [{ key: 'TR', owner: 'COM' }, { key: 'IT', owner: 'COM' }],
  designations: [
    { key: 'safe-country-of-origin:IT:AL:2024-10-23', owner: 'IT' },
    { key: 'safe-country-of-origin:DE:GH:1993-07-01', owner: 'DE' },
    { key: 'safe-country-of-origin:EU:BD:2026-06-12', owner: 'COM' },
  ],
  readmission: [{ key: 'LY:IT:2020-01-01', owner: 'IT' }, { key: 'TR:GR:2020-03-01', owner: 'GR' }],
  partnerships: [{ key: 'it-al-protocol', owner: 'IT' }, { key: 'eu-tr-statement', owner: 'COM' }, { key: 'nl-ug-loi', owner: 'NL' }],
  mechanisms: [{ key: 'it-al-protocol', owner: 'IT' }, { key: 'eu-tr-statement', owner: 'COM' }],
  facilities: [{ key: 'al-gjader', owner: 'IT' }, { key: 'rw-gashora', owner: 'UNHCR' }],
  'funding-instruments': [{ key: 'it-state-budget', owner: 'IT' }, { key: 'ndici-global-europe', owner: 'COM' }],
  funding: [{ key: 'it-al-2024-construction-interior', owner: 'IT' }, { key: 'frit-tranche-1', owner: 'COM' }],
  'border-situations': [{ key: 'IT:mass-arrival:none:2026-07-01', owner: 'IT' }, { key: 'FI:instrumentalisation:RU:2023-11-18', owner: 'FI' }],
  'crisis-authorisations': [{ key: 'IT:mass-arrival:2026-07-01', owner: 'COM' }],
  'joint-messages': [{ key: 'matrix-it-message', owner: 'IT' }, { key: 'matrix-com-message', owner: 'COM' }],
  'outreach-events': [{ key: 'matrix-it-event', owner: 'IT' }, { key: 'eu-tn-signing-2023-07-16', owner: 'COM' }],
};
const SINGULAR: Record<string, string> = {
  countries: 'country', designations: 'designation', readmission: 'readmission', partnerships: 'partnership', mechanisms: 'mechanism', facilities: 'facility',
  'funding-instruments': 'funding-instrument', funding: 'funding', 'border-situations': 'border-situation', 'crisis-authorisations': 'crisis-authorisation',
  'joint-messages': 'joint-message', 'outreach-events': 'outreach-event',
};
const RESOURCE_OF: Record<string, Resource> = {
  countries: 'country', designations: 'designation', readmission: 'readmission', partnerships: 'partnership', mechanisms: 'mechanism', facilities: 'facility',
  'funding-instruments': 'funding', funding: 'funding', 'border-situations': 'border-situation', 'crisis-authorisations': 'border-situation',
  'joint-messages': 'outreach', 'outreach-events': 'outreach',
};
/** Kinds whose new records are not owned by the creator's Member State: the Council's authorisations are kept by COM. */
const CREATED_OWNER: Record<string, string> = { 'crisis-authorisations': 'COM' };
const REGISTRY_ACTORS: Actor[] = [...ACTORS, actorOf('com-administrator'), actorOf('gr-administrator')];
const registryTargets = new Map<string, RegistryTarget[]>();
const SOURCE = { title: 'Authorisation matrix source', url: 'https://example.org/matrix' };

/** A day no other record of the matrix uses, so that every allowed create makes a new record with its own period. */
let serial = 0;
function freshDay(): string {
  serial += 1;
  return new Date(Date.UTC(2100, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10);
}

/** A fresh code for records keyed by their code. */
const freshCode = (prefix: string) => `matrix-${prefix}-${freshDay()}`;

/** A new record owned by Italy (or, for crisis authorisations, the Commission), for creates and imports. */
const NEW_RECORD: Record<string, () => Json> = {
  partnerships: () => ({
    code: freshCode('partnership'), title: 'Matrix arrangement', kind: 'arrangement', legallyBinding: false,
    parties: { eu: false, memberStates: ['IT'], partner: 'UY' }, documents: [SOURCE], owner: 'IT', verified: false,
    lifecycle: { phases: [{ phase: 'exploration', from: freshDay() }] },
  }),
  mechanisms: () => ({
    code: freshCode('mechanism'), title: 'Matrix mechanism', kind: 'return-hub', partnership: 'it-al-protocol', partner: 'AL', memberStates: ['IT'],
    sources: [SOURCE], owner: 'IT', verified: false,
  }),
  facilities: () => ({
    code: freshCode('facility'), name: 'Matrix centre', mechanisms: ['it-al-protocol'], location: { lat: 41.9, lon: 19.6, place: 'Matrix', country: 'AL' },
    jurisdiction: 'IT', operator: 'Matrix operator', capacity: [{ from: freshDay(), places: 10, verified: false }], sources: [SOURCE], owner: 'IT', verified: false,
  }),
  'funding-instruments': () => ({
    code: freshCode('instrument'), title: 'Matrix budget line', level: 'national', memberState: 'IT', status: 'in-force', from: freshDay(),
    objectives: ['migration-governance'], sources: [SOURCE], verified: false,
  }),
  funding: () => ({
    code: freshCode('funding'), instrument: 'it-state-budget', type: 'commitment', measure: 'Matrix measure', recipients: { mechanism: 'it-al-protocol' },
    amount: { amount: 1000, currency: 'EUR' }, date: freshDay(), sources: [SOURCE], owner: 'IT', verified: false,
  }),
  'border-situations': () => {
    const day = freshDay();
    return { memberState: 'IT', type: 'mass-arrival', section: { description: 'Matrix sea border' }, declaredOn: day, from: day, to: day, declaration: [SOURCE], verified: false };
  },
  'crisis-authorisations': () => {
    const day = freshDay();
    return { memberState: 'IT', kind: 'mass-arrival', from: day, to: day, derogations: ['registration-4-weeks'], decision: SOURCE, verified: false };
  },
  'joint-messages': () => ({
    code: freshCode('message'), title: 'Matrix joint message', partner: 'AL', partnership: 'it-al-protocol', participants: ['IT'],
    drafts: [{ version: 1, date: '2026-07-01', text: 'Matrix draft.', author: 'Matrix' }], owner: 'IT',
  }),
  'outreach-events': () => ({ code: freshCode('event'), type: 'dialogue', title: 'Matrix dialogue', partner: 'AL', from: freshDay(), owner: 'IT', verified: false }),
  designations: () => {
    const day = freshDay();
    return { kind: 'safe-country-of-origin', level: 'national', memberState: 'IT', country: 'UY', from: day, to: day, sources: [SOURCE], verified: false };
  },
  readmission: () => {
    const day = freshDay();
    return { country: 'UY', memberState: 'IT', status: 'cooperating', from: day, to: day, evidence: [SOURCE], verified: false };
  },
};

async function registryRow(plural: string, id: string) {
  return UUID.test(id) ? t.storage.db.selectFrom('registry_records').selectAll().where('kind', '=', SINGULAR[plural]!).where('id', '=', id).executeTakeFirst() : undefined;
}

function registryRouteCases(): Record<string, RouteCase> {
  const cases: Record<string, RouteCase> = {
    'GET /api/registries/reviews-due': {
      shape: 'collection', needs: [['designation', 'read'], ['partnership', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/registries/reviews-due?on=2027-10-24' }),
      async check(response) {
        const due = await response.json() as Json[];
        assert.ok(due.some((d) => d.owner === 'DE'), 'Germany\'s two-yearly report is due by 23 October 2027');
      },
    },
    'GET /api/registries/law-snapshot': {
      shape: 'collection', needs: [['designation', 'read'], ['readmission', 'read'], ['partnership', 'read'], ['mechanism', 'read'], ['border-situation', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/registries/law-snapshot?on=2026-07-01' }),
      async check(response) {
        const { context } = await response.json() as Json;
        assert.deepEqual(context.agreements.map((a: Json) => a.id), ['eu-tr-statement', 'it-al-protocol']);
      },
    },
    'GET /api/registries/funding-checks': {
      shape: 'collection', needs: [['funding', 'read'], ['partnership', 'read'], ['mechanism', 'read'], ['facility', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/registries/funding-checks?on=2026-11-21' }),
      async check(response) {
        const result = await response.json() as Json;
        assert.ok(result.findings.some((f: Json) => f.check === 'implementation-without-funding'));
      },
    },
    'GET /api/registries/asylum-access-check': {
      shape: 'collection', needs: [['border-situation', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/registries/asylum-access-check?on=2024-01-15&memberState=FI' }),
      async check(response) {
        assert.deepEqual((await response.json() as Json).findings.map((f: Json) => f.check), ['no-access-point']);
      },
    },
    'GET /api/registries/partnerships/{id}/profile': {
      shape: 'registry', registry: 'partnerships', needs: [['partnership', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/registries/partnerships/${id}/profile?on=2026-07-01` }),
      async check(response, _actor, target) {
        const profile = await response.json() as Json;
        assert.equal(profile.partnership.id, (target as unknown as RegistryTarget).id);
        assert.ok(Array.isArray(profile.related.mechanisms));
      },
    },
    'GET /api/reports/partnerships/{id}/monthly': {
      shape: 'registry', registry: 'partnerships', needs: [['statistics', 'read'], ['partnership', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/reports/partnerships/${id}/monthly?month=2026-06` }),
      async check(response) {
        assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
        assert.match(await response.text(), /<section id="flows"/);
      },
    },
    'GET /api/registries/countries/{id}/profile': {
      shape: 'registry', registry: 'countries', needs: [['country', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/registries/countries/${id}/profile?on=2026-07-01` }),
      async check(response, _actor, target) {
        assert.equal((await response.json() as Json).country.id, (target as unknown as RegistryTarget).id);
      },
    },
  };
  for (const plural of Object.keys(REGISTRY_TARGET_KEYS)) {
    const resource = RESOURCE_OF[plural]!;
    const base = `/api/registries/${plural}`;
    const creatable = plural in NEW_RECORD;
    const createdOwner = CREATED_OWNER[plural] ?? 'IT';
    // A record kept by another tenant than the creator's is written by that tenant's users: act as them too.
    const elsewhere = createdOwner === 'IT' ? {} : { actors: REGISTRY_ACTORS, facts: { tenantId: createdOwner } };
    cases[`GET ${base}`] = {
      shape: 'collection', needs: [[resource, 'read']], ok: 200,
      request: () => ({ method: 'GET', path: `${base}?limit=500` }),
      async check(response) {
        const page = await response.json() as { items: Json[] };
        assert.ok(page.items.length > 0);
        for (const item of page.items) assert.equal(item.kind, SINGULAR[plural]);
      },
    };
    cases[`GET ${base}/export`] = {
      shape: 'collection', needs: [[resource, 'read']], ok: 200,
      request: () => ({ method: 'GET', path: `${base}/export?format=csv` }),
      async check(response) {
        assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
        // A byte-order mark (which fetch's text() would drop), then the header.
        const bytes = Buffer.from(await response.arrayBuffer());
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
        assert.match(bytes.subarray(3).toString('utf8'), /^id,version,/);
      },
    };
    cases[`POST ${base}/import`] = {
      // A country file changes nothing (countries are never created); the others create an Italian record.
      shape: 'collection', needs: creatable ? [[resource, 'update'], [resource, 'create']] : [[resource, 'update']], ok: 200, ...(creatable ? elsewhere : {}),
      async request() {
        const records = creatable ? [NEW_RECORD[plural]!()] : [(await t.storage.db.selectFrom('registry_records').select('data').where('kind', '=', 'country').where('key', '=', 'TR').executeTakeFirstOrThrow()).data];
        return { method: 'POST', path: `${base}/import`, body: { format: 'json', content: JSON.stringify(records), reason: 'authorisation matrix' } };
      },
      async check(response) {
        const result = await response.json() as Json;
        assert.equal(result.total, 1);
        assert.equal(creatable ? result.created : result.unchanged, 1);
      },
    };
    if (creatable) {
      cases[`POST ${base}`] = {
        shape: 'collection', needs: [[resource, 'create']], ok: 201, ...elsewhere,
        request: () => ({ method: 'POST', path: base, body: { data: NEW_RECORD[plural]!(), reason: 'authorisation matrix' } }),
        async check(response) {
          const created = await response.json() as Json;
          assert.equal(created.owner, createdOwner);
          assert.deepEqual(created.allowed, ['update']);
        },
      };
    }
    cases[`GET ${base}/{id}`] = {
      shape: 'registry', registry: plural, needs: [[resource, 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `${base}/${id}` }),
      async check(response, actor, target) {
        const found = await response.json() as Json;
        const registryTarget = target as unknown as RegistryTarget;
        assert.equal(found.id, registryTarget.id);
        assert.deepEqual(found.allowed, isAllowed(actor, [[resource, 'update']], registryTarget.facts) ? ['update'] : []);
      },
    };
    cases[`PATCH ${base}/{id}`] = {
      shape: 'registry', registry: plural, needs: [[resource, 'read'], [resource, 'update']], ok: 200,
      async request(id) {
        const row = await registryRow(plural, id);
        return { method: 'PATCH', path: `${base}/${id}`, headers: { 'if-match': `"${row?.version ?? 1}"` }, body: { data: { note: `authorisation matrix ${freshDay()}` }, reason: 'authorisation matrix' } };
      },
      async check(response, _actor, target) {
        const changed = await response.json() as Json;
        assert.equal(changed.version, (await registryRow(plural, (target as unknown as RegistryTarget).id))!.version);
      },
    };
    cases[`GET ${base}/{id}/history`] = {
      shape: 'registry', registry: plural, needs: [[resource, 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `${base}/${id}/history` }),
      async check(response, _actor, target) {
        const history = await response.json() as Json;
        assert.equal(history.id, (target as unknown as RegistryTarget).id);
        assert.equal(history.entries[0].action, 'created');
      },
    };
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------------
// Procedures and people (issue 5). Transitions act on a fresh copy of each fixture; approvals and
// rejections on a fresh copy carrying a proposal by a second supervisor of its tenant (the demo
// supervisor may not decide its own proposals); merges and links on a fresh copy with a second person.
// ---------------------------------------------------------------------------------------------------

/** A supervisor other than the demo one, proposing what the demo supervisor decides. */
function proposerOf(tenantId: string) {
  return { id: `${tenantId.toLowerCase()}-matrix-proposer`, displayName: 'Authorisation matrix proposer', tenantId, unitId: 'asylum', roles: ['supervisor' as Role] };
}

async function proposeOn(target: Fixture): Promise<void> {
  const proposer = proposerOf(target.tenantId);
  const { version } = await caseRow(target.caseId);
  const result = await asActor(t.storage.db, proposer, (tx) => takeTransition({
    tx, actor: proposer, caseId: target.caseId, expectedVersion: version, law: BASELINE_LAW,
    input: { transition: 'discontinue', reason: 'authorisation matrix: to be approved or rejected' },
  }));
  assert.equal(result.status, 'pending');
}

/** The second person of a merge or a link, by the target person's id. */
const partners = new Map<string, string>();
async function partnerFor(target: Fixture): Promise<void> {
  const other = await openFixture({ label: `partner of ${target.label}`, opener: target.tenantId === 'GR' ? 'gr-caseworker' : 'it-supervisor' });
  partners.set(target.personId, other.personId);
}

async function versionOf(table: 'cases' | 'persons', id: string): Promise<number> {
  const row = UUID.test(id) ? await t.storage.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst() : undefined;
  return row?.version ?? 1;
}

function verdictRouteCase(verdict: 'approve' | 'reject'): RouteCase {
  return {
    shape: 'case', needs: [['case', 'read'], ['case', 'approve']], ok: 200, freshTarget: true, prepare: proposeOn,
    async request(id) {
      const pending = UUID.test(id) ? await t.storage.db.selectFrom('case_transitions').select('id').where('case_id', '=', id).where('status', '=', 'pending').executeTakeFirst() : undefined;
      return {
        method: 'POST', path: `/api/cases/${id}/transitions/${pending?.id ?? randomUUID()}/${verdict}`,
        headers: { 'if-match': `"${await versionOf('cases', id)}"` }, body: { reason: 'authorisation matrix' },
      };
    },
    async check(response) {
      const result = await response.json() as Json;
      assert.equal(result.status, verdict === 'approve' ? 'approved' : 'rejected');
      assert.equal(result.case.stage, verdict === 'approve' ? 'closed' : 'registered');
    },
  };
}

function procedureRouteCases(): Record<string, RouteCase> {
  return {
    'GET /api/procedure': {
      shape: 'collection', needs: [['law', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/procedure' }),
    },
    'GET /api/cases/{id}/transitions': {
      shape: 'case', needs: [['case', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/cases/${id}/transitions` }),
      async check(response, actor, target) {
        const view = await response.json() as Json;
        const fixture = target as Fixture;
        assert.equal(view.caseId, fixture.caseId);
        assert.equal(view.reasonsShown, isAllowed(actor, [['person', 'read']], fixture.facts));
        for (const a of view.available as Json[]) assert.equal(a.permitted, isAllowed(actor, [['case', a.action as Action]], fixture.facts), `${actor.id} ${a.transition}`);
      },
    },
    'POST /api/cases/{id}/transitions': {
      shape: 'case', needs: [['case', 'read'], ['case', 'transition']], ok: 200, freshTarget: true,
      async request(id) {
        return { method: 'POST', path: `/api/cases/${id}/transitions`, headers: { 'if-match': `"${await versionOf('cases', id)}"` }, body: { transition: 'start-screening', reason: 'authorisation matrix' } };
      },
      async check(response) {
        const result = await response.json() as Json;
        assert.equal(result.status, 'taken');
        assert.equal(result.case.stage, 'screening');
        assert.match(result.decision.law.lawDigest, /^sha256:/);
      },
    },
    'POST /api/cases/{id}/transitions/{transitionId}/approve': verdictRouteCase('approve'),
    'POST /api/cases/{id}/transitions/{transitionId}/reject': verdictRouteCase('reject'),
    'GET /api/cases/{id}/decisions': {
      shape: 'case', needs: [['case', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/cases/${id}/decisions` }),
    },
    'GET /api/cases/{id}/family': {
      shape: 'case', needs: [['case', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/cases/${id}/family` }),
    },
    'GET /api/cases/{id}/findings': {
      shape: 'case', needs: [['case', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/cases/${id}/findings?on=2026-07-15` }),
      async check(response, actor, target) {
        const view = await response.json() as Json;
        const fixture = target as Fixture;
        assert.equal(view.caseId, fixture.caseId);
        assert.equal(view.reasonsShown, isAllowed(actor, [['person', 'read']], fixture.facts));
        assert.match(view.law.lawDigest, /^sha256:/);
      },
    },
    'GET /api/persons': {
      shape: 'collection', needs: [['person', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/persons?q=Test%20Person&limit=100' }),
      async check(response, actor) {
        const hits = (await response.json() as Json).items as Json[];
        for (const hit of hits) assert.equal(hit.person.tenantId, actor.tenantId);
      },
    },
    'PATCH /api/persons/{id}': {
      shape: 'person', needs: [['person', 'read'], ['person', 'update']], ok: 200,
      async request(id) {
        return { method: 'PATCH', path: `/api/persons/${id}`, headers: { 'if-match': `"${await versionOf('persons', id)}"` }, body: { changes: { languages: ['ar'] }, reason: 'authorisation matrix' } };
      },
    },
    'GET /api/persons/{id}/duplicates': {
      shape: 'person', needs: [['person', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/persons/${id}/duplicates` }),
    },
    'GET /api/persons/{id}/events': {
      shape: 'person', needs: [['person', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/persons/${id}/events` }),
    },
    'POST /api/persons/{id}/merge': {
      shape: 'person', needs: [['person', 'read'], ['person', 'merge']], ok: 200, freshTarget: true, prepare: partnerFor,
      async request(id) {
        return { method: 'POST', path: `/api/persons/${id}/merge`, headers: { 'if-match': `"${await versionOf('persons', id)}"` }, body: { into: partners.get(id) ?? randomUUID(), reason: 'authorisation matrix' } };
      },
      async check(response, _actor, target) {
        const result = await response.json() as Json;
        assert.equal(result.merged.mergedInto, partners.get((target as Fixture).personId));
      },
    },
    'POST /api/persons/{id}/links': {
      shape: 'person', needs: [['person', 'read'], ['person', 'update']], ok: 201, freshTarget: true, prepare: partnerFor,
      request: (id) => ({ method: 'POST', path: `/api/persons/${id}/links`, body: { personId: partners.get(id) ?? randomUUID(), relation: 'sibling', reason: 'authorisation matrix' } }),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Transfers (issue 5, point 4). A transfer is acted on as its cases are, so the routes naming one take
// a case fixture (a fresh copy for writes) and act on a transfer prepared for it: the person placed at
// a centre of the fixture's Member State, planned by a supervisor who is no demo user and, for
// execution and departures, confirmed by a second one (and executed). New plans take cases opened here.
// ---------------------------------------------------------------------------------------------------

const TODAY = new Date().toISOString().slice(0, 10);
const LATER = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
const CENTRE_OF: Record<string, string> = { IT: 'matrix-it-centre', GR: 'matrix-gr-centre' };
for (const [user, code, mechanism, country, owner] of [['it-partnership-officer', 'matrix-it-centre', 'it-al-protocol', 'IT', 'IT'], ['com-partnership-officer', 'matrix-gr-centre', 'eu-tr-statement', 'GR', 'COM']]) {
  const created = await t.call(user!, 'POST', '/api/registries/facilities', { body: { reason: 'matrix centre', data: {
    code, name: `Matrix centre ${country}`, mechanisms: [mechanism], location: { lat: 38, lon: 15, place: 'Matrix', country }, jurisdiction: country, operator: 'Matrix operator',
    capacity: [{ from: '2026-01-01', places: 1000, verified: false }], sources: [SOURCE], owner, verified: false,
  } } });
  assert.equal(created.status, 201, await created.clone().text());
}
/** Cases of it-caseworker for new plans, opened before anything is measured. */
const PLANNABLE: string[] = [];
for (let i = 0; i < 30; i++) PLANNABLE.push(((await (await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody() })).json()) as Json).id);
/** The transfer prepared for each case fixture. */
const transferOf = new Map<string, string>();
const placement = (caseId: string, tenantId: string) => ({ purpose: 'placement' as const, facility: CENTRE_OF[tenantId]!, on: TODAY, until: LATER, cases: [{ caseId }], reason: 'authorisation matrix' });

function transferPrepared(stage: 'planned' | 'confirmed' | 'executed') {
  return async (target: Fixture) => {
    if (transferOf.has(target.caseId)) return;
    const proposer = proposerOf(target.tenantId);
    const confirmer = { ...proposer, id: `${target.tenantId.toLowerCase()}-matrix-confirmer` };
    let transfer = await asActor(t.storage.db, proposer, (tx) => planTransfer({ tx, actor: proposer, input: placement(target.caseId, target.tenantId), law: BASELINE_LAW }));
    if (stage !== 'planned') transfer = await asActor(t.storage.db, confirmer, (tx) => confirmTransfer({ tx, actor: confirmer, transferId: transfer.id, expectedVersion: 1, reason: 'matrix' }));
    if (stage === 'executed') transfer = await asActor(t.storage.db, proposer, (tx) => executeTransfer({ tx, actor: proposer, transferId: transfer.id, expectedVersion: 2, input: { reason: 'matrix' }, law: BASELINE_LAW }));
    transferOf.set(target.caseId, transfer.id);
  };
}

async function transferCall(method: string, id: string, action: string, body?: Json): Promise<Call> {
  const transferId = transferOf.get(id) ?? id;
  const row = UUID.test(transferId) ? await t.storage.db.selectFrom('transfers').select('version').where('id', '=', transferId).executeTakeFirst() : undefined;
  return { method, path: `/api/transfers/${transferId}${action}`, ...(body ? { body, headers: { 'if-match': `"${row?.version ?? 1}"` } } : {}) };
}

function transferRouteCases(): Record<string, RouteCase> {
  const change = (action: string, needs: Action, stage: 'planned' | 'confirmed' | 'executed', body: Json, expect: (t: Json) => void): RouteCase => ({
    shape: 'case', needs: [['case', 'read'], ['case', needs]], ok: 200, freshTarget: true, prepare: transferPrepared(stage),
    request: (id) => transferCall('POST', id, `/${action}`, body),
    async check(response) { expect(await response.json() as Json); },
  });
  return {
    'POST /api/transfers': {
      shape: 'collection', needs: [['case', 'decide']], ok: 201, facts: { tenantId: 'IT', unitId: 'asylum', ownerIds: ['it-caseworker'] },
      request: () => ({ method: 'POST', path: '/api/transfers', body: placement(PLANNABLE.shift()!, 'IT') }),
      async check(response, actor) {
        const planned = await response.json() as Json;
        assert.deepEqual([planned.tenantId, planned.status, planned.plannedBy], [actor.tenantId, 'planned', actor.id]);
      },
    },
    'GET /api/transfers': {
      shape: 'collection', needs: [['case', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/transfers?limit=500' }),
      async check(response, actor) {
        const page = await response.json() as { items: Json[]; next: string | null };
        assert.equal(page.next, null);
        const readable = new Set(await readableCaseIds(actor));
        const rows = await t.storage.db.selectFrom('transfer_persons').select(['transfer_id', 'case_id']).where('tenant_id', '=', actor.tenantId).execute();
        const expected = [...new Set(rows.map((r) => r.transfer_id))].filter((id) => rows.every((r) => r.transfer_id !== id || readable.has(r.case_id)));
        assert.deepEqual(page.items.map((x) => x.id).sort(), expected.sort());
      },
    },
    'GET /api/transfers/{id}': {
      shape: 'case', needs: [['case', 'read']], ok: 200, prepare: transferPrepared('planned'),
      request: (id) => transferCall('GET', id, ''),
      async check(response, actor, target) {
        const found = await response.json() as Json;
        const fixture = target as Fixture;
        assert.equal(found.id, transferOf.get(fixture.caseId));
        assert.deepEqual(found.allowed, [...(isAllowed(actor, [['case', 'approve']], fixture.facts) ? ['confirm'] : []), ...(isAllowed(actor, [['case', 'decide']], fixture.facts) ? ['cancel'] : [])]);
      },
    },
    'POST /api/transfers/{id}/confirm': change('confirm', 'approve', 'planned', { reason: 'authorisation matrix' }, (x) => assert.equal(x.status, 'confirmed')),
    'POST /api/transfers/{id}/execute': change('execute', 'decide', 'confirmed', { reason: 'authorisation matrix', on: TODAY }, (x) => assert.equal(x.status, 'executed')),
    'POST /api/transfers/{id}/cancel': change('cancel', 'decide', 'planned', { reason: 'authorisation matrix' }, (x) => assert.equal(x.status, 'cancelled')),
    'POST /api/transfers/{id}/departures': change('departures', 'update', 'executed', { on: TODAY, reason: 'authorisation matrix' }, (x) => assert.equal(x.persons[0].leftOn, TODAY)),
    'GET /api/facilities/{id}/occupancy': {
      shape: 'registry', registry: 'facilities', needs: [['facility', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/facilities/${id}/occupancy` }),
      async check(response, _actor, target) {
        const view = await response.json() as Json;
        assert.equal(view.facility.id, (target as unknown as RegistryTarget).id);
        assert.equal(view.days.length, 31);
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Deadlines and queues (issue 5, point 3). A task is acted on as the case it belongs to: its routes take
// a case fixture (a fresh copy for writes) and act on a task prepared for it, addressed as the sweep
// addresses an approaching deadline — to the case's assignee, or to the unit's supervisors when nobody
// is assigned — so the task's scope (tenant, unit, assignee) is the case's.
// ---------------------------------------------------------------------------------------------------

/** The task prepared for each case fixture. */
const taskOf = new Map<string, string>();

async function taskPrepared(target: Fixture): Promise<void> {
  if (taskOf.has(target.caseId)) return;
  const row = await caseRow(target.caseId);
  const id = randomUUID();
  await t.storage.db.insertInto('case_tasks').values({
    tenant_id: row.tenant_id, id, case_id: row.id, kind: 'deadline-approaching', deadline: 'registration', due_on: '2026-07-07',
    assignee: row.assigned_to, role: row.assigned_to ? null : 'supervisor', unit_id: row.unit_id, status: 'open', raised_on: '2026-07-04', raised_at: new Date(),
  }).execute();
  taskOf.set(target.caseId, id);
}

function taskRouteCase(action: 'acknowledge' | 'resolve'): RouteCase {
  return {
    shape: 'case', needs: [['task', 'read'], ['task', 'update']], ok: 200, freshTarget: true, prepare: taskPrepared,
    request: (id) => ({ method: 'POST', path: `/api/tasks/${taskOf.get(id) ?? id}/${action}`, headers: { 'if-match': '"1"' }, body: { note: 'authorisation matrix' } }),
    async check(response) {
      assert.equal((await response.json() as Json).status, action === 'acknowledge' ? 'acknowledged' : 'resolved');
    },
  };
}

function deadlineRouteCases(): Record<string, RouteCase> {
  return {
    'GET /api/queue': {
      shape: 'collection', needs: [['case', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/queue?limit=200' }),
      async check(response, actor) {
        const page = await response.json() as { items: Json[]; next: string | null };
        const readable = new Set(await readableCaseIds(actor));
        for (const item of page.items) assert.ok(readable.has(item.id), `${actor.id}'s queue shows case ${item.reference} outside its scope`);
      },
    },
    'GET /api/cases/{id}/deadlines': {
      shape: 'case', needs: [['case', 'read']], ok: 200,
      request: (id) => ({ method: 'GET', path: `/api/cases/${id}/deadlines` }),
      async check(response, _actor, target) {
        assert.equal((await response.json() as Json).caseId, (target as Fixture).caseId);
      },
    },
    'GET /api/tasks': {
      shape: 'collection', needs: [['task', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/tasks?to=all&status=any&limit=200' }),
      async check(response, actor) {
        for (const task of (await response.json() as Json).items as Json[]) assert.equal(task.tenantId, actor.tenantId);
      },
    },
    'POST /api/tasks/{id}/acknowledge': taskRouteCase('acknowledge'),
    'POST /api/tasks/{id}/resolve': taskRouteCase('resolve'),
    'GET /api/reports/deadline-compliance': {
      shape: 'collection', needs: [['deadline', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/reports/deadline-compliance?from=2026-01-01&to=2026-12-31' }),
      async check(response, actor) {
        assert.equal((await response.json() as Json).tenantId, actor.tenantId);
      },
    },
    'POST /api/deadlines/recompute': {
      shape: 'collection', needs: [['deadline', 'run']], ok: 200,
      request: () => ({ method: 'POST', path: '/api/deadlines/recompute', body: { on: new Date().toISOString().slice(0, 10) } }),
      async check(response, actor) {
        const report = await response.json() as Json;
        assert.equal(report.tenantId, actor.tenantId);
        assert.equal(report.skipped, 0);
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The 1:1 ledger and rescue at sea (issue 5, points 5 and 6). The shared ledger is read by everyone;
// a return is counted by the Greek users on a Greek case returned to Türkiye in 2016 (opened by
// gr-caseworker, so that its `own` scope is exercised), a resettlement by the Italian users on an
// Italian arrival, against entitlements opened first; both made before anything is measured, each used
// up by the request that succeeds. A rescue event is acted on as its fixture case is: one event per case
// fixture, with the same unit, assignee and registrant, the fixture's person on board; links take a
// person registered for the purpose beforehand.
// ---------------------------------------------------------------------------------------------------

const GR_ACTORS: Actor[] = [...ROLES.map((role) => actorOf(`gr-${role}`)), actorOf('gr-caseworker-return')];
const asDemo = (actor: Actor): DomainActor => ({ ...actor, displayName: actor.id });
const SWAP_LAW = await loadCaseLaw(t.storage.db);
/** Greek cases returned to Türkiye, not yet counted, and Italian arrivals, each with an entitlement open for it. */
const RETURNED: string[] = [];
const ARRIVED: string[] = [];
for (let i = 0; i < 3; i++) {
  const greek = asDemo(actorOf('gr-caseworker'));
  RETURNED.push((await returnedCase(t.storage.db, { tenantId: 'GR', law: SWAP_LAW, caseworker: greek })).caseId);
  const counted = await returnedCase(t.storage.db, { tenantId: 'GR', law: SWAP_LAW, caseworker: greek });
  await asActor(t.storage.db, greek, (tx) => recordReturn({ tx, actor: greek, mechanism: 'eu-tr-statement', input: { caseId: counted.caseId, reason: 'matrix' }, law: SWAP_LAW }));
  ARRIVED.push((await resettledCase(t.storage.db, { tenantId: 'IT', law: SWAP_LAW, caseworker: asDemo(actorOf('it-caseworker')) })).caseId);
}

const rescueEventOf = new Map<string, string>();
const nextPersonOf = new Map<string, string>();
const RESCUE = {
  kind: 'rescue' as const, occurredAt: '2026-10-15T04:00:00Z', position: { lat: 35.5, lon: 12.6 }, vessel: { name: 'Matrix patrol', flag: 'IT', operator: 'coastguard' as const },
  waters: { kind: 'international' as const, state: null }, sarRegion: 'MT', coordinatingCentre: 'MRCC Rome', peopleOnBoard: 500, deceased: 0, missing: 0, note: null,
};

/** The fixture's event (registered by its opener, with its unit and assignee, its person on board) and a person to link next. */
async function rescuePrepared(target: Fixture): Promise<void> {
  const [assignedTo, openedBy] = target.facts.ownerIds as [string | null, string];
  const registrant: DomainActor = { id: openedBy, displayName: openedBy, tenantId: target.tenantId, unitId: target.facts.unitId ?? null, roles: ['supervisor'] };
  if (!rescueEventOf.has(target.caseId)) {
    const event = await asActor(t.storage.db, registrant, (tx) => registerRescueEvent({ tx, actor: registrant, input: { ...RESCUE, unitId: target.facts.unitId ?? null, assignedTo } }));
    await asActor(t.storage.db, registrant, (tx) => linkRescuedPerson({ tx, actor: registrant, eventId: event.id, expectedVersion: 1, input: { personId: target.personId, caseId: target.caseId } }));
    rescueEventOf.set(target.caseId, event.id);
  }
  const other = await asActor(t.storage.db, registrant, (tx) => openCase({ tx, actor: registrant, input: { kind: 'asylum', person: { givenNames: 'Test', familyName: 'Person', nationality: 'BD', birthDate: '1996-05-01', sex: 'M' }, unitId: target.facts.unitId ?? null, assignedTo } }));
  nextPersonOf.set(target.caseId, other.personId);
}

async function rescueCall(method: string, id: string, action: string, body?: (caseId: string) => Json): Promise<Call> {
  const eventId = rescueEventOf.get(id) ?? id;
  const row = UUID.test(eventId) ? await t.storage.db.selectFrom('rescue_events').select('version').where('id', '=', eventId).executeTakeFirst() : undefined;
  return { method, path: `/api/rescue-events/${eventId}${action}`, ...(body ? { body: body(id), headers: { 'if-match': `"${row?.version ?? 1}"` } } : {}) };
}

function ledgerAndRescueRouteCases(): Record<string, RouteCase> {
  const ledgerRead = (path: string, check?: RouteCase['check']): RouteCase => ({
    shape: 'collection', needs: [['swap-ledger', 'read']], ok: 200, request: () => ({ method: 'GET', path }), check,
  });
  const fixtureCase = (fixture: Fixture | undefined) => fixture ?? fixtures[0]!;
  return {
    'GET /api/swap-ledgers': ledgerRead('/api/swap-ledgers', async (response) => {
      assert.ok((await response.json() as Json[]).some((l) => l.mechanism === 'eu-tr-statement'));
    }),
    'GET /api/swap-ledgers/{mechanism}': ledgerRead('/api/swap-ledgers/eu-tr-statement', async (response) => {
      const view = await response.json() as Json;
      assert.equal(view.balance, view.returns - view.resettlements);
    }),
    'GET /api/swap-ledgers/{mechanism}/entitlements': ledgerRead('/api/swap-ledgers/eu-tr-statement/entitlements?limit=500'),
    'GET /api/swap-ledgers/{mechanism}/entries': {
      shape: 'collection', needs: [['case', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/swap-ledgers/eu-tr-statement/entries' }),
      async check(response, actor) {
        const readable = new Set(await readableCaseIds(actor));
        for (const entry of await response.json() as Json[]) assert.ok(entry.tenantId === actor.tenantId && readable.has(entry.caseId), `${actor.id} sees entry ${entry.id}`);
      },
    },
    'POST /api/swap-ledgers/{mechanism}/returns': {
      shape: 'collection', needs: [['case', 'read'], ['swap-ledger', 'create']], ok: 201, actors: GR_ACTORS,
      facts: { tenantId: 'GR', unitId: 'asylum', ownerIds: ['gr-caseworker'] },
      request: () => ({ method: 'POST', path: '/api/swap-ledgers/eu-tr-statement/returns', body: { caseId: RETURNED[0]!, reason: 'authorisation matrix' } }),
      async check(response, actor) {
        const leg = await response.json() as Json;
        assert.deepEqual([leg.entry.caseId, leg.entry.recordedBy, leg.entry.finding.outcome], [RETURNED.shift(), actor.id, 'yes']);
      },
    },
    'POST /api/swap-ledgers/{mechanism}/resettlements': {
      shape: 'collection', needs: [['case', 'read'], ['swap-ledger', 'create']], ok: 201,
      facts: { tenantId: 'IT', unitId: 'asylum', ownerIds: ['it-caseworker'] },
      request: () => ({ method: 'POST', path: '/api/swap-ledgers/eu-tr-statement/resettlements', body: { caseId: ARRIVED[0]!, reason: 'authorisation matrix' } }),
      async check(response) {
        const leg = await response.json() as Json;
        assert.deepEqual([leg.entry.caseId, leg.entitlement.resettlingState], [ARRIVED.shift(), 'IT']);
      },
    },
    'POST /api/rescue-events': {
      shape: 'collection', needs: [['rescue', 'create']], ok: 201,
      request: () => ({ method: 'POST', path: '/api/rescue-events', body: RESCUE }),
      async check(response, actor) {
        const event = await response.json() as Json;
        assert.deepEqual([event.tenantId, event.createdBy, event.unitId], [actor.tenantId, actor.id, actor.unitId]);
      },
    },
    'GET /api/rescue-events': {
      shape: 'collection', needs: [['rescue', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/rescue-events?limit=500' }),
      async check(response, actor) {
        const scope = grantOf(actor, 'rescue', 'read')!;
        const rows = await t.storage.db.selectFrom('rescue_events').select(['id', 'tenant_id', 'unit_id', 'assigned_to', 'created_by']).execute();
        const readable = rows.filter((r) => covers(actor, scope, { tenantId: r.tenant_id, unitId: r.unit_id, ownerIds: [r.assigned_to, r.created_by] })).map((r) => r.id).sort();
        assert.deepEqual((await response.json() as { items: Json[] }).items.map((e) => e.id).sort(), readable);
      },
    },
    'GET /api/rescue-events/{id}': {
      shape: 'case', needs: [['rescue', 'read']], ok: 200, prepare: rescuePrepared,
      request: (id) => rescueCall('GET', id, ''),
      async check(response, actor, target) {
        const event = await response.json() as Json;
        const fixture = fixtureCase(target as Fixture);
        assert.equal(event.id, rescueEventOf.get(fixture.caseId));
        assert.deepEqual(event.allowed, (['update', 'decide'] as const).filter((action) => isAllowed(actor, [['rescue', action]], fixture.facts)));
      },
    },
    'PATCH /api/rescue-events/{id}': {
      shape: 'case', needs: [['rescue', 'read'], ['rescue', 'update']], ok: 200, prepare: rescuePrepared,
      request: (id) => rescueCall('PATCH', id, '', () => ({ changes: { note: `matrix ${freshDay()}` }, reason: 'authorisation matrix' })),
    },
    'POST /api/rescue-events/{id}/persons': {
      shape: 'case', needs: [['rescue', 'read'], ['rescue', 'update']], ok: 201, prepare: rescuePrepared,
      request: (id) => rescueCall('POST', id, '/persons', (caseId) => ({ personId: nextPersonOf.get(caseId) ?? randomUUID(), reason: 'authorisation matrix' })),
    },
    'POST /api/rescue-events/{id}/assignments': {
      shape: 'case', needs: [['rescue', 'read'], ['rescue', 'decide']], ok: 201, prepare: rescuePrepared,
      request: (id) => rescueCall('POST', id, '/assignments', (caseId) => {
        const fixture = fixtures.find((f) => f.caseId === caseId);
        return { personId: fixture?.personId ?? randomUUID(), destination: 'place-of-safety', country: fixture?.tenantId ?? 'IT', place: 'Matrix port', reason: 'authorisation matrix' };
      }),
      async check(response) {
        assert.deepEqual((await response.json() as Json).assignment.findings.map((f: Json) => f.question), ['access-to-procedure']);
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Bulk work on cases (issue 5, section 7): imports need `case create`, and their jobs are read by the
// same; a bulk flag needs `case update` (each case is then judged on its own, in the answer's results).
// ---------------------------------------------------------------------------------------------------

/** A one-row import file with a reference no other request uses. */
function matrixImportFile(): string {
  return JSON.stringify({ externalRef: `matrix-${randomUUID()}`, kind: 'asylum', person: { givenNames: 'Matrix', familyName: 'Import', nationality: 'BD', birthDate: '1996-05-02' } });
}

let matrixImportJob: string | null = null;
/** An import job of Italy, made once, for the routes that read one. */
async function importJobId(): Promise<string> {
  if (!matrixImportJob) {
    const response = await t.call('it-supervisor', 'POST', '/api/case-imports', { body: { format: 'ndjson', content: matrixImportFile() } });
    assert.equal(response.status, 201, await response.clone().text());
    matrixImportJob = ((await response.json()) as Json).job.id as string;
  }
  return matrixImportJob;
}

function bulkRouteCases(): Record<string, RouteCase> {
  return {
    'POST /api/case-imports': {
      shape: 'collection', needs: [['case', 'create']], ok: 201,
      request: () => ({ method: 'POST', path: '/api/case-imports', body: { format: 'ndjson', content: matrixImportFile() } }),
      async check(response, actor) {
        const { job } = await response.json() as Json;
        assert.deepEqual([job.tenantId, job.createdBy, job.status, job.created], [actor.tenantId, actor.id, 'done', 1]);
      },
    },
    'GET /api/case-imports': {
      shape: 'collection', needs: [['case', 'create']], ok: 200,
      request: () => ({ method: 'GET', path: '/api/case-imports?limit=500' }),
      async check(response, actor) {
        for (const job of await response.json() as Json[]) assert.equal(job.tenantId, actor.tenantId);
      },
    },
    'GET /api/case-imports/{id}': {
      shape: 'collection', needs: [['case', 'create']], ok: 200,
      request: async () => ({ method: 'GET', path: `/api/case-imports/${await importJobId()}` }),
      async check(response) {
        assert.equal((await response.json() as Json).job.id, await importJobId());
      },
    },
    'POST /api/case-actions': {
      shape: 'collection', needs: [['case', 'update']], ok: 200,
      request: () => ({ method: 'POST', path: '/api/case-actions', body: { action: 'flag', caseIds: fixtures.map((f) => f.caseId), flag: 'priority', reason: 'authorisation matrix' } }),
      async check(response, actor) {
        const result = await response.json() as Json;
        // Each case answered as the table says for it: another tenant's is not found.
        for (const [i, r] of (result.results as Json[]).entries()) {
          const fixture = fixtures[i]!;
          const expected = fixture.tenantId !== actor.tenantId ? 'not-found' : isAllowed(actor, [['case', 'read'], ['case', 'update']], fixture.facts) ? 'ok' : 'refused';
          assert.equal(r.status, expected, `${actor.id} on ${fixture.label}`);
        }
      },
    },
  };
}

const ROUTES: Record<string, RouteCase> = {
  ...registryRouteCases(),
  ...procedureRouteCases(),
  ...deadlineRouteCases(),
  ...transferRouteCases(),
  ...ledgerAndRescueRouteCases(),
  ...bulkRouteCases(),
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
  // Policy simulations: run and read by policy analysts and administrators, for their own tenant.
  'POST /api/simulations': {
    shape: 'collection', needs: [['simulation', 'run']], ok: 202,
    request: () => ({ method: 'POST', path: '/api/simulations', body: { scenario: { id: 'matrix', title: 'Matrix scenario', period: { start: '2026-01-01', months: 1 }, changes: [] }, runs: 1, scale: 0.001 } }),
    async check(response, actor) {
      const started = await response.json() as Json;
      assert.equal(started.tenantId, actor.tenantId);
      assert.equal(started.createdBy, actor.id);
    },
  },
  'GET /api/simulations': {
    shape: 'collection', needs: [['simulation', 'read']], ok: 200,
    request: () => ({ method: 'GET', path: '/api/simulations' }),
    async check(response, actor) {
      for (const s of (await response.json() as { items: Json[] }).items) assert.equal(s.tenantId, actor.tenantId);
    },
  },
  'GET /api/simulations/{id}': {
    shape: 'collection', needs: [['simulation', 'read']], ok: 200,
    request: async () => ({ method: 'GET', path: `/api/simulations/${await finishedSimulation()}` }),
  },
  'GET /api/simulations/{id}/results': {
    shape: 'collection', needs: [['simulation', 'read']], ok: 200,
    request: async () => ({ method: 'GET', path: `/api/simulations/${await finishedSimulation()}/results` }),
    async check(response) {
      assert.equal((await response.json() as Json).results.summary.conservation, true);
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
  // Public statistics: every authenticated user reads them (the matrix runs on an empty statistics store).
  ...Object.fromEntries(['datasets', 'indicators', 'arrivals', 'asylum-applications', 'recognition-rates', 'return-rates', 'deaths-and-missing', 'visa-suspension-monitor']
    .map((name): [string, RouteCase] => [`GET /api/stats/${name}`, {
      shape: 'collection', needs: [['statistics', 'read']], ok: 200,
      request: () => ({ method: 'GET', path: `/api/stats/${name}` }),
    }])),
  // Indicators from case data: the permission table decides whose Member States (case-statistics).
  'GET /api/stats/case-indicators/{indicator}': {
    shape: 'collection', needs: [['case-statistics', 'read']], ok: 200,
    request: () => ({ method: 'GET', path: '/api/stats/case-indicators/deadline-compliance' }),
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
  'GET /api/sign-in': {
    shape: 'public', needs: [], ok: 200,
    request: () => ({ method: 'GET', path: '/api/sign-in' }),
  },
};

/** The record a route acts on, for the oracle. */
type Target = Fixture | RegistryTarget | string;

function factsOf(shape: Shape, target: Target): RecordFacts {
  if (shape === 'tenant') return { tenantId: target as string };
  return (target as Fixture | RegistryTarget).facts;
}

function idOf(shape: Shape, target: Target): string {
  if (shape === 'tenant') return target as string;
  if (shape === 'registry') return (target as RegistryTarget).id;
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

/** Strings that are not ids of any record of the caller's tenant (for registries: of any record of the kind). */
function craftedIds(shape: Shape): string[] {
  if (shape === 'registry') {
    return [
      randomUUID(), '00000000-0000-0000-0000-000000000000', gr.caseId, gr.personId, gr.reference, 'ZZ', 'zz', 'not-a-key',
      'TR:GR:1999-01-01', 'safe-country-of-origin:EU:QQ:2026-06-12', "' OR '1'='1", "TR' OR key like '%", '1; DROP TABLE registry_records; --',
      '%', '*', '%25', '..%2F..%2Fapi%2Fme', 'é'.repeat(40), 'TR\u0000', 'x'.repeat(400),
    ];
  }
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
    // Records of Italy (and of the Commission) for the kinds the seed has none of, so that Italy owns a
    // record of every creatable kind and every kind has a target.
    const fixturesToCreate: Array<[string, string, Json]> = [
      ['it-administrator', 'readmission', { country: 'LY', memberState: 'IT', status: 'partial', from: '2020-01-01', to: '2020-12-31', evidence: [SOURCE], verified: false }],
      ['it-administrator', 'border-situations', { memberState: 'IT', type: 'mass-arrival', section: { description: 'Sea border of Lampedusa (matrix fixture)' }, declaredOn: '2026-07-01', from: '2026-07-01', to: '2026-09-30', declaration: [SOURCE], verified: false }],
      ['com-administrator', 'crisis-authorisations', { memberState: 'IT', kind: 'mass-arrival', from: '2026-07-01', to: '2026-09-30', derogations: ['registration-4-weeks'], decision: SOURCE, verified: false }],
      ['it-partnership-officer', 'joint-messages', { code: 'matrix-it-message', title: 'Matrix message of Italy', partner: 'AL', partnership: 'it-al-protocol', participants: ['IT'], drafts: [{ version: 1, date: '2026-07-01', text: 'Draft.', author: 'Matrix' }], owner: 'IT' }],
      ['com-partnership-officer', 'joint-messages', { code: 'matrix-com-message', title: 'Matrix message of the Commission', partner: 'TN', partnership: 'eu-tn-mou', participants: ['IT', 'MT'], drafts: [{ version: 1, date: '2026-07-01', text: 'Draft.', author: 'Matrix' }], owner: 'COM' }],
      ['it-partnership-officer', 'outreach-events', { code: 'matrix-it-event', type: 'mission', title: 'Matrix mission', partner: 'AL', partnership: 'it-al-protocol', from: '2026-07-01', owner: 'IT', verified: false }],
    ];
    for (const [user, plural, data] of fixturesToCreate) {
      const created = await t.call(user, 'POST', `/api/registries/${plural}`, { body: { data, reason: 'matrix fixture' } });
      assert.equal(created.status, 201, `${plural}: ${await created.clone().text()}`);
    }
    for (const [plural, specs] of Object.entries(REGISTRY_TARGET_KEYS)) {
      const targets: RegistryTarget[] = [];
      for (const { key, owner } of specs) {
        const row = await t.storage.db.selectFrom('registry_records').select('id').where('kind', '=', SINGULAR[plural]!).where('key', '=', key).executeTakeFirstOrThrow();
        targets.push({ label: `${SINGULAR[plural]} ${key} of ${owner}`, kind: plural, key, id: row.id, facts: { tenantId: owner } });
      }
      registryTargets.set(plural, targets);
    }
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
          for (const actor of route.actors ?? ACTORS) {
            const call = await route.request('');
            const before = WRITE_METHODS.has(operation.method.toLowerCase()) ? await snapshot() : null;
            const response = await send(actor.id, call);
            const allowed = isAllowed(actor, route.needs, route.facts);
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

        const isRegistry = route.shape === 'registry';
        const targets: Target[] = route.shape === 'tenant' ? ['IT', 'GR'] : isRegistry ? registryTargets.get(route.registry!)! : fixtures;
        for (const actor of isRegistry ? REGISTRY_ACTORS : ACTORS) {
          // What an id naming nothing gets: the answer every other tenant's id must match.
          const nothing = await refusal(await send(actor.id, await route.request(route.shape === 'tenant' ? 'ZZ' : randomUUID())), `${actor.id} ${operation.key} on an unknown id`);
          for (const template of targets) {
            const target: Target = route.freshTarget && typeof template !== 'string' ? await openFixture(template as Fixture) : template;
            if (route.prepare && typeof target !== 'string') await route.prepare(target as Fixture);
            const facts = factsOf(route.shape, target);
            const label: string = typeof target === 'string' ? `tenant ${target}` : target.label;
            const where: string = `${actor.id} ${operation.key} on ${label}`;
            const call = await route.request(idOf(route.shape, target));
            const before = WRITE_METHODS.has(operation.method.toLowerCase()) ? await snapshot() : null;
            const response = await send(actor.id, call);
            if (isAllowed(actor, route.needs, facts)) {
              allowedCells++;
              if (response.status !== route.ok) { mismatches.push(`${where}: expected ${route.ok}, got ${response.status} ${await response.text()}`); continue; }
              await route.check?.(response, actor, target as Fixture);
              continue;
            }
            const { status, code, text } = await refusal(response, where);
            assert.deepEqual(leaked(text, idOf(route.shape, target)), [], `${where}: the refusal shows the other tenant's data`);
            if (before) assert.deepEqual(await snapshot(), before, `${where}: a refused write wrote`);
            if (isRegistry) {
              // Everyone reads shared records: a write refused for its owner is forbidden, never "not found".
              if (status !== 403) mismatches.push(`${where}: expected 403, got ${status} ${code}`);
            } else if (facts.tenantId === actor.tenantId) {
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
      if (!route || !['case', 'person', 'tenant', 'registry'].includes(route.shape)) continue;
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
          const ids = route.shape === 'tenant' ? ['IT', 'GR', 'FRA'] : route.shape === 'collection' ? ['']
            : route.shape === 'registry' ? registryTargets.get(route.registry!)!.map((x) => x.id) : fixtures.map((f) => idOf(route.shape, f));
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
        const id = route.shape === 'tenant' ? 'IT' : route.shape === 'case' ? fixtures[0]!.caseId
          : route.shape === 'registry' ? registryTargets.get(route.registry!)![0]!.id : fixtures[0]!.personId;
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
