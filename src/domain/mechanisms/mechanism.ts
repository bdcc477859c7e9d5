/**
 * @module domain/mechanisms/mechanism
 * The mechanisms a partnership sets up: return hub, safe-third-country arrangement, offshore
 * processing (the Italy–Albania model), emergency transit / place of safety (UNHCR's ETMs), 1:1 swap
 * (the EU–Turkey Statement), readmission, legal pathway or talent partnership (with a quota per
 * year), and counter-smuggling cooperation (with its indicators; issue 4 point 5).
 *
 * Who is eligible is the law engine's to decide; the registry holds the mechanism's parameters: its
 * capacity at a time, a ceiling over its life (72,000 for the EU–Turkey 1:1 scheme), quotas per year,
 * the categories the instrument excludes. Its `code` is the id the law engine's findings name
 * (`agreement` of a finding): the mechanisms of the kinds the engine reasons on (`law/facts.ts`
 * AGREEMENT_KINDS) reach it through the law snapshot.
 *
 * A mechanism belongs to the tenant that keeps its partnership (`owner`, checked against it), and
 * its partner and Member States are parties to that partnership (an EU-level partnership covers every
 * Member State).
 */
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { defineRegistryKind, fieldEquals, type FieldIssue } from '../registries/kind.ts';
import { safeText, ZCode, ZCountryCode, ZDate, ZMemberStateCode, ZNote, ZSource, ZSources, ZTenantCode, ZUnverified, ZVerified } from '../registries/fields.ts';
import { MEMBER_STATE_CODES } from '../tenants/tenants.ts';
import type { Partnership } from '../partnerships/partnership.ts';

export const MECHANISM_KINDS = [
  'return-hub', 'stc-arrangement', 'offshore-processing', 'emergency-transit', 'one-to-one', 'readmission', 'legal-pathway', 'counter-smuggling',
] as const;
export type MechanismKind = (typeof MECHANISM_KINDS)[number];

const ZCount = z.number().int().nonnegative().max(100_000_000);

export const ZMechanismFields = z.strictObject({
  code: ZCode.describe('The mechanism\'s code (its key, and the id the law engine\'s findings name)'),
  title: safeText().trim().min(3).max(300),
  kind: z.enum(MECHANISM_KINDS).describe('return-hub, stc-arrangement, offshore-processing, emergency-transit (place of safety), one-to-one (swap), readmission, legal-pathway (talent partnership), counter-smuggling'),
  partnership: ZCode.describe('The partnership that sets it up (its code)'),
  partner: ZCountryCode.describe('The third country it operates with'),
  memberStates: z.array(ZMemberStateCode).max(27).default([]).describe('The Member States taking part (returning, transferring, resettling)'),
  from: ZDate.nullable().default(null).describe('First day it applies or operates (null while planned)'),
  to: ZDate.nullable().default(null).describe('Last day, or null while it lasts'),
  parameters: z.strictObject({
    capacity: ZCount.nullable().default(null).describe('People it can hold or process at a time'),
    cap: z.strictObject({ total: ZCount, note: safeText().trim().min(1).max(1000).nullable().default(null) }).nullable().default(null)
      .describe('A ceiling over its life: 72,000 resettlements under the EU–Turkey 1:1 scheme'),
    quotas: z.array(z.strictObject({ year: z.number().int().min(2000).max(2100), quota: ZCount, note: safeText().trim().min(1).max(500).nullable().default(null) }))
      .max(50).default([]).describe('Places per year (legal pathways, talent partnerships)'),
    categoriesExcluded: z.array(safeText().trim().min(2).max(200)).max(30).default([]).describe('Categories of persons the instrument excludes'),
    eligibility: safeText().trim().min(1).max(2000).nullable().default(null).describe('Who it is for, as the instrument says (the law engine decides eligibility)'),
  }).default({ capacity: null, cap: null, quotas: [], categoriesExcluded: [], eligibility: null }),
  indicators: z.array(z.strictObject({
    name: safeText().trim().min(2).max(200),
    unit: safeText().trim().min(1).max(50),
    value: z.number().finite(),
    from: ZDate.describe('First day of the period measured'),
    to: ZDate.describe('Last day of the period measured'),
    source: ZSource,
  })).max(200).default([]).describe('Indicators, with the period measured and the source (counter-smuggling cooperation, returns)'),
  sources: ZSources,
  owner: ZTenantCode.describe('The tenant that keeps its partnership'),
  verified: ZVerified,
  unverified: ZUnverified,
  note: ZNote,
});

export type Mechanism = z.output<typeof ZMechanismFields>;

function mechanismIssues(m: Mechanism): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (m.from !== null && m.to !== null && m.to < m.from) issues.push({ path: 'to', message: `${m.to} is before from (${m.from})` });
  if (m.from === null && m.to !== null) issues.push({ path: 'from', message: 'a mechanism that ended also started: give its first day' });
  if (MEMBER_STATE_CODES.has(m.partner)) issues.push({ path: 'partner', message: 'the partner is a third country, not a Member State' });
  if (new Set(m.memberStates).size !== m.memberStates.length) issues.push({ path: 'memberStates', message: 'a Member State is listed twice' });
  const years = m.parameters.quotas.map((q) => q.year);
  if (new Set(years).size !== years.length) issues.push({ path: 'parameters.quotas', message: 'one quota per year' });
  m.indicators.forEach((x, i) => {
    if (x.to < x.from) issues.push({ path: `indicators.${i}.to`, message: `${x.to} is before from (${x.from})` });
  });
  return issues;
}

/** Whether the mechanism operates on `on`: started (a planned one has no first day), not ended. */
export function mechanismOperates(m: Pick<Mechanism, 'from' | 'to'>, on: string): boolean {
  return m.from !== null && m.from <= on && (m.to === null || on <= m.to);
}

/** How its partnership must look for the mechanism to belong to it. */
function fitsPartnership(m: Mechanism, p: Partnership): string | null {
  if (p.owner !== m.owner) return `the partnership ${p.code} is kept by ${p.owner}: so is its mechanism (owner ${m.owner})`;
  if (m.partner !== p.parties.partner && !p.parties.otherStates.includes(m.partner)) return `${m.partner} is not a party to ${p.code}`;
  const outside = p.parties.eu ? [] : m.memberStates.filter((ms) => !p.parties.memberStates.includes(ms));
  if (outside.length) return `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not a party to ${p.code}`;
  return null;
}

export const mechanismKind = defineRegistryKind<Mechanism>({
  name: 'mechanism',
  plural: 'mechanisms',
  title: 'Mechanisms',
  description: 'Return hubs, safe-third-country arrangements, offshore processing, emergency transit, 1:1 swaps, readmission, legal pathways and counter-smuggling cooperation set up by partnerships, with their parameters (capacity, caps, quotas, categories excluded) and indicators',
  resource: 'mechanism',
  fields: ZMechanismFields,
  refine: mechanismIssues,
  keyOf: (m) => m.code,
  ownerOf: (m) => m.owner,
  labelOf: (m) => `${m.title} (${m.kind}, ${m.partner})`,
  searchTermsOf: (m) => [m.code, m.title, m.kind, m.partnership, m.partner, ...m.memberStates, ...m.parameters.categoriesExcluded, ...m.sources.map((s) => s.title), m.note ?? ''],
  refsOf: (m) => [`partnership:${m.partnership}`, ...new Set([m.partner, ...m.memberStates].map((c) => `country:${c}`))],
  linksOf: (m) => [{ path: 'partnership', kind: 'partnership', key: m.partnership, check: (p: Partnership) => fitsPartnership(m, p) }],
  validityOf: (m) => ({ from: m.from, to: m.to }),
  // A planned mechanism (no first day) is in force on no date.
  inForceOn: () => sql<SqlBool>`data ->> 'from' is not null`,
  stateOf: (m, on) => (m.from === null ? 'planned' : on < m.from ? 'not-yet' : m.to !== null && on > m.to ? 'ended' : 'operating'),
  summaryOn: (m, on) => ({
    operating: mechanismOperates(m, on),
    capacity: m.parameters.capacity,
    cap: m.parameters.cap?.total ?? null,
    quota: m.parameters.quotas.find((q) => q.year === Number(on.slice(0, 4)))?.quota ?? null,
  }),
  filters: {
    kind: fieldEquals('kind', z.enum(MECHANISM_KINDS), 'The kind of mechanism'),
    partnership: fieldEquals('partnership', ZCode, 'The partnership that sets it up (its code)'),
    partner: fieldEquals('partner', ZCountryCode, 'The partner country'),
    memberState: {
      description: 'Mechanisms a Member State takes part in',
      schema: ZMemberStateCode,
      where: (value) => sql<SqlBool>`(data -> 'memberStates') @> jsonb_build_array(${value}::text)`,
    },
  },
  example: {
    code: 'example-es-uy-legal-pathway', title: 'Example talent partnership (illustration only)', kind: 'legal-pathway', partnership: 'example-es-uy-arrangement',
    partner: 'UY', memberStates: ['ES'], from: null, to: null,
    parameters: { capacity: null, cap: null, quotas: [{ year: 2031, quota: 200, note: null }], categoriesExcluded: [], eligibility: null },
    indicators: [], sources: [{ title: 'Example document (illustration only)', url: 'https://example.org/mechanism', date: null }],
    owner: 'ES', verified: false, unverified: [], note: 'An example, not a real mechanism',
  },
});
