/**
 * @module web/screens/partnerships/lifecycle-model
 * What the partnership page shows of a lifecycle, decided apart from the page: the phase on a date,
 * the phase history with the current entry marked, the gate checklist (each item: done by the date or
 * not, or done only later; which gates need it; whether the next phase still misses it) and the roles
 * as a phase × actor table. What each gate needs and which phase comes next are the server's rules,
 * read from the record's summary (domain/partnerships/lifecycle.ts lifecycleSummary): the page has no
 * copy of them. Pure: the screen renders, this decides.
 */
import { CHECKLIST_ITEMS, PHASES, type ChecklistEntry, type ChecklistItem, type Lifecycle, type Phase } from './types.ts';

/** The server's gate rules as the record's summary gives them. */
export interface GateRules {
  /** What each phase's gate needs. */
  gates: Record<Phase, readonly ChecklistItem[]>;
  /** The next forward phase on the date (none after monitoring, or when suspended or ended). */
  next: { phase: Phase } | null;
}

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
 * @example gateModel(italyAlbania.lifecycle, '2026-07-15', record.summary).nextMissing // ['legalReview', 'fundamentalRightsImpactAssessment', 'monitoringBodyDesignated']
 */
export function gateModel(lifecycle: Lifecycle, on: string, rules: GateRules | null): GateModel {
  const entry = phaseOn(lifecycle, on);
  const phase = entry?.phase ?? null;
  // Before the first phase, the next one is the first recorded; after it, the server's.
  const next = phase === null ? (lifecycle.phases[0]?.phase ?? null) : rules?.next?.phase ?? null;
  const gates = rules?.gates;
  const needs = (p: Phase | null): readonly ChecklistItem[] => (p === null || !gates ? [] : gates[p]);
  const missing = (p: Phase | null) => needs(p).filter((item) => !doneBy(lifecycle.checklist[item], on));
  const nextMissing = missing(next);
  const rows = CHECKLIST_ITEMS.map((item): ChecklistRow => {
    const e = lifecycle.checklist[item];
    const status: ItemStatus = doneBy(e, on) ? 'done' : e.done ? 'done-later' : 'not-done';
    return { item, status, entry: e, neededFor: PHASES.filter((p) => needs(p).includes(item)), blocksNext: nextMissing.includes(item) };
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
