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

/** A tenant's chain head as read (and locked) in the current transaction. */
export interface ChainHead {
  seq: string | number;
  hash: string;
}

/** An event placed on a head: its content, the hash it links from and its own hash. */
export interface ChainedAppend {
  event: ChainedEvent;
  prevHash: string;
  hash: string;
}

/**
 * The query that reads a tenant's head and locks it until commit (`select seq, hash … for update`).
 * Run it alone, or embed it as a CTE in a statement that also does other work, to save a round trip.
 */
export function lockHeadQuery(tenantId: string) {
  return sql<{ seq: string; hash: string }>`select seq, hash from audit_heads where tenant_id = ${tenantId} for update`;
}

export function missingHead(tenantId: string): Error {
  return new Error(`audit chain of tenant ${tenantId} has no head: run the seed first`);
}

/** Builds the next event on a locked head and hashes it. */
export function chainOnto(head: ChainHead, options: Omit<AppendEventOptions, 'tx'>): ChainedAppend {
  const event: ChainedEvent = {
    tenantId: options.tenantId,
    seq: Number(head.seq) + 1,
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
  return { event, prevHash: head.hash, hash: hashEvent(head.hash, event) };
}

/**
 * Data-modifying CTEs that store a chained event and move the head to it, for the `with` list of a
 * statement (`with ${appendCtes(x)} select …`, or followed by more CTEs). The head must have been
 * locked earlier in the same transaction ({@link lockHeadQuery}).
 */
export function appendCtes(append: ChainedAppend) {
  return appendManyCtes([append]);
}

/**
 * Builds several events of one tenant on a locked head, in order: each links from the one before it.
 * @example const appends = chainMany(head, items.map((i) => ({ tenantId: 'IT', actorId: i.actor.id, action: 'case.opened', entityType: 'case', entityId: i.id })));
 */
export function chainMany(head: ChainHead, options: ReadonlyArray<Omit<AppendEventOptions, 'tx'>>): ChainedAppend[] {
  const appends: ChainedAppend[] = [];
  let current: ChainHead = head;
  for (const one of options) {
    const appended = chainOnto(current, one);
    appends.push(appended);
    current = { seq: appended.event.seq, hash: appended.hash };
  }
  return appends;
}

/**
 * {@link appendCtes} for several chained events of one tenant (from {@link chainMany}): one insert of
 * all of them (`appended_event`) and one move of the head to the last (`moved_head`).
 */
export function appendManyCtes(appends: readonly ChainedAppend[]) {
  const last = appends[appends.length - 1];
  if (!last) throw new Error('appendManyCtes needs at least one event');
  const rows = appends.map(({ event, prevHash, hash }) => sql`(${event.tenantId}, ${event.seq}, ${event.at}, ${event.actorId}, ${event.action},
    ${event.entityType}, ${event.entityId}, ${event.reason}, ${JSON.stringify(event.legalBasis)}, ${JSON.stringify(event.data)},
    ${event.requestId}, ${prevHash}, ${hash})`);
  return sql`
    appended_event as (
      insert into audit_events (tenant_id, seq, at, actor_id, action, entity_type, entity_id, reason,
                                legal_basis, data, request_id, prev_hash, hash)
      values ${sql.join(rows)}
    ),
    moved_head as (
      update audit_heads set seq = ${last.event.seq}, hash = ${last.hash} where tenant_id = ${last.event.tenantId}
    )`;
}

/**
 * Writes the event and moves the tenant's chain head (two round trips: lock and read the head, then
 * insert and move it).
 * @example await appendEvent({ tx, tenantId: 'IT', actorId: 'it-caseworker', action: 'case.opened', entityType: 'case', entityId: id });
 */
export async function appendEvent(options: AppendEventOptions): Promise<AppendedEvent> {
  const { tx, tenantId } = options;
  const head = await lockHeadQuery(tenantId).execute(tx);
  const current = head.rows[0];
  if (!current) throw missingHead(tenantId);
  const appended = chainOnto(current, options);
  await sql`with ${appendCtes(appended)} select 1`.execute(tx);
  return { seq: appended.event.seq, hash: appended.hash, at: appended.event.at };
}
