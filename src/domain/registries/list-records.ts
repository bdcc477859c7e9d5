/**
 * @module domain/registries/list-records
 * Lists the records of a kind: full-text search (`q`), "in force on a date" (`on`: within the
 * record's validity and, where the kind says so, not suspended), the kind's own filters, in key
 * order with keyset pagination.
 */
import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizeRead } from './authorize-record.ts';
import type { RegistryKind } from './kind.ts';
import { recordFromRow, type RegistryRecord } from './record.ts';
import { prefixQuery } from './search.ts';

export interface ListRegistryOptions<T extends object> {
  tx: Tx;
  actor: Actor;
  kind: RegistryKind<T>;
  /** Words the records must contain (prefixes; case and diacritics ignored). */
  q?: string;
  /** Only records in force on this date. */
  on?: string;
  /** The kind's filters by name (`{ country: 'TR' }`); values are validated against each filter's schema. */
  filters?: Record<string, string | undefined>;
  /** Date the filters that depend on one use when `on` is not given (default today). */
  today?: string;
  limit?: number;
  /** Cursor from the previous page's `next`. */
  after?: string;
}

export interface RegistryPage<T extends object> {
  items: RegistryRecord<T>[];
  next: string | null;
}

/** The cursor of a page: the last key, base64url-encoded. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | null {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[\x21-\x7e]{1,300}$/.test(key) && encodeCursor(key) === cursor ? key : null;
}

/**
 * The SQL conditions of a list, shared with the export (which writes every matching record).
 * @throws DomainError VALIDATION_FAILED for an unknown filter or a value its schema refuses.
 */
export function listConditions<T extends object>(kind: RegistryKind<T>, { q, on, filters = {}, today }: Pick<ListRegistryOptions<T>, 'q' | 'on' | 'filters' | 'today'>) {
  const conditions = [sql<SqlBool>`kind = ${kind.name}`];
  const tsquery = q ? prefixQuery(q) : null;
  if (tsquery) conditions.push(sql<SqlBool>`search @@ to_tsquery('simple', ${tsquery})`);
  if (on) {
    conditions.push(sql<SqlBool>`(valid_from is null or valid_from <= ${on}) and (valid_to is null or valid_to >= ${on})`);
    if (kind.inForceOn) conditions.push(kind.inForceOn(on));
  }
  const date = on ?? today ?? new Date().toISOString().slice(0, 10);
  for (const [name, raw] of Object.entries(filters)) {
    if (raw === undefined) continue;
    const filter = kind.filters[name];
    if (!filter) throw new DomainError('VALIDATION_FAILED', `${kind.plural} have no filter ${name}`, [{ path: `query.${name}`, message: 'unknown filter' }]);
    const parsed = filter.schema.safeParse(raw);
    if (!parsed.success) throw new DomainError('VALIDATION_FAILED', `${name}: ${parsed.error.issues[0]?.message}`, [{ path: `query.${name}`, message: parsed.error.issues[0]?.message ?? 'invalid' }]);
    conditions.push(filter.where(parsed.data, { on: date }));
  }
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

/**
 * @example const page = await listRegistryRecords({ tx, actor, kind: designationKind, on: '2026-07-01', filters: { country: 'BD' } });
 */
export async function listRegistryRecords<T extends object>(options: ListRegistryOptions<T>): Promise<RegistryPage<T>> {
  const { tx, actor, kind, limit = 100, after } = options;
  authorizeRead(actor, kind);
  const afterKey = after === undefined ? null : decodeCursor(after);
  if (after !== undefined && afterKey === null) throw new DomainError('VALIDATION_FAILED', 'after: not a cursor this API issued', [{ path: 'query.after', message: 'not a cursor this API issued' }]);
  const where = listConditions(kind, options);
  const rows = await tx.selectFrom('registry_records').selectAll()
    .where(afterKey === null ? where : sql<SqlBool>`${where} and key collate "C" > ${afterKey}`)
    // Byte order ("C"), so that pages follow the same order on every server whatever its locale.
    .orderBy(sql`key collate "C"`).limit(limit + 1).execute();
  const items = rows.slice(0, limit).map((row) => recordFromRow<T>(row));
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? encodeCursor(last.key) : null };
}
