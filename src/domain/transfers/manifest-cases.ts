/**
 * @module domain/transfers/manifest-cases
 * The cases on a manifest, read and locked for a change in one statement, in id order (so that two
 * transfers sharing a case never wait on each other in opposite orders), each checked against the
 * permission table for the action taken on the transfer.
 */
import type { Action } from '../access/permissions.ts';
import type { Actor } from '../access/roles.ts';
import { authorize } from '../access/authorize.ts';
import { caseFromRow, caseScope, type Case } from '../cases/case.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';

/**
 * @throws DomainError NOT_FOUND for a case not in the actor's tenant, FORBIDDEN outside the scope of
 * `read` or of `action` on a case.
 */
export async function lockManifestCases(tx: Tx, actor: Actor, caseIds: readonly string[], action: Action): Promise<Map<string, Case>> {
  const rows = await tx.selectFrom('cases').selectAll().where('tenant_id', '=', actor.tenantId).where('id', 'in', [...caseIds])
    .orderBy('id').forUpdate().execute();
  const cases = new Map(rows.map((row) => [row.id, caseFromRow(row)]));
  for (const id of caseIds) {
    const c = cases.get(id);
    if (!c) throw new DomainError('NOT_FOUND', `case ${id} not found`);
    authorize({ actor, action: 'read', resource: 'case', record: caseScope(c) });
    authorize({ actor, action, resource: 'case', record: caseScope(c) });
  }
  return cases;
}
