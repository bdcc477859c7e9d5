/**
 * @module domain/bulk/stage
 * Staging tables for set-based bulk writes: a batch is `COPY`d into a temporary table, then moved into
 * the tenant's tables by `INSERT … SELECT`, under row-level security like any other write.
 *
 * Why stage at all: PostgreSQL refuses `COPY FROM` into a table with row-level security ("COPY FROM
 * not supported with row-level security"), and COPY is about twice as fast as the next best way of
 * sending rows (a JSON parameter read by `jsonb_to_recordset`: 9 µs a row against 20 on the server).
 *
 * The temporary tables belong to the connection's own user and are emptied at every commit. COPY
 * runs as that user, for a moment outside the transaction's `waypoint_app` role: PGlite reads COPY
 * data from a virtual file (`/dev/blob`, `storage/copy.ts`), which PostgreSQL allows only to roles
 * that may read server files. Nothing but the COPY into the temporary table runs in that moment;
 * everything that reaches a tenant's table runs as `waypoint_app`, whose reading of the stage is
 * granted.
 */
import { sql } from 'kysely';
import { copyRows } from '../../storage/copy.ts';
import type { Tx } from '../../storage/transaction.ts';

/** The columns of `case_import_stage`: one row per case to open, with its person. */
export const CASE_STAGE_COLUMNS = ['ord', 'external_ref', 'row_hash', 'case_id', 'person_id', 'reference', 'kind', 'unit_id', 'assigned_to', 'record_type', 'retain_until', 'data'] as const;

/** The columns of `case_import_event_stage`: the batch's audit events, already chained. */
export const EVENT_STAGE_COLUMNS = ['seq', 'action', 'entity_type', 'entity_id', 'data', 'prev_hash', 'hash'] as const;

const CREATE_STAGES = `
  create temp table if not exists case_import_stage (
    ord integer not null, external_ref text not null, row_hash text not null, case_id uuid not null, person_id uuid not null,
    reference text not null, kind text not null, unit_id text, assigned_to text, record_type text not null, retain_until date, data jsonb not null
  ) on commit delete rows;
  create temp table if not exists case_import_event_stage (
    seq bigint not null, action text not null, entity_type text not null, entity_id text not null, data jsonb not null, prev_hash text not null, hash text not null
  ) on commit delete rows;
  grant select on case_import_stage, case_import_event_stage to waypoint_app`;

export type StageTable = 'case_import_stage' | 'case_import_event_stage';

/**
 * COPYs `rows` into a staging table of the transaction (created on first use), then returns to the
 * `waypoint_app` role. The notice "relation already exists" of a table created earlier is expected.
 */
export async function stageRows(tx: Tx, table: StageTable, rows: ReadonlyArray<ReadonlyArray<unknown>>): Promise<void> {
  const columns = table === 'case_import_stage' ? CASE_STAGE_COLUMNS : EVENT_STAGE_COLUMNS;
  await sql.raw(`select set_config('role', 'none', true); ${CREATE_STAGES}`).execute(tx);
  // A failed COPY aborts the transaction, whose rollback restores the role: nothing to undo here.
  await copyRows(tx, table, columns, rows);
  await sql`select set_config('role', 'waypoint_app', true)`.execute(tx);
}
