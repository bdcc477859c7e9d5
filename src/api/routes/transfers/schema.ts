/**
 * @module api/routes/transfers/schema
 * Request and response shapes of the transfer routes and of a facility's occupancy.
 */
import { z } from '@hono/zod-openapi';
import { isUuid } from '../../../domain/ids.ts';
import { MAX_PERSONS } from '../../../domain/transfers/plan-transfer.ts';
import { TRANSFER_PURPOSES, TRANSFER_STATUSES } from '../../../domain/transfers/transfer.ts';
import { isIsoDate } from '../../../rules/engine/dates.ts';
import { text, ZIsoDate, ZReason } from '../../schemas.ts';
import { ZCountryCode } from '../persons/schema.ts';

const ZCaseId = z.string().refine(isUuid, 'not a case id (uuid)').describe('A case\'s id');

export const ZPlanTransferRequest = z.strictObject({
  purpose: z.enum(TRANSFER_PURPOSES).describe('placement (a facility in your own territory; the stage stays), removal, safe-third-country, offshore-processing, return-hub, member-state: the procedure\'s transition each case takes'),
  facility: text().trim().min(1).max(300).optional().describe('A facility of the registry, by id or code: each person holds a place there from `on` to `until`'),
  country: ZCountryCode.optional().describe('The destination country (for removal, safe-third-country, member-state); defaults to where the facility stands'),
  agreement: text().trim().min(1).max(100).optional().describe('The agreement (mechanism code) for offshore-processing and return-hub; defaults to the facility\'s'),
  on: ZIsoDate.describe('The day of the transfer: the law is asked on it'),
  until: ZIsoDate.optional().describe('The last day a place is held at the facility (with a facility only)'),
  cases: z.array(z.strictObject({
    caseId: ZCaseId,
    receptionAssured: z.boolean().optional().describe('Removal of an unaccompanied minor: reception is assured (Directive 2008/115/EC Art. 10(2))'),
  })).min(1).max(MAX_PERSONS).describe('The persons moved, by case: a family that must stay together goes on one manifest'),
  reason: ZReason,
  legalBasis: z.array(text().min(3).max(300)).max(20).optional().describe('Citations the transfer rests on besides the law engine\'s'),
}).openapi('PlanTransferRequest');
export type TPlanTransferRequest = z.infer<typeof ZPlanTransferRequest>;

export const ZTransferReasonRequest = z.strictObject({ reason: ZReason }).openapi('TransferReasonRequest');

export const ZExecuteTransferRequest = z.strictObject({
  reason: ZReason,
  on: ZIsoDate.optional().describe('The day it happens (default today): the law is asked again on it'),
}).openapi('ExecuteTransferRequest');

export const ZDepartureRequest = z.strictObject({
  on: ZIsoDate.describe('The day they left: no longer counted at the facility from that day'),
  caseIds: z.array(ZCaseId).min(1).max(MAX_PERSONS).optional().describe('Who left, by case; everyone still present when omitted'),
  reason: ZReason,
}).openapi('DepartureRequest');

function isTransferCursor(value: string): boolean {
  const [on, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  return on !== undefined && id !== undefined && isIsoDate(on) && isUuid(id);
}

export const ZListTransfersQuery = z.strictObject({
  status: z.enum(TRANSFER_STATUSES).optional(),
  facility: z.string().max(300).optional().describe('Only transfers to this facility (its id)'),
  caseId: z.string().max(64).optional().describe('Only transfers carrying this case'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  after: z.string().max(200).refine(isTransferCursor, 'not a cursor this API issued').optional().describe('Cursor from the previous page\'s `next`'),
});

const ZFinding = z.object({
  question: z.string(), country: z.string().optional(), agreement: z.string().optional(), outcome: z.string(),
  basis: z.array(z.string()), because: z.array(z.string()).describe('Empty for callers who may not read the person'),
});

const ZLawSeen = z.object({ lawDigest: z.string(), engineDigest: z.string(), registryRevision: z.number().int().nullable() });

export const ZTransfer = z.object({
  id: z.string().uuid(),
  tenantId: z.string(),
  reference: z.string(),
  purpose: z.enum(TRANSFER_PURPOSES),
  facility: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  country: z.string().nullable(),
  agreement: z.string().nullable(),
  on: z.string(),
  until: z.string().nullable(),
  status: z.enum(TRANSFER_STATUSES),
  plannedBy: z.string(), plannedAt: z.string(), reason: z.string(), legalBasis: z.array(z.string()),
  lawPlanned: ZLawSeen.describe('The law package, engine and registry revision the plan was assessed under'),
  confirmedBy: z.string().nullable(), confirmedAt: z.string().nullable(), confirmReason: z.string().nullable(),
  executedBy: z.string().nullable(), executedAt: z.string().nullable(), executedOn: z.string().nullable(), executeReason: z.string().nullable(),
  lawExecuted: ZLawSeen.nullable(),
  cancelledBy: z.string().nullable(), cancelledAt: z.string().nullable(), cancelReason: z.string().nullable(),
  version: z.number().int(),
  persons: z.array(z.object({
    caseId: z.string(), personId: z.string(), reference: z.string(), stage: z.string(),
    status: z.enum(['held', 'moved', 'released']).describe('held (planned or confirmed), moved (executed), released (cancelled)'),
    place: z.object({ from: z.string(), to: z.string() }).nullable(), arrivedOn: z.string().nullable(), leftOn: z.string().nullable(),
    input: z.record(z.string(), z.unknown()), findings: z.array(ZFinding).describe('The findings the movement rests on, as planned'), findingsDigest: z.string(),
  })),
  allowed: z.array(z.enum(['confirm', 'execute', 'cancel', 'depart'])).describe('What this caller may do with the transfer now'),
}).openapi('Transfer');

export const ZTransferList = z.object({ items: z.array(ZTransfer), next: z.string().nullable() }).openapi('TransferList');

export const ZOccupancyQuery = z.strictObject({
  from: ZIsoDate.optional().describe('First day (default today)'),
  to: ZIsoDate.optional().describe('Last day (default 30 days after from; 366 days at most)'),
});

export const ZFacilityOccupancy = z.object({
  facility: z.object({ id: z.string(), code: z.string(), name: z.string(), owner: z.string(), country: z.string() }),
  from: z.string(),
  to: z.string(),
  days: z.array(z.object({
    on: z.string(), capacity: z.number().int().nullable(), reserved: z.number().int().describe('Places held by planned or confirmed transfers, all Member States'),
    occupied: z.number().int().describe('Persons present, brought by executed transfers'), free: z.number().int().nullable(), overCapacity: z.boolean(),
  })),
  recorded: z.array(z.record(z.string(), z.unknown())).describe('Figures in the registry record in the range (public reports, or entered by hand)'),
}).openapi('FacilityOccupancy');
