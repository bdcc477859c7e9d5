/**
 * @module api/routes/cases/schema
 * Request and response shapes of the case routes.
 */
import { z } from '@hono/zod-openapi';
import { CASE_KINDS, CASE_STAGES } from '../../../domain/cases/case.ts';
import { isUuid } from '../../../domain/ids.ts';
import { text, ZIsoDate, ZNationality, ZReason } from '../../schemas.ts';

export const ZPersonData = z.strictObject({
  givenNames: text().trim().min(1).max(200),
  familyName: text().trim().min(1).max(200),
  birthDate: ZIsoDate.nullable().optional(),
  sex: z.enum(['M', 'F', 'X']).nullable().optional(),
  nationality: ZNationality,
}).openapi('PersonData');

export const ZOpenCaseRequest = z.strictObject({
  kind: z.enum(CASE_KINDS),
  unitId: text().min(1).max(64).nullable().optional().describe('Defaults to the caller\'s unit'),
  assignedTo: text().min(1).max(200).nullable().optional().describe('Defaults to the caller'),
  recordType: z.enum(['applicant', 'irregular-arrival', 'illegal-stay']).optional().describe('Retention class of the personal data'),
  reason: ZReason.optional(),
  person: ZPersonData,
}).openapi('OpenCaseRequest');
export type TOpenCaseRequest = z.infer<typeof ZOpenCaseRequest>;

export const ZUpdateCaseRequest = z.strictObject({
  stage: z.enum(CASE_STAGES).optional(),
  unitId: text().min(1).max(64).nullable().optional(),
  assignedTo: text().min(1).max(200).nullable().optional(),
  reason: ZReason,
  legalBasis: z.array(text().min(3).max(300)).max(20).optional().describe('Citations the change rests on'),
}).openapi('UpdateCaseRequest');

export const ZCase = z.object({
  id: z.string().uuid(),
  tenantId: z.string(),
  reference: z.string(),
  personId: z.string().uuid(),
  kind: z.enum(CASE_KINDS),
  stage: z.enum(CASE_STAGES),
  unitId: z.string().nullable(),
  assignedTo: z.string().nullable(),
  openedBy: z.string(),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  allowed: z.array(z.string()).describe('Actions the caller may take on this case'),
}).openapi('Case');

export const ZCaseList = z.object({ items: z.array(ZCase), next: z.string().nullable() }).openapi('CaseList');

/**
 * Whether `cursor` has the shape `list-cases.ts` issues: base64url of `<ISO timestamp>|<case uuid>`.
 * Anything else would reach the database as an invalid timestamp or uuid, so it is refused here.
 */
export function isCaseCursor(cursor: string): boolean {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return rest.length === 0 && at !== undefined && id !== undefined
    && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/.test(at) && !Number.isNaN(Date.parse(at)) && isUuid(id);
}

export const ZListCasesQuery = z.strictObject({
  kind: z.enum(CASE_KINDS).optional(),
  stage: z.enum(CASE_STAGES).optional(),
  q: text().max(64).optional().describe('Prefix of the case reference'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  after: z.string().max(200).refine(isCaseCursor, 'not a cursor this API issued').optional().describe('Cursor from the previous page\'s `next`'),
});

export const ZAuditEvent = z.object({
  tenantId: z.string(), seq: z.number().int(), at: z.string(), actorId: z.string(), action: z.string(),
  entityType: z.string(), entityId: z.string(), reason: z.string().nullable(), legalBasis: z.array(z.string()),
  data: z.record(z.string(), z.unknown()), requestId: z.string().nullable(), prevHash: z.string(), hash: z.string(),
}).openapi('AuditEvent');
