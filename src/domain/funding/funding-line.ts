/**
 * @module domain/funding/funding-line
 * Money to partnerships, mechanisms and facilities: pledges (announced packages, which secure
 * nothing), commitments (a legal or budgetary commitment: a financing decision, a spending
 * authorisation in a budget law) and disbursements (paid, naming the commitment they pay), each from
 * an instrument, dated, in a currency, with the measure it pays for and the objectives that measure
 * records. The consistency checks (`check-funding.ts`) read them against the instruments and the
 * partnerships' lifecycles.
 *
 * A funding line belongs to the owner of its instrument (`owner`, checked): the Commission for Union
 * money, the Member State for its budget.
 */
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { defineRegistryKind, fieldEquals, type FieldIssue, type RegistryLink } from '../registries/kind.ts';
import { safeText, ZCode, ZDate, ZMoney, ZNote, ZSources, ZTenantCode, ZUnverified, ZVerified } from '../registries/fields.ts';
import { FUNDING_OBJECTIVES, instrumentOwner, type Instrument } from './instrument.ts';

export const FUNDING_TYPES = ['pledge', 'commitment', 'disbursement'] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];

export const ZFundingFields = z.strictObject({
  code: ZCode.describe('The line\'s code (its key): frit-tranche-1'),
  instrument: ZCode.describe('The instrument the money comes from (its code)'),
  type: z.enum(FUNDING_TYPES).describe('pledge (announced), commitment (legally or budgetarily committed) or disbursement (paid)'),
  measure: safeText().trim().min(3).max(500).describe('What it pays for'),
  objectives: z.array(z.enum(FUNDING_OBJECTIVES)).max(FUNDING_OBJECTIVES.length).default([]).describe('The objectives the measure records'),
  recipients: z.strictObject({
    partnership: ZCode.nullable().default(null),
    mechanism: ZCode.nullable().default(null),
    facility: ZCode.nullable().default(null),
  }).describe('What it funds: a partnership, a mechanism, a facility (at least one)'),
  amount: ZMoney,
  date: ZDate.describe('The day it was pledged, committed or disbursed'),
  commitment: ZCode.nullable().default(null).describe('For a disbursement: the commitment it pays (its code)'),
  sources: ZSources,
  owner: ZTenantCode.describe('The owner of its instrument: COM for Union money, the Member State for its budget'),
  verified: ZVerified,
  unverified: ZUnverified,
  note: ZNote,
});

export type FundingLine = z.output<typeof ZFundingFields>;

function fundingIssues(f: FundingLine): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { partnership, mechanism, facility } = f.recipients;
  if (partnership === null && mechanism === null && facility === null) issues.push({ path: 'recipients', message: 'name the partnership, mechanism or facility it funds' });
  if (f.commitment !== null && f.type !== 'disbursement') issues.push({ path: 'commitment', message: 'only a disbursement names the commitment it pays' });
  if (f.commitment === f.code) issues.push({ path: 'commitment', message: 'a line does not pay itself' });
  if (new Set(f.objectives).size !== f.objectives.length) issues.push({ path: 'objectives', message: 'an objective is listed twice' });
  return issues;
}

function links(f: FundingLine): RegistryLink[] {
  const out: RegistryLink[] = [{
    path: 'instrument', kind: 'funding-instrument', key: f.instrument,
    check: (i: Instrument) => (instrumentOwner(i) === f.owner ? null : `${i.code} is ${instrumentOwner(i) === 'COM' ? 'Union money, kept by COM' : `${instrumentOwner(i)}'s budget`}: so is this line (owner ${f.owner})`),
  }];
  if (f.recipients.partnership) out.push({ path: 'recipients.partnership', kind: 'partnership', key: f.recipients.partnership });
  if (f.recipients.mechanism) out.push({ path: 'recipients.mechanism', kind: 'mechanism', key: f.recipients.mechanism });
  if (f.recipients.facility) out.push({ path: 'recipients.facility', kind: 'facility', key: f.recipients.facility });
  if (f.commitment) {
    out.push({
      path: 'commitment', kind: 'funding', key: f.commitment,
      check: (c: FundingLine) => (c.type !== 'commitment' ? `${c.code} is a ${c.type}, not a commitment` : c.instrument !== f.instrument ? `${c.code} commits ${c.instrument}, not ${f.instrument}` : null),
    });
  }
  return out;
}

export const fundingKind = defineRegistryKind<FundingLine>({
  name: 'funding',
  plural: 'funding',
  title: 'Funding',
  description: 'Pledges, commitments and disbursements from an instrument to partnerships, mechanisms and facilities, with dates, amounts and currency',
  resource: 'funding',
  fields: ZFundingFields,
  refine: fundingIssues,
  keyOf: (f) => f.code,
  ownerOf: (f) => f.owner,
  labelOf: (f) => `${f.type} of ${f.amount.currency} ${f.amount.amount.toLocaleString('en')} from ${f.instrument}: ${f.measure}`,
  searchTermsOf: (f) => [f.code, f.instrument, f.type, f.measure, ...f.objectives, f.recipients.partnership ?? '', f.recipients.mechanism ?? '', f.recipients.facility ?? '', f.note ?? ''],
  refsOf: (f) => [
    `funding-instrument:${f.instrument}`,
    ...(f.recipients.partnership ? [`partnership:${f.recipients.partnership}`] : []),
    ...(f.recipients.mechanism ? [`mechanism:${f.recipients.mechanism}`] : []),
    ...(f.recipients.facility ? [`facility:${f.recipients.facility}`] : []),
    ...(f.commitment ? [`funding:${f.commitment}`] : []),
  ],
  linksOf: links,
  validityOf: (f) => ({ from: f.date, to: null }),
  stateOf: (f, on) => (on < f.date ? 'not-yet' : f.type === 'pledge' ? 'pledged' : f.type === 'commitment' ? 'committed' : 'disbursed'),
  filters: {
    instrument: fieldEquals('instrument', ZCode, 'The instrument (its code)'),
    type: fieldEquals('type', z.enum(FUNDING_TYPES), 'pledge, commitment or disbursement'),
    partnership: {
      description: 'Lines funding a partnership (its code)', schema: ZCode,
      where: (value) => sql<SqlBool>`data -> 'recipients' ->> 'partnership' = ${value}`,
    },
    mechanism: {
      description: 'Lines funding a mechanism (its code)', schema: ZCode,
      where: (value) => sql<SqlBool>`data -> 'recipients' ->> 'mechanism' = ${value}`,
    },
    facility: {
      description: 'Lines funding a facility (its code)', schema: ZCode,
      where: (value) => sql<SqlBool>`data -> 'recipients' ->> 'facility' = ${value}`,
    },
  },
  example: {
    code: 'example-es-line', instrument: 'example-es-budget', type: 'commitment', measure: 'Example measure (illustration only)', objectives: ['legal-pathways'],
    recipients: { partnership: 'example-es-uy-arrangement', mechanism: null, facility: null }, amount: { amount: 100_000, currency: 'EUR' }, date: '2031-02-01',
    commitment: null, sources: [{ title: 'Example document (illustration only)', url: 'https://example.org/funding', date: null }],
    owner: 'ES', verified: false, unverified: [], note: 'An example, not a real commitment',
  },
});
