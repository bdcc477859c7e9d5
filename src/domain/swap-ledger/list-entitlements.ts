/**
 * @module domain/swap-ledger/list-entitlements
 * A mechanism's entitlements, oldest return first, with keyset pagination: who returned and when, and
 * for a used one who resettled and when, with the lead time; for an open one its age on the day asked.
 * Shared data, no personal data; the transaction must see `EU`.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { daysBetween } from '../../rules/engine/dates.ts';
import { entitlementFromRow, LEDGER_TENANT, swapMechanism, type Entitlement } from './ledger.ts';

export interface ListedEntitlement extends Entitlement {
  /** Days from the return to the resettlement (used), or the entitlement's age on `on` (open). */
  days: number;
}

export interface EntitlementPage {
  items: ListedEntitlement[];
  next: string | null;
}

export interface ListEntitlementsOptions {
  tx: Tx;
  actor: Actor;
  mechanism: string;
  status?: 'open' | 'used';
  on?: string;
  limit?: number;
  /** Opaque cursor from the previous page. */
  after?: string;
}

/** @example await readLedger(db, actor, (tx) => listEntitlements({ tx, actor, mechanism: 'eu-tr-statement', status: 'open' })); */
export async function listEntitlements({ tx, actor, mechanism, status, on = new Date().toISOString().slice(0, 10), limit = 100, after }: ListEntitlementsOptions): Promise<EntitlementPage> {
  authorize({ actor, action: 'read', resource: 'swap-ledger' });
  const m = await swapMechanism(tx, mechanism);
  let query = tx.selectFrom('swap_ledger_entitlements').selectAll().where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', m.code);
  if (status === 'open') query = query.where('resettled_on', 'is', null);
  if (status === 'used') query = query.where('resettled_on', 'is not', null);
  if (after) {
    const [day, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
    if (!day || !id || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('VALIDATION_FAILED', 'after: not a cursor of this list', [{ path: 'after', message: 'invalid cursor' }]);
    query = query.where((eb) => eb.or([eb('returned_on', '>', day), eb.and([eb('returned_on', '=', day), eb('id', '>', id)])]));
  }
  const rows = await query.orderBy('returned_on').orderBy('id').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map((row) => {
    const e = entitlementFromRow(row);
    return { ...e, days: daysBetween(e.returnedOn, e.resettledOn ?? on) };
  });
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? Buffer.from(`${last.returnedOn}|${last.id}`).toString('base64url') : null };
}
