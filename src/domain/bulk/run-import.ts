/**
 * @module domain/bulk/run-import
 * Runs a case import from a file to its end: checks and hashes the file, starts its job (or resumes
 * the job already running for the same file in the tenant), then imports the rows after the job's
 * checkpoint batch by batch, each batch in its own transaction (`import-batch.ts`). Killed at any
 * moment, the import loses at most the batch in flight, which its transaction rolls back; running
 * the same file again goes on from the checkpoint, and ends with exactly the cases, events, counts and
 * report an uninterrupted run gives.
 *
 * The next batch is read and validated while the current one is written, so parsing and the
 * database work overlap.
 */
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { asActor, type Db, type Tx } from '../../storage/transaction.ts';
import { importBatch, type BatchRow, type ImportContext } from './import-batch.ts';
import { startCaseImport, type ImportJob } from './import-job.ts';
import { readSourceRows, scanSource, type ImportSource } from './read-rows.ts';

/** Rows per batch (one transaction each): large enough to amortise the statements, short enough to hold the tenant's chain briefly. */
export const DEFAULT_BATCH_SIZE = 2000;

export interface RunCaseImportOptions {
  db: Db;
  actor: Actor;
  source: ImportSource;
  batchSize?: number;
  requestId?: string | null;
  /** After the job starts, and after each batch commits. */
  onProgress?: (job: ImportJob) => void;
}

/** The tenant's units and the retention policies, which every row is checked against. */
async function loadContext(tx: Tx, tenantId: string): Promise<ImportContext> {
  const units = await tx.selectFrom('units').select('id').where('tenant_id', '=', tenantId).execute();
  const policies = await tx.selectFrom('retention_policies').select(['record_type', 'retain_months', 'counted_from']).execute();
  return { units: new Set(units.map((u) => u.id)), policies: new Map(policies.map((p) => [p.record_type, p])) };
}

/** Rows in batches of `size`. */
async function* batchesOf(rows: AsyncIterable<BatchRow>, size: number): AsyncGenerator<BatchRow[]> {
  let batch: BatchRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) { yield batch; batch = []; }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Imports a file as `actor`; returns the finished job (its counts and, through `getCaseImport`, its report).
 * @throws DomainError INVALID_IMPORT when the file cannot be read as a whole (nothing is imported),
 * FORBIDDEN when the actor may not open cases, INVALID_STATE when another run of the same job went on.
 * @example const job = await runCaseImport({ db, actor, source: fileSource('cases.csv') });
 */
export async function runCaseImport({ db, actor, source, batchSize = DEFAULT_BATCH_SIZE, requestId = null, onProgress }: RunCaseImportOptions): Promise<ImportJob> {
  const summary = await scanSource(source);
  const { job } = await asActor(db, actor, (tx) => startCaseImport({
    tx, actor, fileName: source.name, format: source.format, sha256: summary.sha256, totalRows: summary.rows, requestId,
  }));
  onProgress?.(job);
  return continueCaseImport({ db, actor, source, job, batchSize, requestId, onProgress });
}

export interface ContinueCaseImportOptions extends RunCaseImportOptions {
  /** The job, as started or resumed for this source. */
  job: ImportJob;
}

/** Imports the rows of `source` after `job`'s checkpoint (see {@link runCaseImport}). */
export async function continueCaseImport({ db, actor, source, job, batchSize = DEFAULT_BATCH_SIZE, requestId = null, onProgress }: ContinueCaseImportOptions): Promise<ImportJob> {
  if (job.status === 'done') return job;
  const context = await asActor(db, actor, (tx) => loadContext(tx, actor.tenantId));
  const batches = batchesOf(readSourceRows(source, job.checkpoint), batchSize);
  let current = job;
  try {
    let pending = batches.next();
    for (;;) {
      const next = await pending;
      if (next.done) break;
      const rows = next.value;
      const through = rows[rows.length - 1]!.row;
      if (through > job.totalRows) throw new DomainError('INVALID_STATE', `${source.name} has more rows than when its import started (${job.totalRows}): it changed; start a new import`);
      // Read and validate the next batch while this one is written.
      pending = batches.next();
      pending.catch(() => {});
      current = await asActor(db, actor, (tx) => importBatch({ tx, actor, jobId: job.id, rows, through, context, requestId }));
      onProgress?.(current);
    }
  } finally {
    await batches.return(undefined);
  }
  if (current.status !== 'done') throw new DomainError('INVALID_STATE', `${source.name} has fewer rows than when its import started (${job.totalRows}): it changed; start a new import`);
  return current;
}
