/**
 * @module domain/cases/approve-transition
 * Four eyes: a proposed transition is approved or rejected, with reasons, by a person holding the
 * `approve` grant on the case (a supervisor) who is not its proposer. Approval asks the law engine
 * again — on the proposal's effective date, with the case's facts and the registries as they are now —
 * and applies the transition only if it is still permitted; rejection leaves the stage as it was.
 */
import type { Actor } from '../access/roles.ts';
import { authorize } from '../access/authorize.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { applyTransition } from './apply-transition.ts';
import { loadCaseSubject } from './assess-case.ts';
import { caseFromRow, caseScope, type Case } from './case.ts';
import { getCase } from './get-case.ts';
import type { CaseLaw } from './law-context.ts';
import type { DecisionRecord } from './record-decision.ts';
import { evaluate, refusalError, resolveTransition } from './take-transition.ts';
import { pendingTransition, transitionFromRow, type TransitionRecord } from './transition-record.ts';

export interface DecideProposalOptions {
  tx: Tx;
  actor: Actor;
  caseId: string;
  transitionId: string;
  /** The case version the caller saw (If-Match). */
  expectedVersion: number;
  reason: string;
  requestId?: string | null;
  now?: Date;
}

/**
 * The pending proposal `transitionId` of the case, after the checks both approval and rejection make:
 * the approve grant in the case's scope, not one's own proposal, the version seen.
 */
async function proposalFor({ tx, actor, caseId, transitionId, expectedVersion }: DecideProposalOptions): Promise<{ current: Case; proposal: TransitionRecord }> {
  const current = await getCase({ tx, actor, caseId, forUpdate: true });
  authorize({ actor, action: 'approve', resource: 'case', record: caseScope(current) });
  const pending = isUuid(transitionId) ? await pendingTransition(tx, current.tenantId, current.id) : null;
  if (!pending || pending.id !== transitionId) {
    const decided = isUuid(transitionId)
      ? await tx.selectFrom('case_transitions').selectAll().where('tenant_id', '=', current.tenantId).where('case_id', '=', current.id).where('id', '=', transitionId).executeTakeFirst()
      : undefined;
    if (decided) throw new DomainError('INVALID_STATE', `transition ${transitionId} is ${transitionFromRow(decided).status}, not pending`);
    throw new DomainError('NOT_FOUND', `transition ${transitionId} not found on case ${current.reference}`);
  }
  if (pending.proposedBy === actor.id) {
    throw new DomainError('FOUR_EYES', `${actor.id} proposed ${pending.transition} on case ${current.reference}: another supervisor must approve or reject it`);
  }
  if (current.version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', `case ${current.reference} is at version ${current.version}, not ${expectedVersion}: reload and try again`);
  }
  return { current, proposal: pending };
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN, FOUR_EYES, VERSION_CONFLICT, INVALID_STATE, TRANSITION_REFUSED (the
 * law no longer permits it: it stays pending).
 */
export async function approveTransition(options: DecideProposalOptions & { law: CaseLaw }): Promise<{ case: Case; transition: TransitionRecord; decision: DecisionRecord }> {
  const { tx, actor, reason, law, requestId = null, now = new Date() } = options;
  const { current, proposal } = await proposalFor(options);
  const def = resolveTransition(current, proposal.transition);
  const subject = await loadCaseSubject(tx, current, proposal.effectiveOn);
  const { check, assessed } = evaluate(current, def, subject, proposal.input, proposal.effectiveOn, law);
  if (!check.allowed) throw refusalError(check, proposal.effectiveOn, current.reference);
  const row = await tx.updateTable('case_transitions').set({ status: 'approved', decided_by: actor.id, decided_at: now, decision_reason: reason })
    .where('tenant_id', '=', current.tenantId).where('id', '=', proposal.id).returningAll().executeTakeFirstOrThrow();
  const applied = await applyTransition({
    tx, actor, current, def, check, assessed, input: proposal.input, on: proposal.effectiveOn, transitionId: proposal.id,
    proposedBy: proposal.proposedBy, approvedBy: actor.id, reason: proposal.reason, eventReason: reason, legalBasis: proposal.legalBasis, law, requestId, now,
  });
  return { case: applied.case, transition: transitionFromRow(row), decision: applied.decision };
}

/** @throws DomainError NOT_FOUND, FORBIDDEN, FOUR_EYES, VERSION_CONFLICT, INVALID_STATE. */
export async function rejectTransition(options: DecideProposalOptions): Promise<{ case: Case; transition: TransitionRecord }> {
  const { tx, actor, reason, requestId = null, now = new Date() } = options;
  const { current, proposal } = await proposalFor(options);
  const row = await tx.updateTable('case_transitions').set({ status: 'rejected', decided_by: actor.id, decided_at: now, decision_reason: reason })
    .where('tenant_id', '=', current.tenantId).where('id', '=', proposal.id).returningAll().executeTakeFirstOrThrow();
  const moved = await tx.updateTable('cases').set({ version: current.version + 1, updated_at: now })
    .where('tenant_id', '=', current.tenantId).where('id', '=', current.id).returningAll().executeTakeFirstOrThrow();
  await appendEvent({
    tx, tenantId: current.tenantId, actorId: actor.id, action: 'case.transition-rejected', entityType: 'case', entityId: current.id,
    reason, requestId, at: now,
    data: { version: moved.version, transition: proposal.transition, from: proposal.from, to: proposal.to, transitionId: proposal.id, proposedBy: proposal.proposedBy },
  });
  return { case: caseFromRow(moved), transition: transitionFromRow(row) };
}
