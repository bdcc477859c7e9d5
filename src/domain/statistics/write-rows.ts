/**
 * @module domain/statistics/write-rows
 * Writes imported rows into their table through a staging table: each chunk of validated rows is
 * COPYed (`storage/copy.ts`) into a temporary table of the same columns, dropped at commit, and then
 * merged into the figures table by one set-based statement. COPY is PostgreSQL's fastest way in on
 * both engines; the merge keeps the rules of the upsert: by natural key, a row whose figures differ
 * from what is stored replaces it only when its vintage is the same or later (an older file never
 * overwrites newer figures); a row whose figures are the same is left alone, with its first
 * provenance. Counts what was inserted and what changed.
 */
import { sql } from 'kysely';
import { copyRows } from '../../storage/copy.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { TableSpec } from './tables.ts';

export interface WriteCounts {
  inserted: number;
  updated: number;
}

/** Columns compared to decide whether a stored figure changed (all but the key, unless the table says). */
const COMPARED: Readonly<Record<string, readonly string[]>> = { stat_eurostat: ['value', 'flag'] };

/** One import's staging table: the figures table's columns, no key, no index, not logged. */
export interface Stage {
  name: string;
  spec: TableSpec;
}

/**
 * Creates the staging table of an import (temporary: gone at commit or rollback).
 * @example const stage = await createStage(tx, EUROSTAT_TABLE, sourceId);
 */
export async function createStage(tx: Tx, spec: TableSpec, sourceId: string): Promise<Stage> {
  const name = `stat_stage_${sourceId}`;
  await sql.raw(`create temporary table ${name} (${spec.columns.map((c) => `${c.name} ${c.type}`).join(', ')}) on commit drop`).execute(tx);
  return { name, spec };
}

/**
 * Upserts `rows` (values in the table's column order) through the stage.
 * @example await upsertRows(tx, stage, rows, sourceId, '2025-06-09');
 */
export async function upsertRows(tx: Tx, stage: Stage, rows: unknown[][], sourceId: string, vintage: string): Promise<WriteCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const { spec } = stage;
  const names = spec.columns.map((c) => c.name);
  await copyRows(tx, stage.name, names, rows);
  const values = names.filter((n) => !spec.key.includes(n));
  const compared = COMPARED[spec.name] ?? values;
  const list = sql.raw(names.join(', '));
  const table = sql.raw(spec.name);
  const result = await sql<{ inserted: number; updated: number }>`
    with written as (
      insert into ${table} (${list}, source_id, vintage)
      select ${list}, ${sourceId}::bigint, ${vintage}::date from ${sql.raw(stage.name)}
      on conflict (${sql.raw(spec.key.join(', '))}) do update set
        ${sql.raw([...values, 'source_id', 'vintage'].map((v) => `${v} = excluded.${v}`).join(', '))}
        where (${sql.raw(compared.map((v) => `${spec.name}.${v}`).join(', '))}) is distinct from (${sql.raw(compared.map((v) => `excluded.${v}`).join(', '))})
          and excluded.vintage >= ${table}.vintage
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated from written`.execute(tx);
  await sql.raw(`truncate ${stage.name}`).execute(tx);
  return result.rows[0]!;
}

/**
 * Replaces, for tables without a natural key (IOM incidents), the rows of other sources in the months
 * `rows` cover, then inserts `rows` through the stage. Returns how many earlier rows were replaced as
 * `updated`.
 */
export async function replaceMonths(tx: Tx, stage: Stage, rows: unknown[][], sourceId: string, months: string[]): Promise<WriteCounts> {
  const { spec } = stage;
  let updated = 0;
  if (months.length > 0) {
    const deleted = await sql`delete from ${sql.raw(spec.name)} where month = any(${months}::text[]) and source_id <> ${sourceId}::bigint`.execute(tx);
    updated = Number(deleted.numAffectedRows ?? 0n);
  }
  if (rows.length > 0) {
    const names = spec.columns.map((c) => c.name);
    await copyRows(tx, stage.name, names, rows);
    const list = sql.raw(names.join(', '));
    await sql`insert into ${sql.raw(spec.name)} (${list}, source_id) select ${list}, ${sourceId}::bigint from ${sql.raw(stage.name)}`.execute(tx);
    await sql.raw(`truncate ${stage.name}`).execute(tx);
  }
  return { inserted: rows.length, updated };
}
