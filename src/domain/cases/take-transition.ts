/**
 * @module domain/cases/take-transition
 * A named person moves a case along a transition of the procedure table, with reasons, on a date.
 * The law engine is asked on that date; a transition it does not permit is refused with the findings
 * that refused it. A transition under four eyes is not applied but proposed: it waits, and a
 * supervisor other than the proposer approves or rejects it (`approve-transition.ts`).
 */
import type { Actor } from '../access/roles.ts';
import { authorize } from '../access/authorize.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { applyTransition } from './apply-transition.ts';
import { assessCase, loadCaseSubject, type CaseAssessment, type CaseSubject } from './assess-case.ts';
import { caseFromRow, caseScope, type Case } from './case.ts';
import { checkTransition, type TransitionCheck } from './check-transition.ts';
import type { TransitionInput } from './effects.ts';
import { getCase } from './get-case.ts';
import type { CaseLaw } from './law-context.ts';
import { transitionById, type TransitionDef } from './procedure.ts';
import type { DecisionRecord } from './record-decision.ts';
import { insertTransition, lastEffectiveDate, pendingTransition, type TransitionRecord } from './transition-record.ts';

export interface TakeTransitionInput extends TransitionInput {
  transition: string;
  reason: string;
  legalBasis?: string[];
  /** The date it takes effect and the law is applied at; default today. */
  on?: string;
}

export interface TakeTransitionOptions {
  tx: Tx;
  actor: Actor;
  caseId: string;
  /** The case version the caller saw (If-Match). */
  expectedVersion: number;
  input: TakeTransitionInput;
  law: CaseLaw;
  requestId?: string | null;
  now?: Date;
}

export type TakeTransitionResult =
  | { status: 'taken'; case: Case; transition: TransitionRecord; decision: DecisionRecord; check: TransitionCheck }
  | { status: 'pending'; case: Case; transition: TransitionRecord; check: TransitionCheck };

/**
 * The subject and terms of the request that bear on this transition: its subject (country or
 * agreement), a return decision's terms, the family moving along, the reception of a minor. Others
 * are left out, so that what is recorded is what was decided on.
 */
export function inputOf(def: TransitionDef, input: TakeTransitionInput): TransitionInput {
  const out: TransitionInput = {};
  if (def.subject === 'country' && input.country) out.country = input.country;
  if (def.subject === 'agreement' && input.agreement) out.agreement = input.agreement;
  if (def.effect === 'return-decision') {
    if (input.voluntaryDepartureDays !== undefined) out.voluntaryDepartureDays = input.voluntaryDepartureDays;
    if (input.entryBanYears !== undefined) out.entryBanYears = input.entryBanYears;
  }
  if (def.guards.includes('family-together') && input.movingWith?.length) out.movingWith = [...new Set(input.movingWith)];
  if (def.guards.includes('unaccompanied-minor-return') && input.receptionAssured !== undefined) out.receptionAssured = input.receptionAssured;
  return out;
}

/** The transition named, if it leaves the case's stage for its kind. */
export function resolveTransition(c: Pick<Case, 'stage' | 'kind' | 'reference'>, id: string): TransitionDef {
  const def = transitionById(id);
  if (!def) throw new DomainError('VALIDATION_FAILED', `no transition ${id}`, [{ path: 'transition', message: 'unknown transition' }]);
  if (!def.from.includes(c.stage)) {
    throw new DomainError('INVALID_TRANSITION', `${id} does not leave stage ${c.stage} (case ${c.reference}); it leaves ${def.from.join(', ')}`, [], { transition: id, stage: c.stage });
  }
  if (def.kinds && !def.kinds.includes(c.kind)) {
    throw new DomainError('INVALID_TRANSITION', `${id} is not a step of a ${c.kind} case (case ${c.reference})`, [], { transition: id, kind: c.kind });
  }
  return def;
}

/**
 * The date a transition takes effect: not in the future, and not before the last transition applied
 * (a case's history reads in date order).
 */
export async function effectiveDate(tx: Tx, c: Case, on: string | undefined, now: Date): Promise<string> {
  const today = now.toISOString().slice(0, 10);
  const date = on ?? today;
  if (date > today) throw new DomainError('VALIDATION_FAILED', `${date} is in the future`, [{ path: 'on', message: 'after today' }]);
  const last = await lastEffectiveDate(tx, c.tenantId, c.id);
  if (last && date < last) {
    throw new DomainError('VALIDATION_FAILED', `${date} is before ${last}, the date of the case's last transition`, [{ path: 'on', message: `before ${last}` }]);
  }
  return date;
}

/** The refusal of a checked transition, as a problem the API shows with every finding and citation. */
export function refusalError(check: TransitionCheck, on: string, reference: string): DomainError {
  const summary = check.refusals.map((r) => r.message).join('; ');
  return new DomainError('TRANSITION_REFUSED', `${check.transition} is not permitted on ${on} for case ${reference}: ${summary}`, [], {
    transition: check.transition, on, refusals: check.refusals, findings: check.findings,
  });
}

/** Checks a transition on the case on `on`, with the assessment traced (for the decision record). */
export function evaluate(c: Case, def: TransitionDef, subject: CaseSubject, input: TransitionInput, on: string, law: CaseLaw): { check: TransitionCheck; assessed: CaseAssessment } {
  const assessed = assessCase({ case: c, subject, on, law, trace: true });
  return { check: checkTransition({ def, case: c, subject, input, assessed }), assessed };
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN (the transition's action is not granted in the case's
 * scope), VERSION_CONFLICT, TRANSITION_PENDING, INVALID_TRANSITION, TRANSITION_REFUSED, VALIDATION_FAILED.
 * @example await takeTransition({ tx, actor, caseId, expectedVersion: 3, input: { transition: 'start-screening', reason: 'arrived by boat' }, law });
 */
export async function takeTransition({ tx, actor, caseId, expectedVersion, input, law, requestId = null, now = new Date() }: TakeTransitionOptions): Promise<TakeTransitionResult> {
  const current = await getCase({ tx, actor, caseId, forUpdate: true });
  const def = resolveTransitionFor(current, input.transition, actor);
  if (current.version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', `case ${current.reference} is at version ${current.version}, not ${expectedVersion}: reload and try again`);
  }
  const pending = await pendingTransition(tx, current.tenantId, current.id);
  if (pending) {
    throw new DomainError('TRANSITION_PENDING', `${pending.transition}, proposed by ${pending.proposedBy}, awaits approval on case ${current.reference}`, [], { pending: pending.id });
  }
  const on = await effectiveDate(tx, current, input.on, now);
  const subject = await loadCaseSubject(tx, current, on);
  const request = inputOf(def, input);
  const { check, assessed } = evaluate(current, def, subject, request, on, law);
  if (!check.allowed) throw refusalError(check, on, current.reference);
  const record = await insertTransition({
    tx, tenantId: current.tenantId, caseId: current.id, transition: def.id, from: current.stage, to: def.to, effectiveOn: on, input: request,
    status: def.fourEyes ? 'pending' : 'taken', proposedBy: actor.id, reason: input.reason, legalBasis: input.legalBasis ?? [], now,
  });
  if (def.fourEyes) return { status: 'pending', case: await propose(tx, actor, current, record, check, requestId, now), transition: record, check };
  const applied = await applyTransition({
    tx, actor, current, def, check, assessed, input: request, on, transitionId: record.id, proposedBy: actor.id, approvedBy: null,
    reason: input.reason, eventReason: input.reason, legalBasis: input.legalBasis ?? [], law, requestId, now,
  });
  return { status: 'taken', case: applied.case, transition: record, decision: applied.decision, check };
}

/** The transition, checked for the actor's permission for its action first, then against the stage and kind. */
function resolveTransitionFor(current: Case, id: string, actor: Actor): TransitionDef {
  const def = transitionById(id);
  if (def) authorize({ actor, action: def.action, resource: 'case', record: caseScope(current) });
  return resolveTransition(current, id);
}

/** Records the proposal: the case's version moves (a pending step changes what may be done with it), and an event says so. */
async function propose(tx: Tx, actor: Actor, current: Case, record: TransitionRecord, check: TransitionCheck, requestId: string | null, now: Date): Promise<Case> {
  const row = await tx.updateTable('cases').set({ version: current.version + 1, updated_at: now })
    .where('tenant_id', '=', current.tenantId).where('id', '=', current.id).where('version', '=', current.version).returningAll().executeTakeFirst();
  if (!row) throw new DomainError('VERSION_CONFLICT', `case ${current.reference} changed while it was being moved`);
  await appendEvent({
    tx, tenantId: current.tenantId, actorId: actor.id, action: 'case.transition-proposed', entityType: 'case', entityId: current.id,
    reason: record.reason, legalBasis: [...new Set([...check.basis, ...check.findings.flatMap((f) => f.basis), ...record.legalBasis])], requestId, at: now,
    data: { version: row.version, transition: record.transition, from: record.from, to: record.to, effectiveOn: record.effectiveOn, transitionId: record.id,
      ...(check.subject ? { subject: check.subject } : {}) },
  });
  return caseFromRow(row);
}
