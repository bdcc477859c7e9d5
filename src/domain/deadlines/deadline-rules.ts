/**
 * @module domain/deadlines/deadline-rules
 * What each statutory deadline of the law engine (`law/deadlines.ts`) means for a case: in which
 * stages it runs, which stages discharge it, and who must act by then. The engine computes a deadline
 * whenever the facts allow it — the lodging time limit still comes back after the application was
 * lodged — so the case keeps only the deadlines that run in its stage, and the stage a transition
 * reaches tells whether a deadline that stops running was met.
 *
 * A deadline that stops running ends in one of three ways:
 * - `met`: the case reached a stage that discharges it (the application registered, the decision
 *   taken), or — for detention — the detention ended; on time when that happened on or before the
 *   due date, late otherwise;
 * - `missed`: it stopped running without being met after its due date (the case was discontinued,
 *   or moved on another way);
 * - `lapsed`: it stopped running without being met before its due date, so nobody failed it (the
 *   case went to the border procedure, whose own time limit took over).
 *
 * `party` says who must act: the authority, or the person (lodging the application, appealing,
 * leaving voluntarily). Both raise tasks and escalate, because the authority must act when the
 * person's period ends (a decision becomes final, a departure is enforced); the compliance report
 * counts the authority's by default.
 */
import type { CaseStage } from '../cases/case.ts';

export type DeadlineParty = 'authority' | 'person';
export type DeadlineOutcome = 'met' | 'missed' | 'lapsed';

export interface DeadlineRule {
  /** The name the law engine gives it. */
  name: string;
  party: DeadlineParty;
  /** Stages in which it runs; elsewhere the case does not keep it. */
  runsIn: readonly CaseStage[];
  /** Reaching one of these stages discharges it. */
  metBy: readonly CaseStage[];
  /** It is met when the engine stops computing it because its premise ended (detention recorded as ended). */
  metWhenDropped?: boolean;
}

/** Stages before the procedure's outcome: a detention's maximum runs through all of them. */
const BEFORE_OUTCOME: readonly CaseStage[] = ['registered', 'screening', 'application-made', 'application-registered', 'application-lodged',
  'admissibility', 'accelerated', 'border-procedure', 'examination', 'offshore-procedure', 'decided', 'appeal', 'return-decision'];
/** Stages where the person has left the territory. */
const DEPARTED: readonly CaseStage[] = ['voluntary-return', 'removed', 'transferred-return-hub', 'transferred-third-country', 'transferred-member-state'];

/** One rule per deadline of `law/deadlines.ts`, in the order of the procedure. */
export const DEADLINE_RULES: readonly DeadlineRule[] = [
  // Regulation (EU) 2024/1348 Art. 27(1) (Directive 2013/32/EU Art. 6(1); Regulation (EU) 2024/1359 Art. 10):
  // the authority registers the application it received.
  { name: 'registration', party: 'authority', runsIn: ['application-made'], metBy: ['application-registered'] },
  // Regulation (EU) 2024/1348 Art. 28(1): the applicant lodges the application after registration.
  { name: 'lodging', party: 'person', runsIn: ['application-registered'], metBy: ['application-lodged'] },
  // Art. 35(1): admissibility is decided by declaring the application inadmissible (`decided`) or by
  // examining it on the merits (or granting protection). In the border procedure its own time limit
  // takes over, so the admissibility time limit lapses there.
  { name: 'admissibility-decision', party: 'authority', runsIn: ['application-lodged', 'admissibility'], metBy: ['accelerated', 'examination', 'decided', 'protection-granted'] },
  // Art. 35(3): the decision in the accelerated procedure.
  { name: 'accelerated-decision', party: 'authority', runsIn: ['accelerated'], metBy: ['decided', 'protection-granted'] },
  // Art. 51(2) (Directive 2013/32/EU Art. 43(2)): decide, or end the border procedure and let the
  // applicant enter (`end-border-procedure` → examination), within the time limit.
  { name: 'border-procedure-end', party: 'authority', runsIn: ['border-procedure'], metBy: ['decided', 'protection-granted', 'examination'] },
  // Regulation (EU) 2024/1349 Art. 4(2): the return border procedure ends with the person's departure.
  { name: 'return-border-procedure-end', party: 'authority', runsIn: ['decided', 'appeal', 'return-decision'],
    metBy: ['voluntary-return', 'removed', 'transferred-return-hub', 'transferred-third-country'] },
  // Regulation (EU) 2024/1348 Art. 67(7): the applicant's time to appeal the decision.
  { name: 'appeal-lodging', party: 'person', runsIn: ['decided'], metBy: ['appeal'] },
  // Directive 2008/115/EC Art. 7(1): the period for voluntary departure.
  { name: 'voluntary-departure-end', party: 'person', runsIn: ['return-decision'], metBy: ['voluntary-return'] },
  // Directive 2008/115/EC Art. 15(5) and (6): the last day of detention; met by release (the detention
  // removed from the case's facts) or departure.
  { name: 'detention-maximum', party: 'authority', runsIn: BEFORE_OUTCOME, metBy: DEPARTED, metWhenDropped: true },
];

const BY_NAME = new Map(DEADLINE_RULES.map((r) => [r.name, r]));

/**
 * The rule of a deadline. A name this table does not know (a deadline added to the law package
 * later) runs in every stage before the outcome and is met by none, so it is never dropped
 * silently: it stays on the case, raises tasks, and ends as missed or lapsed.
 */
export function deadlineRule(name: string): DeadlineRule {
  return BY_NAME.get(name) ?? { name, party: 'authority', runsIn: BEFORE_OUTCOME, metBy: [] };
}

/** Whether the case keeps the deadline in this stage. */
export function runsIn(name: string, stage: CaseStage): boolean {
  return deadlineRule(name).runsIn.includes(stage);
}

export interface EndingFacts {
  name: string;
  dueOn: string;
  /** The day it stopped running: the transition's effective date, or the day of the change. */
  endedOn: string;
  /** The stage the case moved to, when a transition ended it. */
  movedTo: CaseStage | null;
  /** The engine no longer computes it (rather than: the case left the stages where it runs). */
  dropped: boolean;
}

/**
 * How a deadline that stopped running ended.
 * @example endingOf({ name: 'registration', dueOn: '2026-07-06', endedOn: '2026-07-08', movedTo: 'application-registered', dropped: false }) // 'met' (late)
 */
export function endingOf({ name, dueOn, endedOn, movedTo, dropped }: EndingFacts): DeadlineOutcome {
  const rule = deadlineRule(name);
  if (movedTo && rule.metBy.includes(movedTo)) return 'met';
  if (dropped && rule.metWhenDropped) return 'met';
  return endedOn > dueOn ? 'missed' : 'lapsed';
}
