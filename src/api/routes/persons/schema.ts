/**
 * @module api/routes/persons/schema
 * Request and response shapes of the person routes: the person's data (the minimum the procedures
 * need), search, updates, family links and merges.
 */
import { z } from '@hono/zod-openapi';
import { normaliseCountry } from '../../../lib/country-codes.ts';
import { isUuid } from '../../../domain/ids.ts';
import { AGE_METHODS, ALIAS_KINDS, SECURITY_MARKER_KINDS, VULNERABILITIES } from '../../../domain/persons/person.ts';
import { RELATIONS } from '../../../domain/persons/family.ts';
import { text, ZIsoDate, ZNationality, ZReason } from '../../schemas.ts';

/** An ISO 3166-1 alpha-2 country (not `XX`): EL/UK accepted for GR/GB. */
export const ZCountryCode = z.string().regex(/^[A-Z]{2}$/, { message: 'ISO 3166-1 alpha-2 code in capitals', abort: true })
  .refine((code) => normaliseCountry(code) !== null, 'unknown country code')
  .transform((code) => normaliseCountry(code)!)
  .describe('ISO 3166-1 alpha-2; EL/UK accepted for GR/GB')
  .openapi({ example: 'TN' });

export const ZPersonId = z.string().refine(isUuid, 'not a person id (uuid)').describe('A person\'s pseudonymous id');

const ZName = text().trim().min(1).max(200);

export const ZAlias = z.strictObject({
  givenNames: ZName.nullable().optional(),
  familyName: ZName,
  kind: z.enum(ALIAS_KINDS).optional().describe('alias, another spelling, a previous name, or merged from a duplicate record'),
}).openapi('PersonAlias');

export const ZAssessedAge = z.strictObject({
  years: z.number().int().min(0).max(120),
  on: ZIsoDate.describe('The day the age was assessed'),
  method: z.enum(AGE_METHODS).describe('How it was assessed (EUAA Practical Guide on age assessment)'),
}).openapi('AssessedAge');

export const ZSecurityMarker = z.strictObject({
  kind: z.enum(SECURITY_MARKER_KINDS).describe('national-security and public-order are read by the law engine as reasonable grounds (APR Art. 42(1)(f))'),
  since: ZIsoDate,
  source: text().trim().min(1).max(200).nullable().optional().describe('Who reported it, never the content of an alert'),
}).openapi('SecurityMarker');

/** The person's fields beyond the names and nationality, all optional; `null` means "not known" where allowed. */
const OPTIONAL_FIELDS = {
  aliases: z.array(ZAlias).max(20).optional(),
  birthDate: ZIsoDate.nullable().optional(),
  assessedAge: ZAssessedAge.nullable().optional().describe('When no birth date is established'),
  sex: z.enum(['M', 'F', 'X']).nullable().optional(),
  formerHabitualResidence: ZCountryCode.nullable().optional().describe('Stateless persons only'),
  regionOfOrigin: text().trim().min(1).max(200).nullable().optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'ISO 639 code in lower case')).max(20).optional(),
  unaccompaniedMinor: z.boolean().nullable().optional(),
  vulnerabilities: z.array(z.enum(VULNERABILITIES)).max(10).optional().describe('An empty list: assessed, none; absent: not known'),
  specialNeeds: z.array(text().trim().min(1).max(200)).max(20).optional(),
  securityMarkers: z.array(ZSecurityMarker).max(20).optional().describe('An empty list: checked, none; absent: not known'),
};

export const ZPersonData = z.strictObject({
  givenNames: ZName,
  familyName: ZName,
  nationality: ZNationality,
  ...OPTIONAL_FIELDS,
}).openapi('PersonData');

export const ZUpdatePersonRequest = z.strictObject({
  changes: z.strictObject({
    givenNames: ZName.optional(),
    familyName: ZName.optional(),
    nationality: ZNationality.optional(),
    ...OPTIONAL_FIELDS,
  }).describe('The fields to replace; null clears an optional one'),
  reason: ZReason,
}).openapi('UpdatePersonRequest');

const ZFamilyMember = z.object({
  personId: z.string(), relation: z.enum(RELATIONS), age: z.number().int().nullable(),
  cases: z.array(z.object({ id: z.string(), reference: z.string(), kind: z.string(), stage: z.string(), unitId: z.string().nullable(), assignedTo: z.string().nullable(), openedBy: z.string() })),
}).openapi('FamilyMember');
export const ZFamily = z.array(ZFamilyMember).openapi('Family');

export const ZPerson = z.object({
  id: z.string().uuid(), tenantId: z.string(), recordType: z.string(), data: ZPersonData.nullable(),
  createdAt: z.string(), retainUntil: z.string().nullable(), erasedAt: z.string().nullable(),
  version: z.number().int(), mergedInto: z.string().nullable().describe('Set on a duplicate merged into another person'), mergedAt: z.string().nullable(),
  family: ZFamily.optional(),
}).openapi('Person');

export const ZSearchPersonsQuery = z.strictObject({
  q: text().trim().min(2).max(200).describe('Names in any spelling, with or without accents'),
  birthDate: ZIsoDate.optional(),
  nationality: ZNationality.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const ZPersonHits = z.object({
  items: z.array(z.object({ person: ZPerson, score: z.number() })),
}).openapi('PersonHits');

export const ZDuplicateCandidate = z.object({
  personId: z.string(), score: z.number(),
  matchedOn: z.array(z.enum(['names', 'phonetic', 'birthDate', 'birthYear', 'nationality'])),
}).openapi('DuplicateCandidate');

export const ZMergeRequest = z.strictObject({
  into: ZPersonId.describe('The person that survives; the one in the path becomes a pointer to it'),
  reason: ZReason,
}).openapi('MergePersonsRequest');

export const ZMergeResult = z.object({ survivor: ZPerson, merged: ZPerson, movedCases: z.array(z.string()) }).openapi('MergeResult');

export const ZLinkRequest = z.strictObject({
  personId: ZPersonId.describe('The family member'),
  relation: z.enum(RELATIONS).describe('What that person is to the person in the path'),
  reason: ZReason,
}).openapi('LinkFamilyRequest');
