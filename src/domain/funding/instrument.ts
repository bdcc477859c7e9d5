/**
 * @module domain/funding/instrument
 * Funding instruments: NDICI-Global Europe (Regulation (EU) 2021/947), AMIF (Regulation (EU)
 * 2021/1147), BMVI (Regulation (EU) 2021/1148), the Facility for Refugees in Turkey, national budgets,
 * and the 2028–2034 proposals — marked `status: 'proposal'`, which funds nothing until adopted. Each
 * with its objectives, its envelope and period, and the objectives every measure it funds must
 * record (`measuresMustPursue`: NDICI-Global Europe finances development cooperation, so a measure it
 * funds records a development objective — the funding checks flag one that does not).
 *
 * A Union instrument belongs to the Commission (`COM`), a national budget to its Member State.
 */
import { z } from 'zod';
import { defineRegistryKind, fieldEquals, type FieldIssue } from '../registries/kind.ts';
import { safeText, ZCode, ZMemberStateCode, ZMoney, ZNote, ZPeriodFields, ZSources, ZUnverified, ZVerified } from '../registries/fields.ts';

export const FUNDING_OBJECTIVES = [
  'development', 'migration-governance', 'border-management', 'return-readmission', 'protection', 'humanitarian', 'legal-pathways',
  'integration', 'counter-smuggling', 'macro-financial', 'trade-investment-energy',
] as const;
export type FundingObjective = (typeof FUNDING_OBJECTIVES)[number];

export const INSTRUMENT_STATUSES = ['in-force', 'proposal', 'ended'] as const;

export const ZInstrumentFields = z.strictObject({
  code: ZCode.describe('The instrument\'s code (its key): ndici-global-europe, amif, frit'),
  title: safeText().trim().min(3).max(300),
  level: z.enum(['eu', 'national']),
  memberState: ZMemberStateCode.nullable().default(null).describe('The Member State of a national budget; null for a Union instrument'),
  status: z.enum(INSTRUMENT_STATUSES).describe('in-force, proposal (funds nothing until adopted) or ended'),
  legalBasis: safeText().trim().min(3).max(500).nullable().default(null).describe('The act establishing it'),
  ...ZPeriodFields,
  envelope: ZMoney.nullable().default(null).describe('The financial envelope for its period'),
  objectives: z.array(z.enum(FUNDING_OBJECTIVES)).min(1).max(FUNDING_OBJECTIVES.length),
  measuresMustPursue: z.array(z.enum(FUNDING_OBJECTIVES)).max(FUNDING_OBJECTIVES.length).default([])
    .describe('Each measure it funds records at least one of these objectives (NDICI-Global Europe: development)'),
  sources: ZSources,
  verified: ZVerified,
  unverified: ZUnverified,
  note: ZNote,
});

export type Instrument = z.output<typeof ZInstrumentFields>;

function instrumentIssues(i: Instrument): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (i.level === 'national' && i.memberState === null) issues.push({ path: 'memberState', message: 'a national budget names its Member State' });
  if (i.level === 'eu' && i.memberState !== null) issues.push({ path: 'memberState', message: 'a Union instrument has no Member State' });
  if (i.to !== null && i.to < i.from) issues.push({ path: 'to', message: `${i.to} is before from (${i.from})` });
  i.measuresMustPursue.forEach((o, n) => {
    if (!i.objectives.includes(o)) issues.push({ path: `measuresMustPursue.${n}`, message: `${o} is not one of the instrument's objectives` });
  });
  return issues;
}

/** The tenant that owns an instrument: the Commission for a Union instrument, else its Member State. */
export function instrumentOwner(i: Pick<Instrument, 'level' | 'memberState'>): string {
  return i.level === 'eu' ? 'COM' : i.memberState!;
}

export const instrumentKind = defineRegistryKind<Instrument>({
  name: 'funding-instrument',
  plural: 'funding-instruments',
  title: 'Funding instruments',
  description: 'NDICI-Global Europe, AMIF, BMVI, the Facility for Refugees in Turkey, national budgets and the 2028–2034 proposals, with objectives, envelopes and periods',
  resource: 'funding',
  fields: ZInstrumentFields,
  refine: instrumentIssues,
  keyOf: (i) => i.code,
  ownerOf: instrumentOwner,
  labelOf: (i) => `${i.title}${i.status === 'proposal' ? ' (proposal)' : ''}`,
  searchTermsOf: (i) => [i.code, i.title, i.level, i.memberState ?? 'EU', i.status, i.legalBasis ?? '', ...i.objectives, i.note ?? ''],
  refsOf: (i) => (i.memberState ? [`country:${i.memberState}`] : []),
  validityOf: (i) => ({ from: i.from, to: i.to }),
  stateOf: (i, on) => (i.status === 'proposal' ? 'proposal' : on < i.from ? 'not-yet' : i.to !== null && on > i.to ? 'ended' : 'in-force'),
  filters: {
    level: fieldEquals('level', z.enum(['eu', 'national']), 'eu or national'),
    status: fieldEquals('status', z.enum(INSTRUMENT_STATUSES), 'in-force, proposal or ended'),
    memberState: fieldEquals('memberState', ZMemberStateCode, 'The Member State of a national budget'),
  },
  example: {
    code: 'example-es-budget', title: 'Example national budget line (illustration only)', level: 'national', memberState: 'ES', status: 'in-force',
    legalBasis: null, from: '2031-01-01', to: '2031-12-31', envelope: { amount: 1_000_000, currency: 'EUR' }, objectives: ['legal-pathways'], measuresMustPursue: [],
    sources: [{ title: 'Example document (illustration only)', url: 'https://example.org/instrument', date: null }],
    verified: false, unverified: [], note: 'An example, not a real instrument',
  },
});
