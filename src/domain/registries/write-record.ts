/**
 * @module domain/registries/write-record
 * The two writes every registry operation ends in — store a new record, replace a record's data —
 * each with its audit event on the registries' chain, in the caller's transaction. They check nothing
 * but the version: callers authorise and validate first (create, update, import, seed), and run them
 * inside {@link asRegistryWriter}.
 *
 * The event's data is what the history is derived from: the record's key and new version, the
 * writer's tenant, how the write came (`api`, `import`, `seed`, `cli`), the import row if any, and
 * every changed field with its old and new value.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { RegistryRecordRow } from '../../storage/schema.ts';
import type { Tx } from '../../storage/transaction.ts';
import { REGISTRY_CHAIN } from './chain.ts';
import { diffFields } from './diff.ts';
import type { RegistryKind } from './kind.ts';
import { recordFromRow, type RegistryRecord } from './record.ts';
import { searchText } from './search.ts';

/** How a write reached the registry, recorded in its event. */
export type WriteVia = 'api' | 'import' | 'seed' | 'cli';

export interface WriteContext {
  tx: Tx;
  actor: Actor;
  reason: string | null;
  legalBasis?: string[];
  requestId?: string | null;
  via: WriteVia;
  now: Date;
  /** The line (CSV) or record number (JSON) of an imported file. */
  row?: number;
}

const UNIQUE_VIOLATION = '23505';

/** A key taken by a concurrent write surfaces as PostgreSQL's unique violation: say so plainly. */
function alreadyExists(error: unknown, kind: RegistryKind<any>, key: string): never {
  if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new DomainError('ALREADY_EXISTS', `a ${kind.name} with key ${key} already exists`);
  throw error;
}

/** The columns derived from a record's data by its kind. */
function derived<T extends object>(kind: RegistryKind<T>, data: T) {
  const validity = kind.validityOf?.(data) ?? { from: null, to: null };
  return {
    key: kind.keyOf(data),
    search_text: searchText([kind.keyOf(data), kind.labelOf(data), ...kind.searchTermsOf(data)]),
    refs: kind.refsOf?.(data) ?? [],
    valid_from: validity.from,
    valid_to: validity.to,
    review_due: kind.reviewDueOf?.(data) ?? null,
  };
}

async function recordEvent<T extends object>(ctx: WriteContext, kind: RegistryKind<T>, verb: 'created' | 'updated', record: RegistryRecord<T>, before: T | null): Promise<void> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const c of diffFields(before as Record<string, unknown> | null, record.data as Record<string, unknown>)) changes[c.field] = { from: c.from, to: c.to };
  await appendEvent({
    tx: ctx.tx, tenantId: REGISTRY_CHAIN, actorId: ctx.actor.id, action: `${kind.name}.${verb}`, entityType: kind.name, entityId: record.id,
    reason: ctx.reason, legalBasis: ctx.legalBasis ?? [], requestId: ctx.requestId ?? null, at: ctx.now,
    data: { key: record.key, version: record.version, actorTenant: ctx.actor.tenantId, via: ctx.via, ...(ctx.row !== undefined ? { row: ctx.row } : {}), changes },
  });
}

/** Stores a new record (with `id` when an import carries one) and its `<kind>.created` event. */
export async function insertRecord<T extends object>(ctx: WriteContext, kind: RegistryKind<T>, data: T, id: string = randomUUID()): Promise<RegistryRecord<T>> {
  const columns = derived(kind, data);
  const row = await ctx.tx.insertInto('registry_records').values({
    kind: kind.name, id, version: 1, data: JSON.stringify(data), ...columns,
    created_at: ctx.now, created_by: ctx.actor.id, updated_at: ctx.now, updated_by: ctx.actor.id,
  }).returningAll().executeTakeFirstOrThrow().catch((error: unknown) => alreadyExists(error, kind, columns.key));
  const record = recordFromRow<T>(row as Selectable<RegistryRecordRow>);
  await recordEvent(ctx, kind, 'created', record, null);
  return record;
}

/**
 * Stores many new records of one kind with one statement per hundred, then their events (for seeds
 * and large imports; the same rows and events as {@link insertRecord} one by one).
 */
export async function insertRecords<T extends object>(ctx: WriteContext, kind: RegistryKind<T>, items: Array<{ data: T; id?: string; row?: number }>): Promise<RegistryRecord<T>[]> {
  const stored: RegistryRecord<T>[] = [];
  for (let start = 0; start < items.length; start += 100) {
    const chunk = items.slice(start, start + 100);
    const values = chunk.map(({ data, id }) => ({
      kind: kind.name, id: id ?? randomUUID(), version: 1, data: JSON.stringify(data), ...derived(kind, data),
      created_at: ctx.now, created_by: ctx.actor.id, updated_at: ctx.now, updated_by: ctx.actor.id,
    }));
    const rows = await ctx.tx.insertInto('registry_records').values(values).returningAll().execute()
      .catch((error: unknown) => alreadyExists(error, kind, values.map((v) => v.key).join(', ')));
    const byId = new Map(rows.map((row) => [row.id, recordFromRow<T>(row as Selectable<RegistryRecordRow>)]));
    for (const [i, value] of values.entries()) {
      const record = byId.get(value.id)!;
      const row = chunk[i]!.row;
      await recordEvent(row === undefined ? ctx : { ...ctx, row }, kind, 'created', record, null);
      stored.push(record);
    }
  }
  return stored;
}

/**
 * Replaces a record's data if it is still at `current.version`, and records the change.
 * @throws DomainError VERSION_CONFLICT when another write got there first.
 */
export async function replaceRecord<T extends object>(ctx: WriteContext, kind: RegistryKind<T>, current: RegistryRecord<T>, data: T): Promise<RegistryRecord<T>> {
  const columns = derived(kind, data);
  const row = await ctx.tx.updateTable('registry_records').set({
    data: JSON.stringify(data), ...columns, version: current.version + 1, updated_at: ctx.now, updated_by: ctx.actor.id,
  }).where('id', '=', current.id).where('version', '=', current.version).returningAll().executeTakeFirst()
    .catch((error: unknown) => alreadyExists(error, kind, columns.key));
  if (!row) throw new DomainError('VERSION_CONFLICT', `${kind.name} ${current.key} changed while it was being updated: reload and try again`);
  const record = recordFromRow<T>(row as Selectable<RegistryRecordRow>);
  await recordEvent(ctx, kind, 'updated', record, current.data);
  return record;
}
