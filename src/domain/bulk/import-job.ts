/**
 * @module domain/bulk/import-job
 * A case import as a job: which file (name, format, SHA-256, rows), who started it, how far it got (the
 * checkpoint: the last row committed) and what it did (created, unchanged, refused, suspected
 * duplicates), with its report of problems per row. Starting an import of a file that already has a
 * running job in the tenant resumes that job rather than starting another: that is what makes a
 * crashed import resumable by running it again.
 *
 * Whoever may open cases in a tenant may import them and read the tenant's import jobs; a report
 * holds row numbers, field paths, codes and messages, and the ids of suspected duplicates, never
 * personal data.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { CaseImportIssueRow, CaseImportJobRow } from '../../storage/schema.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { RowIssue } from './case-row.ts';
import type { ImportFormat } from './read-rows.ts';

export interface ImportJob {
  id: string;
  tenantId: string;
  fileName: string;
  fileSha256: string;
  format: ImportFormat;
  status: 'running' | 'done';
  totalRows: number;
  /** The last row of the file whose outcome is committed. */
  checkpoint: number;
  created: number;
  unchanged: number;
  refused: number;
  duplicates: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface ImportIssue extends RowIssue {
  row: number;
  line: number | null;
}

export function jobFromRow(row: Selectable<CaseImportJobRow>): ImportJob {
  return {
    id: row.id, tenantId: row.tenant_id, fileName: row.file_name, fileSha256: row.file_sha256, format: row.format as ImportFormat,
    status: row.status as ImportJob['status'], totalRows: row.total_rows, checkpoint: row.checkpoint, created: row.created,
    unchanged: row.unchanged, refused: row.refused, duplicates: row.duplicates, createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

function issueFromRow(row: Selectable<CaseImportIssueRow>): ImportIssue {
  return {
    row: row.row_number, line: row.line, path: row.path, code: row.code, severity: row.severity as RowIssue['severity'], message: row.message,
    ...(row.detail ? { detail: row.detail } : {}),
  };
}

export interface StartCaseImportOptions {
  tx: Tx;
  actor: Actor;
  fileName: string;
  format: ImportFormat;
  sha256: string;
  totalRows: number;
  requestId?: string | null;
  now?: Date;
}

/**
 * The running job for this file in the actor's tenant (resumed: it goes on from its checkpoint), or
 * a new one. Each is an audited event (`case-import.started`, `case-import.resumed`).
 * @example const { job, resumed } = await startCaseImport({ tx, actor, fileName: 'cases.csv', format: 'csv', sha256, totalRows: 1200 });
 */
export async function startCaseImport({ tx, actor, fileName, format, sha256, totalRows, requestId = null, now = new Date() }: StartCaseImportOptions): Promise<{ job: ImportJob; resumed: boolean }> {
  authorize({ actor, action: 'create', resource: 'case' });
  const running = await tx.selectFrom('case_import_jobs').selectAll().where('tenant_id', '=', actor.tenantId)
    .where('file_sha256', '=', sha256).where('status', '=', 'running').forUpdate().executeTakeFirst();
  if (running) {
    if (running.total_rows !== totalRows || running.format !== format) {
      throw new DomainError('INVALID_STATE', `import job ${running.id} runs for a file with the same content but read as ${running.total_rows} ${running.format} rows, not ${totalRows} ${format} rows`);
    }
    await appendEvent({
      tx, tenantId: actor.tenantId, actorId: actor.id, action: 'case-import.resumed', entityType: 'case-import', entityId: running.id,
      requestId, at: now, data: { fileName, checkpoint: running.checkpoint, totalRows },
    });
    return { job: jobFromRow(running), resumed: true };
  }
  const row = await tx.insertInto('case_import_jobs').values({
    tenant_id: actor.tenantId, id: randomUUID(), file_name: fileName, file_sha256: sha256, format, status: totalRows === 0 ? 'done' : 'running',
    total_rows: totalRows, created_by: actor.id, created_at: now, updated_at: now, finished_at: totalRows === 0 ? now : null,
  }).returningAll().executeTakeFirstOrThrow();
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'case-import.started', entityType: 'case-import', entityId: row.id,
    requestId, at: now, data: { fileName, sha256, format, totalRows },
  });
  return { job: jobFromRow(row), resumed: false };
}

export interface GetCaseImportOptions {
  tx: Tx;
  actor: Actor;
  jobId: string;
  /** Issues of rows after this row number (paging through a long report). */
  afterRow?: number;
  /** At most this many issues (default 1,000). */
  limit?: number;
}

export interface ImportReport {
  job: ImportJob;
  issues: ImportIssue[];
  /** The row to pass as `afterRow` for the next page of issues, or null when this page ends the report. */
  nextAfterRow: number | null;
}

/**
 * A job with (a page of) its report, in row order.
 * @throws DomainError NOT_FOUND (also for another tenant's job), FORBIDDEN.
 */
export async function getCaseImport({ tx, actor, jobId, afterRow = 0, limit = 1000 }: GetCaseImportOptions): Promise<ImportReport> {
  authorize({ actor, action: 'create', resource: 'case' });
  const row = isUuid(jobId)
    ? await tx.selectFrom('case_import_jobs').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', jobId).executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', `import job ${jobId} not found`);
  // Whole rows per page: a row's problems are never split across two pages.
  const rows = await tx.selectFrom('case_import_issues').select('row_number').distinct().where('tenant_id', '=', actor.tenantId)
    .where('job_id', '=', jobId).where('row_number', '>', afterRow).orderBy('row_number').limit(limit + 1).execute();
  const pageRows = rows.slice(0, limit).map((r) => r.row_number);
  const issues = pageRows.length === 0 ? [] : await tx.selectFrom('case_import_issues').selectAll().where('tenant_id', '=', actor.tenantId)
    .where('job_id', '=', jobId).where('row_number', 'in', pageRows).orderBy('row_number').orderBy('seq').execute();
  return { job: jobFromRow(row), issues: issues.map(issueFromRow), nextAfterRow: rows.length > limit ? pageRows[pageRows.length - 1]! : null };
}

/** The tenant's import jobs, newest first. */
export async function listCaseImports({ tx, actor, limit = 50 }: { tx: Tx; actor: Actor; limit?: number }): Promise<ImportJob[]> {
  authorize({ actor, action: 'create', resource: 'case' });
  const rows = await tx.selectFrom('case_import_jobs').selectAll().where('tenant_id', '=', actor.tenantId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(jobFromRow);
}
