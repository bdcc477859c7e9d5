/**
 * @module api/routes/cases/schema
 * Request and response shapes of the case routes.
 */
import { z } from '@hono/zod-openapi';
import { ZFacts } from '../../../../law/facts.ts';
import { CASE_KINDS, CASE_STAGES } from '../../../domain/cases/case.ts';
import { TRANSITIONS } from '../../../domain/cases/procedure.ts';
import { isUuid } from '../../../domain/ids.ts';
import { text, ZIsoDate, ZReason } from '../../schemas.ts';
import { ZCountryCode, ZDuplicateCandidate, ZPersonData, ZPersonId } from '../persons/schema.ts';

export { ZPersonData };

export const ZOpenCaseRequest = z.strictObject({
  kind: z.enum(CASE_KINDS),
  unitId: text().min(1).max(64).nullable().optional().describe('Defaults to the caller\'s unit'),
  assignedTo: text().min(1).max(200).nullable().optional().describe('Defaults to the caller'),
  recordType: z.enum(['applicant', 'irregular-arrival', 'illegal-stay']).optional().describe('Retention class of the personal data'),
  reason: ZReason.optional(),
  person: ZPersonData.optional().describe('The person, registered with the case (checked for duplicates); or give personId'),
  personId: ZPersonId.optional().describe('A person already registered: a person may have several cases'),
  onDuplicate: z.enum(['report', 'refuse']).optional()
    .describe('When the person looks already registered: report the candidates with the new case (default), or refuse with 409 DUPLICATE_SUSPECTED'),
}).openapi('OpenCaseRequest');
export type TOpenCaseRequest = z.infer<typeof ZOpenCaseRequest>;

const factsShape = ZFacts.shape;
const ZApplicationFacts = factsShape.application.unwrap();

/** What a caseworker records on a case for the law engine; the procedure's dates and decisions come from transitions. */
export const ZCaseFactsPatch = z.strictObject({
  journey: factsShape.journey.unwrap().nullable().optional().describe('Transits, stays, family and ties abroad, interception (DOMAIN.md `journey`); null removes it'),
  application: z.strictObject({
    atExternalBorder: ZApplicationFacts.shape.atExternalBorder,
    subsequent: ZApplicationFacts.shape.subsequent,
    newElements: ZApplicationFacts.shape.newElements,
    claims: ZApplicationFacts.shape.claims,
    relocationExtension: ZApplicationFacts.shape.relocationExtension,
  }).optional(),
  riskAssessments: z.array(z.strictObject({
    destination: ZCountryCode, on: ZIsoDate, outcome: z.enum(['no-real-risk', 'real-risk']),
  })).max(50).optional().describe('Individual non-refoulement assessments, per destination (the whole list)'),
  detention: z.strictObject({ since: ZIsoDate }).nullable().optional(),
  requestToRemain: z.strictObject({ madeOn: ZIsoDate, outcome: z.enum(['pending', 'granted', 'refused']) }).nullable().optional()
    .describe('The request to a court to remain pending an appeal without automatic suspensive effect'),
}).openapi('CaseFactsPatch');

export const ZUpdateCaseRequest = z.strictObject({
  stage: z.enum(CASE_STAGES).optional().describe('Moves the case by the one transition to that stage that needs neither a subject nor approval; otherwise use the transitions'),
  facts: ZCaseFactsPatch.optional(),
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
  facts: z.record(z.string(), z.unknown()).describe('What the law engine reads of the case: journey, application dates, decision, appeal, risk assessments'),
  allowed: z.array(z.string()).describe('Actions the caller may take on this case'),
  actions: z.array(z.object({
    kind: z.enum(['transition', 'approve', 'reject']), transition: z.string(), to: z.string().optional(), subject: z.record(z.string(), z.string()).optional(),
    possible: z.boolean().describe('The law and the case\'s state permit it on the date'), permitted: z.boolean().describe('This caller may do it'),
    needsApproval: z.boolean().optional(), refusedBy: z.array(z.object({
      code: z.string(), message: z.string(), question: z.string().optional(), outcome: z.string().optional(), guard: z.string().optional(), basis: z.array(z.string()),
    })),
  })).optional().describe('On a single case: the transitions from its stage and the pending approval, with whether this caller may take each now and why not'),
  duplicates: z.array(ZDuplicateCandidate).optional().describe('On registration: persons already registered who may be the same'),
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

const ZFinding = z.object({
  question: z.string(), country: z.string().optional(), agreement: z.string().optional(),
  outcome: z.enum(['yes', 'no', 'review', 'uncertain']), basis: z.array(z.string()), because: z.array(z.string()),
}).openapi('CaseFinding');

const ZRefusal = z.object({
  code: z.enum(['FINDING', 'NOT_ASKED', 'GUARD', 'SUBJECT_REQUIRED', 'NO_ASSESSMENT']), message: z.string(),
  question: z.string().optional(), country: z.string().optional(), agreement: z.string().optional(), outcome: z.string().optional(), guard: z.string().optional(),
  basis: z.array(z.string()), because: z.array(z.string()),
}).openapi('TransitionRefusal');

export const ZTransitionRecord = z.object({
  id: z.string(), caseId: z.string(), transition: z.string(), from: z.string(), to: z.string(), effectiveOn: z.string(),
  input: z.record(z.string(), z.unknown()), status: z.enum(['pending', 'approved', 'rejected', 'taken']),
  proposedBy: z.string(), proposedAt: z.string(), reason: z.string(), legalBasis: z.array(z.string()),
  decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), decisionReason: z.string().nullable(),
}).openapi('TransitionRecord');

export const ZTransitionsView = z.object({
  caseId: z.string(), stage: z.string(), version: z.number().int(), on: z.string(), regime: z.string().nullable(),
  assessmentErrors: z.array(z.object({ path: z.string(), message: z.string() })),
  available: z.array(z.object({
    transition: z.string(), label: z.string(), to: z.string(), subject: z.record(z.string(), z.string()).optional(),
    allowed: z.boolean(), fourEyes: z.boolean(), action: z.string(), permitted: z.boolean(), basis: z.array(z.string()),
    findings: z.array(ZFinding), refusals: z.array(ZRefusal),
  })),
  pending: ZTransitionRecord.extend({ mayDecide: z.boolean(), refusal: z.string().nullable() }).nullable(),
  deadlines: z.array(z.object({ name: z.string(), date: z.string(), basis: z.array(z.string()), because: z.array(z.string()).optional() })),
  reasonsShown: z.boolean().describe('Whether `because` texts are shown (they name facts about the person: shown to those who may read the person, and logged)'),
}).openapi('TransitionsView');

export const ZTransitionsQuery = z.strictObject({
  on: ZIsoDate.optional().describe('Apply the law in force on this date (default today)'),
});

export const ZTakeTransitionRequest = z.strictObject({
  transition: z.enum(TRANSITIONS.map((t) => t.id) as [string, ...string[]]).describe('A transition of GET /api/procedure leaving the case\'s stage'),
  reason: ZReason,
  legalBasis: z.array(text().min(3).max(300)).max(20).optional().describe('Citations the step rests on, beyond the table\'s and the findings\''),
  on: ZIsoDate.optional().describe('The date it takes effect and the law is applied at (default today; not before the last transition)'),
  country: ZCountryCode.optional().describe('The destination, for transitions about a country'),
  agreement: text().trim().min(1).max(100).optional().describe('The agreement\'s id, for transitions under an agreement'),
  voluntaryDepartureDays: z.number().int().min(0).max(120).optional().describe('Return decision: period for voluntary departure (Directive 2008/115/EC Art. 7(1), (2) and (4))'),
  entryBanYears: z.number().int().min(0).max(20).optional().describe('Return decision: entry ban (Directive 2008/115/EC Art. 11(2))'),
  movingWith: z.array(ZPersonId).max(20).optional().describe('Family members who move together with the person'),
  receptionAssured: z.boolean().optional().describe('Removal of an unaccompanied minor: the reception is assured (Directive 2008/115/EC Art. 10(2))'),
}).openapi('TakeTransitionRequest');

export const ZDecision = z.object({
  id: z.string(), caseId: z.string(), transitionId: z.string(), transition: z.string(), from: z.string(), to: z.string(),
  effectiveOn: z.string(), assessedOn: z.string(), regime: z.string(), proposedBy: z.string(), approvedBy: z.string().nullable(), reason: z.string(),
  law: z.object({ lawDigest: z.string(), engineDigest: z.string(), files: z.number(), registryRevision: z.number().nullable() }),
  rules: z.array(z.object({ rule: z.string(), version: z.string(), basis: z.array(z.string()) })),
  findings: z.array(ZFinding), deadlines: z.array(z.unknown()),
  facts: z.record(z.string(), z.unknown()).nullable(), trace: z.array(z.unknown()).nullable().optional(),
  contentHash: z.string(), intact: z.boolean().nullable().describe('The stored record still hashes to the hash in the audit chain (null once erased)'),
  createdAt: z.string(), erasedAt: z.string().nullable(),
}).openapi('DecisionRecord');

export const ZTransitionResult = z.object({
  status: z.enum(['taken', 'pending', 'approved', 'rejected']),
  case: ZCase, transition: ZTransitionRecord, decision: ZDecision.optional(),
}).openapi('TransitionResult');

export const ZDecideRequest = z.strictObject({ reason: ZReason }).openapi('DecideTransitionRequest');

export const ZTransitionParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path', required: true }, example: '6f1c2b9e-3b0a-4f7e-9a43-0c1d2e3f4a5b' }),
  transitionId: z.string().openapi({ param: { name: 'transitionId', in: 'path', required: true }, example: '0b7f9d52-8d8e-4d55-9d0e-3f1f3c2a9b11' }),
});

export const ZDecisionsQuery = z.strictObject({ trace: z.enum(['true', 'false']).optional().describe('Include each record\'s evaluation trace') });

export const ZCaseFindingsQuery = z.strictObject({
  on: ZIsoDate.optional().describe('Apply the law in force on this date to the case\'s recorded facts (default today)'),
});

export const ZCaseFindingsView = z.object({
  caseId: z.string(), stage: z.string(), version: z.number().int(), on: z.string().describe('The date the law was applied on'),
  regime: z.string().nullable().describe('apd-2013 or apr-2024; null when the case could not be assessed'),
  assessmentErrors: z.array(z.object({ path: z.string(), message: z.string() })).describe('Why the law engine could not assess the case, with field paths'),
  findings: z.array(z.object({
    question: z.string(), country: z.string().optional(), agreement: z.string().optional(),
    outcome: z.enum(['yes', 'no', 'review', 'uncertain']), basis: z.array(z.string()), because: z.array(z.string()),
    rule: z.object({ id: z.string(), version: z.string().describe('Start date of the rule version in force') }).nullable().describe('The rule that answered the question, in the version in force on the date'),
  })).describe('Every question the law engine answered on the date, per country or agreement where asked so'),
  deadlines: z.array(z.object({ name: z.string(), date: z.string(), basis: z.array(z.string()), because: z.array(z.string()).optional() })),
  law: z.object({ lawDigest: z.string(), engineDigest: z.string(), registryRevision: z.number().nullable() })
    .describe('The law package and engine (SHA-256 digests) and the registries\' revision the answer was given under'),
  rules: z.array(z.object({ rule: z.string(), version: z.string(), basis: z.array(z.string()) })).describe('Every rule version that answered'),
  reasonsShown: z.boolean().describe('Whether `because` texts are shown (they name facts about the person: shown to those who may read the person, and logged)'),
}).openapi('CaseFindingsView');
