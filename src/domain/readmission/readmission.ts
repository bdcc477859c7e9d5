/**
 * @module domain/readmission/readmission
 * Readmission cooperation over time: whether a third country readmits people from one Member State
 * (or from every Member State: `memberState` null) — cooperating, partial or suspended — from a date,
 * with the evidence. A suspension matters in law: an application cannot be declared inadmissible on
 * safe-third-country grounds where it is established that the country will not readmit the applicant
 * (C-134/23, 4 October 2024), and a return there cannot be carried out.
 *
 * One status per country and Member State at a time (periods follow each other). A Member State's
 * record belongs to it; an EU-wide one to the Commission (`COM`).
 */
import { z } from 'zod';
import { defineRegistryKind, fieldEquals, type FieldIssue } from '../registries/kind.ts';
import { ZCountryCode, ZMemberStateCode, ZNote, ZPeriodFields, ZSources, ZVerified } from '../registries/fields.ts';

export const READMISSION_STATUSES = ['cooperating', 'partial', 'suspended'] as const;
export type ReadmissionStatus = (typeof READMISSION_STATUSES)[number];

export const ZReadmissionFields = z.strictObject({
  country: ZCountryCode.describe('The third country asked to readmit'),
  memberState: ZMemberStateCode.nullable().default(null).describe('The Member State returning people; null: every Member State (EU-wide)'),
  status: z.enum(READMISSION_STATUSES),
  ...ZPeriodFields,
  evidence: ZSources.describe('What the status rests on: judgments, Commission reports, Council decisions'),
  verified: ZVerified,
  note: ZNote,
});

export type Readmission = z.output<typeof ZReadmissionFields>;

function readmissionIssues(r: Readmission): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (r.to !== null && r.to < r.from) issues.push({ path: 'to', message: `${r.to} is before from (${r.from})` });
  if (r.memberState !== null && r.memberState === r.country) issues.push({ path: 'country', message: 'a Member State does not readmit from itself' });
  return issues;
}

export const readmissionKind = defineRegistryKind<Readmission>({
  name: 'readmission',
  plural: 'readmission',
  title: 'Readmission cooperation',
  description: 'Whether a third country readmits people from a Member State or from the EU, over time, with the evidence',
  resource: 'readmission',
  fields: ZReadmissionFields,
  refine: readmissionIssues,
  keyOf: (r) => `${r.country}:${r.memberState ?? 'EU'}:${r.from}`,
  ownerOf: (r) => r.memberState ?? 'COM',
  labelOf: (r) => `${r.country} ${r.status} for returns from ${r.memberState ?? 'the EU'} since ${r.from}`,
  searchTermsOf: (r) => [r.country, r.memberState ?? 'EU', r.status, ...r.evidence.map((e) => e.title), r.note ?? ''],
  refsOf: (r) => [`country:${r.country}`, ...(r.memberState ? [`country:${r.memberState}`] : [])],
  validityOf: (r) => ({ from: r.from, to: r.to }),
  exclusiveGroupOf: (r) => `${r.country}:${r.memberState ?? 'EU'}`,
  filters: {
    country: fieldEquals('country', ZCountryCode, 'The third country'),
    memberState: fieldEquals('memberState', ZMemberStateCode, 'The returning Member State'),
    status: fieldEquals('status', z.enum(READMISSION_STATUSES), 'cooperating, partial or suspended'),
  },
  example: {
    country: 'UY', memberState: 'ES', status: 'cooperating', from: '2030-01-01', to: null,
    evidence: [{ title: 'Example evidence (illustration only)', url: 'https://example.org/readmission', date: null }],
    verified: false, note: 'An example, not a real status',
  },
});
