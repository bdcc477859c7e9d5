/**
 * @module domain/transfers/list-transfers
 * The transfers an actor may read — those whose every case lies in the actor's `case.read` scope —
 * latest date first, with keyset pagination.
 */
import { sql } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { isUuid } from '../ids.ts';
import { isIsoDate } from '../../rules/engine/dates.ts';
import type { Tx } from '../../storage/transaction.ts';
import { transferFromRows, transferPersonsQuery, transfersQuery, type Transfer, type TransferStatus } from './transfer.ts';

export interface ListTransfersOptions {
  tx: Tx;
  actor: Actor;
  status?: TransferStatus;
  /** Only transfers to this facility (its registry id). */
  facilityId?: string;
  /** Only transfers carrying this case. */
  caseId?: string;
  limit?: number;
  /** Opaque cursor from the previous page. */
  after?: string;
}

export interface TransferPage {
  items: Transfer[];
  next: string | null;
}

export async function listTransfers({ tx, actor, status, facilityId, caseId, limit = 50, after }: ListTransfersOptions): Promise<TransferPage> {
  const scope = authorize({ actor, action: 'read', resource: 'case' });
  let query = transfersQuery(tx, actor.tenantId);
  // Every case on it inside the scope: none outside it.
  const outside = scope === 'unit' ? sql`(c.unit_id is null or c.unit_id <> ${actor.unitId ?? ''})`
    : scope === 'own' ? sql`not (coalesce(c.assigned_to = ${actor.id}, false) or c.opened_by = ${actor.id})` : null;
  if (outside) {
    query = query.where(sql<boolean>`not exists (select 1 from transfer_persons tp join cases c on c.tenant_id = tp.tenant_id and c.id = tp.case_id
      where tp.tenant_id = t.tenant_id and tp.transfer_id = t.id and ${outside})`);
  }
  if (status) query = query.where('t.status', '=', status);
  if (facilityId) query = isUuid(facilityId) ? query.where('t.facility_id', '=', facilityId.toLowerCase()) : query.where(sql<boolean>`false`);
  if (caseId) {
    query = isUuid(caseId)
      ? query.where(sql<boolean>`exists (select 1 from transfer_persons tp where tp.tenant_id = t.tenant_id and tp.transfer_id = t.id and tp.case_id = ${caseId.toLowerCase()})`)
      : query.where(sql<boolean>`false`);
  }
  if (after) {
    const [on, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
    if (on && id && isIsoDate(on) && isUuid(id)) {
      query = query.where((eb) => eb.or([eb('t.transfer_on', '<', on), eb.and([eb('t.transfer_on', '=', on), eb('t.id', '<', id)])]));
    }
  }
  const rows = await query.orderBy('t.transfer_on', 'desc').orderBy('t.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const persons = page.length ? await transferPersonsQuery(tx, actor.tenantId).where('tp.transfer_id', 'in', page.map((r) => r.id)).orderBy('c.reference').execute() : [];
  const items = page.map((row) => transferFromRows(row, persons.filter((p) => p.transfer_id === row.id)));
  const last = items[items.length - 1];
  const next = rows.length > limit && last ? Buffer.from(`${last.on}|${last.id}`).toString('base64url') : null;
  return { items, next };
}
