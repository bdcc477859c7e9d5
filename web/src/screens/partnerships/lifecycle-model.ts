/**
 * @module web/screens/partnerships/lifecycle-model
 * What the partnership page shows of a lifecycle, decided apart from the page: the phase on a date,
 * the phase history with the current entry marked, the gate checklist (each item: done by the date or
 * not, or done only later; which gates need it; whether the next phase still misses it) and the roles
 * as a phase × actor table. The gates mirror domain/partnerships/lifecycle.ts (GATES, MOVES): design
 * needs the legal review; implementation and monitoring need all five items; suspending and ending are
 * never gated. Pure: the screen renders, this decides.
 */
import { CHECKLIST_ITEMS, PHASES, type ChecklistEntry, type ChecklistItem, type Lifecycle, type Phase } from './types.ts';

/** What each phase's gate needs (domain/partnerships/lifecycle.ts GATES). */
export const GATES: Record<Phase, readonly ChecklistItem[]> = {
  exploration: [],
  design: ['legalReview'],
  implementation: CHECKLIST_ITEMS,
  monitoring: CHECKLIST_ITEMS,
  suspended: [],
  ended: [],
};

/** The forward phase after each one (the next gate to pass); none after monitoring, suspended or ended. */
export const NEXT: Record<Phase, Phase | null> = {
  exploration: 'design',
  design: 'implementation',
  implementation: 'monitoring',
  monitoring: null,
  suspended: null,
  ended: null,
};

/** An item counts as done on `on` when it was done on or before that day. */
export function doneBy(entry: ChecklistEntry, on: string): boolean {
  return entry.done && (entry.on === null || entry.on <= on);
}

/** The phase entry in force on `on` (the last one started on or before it), or null before the first. */
export function phaseOn(lifecycle: Pick<Lifecycle, 'phases'>, on: string): Lifecycle['phases'][number] | null {
  let current: Lifecycle['phases'][number] | null = null;
  for (const entry of lifecycle.phases) if (entry.from <= on) current = entry;
  return current;
}

export type ItemStatus = 'done' | 'done-later' | 'not-done';

export interface ChecklistRow {
  item: ChecklistItem;
  status: ItemStatus;
  entry: ChecklistEntry;
  /** The gated phases that need it, in lifecycle order. */
  neededFor: Phase[];
  /** The next forward phase needs it and it is not done by the date. */
  blocksNext: boolean;
}

export interface GateModel {
  phase: Phase | null;
  since: string | null;
  next: Phase | null;
  /** Items the next phase's gate still misses on the date. */
  nextMissing: ChecklistItem[];
  /** Items the current phase's own gate misses on the date (a phase recorded before Waypoint may miss some). */
  currentMissing: ChecklistItem[];
  rows: ChecklistRow[];
  history: Array<Lifecycle['phases'][number] & { current: boolean; future: boolean }>;
}

/**
 * The gate checklist of a lifecycle on a date.
 * @example gateModel(italyAlbania.lifecycle, '2026-07-15').nextMissing // ['legalReview', 'fundamentalRightsImpactAssessment', 'monitoringBodyDesignated']
 */
export function gateModel(lifecycle: Lifecycle, on: string): GateModel {
  const entry = phaseOn(lifecycle, on);
  const phase = entry?.phase ?? null;
  const next = phase === null ? (lifecycle.phases[0]?.phase ?? null) : NEXT[phase];
  const missing = (p: Phase | null) => (p === null ? [] : GATES[p].filter((item) => !doneBy(lifecycle.checklist[item], on)));
  const nextMissing = missing(next);
  const rows = CHECKLIST_ITEMS.map((item): ChecklistRow => {
    const e = lifecycle.checklist[item];
    const status: ItemStatus = doneBy(e, on) ? 'done' : e.done ? 'done-later' : 'not-done';
    return { item, status, entry: e, neededFor: PHASES.filter((p) => GATES[p].includes(item)), blocksNext: nextMissing.includes(item) };
  });
  const currentIndex = entry ? lifecycle.phases.indexOf(entry) : -1;
  return {
    phase, since: entry?.from ?? null, next, nextMissing, currentMissing: missing(phase), rows,
    history: lifecycle.phases.map((p, i) => ({ ...p, current: i === currentIndex, future: p.from > on })),
  };
}

export interface RolesTable {
  phases: Phase[];
  actors: string[];
  /** role of actor in phase, or null. */
  cell(actor: string, phase: Phase): string | null;
}

/** The roles recorded, as a table of the phases and actors that have any (empty when none is recorded). */
export function rolesTable(roles: Lifecycle['roles']): RolesTable {
  const phases = PHASES.filter((p) => roles.some((r) => r.phase === p));
  const actors = [...new Set(roles.map((r) => r.actor))];
  const byKey = new Map(roles.map((r) => [`${r.phase}:${r.actor}`, r.role]));
  return { phases, actors, cell: (actor, phase) => byKey.get(`${phase}:${actor}`) ?? null };
}
