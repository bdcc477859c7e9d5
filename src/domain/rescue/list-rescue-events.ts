/**
 * @module domain/rescue/list-rescue-events
 * The rescue and interception events an actor may read (the scope of `rescue.read`), newest first, with
 * keyset pagination.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { rescueEventFromRow, type RescueEvent } from './rescue-event.ts';

export interface ListRescueEventsOptions {
  tx: Tx;
  actor: Actor;
  kind?: RescueEvent['kind'];
  /** Events on or after this day. */
  from?: string;
  /** Events on or before this day. */
  to?: string;
  limit?: number;
  after?: string;
}

export interface RescueEventPage {
  items: RescueEvent[];
  next: string | null;
}

/** @example await asActor(db, actor, (tx) => listRescueEvents({ tx, actor, from: '2026-07-01' })); */
export async function listRescueEvents({ tx, actor, kind, from, to, limit = 50, after }: ListRescueEventsOptions): Promise<RescueEventPage> {
  const scope = authorize({ actor, action: 'read', resource: 'rescue' });
  let query = tx.selectFrom('rescue_events').selectAll().where('tenant_id', '=', actor.tenantId);
  if (scope === 'unit') query = query.where('unit_id', '=', actor.unitId ?? '');
  if (scope === 'own') query = query.where((eb) => eb.or([eb('assigned_to', '=', actor.id), eb('created_by', '=', actor.id)]));
  if (kind) query = query.where('kind', '=', kind);
  if (from) query = query.where('occurred_at', '>=', new Date(`${from}T00:00:00Z`));
  if (to) query = query.where('occurred_at', '<', new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000));
  if (after) {
    const [at, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('VALIDATION_FAILED', 'after: not a cursor of this list', [{ path: 'after', message: 'invalid cursor' }]);
    query = query.where((eb) => eb.or([eb('occurred_at', '<', new Date(at)), eb.and([eb('occurred_at', '=', new Date(at)), eb('id', '<', id)])]));
  }
  const rows = await query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(rescueEventFromRow);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? Buffer.from(`${last.occurredAt}|${last.id}`).toString('base64url') : null };
}
