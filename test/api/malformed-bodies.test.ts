/**
 * Property: whatever malformed body reaches a write route — a JSON value of the wrong shape, an
 * unknown field, a wrong type, a date that does not exist, text PostgreSQL cannot store, a missing
 * required field, truncated or invalid JSON text, a content type other than JSON, or more bytes than
 * the limit — the answer is a 4xx problem+json document with a `code`, and nothing is written: the
 * row counts of every table a write touches and the heads of the audit chains stay as they were.
 *
 * The write routes and the shape of their bodies are read from the OpenAPI document, so a new write
 * route is fuzzed as soon as it is documented, and fails this file until VALID_REQUESTS says how to
 * send it a well-formed request (the starting point every malformation is made from).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ENGINE } from '../support/storage.ts';
import { openCaseBody, startTestProduct } from '../support/product.ts';
import { loadCaseLaw } from '../../src/domain/cases/law-context.ts';
import { openCase } from '../../src/domain/cases/open-case.ts';
import { linkRescuedPerson } from '../../src/domain/rescue/link-rescued-person.ts';
import { registerRescueEvent } from '../../src/domain/rescue/register-rescue-event.ts';
import { recordReturn } from '../../src/domain/swap-ledger/record-return.ts';
import { asActor } from '../../src/storage/transaction.ts';
import { resettledCase, returnedCase, userOf } from '../support/swap-ledger.ts';

type Json = Record<string, any>;
type Path = Array<string | number>;

const MAX_BODY_BYTES = 4096;
/** Per route, enough runs to meet every kind of malformation several times, and stay well under a minute on PGlite. */
const RUNS_PER_ROUTE = 150;

const t = await startTestProduct({ WAYPOINT_MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
after(() => t.close());

const DOCUMENT = await (await t.call(null, 'GET', '/api/openapi.json')).json() as Json;

const WRITE_OPERATIONS = Object.entries(DOCUMENT.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json).filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation: operation as Json })));

/** Follows `$ref`s inside the document. */
function resolve(schema: Json | undefined): Json {
  let node = schema ?? {};
  while (node.$ref) node = (node.$ref as string).slice(2).split('/').reduce<Json>((n, part) => n[part], DOCUMENT);
  return node;
}

// ---------------------------------------------------------------------------------------------------
// A well-formed request per write route; the target records exist so that only the body can fail.
// ---------------------------------------------------------------------------------------------------

interface Target { caseId: string; personId: string }

interface ValidRequest {
  /** Demo user sending it (null: no token). Chosen so that the permission table allows it. */
  user: string | null;
  path(target: Target): string;
  headers?(target: Target): Promise<Record<string, string>>;
  /** Carries every optional field, so that each can be malformed. */
  body(): Json;
  /** Creates what the request acts on besides the target (a pending proposal, a second person), before anything is measured. */
  prepare?(target: Target): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// The registries: create, change and import, per kind, by a user whose tenant owns the record.
// ---------------------------------------------------------------------------------------------------

const SOURCE = { title: 'Well-formed source document', url: 'https://example.org/source', date: '2026-01-15' };

/** If-Match of a registry record named by its key. */
function registryIfMatch(kind: string, key: string) {
  return async () => {
    const row = await t.storage.db.selectFrom('registry_records').select('version').where('kind', '=', kind).where('key', '=', key).executeTakeFirstOrThrow();
    return { 'if-match': `"${row.version}"` };
  };
}

function REGISTRY_REQUESTS(): Record<string, ValidRequest> {
  const designation = {
    kind: 'safe-country-of-origin', level: 'national', memberState: 'IT', country: 'UY', from: '2031-01-01', to: '2031-12-31',
    exceptions: { regions: ['Rivera'], categories: ['lgbti'] }, appliesTo: { nationalities: ['UY'] }, sources: [SOURCE],
    reviewDue: '2031-06-30', suspensions: [], verified: false, note: 'well-formed designation',
  };
  const readmission = {
    country: 'UY', memberState: 'IT', status: 'cooperating', from: '2031-01-01', to: '2031-12-31', evidence: [SOURCE], verified: false, note: 'well-formed status',
  };
  const legalBasis = ['Regulation (EU) 2024/1348 Art. 64'];
  return {
    'POST /api/registries/designations': {
      user: 'it-administrator', path: () => '/api/registries/designations',
      body: () => ({ data: designation, reason: 'decree of the day', legalBasis }),
    },
    'PATCH /api/registries/designations/{id}': {
      user: 'it-administrator', path: () => '/api/registries/designations/safe-country-of-origin:IT:AL:2024-10-23',
      headers: registryIfMatch('designation', 'safe-country-of-origin:IT:AL:2024-10-23'),
      body: () => ({
        data: { to: '2099-12-31', exceptions: { regions: ['North'], categories: ['journalists'] }, sources: [SOURCE], reviewDue: '2027-01-15', verified: true, note: `checked ${Date.now()}` },
        reason: 'yearly review', legalBasis,
      }),
    },
    'POST /api/registries/designations/import': {
      user: 'it-administrator', path: () => '/api/registries/designations/import',
      body: () => ({ format: 'json', content: JSON.stringify([{ ...designation, from: '2032-01-01', to: '2032-12-31' }]), reason: 'import of the decree', dryRun: true }),
    },
    'POST /api/registries/readmission': {
      user: 'it-administrator', path: () => '/api/registries/readmission',
      body: () => ({ data: readmission, reason: 'report of the liaison officer', legalBasis }),
    },
    'PATCH /api/registries/readmission/{id}': {
      user: 'gr-administrator', path: () => '/api/registries/readmission/TR:GR:2020-03-01',
      headers: registryIfMatch('readmission', 'TR:GR:2020-03-01'),
      body: () => ({ data: { status: 'suspended', evidence: [SOURCE], verified: true, note: `still suspended ${Date.now()}` }, reason: 'monthly check', legalBasis }),
    },
    'POST /api/registries/readmission/import': {
      user: 'it-partnership-officer', path: () => '/api/registries/readmission/import',
      body: () => ({ format: 'csv', content: 'country,memberState,status,from,to,evidence,verified,note\r\nUY,IT,partial,2032-01-01,2032-12-31,"[{""title"":""Report"",""url"":""https://example.org/r""}]",false,imported\r\n', reason: 'quarterly report', dryRun: true }),
    },
    'PATCH /api/registries/countries/{id}': {
      user: 'com-administrator', path: () => '/api/registries/countries/IS',
      headers: registryIfMatch('country', 'IS'),
      body: () => ({
        data: {
          name: 'Iceland', names: { en: 'Iceland', de: 'Island' }, otherNames: ['Ísland'],
          candidate: [{ from: '2010-06-17', to: '2015-03-12', sources: [SOURCE], verified: false, note: 'candidacy' }],
          note: `checked ${Date.now()}`,
        },
        reason: 'corrected', legalBasis,
      }),
    },
    'POST /api/registries/countries/import': {
      user: 'com-administrator', path: () => '/api/registries/countries/import',
      body: () => ({ format: 'json', content: JSON.stringify({ kind: 'country', records: [{ code: 'IS', name: 'Iceland', names: { en: 'Iceland' } }] }), reason: 'bulk correction', dryRun: true }),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Partnerships, mechanisms, facilities, funding, border situations, outreach: create, change, import.
// Records of kinds the seed has none of for Italy are made first (REGISTRY_FIXTURES).
// ---------------------------------------------------------------------------------------------------

const REGISTRY_FIXTURES: Array<[string, string, Json]> = [
  ['it-administrator', 'border-situations', { memberState: 'IT', type: 'mass-arrival', section: { description: 'Sea border of Lampedusa (fixture)' }, declaredOn: '2030-07-01', from: '2030-07-01', to: '2030-09-30', declaration: [SOURCE], verified: false }],
  ['com-administrator', 'crisis-authorisations', { memberState: 'IT', kind: 'mass-arrival', from: '2030-07-01', to: '2030-09-30', derogations: ['registration-4-weeks'], decision: SOURCE, verified: false }],
  ['it-partnership-officer', 'joint-messages', { code: 'fixture-message', title: 'Fixture message', partner: 'AL', partnership: 'it-al-protocol', participants: ['IT'], drafts: [{ version: 1, date: '2030-07-01', text: 'Draft.', author: 'Fixture' }], owner: 'IT' }],
  ['it-partnership-officer', 'outreach-events', { code: 'fixture-event', type: 'mission', title: 'Fixture mission', partner: 'AL', from: '2030-07-01', owner: 'IT', verified: false }],
  ['it-partnership-officer', 'facilities', {
    code: 'fixture-transfer-centre', name: 'Fixture centre', mechanisms: ['it-al-protocol'], location: { lat: 35.5, lon: 12.6, place: 'Lampedusa', country: 'IT' },
    jurisdiction: 'IT', operator: 'Fixture operator', capacity: [{ from: '2026-01-01', places: 1000, verified: false }], sources: [SOURCE], owner: 'IT', verified: false,
  }],
];

async function createRegistryFixtures(): Promise<void> {
  for (const [user, plural, data] of REGISTRY_FIXTURES) {
    const response = await t.call(user, 'POST', `/api/registries/${plural}`, { body: { data, reason: 'fixture for the malformed bodies' } });
    assert.equal(response.status, 201, `${plural}: ${await response.clone().text()}`);
  }
}

function PARTNERSHIP_REQUESTS(): Record<string, ValidRequest> {
  const legalBasis = ['Law 14/2024 Art. 6'];
  const money = { amount: 1_000_000, currency: 'EUR' };
  const item = { done: true, on: '2031-01-01', evidence: [SOURCE], note: 'done' };
  const records: Record<string, { user: string; create: Json; patch: { key: string; kind: string; user?: string; data: () => Json } }> = {
    partnerships: {
      user: 'it-partnership-officer',
      create: {
        code: 'fuzz-it-uy', title: 'Fuzz arrangement between Italy and Uruguay', kind: 'arrangement', legallyBinding: false,
        parties: { eu: false, memberStates: ['IT'], partner: 'UY', otherStates: ['GB'], organisations: ['IOM'] },
        dates: { signed: '2031-01-01', inForce: '2031-02-01', suspensions: [{ from: '2031-06-01', to: '2031-06-30', reason: 'review', sources: [SOURCE] }], ended: null },
        pillars: [{ title: 'Returns', commitments: [{ side: 'partner', text: 'Readmits its own nationals', amount: money }] }],
        humanRights: { nonRefoulementClause: true, humanRightsClause: true, text: 'Article 3' },
        monitoring: { body: 'Independent monitor', independent: true, designatedOn: '2031-01-01', reports: [{ ...SOURCE, findings: 'none' }] },
        violations: 'Suspension on serious violations', documents: [SOURCE],
        lifecycle: {
          phases: [{ phase: 'exploration', from: '2030-12-01', reason: 'start', sources: [SOURCE] }, { phase: 'design', from: '2031-01-02', reason: 'drafting', sources: [] }],
          checklist: { legalReview: item, fundamentalRightsImpactAssessment: item, fundingSecured: item, monitoringBodyDesignated: item, partnerConsent: item },
          roles: [{ phase: 'design', actor: 'EEAS', role: 'responsible', note: 'lead' }],
        },
        owner: 'IT', reviewDue: '2032-01-01', verified: false, unverified: [{ field: 'dates', note: 'a test record' }], note: 'well-formed partnership',
      },
      patch: { key: 'it-al-protocol', kind: 'partnership', data: () => ({ reviewDue: '2028-11-06', violations: 'Denunciation with six months\' notice', note: `checked ${Date.now()}` }) },
    },
    mechanisms: {
      user: 'it-partnership-officer',
      create: {
        code: 'fuzz-mechanism', title: 'Fuzz talent partnership', kind: 'legal-pathway', partnership: 'it-al-protocol', partner: 'AL', memberStates: ['IT'],
        from: '2031-01-01', to: '2031-12-31',
        parameters: { capacity: 10, cap: { total: 100, note: 'ceiling' }, quotas: [{ year: 2031, quota: 50, note: 'first year' }], categoriesExcluded: ['minors'], eligibility: 'Adults' },
        indicators: [{ name: 'Departures', unit: 'persons', value: 3, from: '2031-01-01', to: '2031-03-31', source: SOURCE }],
        sources: [SOURCE], owner: 'IT', verified: false, unverified: [{ field: 'from', note: 'a test record' }], note: 'well-formed mechanism',
      },
      patch: { key: 'it-al-protocol', kind: 'mechanism', data: () => ({ indicators: [{ name: 'Transfers', unit: 'persons', value: 16, from: '2024-10-16', to: '2024-10-16', source: SOURCE }], note: `checked ${Date.now()}` }) },
    },
    facilities: {
      user: 'it-partnership-officer',
      create: {
        code: 'fuzz-centre', name: 'Fuzz centre', mechanisms: ['it-al-protocol'], location: { lat: 41.9, lon: 19.6, place: 'Fuzz', country: 'AL' }, jurisdiction: 'IT',
        operator: 'Fuzz operator', capacity: [{ section: 'whole', from: '2031-01-01', to: '2031-12-31', places: 10, note: 'built', source: SOURCE, verified: false }],
        occupancy: [{ on: '2031-02-01', persons: 5, via: 'reported', source: SOURCE }], sources: [SOURCE], owner: 'IT', verified: false,
        unverified: [{ field: 'location', note: 'a test record' }], note: 'well-formed facility',
      },
      patch: { key: 'al-gjader', kind: 'facility', data: () => ({ occupancy: [{ on: '2025-04-11', persons: 40, via: 'reported', source: SOURCE }, { on: '2026-07-01', persons: 12, via: 'case-processing', source: SOURCE }], note: `checked ${Date.now()}` }) },
    },
    'funding-instruments': {
      user: 'it-administrator',
      create: {
        code: 'fuzz-budget', title: 'Fuzz budget line', level: 'national', memberState: 'IT', status: 'in-force', legalBasis: 'Budget law', from: '2031-01-01', to: '2031-12-31',
        envelope: money, objectives: ['migration-governance', 'development'], measuresMustPursue: ['development'], sources: [SOURCE], verified: false,
        unverified: [{ field: 'envelope', note: 'a test record' }], note: 'well-formed instrument',
      },
      patch: { key: 'it-state-budget', kind: 'funding-instrument', data: () => ({ legalBasis: 'Budget laws; Law 14/2024 Art. 6', note: `checked ${Date.now()}` }) },
    },
    funding: {
      user: 'it-partnership-officer',
      create: {
        code: 'fuzz-disbursement', instrument: 'it-state-budget', type: 'disbursement', measure: 'Fuzz payment', objectives: ['border-management'],
        recipients: { partnership: 'it-al-protocol', mechanism: 'it-al-protocol', facility: 'al-gjader' }, amount: money, date: '2024-06-01',
        commitment: 'it-al-2024-construction-interior', sources: [SOURCE], owner: 'IT', verified: false, unverified: [{ field: 'amount', note: 'a test record' }], note: 'well-formed line',
      },
      patch: { key: 'it-al-2024-construction-interior', kind: 'funding', data: () => ({ objectives: ['migration-governance', 'border-management'], note: `checked ${Date.now()}` }) },
    },
    'border-situations': {
      user: 'it-administrator',
      create: {
        memberState: 'IT', type: 'mass-arrival', section: { neighbour: null, description: 'Sea border of Sicily' }, declaredOn: '2031-01-01', from: '2031-01-01', to: '2031-03-31',
        declaration: [SOURCE],
        measures: [{ type: 'opening-hours-limited', crossingPoints: ['Port of Pozzallo'], allCrossingPoints: false, hours: '08:00-20:00', from: '2031-01-01', to: '2031-01-31', legalBasis: 'SBC Art. 5', sources: [SOURCE] }],
        asylumAccess: [{ place: 'Port of Pozzallo', onSection: true, from: '2031-01-01', to: '2031-03-31', dailyCap: 100, note: 'reception desk' }],
        verified: false, unverified: [{ field: 'measures', note: 'a test record' }], note: 'well-formed situation',
      },
      patch: { key: 'IT:mass-arrival:none:2030-07-01', kind: 'border-situation', data: () => ({ to: '2030-10-31', note: `checked ${Date.now()}` }) },
    },
    'crisis-authorisations': {
      user: 'com-administrator',
      create: {
        memberState: 'IT', kind: 'mass-arrival', section: 'Sea border of Sicily', from: '2031-01-01', to: '2031-03-31', derogations: ['registration-4-weeks', 'border-procedure-plus-6-weeks'],
        decision: SOURCE, proposal: SOURCE, situation: 'IT:mass-arrival:none:2030-07-01', verified: false, unverified: [{ field: 'decision', note: 'a test record' }], note: 'well-formed authorisation',
      },
      patch: { key: 'IT:mass-arrival:2030-07-01', kind: 'crisis-authorisation', data: () => ({ section: 'Lampedusa', note: `checked ${Date.now()}` }) },
    },
    'joint-messages': {
      user: 'it-partnership-officer',
      create: {
        code: 'fuzz-message', title: 'Fuzz joint message', partner: 'AL', partnership: 'it-al-protocol', participants: ['IT'],
        drafts: [{ version: 1, date: '2031-01-01', text: 'Draft one.', author: 'Fuzz', note: 'first' }],
        approvals: [{ by: 'EEAS', version: 1, decision: 'approved', on: '2031-01-02', note: 'fine' }], owner: 'IT', note: 'well-formed message',
      },
      patch: { key: 'fixture-message', kind: 'joint-message', data: () => ({ title: `Fixture message ${Date.now()}`, note: `checked ${Date.now()}` }) },
    },
    'outreach-events': {
      user: 'it-partnership-officer',
      create: {
        code: 'fuzz-event', type: 'summit', title: 'Fuzz summit', partner: 'AL', partnership: 'it-al-protocol', from: '2031-01-01', to: '2031-01-02', place: 'Tirana',
        participants: { memberStates: ['IT'], eu: ['EEAS'], others: ['Albania'] },
        asks: [{ by: 'partner', text: 'Faster visas', status: 'open' }], commitments: [{ by: 'eu', text: 'A study', amount: money, due: '2031-06-30', status: 'open' }],
        sources: [SOURCE], owner: 'IT', verified: false, unverified: [{ field: 'asks', note: 'a test record' }], note: 'well-formed event',
      },
      patch: { key: 'fixture-event', kind: 'outreach-event', data: () => ({ place: 'Rome', note: `checked ${Date.now()}` }) },
    },
  };
  const out: Record<string, ValidRequest> = {};
  for (const [plural, r] of Object.entries(records)) {
    const base = `/api/registries/${plural}`;
    out[`POST ${base}`] = { user: r.user, path: () => base, body: () => ({ data: r.create, reason: 'well-formed create', legalBasis }) };
    out[`PATCH ${base}/{id}`] = {
      user: r.patch.user ?? r.user, path: () => `${base}/${encodeURIComponent(r.patch.key)}`, headers: registryIfMatch(r.patch.kind, r.patch.key),
      body: () => ({ data: r.patch.data(), reason: 'well-formed change', legalBasis }),
    };
    const imported = 'code' in r.create ? { ...r.create, code: `${r.create.code}-imported` } : { ...r.create, from: '2032-01-01', to: '2032-03-31', ...(plural === 'border-situations' ? { declaredOn: '2032-01-01', measures: [], asylumAccess: [] } : {}) };
    out[`POST ${base}/import`] = { user: r.user, path: () => `${base}/import`, body: () => ({ format: 'json', content: JSON.stringify([imported]), reason: 'well-formed import', dryRun: true }) };
  }
  return out;
}

async function ifMatch(target: Target): Promise<Record<string, string>> {
  const row = await t.storage.db.selectFrom('cases').select('version').where('id', '=', target.caseId).executeTakeFirstOrThrow();
  return { 'if-match': `"${row.version}"` };
}

// ---------------------------------------------------------------------------------------------------
// Procedures and people (issue 5): transitions, four eyes, person changes, merges and family links.
// What they act on besides the target is prepared per target: a proposal waiting for approval on a
// case of its own, a duplicate and a survivor, a family member.
// ---------------------------------------------------------------------------------------------------

const prepared = new Map<string, { caseId: string; personId: string; transitionId?: string; otherPersonId?: string }>();
let latestOther = '00000000-0000-0000-0000-000000000000';

async function openFor(user: string): Promise<Json> {
  const response = await t.call(user, 'POST', '/api/cases', { body: openCaseBody() });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json() as Promise<Json>;
}

/** A case of its own with a proposal (discontinue, under four eyes) by its caseworker, for a supervisor to approve or reject. */
function proposalFor(key: string) {
  return async (target: Target) => {
    const opened = await openFor('it-caseworker');
    const proposed = await t.call('it-caseworker', 'POST', `/api/cases/${opened.id}/transitions`, {
      body: { transition: 'discontinue', reason: 'the applicant withdrew' }, headers: { 'if-match': `"${opened.version}"` },
    });
    assert.equal(proposed.status, 202, await proposed.clone().text());
    prepared.set(`${key}:${target.caseId}`, { caseId: opened.id, personId: opened.personId, transitionId: ((await proposed.json()) as Json).transition.id });
  };
}

/** A person of its own and a second one (the survivor of a merge, the family member of a link). */
function pairFor(key: string, withOwnPerson: boolean) {
  return async (target: Target) => {
    const own = withOwnPerson ? await openFor('it-supervisor') : { id: target.caseId, personId: target.personId };
    const other = await openFor('it-supervisor');
    latestOther = other.personId;
    prepared.set(`${key}:${target.caseId}`, { caseId: own.id, personId: own.personId, otherPersonId: other.personId });
  };
}

function preparedOf(key: string, target: Target) {
  const found = prepared.get(`${key}:${target.caseId}`);
  assert.ok(found, `${key} was prepared for the target`);
  return found;
}

async function personIfMatch(personId: string): Promise<Record<string, string>> {
  const row = await t.storage.db.selectFrom('persons').select('version').where('id', '=', personId).executeTakeFirstOrThrow();
  return { 'if-match': `"${row.version}"` };
}

function PROCEDURE_REQUESTS(): Record<string, ValidRequest> {
  const today = new Date().toISOString().slice(0, 10);
  const verdict = (name: 'approve' | 'reject'): ValidRequest => {
    const key = `POST /api/cases/{id}/transitions/{transitionId}/${name}`;
    return {
      user: 'it-supervisor', prepare: proposalFor(key),
      path: (target) => `/api/cases/${preparedOf(key, target).caseId}/transitions/${preparedOf(key, target).transitionId}/${name}`,
      headers: (target) => ifMatch({ caseId: preparedOf(key, target).caseId, personId: '' }),
      body: () => ({ reason: name === 'approve' ? 'withdrawal confirmed in writing' : 'no written withdrawal on file' }),
    };
  };
  return {
    'POST /api/cases/{id}/transitions': {
      user: 'it-supervisor', path: (target) => `/api/cases/${target.caseId}/transitions`, headers: ifMatch,
      // Every optional field: those that do not bear on making an application are ignored.
      body: () => ({
        transition: 'make-application', reason: 'asked for protection at the hotspot', legalBasis: ['Regulation (EU) 2024/1348 Art. 26'], on: today,
        country: 'TN', agreement: 'it-al-protocol', voluntaryDepartureDays: 30, entryBanYears: 5, movingWith: ['6f1c2b9e-3b0a-4f7e-9a43-0c1d2e3f4a5b'], receptionAssured: true,
      }),
    },
    'POST /api/cases/{id}/transitions/{transitionId}/approve': verdict('approve'),
    'POST /api/cases/{id}/transitions/{transitionId}/reject': verdict('reject'),
    'PATCH /api/persons/{id}': {
      user: 'it-supervisor', path: (target) => `/api/persons/${target.personId}`, headers: (target) => personIfMatch(target.personId),
      body: () => ({
        changes: {
          givenNames: 'Test', familyName: 'Person', nationality: 'XX', aliases: [{ givenNames: 'Tést', familyName: 'Persson', kind: 'spelling' }],
          birthDate: '1996-05-01', assessedAge: { years: 30, on: '2026-07-01', method: 'interview' }, sex: 'M', formerHabitualResidence: 'SY',
          regionOfOrigin: 'Aleppo', languages: ['ar', 'en'], unaccompaniedMinor: false, vulnerabilities: ['torture-survivor'], specialNeeds: ['interpreter'],
          securityMarkers: [{ kind: 'other', since: '2026-01-01', source: 'border police' }],
        },
        reason: 'interview of the day',
      }),
    },
    'POST /api/persons/{id}/merge': {
      user: 'it-supervisor', prepare: pairFor('POST /api/persons/{id}/merge', true),
      path: (target) => `/api/persons/${preparedOf('POST /api/persons/{id}/merge', target).personId}/merge`,
      headers: (target) => personIfMatch(preparedOf('POST /api/persons/{id}/merge', target).personId),
      body: () => ({ into: latestOther, reason: 'same fingerprints in Eurodac' }),
    },
    'POST /api/persons/{id}/links': {
      user: 'it-supervisor', prepare: pairFor('POST /api/persons/{id}/links', false),
      path: (target) => `/api/persons/${target.personId}/links`,
      body: () => ({ personId: latestOther, relation: 'sibling', reason: 'declared at the interview' }),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Deadlines (issue 5, point 3): a task of the target case for each task route, addressed to its
// assignee as the sweep would, and the recomputation after a change of the law.
// ---------------------------------------------------------------------------------------------------

const tasks = new Map<string, string>();

function taskFor(key: string) {
  return async (target: Target) => {
    const row = await t.storage.db.selectFrom('cases').selectAll().where('id', '=', target.caseId).executeTakeFirstOrThrow();
    const id = randomUUID();
    await t.storage.db.insertInto('case_tasks').values({
      // One task per route on the same case: a deadline of its own for each.
      tenant_id: row.tenant_id, id, case_id: row.id, kind: 'deadline-passed', deadline: key.endsWith('resolve') ? 'lodging' : 'registration', due_on: '2026-07-07',
      assignee: row.assigned_to, role: row.assigned_to ? null : 'supervisor', unit_id: row.unit_id, status: 'open', raised_on: '2026-07-08', raised_at: new Date(),
    }).execute();
    tasks.set(`${key}:${target.caseId}`, id);
  };
}

function DEADLINE_REQUESTS(): Record<string, ValidRequest> {
  const task = (action: 'acknowledge' | 'resolve'): ValidRequest => {
    const key = `POST /api/tasks/{id}/${action}`;
    const idOf = (target: Target) => tasks.get(`${key}:${target.caseId}`) ?? '00000000-0000-0000-0000-000000000000';
    return {
      user: 'it-supervisor', prepare: taskFor(key), path: (target) => `/api/tasks/${idOf(target)}/${action}`,
      async headers(target) {
        const row = await t.storage.db.selectFrom('case_tasks').select('version').where('id', '=', idOf(target)).executeTakeFirstOrThrow();
        return { 'if-match': `"${row.version}"` };
      },
      body: () => ({ note: action === 'acknowledge' ? 'calling the registration office' : 'registered today' }),
    };
  };
  return {
    'POST /api/tasks/{id}/acknowledge': task('acknowledge'),
    'POST /api/tasks/{id}/resolve': task('resolve'),
    'POST /api/deadlines/recompute': { user: 'it-administrator', path: () => '/api/deadlines/recompute', body: () => ({ on: new Date().toISOString().slice(0, 10) }) },
  };
}

// ---------------------------------------------------------------------------------------------------
// Transfers (issue 5, point 4): each route acts on a transfer of a case of its own, placing the person
// at the fixture centre, taken as far as the route needs (planned by the caseworker, confirmed by the
// supervisor, executed), so that the supervisor's well-formed request succeeds.
// ---------------------------------------------------------------------------------------------------

const transfers = new Map<string, { transferId: string; caseId: string }>();
let latestPlannable = '00000000-0000-0000-0000-000000000000';
const TRANSFER_DAY = new Date().toISOString().slice(0, 10);

function transferBody(caseId: string): Json {
  return {
    purpose: 'placement', facility: 'fixture-transfer-centre', country: 'IT', on: TRANSFER_DAY, until: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
    cases: [{ caseId, receptionAssured: false }], reason: 'reception on arrival', legalBasis: ['Directive 2013/33/EU Art. 18'],
  };
}

/** A case of its own for a plan, or a transfer of one taken to `stage`. */
function transferAt(key: string, stage: 'plannable' | 'planned' | 'confirmed' | 'executed') {
  return async (target: Target) => {
    const opened = await openFor('it-caseworker');
    if (stage === 'plannable') { latestPlannable = opened.id; return; }
    const step = async (user: string, path: string, body: Json, version?: number): Promise<Json> => {
      const response = await t.call(user, 'POST', path, { body, headers: version ? { 'if-match': `"${version}"` } : {} });
      assert.ok(response.status === 200 || response.status === 201, await response.clone().text());
      return response.json() as Promise<Json>;
    };
    let transfer = await step('it-caseworker', '/api/transfers', transferBody(opened.id));
    if (stage !== 'planned') transfer = await step('it-supervisor', `/api/transfers/${transfer.id}/confirm`, { reason: 'escort booked' }, transfer.version);
    if (stage === 'executed') transfer = await step('it-caseworker', `/api/transfers/${transfer.id}/execute`, { reason: 'arrived', on: TRANSFER_DAY }, transfer.version);
    transfers.set(`${key}:${target.caseId}`, { transferId: transfer.id, caseId: opened.id });
  };
}

function TRANSFER_REQUESTS(): Record<string, ValidRequest> {
  const change = (action: string, stage: 'planned' | 'confirmed' | 'executed', body: (caseId: string) => Json): ValidRequest => {
    const key = `POST /api/transfers/{id}/${action}`;
    const prepared = (target: Target) => transfers.get(`${key}:${target.caseId}`) ?? { transferId: '00000000-0000-0000-0000-000000000000', caseId: '' };
    let last = '';
    return {
      user: 'it-supervisor', prepare: async (target) => { await transferAt(key, stage)(target); last = prepared(target).caseId; },
      path: (target) => `/api/transfers/${prepared(target).transferId}/${action}`,
      async headers(target) {
        const row = await t.storage.db.selectFrom('transfers').select('version').where('id', '=', prepared(target).transferId).executeTakeFirstOrThrow();
        return { 'if-match': `"${row.version}"` };
      },
      body: () => body(last),
    };
  };
  return {
    'POST /api/transfers': { user: 'it-supervisor', prepare: transferAt('POST /api/transfers', 'plannable'), path: () => '/api/transfers', body: () => transferBody(latestPlannable) },
    'POST /api/transfers/{id}/confirm': change('confirm', 'planned', () => ({ reason: 'escort booked' })),
    'POST /api/transfers/{id}/execute': change('execute', 'confirmed', () => ({ reason: 'arrived at the centre', on: TRANSFER_DAY })),
    'POST /api/transfers/{id}/cancel': change('cancel', 'planned', () => ({ reason: 'the person was released' })),
    'POST /api/transfers/{id}/departures': change('departures', 'executed', (caseId) => ({ on: TRANSFER_DAY, caseIds: [caseId], reason: 'released by the court' })),
  };
}

// ---------------------------------------------------------------------------------------------------
// The 1:1 ledger and rescue at sea (issue 5, points 5 and 6): per target, a Greek case returned to
// Türkiye in 2016 for a return to count; an Italian arrival and an entitlement opened for it for a
// resettlement; an Italian rescue event, with a person registered to link or already on board to assign.
// ---------------------------------------------------------------------------------------------------

const ledgerAndRescue = { returnCase: '', arrivalCase: '', entitlement: '', eventId: '', personId: '', caseId: '' };
const IT_SUPERVISOR = userOf('IT', 'supervisor');
const RESCUE_EVENT = {
  kind: 'rescue', occurredAt: '2026-10-15T04:00:00Z', position: { lat: 35.5, lon: 12.6 }, vessel: { name: 'Fixture patrol', flag: 'IT', operator: 'coastguard' },
  waters: { kind: 'international', state: null }, sarRegion: 'MT', coordinatingCentre: 'MRCC Rome', peopleOnBoard: 50, deceased: 1, missing: 2, note: 'fixture',
} as const;

/** An Italian event (and, with `onBoard`, a person linked to it) and a person to link or assign. */
function rescueEventFor(onBoard: boolean) {
  return async () => {
    const event = await asActor(t.storage.db, IT_SUPERVISOR, (tx) => registerRescueEvent({ tx, actor: IT_SUPERVISOR, input: { ...RESCUE_EVENT } }));
    const opened = await asActor(t.storage.db, IT_SUPERVISOR, (tx) => openCase({ tx, actor: IT_SUPERVISOR, input: { kind: 'asylum', person: { givenNames: 'Test', familyName: 'Person', nationality: 'BD', birthDate: '1996-05-01', sex: 'M' } } }));
    if (onBoard) await asActor(t.storage.db, IT_SUPERVISOR, (tx) => linkRescuedPerson({ tx, actor: IT_SUPERVISOR, eventId: event.id, expectedVersion: 1, input: { personId: opened.personId, caseId: opened.id } }));
    Object.assign(ledgerAndRescue, { eventId: event.id, personId: opened.personId, caseId: opened.id });
  };
}

async function rescueIfMatch(): Promise<Record<string, string>> {
  const row = await t.storage.db.selectFrom('rescue_events').select('version').where('id', '=', ledgerAndRescue.eventId).executeTakeFirstOrThrow();
  return { 'if-match': `"${row.version}"` };
}

function LEDGER_AND_RESCUE_REQUESTS(): Record<string, ValidRequest> {
  const legalBasis = ['EU–Turkey Statement of 18 March 2016, point 1'];
  return {
    'POST /api/swap-ledgers/{mechanism}/returns': {
      user: 'gr-supervisor', path: () => '/api/swap-ledgers/eu-tr-statement/returns',
      async prepare() { ledgerAndRescue.returnCase = (await returnedCase(t.storage.db, { tenantId: 'GR', law: await loadCaseLaw(t.storage.db) })).caseId; },
      body: () => ({ caseId: ledgerAndRescue.returnCase, reason: 'readmitted at Dikili', legalBasis }),
    },
    'POST /api/swap-ledgers/{mechanism}/resettlements': {
      user: 'it-supervisor', path: () => '/api/swap-ledgers/eu-tr-statement/resettlements',
      async prepare() {
        const law = await loadCaseLaw(t.storage.db);
        const returned = await returnedCase(t.storage.db, { tenantId: 'GR', law });
        const counter = userOf('GR', 'supervisor');
        const leg = await asActor(t.storage.db, counter, (tx) => recordReturn({ tx, actor: counter, mechanism: 'eu-tr-statement', input: { caseId: returned.caseId, reason: 'fixture' }, law }));
        ledgerAndRescue.entitlement = leg.entitlement.id;
        ledgerAndRescue.arrivalCase = (await resettledCase(t.storage.db, { tenantId: 'IT', law })).caseId;
      },
      body: () => ({ caseId: ledgerAndRescue.arrivalCase, entitlementId: ledgerAndRescue.entitlement, reason: 'arrived at Fiumicino', legalBasis }),
    },
    'POST /api/rescue-events': {
      user: 'it-supervisor', path: () => '/api/rescue-events',
      body: () => ({ ...RESCUE_EVENT, unitId: 'border', assignedTo: 'it-caseworker', reason: 'distress call' }),
    },
    'PATCH /api/rescue-events/{id}': {
      user: 'it-supervisor', prepare: rescueEventFor(false), path: () => `/api/rescue-events/${ledgerAndRescue.eventId}`, headers: rescueIfMatch,
      body: () => ({ changes: { ...RESCUE_EVENT, waters: { kind: 'territorial', state: 'IT' }, coordinatingCentre: `IMRCC Rome ${Date.now()}` }, reason: 'log corrected' }),
    },
    'POST /api/rescue-events/{id}/persons': {
      user: 'it-supervisor', prepare: rescueEventFor(false), path: () => `/api/rescue-events/${ledgerAndRescue.eventId}/persons`, headers: rescueIfMatch,
      body: () => ({ personId: ledgerAndRescue.personId, caseId: ledgerAndRescue.caseId, reason: 'registered on the quay' }),
    },
    'POST /api/rescue-events/{id}/assignments': {
      user: 'it-supervisor', prepare: rescueEventFor(true), path: () => `/api/rescue-events/${ledgerAndRescue.eventId}/assignments`, headers: rescueIfMatch,
      body: () => ({
        personId: ledgerAndRescue.personId, destination: 'place-of-safety', country: 'IT', place: 'Lampedusa', on: '2026-10-15', reason: 'port assigned by MRCC Rome',
        legalBasis: ['IMO Resolution MSC.167(78)'],
      }),
    },
  };
}

/** Bulk work on cases (issue 5, section 7): an import of one new row, and a reassignment naming every option it takes. */
function BULK_REQUESTS(): Record<string, ValidRequest> {
  return {
    'POST /api/case-imports': {
      user: 'it-supervisor', path: () => '/api/case-imports',
      body: () => ({
        format: 'ndjson', fileName: 'fuzz.ndjson',
        content: JSON.stringify({ externalRef: `fuzz-${Date.now()}-${Math.random()}`, kind: 'asylum', person: { givenNames: 'Fuzz', familyName: 'Import', nationality: 'BD' } }),
      }),
    },
    'POST /api/case-actions': {
      user: 'it-supervisor', path: () => '/api/case-actions',
      body: () => ({ action: 'reassign', caseIds: ['6f1c2b9e-3b0a-4f7e-9a43-0c1d2e3f4a5b'], to: 'it-caseworker', from: 'it-supervisor', unitId: 'asylum', reason: 'caseworker back from leave' }),
    },
  };
}

const VALID_REQUESTS: Record<string, ValidRequest> = {
  'POST /api/cases': {
    user: 'it-supervisor',
    path: () => '/api/cases',
    body: () => openCaseBody({ unitId: 'asylum', assignedTo: 'it-caseworker', recordType: 'applicant', reason: 'arrival at Lampedusa' }),
  },
  'PATCH /api/cases/{id}': {
    user: 'it-supervisor',
    path: (target) => `/api/cases/${target.caseId}`,
    headers: ifMatch,
    body: () => ({ stage: 'screening', unitId: 'return', assignedTo: 'it-caseworker-return', reason: 'screening done', legalBasis: ['Regulation (EU) 2024/1348 Art. 27'] }),
  },
  'POST /api/persons/{id}/erasure': {
    user: 'it-administrator',
    path: (target) => `/api/persons/${target.personId}/erasure`,
    body: () => ({ reason: 'request of the data subject', legalBasis: ['Regulation (EU) 2016/679 Art. 17(1)(a)'] }),
  },
  'POST /api/retention/run': {
    user: 'it-administrator',
    path: () => '/api/retention/run',
    body: () => ({ on: '2000-01-01' }),
  },
  'POST /api/law/assess': {
    user: 'it-caseworker',
    path: () => '/api/law/assess?on=2026-08-01',
    body: () => ({
      memberState: 'IT', person: { nationality: 'BD', birthDate: '1996-05-01', sex: 'M', vulnerabilities: [] },
      journey: { transits: [{ country: 'LY', days: 60, couldHaveSoughtProtection: false }], interception: { date: '2026-07-20', area: 'international-waters', byMemberStateAuthorities: true } },
      application: { madeOn: '2026-07-21', registeredOn: '2026-07-22', atExternalBorder: true },
    }),
  },
  'POST /api/simulations': {
    user: 'it-policy-analyst',
    path: () => '/api/simulations',
    // A month at a thousandth of the scale: the background run that an accepted request starts stays small.
    body: () => ({
      scenario: {
        id: 'malformed-bodies', title: 'Returns doubled', description: 'A small scenario for the malformed-bodies suite.', period: { start: '2026-01-01', months: 1 },
        changes: [{ kind: 'capacity', resource: 'returns', factor: 2, from: '2026-01-15', note: 'A note.', source: { title: 'A source', url: 'https://example.org/source' } }],
      },
      runs: 1, seed: 1, scale: 0.001,
    }),
  },
  'POST /oidc/demo-token': {
    user: null,
    path: () => '/oidc/demo-token',
    body: () => ({ username: 'it-caseworker' }),
  },
  ...REGISTRY_REQUESTS(),
  ...PARTNERSHIP_REQUESTS(),
  ...PROCEDURE_REQUESTS(),
  ...DEADLINE_REQUESTS(),
  ...TRANSFER_REQUESTS(),
  ...LEDGER_AND_RESCUE_REQUESTS(),
  ...BULK_REQUESTS(),
};

async function openTarget(): Promise<Target> {
  const response = await t.call('it-supervisor', 'POST', '/api/cases', { body: openCaseBody() });
  assert.equal(response.status, 201);
  const opened = await response.json() as Json;
  return { caseId: opened.id, personId: opened.personId };
}

interface Sent { contentType?: string; rawBody: string | Blob; idempotencyKey?: string | null }

async function send(key: string, target: Target, sent: Sent): Promise<Response> {
  const valid = VALID_REQUESTS[key]!;
  const headers: Record<string, string> = { ...(await valid.headers?.(target)) };
  if (valid.user) headers.authorization = `Bearer ${await t.tokenFor(valid.user)}`;
  if (sent.contentType !== undefined) headers['content-type'] = sent.contentType;
  if (sent.idempotencyKey) headers['idempotency-key'] = sent.idempotencyKey;
  const operation = WRITE_OPERATIONS.find((o) => o.key === key)!;
  return t.product.app.request(valid.path(target), { method: operation.method, headers, body: sent.rawBody });
}

// ---------------------------------------------------------------------------------------------------
// What was written: row counts and chain heads.
// ---------------------------------------------------------------------------------------------------

const TABLES = ['cases', 'persons', 'audit_events', 'idempotency_keys', 'access_log', 'counters', 'local_issuer_keys', 'registry_records',
  'person_links', 'case_transitions', 'case_decisions', 'case_deadlines', 'case_tasks', 'transfers', 'transfer_persons',
  'swap_ledger_counters', 'swap_ledger_entitlements', 'swap_ledger_entries', 'rescue_events', 'rescue_event_persons', 'rescue_assignments'];

async function snapshot() {
  // Simulations started by earlier requests write their outcome in the background: let them land first.
  await t.product.services.simulations.idle();
  const result = await sql<Record<string, string>>`select ${sql.join(TABLES.map((table) =>
    sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(table)}`))},
    (select count(*) from persons where erased_at is not null) as erased,
    (select coalesce(sum(version), 0) from cases) as versions,
    (select coalesce(sum(version), 0) from registry_records) as registry_versions`.execute(t.storage.db);
  const heads = await t.storage.db.selectFrom('audit_heads').select(['tenant_id', 'seq', 'hash']).orderBy('tenant_id').execute();
  return { counts: result.rows[0], heads };
}

// ---------------------------------------------------------------------------------------------------
// Malformations, derived from the documented body schema of each route.
// ---------------------------------------------------------------------------------------------------

/** A field of a valid body: where it is, and its schema. */
interface Field { path: Path; schema: Json }

/** Every field of `value` (objects and array items, recursively), with its schema. */
function fieldsOf(schema: Json, value: unknown, path: Path = []): Field[] {
  const s = resolve(schema);
  if (Array.isArray(value) && s.items) return value.flatMap((item, i) => [{ path: [...path, i], schema: resolve(s.items) }, ...fieldsOf(s.items, item, [...path, i])]);
  if (value && typeof value === 'object' && s.properties) {
    return Object.entries(value).flatMap(([key, v]) => {
      const property = s.properties[key];
      assert.ok(property, `the valid body's field ${[...path, key].join('.')} is not in the schema`);
      return [{ path: [...path, key], schema: resolve(property) }, ...fieldsOf(property, v, [...path, key])];
    });
  }
  return [];
}

/** The objects of a valid body (the root and nested ones), with their schemas. */
function objectsOf(fields: Field[], rootSchema: Json): Field[] {
  return [{ path: [], schema: resolve(rootSchema) }, ...fields.filter((f) => f.schema.type === 'object' || f.schema.properties)];
}

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** The JSON types a schema admits. */
function typesOf(schema: Json): Set<JsonType> {
  const s = resolve(schema);
  const out = new Set<JsonType>();
  for (const alternative of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) for (const type of typesOf(alternative)) out.add(type);
  const declared = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  for (const type of declared) out.add(type === 'integer' ? 'number' : type);
  if (s.enum) for (const v of s.enum) out.add(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v as JsonType);
  if (s.nullable) out.add('null');
  return out;
}

const VALUE_OF_TYPE: Record<JsonType, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 20 }),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
};

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function setAt(body: Json, path: Path, value: unknown): Json {
  const copy = clone(body);
  const parent = path.slice(0, -1).reduce<any>((node, part) => node[part], copy);
  // defineProperty, so that a key such as `__proto__` becomes a field rather than a prototype.
  Object.defineProperty(parent, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function deleteAt(body: Json, path: Path): Json {
  const copy = clone(body);
  const parent = path.slice(0, -1).reduce<any>((node, part) => node[part], copy);
  delete parent[path[path.length - 1]!];
  return copy;
}

function getAt(body: Json, path: Path): unknown {
  return path.reduce<any>((node, part) => node?.[part], body);
}

/** A calendar date written YYYY-MM-DD that exists. */
function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const BAD_DATES = fc.oneof(
  fc.constantFrom('2026-02-30', '2026-02-29', '1900-02-29', '2025-04-31', '2026-13-01', '2026-00-10', '2026-01-32', '2026-01-00',
    '26-01-01', '2026-1-1', '2026/01/01', '01.05.2026', '2026-01-01T00:00:00Z', '20260101', '', ' 2026-01-01', '2026-01-01 ',
    '２０２６-０１-０１', '+02026-01-01', '-2026-01-01', 'today', '2026-W01-1', '2026-001'),
  fc.string({ maxLength: 12 }).filter((s) => !isRealDate(s)),
);

/** Characters PostgreSQL cannot store faithfully: NUL and unpaired surrogates. */
const UNSAFE_CHARACTER = fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF');

interface Malformed { kind: string; sent: Sent }

function json(body: unknown, kind: string, contentType = 'application/json'): Malformed {
  return { kind, sent: { contentType, rawBody: JSON.stringify(body) } };
}

/** Every way of malforming `valid` that the route's schema says must be refused. */
function malformations(key: string): fc.Arbitrary<Malformed> {
  const operation = WRITE_OPERATIONS.find((o) => o.key === key)!;
  const rootSchema = operation.operation.requestBody?.content?.['application/json']?.schema;
  assert.ok(rootSchema, `${key} documents a JSON body`);
  const valid = VALID_REQUESTS[key]!.body();
  const fields = fieldsOf(rootSchema, valid);
  const objects = objectsOf(fields, rootSchema);
  for (const o of objects) assert.equal(o.schema.additionalProperties, false, `${key} ${o.path.join('.') || 'body'} is a strict object`);

  const kinds: Array<fc.Arbitrary<Malformed>> = [];

  // A JSON value that is not an object at all.
  kinds.push(fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => json(v, 'not an object')));

  // An unknown field, at the top or in a nested object; tricky names included.
  const unknownKey = (known: Set<string>) => fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'id', 'tenantId', 'version', 'createdAt'),
    fc.string({ maxLength: 12 }),
  ).filter((k) => !known.has(k));
  kinds.push(fc.constantFrom(...objects).chain((o) => fc.tuple(unknownKey(new Set(Object.keys(o.schema.properties ?? {}))), fc.jsonValue({ maxDepth: 2 }))
    .map(([k, v]) => json(setAt(valid, [...o.path, k], v), `unknown field ${[...o.path, k].join('.')}`))));

  // A field of a type its schema does not admit.
  const retypable = fields.map((f) => ({ f, wrong: (Object.keys(VALUE_OF_TYPE) as JsonType[]).filter((type) => !typesOf(f.schema).has(type)) }))
    .filter((x) => x.wrong.length > 0 && typesOf(x.f.schema).size > 0);
  if (retypable.length > 0) {
    kinds.push(fc.constantFrom(...retypable).chain(({ f, wrong }) => fc.constantFrom(...wrong).chain((type) => VALUE_OF_TYPE[type])
      .map((v) => json(setAt(valid, f.path, v), `wrong type at ${f.path.join('.')}`))));
  }

  // A value of the right type that breaks its documented constraint.
  const strings = fields.filter((f) => typesOf(f.schema).has('string') && typeof getAt(valid, f.path) === 'string');
  const broken: Array<fc.Arbitrary<Malformed>> = [];
  for (const f of strings) {
    const s = f.schema;
    const at = f.path.join('.');
    if (s.enum) broken.push(fc.string({ maxLength: 20 }).filter((v) => !s.enum.includes(v)).map((v) => json(setAt(valid, f.path, v), `not in the enum at ${at}`)));
    if (s.format === 'date') broken.push(BAD_DATES.map((v) => json(setAt(valid, f.path, v), `bad date at ${at}`)));
    if (s.pattern) {
      const pattern = new RegExp(s.pattern);
      broken.push(fc.oneof(fc.constantFrom('QQ', 'bd', 'BGD', '', 'B1', ' BD'), fc.string({ maxLength: 4 })).filter((v) => !pattern.test(v) || v === 'QQ')
        .map((v) => json(setAt(valid, f.path, v), `bad pattern at ${at}`)));
    }
    if (typeof s.minLength === 'number' && s.minLength > 0) {
      broken.push(fc.constantFrom('', 'x'.repeat(s.minLength - 1))
        .map((v) => json(setAt(valid, f.path, v), `too short at ${at}`)));
    }
    if (typeof s.maxLength === 'number') {
      broken.push(fc.integer({ min: s.maxLength + 1, max: s.maxLength + 40 }).map((n) => json(setAt(valid, f.path, 'x'.repeat(n)), `too long at ${at}`)));
    }
    if (!s.enum && !s.format && !s.pattern) {
      const original = getAt(valid, f.path) as string;
      broken.push(fc.tuple(fc.nat({ max: original.length }), UNSAFE_CHARACTER)
        .map(([i, c]) => json(setAt(valid, f.path, `${original.slice(0, i)}${c}${original.slice(i)}`), `unsafe text at ${at}`)));
    }
  }
  for (const f of fields.filter((x) => x.schema.type === 'array' && typeof x.schema.minItems === 'number' && x.schema.minItems > 0)) {
    broken.push(fc.constant(json(setAt(valid, f.path, []), `empty array at ${f.path.join('.')}`)));
  }
  kinds.push(...broken);

  // A required field left out.
  const required: Path[] = objects.flatMap((o) => (o.schema.required ?? []).map((name: string) => [...o.path, name]));
  if (required.length > 0) kinds.push(fc.constantFrom(...required).map((path) => json(deleteAt(valid, path), `missing ${path.join('.')}`)));

  // JSON text that does not parse: the valid body cut short, or text that is not JSON.
  const text = JSON.stringify(valid);
  kinds.push(fc.nat({ max: text.length - 1 }).map((n) => ({ kind: 'truncated JSON', sent: { contentType: 'application/json', rawBody: text.slice(0, n) } })));
  kinds.push(fc.oneof(
    fc.constantFrom('{', '{"a":}', "{'a':1}", 'NaN', 'undefined', '{"a":1,}', '[1,]', '\u0000', '{"a":"\\x"}', '{"a" 1}', '--', '{}}', 'nul', 'tru'),
    fc.string({ maxLength: 30 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }),
  ).map((rawBody) => ({ kind: 'invalid JSON', sent: { contentType: 'application/json', rawBody } })));

  // A well-formed body sent as something other than JSON, or with no content type at all.
  kinds.push(fc.constantFrom('text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
    'application/xml', 'text/json', 'application/jsonx', 'application/octet-stream', 'text/html', '*/*', 'application/javascript', 'json', '')
    .map((contentType) => ({ kind: `content type "${contentType}"`, sent: { contentType, rawBody: text } })));
  // A Blob without a type is sent without a Content-Type header.
  kinds.push(fc.constant({ kind: 'no content type', sent: { rawBody: new Blob([text]) } }));

  // More bytes than any body limit allows (the API's, and the local issuer's 16 KiB).
  kinds.push(fc.integer({ min: MAX_BODY_BYTES + 1, max: 40_000 }).chain((size) => fc.constantFrom(...(strings.length ? strings : [{ path: ['padding'] }]))
    .map((f) => json(setAt(valid, f.path, 'x'.repeat(size)), `${size} bytes`))));

  return fc.tuple(fc.oneof(...kinds), fc.option(fc.stringMatching(/^[\x21-\x7e]{1,20}$/)))
    .map(([m, idempotencyKey]) => ({ ...m, sent: { ...m.sent, idempotencyKey } }));
}

describe(`malformed bodies on ${ENGINE}`, () => {
  let target: Target;

  before(async () => {
    await createRegistryFixtures();
    target = await openTarget();
    for (const valid of Object.values(VALID_REQUESTS)) await valid.prepare?.(target);
  });

  it('has a well-formed request for every documented write route', () => {
    assert.ok(WRITE_OPERATIONS.length >= 4);
    assert.deepEqual(WRITE_OPERATIONS.map((o) => o.key).filter((key) => !VALID_REQUESTS[key]), [], 'write routes missing from VALID_REQUESTS');
    assert.deepEqual(Object.keys(VALID_REQUESTS).filter((key) => !WRITE_OPERATIONS.some((o) => o.key === key)), [], 'VALID_REQUESTS for routes the document lacks');
  });

  it('accepts each well-formed request, so that the malformation alone is what is refused', async () => {
    const scratch = await openTarget();
    for (const operation of WRITE_OPERATIONS) {
      await VALID_REQUESTS[operation.key]!.prepare?.(scratch);
      const response = await send(operation.key, scratch, { contentType: 'application/json', rawBody: JSON.stringify(VALID_REQUESTS[operation.key]!.body()) });
      assert.ok(response.status >= 200 && response.status < 300, `${operation.key}: ${response.status} ${await response.text()}`);
    }
  });

  for (const operation of WRITE_OPERATIONS) {
    it(`${operation.key} answers every malformed body with a 4xx problem and writes nothing`, async () => {
      assert.ok(VALID_REQUESTS[operation.key], `no well-formed request for ${operation.key} in VALID_REQUESTS`);
      const seen = new Map<string, number>();
      await fc.assert(fc.asyncProperty(malformations(operation.key), async ({ kind, sent }) => {
        const family = kind.split(' at ')[0]!.replace(/^\d+ bytes$/, 'too large').replace(/^(unknown field|missing|content type) .*/, '$1');
        seen.set(family, (seen.get(family) ?? 0) + 1);
        const before = await snapshot();
        const response = await send(operation.key, target, sent);
        const text = await response.text();
        const where = `${kind}: ${response.status} ${text.slice(0, 300)}`;
        assert.ok(response.status >= 400 && response.status < 500, where);
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, where);
        const problem = JSON.parse(text) as Json;
        assert.equal(typeof problem.code, 'string', where);
        assert.notEqual(problem.code, 'INTERNAL', where);
        assert.equal(problem.status, response.status, where);
        assert.equal(typeof problem.requestId, 'string', where);
        assert.deepEqual(await snapshot(), before, `${kind} wrote something`);
      }), { numRuns: RUNS_PER_ROUTE });
      assert.ok(seen.size >= 5, `the generator covers several kinds of malformation: ${[...seen.keys()].join(', ')}`);
    });
  }
});
