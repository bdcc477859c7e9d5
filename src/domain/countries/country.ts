/**
 * @module domain/countries/country
 * The countries registry: every ISO 3166-1 country and territory (and Kosovo, XK), its names in the
 * 24 official languages of the EU, and the dated facts the law turns on — membership of the EU, of
 * the Schengen area (with its phases: Bulgaria and Romania joined for air and sea borders on
 * 31 March 2024 and fully on 1 January 2025) and EU candidate status (which makes a country a safe
 * country of origin at Union level unless an exception of Art. 62(1) APR applies). Each dated fact
 * carries its sources and whether it was verified.
 *
 * Countries are the ISO list: they are updated, never created through the API. They belong to the
 * Commission (`COM`), whose administrators keep these Union-level facts.
 */
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { defineRegistryKind, periodCovers, type FieldIssue } from '../registries/kind.ts';
import { safeText, ZCountryCode, ZNote, ZPeriodFields, ZSources, ZVerified } from '../registries/fields.ts';

/** The 24 official languages of the EU (Regulation No 1/1958 as amended), by ISO 639-1 code. */
export const EU_LANGUAGES = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'] as const;
export type EuLanguage = (typeof EU_LANGUAGES)[number];

const ZName = safeText().trim().min(1).max(200);

const ZNames = z.strictObject(Object.fromEntries(EU_LANGUAGES.map((lang) => [lang, ZName.optional()])) as Record<EuLanguage, z.ZodOptional<typeof ZName>>)
  .describe('Short names in the official languages of the EU');

const ZMembershipPeriod = z.strictObject({ ...ZPeriodFields, sources: ZSources, verified: ZVerified, note: ZNote });

export const SCHENGEN_SCOPES = ['full', 'land-and-sea', 'air-and-sea'] as const;
const ZSchengenPeriod = z.strictObject({
  ...ZPeriodFields,
  scope: z.enum(SCHENGEN_SCOPES).describe('Which internal borders are without checks: all, or only land and sea, or only air and sea'),
  sources: ZSources, verified: ZVerified, note: ZNote,
});

export const ZCountryFields = z.strictObject({
  code: ZCountryCode,
  name: ZName.describe('Short name in English'),
  names: ZNames,
  otherNames: z.array(ZName).max(20).default([]).describe('Other English names it is known by (Turkey for Türkiye), for search'),
  euMembership: z.array(ZMembershipPeriod).max(10).default([]).describe('Periods of membership of the European Union'),
  schengen: z.array(ZSchengenPeriod).max(10).default([]).describe('Periods in the Schengen area without internal border checks, by phase'),
  candidate: z.array(ZMembershipPeriod).max(10).default([]).describe('Periods with EU candidate status'),
  note: ZNote,
});

export type Country = z.output<typeof ZCountryFields>;
type Period = { from: string; to: string | null };

/** Periods in order, each ending on or after its start, none overlapping the next. */
function periodIssues(field: string, periods: Period[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const sorted = [...periods.entries()].sort(([, a], [, b]) => (a.from < b.from ? -1 : 1));
  for (const [i, p] of periods.entries()) if (p.to !== null && p.to < p.from) issues.push({ path: `${field}.${i}.to`, message: `${p.to} is before from (${p.from})` });
  for (let j = 1; j < sorted.length; j++) {
    const [, prev] = sorted[j - 1]!;
    const [i, next] = sorted[j]!;
    if (prev.to === null || next.from <= prev.to) issues.push({ path: `${field}.${i}.from`, message: `overlaps the period from ${prev.from}` });
  }
  return issues;
}

/** Whether one of `periods` covers `on`. */
export function holdsOn(periods: Period[], on: string): boolean {
  return periods.some((p) => p.from <= on && (p.to === null || on <= p.to));
}

const STATUSES = ['eu-member', 'schengen', 'candidate', 'third-country'] as const;

export const countryKind = defineRegistryKind<Country>({
  name: 'country',
  plural: 'countries',
  title: 'Countries',
  description: 'Every ISO 3166-1 country and territory, with names in the 24 EU languages and dated EU, Schengen and candidate status',
  resource: 'country',
  fields: ZCountryFields,
  refine: (c) => [...periodIssues('euMembership', c.euMembership), ...periodIssues('schengen', c.schengen), ...periodIssues('candidate', c.candidate)],
  keyOf: (c) => c.code,
  ownerOf: () => 'COM',
  labelOf: (c) => `${c.name} (${c.code})`,
  searchTermsOf: (c) => [c.code, c.name, ...c.otherNames, ...Object.values(c.names).filter((n): n is string => typeof n === 'string')],
  creatable: false,
  filters: {
    status: {
      description: 'Status on the date asked for (`on`, default today): eu-member, schengen (any phase), candidate, third-country (not an EU member)',
      schema: z.enum(STATUSES),
      where: (value, { on }) => {
        if (value === 'eu-member') return periodCovers('euMembership', on);
        if (value === 'schengen') return periodCovers('schengen', on);
        if (value === 'candidate') return periodCovers('candidate', on);
        return sql<SqlBool>`not ${periodCovers('euMembership', on)}`;
      },
    },
  },
  example: {
    code: 'IS', name: 'Iceland', names: { en: 'Iceland', de: 'Island', fr: 'Islande' }, otherNames: [],
    euMembership: [],
    schengen: [{ from: '2001-03-25', to: null, scope: 'full', sources: [{ title: 'Schengen Agreement – history and members', url: 'https://www.schengen-visa-info.eu/schengen-agreement', date: null }], verified: false, note: null }],
    candidate: [],
    note: null,
  },
});
