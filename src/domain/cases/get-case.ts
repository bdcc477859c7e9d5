/**
 * @module domain/cases/get-case
 * One case, for an actor whose `case.read` scope covers it.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { caseFromRow, caseScope, type Case } from './case.ts';

export interface GetCaseOptions {
  tx: Tx;
  actor: Actor;
  caseId: string;
  /** Lock the row for an update in the same transaction. */
  forUpdate?: boolean;
}

/** @throws DomainError NOT_FOUND (also for other tenants' ids), FORBIDDEN outside the read scope. */
export async function getCase({ tx, actor, caseId, forUpdate = false }: GetCaseOptions): Promise<Case> {
  if (!isUuid(caseId)) throw new DomainError('NOT_FOUND', `case ${caseId} not found`);
  let query = tx.selectFrom('cases').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', caseId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `case ${caseId} not found`);
  const found = caseFromRow(row);
  authorize({ actor, action: 'read', resource: 'case', record: caseScope(found) });
  return found;
}
