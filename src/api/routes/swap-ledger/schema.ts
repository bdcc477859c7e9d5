/**
 * @module api/routes/swap-ledger/schema
 * Request and response shapes of the 1:1 ledger routes.
 */
import { z } from '@hono/zod-openapi';
import { isUuid } from '../../../domain/ids.ts';
import { text, ZIsoDate, ZReason } from '../../schemas.ts';

const ZUuid = z.string().refine(isUuid, 'not an id (uuid)');

export const ZMechanismParam = z.object({
  mechanism: z.string().openapi({ param: { name: 'mechanism', in: 'path', required: true }, example: 'eu-tr-statement' }),
});

export const ZRecordReturnRequest = z.strictObject({
  caseId: ZUuid.describe('The return case whose person was returned to the mechanism\'s partner'),
  reason: ZReason,
  legalBasis: z.array(text().min(3).max(300)).max(20).optional().describe('Citations besides the law engine\'s finding'),
}).openapi('RecordReturnRequest');

export const ZRecordResettlementRequest = z.strictObject({
  caseId: ZUuid.describe('The resettlement case whose person arrived'),
  entitlementId: ZUuid.optional().describe('The entitlement to use; the oldest open one when omitted'),
  reason: ZReason,
  legalBasis: z.array(text().min(3).max(300)).max(20).optional(),
}).openapi('RecordResettlementRequest');

export const ZLedgerQuery = z.strictObject({ on: ZIsoDate.optional().describe('The day open entitlements\' ages are measured on; default today') });

export const ZEntitlementsQuery = z.strictObject({
  status: z.enum(['open', 'used']).optional(),
  on: ZIsoDate.optional().describe('The day open entitlements\' ages are measured on; default today'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  after: z.string().max(200).optional().describe('Cursor from the previous page\'s `next`'),
});

export const ZEntriesQuery = z.strictObject({ leg: z.enum(['return', 'resettlement']).optional() });

const ZDays = z.object({ count: z.number().int(), min: z.number().nullable(), median: z.number().nullable(), mean: z.number().nullable(), max: z.number().nullable() });
const ZStateCount = z.object({ state: z.string(), count: z.number().int() });

export const ZLedgerTotals = z.object({
  mechanism: z.string(), title: z.string(), partner: z.string(), cap: z.number().int().nullable(), returns: z.number().int(), resettlements: z.number().int(),
  balance: z.number().int().describe('Returns − resettlements: entitlements still open'), remaining: z.number().int().nullable().describe('Returns the cap still allows'),
}).openapi('LedgerTotals');

export const ZLedgerView = z.object({
  mechanism: z.object({
    code: z.string(), title: z.string(), partner: z.string(), memberStates: z.array(z.string()), from: z.string().nullable(), to: z.string().nullable(),
    operating: z.boolean(), sources: z.array(z.object({ title: z.string(), url: z.string() })),
  }),
  on: z.string(), cap: z.number().int().nullable(), returns: z.number().int(), resettlements: z.number().int(), balance: z.number().int(), remaining: z.number().int().nullable(),
  legs: z.object({ returns: z.array(ZStateCount), resettlements: z.array(ZStateCount) }).describe('Each leg by the state that recorded it'),
  leadTimes: z.object({
    matched: ZDays.describe('Days from each return to the resettlement that used its entitlement'),
    open: ZDays.describe('Age in days, on `on`, of each entitlement still open'),
  }),
  updatedAt: z.string(),
}).openapi('LedgerView');

export const ZEntitlement = z.object({
  id: z.string(), mechanism: z.string(), returningState: z.string(), returnedOn: z.string(), recordedAt: z.string(), status: z.enum(['open', 'used']),
  resettlingState: z.string().nullable(), resettledOn: z.string().nullable(), resettledAt: z.string().nullable(),
  days: z.number().int().describe('Lead time (used) or age on `on` (open), in days'),
}).openapi('Entitlement');

export const ZEntitlementPage = z.object({ items: z.array(ZEntitlement), next: z.string().nullable() }).openapi('EntitlementPage');

const ZFinding = z.object({
  question: z.string(), agreement: z.string().optional(), country: z.string().optional(), outcome: z.string(), basis: z.array(z.string()), because: z.array(z.string()),
});

export const ZLedgerEntry = z.object({
  id: z.string(), tenantId: z.string(), mechanism: z.string(), leg: z.enum(['return', 'resettlement']), entitlementId: z.string(), caseId: z.string(),
  personId: z.string().describe('The person\'s pseudonymous id'), on: z.string(),
  finding: ZFinding.nullable().describe('The law engine\'s one-to-one-return finding the return was counted on'),
  law: z.record(z.string(), z.unknown()).nullable().describe('The law it was given under: package and engine digests, registry revision, rule versions'),
  reason: z.string(), recordedBy: z.string(), recordedAt: z.string(),
}).openapi('LedgerEntry');

export const ZRecordedLeg = z.object({
  entry: ZLedgerEntry,
  entitlement: ZEntitlement.omit({ days: true }),
  counter: z.object({ mechanism: z.string(), cap: z.number().int().nullable(), returns: z.number().int(), resettlements: z.number().int(), updatedAt: z.string() }),
}).openapi('RecordedLeg');
