/**
 * @module domain/cases/update-case
 * Changes a case's stage, unit or assignee, only if the caller saw its current version (optimistic
 * concurrency: a stale write is refused, never silently overwritten), with an audit event naming what
 * changed and why.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { caseFromRow, caseScope, type Case, type CaseStage } from './case.ts';
import { getCase } from './get-case.ts';

export interface UpdateCaseInput {
  stage?: CaseStage;
  unitId?: string | null;
  assignedTo?: string | null;
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
  requestId?: string | null;
  now?: Date;
}

export async function updateCase({ tx, actor, caseId, expectedVersion, input, requestId = null, now = new Date() }: UpdateCaseOptions): Promise<Case> {
  const current = await getCase({ tx, actor, caseId, forUpdate: true });
  authorize({ actor, action: 'update', resource: 'case', record: caseScope(current) });
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (input.stage !== undefined && input.stage !== current.stage) changes.stage = { from: current.stage, to: input.stage };
  if (input.unitId !== undefined && input.unitId !== current.unitId) changes.unitId = { from: current.unitId, to: input.unitId };
  if (input.assignedTo !== undefined && input.assignedTo !== current.assignedTo) changes.assignedTo = { from: current.assignedTo, to: input.assignedTo };
  if (changes.unitId || changes.assignedTo) authorize({ actor, action: 'assign', resource: 'case', record: caseScope(current) });
  if (current.version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', `case ${current.reference} is at version ${current.version}, not ${expectedVersion}: reload and try again`);
  }
  if (changes.unitId && input.unitId) {
    const unit = await tx.selectFrom('units').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) throw new DomainError('VALIDATION_FAILED', `unit ${input.unitId} does not exist in ${actor.tenantId}`, [{ path: 'unitId', message: 'unknown unit' }]);
  }
  if (Object.keys(changes).length === 0) return current;
  const closing = changes.stage && input.stage === 'closed';
  const row = await tx.updateTable('cases').set({
    ...(input.stage !== undefined ? { stage: input.stage } : {}),
    ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
    ...(input.assignedTo !== undefined ? { assigned_to: input.assignedTo } : {}),
    ...(closing ? { closed_at: now } : {}),
    updated_at: now,
    version: current.version + 1,
  }).where('tenant_id', '=', actor.tenantId).where('id', '=', caseId).where('version', '=', expectedVersion)
    .returningAll().executeTakeFirst();
  if (!row) throw new DomainError('VERSION_CONFLICT', `case ${current.reference} changed while it was being updated`);
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'case.updated', entityType: 'case', entityId: caseId,
    reason: input.reason, legalBasis: input.legalBasis ?? [], requestId, at: now, data: { version: row.version, changes },
  });
  return caseFromRow(row);
}
