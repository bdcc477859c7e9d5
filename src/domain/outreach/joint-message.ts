/**
 * @module domain/outreach/joint-message
 * Joint messages to a partner country (the "coherent diplomatic approach" the Member States asked for
 * in December 2025, ../shared/LAW.md §0): drafts in numbered versions, the approvers the message
 * needs — the EEAS and every participating Member State — and each approver's decision on a version.
 * A message is approved when every required approver has approved its latest draft; a new draft asks
 * them again. Drafts and decisions are kept as written: a draft is never edited (write the next
 * version), a decision never withdrawn (record a new one on a later version).
 *
 * A message belongs to the tenant that drafts it (`owner`: the Commission, or a Member State that
 * leads); when it concerns a partnership, that partnership must exist.
 */
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { defineRegistryKind, fieldEquals, type FieldIssue } from '../registries/kind.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { safeText, ZCode, ZCountryCode, ZDate, ZMemberStateCode, ZNote, ZTenantCode } from '../registries/fields.ts';
import { MEMBER_STATE_CODES } from '../tenants/tenants.ts';

export const DECISIONS = ['approved', 'changes-requested', 'rejected'] as const;

const ZApprover = z.string().regex(/^(EEAS|COM|[A-Z]{2})$/, 'EEAS, COM or a Member State code')
  .refine((a) => a === 'EEAS' || a === 'COM' || MEMBER_STATE_CODES.has(a), 'EEAS, COM or a Member State code')
  .describe('EEAS, COM or a Member State code');

export const ZJointMessageFields = z.strictObject({
  code: ZCode.describe('The message\'s code (its key)'),
  title: safeText().trim().min(3).max(300),
  partner: ZCountryCode.describe('The partner country it is addressed to'),
  partnership: ZCode.nullable().default(null).describe('The partnership it concerns (its code), if any'),
  participants: z.array(ZMemberStateCode).max(27).default([]).describe('The participating Member States: each must approve, with the EEAS'),
  drafts: z.array(z.strictObject({
    version: z.number().int().min(1).max(1000),
    date: ZDate,
    text: safeText().trim().min(1).max(20_000),
    author: safeText().trim().min(2).max(200),
    note: safeText().trim().min(1).max(1000).nullable().default(null),
  })).min(1).max(200).describe('The drafts, version 1 first'),
  approvals: z.array(z.strictObject({
    by: ZApprover,
    version: z.number().int().min(1).max(1000).describe('The draft decided on'),
    decision: z.enum(DECISIONS),
    on: ZDate,
    note: safeText().trim().min(1).max(1000).nullable().default(null),
  })).max(2000).default([]).describe('Each approver\'s decisions, oldest first'),
  owner: ZTenantCode.describe('The tenant that drafts it'),
  note: ZNote,
});

export type JointMessage = z.output<typeof ZJointMessageFields>;

/** Who must approve: the EEAS and every participating Member State. */
export function requiredApprovers(m: Pick<JointMessage, 'participants'>): string[] {
  return ['EEAS', ...m.participants];
}

/** Where the latest draft stands: approved by all, rejected or sent back by one, or awaiting some. */
export function approvalStatus(m: JointMessage) {
  const latest = m.drafts[m.drafts.length - 1]!.version;
  const decided = new Map<string, (typeof DECISIONS)[number]>();
  for (const a of m.approvals) if (a.version === latest) decided.set(a.by, a.decision);
  const required = requiredApprovers(m);
  const pending = required.filter((a) => !decided.has(a));
  const against = required.filter((a) => decided.get(a) === 'rejected');
  const changes = required.filter((a) => decided.get(a) === 'changes-requested');
  const status = against.length ? 'rejected' : changes.length ? 'changes-requested' : pending.length ? 'awaiting-approval' : 'approved';
  return { latestVersion: latest, status, pending, rejectedBy: against, changesRequestedBy: changes, approvedBy: required.filter((a) => decided.get(a) === 'approved') };
}

function messageIssues(m: JointMessage): FieldIssue[] {
  const issues: FieldIssue[] = [];
  m.drafts.forEach((d, i) => {
    if (d.version !== i + 1) issues.push({ path: `drafts.${i}.version`, message: `drafts are numbered 1, 2, 3 …: this one should be ${i + 1}` });
    const previous = m.drafts[i - 1];
    if (previous && d.date < previous.date) issues.push({ path: `drafts.${i}.date`, message: `${d.date} is before version ${previous.version} (${previous.date})` });
  });
  const required = new Set([...requiredApprovers(m), 'COM']);
  const seen = new Set<string>();
  m.approvals.forEach((a, i) => {
    const draft = m.drafts.find((d) => d.version === a.version);
    if (!draft) issues.push({ path: `approvals.${i}.version`, message: `there is no draft ${a.version}` });
    else if (a.on < draft.date) issues.push({ path: `approvals.${i}.on`, message: `${a.on} is before draft ${a.version} was written (${draft.date})` });
    if (!required.has(a.by)) issues.push({ path: `approvals.${i}.by`, message: `${a.by} is not an approver: the EEAS, the Commission and the participating Member States are` });
    const key = `${a.by}:${a.version}`;
    if (seen.has(key)) issues.push({ path: `approvals.${i}`, message: `${a.by} already decided on version ${a.version}` });
    seen.add(key);
  });
  if (new Set(m.participants).size !== m.participants.length) issues.push({ path: 'participants', message: 'a Member State is listed twice' });
  return issues;
}

/** Drafts and decisions are kept as written: a change may only add to them. */
function keptAsWritten(before: JointMessage | null, after: JointMessage): FieldIssue[] {
  if (before === null) return [];
  const issues: FieldIssue[] = [];
  const same = (a: unknown, b: unknown) => b !== undefined && canonicalJson(a) === canonicalJson(b);
  before.drafts.forEach((d, i) => {
    if (!same(d, after.drafts[i])) issues.push({ path: `drafts.${i}`, message: `draft ${d.version} is kept as written: add version ${before.drafts.length + 1} instead` });
  });
  before.approvals.forEach((a, i) => {
    if (!same(a, after.approvals[i])) issues.push({ path: `approvals.${i}`, message: `${a.by}'s decision on version ${a.version} is kept: record a new decision on a later version` });
  });
  return issues;
}

export const jointMessageKind = defineRegistryKind<JointMessage>({
  name: 'joint-message',
  plural: 'joint-messages',
  title: 'Joint messages',
  description: 'Joint messages to partner countries: drafts with versions, the approvers required (the EEAS and the participating Member States) and their decisions',
  resource: 'outreach',
  fields: ZJointMessageFields,
  refine: messageIssues,
  keyOf: (m) => m.code,
  ownerOf: (m) => m.owner,
  labelOf: (m) => `${m.title} (to ${m.partner}, version ${m.drafts.length})`,
  searchTermsOf: (m) => [m.code, m.title, m.partner, m.partnership ?? '', ...m.participants, m.drafts[m.drafts.length - 1]!.text.slice(0, 2000), m.note ?? ''],
  refsOf: (m) => [`country:${m.partner}`, ...(m.partnership ? [`partnership:${m.partnership}`] : []), ...m.participants.map((c) => `country:${c}`)],
  linksOf: (m) => (m.partnership ? [{ path: 'partnership', kind: 'partnership', key: m.partnership }] : []),
  checkChange: keptAsWritten,
  stateOf: (m) => approvalStatus(m).status,
  summaryOn: (m) => approvalStatus(m),
  filters: {
    partner: fieldEquals('partner', ZCountryCode, 'The partner country'),
    partnership: fieldEquals('partnership', ZCode, 'The partnership it concerns (its code)'),
    participant: {
      description: 'Messages a Member State takes part in',
      schema: ZMemberStateCode,
      where: (value) => sql<SqlBool>`(data -> 'participants') @> jsonb_build_array(${value}::text)`,
    },
  },
  example: {
    code: 'example-es-uy-message', title: 'Example joint message (illustration only)', partner: 'UY', partnership: null, participants: ['ES'],
    drafts: [{ version: 1, date: '2031-01-01', text: 'Example text.', author: 'Example author', note: null }], approvals: [],
    owner: 'ES', note: 'An example, not a real message',
  },
});
