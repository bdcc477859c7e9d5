/**
 * @module api/routes/bulk/schema
 * Request and response shapes of case imports and bulk actions on cases.
 */
import { z } from '@hono/zod-openapi';
import { BULK_ACTIONS, CASE_FLAGS, type CaseFlag } from '../../../domain/bulk/bulk-action.ts';
import { IMPORT_FORMATS } from '../../../domain/bulk/read-rows.ts';
import { CASE_KINDS, CASE_STAGES } from '../../../domain/cases/case.ts';
import { isUuid } from '../../../domain/ids.ts';
import { text, ZReason } from '../../schemas.ts';

const FLAGS = Object.keys(CASE_FLAGS) as [CaseFlag, ...CaseFlag[]];
const ZCaseId = z.string().refine(isUuid, 'not a case id (uuid)');

export const ZImportRequest = z.strictObject({
  format: z.enum(IMPORT_FORMATS).describe('`csv` (header of field paths: externalRef,kind,person.givenNames,…) or `ndjson` (one JSON object per line)'),
  content: text().min(1).describe('The file\'s text'),
  fileName: text().trim().min(1).max(200).optional().describe('Kept with the job (default: cases.<format>)'),
}).openapi('CaseImportRequest');

export const ZImportQuery = z.strictObject({
  fileName: text().trim().min(1).max(200).optional().describe('With a text/csv or application/x-ndjson body: the file\'s name, kept with the job'),
});

export const ZImportJob = z.object({
  id: z.string().uuid(), tenantId: z.string(), fileName: z.string(), fileSha256: z.string(), format: z.enum(IMPORT_FORMATS),
  status: z.enum(['running', 'done']), totalRows: z.number().int(), checkpoint: z.number().int().describe('The last row whose outcome is committed'),
  created: z.number().int(), unchanged: z.number().int(), refused: z.number().int(), duplicates: z.number().int().describe('Rows imported whose person may already be registered'),
  createdBy: z.string(), createdAt: z.string(), updatedAt: z.string(), finishedAt: z.string().nullable(),
}).openapi('CaseImportJob');

export const ZImportIssue = z.object({
  row: z.number().int().describe('Row of the file, from 1 (blank lines are not rows)'), line: z.number().int().nullable().describe('Line the row starts on'),
  path: z.string().describe('Field path, as the CSV header names it: person.birthDate'), code: z.string(), severity: z.enum(['error', 'warning']),
  message: z.string(), detail: z.record(z.string(), z.unknown()).optional(),
}).openapi('CaseImportIssue');

export const ZImportReport = z.object({
  job: ZImportJob,
  issues: z.array(ZImportIssue).describe('Problems of refused rows (errors) and suspected duplicates (warnings), in row order'),
  nextAfterRow: z.number().int().nullable().describe('Pass as afterRow for the next page of issues'),
}).openapi('CaseImportReport');

export const ZImportReportQuery = z.strictObject({
  afterRow: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

export const ZImportListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).optional() });

export const ZBulkActionRequest = z.strictObject({
  action: z.enum(BULK_ACTIONS).describe('assign (cases nobody is assigned to), reassign, flag, unflag'),
  caseIds: z.array(ZCaseId).min(1).max(1000).optional().describe('The cases; or give filter'),
  filter: z.strictObject({
    kind: z.enum(CASE_KINDS).optional(),
    stage: z.enum(CASE_STAGES).optional(),
    unitId: text().min(1).max(64).optional(),
    assignedTo: text().min(1).max(200).nullable().optional().describe('null: cases nobody is assigned to'),
    flag: z.enum(FLAGS).optional(),
    importJobId: z.string().refine(isUuid, 'not an import job id (uuid)').optional().describe('Cases opened by this import'),
  }).optional().describe('The cases you may read that match every field given (at most 1,000)'),
  to: text().min(1).max(200).optional().describe('assign, reassign: the user to assign the cases to'),
  from: text().min(1).max(200).optional().describe('reassign: only cases now assigned to this user'),
  unitId: text().min(1).max(64).optional().describe('assign, reassign: the unit the cases move to'),
  flag: z.enum(FLAGS).optional().describe(Object.entries(CASE_FLAGS).map(([k, v]) => `${k}: ${v}`).join('; ')),
  reason: ZReason,
}).openapi('BulkActionRequest');

export const ZBulkActionResult = z.object({
  id: z.string().uuid().describe('Named in the audit event of every change it made'),
  action: z.enum(BULK_ACTIONS), total: z.number().int(), ok: z.number().int(), changed: z.number().int(), refused: z.number().int(), notFound: z.number().int(),
  results: z.array(z.object({
    caseId: z.string(), reference: z.string().nullable(), status: z.enum(['ok', 'refused', 'not-found']),
    changed: z.boolean().optional(), code: z.string().optional(), reason: z.string().optional(),
  })),
}).openapi('BulkActionResult');
