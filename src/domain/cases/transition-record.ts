/**
 * @module domain/cases/transition-record
 * A transition as taken or proposed (`case_transitions`): who proposed it, when it takes effect, with
 * what subject and why; under four eyes, who approved or rejected it and why.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CaseTransitionRow } from '../../storage/schema.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { CaseStage } from './case.ts';
import type { TransitionInput } from './effects.ts';

export type TransitionStatus = 'pending' | 'approved' | 'rejected' | 'taken';

export interface TransitionRecord {
  id: string;
  caseId: string;
  transition: string;
  from: CaseStage;
  to: CaseStage;
  effectiveOn: string;
  input: TransitionInput;
  status: TransitionStatus;
  proposedBy: string;
  proposedAt: string;
  reason: string;
  legalBasis: string[];
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export function transitionFromRow(row: Selectable<CaseTransitionRow>): TransitionRecord {
  return {
    id: row.id, caseId: row.case_id, transition: row.transition, from: row.from_stage as CaseStage, to: row.to_stage as CaseStage,
    effectiveOn: row.effective_on, input: row.input as TransitionInput, status: row.status as TransitionStatus,
    proposedBy: row.proposed_by, proposedAt: new Date(row.proposed_at).toISOString(), reason: row.reason, legalBasis: row.legal_basis,
    decidedBy: row.decided_by, decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null, decisionReason: row.decision_reason,
  };
}

export interface InsertTransitionOptions {
  tx: Tx;
  tenantId: string;
  caseId: string;
  transition: string;
  from: CaseStage;
  to: CaseStage;
  effectiveOn: string;
  input: TransitionInput;
  status: 'pending' | 'taken';
  proposedBy: string;
  reason: string;
  legalBasis: string[];
  now: Date;
}

export async function insertTransition(o: InsertTransitionOptions): Promise<TransitionRecord> {
  const row = await o.tx.insertInto('case_transitions').values({
    tenant_id: o.tenantId, id: randomUUID(), case_id: o.caseId, transition: o.transition, from_stage: o.from, to_stage: o.to,
    effective_on: o.effectiveOn, input: JSON.stringify(o.input), status: o.status, proposed_by: o.proposedBy, proposed_at: o.now,
    reason: o.reason, legal_basis: JSON.stringify(o.legalBasis),
  }).returningAll().executeTakeFirstOrThrow();
  return transitionFromRow(row);
}

/** The proposal of the case waiting for approval, if any; locked for a write unless `lock` is false. */
export async function pendingTransition(tx: Tx, tenantId: string, caseId: string, lock = true): Promise<TransitionRecord | null> {
  let query = tx.selectFrom('case_transitions').selectAll().where('tenant_id', '=', tenantId).where('case_id', '=', caseId).where('status', '=', 'pending');
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? transitionFromRow(row) : null;
}

/** The latest effective date of the transitions applied to the case, or null. */
export async function lastEffectiveDate(tx: Tx, tenantId: string, caseId: string): Promise<string | null> {
  const row = await tx.selectFrom('case_transitions').select((eb) => eb.fn.max('effective_on').as('last'))
    .where('tenant_id', '=', tenantId).where('case_id', '=', caseId).where('status', 'in', ['taken', 'approved']).executeTakeFirst();
  return (row?.last as string | null | undefined) ?? null;
}
