/**
 * @module domain/statistics/write-rows
 * Writes a batch of imported rows into their table in one statement: the rows travel as one array per
 * column and are expanded with `unnest`, so a batch of thousands of rows is one round trip on either
 * engine. Upserts by natural key: a row whose figures differ from what is stored replaces it only when
 * its vintage is the same or later (an older file never overwrites newer figures); a row whose figures
 * are the same is left alone, with its first provenance. Counts what was inserted and what changed.
 */
import { sql } from 'kysely';
import type { Tx } from '../../storage/transaction.ts';
import type { TableSpec } from './tables.ts';

export interface WriteCounts {
  inserted: number;
  updated: number;
}

/** Columns compared to decide whether a stored figure changed (all but the key, unless the table says). */
const COMPARED: Readonly<Record<string, readonly string[]>> = { stat_eurostat: ['value', 'flag'] };

function columnArrays(spec: TableSpec, rows: unknown[][]) {
  return spec.columns.map((c, i) => sql`${rows.map((r) => r[i] ?? null)}::${sql.raw(`${c.type}[]`)}`);
}

/**
 * Upserts `rows` (values in the table's column order).
 * @example await upsertRows(tx, EUROSTAT_TABLE, rows, sourceId, '2025-06-09');
 */
export async function upsertRows(tx: Tx, spec: TableSpec, rows: unknown[][], sourceId: string, vintage: string): Promise<WriteCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const names = spec.columns.map((c) => c.name);
  const values = names.filter((n) => !spec.key.includes(n));
  const compared = COMPARED[spec.name] ?? values;
  const list = sql.raw(names.join(', '));
  const table = sql.raw(spec.name);
  const result = await sql<{ inserted: number; updated: number }>`
    with written as (
      insert into ${table} (${list}, source_id, vintage)
      select ${list}, ${sourceId}::bigint, ${vintage}::date from unnest(${sql.join(columnArrays(spec, rows))}) as t(${list})
      on conflict (${sql.raw(spec.key.join(', '))}) do update set
        ${sql.raw([...values, 'source_id', 'vintage'].map((v) => `${v} = excluded.${v}`).join(', '))}
        where (${sql.raw(compared.map((v) => `${spec.name}.${v}`).join(', '))}) is distinct from (${sql.raw(compared.map((v) => `excluded.${v}`).join(', '))})
          and excluded.vintage >= ${table}.vintage
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated from written`.execute(tx);
  return result.rows[0]!;
}

/**
 * Replaces, for tables without a natural key (IOM incidents), the rows of other sources in the months
 * `rows` cover, then inserts `rows`. Returns how many earlier rows were replaced as `updated`.
 */
export async function replaceMonths(tx: Tx, spec: TableSpec, rows: unknown[][], sourceId: string, months: string[]): Promise<WriteCounts> {
  let updated = 0;
  if (months.length > 0) {
    const deleted = await sql`delete from ${sql.raw(spec.name)} where month = any(${months}::text[]) and source_id <> ${sourceId}::bigint`.execute(tx);
    updated = Number(deleted.numAffectedRows ?? 0n);
  }
  if (rows.length > 0) {
    const list = sql.raw(spec.columns.map((c) => c.name).join(', '));
    await sql`insert into ${sql.raw(spec.name)} (${list}, source_id)
      select ${list}, ${sourceId}::bigint from unnest(${sql.join(columnArrays(spec, rows))}) as t(${list})`.execute(tx);
  }
  return { inserted: rows.length, updated };
}
