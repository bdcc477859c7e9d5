/**
 * @module api/routes/bulk/routes
 * Bulk work on cases: imports of cases with their persons (`/api/case-imports`) and bulk actions
 * (`/api/case-actions`).
 *
 * An import is not one transaction but a job of many (one per batch of rows), so it does not go through
 * `runWrite` and takes no Idempotency-Key: it is idempotent by itself. Posting the same file again
 * resumes its job if that job was interrupted, or reports every row unchanged if it finished. The
 * request answers when the import is done (201), or at once with `Prefer: respond-async` (202, RFC 7240
 * §4.1), the job then running in the server; its status and report are read with GET.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize } from '../../../domain/access/authorize.ts';
import { runBulkAction } from '../../../domain/bulk/bulk-action.ts';
import { getCaseImport, listCaseImports, startCaseImport } from '../../../domain/bulk/import-job.ts';
import { scanSource, textSource, type ImportFormat, type ImportSource } from '../../../domain/bulk/read-rows.ts';
import { continueCaseImport } from '../../../domain/bulk/run-import.ts';
import { DomainError } from '../../../domain/errors.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, idempotencyHeader, json, problemResponses, ZUuidParam } from '../../schemas.ts';
import { runWrite } from '../../write.ts';
import { ZBulkActionRequest, ZBulkActionResult, ZImportJob, ZImportListQuery, ZImportQuery, ZImportReport, ZImportReportQuery, ZImportRequest } from './schema.ts';

export const bulkRoutes = new OpenAPIHono<AppEnv>();

/** Raw file bodies, by media type. */
const RAW_TYPES: Readonly<Record<string, ImportFormat>> = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson' };

const preferHeader = {
  name: 'Prefer', in: 'header' as const, required: false, schema: { type: 'string' as const },
  description: '`respond-async`: answer 202 as soon as the job has started (RFC 7240); read its progress and report with GET /api/case-imports/{id}',
};

/** The file a request carries: a JSON document with the text, or the text itself as text/csv or application/x-ndjson. */
async function sourceOf(c: Context<AppEnv>, fileName: string | undefined, json: () => z.infer<typeof ZImportRequest>): Promise<ImportSource> {
  const essence = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const raw = RAW_TYPES[essence];
  if (raw) {
    const content = await c.req.text();
    if (content.trim() === '') throw new DomainError('VALIDATION_FAILED', 'the body is empty: send the file', [{ path: 'body', message: 'empty' }]);
    return textSource(fileName ?? `cases.${raw}`, raw, content);
  }
  if (essence !== 'application/json' && !essence.endsWith('+json')) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'send the file as text/csv or application/x-ndjson, or a JSON document with format and content');
  }
  const body = json();
  return textSource(body.fileName ?? fileName ?? `cases.${body.format}`, body.format, body.content);
}

bulkRoutes.openapi(createRoute({
  method: 'post', path: '/api/case-imports', tags: ['Cases'], summary: 'Import cases with their persons from CSV or JSON lines', security: bearer,
  description: 'Each row opens a case (at `registered`) with its person, unless it is invalid (reported with its row, field path, code and message), its `externalRef` was imported before (unchanged, or refused if its content differs), or it names an assignee or unit the caller may not give. Suspected duplicates are reported as warnings, by the rules of registration. Rows are committed in batches, each with its audit events; posting the same file again resumes an interrupted job or reports every row unchanged.',
  parameters: [preferHeader],
  request: {
    query: ZImportQuery,
    body: {
      required: false,
      content: { 'application/json': { schema: ZImportRequest }, 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
    },
  },
  responses: {
    201: { description: 'The import ran to its end: the job and (the first page of) its report', ...json(ZImportReport) },
    202: { description: 'The job started and runs on (Prefer: respond-async)', ...json(ZImportReport) },
    ...problemResponses(400, 409, 413, 415),
  },
}), async (c) => {
  const actor = c.var.actor;
  authorize({ actor, action: 'create', resource: 'case' });
  // Called only for a JSON body: the other media types' schema (a string) is not what it validated.
  const source = await sourceOf(c, c.req.valid('query').fileName, () => c.req.valid('json') as z.infer<typeof ZImportRequest>);
  const { storage, logger } = c.var.services;
  const requestId = c.var.requestId;
  const summary = await scanSource(source);
  const { job } = await asActor(storage.db, actor, (tx) => startCaseImport({
    tx, actor, fileName: source.name, format: source.format, sha256: summary.sha256, totalRows: summary.rows, requestId,
  }));
  const location = `/api/case-imports/${job.id}`;
  if (/(^|[\s,;])respond-async\b/i.test(c.req.header('prefer') ?? '')) {
    // The job records its progress; if this run dies, posting the file again resumes it.
    void continueCaseImport({ db: storage.db, actor, source, job, requestId })
      .catch((err: unknown) => logger.error({ requestId, jobId: job.id, err }, 'case import stopped'));
    return c.json({ job, issues: [], nextAfterRow: null }, 202, { location, 'preference-applied': 'respond-async' });
  }
  const done = await continueCaseImport({ db: storage.db, actor, source, job, requestId });
  const report = await asActor(storage.db, actor, (tx) => getCaseImport({ tx, actor, jobId: done.id }));
  return c.json(report, 201, { location });
});

bulkRoutes.openapi(createRoute({
  method: 'get', path: '/api/case-imports', tags: ['Cases'], summary: 'The import jobs of your tenant, newest first', security: bearer,
  request: { query: ZImportListQuery },
  responses: { 200: { description: 'Jobs', ...json(z.array(ZImportJob)) }, ...problemResponses(400) },
}), async (c) => {
  const actor = c.var.actor;
  const { limit } = c.req.valid('query');
  return c.json(await asActor(c.var.services.storage.db, actor, (tx) => listCaseImports({ tx, actor, limit })), 200);
});

bulkRoutes.openapi(createRoute({
  method: 'get', path: '/api/case-imports/{id}', tags: ['Cases'], summary: 'An import job: its progress, counts and report', security: bearer,
  request: { params: ZUuidParam, query: ZImportReportQuery },
  responses: { 200: { description: 'The job and a page of its report', ...json(ZImportReport) }, ...problemResponses(400, 404) },
}), async (c) => {
  const actor = c.var.actor;
  const { id } = c.req.valid('param');
  const { afterRow, limit } = c.req.valid('query');
  return c.json(await asActor(c.var.services.storage.db, actor, (tx) => getCaseImport({ tx, actor, jobId: id, afterRow, limit })), 200);
});

bulkRoutes.openapi(createRoute({
  method: 'post', path: '/api/case-actions', tags: ['Cases'], summary: 'Assign, reassign, flag or unflag many cases at once', security: bearer,
  description: 'The cases are named by id or by a filter. Every case gets its own result — ok (changed or not), refused with a code and the reason, or not found — and every change its own audit event. assign and reassign need the `assign` permission on each case, flags `update`.',
  parameters: [idempotencyHeader],
  request: { body: { required: true, ...json(ZBulkActionRequest) } },
  responses: { 200: { description: 'One result per case', ...json(ZBulkActionResult) }, ...problemResponses(400, 413, 415, 422) },
}), async (c) => {
  const actor = c.var.actor;
  const body = c.req.valid('json');
  return runWrite(c, body, async (tx) => ({ status: 200, body: await runBulkAction({ tx, actor, input: body, requestId: c.var.requestId }) })) as never;
});
