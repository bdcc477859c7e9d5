/**
 * @module domain/partnerships/partnership
 * Partnerships and agreements with third countries: who the parties are (the EU, Member States, the
 * partner country, other states, international organisations), what kind of instrument it is
 * (statement, memorandum of understanding, protocol, binding agreement, arrangement, joint
 * declaration, letter of intent) and whether it binds in law, its dates (signed, in force, suspended,
 * ended), its pillars and the commitments on each side, its human-rights and non-refoulement clauses,
 * the independent monitoring body and its reports, the consequences of violations, its documents, and
 * the lifecycle of the solution it carries (`lifecycle.ts`: phases, gate checklist, roles).
 *
 * The mechanisms a partnership sets up are records of their own (`domain/mechanisms`) that name it.
 *
 * Who owns it (and so who writes it, with the permission table's `tenant` scope): the Commission
 * (`COM`) when the EU is a party; otherwise one of the Member States that are parties (the one that
 * keeps it: Italy for the Italy–Albania Protocol); otherwise an international organisation that is a
 * tenant of Waypoint (UNHCR for the emergency transit mechanisms it runs) or the Commission (a record
 * kept for reference, such as UK–Rwanda). `owner` names it, and the checks below keep it to those.
 */
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { defineRegistryKind, fieldEquals, type FieldIssue } from '../registries/kind.ts';
import {
  safeText, ZCode, ZCountryCode, ZDate, ZMemberStateCode, ZMoney, ZNote, ZPeriodFields, ZSource, ZSources, ZTenantCode, ZUnverified, ZVerified,
} from '../registries/fields.ts';
import { MEMBER_STATE_CODES, TENANT_CODES } from '../tenants/tenants.ts';
import { currentPhase, emptyChecklist, lifecycleIssues, lifecycleSummary, phaseChangeIssues, phaseOn, PHASES, ZLifecycle } from './lifecycle.ts';
import { routesFor } from './partnership-routes.ts';

export const PARTNERSHIP_KINDS = ['statement', 'memorandum-of-understanding', 'protocol', 'binding-agreement', 'arrangement', 'joint-declaration', 'letter-of-intent'] as const;

/** The sides a commitment or an ask comes from. */
export const SIDES = ['eu', 'member-states', 'partner', 'organisations'] as const;

const ZText = (max: number) => safeText().trim().min(3).max(max);

export const ZCommitment = z.strictObject({
  side: z.enum(SIDES).describe('Who commits: the EU, the Member States, the partner country, the organisations'),
  text: ZText(2000).describe('What is committed, as the instrument says'),
  amount: ZMoney.nullable().default(null).describe('The money committed, if any'),
});

export const ZPartnershipFields = z.strictObject({
  code: ZCode.describe('The partnership\'s code (its key): eu-tr-statement, it-al-protocol'),
  title: ZText(300),
  kind: z.enum(PARTNERSHIP_KINDS).describe('The kind of instrument'),
  legallyBinding: z.boolean().nullable().describe('Whether it binds the parties in international law (null: not established)'),
  parties: z.strictObject({
    eu: z.boolean().describe('The European Union is a party'),
    memberStates: z.array(ZMemberStateCode).max(27).default([]).describe('Member States that are parties'),
    partner: ZCountryCode.describe('The third country the partnership is with'),
    otherStates: z.array(ZCountryCode).max(20).default([]).describe('Other states that are parties and not Member States (the United Kingdom)'),
    organisations: z.array(safeText().trim().min(2).max(100)).max(10).default([]).describe('International organisations that are parties: UNHCR, IOM, the African Union'),
  }),
  dates: z.strictObject({
    signed: ZDate.nullable().default(null),
    inForce: ZDate.nullable().default(null).describe('The day it took effect or applied from'),
    suspensions: z.array(z.strictObject({ ...ZPeriodFields, reason: ZText(2000), sources: z.array(ZSource).max(10).default([]) })).max(20).default([]),
    ended: ZDate.nullable().default(null).describe('The last day it applied'),
  }).default({ signed: null, inForce: null, suspensions: [], ended: null }),
  pillars: z.array(z.strictObject({
    title: ZText(200),
    commitments: z.array(ZCommitment).max(50).default([]),
  })).max(20).default([]).describe('Pillars and the commitments on each side'),
  humanRights: z.strictObject({
    nonRefoulementClause: z.boolean().nullable().default(null).describe('The instrument has a non-refoulement clause (null: not established)'),
    humanRightsClause: z.boolean().nullable().default(null).describe('The instrument commits the parties to human rights (null: not established)'),
    text: safeText().trim().min(1).max(4000).nullable().default(null).describe('The clauses, or what is known of them'),
  }).default({ nonRefoulementClause: null, humanRightsClause: null, text: null }),
  monitoring: z.strictObject({
    body: safeText().trim().min(2).max(300).nullable().default(null).describe('The body that monitors implementation'),
    independent: z.boolean().nullable().default(null).describe('Whether that body is independent of the parties'),
    designatedOn: ZDate.nullable().default(null),
    reports: z.array(z.strictObject({ ...ZSource.shape, findings: safeText().trim().min(1).max(4000).nullable().default(null) })).max(50).default([]),
  }).default({ body: null, independent: null, designatedOn: null, reports: [] }),
  violations: safeText().trim().min(1).max(4000).nullable().default(null).describe('What the instrument provides for violations or significant adverse changes (suspension, termination)'),
  documents: ZSources.describe('The instrument and the documents about it'),
  lifecycle: ZLifecycle,
  owner: ZTenantCode.describe('The tenant that keeps it: COM when the EU is a party, else a Member State party, else an organisation party that is a tenant (or COM)'),
  reviewDue: ZDate.nullable().default(null).describe('When the partnership must next be reviewed (a renewal notice, an evaluation)'),
  verified: ZVerified,
  unverified: ZUnverified,
  note: ZNote,
});

export type Partnership = z.output<typeof ZPartnershipFields>;

/** The tenants that may keep a partnership with these parties. */
export function ownersAllowed(parties: Partnership['parties']): string[] {
  if (parties.eu) return ['COM'];
  if (parties.memberStates.length > 0) return [...parties.memberStates];
  const organisations = parties.organisations.map((o) => o.toUpperCase()).filter((o) => TENANT_CODES.has(o) && !MEMBER_STATE_CODES.has(o));
  return [...organisations, 'COM'];
}

function datesIssues(d: Partnership): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { signed, inForce, ended, suspensions } = d.dates;
  if (signed && inForce && inForce < signed) issues.push({ path: 'dates.inForce', message: `${inForce} is before it was signed (${signed})` });
  const start = inForce ?? signed;
  if (ended && start && ended < start) issues.push({ path: 'dates.ended', message: `${ended} is before ${start}` });
  suspensions.forEach((s, i) => {
    if (s.to !== null && s.to < s.from) issues.push({ path: `dates.suspensions.${i}.to`, message: `${s.to} is before from (${s.from})` });
  });
  if (ended && currentPhase(d.lifecycle) !== 'ended') issues.push({ path: 'lifecycle.phases', message: `the instrument ended on ${ended}: the lifecycle ends too (add an ended phase)` });
  return issues;
}

function partnershipIssues(d: Partnership): FieldIssue[] {
  const issues: FieldIssue[] = [...datesIssues(d), ...lifecycleIssues(d.lifecycle)];
  const allowed = ownersAllowed(d.parties);
  if (!allowed.includes(d.owner)) issues.push({ path: 'owner', message: `a partnership with these parties is kept by ${allowed.join(' or ')}` });
  if (MEMBER_STATE_CODES.has(d.parties.partner)) issues.push({ path: 'parties.partner', message: 'the partner is a third country, not a Member State' });
  if (new Set(d.parties.memberStates).size !== d.parties.memberStates.length) issues.push({ path: 'parties.memberStates', message: 'a Member State is listed twice' });
  d.parties.otherStates.forEach((c, i) => {
    if (MEMBER_STATE_CODES.has(c)) issues.push({ path: `parties.otherStates.${i}`, message: `${c} is a Member State: list it in memberStates` });
  });
  if (!d.parties.eu && d.parties.memberStates.length === 0 && d.parties.otherStates.length === 0 && d.parties.organisations.length === 0) {
    issues.push({ path: 'parties', message: 'a partnership has a party besides the partner country' });
  }
  if (d.monitoring.independent !== null && d.monitoring.body === null) issues.push({ path: 'monitoring.independent', message: 'name the monitoring body first' });
  return issues;
}

export const partnershipKind = defineRegistryKind<Partnership>({
  name: 'partnership',
  plural: 'partnerships',
  title: 'Partnerships and agreements',
  description: 'Partnerships and agreements with third countries: parties, instrument, dates, pillars and commitments, human-rights clauses, monitoring, documents, and the lifecycle of the solution with its gate checklist and roles',
  resource: 'partnership',
  fields: ZPartnershipFields,
  refine: partnershipIssues,
  keyOf: (d) => d.code,
  ownerOf: (d) => d.owner,
  labelOf: (d) => `${d.title} (${d.kind.replace(/-/g, ' ')}, ${d.parties.partner})`,
  searchTermsOf: (d) => [d.code, d.title, d.kind, d.parties.partner, ...d.parties.memberStates, ...d.parties.otherStates, ...d.parties.organisations,
    ...d.pillars.map((p) => p.title), d.monitoring.body ?? '', ...d.documents.map((s) => s.title), d.note ?? ''],
  refsOf: (d) => [...new Set([d.parties.partner, ...d.parties.memberStates, ...d.parties.otherStates].map((c) => `country:${c}`))],
  validityOf: (d) => ({ from: d.dates.inForce ?? d.dates.signed ?? d.lifecycle.phases[0]!.from, to: d.dates.ended }),
  reviewDueOf: (d) => d.reviewDue,
  stateOf: (d, on) => phaseOn(d.lifecycle, on)?.phase ?? 'not-yet',
  checkChange: (before, after) => phaseChangeIssues(before?.lifecycle ?? null, after.lifecycle),
  summaryOn: (d, on) => ({
    ...lifecycleSummary(d.lifecycle, on),
    routes: routesFor({ code: d.code, partner: d.parties.partner }).frontex,
    legallyBinding: d.legallyBinding,
    suspendedOn: d.dates.suspensions.some((s) => s.from <= on && (s.to === null || on <= s.to)),
  }),
  filters: {
    partner: {
      description: 'The partner country',
      schema: ZCountryCode,
      where: (value) => sql<SqlBool>`data -> 'parties' ->> 'partner' = ${value}`,
    },
    memberState: {
      description: 'Partnerships a Member State is a party to',
      schema: ZMemberStateCode,
      where: (value) => sql<SqlBool>`(data -> 'parties' -> 'memberStates') @> jsonb_build_array(${value}::text)`,
    },
    kind: fieldEquals('kind', z.enum(PARTNERSHIP_KINDS), 'statement, memorandum-of-understanding, protocol, binding-agreement, arrangement, joint-declaration, letter-of-intent'),
    phase: {
      description: 'The lifecycle phase on the date asked for (`on`, default today)',
      schema: z.enum(PHASES),
      where: (value, { on }) => sql<SqlBool>`(select p.v ->> 'phase' from jsonb_array_elements(data -> 'lifecycle' -> 'phases') with ordinality as p(v, n)
        where p.v ->> 'from' <= ${on} order by p.n desc limit 1) = ${value}`,
    },
  },
  example: {
    code: 'example-es-uy-arrangement', title: 'Example arrangement between Spain and Uruguay (illustration only)', kind: 'arrangement', legallyBinding: false,
    parties: { eu: false, memberStates: ['ES'], partner: 'UY', otherStates: [], organisations: [] },
    dates: { signed: null, inForce: null, suspensions: [], ended: null },
    pillars: [], humanRights: { nonRefoulementClause: null, humanRightsClause: null, text: null },
    monitoring: { body: null, independent: null, designatedOn: null, reports: [] }, violations: null,
    documents: [{ title: 'Example document (illustration only)', url: 'https://example.org/partnership', date: null }],
    lifecycle: {
      phases: [{ phase: 'exploration', from: '2030-01-01', reason: null, sources: [] }],
      checklist: emptyChecklist(),
      roles: [],
    },
    owner: 'ES', reviewDue: null, verified: false, unverified: [], note: 'An example, not a real partnership',
  },
});
