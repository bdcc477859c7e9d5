/**
 * @module domain/audit/append-event
 * Appends one event to a tenant's chain inside the caller's transaction, so the event commits with the
 * change it records or not at all. The head row lock serialises appends per tenant, which keeps the
 * chain linear; tenants append in parallel.
 */
import { sql } from 'kysely';
import type { Tx } from '../../storage/transaction.ts';
import { hashEvent, type ChainedEvent } from './chain.ts';

export interface AppendEventOptions {
  tx: Tx;
  tenantId: string;
  actorId: string;
  /** What happened, as `<entity>.<verb>`: `case.opened`, `person.erased`. */
  action: string;
  entityType: string;
  entityId: string;
  /** The reason the actor gave; required by the operations that change a decision or erase data. */
  reason?: string | null;
  /** Citations (instrument, article, paragraph) the change rests on, when there are any. */
  legalBasis?: string[];
  /** What changed: field → new value, or a diff. Never personal data. */
  data?: Record<string, unknown>;
  requestId?: string | null;
  /** Event time; defaults to now. */
  at?: Date;
}

export interface AppendedEvent {
  seq: number;
  hash: string;
  at: string;
}

/**
 * Writes the event and moves the tenant's chain head.
 * @example await appendEvent({ tx, tenantId: 'IT', actorId: 'it-caseworker', action: 'case.opened', entityType: 'case', entityId: id });
 */
export async function appendEvent(options: AppendEventOptions): Promise<AppendedEvent> {
  const { tx, tenantId } = options;
  const head = await sql<{ seq: string; hash: string }>`
    select seq, hash from audit_heads where tenant_id = ${tenantId} for update`.execute(tx);
  const current = head.rows[0];
  if (!current) throw new Error(`audit chain of tenant ${tenantId} has no head: run the seed first`);
  const event: ChainedEvent = {
    tenantId,
    seq: Number(current.seq) + 1,
    at: (options.at ?? new Date()).toISOString(),
    actorId: options.actorId,
    action: options.action,
    entityType: options.entityType,
    entityId: options.entityId,
    reason: options.reason ?? null,
    legalBasis: options.legalBasis ?? [],
    data: options.data ?? {},
    requestId: options.requestId ?? null,
  };
  const hash = hashEvent(current.hash, event);
  await sql`
    with appended as (
      insert into audit_events (tenant_id, seq, at, actor_id, action, entity_type, entity_id, reason,
                                legal_basis, data, request_id, prev_hash, hash)
      values (${tenantId}, ${event.seq}, ${event.at}, ${event.actorId}, ${event.action}, ${event.entityType},
              ${event.entityId}, ${event.reason}, ${JSON.stringify(event.legalBasis)}, ${JSON.stringify(event.data)},
              ${event.requestId}, ${current.hash}, ${hash})
    )
    update audit_heads set seq = ${event.seq}, hash = ${hash} where tenant_id = ${tenantId}`.execute(tx);
  return { seq: event.seq, hash, at: event.at };
}
