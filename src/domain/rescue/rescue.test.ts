/**
 * Rescue at sea on the engine the environment selects: an event registered with its facts and a
 * reference, checked (waters and their state, countries, no future); persons registered from it linked,
 * never more than were on board; each person's assignment gated by the law engine's finding on the day —
 * a Member State's port by `access-to-procedure`, a third country only with a `yes` on `removal` (both
 * sides of the last day of the voluntary departure period), a mechanism by its agreement's finding
 * (the Italy–Albania Protocol: `uncertain`, so refused) — and stored with its findings, the law, who
 * decided and why; tenants apart; the permission table deciding; every change an audited event.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { verifyChains } from '../audit/verify-chain.ts';
import { approveTransition } from '../cases/approve-transition.ts';
import { loadCaseLaw, type CaseLaw } from '../cases/law-context.ts';
import { openCase } from '../cases/open-case.ts';
import { takeTransition } from '../cases/take-transition.ts';
import { updateCase } from '../cases/update-case.ts';
import { isDomainError } from '../errors.ts';
import { exportTenant, importTenant } from '../tenants/tenant-data.ts';
import type { PersonData } from '../persons/person.ts';
import { asActor } from '../../storage/transaction.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { userOf } from '../../../test/support/swap-ledger.ts';
import { assignRescuedPerson, type AssignRescuedPersonInput } from './assign-rescued-person.ts';
import { getRescueEvent } from './get-rescue-event.ts';
import { linkRescuedPerson } from './link-rescued-person.ts';
import { listRescueEvents } from './list-rescue-events.ts';
import { registerRescueEvent, type RegisterRescueEventInput } from './register-rescue-event.ts';
import { updateRescueEvent } from './update-rescue-event.ts';

let storage: TestStorage;
let law: CaseLaw;

const caseworker = userOf('IT', 'caseworker');
const supervisor = userOf('IT', 'supervisor');
const BANGLADESHI: PersonData = { givenNames: 'Rahim', familyName: 'Rescued-Testperson', nationality: 'BD', birthDate: '1995-03-01', sex: 'M', vulnerabilities: [] };

function rescue(overrides: Partial<RegisterRescueEventInput> = {}): RegisterRescueEventInput {
  return {
    kind: 'rescue', occurredAt: '2026-09-20T03:40:00Z', position: { lat: 35.1, lon: 12.6 }, vessel: { name: 'CP 327', flag: 'IT', operator: 'coastguard' },
    waters: { kind: 'international', state: null }, sarRegion: 'MT', coordinatingCentre: 'MRCC Rome', peopleOnBoard: 3, deceased: 0, missing: 1, note: null,
    reason: 'distress call relayed by Alarm Phone', ...overrides,
  };
}

async function refusal(promise: Promise<unknown>, code: string): Promise<Record<string, unknown> & { message: string; fields: Array<{ path: string }> }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isDomainError(error), `expected ${code}, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return { message: error.message, fields: error.fields, ...error.extensions };
  }
  assert.fail(`expected ${code}, but it succeeded`);
}

async function register(actor: Actor, input = rescue()) {
  return asActor(storage.db, actor, (tx) => registerRescueEvent({ tx, actor, input }));
}

async function versionOf(eventId: string): Promise<number> {
  return (await storage.db.selectFrom('rescue_events').select('version').where('id', '=', eventId).executeTakeFirstOrThrow()).version;
}

async function link(actor: Actor, eventId: string, personId: string, caseId?: string) {
  const expectedVersion = await versionOf(eventId);
  return asActor(storage.db, actor, (tx) => linkRescuedPerson({ tx, actor, eventId, expectedVersion, input: { personId, caseId } }));
}

async function assign(actor: Actor, eventId: string, input: Omit<AssignRescuedPersonInput, 'reason'>) {
  const expectedVersion = await versionOf(eventId);
  return asActor(storage.db, actor, (tx) => assignRescuedPerson({ tx, actor, eventId, expectedVersion, input: { reason: 'coordinated with MRCC Rome', ...input }, law }));
}

async function person(actor: Actor = caseworker, data: PersonData = BANGLADESHI) {
  return asActor(storage.db, actor, (tx) => openCase({ tx, actor, input: { kind: 'asylum', person: data } }));
}

describe(`rescue at sea on ${ENGINE}`, { timeout: 240_000 }, () => {
  before(async () => {
    storage = await openTestStorage();
    law = await loadCaseLaw(storage.db);
  });
  after(() => storage.close());

  let eventId: string;

  it('registers an event with its facts and a reference, as an audited event without personal data', async () => {
    const event = await register(caseworker);
    eventId = event.id;
    assert.match(event.reference, /^IT-SAR-\d{4}-000001$/);
    assert.deepEqual([event.vessel, event.waters, event.sarRegion, event.peopleOnBoard, event.missing], [{ name: 'CP 327', flag: 'IT', operator: 'coastguard' }, { kind: 'international', state: null }, 'MT', 3, 1]);
    assert.deepEqual([event.unitId, event.assignedTo, event.createdBy], ['asylum', caseworker.id, caseworker.id]);
    const audited = await storage.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', 'IT').where('entity_id', '=', event.id).execute();
    assert.deepEqual(audited.map((e) => e.action), ['rescue.registered']);
    assert.equal((audited[0]!.data as Record<string, unknown>).coordinatingCentre, 'MRCC Rome');
  });

  it('refuses territorial waters without their state, high seas with one, unknown codes and a future time, with field paths', async () => {
    const paths = async (input: RegisterRescueEventInput) => (await refusal(register(caseworker, input), 'VALIDATION_FAILED')).fields.map((f) => f.path);
    assert.deepEqual(await paths(rescue({ waters: { kind: 'territorial', state: null } })), ['waters.state']);
    assert.deepEqual(await paths(rescue({ waters: { kind: 'international', state: 'LY' } })), ['waters.state']);
    assert.deepEqual(await paths(rescue({ vessel: { name: 'X', flag: 'QQ', operator: 'ngo' }, sarRegion: 'ZZ' })), ['vessel.flag', 'sarRegion']);
    assert.deepEqual(await paths(rescue({ occurredAt: '2099-01-01T00:00:00Z' })), ['occurredAt']);
  });

  it('links the persons registered from it, never more than were on board, each once, each with their own case', async () => {
    const a = await person();
    const b = await person();
    const c = await person();
    const d = await person();
    const linked = await link(caseworker, eventId, a.personId, a.id);
    assert.deepEqual(linked.persons.map((p) => [p.personId, p.caseId, p.assignment]), [[a.personId, a.id, null]]);
    await refusal(link(caseworker, eventId, a.personId), 'ALREADY_EXISTS');
    await refusal(link(caseworker, eventId, b.personId, a.id), 'VALIDATION_FAILED');
    await link(caseworker, eventId, b.personId, b.id);
    await link(caseworker, eventId, c.personId);
    await refusal(link(caseworker, eventId, d.personId), 'INVALID_STATE');
    await refusal(asActor(storage.db, caseworker, (tx) => linkRescuedPerson({ tx, actor: caseworker, eventId, expectedVersion: 1, input: { personId: d.personId } })), 'VERSION_CONFLICT');
    // The count cannot fall below the persons registered; raised, the fourth person fits.
    const seenVersion = await versionOf(eventId);
    const refused = await refusal(asActor(storage.db, caseworker, (tx) => updateRescueEvent({
      tx, actor: caseworker, eventId, expectedVersion: seenVersion, input: { changes: { peopleOnBoard: 2 }, reason: 'recount' },
    })), 'INVALID_STATE');
    assert.deepEqual(refused.fields.map((f) => f.path), ['changes.peopleOnBoard']);
    const updated = await asActor(storage.db, caseworker, (tx) => updateRescueEvent({
      tx, actor: caseworker, eventId, expectedVersion: seenVersion, input: { changes: { peopleOnBoard: 4, coordinatingCentre: 'IMRCC Rome' }, reason: 'recount on the quay' },
    }));
    assert.equal(updated.peopleOnBoard, 4);
    await link(caseworker, eventId, d.personId, d.id);
    const event = await asActor(storage.db, caseworker, (tx) => getRescueEvent({ tx, actor: caseworker, eventId }));
    assert.equal(event.persons.length, 4);
  });

  it('assigns to a Member State\'s port when access to the procedure is preserved, keeping the findings, the law, who and why', async () => {
    const event = await asActor(storage.db, caseworker, (tx) => getRescueEvent({ tx, actor: caseworker, eventId }));
    const first = event.persons[0]!;
    const { assignment, event: after } = await assign(caseworker, eventId, { personId: first.personId, destination: 'place-of-safety', country: 'IT', place: 'Lampedusa' });
    assert.deepEqual([assignment.destination, assignment.country, assignment.place, assignment.assessedOn, assignment.decidedBy], ['place-of-safety', 'IT', 'Lampedusa', new Date().toISOString().slice(0, 10), caseworker.id], 'the law of the day of the decision, by default');
    assert.deepEqual(assignment.findings.map((f) => [f.question, f.outcome]), [['access-to-procedure', 'yes']]);
    assert.ok(assignment.legalBasis.some((b) => /Search and Rescue/.test(b)));
    assert.match(assignment.law.lawDigest, /^sha256:/);
    assert.deepEqual(assignment.law.rules.map((r) => r.rule), ['access-to-procedure']);
    assert.equal(after.persons[0]!.assignment?.id, assignment.id);
    const audited = await storage.db.selectFrom('audit_events').select(['action', 'data']).where('tenant_id', '=', 'IT').where('entity_id', '=', eventId).orderBy('seq').execute();
    assert.equal(audited.at(-1)!.action, 'rescue.person-assigned');
    assert.deepEqual((audited.at(-1)!.data as { findings: unknown }).findings, [{ question: 'access-to-procedure', outcome: 'yes' }]);
  });

  it('refuses a third country without a yes (non-refoulement), with the finding or why there is none', async () => {
    const event = await asActor(storage.db, caseworker, (tx) => getRescueEvent({ tx, actor: caseworker, eventId }));
    const second = event.persons[1]!;
    const notAsked = await refusal(assign(caseworker, eventId, { personId: second.personId, destination: 'place-of-safety', country: 'LY', place: 'Tripoli' }), 'ASSIGNMENT_REFUSED');
    assert.deepEqual((notAsked.refusals as Array<{ code: string; question: string }>).map((r) => [r.code, r.question]), [['NOT_ASKED', 'removal']]);
    // With the journey through Libya on record, the engine asks, and answers no: there is no return decision.
    await asActor(storage.db, caseworker, async (tx) => updateCase({
      tx, actor: caseworker, caseId: second.caseId!, expectedVersion: (await tx.selectFrom('cases').select('version').where('id', '=', second.caseId!).executeTakeFirstOrThrow()).version,
      input: { facts: { journey: { transits: [{ country: 'LY', days: 90, couldHaveSoughtProtection: false }] } }, reason: 'interview' }, law,
    }));
    const refused = await refusal(assign(caseworker, eventId, { personId: second.personId, destination: 'place-of-safety', country: 'LY' }), 'ASSIGNMENT_REFUSED');
    const [r] = refused.refusals as Array<{ code: string; outcome: string; because: string[]; basis: string[] }>;
    assert.deepEqual([r!.code, r!.outcome], ['FINDING', 'no']);
    assert.match(r!.because.join(' '), /no return decision/);
    const rows = await storage.db.selectFrom('rescue_assignments').select('id').where('person_id', '=', second.personId).execute();
    assert.equal(rows.length, 0, 'a refused assignment stores nothing');
  });

  it('refuses the Italy–Albania Protocol (uncertain: C-706/25 pending) and a mechanism the engine has no question for', async () => {
    const event = await asActor(storage.db, caseworker, (tx) => getRescueEvent({ tx, actor: caseworker, eventId }));
    const third = event.persons[2]!;
    const offshore = await refusal(assign(caseworker, eventId, { personId: third.personId, destination: 'mechanism', mechanism: 'it-al-protocol' }), 'ASSIGNMENT_REFUSED');
    const [r] = offshore.refusals as Array<{ code: string; question: string; outcome: string; basis: string[] }>;
    assert.deepEqual([r!.code, r!.question, r!.outcome], ['FINDING', 'offshore-processing', 'uncertain']);
    assert.ok(r!.basis.some((b) => /C-706\/25/.test(b)), r!.basis.join('; '));
    const etm = await refusal(assign(caseworker, eventId, { personId: third.personId, destination: 'mechanism', mechanism: 'ne-etm' }), 'ASSIGNMENT_REFUSED');
    assert.equal((etm.refusals as Array<{ code: string }>)[0]!.code, 'NO_QUESTION');
    await refusal(assign(caseworker, eventId, { personId: third.personId, destination: 'mechanism', mechanism: 'it-al-protocol', country: 'TN' }), 'VALIDATION_FAILED');
    await refusal(assign(caseworker, eventId, { personId: third.personId, destination: 'place-of-safety', country: 'IT', on: '2026-09-19' }), 'VALIDATION_FAILED');
  });

  it('assigns to a third country only once removal there is yes: refused on the last day of voluntary departure, allowed the day after', async () => {
    const opened = await asActor(storage.db, caseworker, (tx) => openCase({ tx, actor: caseworker, input: { kind: 'return', person: { ...BANGLADESHI, familyName: 'Returned-Testperson' } } }));
    await asActor(storage.db, caseworker, (tx) => updateCase({
      tx, actor: caseworker, caseId: opened.id, expectedVersion: opened.version, law,
      input: { facts: { riskAssessments: [{ destination: 'BD', on: '2026-09-01', outcome: 'no-real-risk' }] }, reason: 'risk assessed' },
    }));
    const proposed = await asActor(storage.db, caseworker, (tx) => takeTransition({
      tx, actor: caseworker, caseId: opened.id, expectedVersion: opened.version + 1, law, input: { transition: 'issue-return-decision', reason: 'no right to stay', on: '2026-09-01' },
    }));
    assert.equal(proposed.status, 'pending');
    await asActor(storage.db, supervisor, (tx) => approveTransition({ tx, actor: supervisor, caseId: opened.id, transitionId: proposed.transition.id, expectedVersion: proposed.case.version, reason: 'checked', law }));
    const intercepted = await register(caseworker, rescue({ kind: 'interception', peopleOnBoard: 1, missing: 0 }));
    await link(caseworker, intercepted.id, opened.personId, opened.id);
    const lastDay = await refusal(assign(caseworker, intercepted.id, { personId: opened.personId, destination: 'place-of-safety', country: 'BD', on: '2026-10-01' }), 'ASSIGNMENT_REFUSED');
    assert.equal((lastDay.refusals as Array<{ outcome: string }>)[0]!.outcome, 'review');
    const { assignment } = await assign(supervisor, intercepted.id, { personId: opened.personId, destination: 'place-of-safety', country: 'BD', place: 'Chattogram', on: '2026-10-02' });
    assert.deepEqual(assignment.findings.map((f) => [f.question, f.country ?? null, f.outcome]), [['removal', 'BD', 'yes'], ['access-to-procedure', null, 'yes']]);
    assert.ok(assignment.legalBasis.some((b) => /Hirsi Jamaa/.test(b)));
  });

  it('keeps tenants apart and lets the permission table decide who registers, changes, assigns and reads', async () => {
    const greek = userOf('GR', 'supervisor');
    await refusal(asActor(storage.db, greek, (tx) => getRescueEvent({ tx, actor: greek, eventId })), 'NOT_FOUND');
    assert.deepEqual((await asActor(storage.db, greek, (tx) => listRescueEvents({ tx, actor: greek }))).items, []);
    const seen = await asActor(storage.db, greek, (tx) => sql<{ n: string }>`select count(*) as n from rescue_events`.execute(tx));
    assert.equal(Number(seen.rows[0]!.n), 0);
    const officer = userOf('IT', 'agency-officer', null);
    const reported = await register(officer, rescue({ vessel: { name: 'Frontex asset', flag: 'PT', operator: 'frontex' } }));
    const someone = await person();
    await link(officer, reported.id, someone.personId);
    await refusal(assign(officer, reported.id, { personId: someone.personId, destination: 'place-of-safety', country: 'IT' }), 'FORBIDDEN');
    const otherCaseworker = userOf('IT', 'caseworker', 'asylum', 'it-other-caseworker');
    await refusal(assign(otherCaseworker, eventId, { personId: someone.personId, destination: 'place-of-safety', country: 'IT' }), 'FORBIDDEN');
    await refusal(register(userOf('IT', 'policy-analyst', null)), 'FORBIDDEN');
    await refusal(asActor(storage.db, userOf('IT', 'policy-analyst', null), (tx) => getRescueEvent({ tx, actor: userOf('IT', 'policy-analyst', null), eventId })), 'FORBIDDEN');
    const monitor = userOf('IT', 'fundamental-rights-monitor', null);
    assert.equal((await asActor(storage.db, monitor, (tx) => getRescueEvent({ tx, actor: monitor, eventId }))).id, eventId);
    await refusal(register(caseworker, rescue({ unitId: 'border' })), 'FORBIDDEN');
    assert.equal((await register(supervisor, rescue({ unitId: 'border', assignedTo: null }))).unitId, 'border');
  });

  it('travels with its tenant\'s export: events, persons on board and assignments import whole into another installation', async () => {
    const lines: string[] = [];
    for await (const line of exportTenant({ db: storage.db, tenantId: 'IT' })) lines.push(JSON.stringify(line));
    const elsewhere = await openTestStorage();
    try {
      const result = await importTenant({ db: elsewhere.db, lines });
      const counts = await Promise.all((['rescue_events', 'rescue_event_persons', 'rescue_assignments'] as const).map(async (table) =>
        [(await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', 'IT').executeTakeFirstOrThrow()).n, result.inserted[table]]));
      for (const [here, imported] of counts) assert.equal(Number(here), imported);
      const assignment = await elsewhere.db.selectFrom('rescue_assignments').selectAll().where('tenant_id', '=', 'IT').orderBy('decided_at').executeTakeFirstOrThrow();
      assert.equal((assignment.findings as Array<{ question: string }>)[0]!.question, 'access-to-procedure');
    } finally {
      await elsewhere.close();
    }
  });

  it('leaves every chain verifiable and no name in any event', async () => {
    const reports = await verifyChains({ db: storage.db, tenantIds: ['IT'] });
    assert.equal(reports[0]!.ok, true);
    const named = await storage.db.selectFrom('audit_events').select('seq').where('tenant_id', '=', 'IT').where('action', 'like', 'rescue.%')
      .where(sql<boolean>`data::text like ${'%Testperson%'}`).execute();
    assert.deepEqual(named, []);
  });
});
