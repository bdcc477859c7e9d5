/**
 * @module domain/deadlines/deadline
 * A case's deadlines as Waypoint keeps them, and the pure step from the law engine's answer to what
 * changes: which deadlines the case keeps in its stage, which are new or moved, and which ended and
 * how (`deadline-rules.ts`). Storage and audit are the callers' (`write-deadlines.ts`).
 */
import type { Deadline } from '../../../law/finding.ts';
import type { CaseStage } from '../cases/case.ts';
import { deadlineRule, endingOf, runsIn, type DeadlineOutcome, type DeadlineParty } from './deadline-rules.ts';

/** A deadline kept on an open case. */
export interface CaseDeadline {
  name: string;
  dueOn: string;
  /** Citations of the provisions it rests on. */
  basis: string[];
}

/** The law a set of deadlines was computed under. */
export interface DeadlineProvenance {
  /** The date the law was applied at: it picks the parameter values in force. */
  assessedOn: string;
  /** SHA-256 digest of the law package (`domain/cases/law-version.ts`). */
  lawDigest: string;
  /** The registries' revision the facts beyond the case were read at; `null`: the law package's defaults. */
  registryRevision: number | null;
}

/** A deadline that stopped running, and how. */
export interface DeadlineEnding extends CaseDeadline {
  party: DeadlineParty;
  outcome: DeadlineOutcome;
  endedOn: string;
}

export interface DeadlineChange {
  /** The deadlines the case keeps now, earliest first (the first is the queue's "next"). */
  current: CaseDeadline[];
  ended: DeadlineEnding[];
  /** Whether `current` differs from what was kept (a name, a date or a basis). */
  changed: boolean;
}

const sameBasis = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Earliest first; by name among deadlines due the same day, so the order is stable. */
export function byDueDate(a: CaseDeadline, b: CaseDeadline): number {
  return a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export interface DiffDeadlinesOptions {
  /** What the case kept until now. */
  previous: readonly CaseDeadline[];
  /** Everything the engine computed on the new facts; `null` when it could not assess the case (the previous deadlines stand). */
  computed: readonly Deadline[] | null;
  /** The case's stage now; `closed` keeps nothing. */
  stage: CaseStage;
  /** The day of the change: a transition's effective date, or today. */
  on: string;
  /** The stage a transition moved the case to; `null` for a change of facts or of law. */
  movedTo: CaseStage | null;
}

/**
 * The case's deadlines after a change, and the ones that ended.
 * @example diffDeadlines({ previous: [], computed: assessment.deadlines, stage: 'application-made', on: '2026-07-01', movedTo: 'application-made' })
 */
export function diffDeadlines({ previous, computed, stage, on, movedTo }: DiffDeadlinesOptions): DeadlineChange {
  // Without an answer (the person's data erased, facts the engine refuses), what was known stands:
  // a deadline never disappears because the engine could not be asked.
  const answer = computed ?? previous.map((p) => ({ name: p.name, date: p.dueOn, basis: p.basis }));
  const engine = new Map(answer.map((d) => [d.name, d]));
  const current = [...engine.values()].filter((d) => runsIn(d.name, stage))
    .map((d): CaseDeadline => ({ name: d.name, dueOn: d.date, basis: [...d.basis] })).sort(byDueDate);
  const kept = new Map(current.map((d) => [d.name, d]));
  const ended = previous.filter((p) => !kept.has(p.name)).map((p): DeadlineEnding => ({
    ...p, party: deadlineRule(p.name).party, endedOn: on,
    outcome: endingOf({ name: p.name, dueOn: p.dueOn, endedOn: on, movedTo, dropped: computed !== null && !engine.has(p.name) }),
  }));
  const changed = current.length !== previous.length
    || previous.some((p) => { const n = kept.get(p.name); return !n || n.dueOn !== p.dueOn || !sameBasis(n.basis, p.basis); });
  return { current, ended, changed };
}
