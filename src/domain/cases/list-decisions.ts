/**
 * @module domain/cases/list-decisions
 * A case's decision records, oldest first. Their facts, findings' reasons and traces describe the
 * person: callers who may read the person get them (and the read is logged), others get the pinned
 * law, the rule versions, the outcomes and citations.
 */
import { can } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { logAccess } from '../persons/log-access.ts';
import { caseScope } from './case.ts';
import { getCase } from './get-case.ts';
import { decisionFromRow, type DecisionRecord } from './record-decision.ts';

export interface DecisionsView {
  decisions: DecisionRecord[];
  /** Whether facts, reasons and traces may be shown to this caller. */
  personal: boolean;
}

/** @throws DomainError NOT_FOUND, FORBIDDEN (no `case.read` in scope). */
export async function listDecisions({ tx, actor, caseId, requestId = null }: { tx: Tx; actor: Actor; caseId: string; requestId?: string | null }): Promise<DecisionsView> {
  const c = await getCase({ tx, actor, caseId });
  const rows = await tx.selectFrom('case_decisions').selectAll().where('tenant_id', '=', actor.tenantId).where('case_id', '=', caseId)
    .orderBy('created_at').orderBy('id').execute();
  const personal = can({ actor, action: 'read', resource: 'person', record: caseScope(c) });
  if (personal && rows.length > 0) await logAccess({ tx, actor, personIds: [c.personId], purpose: 'decision records of the case', requestId });
  return { decisions: rows.map(decisionFromRow), personal };
}
