/**
 * @module domain/cases/update-case
 * Changes a case's unit, assignee or recorded facts — and, for compatibility, its stage — only if the
 * caller saw its current version (optimistic concurrency: a stale write is refused, never silently
 * overwritten), with an audit event naming what changed and why.
 *
 * A stage is never set freely: `stage` names the stage of the one transition of the procedure table
 * that leaves the current stage for it without a subject and without four eyes, and that transition
 * is checked against the law and applied exactly as `take-transition.ts` would (decision record
 * included). Anything else is refused: propose it through the transitions.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { applyTransition } from './apply-transition.ts';
import { loadCaseSubject } from './assess-case.ts';
import { caseFromRow, caseScope, type Case, type CaseStage } from './case.ts';
import { patchFacts, type CaseFactsPatch } from './case-facts.ts';
import { getCase } from './get-case.ts';
import { BASELINE_LAW, type CaseLaw } from './law-context.ts';
import { transitionsFrom, type TransitionDef } from './procedure.ts';
import { effectiveDate, evaluate, refusalError } from './take-transition.ts';
import { insertTransition, pendingTransition } from './transition-record.ts';
import { refreshCaseDeadlines } from '../deadlines/refresh-case-deadlines.ts';

export interface UpdateCaseInput {
  stage?: CaseStage;
  unitId?: string | null;
  assignedTo?: string | null;
  facts?: CaseFactsPatch;
  reason: string;
  legalBasis?: string[];
}

export interface UpdateCaseOptions {
  tx: Tx;
  actor: Actor;
  caseId: string;
  /** The version the caller last saw (from `If-Match`). */
  expectedVersion: number;
  input: UpdateCaseInput;
  /** The registries and rates a stage or facts change is assessed with; default the law package's own registry facts. */
  law?: CaseLaw;
  requestId?: string | null;
  now?: Date;
}

type Changes = Record<string, { from: unknown; to: unknown } | string[]>;

/** The transition a stage change stands for: the only one from here to there that needs no subject and no approval. */
function stageTransition(current: Case, stage: CaseStage): TransitionDef {
  const candidates = transitionsFrom(current.stage, current.kind).filter((t) => t.to === stage);
  const plain = candidates.filter((t) => !t.subject && !t.fourEyes);
  if (plain.length === 1) return plain[0]!;
  const hint = candidates.length > 0
    ? `${candidates.map((t) => t.id).join(', ')} ${candidates.length > 1 ? 'need' : 'needs'} a subject or a supervisor's approval: use POST /api/cases/${current.id}/transitions`
    : `no transition leads from ${current.stage} to ${stage}`;
  throw new DomainError('INVALID_TRANSITION', `case ${current.reference} cannot be moved from ${current.stage} to ${stage} by an update: ${hint}`, [], { stage: current.stage, to: stage });
}

/** The unit and assignee changes, authorised and checked. */
async function assignmentChanges(tx: Tx, actor: Actor, current: Case, input: UpdateCaseInput, changes: Changes) {
  if (input.unitId !== undefined && input.unitId !== current.unitId) changes.unitId = { from: current.unitId, to: input.unitId };
  if (input.assignedTo !== undefined && input.assignedTo !== current.assignedTo) changes.assignedTo = { from: current.assignedTo, to: input.assignedTo };
  if (changes.unitId || changes.assignedTo) authorize({ actor, action: 'assign', resource: 'case', record: caseScope(current) });
}

async function checkUnit(tx: Tx, actor: Actor, unitId: string): Promise<void> {
  const unit = await tx.selectFrom('units').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw new DomainError('VALIDATION_FAILED', `unit ${unitId} does not exist in ${actor.tenantId}`, [{ path: 'unitId', message: 'unknown unit' }]);
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT, INVALID_TRANSITION, TRANSITION_PENDING,
 * TRANSITION_REFUSED, INVALID_STATE (a request to remain without an appeal), VALIDATION_FAILED.
 */
export async function updateCase({ tx, actor, caseId, expectedVersion, input, law = BASELINE_LAW, requestId = null, now = new Date() }: UpdateCaseOptions): Promise<Case> {
  const current = await getCase({ tx, actor, caseId, forUpdate: true });
  authorize({ actor, action: 'update', resource: 'case', record: caseScope(current) });
  const changes: Changes = {};
  await assignmentChanges(tx, actor, current, input, changes);
  if (current.version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', `case ${current.reference} is at version ${current.version}, not ${expectedVersion}: reload and try again`);
  }
  if (changes.unitId && input.unitId) await checkUnit(tx, actor, input.unitId);
  if (input.facts?.requestToRemain !== undefined && !current.facts.appeal) {
    throw new DomainError('INVALID_STATE', `case ${current.reference} has no appeal on record: a request to remain follows an appeal`, [{ path: 'facts.requestToRemain', message: 'no appeal' }]);
  }
  const patched = input.facts ? patchFacts(current.facts, input.facts) : { facts: current.facts, changed: [] };
  if (patched.changed.length > 0) changes.facts = patched.changed;
  const withFacts: Case = { ...current, facts: patched.facts };
  const alsoSet = {
    ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
    ...(input.assignedTo !== undefined ? { assigned_to: input.assignedTo } : {}),
  };
  if (input.stage !== undefined && input.stage !== current.stage) {
    return moveStage({ tx, actor, current: withFacts, stage: input.stage, input, changes, alsoSet, law, requestId, now });
  }
  if (Object.keys(changes).length === 0) return current;
  const row = await tx.updateTable('cases').set({ ...alsoSet, facts: JSON.stringify(patched.facts), updated_at: now, version: current.version + 1 })
    .where('tenant_id', '=', actor.tenantId).where('id', '=', caseId).where('version', '=', expectedVersion).returningAll().executeTakeFirst();
  if (!row) throw new DomainError('VERSION_CONFLICT', `case ${current.reference} changed while it was being updated`);
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'case.updated', entityType: 'case', entityId: caseId,
    reason: input.reason, legalBasis: input.legalBasis ?? [], requestId, at: now, data: { version: row.version, changes },
  });
  const updated = caseFromRow(row);
  // Facts the law engine reads changed (detention, the application's features): its deadlines may too.
  if (changes.facts) await refreshCaseDeadlines({ tx, actor, case: updated, on: now.toISOString().slice(0, 10), law, cause: 'facts', requestId, now });
  return updated;
}

interface MoveStageOptions {
  tx: Tx;
  actor: Actor;
  current: Case;
  stage: CaseStage;
  input: UpdateCaseInput;
  changes: Changes;
  alsoSet: { unit_id?: string | null; assigned_to?: string | null };
  law: CaseLaw;
  requestId: string | null;
  now: Date;
}

/** A stage change by update: the transition it stands for, checked and applied, with the other changes in the same event. */
async function moveStage({ tx, actor, current, stage, input, changes, alsoSet, law, requestId, now }: MoveStageOptions): Promise<Case> {
  const def = stageTransition(current, stage);
  authorize({ actor, action: def.action, resource: 'case', record: caseScope(current) });
  const pending = await pendingTransition(tx, current.tenantId, current.id);
  if (pending) throw new DomainError('TRANSITION_PENDING', `${pending.transition} awaits approval on case ${current.reference}`, [], { pending: pending.id });
  const on = await effectiveDate(tx, current, undefined, now);
  const { check, assessed } = evaluate(current, def, await loadCaseSubject(tx, current, on), {}, on, law);
  if (!check.allowed) throw refusalError(check, on, current.reference);
  const record = await insertTransition({
    tx, tenantId: current.tenantId, caseId: current.id, transition: def.id, from: current.stage, to: def.to, effectiveOn: on, input: {},
    status: 'taken', proposedBy: actor.id, reason: input.reason, legalBasis: input.legalBasis ?? [], now,
  });
  const applied = await applyTransition({
    tx, actor, current, def, check, assessed, input: {}, on, transitionId: record.id, proposedBy: actor.id, approvedBy: null,
    reason: input.reason, eventReason: input.reason, legalBasis: input.legalBasis ?? [], law, eventAction: 'case.updated',
    alsoSet, alsoChanged: { changes: { ...changes, stage: { from: current.stage, to: def.to } } }, requestId, now,
  });
  return applied.case;
}
