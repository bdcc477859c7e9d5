/**
 * @module domain/cases/apply-transition
 * Moves a case along a transition that was checked: the new stage and the facts its effect records,
 * the decision record pinning the law, and one audit event carrying the record's hash — all in the
 * caller's transaction, so they commit together or not at all (STYLE.md principle 13). The case's
 * deadlines are then recomputed in the same transaction (`domain/deadlines/refresh-case-deadlines.ts`).
 */
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { CaseAssessment } from './assess-case.ts';
import { caseFromRow, type Case } from './case.ts';
import type { TransitionCheck } from './check-transition.ts';
import { applyEffect, type TransitionInput } from './effects.ts';
import type { CaseLaw } from './law-context.ts';
import type { TransitionDef } from './procedure.ts';
import { insertDecision, newDecision, type DecisionRecord } from './record-decision.ts';
import { refreshCaseDeadlines } from '../deadlines/refresh-case-deadlines.ts';

export interface ApplyTransitionOptions {
  tx: Tx;
  /** Who applies it: the proposer, or the approver under four eyes. */
  actor: Actor;
  current: Case;
  def: TransitionDef;
  check: TransitionCheck;
  /** The assessment on the effective date, with its trace. */
  assessed: CaseAssessment;
  input: TransitionInput;
  on: string;
  transitionId: string;
  proposedBy: string;
  approvedBy: string | null;
  /** The proposer's reason (the decision's reason). */
  reason: string;
  /** The reason given with this event: the approver's, under four eyes. */
  eventReason: string;
  legalBasis: string[];
  law: CaseLaw;
  /** `case.transitioned`, or `case.updated` when a PATCH moved the stage with other changes. */
  eventAction?: string;
  /** Further columns changed in the same update (unit, assignee), and what the event says of them. */
  alsoSet?: { unit_id?: string | null; assigned_to?: string | null };
  alsoChanged?: Record<string, unknown>;
  requestId?: string | null;
  now: Date;
}

/** Citations for the event: the step's own, the findings it rested on, and those the actor gave. */
function eventBasis(def: TransitionDef, check: TransitionCheck, given: string[]): string[] {
  return [...new Set([...def.basis, ...check.findings.flatMap((f) => f.basis), ...given])];
}

/** @throws DomainError VERSION_CONFLICT when the case changed since it was read and locked. */
export async function applyTransition(o: ApplyTransitionOptions): Promise<{ case: Case; decision: DecisionRecord }> {
  const { tx, current, def, now } = o;
  const facts = applyEffect(def.effect, { facts: current.facts, from: current.stage, to: def.to, on: o.on, input: o.input, findings: o.assessed.assessment?.findings ?? [] });
  const row = await tx.updateTable('cases').set({
    stage: def.to, facts: JSON.stringify(facts), updated_at: now, version: current.version + 1,
    ...(def.to === 'closed' ? { closed_at: now } : {}), ...(o.alsoSet ?? {}),
  }).where('tenant_id', '=', current.tenantId).where('id', '=', current.id).where('version', '=', current.version).returningAll().executeTakeFirst();
  if (!row) throw new DomainError('VERSION_CONFLICT', `case ${current.reference} changed while it was being moved`);
  const decision = newDecision({
    caseId: current.id, transitionId: o.transitionId, transition: def.id, from: current.stage, to: def.to, effectiveOn: o.on,
    assessed: o.assessed, law: o.law, proposedBy: o.proposedBy, approvedBy: o.approvedBy, reason: o.reason, now,
  });
  await insertDecision(tx, current.tenantId, decision);
  await appendEvent({
    tx, tenantId: current.tenantId, actorId: o.actor.id, action: o.eventAction ?? 'case.transitioned', entityType: 'case', entityId: current.id,
    reason: o.eventReason, legalBasis: eventBasis(def, o.check, o.legalBasis), requestId: o.requestId ?? null, at: now,
    data: {
      version: row.version, transition: def.id, from: current.stage, to: def.to, effectiveOn: o.on, transitionId: o.transitionId,
      proposedBy: o.proposedBy, approvedBy: o.approvedBy, decisionId: decision.id, decisionHash: decision.contentHash,
      lawDigest: decision.law.lawDigest, ...(o.check.subject ? { subject: o.check.subject } : {}), ...(o.alsoChanged ?? {}),
    },
  });
  const moved = caseFromRow(row);
  // The deadlines follow the new stage and facts; one the step discharges is met on its effective date.
  await refreshCaseDeadlines({ tx, actor: o.actor, case: moved, on: o.on, law: o.law, movedTo: def.to, cause: def.id, requestId: o.requestId ?? null, now });
  return { case: moved, decision };
}
