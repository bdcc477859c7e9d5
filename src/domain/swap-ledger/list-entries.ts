/**
 * @module domain/swap-ledger/list-entries
 * The recording tenant's half of a mechanism's ledger: which of its cases and persons (by pseudonymous
 * id) were counted on which leg, with the law engine's finding and the law version of each return.
 * Only the caller's tenant, and only the cases the caller may read (the scope of `case.read`).
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { entryFromRow, swapMechanism, type Leg, type LedgerEntry } from './ledger.ts';

export interface ListEntriesOptions {
  tx: Tx;
  actor: Actor;
  mechanism: string;
  leg?: Leg;
  limit?: number;
}

/** @example await asActor(db, actor, (tx) => listEntries({ tx, actor, mechanism: 'eu-tr-statement' })); */
export async function listEntries({ tx, actor, mechanism, leg, limit = 500 }: ListEntriesOptions): Promise<LedgerEntry[]> {
  const scope = authorize({ actor, action: 'read', resource: 'case' });
  const m = await swapMechanism(tx, mechanism);
  let query = tx.selectFrom('swap_ledger_entries as e')
    .innerJoin('cases as c', (join) => join.onRef('c.tenant_id', '=', 'e.tenant_id').onRef('c.id', '=', 'e.case_id'))
    .selectAll('e').where('e.tenant_id', '=', actor.tenantId).where('e.mechanism', '=', m.code);
  if (scope === 'unit') query = query.where('c.unit_id', '=', actor.unitId ?? '');
  if (scope === 'own') query = query.where((eb) => eb.or([eb('c.assigned_to', '=', actor.id), eb('c.opened_by', '=', actor.id)]));
  if (leg) query = query.where('e.leg', '=', leg);
  const rows = await query.orderBy('e.happened_on').orderBy('e.id').limit(limit).execute();
  return rows.map(entryFromRow);
}
