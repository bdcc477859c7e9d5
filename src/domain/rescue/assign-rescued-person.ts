/**
 * @module domain/rescue/assign-rescued-person
 * Assigns a person registered from a rescue or interception event to a place of safety (a port, in a
 * Member State or a third country) or to a mechanism of the registry, as the law engine answers on the
 * day: the person's facts (their record, their family, their case's facts if a case was opened) with the
 * event as the journey's interception are assessed, and the finding the destination needs
 * (`assignment-rules.ts`) must permit it. A refused assignment says why, with the findings' citations;
 * a permitted one is stored with the findings, the law version, who decided and why, and the event's
 * version moves. The latest assignment of a person is the one in force.
 *
 * A family disembarked together is assigned together: a minor and the parents or guardian linked to
 * the same event (a parent and their minor children), by the person's family links, must go to the
 * same place; an assignment elsewhere than a member's assignment in force is refused, citing the
 * family-unity basis of the procedure's `family-together` guard. To move a family that is already
 * assigned, name the others in `movingWith` and assign each of them next.
 */
import { randomUUID } from 'node:crypto';
import type { Finding } from '../../../law/finding.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { assessCase, loadCaseSubject, type CaseSubject } from '../cases/assess-case.ts';
import type { CaseFacts } from '../cases/case-facts.ts';
import { mustMoveTogether } from '../cases/guards.ts';
import type { CaseLaw } from '../cases/law-context.ts';
import { pinLaw } from '../cases/pin-law.ts';
import { DomainError } from '../errors.ts';
import { mechanismOperates, type Mechanism } from '../mechanisms/mechanism.ts';
import { ageOf } from '../persons/family.ts';
import type { Tx } from '../../storage/transaction.ts';
import { checkAssignment, checkFamilyUnity, planAssignment, type AssignmentRefusal, type AssignmentTarget, type FamilyOnBoard } from './assignment-rules.ts';
import { listRescuedPersons, type RescuedPerson, type RescueEventView } from './get-rescue-event.ts';
import { eventDay, interceptionOf, type Assignment, type Destination, type RescueEvent } from './rescue-event.ts';
import { bumpVersion, lockForChange } from './update-rescue-event.ts';

export interface AssignRescuedPersonInput {
  personId: string;
  destination: Destination;
  /** The port's state (a place of safety); for a mechanism, its partner (may be left out). */
  country?: string;
  /** The port or place. */
  place?: string | null;
  /** The mechanism's code (destination `mechanism`). */
  mechanism?: string;
  /** The day the law is applied at: from the event's day to today; default today, the day of the decision. */
  on?: string;
  reason: string;
  legalBasis?: string[];
  /** Members of the person's family, registered from the event, being reassigned with the person (each is assigned next). */
  movingWith?: string[];
}

export interface AssignRescuedPersonOptions {
  tx: Tx;
  actor: Actor;
  eventId: string;
  expectedVersion: number;
  input: AssignRescuedPersonInput;
  law: CaseLaw;
  requestId?: string | null;
  now?: Date;
}

export interface AssignedPerson {
  event: RescueEventView;
  assignment: Assignment;
}

function invalid(path: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);
}

/** Where the person is to go, as the request names it, checked against the registry. */
async function targetOf(tx: Tx, input: AssignRescuedPersonInput, on: string): Promise<AssignmentTarget> {
  if (input.destination === 'place-of-safety') {
    if (input.mechanism !== undefined) throw invalid('mechanism', 'only for destination mechanism');
    if (!input.country) throw invalid('country', 'name the state of the place of safety');
    return { destination: 'place-of-safety', country: input.country };
  }
  if (!input.mechanism) throw invalid('mechanism', 'name the mechanism (its code)');
  const row = await tx.selectFrom('registry_records').select('data').where('kind', '=', 'mechanism').where('key', '=', input.mechanism).executeTakeFirst();
  if (!row) throw invalid('mechanism', `no mechanism ${input.mechanism} in the registry`);
  const m = row.data as Mechanism;
  if (input.country !== undefined && input.country !== m.partner) throw invalid('country', `${m.code} operates with ${m.partner}, not ${input.country}`);
  if (!mechanismOperates(m, on)) throw new DomainError('INVALID_STATE', `${m.code} does not operate on ${on}`);
  return { destination: 'mechanism', country: m.partner, mechanism: m };
}

/**
 * The day the law is applied at: the decision's (today) unless another is named, never before the event
 * nor after today. A day in the past is assessed on the facts as recorded now, so a case fact dated after
 * it (an application made since) makes the assessment impossible, and the refusal says so.
 */
function dayOf(event: RescueEvent, on: string | undefined, now: Date): string {
  const first = eventDay(event);
  const today = now.toISOString().slice(0, 10);
  const day = on ?? today;
  if (day < first) throw invalid('on', `before the event (${first})`);
  if (day > today) throw invalid('on', 'after today');
  return day;
}

/** The members of the person's family who must go where the person goes and were registered from the same event. */
function familyOnBoard(subject: CaseSubject, on: string, persons: readonly RescuedPerson[]): FamilyOnBoard[] {
  const onBoard = new Map(persons.map((p) => [p.personId, p]));
  return mustMoveTogether(ageOf(subject.person, on), subject.family).filter((m) => onBoard.has(m.personId))
    .map((m) => ({ personId: m.personId, relation: m.relation, age: m.age, assignment: onBoard.get(m.personId)!.assignment }));
}

function checkMovingWith(movingWith: readonly string[], persons: readonly RescuedPerson[], personId: string): void {
  movingWith.forEach((id, i) => {
    if (id === personId || !persons.some((p) => p.personId === id)) throw invalid(`movingWith.${i}`, `${id} is not another person registered from this event`);
  });
}

async function caseFactsOf(tx: Tx, tenantId: string, caseId: string | null): Promise<CaseFacts> {
  if (!caseId) return {};
  const row = await tx.selectFrom('cases').select('facts').where('tenant_id', '=', tenantId).where('id', '=', caseId).executeTakeFirst();
  return (row?.facts ?? {}) as CaseFacts;
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT, VALIDATION_FAILED, INVALID_STATE (mechanism
 * not operating), ASSIGNMENT_REFUSED (with `refusals` and `findings`).
 * @example await assignRescuedPerson({ tx, actor, eventId, expectedVersion: 3, input: { personId, destination: 'place-of-safety', country: 'IT', place: 'Lampedusa', reason: 'nearest safe port' }, law });
 */
export async function assignRescuedPerson({ tx, actor, eventId, expectedVersion, input, law, requestId = null, now = new Date() }: AssignRescuedPersonOptions): Promise<AssignedPerson> {
  const current = await lockForChange(tx, actor, eventId, expectedVersion, 'decide');
  const persons = await listRescuedPersons(tx, current);
  const linked = persons.find((p) => p.personId === input.personId);
  if (!linked) throw invalid('personId', `not registered from rescue event ${current.reference}: link the person first`);
  const movingWith = input.movingWith ?? [];
  checkMovingWith(movingWith, persons, input.personId);
  const on = dayOf(current, input.on, now);
  const target = await targetOf(tx, input, on);
  const plan = planAssignment(target, current.tenantId);
  const caseFacts = await caseFactsOf(tx, current.tenantId, linked.caseId);
  // The event is the journey's interception, as the Member State asked about sees it.
  const facts: CaseFacts = { ...caseFacts, journey: { ...caseFacts.journey, interception: interceptionOf(current, plan.memberState) } };
  const subject = await loadCaseSubject(tx, { tenantId: current.tenantId, personId: input.personId }, on);
  const assessed = plan.requirement ? assessCase({ case: { tenantId: plan.memberState, facts }, subject, on, law, trace: true }) : null;
  const { finding, refusal } = checkAssignment(plan, assessed ? assessed.assessment?.findings ?? null : [], assessed?.errors ?? []);
  const family = checkFamilyUnity({ destination: target.destination, country: target.country, place: input.place ?? null, mechanism: target.mechanism?.code ?? null },
    familyOnBoard(subject, on, persons), movingWith);
  const refusals = [refusal, family].filter((r): r is AssignmentRefusal => r !== null);
  if (refusals.length > 0) {
    const why = refusals.map((r) => `${r.message}${r.code !== 'FAMILY' && r.because.length ? ` (${r.because.join('; ')})` : ''}`).join('; ');
    throw new DomainError('ASSIGNMENT_REFUSED', `assigning person ${input.personId} of rescue event ${current.reference} to ${target.mechanism?.code ?? target.country} is not permitted on ${on}: ${why}`,
      [], { on, refusals, findings: finding ? [finding] : [] });
  }
  const access = assessed?.assessment?.findings.find((f) => f.question === 'access-to-procedure');
  const findings: Finding[] = [finding!, ...(access && access !== finding ? [access] : [])];
  const pinned = pinLaw(law, assessed?.assessment?.trace, findings.map((f) => f.question));
  const legalBasis = [...new Set([...plan.basis, ...findings.flatMap((f) => f.basis), ...(input.legalBasis ?? [])])];
  const assignment: Assignment = {
    id: randomUUID(), eventId: current.id, personId: input.personId, destination: target.destination, country: target.country, place: input.place ?? null,
    mechanism: target.mechanism?.code ?? null, assessedOn: on, findings, law: pinned, reason: input.reason, legalBasis, decidedBy: actor.id, decidedAt: now.toISOString(),
  };
  await tx.insertInto('rescue_assignments').values({
    tenant_id: current.tenantId, id: assignment.id, event_id: current.id, person_id: input.personId, destination: assignment.destination, country: assignment.country,
    place: assignment.place, mechanism: assignment.mechanism, assessed_on: on, findings: JSON.stringify(findings), law: JSON.stringify(pinned),
    reason: input.reason, legal_basis: JSON.stringify(legalBasis), decided_by: actor.id, decided_at: now,
  }).execute();
  const updated = await bumpVersion(tx, current, now);
  await appendEvent({
    tx, tenantId: current.tenantId, actorId: actor.id, action: 'rescue.person-assigned', entityType: 'rescue-event', entityId: current.id,
    reason: input.reason, legalBasis, requestId, at: now,
    data: {
      version: updated.version, assignmentId: assignment.id, personId: input.personId, destination: assignment.destination, country: assignment.country,
      place: assignment.place, mechanism: assignment.mechanism, assessedOn: on, ...(movingWith.length ? { movingWith } : {}),
      findings: findings.map((f) => ({ question: f.question, outcome: f.outcome, ...(f.country ? { country: f.country } : {}), ...(f.agreement ? { agreement: f.agreement } : {}) })),
      lawDigest: pinned.lawDigest, registryRevision: pinned.registryRevision,
    },
  });
  return { event: { ...updated, persons: await listRescuedPersons(tx, updated) }, assignment };
}
