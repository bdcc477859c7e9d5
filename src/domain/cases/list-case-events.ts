/**
 * @module domain/cases/list-case-events
 * A case's change history, from the audit chain.
 */
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { getCase } from './get-case.ts';
import { eventFromRow, type AuditEvent } from '../audit/audit-event.ts';

export async function listCaseEvents({ tx, actor, caseId }: { tx: Tx; actor: Actor; caseId: string }): Promise<AuditEvent[]> {
  await getCase({ tx, actor, caseId });
  const rows = await tx.selectFrom('audit_events').selectAll().where('tenant_id', '=', actor.tenantId)
    .where('entity_type', '=', 'case').where('entity_id', '=', caseId).orderBy('seq').execute();
  return rows.map(eventFromRow);
}
