/**
 * @module domain/border-situations/crisis-authorisation
 * Council implementing decisions authorising a Member State to apply derogations under Regulation
 * (EU) 2024/1359 (crisis and force majeure), which applies from 12 June 2026 and only upon such a
 * decision: the Member State, the kind of situation, the border section, the period, and which
 * derogations. The law engine reads them (`context.crisisAuthorisations` of law/facts.ts) through the
 * law snapshot, so the derogations carry the names the engine reads:
 * - `registration-4-weeks` — registration up to four weeks after the application is made (Art. 10(1));
 * - `border-procedure-plus-6-weeks` — the border procedure extended by six weeks (Art. 11(1));
 * - `border-procedure-relief` — relief from the mandatory border procedure (Art. 11);
 * - `border-procedure-extension` — the border procedure extended to further nationalities (Art. 11).
 * Measures that bar applications are not derogations a Council decision can grant: they are not in
 * the list (the asylum-access check flags them where a Member State records them).
 *
 * They are acts of the Union: the Commission's administrators keep them (`COM`), never the Member
 * State they authorise — the engine relaxes time limits on their strength.
 */
import { z } from 'zod';
import { defineRegistryKind, fieldEquals, type FieldIssue } from '../registries/kind.ts';
import { safeText, ZDate, ZMemberStateCode, ZNote, ZSource, ZUnverified, ZVerified } from '../registries/fields.ts';
import type { BorderSituation } from './border-situation.ts';

/** The derogations, named as law/deadlines.ts, law/questions/access.ts and law/questions/procedures.ts read them. */
export const CRISIS_DEROGATIONS = ['registration-4-weeks', 'border-procedure-plus-6-weeks', 'border-procedure-relief', 'border-procedure-extension'] as const;
export const CRISIS_KINDS = ['mass-arrival', 'instrumentalisation', 'force-majeure'] as const;

export const ZCrisisAuthorisationFields = z.strictObject({
  memberState: ZMemberStateCode.describe('The Member State authorised'),
  kind: z.enum(CRISIS_KINDS),
  section: safeText().trim().min(3).max(300).nullable().default(null).describe('The border section it covers, if limited to one'),
  from: ZDate.describe('First day of the authorisation'),
  to: ZDate.describe('Last day of the authorisation'),
  derogations: z.array(z.enum(CRISIS_DEROGATIONS)).min(1).max(CRISIS_DEROGATIONS.length).describe('The derogations authorised, as the law engine names them'),
  decision: ZSource.describe('The Council implementing decision'),
  proposal: ZSource.nullable().default(null).describe('The Commission\'s proposal or implementing decision it follows'),
  situation: safeText().trim().min(3).max(300).nullable().default(null).describe('The declared border situation it answers (its key), if recorded'),
  verified: ZVerified,
  unverified: ZUnverified,
  note: ZNote,
});

export type CrisisAuthorisation = z.output<typeof ZCrisisAuthorisationFields>;

function authorisationIssues(a: CrisisAuthorisation): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (a.to < a.from) issues.push({ path: 'to', message: `${a.to} is before from (${a.from})` });
  if (new Set(a.derogations).size !== a.derogations.length) issues.push({ path: 'derogations', message: 'a derogation is listed twice' });
  // Regulation (EU) 2024/1359 applies from 12 June 2026 (../shared/LAW.md §3 and §10; law/instruments.yaml).
  if (a.from < '2026-06-12') issues.push({ path: 'from', message: 'Regulation (EU) 2024/1359 applies from 12 June 2026' });
  return issues;
}

export const crisisAuthorisationKind = defineRegistryKind<CrisisAuthorisation>({
  name: 'crisis-authorisation',
  plural: 'crisis-authorisations',
  title: 'Crisis authorisations',
  description: 'Council implementing decisions authorising derogations under Regulation (EU) 2024/1359: Member State, kind, section, period and derogations (read by the law engine)',
  resource: 'border-situation',
  fields: ZCrisisAuthorisationFields,
  refine: authorisationIssues,
  keyOf: (a) => `${a.memberState}:${a.kind}:${a.from}`,
  ownerOf: () => 'COM',
  labelOf: (a) => `${a.kind} derogations for ${a.memberState} from ${a.from} to ${a.to}: ${a.derogations.join(', ')}`,
  searchTermsOf: (a) => [a.memberState, a.kind, a.section ?? '', ...a.derogations, a.decision.title, a.note ?? ''],
  refsOf: (a) => [`country:${a.memberState}`, ...(a.situation ? [`border-situation:${a.situation}`] : [])],
  linksOf: (a) => (a.situation === null ? [] : [{
    path: 'situation', kind: 'border-situation', key: a.situation,
    check: (s: BorderSituation) => (s.memberState === a.memberState ? null : `${a.situation} is ${s.memberState}'s situation, not ${a.memberState}'s`),
  }]),
  validityOf: (a) => ({ from: a.from, to: a.to }),
  filters: {
    memberState: fieldEquals('memberState', ZMemberStateCode, 'The Member State authorised'),
    kind: fieldEquals('kind', z.enum(CRISIS_KINDS), 'mass-arrival, instrumentalisation or force-majeure'),
  },
  example: {
    memberState: 'ES', kind: 'mass-arrival', section: null, from: '2031-01-01', to: '2031-03-31', derogations: ['registration-4-weeks'],
    decision: { title: 'Example Council implementing decision (illustration only)', url: 'https://example.org/decision', date: null }, proposal: null,
    situation: null, verified: false, unverified: [], note: 'An example, not a real authorisation',
  },
});
