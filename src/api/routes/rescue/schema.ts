/**
 * @module api/routes/rescue/schema
 * Request and response shapes of the rescue-at-sea routes.
 */
import { z } from '@hono/zod-openapi';
import { isUuid } from '../../../domain/ids.ts';
import { DESTINATIONS, RESCUE_KINDS, VESSEL_OPERATORS, WATERS } from '../../../domain/rescue/rescue-event.ts';
import { text, ZIsoDate, ZReason } from '../../schemas.ts';
import { ZCountryCode } from '../persons/schema.ts';

const ZUuid = z.string().refine(isUuid, 'not an id (uuid)');
const ZCount = z.number().int().min(0).max(100_000);

/** The facts of an event; every one may be corrected later (PATCH `changes`). */
const FIELDS = {
  kind: z.enum(RESCUE_KINDS).describe('rescue (search and rescue) or interception'),
  occurredAt: z.iso.datetime({ offset: true }).describe('When: ISO 8601 date and time with offset').openapi({ example: '2026-07-10T03:40:00Z' }),
  position: z.strictObject({
    lat: z.number().min(-90).max(90).describe('Latitude, decimal degrees (WGS 84)'),
    lon: z.number().min(-180).max(180).describe('Longitude, decimal degrees (WGS 84)'),
  }),
  vessel: z.strictObject({
    name: text().trim().min(1).max(200),
    flag: ZCountryCode.describe('Flag state'),
    operator: z.enum(VESSEL_OPERATORS).describe('Who operated it: a state\'s coast guard, navy or border police, a Frontex-deployed asset, an NGO, a merchant or fishing vessel'),
  }),
  waters: z.strictObject({
    kind: z.enum(WATERS),
    state: ZCountryCode.nullable().describe('The coastal state, for territorial waters; null on the high seas'),
  }),
  sarRegion: ZCountryCode.nullable().describe('The search-and-rescue region, by the state responsible for it, when known'),
  coordinatingCentre: text().trim().min(2).max(200).nullable().describe('The rescue coordination centre (MRCC Rome, RCC Malta …)'),
  peopleOnBoard: ZCount.describe('Survivors taken aboard, or persons intercepted'),
  deceased: ZCount,
  missing: ZCount,
  note: text().trim().min(1).max(4000).nullable(),
};

export const ZRegisterRescueEventRequest = z.strictObject({
  ...FIELDS,
  sarRegion: FIELDS.sarRegion.default(null),
  coordinatingCentre: FIELDS.coordinatingCentre.default(null),
  deceased: FIELDS.deceased.default(0),
  missing: FIELDS.missing.default(0),
  note: FIELDS.note.default(null),
  unitId: text().min(1).max(64).nullable().optional().describe('Defaults to your unit'),
  assignedTo: text().min(1).max(200).nullable().optional().describe('Defaults to you'),
  reason: ZReason.optional(),
}).openapi('RegisterRescueEventRequest');

export const ZUpdateRescueEventRequest = z.strictObject({
  changes: z.strictObject({
    kind: FIELDS.kind.optional(), occurredAt: FIELDS.occurredAt.optional(), position: FIELDS.position.optional(), vessel: FIELDS.vessel.optional(),
    waters: FIELDS.waters.optional(), sarRegion: FIELDS.sarRegion.optional(), coordinatingCentre: FIELDS.coordinatingCentre.optional(),
    peopleOnBoard: FIELDS.peopleOnBoard.optional(), deceased: FIELDS.deceased.optional(), missing: FIELDS.missing.optional(), note: FIELDS.note.optional(),
  }).describe('The facts to correct; nested objects are replaced whole'),
  reason: ZReason,
}).openapi('UpdateRescueEventRequest');

export const ZLinkRescuedPersonRequest = z.strictObject({
  personId: ZUuid.describe('A person registered from the event (POST /api/cases)'),
  caseId: ZUuid.nullable().optional().describe('The case opened for that person'),
  reason: ZReason.optional(),
}).openapi('LinkRescuedPersonRequest');

export const ZAssignRescuedPersonRequest = z.strictObject({
  personId: ZUuid,
  destination: z.enum(DESTINATIONS),
  country: ZCountryCode.optional().describe('The state of the place of safety; for a mechanism, its partner (may be left out)'),
  place: text().trim().min(2).max(200).nullable().optional().describe('The port or place'),
  mechanism: z.string().min(2).max(60).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).optional().describe('The mechanism\'s code, for destination mechanism'),
  on: ZIsoDate.optional().describe('The day the law is applied at, from the event\'s day to today; default today'),
  reason: ZReason,
  legalBasis: z.array(text().min(3).max(300)).max(20).optional(),
  movingWith: z.array(ZUuid).max(50).optional().describe('Members of the person\'s family registered from the event, reassigned with the person (each is assigned next)'),
}).openapi('AssignRescuedPersonRequest');

export const ZListRescueEventsQuery = z.strictObject({
  kind: z.enum(RESCUE_KINDS).optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  after: z.string().max(200).optional().describe('Cursor from the previous page\'s `next`'),
});

const ZFinding = z.object({
  question: z.string(), country: z.string().optional(), agreement: z.string().optional(), outcome: z.string(), basis: z.array(z.string()), because: z.array(z.string()),
});

export const ZAssignment = z.object({
  id: z.string(), eventId: z.string(), personId: z.string(), destination: z.enum(DESTINATIONS), country: z.string(), place: z.string().nullable(), mechanism: z.string().nullable(),
  assessedOn: z.string(), findings: z.array(ZFinding).describe('The law engine\'s findings it was decided on'),
  law: z.record(z.string(), z.unknown()).describe('Package and engine digests, registry revision, rule versions'),
  reason: z.string(), legalBasis: z.array(z.string()), decidedBy: z.string(), decidedAt: z.string(),
}).openapi('RescueAssignment');

export const ZRescueEvent = z.object({
  id: z.string(), tenantId: z.string(), reference: z.string(), kind: z.enum(RESCUE_KINDS), occurredAt: z.string(),
  position: z.object({ lat: z.number(), lon: z.number() }), vessel: z.object({ name: z.string(), flag: z.string(), operator: z.enum(VESSEL_OPERATORS) }),
  waters: z.object({ kind: z.enum(WATERS), state: z.string().nullable() }), sarRegion: z.string().nullable(), coordinatingCentre: z.string().nullable(),
  peopleOnBoard: z.number().int(), deceased: z.number().int(), missing: z.number().int(), note: z.string().nullable(),
  unitId: z.string().nullable(), assignedTo: z.string().nullable(), createdBy: z.string(), createdAt: z.string(), updatedAt: z.string(), version: z.number().int(),
  persons: z.array(z.object({
    personId: z.string(), caseId: z.string().nullable(), linkedBy: z.string(), linkedAt: z.string(), assignment: ZAssignment.nullable(),
  })).optional().describe('The persons registered from it, with the assignment in force'),
  allowed: z.array(z.string()).describe('What the caller may do with it: update, decide (assign persons)'),
}).openapi('RescueEvent');

export const ZRescueEventPage = z.object({ items: z.array(ZRescueEvent), next: z.string().nullable() }).openapi('RescueEventPage');

export const ZAssignedPerson = z.object({ event: ZRescueEvent, assignment: ZAssignment }).openapi('AssignedPerson');
