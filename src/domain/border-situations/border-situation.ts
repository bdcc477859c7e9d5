/**
 * @module domain/border-situations/border-situation
 * Situations at a border section as a Member State declares them — instrumentalisation of migrants,
 * a mass arrival, force majeure (Regulation (EU) 2024/1359 Art. 1(4)) — with the measures it takes
 * under the Schengen Borders Code as amended by Regulation (EU) 2024/1717 (crossing points closed or
 * their hours limited, surveillance intensified, applications channelled to designated places), each
 * dated, and the places where an application for international protection can still be made while the
 * measures last. The asylum-access check (`check-asylum-access.ts`) reads them: closing a border must
 * never leave nowhere to apply (C-808/18 Commission v Hungary; C-72/22 PPU M.A.).
 *
 * A declared situation and its measures are the Member State's own acts: they belong to it, and its
 * administrators write them. The Council's authorisations of derogations are another kind
 * (`crisis-authorisation.ts`), kept by the Commission.
 */
import { z } from 'zod';
import { defineRegistryKind, fieldEquals, type FieldIssue } from '../registries/kind.ts';
import { safeText, ZCountryCode, ZDate, ZMemberStateCode, ZNote, ZPeriodFields, ZSource, ZSources, ZUnverified, ZVerified } from '../registries/fields.ts';
import { MEMBER_STATE_CODES } from '../tenants/tenants.ts';

export const SITUATION_TYPES = ['instrumentalisation', 'mass-arrival', 'force-majeure'] as const;

/**
 * What a measure does. The first three are what Regulation (EU) 2024/1717 provides for; the last
 * three restrict where or whether applications can be made, and the asylum-access check flags them.
 */
export const MEASURE_TYPES = [
  'crossing-points-closed', 'opening-hours-limited', 'surveillance-intensified',
  'applications-only-at-designated-points', 'applications-capped', 'applications-not-received', 'other',
] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

const ZMeasure = z.strictObject({
  type: z.enum(MEASURE_TYPES),
  crossingPoints: z.array(safeText().trim().min(2).max(200)).max(100).default([]).describe('The crossing points it concerns'),
  allCrossingPoints: z.boolean().default(false).describe('It concerns every crossing point of the section'),
  hours: safeText().trim().min(1).max(200).nullable().default(null).describe('Opening hours left, for limited hours'),
  ...ZPeriodFields,
  legalBasis: safeText().trim().min(3).max(500).nullable().default(null).describe('The national act and the SBC provision it relies on'),
  sources: z.array(ZSource).max(10).default([]),
}).describe('A measure at the border');

const ZAccessPoint = z.strictObject({
  place: safeText().trim().min(2).max(200).describe('Where applications can be made (a crossing point, an airport, a port)'),
  onSection: z.boolean().describe('The place lies on the border section itself (a crossing point of it), not elsewhere (an airport)'),
  ...ZPeriodFields,
  dailyCap: z.number().int().positive().max(1_000_000).nullable().default(null).describe('Applications received per day, if capped'),
  note: safeText().trim().min(1).max(1000).nullable().default(null),
}).describe('A place where an application for international protection can be made');

export const ZBorderSituationFields = z.strictObject({
  memberState: ZMemberStateCode.describe('The declaring Member State'),
  type: z.enum(SITUATION_TYPES),
  section: z.strictObject({
    neighbour: ZCountryCode.nullable().default(null).describe('The third country across the section (null at sea)'),
    description: safeText().trim().min(3).max(300).describe('The border section: the land border with Belarus, the sea border of Lampedusa'),
  }),
  declaredOn: ZDate,
  ...ZPeriodFields,
  declaration: ZSources.describe('The act declaring the situation'),
  measures: z.array(ZMeasure).max(100).default([]),
  asylumAccess: z.array(ZAccessPoint).max(100).default([]).describe('Where applications can still be made while the measures last'),
  verified: ZVerified,
  unverified: ZUnverified,
  note: ZNote,
});

export type BorderSituation = z.output<typeof ZBorderSituationFields>;

function situationIssues(s: BorderSituation): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (s.to !== null && s.to < s.from) issues.push({ path: 'to', message: `${s.to} is before from (${s.from})` });
  if (s.declaredOn > s.from) issues.push({ path: 'declaredOn', message: `declared on ${s.declaredOn}, after the situation's first day (${s.from})` });
  if (s.section.neighbour !== null && MEMBER_STATE_CODES.has(s.section.neighbour)) issues.push({ path: 'section.neighbour', message: 'an external border: the neighbour is a third country' });
  s.measures.forEach((m, i) => {
    if (m.to !== null && m.to < m.from) issues.push({ path: `measures.${i}.to`, message: `${m.to} is before from (${m.from})` });
    if ((m.type === 'crossing-points-closed' || m.type === 'opening-hours-limited') && !m.allCrossingPoints && m.crossingPoints.length === 0) {
      issues.push({ path: `measures.${i}.crossingPoints`, message: 'name the crossing points, or say allCrossingPoints' });
    }
    if (m.type === 'opening-hours-limited' && m.hours === null) issues.push({ path: `measures.${i}.hours`, message: 'say which hours are left' });
  });
  s.asylumAccess.forEach((a, i) => {
    if (a.to !== null && a.to < a.from) issues.push({ path: `asylumAccess.${i}.to`, message: `${a.to} is before from (${a.from})` });
  });
  return issues;
}

export const borderSituationKind = defineRegistryKind<BorderSituation>({
  name: 'border-situation',
  plural: 'border-situations',
  title: 'Border situations',
  description: 'Instrumentalisation, mass-arrival and force-majeure situations as Member States declare them, with their measures under the Schengen Borders Code (Regulation (EU) 2024/1717) and the places where applications can still be made',
  resource: 'border-situation',
  fields: ZBorderSituationFields,
  refine: situationIssues,
  keyOf: (s) => `${s.memberState}:${s.type}:${s.section.neighbour ?? 'none'}:${s.from}`,
  ownerOf: (s) => s.memberState,
  labelOf: (s) => `${s.type} declared by ${s.memberState} at ${s.section.description} from ${s.from}`,
  searchTermsOf: (s) => [s.memberState, s.type, s.section.neighbour ?? '', s.section.description, ...s.measures.flatMap((m) => m.crossingPoints), ...s.asylumAccess.map((a) => a.place), s.note ?? ''],
  refsOf: (s) => [`country:${s.memberState}`, ...(s.section.neighbour ? [`country:${s.section.neighbour}`] : [])],
  validityOf: (s) => ({ from: s.from, to: s.to }),
  summaryOn: (s, on) => ({
    measuresInForce: s.measures.filter((m) => m.from <= on && (m.to === null || on <= m.to)).map((m) => m.type),
    accessPoints: s.asylumAccess.filter((a) => a.from <= on && (a.to === null || on <= a.to)).map((a) => a.place),
  }),
  filters: {
    memberState: fieldEquals('memberState', ZMemberStateCode, 'The declaring Member State'),
    type: fieldEquals('type', z.enum(SITUATION_TYPES), 'instrumentalisation, mass-arrival or force-majeure'),
  },
  example: {
    memberState: 'ES', type: 'mass-arrival', section: { neighbour: null, description: 'Example section (illustration only)' }, declaredOn: '2031-01-01',
    from: '2031-01-01', to: '2031-01-31', declaration: [{ title: 'Example declaration (illustration only)', url: 'https://example.org/situation', date: null }],
    measures: [], asylumAccess: [], verified: false, unverified: [], note: 'An example, not a real situation',
  },
});
