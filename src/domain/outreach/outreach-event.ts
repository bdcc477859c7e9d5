/**
 * @module domain/outreach/outreach-event
 * The outreach calendar: summits, dialogues, missions, ministerial meetings and signings with a
 * partner country, dated, with who took part, and the asks and commitments made there — each with
 * the side it came from and where it stands — linked to the partnership they concern.
 *
 * An event belongs to the tenant that organises or records it (`owner`: the Commission, or a Member
 * State that leads).
 */
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { defineRegistryKind, fieldEquals, type FieldIssue } from '../registries/kind.ts';
import { safeText, ZCode, ZCountryCode, ZDate, ZMemberStateCode, ZMoney, ZNote, ZPeriodFields, ZSource, ZTenantCode, ZUnverified, ZVerified } from '../registries/fields.ts';
import { SIDES } from '../partnerships/partnership.ts';

export const EVENT_TYPES = ['summit', 'dialogue', 'mission', 'ministerial-meeting', 'signing', 'technical-meeting'] as const;

const ZText = safeText().trim().min(3).max(2000);

export const ZOutreachEventFields = z.strictObject({
  code: ZCode.describe('The event\'s code (its key)'),
  type: z.enum(EVENT_TYPES),
  title: safeText().trim().min(3).max(300),
  partner: ZCountryCode.describe('The partner country'),
  partnership: ZCode.nullable().default(null).describe('The partnership it concerns (its code), if any'),
  ...ZPeriodFields,
  place: safeText().trim().min(2).max(200).nullable().default(null),
  participants: z.strictObject({
    memberStates: z.array(ZMemberStateCode).max(27).default([]),
    eu: z.array(safeText().trim().min(2).max(200)).max(20).default([]).describe('EU institutions and office-holders: the President of the Commission, the EEAS'),
    others: z.array(safeText().trim().min(2).max(200)).max(20).default([]),
  }).default({ memberStates: [], eu: [], others: [] }),
  asks: z.array(z.strictObject({
    by: z.enum(SIDES), text: ZText, status: z.enum(['open', 'met', 'declined']).default('open'),
  })).max(100).default([]).describe('What each side asked for'),
  commitments: z.array(z.strictObject({
    by: z.enum(SIDES), text: ZText, amount: ZMoney.nullable().default(null), due: ZDate.nullable().default(null),
    status: z.enum(['open', 'done', 'lapsed']).default('open'),
  })).max(100).default([]).describe('What each side committed to'),
  sources: z.array(ZSource).max(20).default([]).describe('Readouts, press statements, joint declarations (none yet for a planned event)'),
  owner: ZTenantCode.describe('The tenant that organises or records it'),
  verified: ZVerified,
  unverified: ZUnverified,
  note: ZNote,
});

export type OutreachEvent = z.output<typeof ZOutreachEventFields>;

function eventIssues(e: OutreachEvent): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (e.to !== null && e.to < e.from) issues.push({ path: 'to', message: `${e.to} is before from (${e.from})` });
  if (e.verified && e.sources.length === 0) issues.push({ path: 'sources', message: 'a verified event names the source it was checked against' });
  return issues;
}

export const outreachEventKind = defineRegistryKind<OutreachEvent>({
  name: 'outreach-event',
  plural: 'outreach-events',
  title: 'Outreach calendar',
  description: 'Summits, dialogues, missions and signings with partner countries, with the asks and commitments made there, linked to the partnership they concern',
  resource: 'outreach',
  fields: ZOutreachEventFields,
  refine: eventIssues,
  keyOf: (e) => e.code,
  ownerOf: (e) => e.owner,
  labelOf: (e) => `${e.title} (${e.type}, ${e.from}${e.place ? `, ${e.place}` : ''})`,
  searchTermsOf: (e) => [e.code, e.type, e.title, e.partner, e.partnership ?? '', e.place ?? '', ...e.participants.memberStates, ...e.participants.eu, ...e.participants.others, e.note ?? ''],
  refsOf: (e) => [`country:${e.partner}`, ...(e.partnership ? [`partnership:${e.partnership}`] : []), ...e.participants.memberStates.map((c) => `country:${c}`)],
  linksOf: (e) => (e.partnership ? [{ path: 'partnership', kind: 'partnership', key: e.partnership }] : []),
  validityOf: (e) => ({ from: e.from, to: e.to ?? e.from }),
  stateOf: (e, on) => (on < e.from ? 'planned' : on <= (e.to ?? e.from) ? 'under-way' : 'held'),
  summaryOn: (e) => ({
    openAsks: e.asks.filter((a) => a.status === 'open').length,
    openCommitments: e.commitments.filter((c) => c.status === 'open').length,
  }),
  filters: {
    partner: fieldEquals('partner', ZCountryCode, 'The partner country'),
    partnership: fieldEquals('partnership', ZCode, 'The partnership it concerns (its code)'),
    type: fieldEquals('type', z.enum(EVENT_TYPES), 'summit, dialogue, mission, ministerial-meeting, signing, technical-meeting'),
    month: {
      description: 'Events on the calendar in a month (YYYY-MM)',
      schema: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM'),
      where: (value) => sql<SqlBool>`data ->> 'from' <= ${`${value}-31`} and coalesce(data ->> 'to', data ->> 'from') >= ${`${value}-01`}`,
    },
  },
  example: {
    code: 'example-es-uy-dialogue', type: 'dialogue', title: 'Example migration dialogue (illustration only)', partner: 'UY', partnership: null,
    from: '2031-03-01', to: null, place: null, participants: { memberStates: ['ES'], eu: [], others: [] }, asks: [], commitments: [], sources: [],
    owner: 'ES', verified: false, unverified: [], note: 'An example, not a real event',
  },
});
