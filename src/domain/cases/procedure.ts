/**
 * @module domain/cases/procedure
 * THE procedure as data: one table of transitions. Each row says from which stages a case may move to
 * which, for which kinds of case, which findings of the law engine must permit it (question, subject,
 * the outcomes that allow), which conditions of the case itself must hold (`guards.ts`, each with its
 * citation), what it records in the case's facts (`effects.ts`), whether a supervisor must approve it
 * (four eyes), and which action of the permission table its proposer needs (`transition` for
 * procedural steps, `decide` for decisions and movements of the person).
 *
 * Nothing else moves a case: `take-transition.ts`, `approve-transition.ts` and `update-case.ts` read
 * this table, and `list-transitions.ts` shows it to the caller with the law's answers on a date.
 *
 * Citations: both regimes are cited where the step exists in both (Directive 2013/32/EU for
 * applications made before 12 June 2026, Regulation (EU) 2024/1348 from that day, as the law engine
 * keys them); the engine's findings carry their own, version-exact citations. Article numbers not yet
 * checked against the Official Journal (law/VERIFICATION.md has no entry for them): APR Art. 37
 * (return decision with the rejection), Art. 39 (decision on the merits), Arts. 40–41 (withdrawal);
 * Regulation (EU) 2024/1351 Art. 46 (transfers); Regulation (EU) 2024/1350 Art. 2; Regulation (EU)
 * 2024/1356 Arts. 5 and 7.
 */
import type { Action } from '../access/permissions.ts';
import type { Outcome, Question } from '../../../law/finding.ts';
import type { CaseKind, CaseStage } from './case.ts';

/** A finding of the law engine the transition needs, and the outcomes that permit it. */
export interface Requirement {
  question: Question;
  /** Asked per country or per agreement: the transition's subject (given by the caller) picks the finding. */
  per?: 'country' | 'agreement';
  /** Outcomes that permit the transition; any other (or the question not asked) refuses it. */
  allow: readonly Outcome[];
  /** The regimes it applies under (`apd-2013`, `apr-2024`); all when omitted. */
  regimes?: readonly string[];
}

export type GuardName = 'decision-negative' | 'decision-stc-for-country' | 'right-to-remain-ended' | 'family-together'
  | 'unaccompanied-minor-return' | 'appeal-against-return-decision' | 'appeal-against-asylum-decision'
  | 'no-real-risk-on-record' | 'subsequent-without-new-elements';

export type EffectName = 'application-made' | 'application-registered' | 'application-lodged' | 'inadmissible-stc' | 'inadmissible-fca'
  | 'inadmissible-subsequent' | 'rejected' | 'appeal-lodged' | 'appeal-allowed' | 'appeal-dismissed' | 'return-decision' | 'outcome' | 'none';

export interface TransitionDef {
  id: string;
  label: string;
  from: readonly CaseStage[];
  to: CaseStage;
  /** Kinds of case it applies to; all when omitted. */
  kinds?: readonly CaseKind[];
  /** The subject the caller names: the destination country, or the agreement. */
  subject?: 'country' | 'agreement';
  requires: readonly Requirement[];
  guards: readonly GuardName[];
  effect: EffectName;
  /** A supervisor other than the proposer must approve it. */
  fourEyes: boolean;
  /** The permission-table action (on `case`) the proposer needs. */
  action: Extract<Action, 'transition' | 'decide'>;
  /** The provisions the step itself rests on. */
  basis: readonly string[];
}

const ASYLUM: readonly CaseKind[] = ['asylum', 'screening'];
const YES: readonly Outcome[] = ['yes'];
/** Anything but a firm "must": the regular procedure is open unless the law requires another. */
const NOT_YES: readonly Outcome[] = ['no', 'review', 'uncertain'];
const OPEN_STAGES: readonly CaseStage[] = ['registered', 'screening', 'application-made', 'application-registered', 'application-lodged',
  'admissibility', 'accelerated', 'border-procedure', 'examination', 'offshore-procedure', 'decided', 'appeal', 'return-decision'];
const OUTCOME_STAGES: readonly CaseStage[] = ['protection-granted', 'voluntary-return', 'removed', 'transferred-return-hub', 'transferred-third-country',
  'transferred-member-state', 'resettled', 'decided'];
const EXAMINATIONS: readonly CaseStage[] = ['accelerated', 'border-procedure', 'examination', 'offshore-procedure'];
const MOVING: readonly GuardName[] = ['family-together'];

function step(def: Omit<TransitionDef, 'requires' | 'guards' | 'effect' | 'fourEyes' | 'action'> & Partial<TransitionDef>): TransitionDef {
  return { requires: [], guards: [], effect: 'none', fourEyes: false, action: 'transition', ...def };
}

/** Every transition of every procedure. */
export const TRANSITIONS: readonly TransitionDef[] = [
  // Arrival, interception, rescue or apprehension → screening.
  step({ id: 'start-screening', label: 'Start the screening', from: ['registered'], to: 'screening',
    basis: ['Regulation (EU) 2024/1356 Arts. 5 and 7'] }),
  // The application: made, registered, lodged. Making an application is a right that no finding can
  // refuse; the engine's `access-to-procedure` and registration deadlines are shown with the case.
  step({ id: 'make-application', label: 'Record that an application for international protection was made', kinds: ASYLUM,
    from: ['registered', 'screening', 'return-decision'], to: 'application-made', effect: 'application-made',
    basis: ['Regulation (EU) 2024/1348 Art. 26', 'Directive 2013/32/EU Art. 6(1)'] }),
  step({ id: 'register-application', label: 'Register the application', kinds: ASYLUM, from: ['application-made'], to: 'application-registered',
    effect: 'application-registered', basis: ['Regulation (EU) 2024/1348 Art. 27(1)', 'Directive 2013/32/EU Art. 6(1)'] }),
  step({ id: 'lodge-application', label: 'Record that the application was lodged', kinds: ASYLUM, from: ['application-registered'], to: 'application-lodged',
    effect: 'application-lodged', basis: ['Regulation (EU) 2024/1348 Art. 28(1)', 'Directive 2013/32/EU Art. 6(2) to (4)'] }),
  // The procedure the application is examined in.
  step({ id: 'examine-admissibility', label: 'Examine admissibility', kinds: ASYLUM, from: ['application-lodged'], to: 'admissibility',
    basis: ['Regulation (EU) 2024/1348 Art. 38', 'Directive 2013/32/EU Art. 33'] }),
  step({ id: 'examine-in-accelerated-procedure', label: 'Examine in the accelerated procedure', kinds: ASYLUM, from: ['application-lodged', 'admissibility'],
    to: 'accelerated', requires: [{ question: 'accelerated-procedure', allow: YES }],
    basis: ['Regulation (EU) 2024/1348 Art. 42', 'Directive 2013/32/EU Art. 31(8)'] }),
  step({ id: 'examine-in-border-procedure', label: 'Examine in the border procedure', kinds: ASYLUM,
    from: ['application-registered', 'application-lodged', 'admissibility'], to: 'border-procedure',
    requires: [{ question: 'border-procedure-allowed', allow: YES }],
    basis: ['Regulation (EU) 2024/1348 Arts. 43 and 44', 'Directive 2013/32/EU Art. 43'] }),
  step({ id: 'examine-in-regular-procedure', label: 'Examine in the regular procedure', kinds: ASYLUM, from: ['application-lodged', 'admissibility'],
    to: 'examination', requires: [{ question: 'border-procedure-mandatory', allow: NOT_YES }, { question: 'accelerated-procedure', allow: NOT_YES }],
    basis: ['Regulation (EU) 2024/1348 Art. 35', 'Directive 2013/32/EU Art. 31'] }),
  // After the border procedure's time limit, or where it must not or no longer be applied, the applicant
  // is authorised to enter and the examination goes on (APR Art. 51(2), Art. 53(2)).
  step({ id: 'end-border-procedure', label: 'End the border procedure and continue the examination', kinds: ASYLUM, from: ['border-procedure'],
    to: 'examination', basis: ['Regulation (EU) 2024/1348 Art. 51(2)', 'Regulation (EU) 2024/1348 Art. 53(2)', 'Directive 2013/32/EU Art. 43(2)'] }),
  step({ id: 'take-to-offshore-facility', label: 'Take the applicant to a partner\'s facility under an agreement', kinds: ASYLUM,
    from: ['application-registered', 'application-lodged', 'border-procedure'], to: 'offshore-procedure', subject: 'agreement',
    requires: [{ question: 'offshore-processing', per: 'agreement', allow: YES }], guards: MOVING, fourEyes: true, action: 'decide',
    effect: 'outcome', basis: ['Protocol between Italy and Albania of 6 November 2023, Arts. 1 to 4', 'Regulation (EU) 2024/1348 Art. 43(1), point (c)'] }),
  // First-instance decisions (four eyes).
  step({ id: 'declare-inadmissible-safe-third-country', label: 'Declare the application inadmissible: safe third country', kinds: ASYLUM,
    from: ['admissibility', 'border-procedure'], to: 'decided', subject: 'country', effect: 'inadmissible-stc', fourEyes: true, action: 'decide',
    requires: [{ question: 'stc-inadmissibility', per: 'country', allow: YES }],
    basis: ['Regulation (EU) 2024/1348 Art. 38(1), point (b)', 'Regulation (EU) 2024/1348 Art. 59', 'Directive 2013/32/EU Art. 33(2), point (c)'] }),
  // The engine answers `review` where it turns on whether the applicant enjoyed protection there, an
  // individual assessment that the proposer and the approving supervisor make: `review` is accepted,
  // the non-refoulement part only with an individual assessment on record (the guard).
  step({ id: 'declare-inadmissible-first-country-of-asylum', label: 'Declare the application inadmissible: first country of asylum', kinds: ASYLUM,
    from: ['admissibility', 'border-procedure'], to: 'decided', subject: 'country', effect: 'inadmissible-fca', fourEyes: true, action: 'decide',
    requires: [{ question: 'fca-inadmissibility', per: 'country', allow: ['yes', 'review'] }], guards: ['no-real-risk-on-record'],
    basis: ['Regulation (EU) 2024/1348 Art. 38(1), point (a)', 'Regulation (EU) 2024/1348 Art. 58', 'Directive 2013/32/EU Art. 33(2), point (b)'] }),
  step({ id: 'declare-inadmissible-subsequent', label: 'Declare the subsequent application inadmissible', kinds: ASYLUM,
    from: ['admissibility', 'border-procedure', 'accelerated'], to: 'decided', effect: 'inadmissible-subsequent', fourEyes: true, action: 'decide',
    // The Regulation requires it (the engine's "must" is `yes`); the Directive only allows it, so under
    // the Directive the guard's condition (no new elements) is what permits it.
    requires: [{ question: 'subsequent-inadmissibility', allow: YES, regimes: ['apr-2024'] }], guards: ['subsequent-without-new-elements'],
    basis: ['Regulation (EU) 2024/1348 Art. 38(2)', 'Regulation (EU) 2024/1348 Arts. 55 and 56', 'Directive 2013/32/EU Art. 33(2), point (d)'] }),
  step({ id: 'reject-application', label: 'Reject the application on the merits', kinds: ASYLUM, from: EXAMINATIONS, to: 'decided',
    effect: 'rejected', fourEyes: true, action: 'decide',
    basis: ['Regulation (EU) 2024/1348 Art. 39', 'Directive 2013/32/EU Art. 32'] }),
  step({ id: 'grant-protection', label: 'Grant international protection', kinds: ASYLUM, from: [...EXAMINATIONS, 'admissibility', 'appeal'],
    to: 'protection-granted', effect: 'outcome', fourEyes: true, action: 'decide',
    basis: ['Directive 2011/95/EU Arts. 13 and 18 (Regulation (EU) 2024/1347 from 1 July 2026)'] }),
  // Appeal: the right to remain follows the engine's `appeal-suspensive` finding, recorded on lodging.
  step({ id: 'lodge-appeal', label: 'Record an appeal against the decision', from: ['decided', 'return-decision'], to: 'appeal', effect: 'appeal-lodged',
    basis: ['Regulation (EU) 2024/1348 Art. 67(1)', 'Directive 2013/32/EU Art. 46(1)', 'Directive 2008/115/EC Art. 13(1)'] }),
  step({ id: 'allow-appeal', label: 'Record that the court annulled the decision: examine again', kinds: ASYLUM, from: ['appeal'], to: 'examination',
    effect: 'appeal-allowed', guards: ['appeal-against-asylum-decision'], basis: ['Regulation (EU) 2024/1348 Art. 67(1)', 'Directive 2013/32/EU Art. 46(3)'] }),
  step({ id: 'dismiss-appeal', label: 'Record that the court dismissed the appeal', from: ['appeal'], to: 'decided', effect: 'appeal-dismissed',
    guards: ['appeal-against-asylum-decision'], basis: ['Regulation (EU) 2024/1348 Art. 67(1)', 'Directive 2013/32/EU Art. 46(1)'] }),
  step({ id: 'dismiss-appeal-against-return-decision', label: 'Record that the court upheld the return decision', from: ['appeal'], to: 'return-decision',
    effect: 'appeal-dismissed', guards: ['appeal-against-return-decision'], basis: ['Directive 2008/115/EC Art. 13(1)'] }),
  // Return.
  step({ id: 'issue-return-decision', label: 'Issue a return decision (voluntary departure period, entry ban)', kinds: ['asylum', 'return', 'screening'],
    from: ['registered', 'screening', 'decided'], to: 'return-decision', effect: 'return-decision', guards: ['decision-negative'], fourEyes: true, action: 'decide',
    basis: ['Directive 2008/115/EC Art. 6(1)', 'Directive 2008/115/EC Art. 7(1)', 'Directive 2008/115/EC Art. 11(1)', 'Regulation (EU) 2024/1348 Art. 37'] }),
  step({ id: 'depart-voluntarily', label: 'Record the voluntary departure', from: ['return-decision'], to: 'voluntary-return', subject: 'country', effect: 'outcome',
    basis: ['Directive 2008/115/EC Art. 7(1)', 'Directive 2008/115/EC Art. 3, point (8)'] }),
  step({ id: 'remove', label: 'Remove the person to a country', from: ['return-decision', 'appeal'], to: 'removed', subject: 'country', effect: 'outcome',
    requires: [{ question: 'removal', per: 'country', allow: YES }], guards: ['right-to-remain-ended', 'unaccompanied-minor-return', ...MOVING],
    fourEyes: true, action: 'decide', basis: ['Directive 2008/115/EC Art. 8(1)'] }),
  step({ id: 'transfer-to-return-hub', label: 'Transfer the person to a return hub under an agreement', from: ['return-decision', 'appeal'],
    to: 'transferred-return-hub', subject: 'agreement', effect: 'outcome', requires: [{ question: 'return-hub-transfer', per: 'agreement', allow: YES }],
    guards: ['right-to-remain-ended', ...MOVING], fourEyes: true, action: 'decide', basis: ['Directive 2008/115/EC Art. 3, point (3)'] }),
  step({ id: 'transfer-to-safe-third-country', label: 'Transfer the applicant to the safe third country', kinds: ASYLUM, from: ['decided', 'appeal'],
    to: 'transferred-third-country', subject: 'country', effect: 'outcome', requires: [{ question: 'stc-inadmissibility', per: 'country', allow: YES }],
    guards: ['decision-stc-for-country', 'right-to-remain-ended', ...MOVING], fourEyes: true, action: 'decide',
    basis: ['Regulation (EU) 2024/1348 Art. 59', 'Directive 2013/32/EU Art. 38(4)'] }),
  // Transfer to the Member State responsible: responsibility is determined outside the law engine
  // (Regulation (EU) 2024/1351 is not among its questions), so a supervisor confirms it.
  step({ id: 'transfer-to-member-state', label: 'Transfer the applicant to the Member State responsible', kinds: ['asylum', 'transfer'],
    from: ['registered', 'application-lodged', 'admissibility', 'examination'], to: 'transferred-member-state', subject: 'country', effect: 'outcome',
    guards: MOVING, fourEyes: true, action: 'decide', basis: ['Regulation (EU) 2024/1351 Art. 46'] }),
  step({ id: 'resettle', label: 'Record the arrival of a resettled person', kinds: ['resettlement'], from: ['registered'], to: 'resettled', effect: 'outcome',
    basis: ['Regulation (EU) 2024/1350 Art. 2'] }),
  // Ending a case.
  step({ id: 'discontinue', label: 'Discontinue: application withdrawn, person absconded or case opened in error', from: OPEN_STAGES, to: 'closed',
    fourEyes: true, action: 'decide', basis: ['Regulation (EU) 2024/1348 Arts. 40 and 41', 'Directive 2013/32/EU Arts. 27 and 28'] }),
  step({ id: 'close', label: 'Close the case', from: OUTCOME_STAGES, to: 'closed',
    // Closing has no effect in asylum or return law; it starts the retention periods counted from
    // case closure (`retention_policies`), which is why it is recorded.
    basis: ['Regulation (EU) 2016/679 Art. 5(1), point (e)'] }),
];

const BY_ID = new Map(TRANSITIONS.map((t) => [t.id, t]));

/** The transition named `id`, or undefined. */
export function transitionById(id: string): TransitionDef | undefined {
  return BY_ID.get(id);
}

/** The transitions leaving `stage` for a case of `kind`, in table order. */
export function transitionsFrom(stage: CaseStage, kind: CaseKind): TransitionDef[] {
  return TRANSITIONS.filter((t) => t.from.includes(stage) && (!t.kinds || t.kinds.includes(kind)));
}

/** Stages where the case's procedure has ended. */
export const TERMINAL_STAGES: readonly CaseStage[] = ['closed'];
