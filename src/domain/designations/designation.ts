/**
 * @module domain/designations/designation
 * Designations of safe countries of origin and safe third countries, over time: at Union level
 * (Regulation (EU) 2024/1348 Annex II, Art. 62(1a), as inserted by Regulation (EU) 2026/464; Art. 60)
 * or by a Member State (Art. 64), each from a date and possibly to a date, with the parts of the
 * territory and the categories of persons excepted (Art. 59(2), 61(2)), the documents it rests on
 * (shown to the applicant and the court: C-758/24 Alace and Canpelli), when it is next due for
 * review, and the Commission's suspensions of a Union-level designation (Art. 63).
 *
 * A national designation belongs to its Member State; a Union-level one to the Commission (`COM`):
 * only administrators of the owner write it (the permission table).
 */
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { fieldEquals, defineRegistryKind, type FieldIssue } from '../registries/kind.ts';
import { safeText, ZCountryCode, ZDate, ZMemberStateCode, ZNote, ZPeriodFields, ZSources, ZVerified } from '../registries/fields.ts';

export const DESIGNATION_KINDS = ['safe-country-of-origin', 'safe-third-country'] as const;
export const DESIGNATION_LEVELS = ['eu', 'national'] as const;

const ZException = safeText().trim().min(1).max(200);

const ZSuspension = z.strictObject({
  ...ZPeriodFields,
  reason: safeText().trim().min(3).max(2000).describe('Why the Commission suspended the designation'),
  sources: ZSources,
}).describe('A period during which a Union-level designation does not apply (Art. 63 APR)');

export const ZDesignationFields = z.strictObject({
  kind: z.enum(DESIGNATION_KINDS),
  level: z.enum(DESIGNATION_LEVELS),
  memberState: ZMemberStateCode.nullable().default(null).describe('The designating Member State; null for a Union-level designation'),
  country: ZCountryCode.describe('The designated third country'),
  ...ZPeriodFields,
  exceptions: z.strictObject({
    regions: z.array(ZException).max(50).default([]).describe('Parts of the territory excepted'),
    categories: z.array(ZException).max(50).default([]).describe('Clearly identifiable categories of persons excepted'),
  }).default({ regions: [], categories: [] }),
  appliesTo: z.strictObject({
    nationalities: z.array(ZCountryCode).min(1).max(50).describe('Only applicants of these nationalities'),
  }).nullable().default(null).describe('A designation made only for some applicants (e.g. Greece designated Türkiye a safe third country for applicants from five countries)'),
  sources: ZSources.describe('The act designating the country and the evidence it rests on'),
  reviewDue: ZDate.nullable().default(null).describe('When the designation must next be reviewed'),
  suspensions: z.array(ZSuspension).max(20).default([]),
  verified: ZVerified,
  note: ZNote,
});

export type Designation = z.output<typeof ZDesignationFields>;

function designationIssues(d: Designation): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (d.level === 'national' && d.memberState === null) issues.push({ path: 'memberState', message: 'a national designation names its Member State' });
  if (d.level === 'eu' && d.memberState !== null) issues.push({ path: 'memberState', message: 'a Union-level designation has no Member State' });
  if (d.memberState !== null && d.country === d.memberState) issues.push({ path: 'country', message: 'a Member State does not designate itself' });
  if (d.to !== null && d.to < d.from) issues.push({ path: 'to', message: `${d.to} is before from (${d.from})` });
  if (d.suspensions.length > 0 && d.level !== 'eu') issues.push({ path: 'suspensions', message: 'only a Union-level designation is suspended (Art. 63 APR); a national one is ended or amended' });
  for (const [i, s] of d.suspensions.entries()) {
    if (s.to !== null && s.to < s.from) issues.push({ path: `suspensions.${i}.to`, message: `${s.to} is before from (${s.from})` });
    if (s.from < d.from || (d.to !== null && s.from > d.to)) issues.push({ path: `suspensions.${i}.from`, message: `outside the designation (${d.from} to ${d.to ?? 'open-ended'})` });
  }
  return issues;
}

/** Whether the designation applies on `on`: within its period and not suspended. */
export function designationInForce(d: Pick<Designation, 'from' | 'to' | 'suspensions'>, on: string): boolean {
  if (on < d.from || (d.to !== null && on > d.to)) return false;
  return !d.suspensions.some((s) => s.from <= on && (s.to === null || on <= s.to));
}

/** The state of a designation on a date, for people reading it. */
export function designationState(d: Designation, on: string): 'in-force' | 'suspended' | 'not-yet' | 'ended' {
  if (on < d.from) return 'not-yet';
  if (d.to !== null && on > d.to) return 'ended';
  return designationInForce(d, on) ? 'in-force' : 'suspended';
}

export const designationKind = defineRegistryKind<Designation>({
  name: 'designation',
  plural: 'designations',
  title: 'Designations',
  description: 'Safe countries of origin and safe third countries, at Union level or by a Member State, over time, with exceptions, sources, review dates and suspensions',
  resource: 'designation',
  fields: ZDesignationFields,
  refine: designationIssues,
  keyOf: (d) => `${d.kind}:${d.memberState ?? 'EU'}:${d.country}:${d.from}`,
  ownerOf: (d) => d.memberState ?? 'COM',
  labelOf: (d) => `${d.country} ${d.kind === 'safe-country-of-origin' ? 'safe country of origin' : 'safe third country'} (${d.memberState ?? 'EU'}) from ${d.from}`,
  searchTermsOf: (d) => [d.country, d.kind, d.level, d.memberState ?? 'EU', ...d.exceptions.regions, ...d.exceptions.categories, ...d.sources.map((s) => s.title), d.note ?? ''],
  refsOf: (d) => [`country:${d.country}`, ...(d.memberState ? [`country:${d.memberState}`] : []), ...(d.appliesTo?.nationalities.map((n) => `country:${n}`) ?? [])],
  validityOf: (d) => ({ from: d.from, to: d.to }),
  reviewDueOf: (d) => d.reviewDue,
  stateOf: designationState,
  exclusiveGroupOf: (d) => `${d.kind}:${d.memberState ?? 'EU'}:${d.country}`,
  inForceOn: (on) => sql<SqlBool>`not exists (select 1 from jsonb_array_elements(coalesce(data -> 'suspensions', '[]'::jsonb)) s
    where s ->> 'from' <= ${on} and (s ->> 'to' is null or s ->> 'to' >= ${on}))`,
  filters: {
    country: fieldEquals('country', ZCountryCode, 'The designated country'),
    kind: fieldEquals('kind', z.enum(DESIGNATION_KINDS), 'safe-country-of-origin or safe-third-country'),
    level: fieldEquals('level', z.enum(DESIGNATION_LEVELS), 'eu or national'),
    memberState: fieldEquals('memberState', ZMemberStateCode, 'The designating Member State'),
    appliesIn: {
      description: 'Designations that apply in this Member State: the Union-level ones and its own',
      schema: ZMemberStateCode,
      where: (value) => sql<SqlBool>`(data ->> 'level' = 'eu' or data ->> 'memberState' = ${value})`,
    },
  },
  example: {
    kind: 'safe-country-of-origin', level: 'national', memberState: 'ES', country: 'UY', from: '2030-01-01', to: null,
    exceptions: { regions: [], categories: ['lgbti'] }, appliesTo: null,
    sources: [{ title: 'Example act designating Uruguay (illustration only)', url: 'https://example.org/designation', date: null }],
    reviewDue: '2031-01-01', suspensions: [], verified: false, note: 'An example, not a real designation',
  },
});
