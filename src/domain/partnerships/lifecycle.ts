/**
 * @module domain/partnerships/lifecycle
 * The lifecycle of an "innovative solution" (the Member States' letters of 15 May 2024 and
 * 15 December 2025, ../shared/LAW.md §0): exploration → design → implementation → monitoring, and
 * from any of them to suspended or ended. Each phase change is a dated entry of the partnership's
 * phase history; a change into design, implementation or monitoring passes a gate: the checklist
 * items that phase needs must be done, on or before the day of the change.
 *
 * The gates (GATES below):
 * - design: the legal review of the concept is done (is it lawful under EU law at all: the
 *   safe-third-country concept, non-refoulement, Art. 18–19 of the Charter);
 * - implementation and monitoring: all five items — legal review, fundamental-rights impact
 *   assessment, funding secured, monitoring body designated, partner's consent recorded. Monitoring
 *   needs them too, because a solution may resume in monitoring after a suspension.
 * Suspending and ending are never gated: a solution can always be stopped. Ended is final.
 *
 * Roles (responsible / accountable / consulted / informed) of the EEAS, the Commission services,
 * EUAA, Frontex, UNHCR, IOM and the Member States are recorded per phase; RACI_TEMPLATE is a starting
 * point for a new partnership, not a fact about any real one.
 *
 * Waypoint checks changes, not history: a partnership recorded with phases that predate Waypoint
 * keeps them as they happened (the seed writes them so; the EU–Turkey Statement had no
 * fundamental-rights impact assessment), and the gates apply to every phase change made from then on.
 */
import { z } from 'zod';
import type { FieldIssue } from '../registries/kind.ts';
import { safeText, ZDate, ZSource } from '../registries/fields.ts';

export const PHASES = ['exploration', 'design', 'implementation', 'monitoring', 'suspended', 'ended'] as const;
export type Phase = (typeof PHASES)[number];

export const CHECKLIST_ITEMS = ['legalReview', 'fundamentalRightsImpactAssessment', 'fundingSecured', 'monitoringBodyDesignated', 'partnerConsent'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

/** How each item is named in messages. */
export const ITEM_LABELS: Record<ChecklistItem, string> = {
  legalReview: 'legal review done',
  fundamentalRightsImpactAssessment: 'fundamental-rights impact assessment done',
  fundingSecured: 'funding secured',
  monitoringBodyDesignated: 'monitoring body designated',
  partnerConsent: 'partner\'s consent recorded',
};

/** What each phase's gate needs. */
export const GATES: Record<Phase, readonly ChecklistItem[]> = {
  exploration: [],
  design: ['legalReview'],
  implementation: CHECKLIST_ITEMS,
  monitoring: CHECKLIST_ITEMS,
  suspended: [],
  ended: [],
};

/** The moves a phase change may make (a new record may start in any phase). */
export const MOVES: Record<Phase, readonly Phase[]> = {
  exploration: ['design', 'suspended', 'ended'],
  design: ['implementation', 'exploration', 'suspended', 'ended'],
  implementation: ['monitoring', 'design', 'suspended', 'ended'],
  monitoring: ['implementation', 'suspended', 'ended'],
  suspended: ['exploration', 'design', 'implementation', 'monitoring', 'ended'],
  ended: [],
};

export const RACI_ACTORS = ['EEAS', 'COM', 'EUAA', 'FRONTEX', 'UNHCR', 'IOM', 'MEMBER-STATES'] as const;
export const RACI_ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const;

const ZReason = safeText().trim().min(3).max(2000);

const ZPhaseEntry = z.strictObject({
  phase: z.enum(PHASES),
  from: ZDate.describe('The day the solution entered the phase'),
  reason: ZReason.nullable().default(null).describe('Why (required for suspended and ended)'),
  sources: z.array(ZSource).max(10).default([]),
}).describe('A phase change');

const ZChecklistEntry = z.strictObject({
  done: z.boolean(),
  on: ZDate.nullable().default(null).describe('The day it was done (required when done)'),
  evidence: z.array(ZSource).max(10).default([]).describe('The document showing it: the legal opinion, the assessment, the funding decision, the designation, the partner\'s letter'),
  note: safeText().trim().min(1).max(2000).nullable().default(null),
}).describe('A gate checklist item');

const NOT_DONE = { done: false, on: null, evidence: [], note: null };

export const ZLifecycle = z.strictObject({
  phases: z.array(ZPhaseEntry).min(1).max(50).describe('The phase history, oldest first; the last entry is the current phase. Append to change phase.'),
  checklist: z.strictObject(Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, ZChecklistEntry.default(NOT_DONE).describe(ITEM_LABELS[item])])) as Record<ChecklistItem, z.ZodDefault<typeof ZChecklistEntry>>)
    .default(Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, NOT_DONE])) as never),
  roles: z.array(z.strictObject({
    phase: z.enum(PHASES),
    actor: z.enum(RACI_ACTORS).describe('EEAS, the Commission services (COM), EUAA, Frontex, UNHCR, IOM, or the Member States'),
    role: z.enum(RACI_ROLES),
    note: safeText().trim().min(1).max(500).nullable().default(null),
  })).max(100).default([]).describe('Who is responsible, accountable, consulted or informed in each phase'),
}).describe('Lifecycle: phase history, gate checklist and roles per phase');

export type Lifecycle = z.output<typeof ZLifecycle>;
type Checklist = Lifecycle['checklist'];

/** A checklist with nothing done, to fill in. */
export function emptyChecklist(): Checklist {
  return Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, { ...NOT_DONE, evidence: [] }])) as unknown as Checklist;
}

/**
 * A starting point for the roles of a new solution (not a fact about any real partnership): the
 * Commission leads and the EEAS co-leads the dialogue while exploring and designing; the Member States
 * carry out transfers with Frontex and EUAA support; UNHCR and IOM are consulted throughout.
 */
export const RACI_TEMPLATE: Lifecycle['roles'] = [
  ...(['exploration', 'design'] as const).flatMap((phase) => [
    { phase, actor: 'COM' as const, role: 'accountable' as const, note: null },
    { phase, actor: 'EEAS' as const, role: 'responsible' as const, note: null },
    { phase, actor: 'MEMBER-STATES' as const, role: 'consulted' as const, note: null },
    { phase, actor: 'UNHCR' as const, role: 'consulted' as const, note: null },
    { phase, actor: 'IOM' as const, role: 'consulted' as const, note: null },
    { phase, actor: 'EUAA' as const, role: phase === 'design' ? 'consulted' as const : 'informed' as const, note: null },
    { phase, actor: 'FRONTEX' as const, role: phase === 'design' ? 'consulted' as const : 'informed' as const, note: null },
  ]),
  ...(['implementation', 'monitoring'] as const).flatMap((phase) => [
    { phase, actor: 'MEMBER-STATES' as const, role: phase === 'implementation' ? 'responsible' as const : 'informed' as const, note: null },
    { phase, actor: 'COM' as const, role: 'accountable' as const, note: null },
    { phase, actor: 'FRONTEX' as const, role: phase === 'implementation' ? 'responsible' as const : 'consulted' as const, note: null },
    { phase, actor: 'EUAA' as const, role: phase === 'implementation' ? 'responsible' as const : 'consulted' as const, note: null },
    { phase, actor: 'EEAS' as const, role: 'informed' as const, note: null },
    { phase, actor: 'UNHCR' as const, role: 'consulted' as const, note: null },
    { phase, actor: 'IOM' as const, role: 'consulted' as const, note: null },
  ]),
];

/** The phase entry in force on `on` (the last one that started on or before it), or null before the first. */
export function phaseOn(lifecycle: Pick<Lifecycle, 'phases'>, on: string): Lifecycle['phases'][number] | null {
  let current: Lifecycle['phases'][number] | null = null;
  for (const entry of lifecycle.phases) if (entry.from <= on) current = entry;
  return current;
}

/** The current phase: the last entry of the history. */
export function currentPhase(lifecycle: Pick<Lifecycle, 'phases'>): Phase {
  return lifecycle.phases[lifecycle.phases.length - 1]!.phase;
}

/**
 * The items `phase`'s gate needs that are not done by `on` (not done, or done after that day).
 * @example missingFor(checklist, 'implementation', '2027-01-01') // ['fundamentalRightsImpactAssessment']
 */
export function missingFor(checklist: Checklist, phase: Phase, on: string): ChecklistItem[] {
  return GATES[phase].filter((item) => !checklist[item].done || (checklist[item].on !== null && checklist[item].on! > on));
}

function describeMissing(checklist: Checklist, items: ChecklistItem[], on: string): string {
  return items.map((item) => {
    const entry = checklist[item];
    return entry.done ? `${ITEM_LABELS[item]} (done only on ${entry.on}, after ${on})` : ITEM_LABELS[item];
  }).join(', ');
}

/** Checks on the lifecycle alone (any record): dates in order, reasons where needed, items dated when done. */
export function lifecycleIssues(lifecycle: Lifecycle, path = 'lifecycle'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  lifecycle.phases.forEach((entry, i) => {
    const previous = lifecycle.phases[i - 1];
    if (previous && entry.from < previous.from) issues.push({ path: `${path}.phases.${i}.from`, message: `${entry.from} is before the previous phase (${previous.phase} from ${previous.from})` });
    if (previous && previous.phase === entry.phase) issues.push({ path: `${path}.phases.${i}.phase`, message: `already ${entry.phase}: a phase change names a new phase` });
    if (previous?.phase === 'ended') issues.push({ path: `${path}.phases.${i}.phase`, message: 'ended is final: record a new partnership instead' });
    if ((entry.phase === 'suspended' || entry.phase === 'ended') && entry.reason === null) issues.push({ path: `${path}.phases.${i}.reason`, message: `say why the solution is ${entry.phase}` });
  });
  for (const item of CHECKLIST_ITEMS) {
    const entry = lifecycle.checklist[item];
    if (entry.done && entry.on === null) issues.push({ path: `${path}.checklist.${item}.on`, message: `${ITEM_LABELS[item]}: say on which day` });
    if (!entry.done && entry.on !== null) issues.push({ path: `${path}.checklist.${item}.on`, message: `${ITEM_LABELS[item]} is not done: no date` });
  }
  const seen = new Set<string>();
  lifecycle.roles.forEach((r, i) => {
    const key = `${r.phase}:${r.actor}`;
    if (seen.has(key)) issues.push({ path: `${path}.roles.${i}`, message: `${r.actor} already has a role in ${r.phase}` });
    seen.add(key);
  });
  for (const phase of PHASES) {
    if (lifecycle.roles.filter((r) => r.phase === phase && r.role === 'accountable').length > 1) {
      issues.push({ path: `${path}.roles`, message: `one actor is accountable in ${phase}, not several` });
    }
  }
  return issues;
}

/**
 * The checks on a phase change (`before` null for a new record): the history keeps its entries and
 * only grows; each new entry is a move the lifecycle allows; and each new entry into a gated phase has
 * every item its gate needs done on or before its day. A new record is checked on its current phase
 * only: what came before it is history, recorded as it happened.
 * @example phaseChangeIssues(before.lifecycle, { ...after.lifecycle }) // [{ path: 'lifecycle.phases.2', message: 'cannot move from design to implementation: …' }]
 */
export function phaseChangeIssues(before: Lifecycle | null, after: Lifecycle, path = 'lifecycle'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const kept = before?.phases ?? [];
  if (after.phases.length < kept.length) {
    return [{ path: `${path}.phases`, message: `the phase history is kept: ${kept.length - after.phases.length} entr${kept.length - after.phases.length === 1 ? 'y was' : 'ies were'} removed; to go back, add the phase you return to` }];
  }
  kept.forEach((entry, i) => {
    if (after.phases[i]!.phase !== entry.phase) {
      issues.push({ path: `${path}.phases.${i}.phase`, message: `the phase history is kept: entry ${i + 1} was ${entry.phase} from ${entry.from}; add a new entry to change phase` });
    }
  });
  if (issues.length) return issues;
  const start = before === null ? after.phases.length - 1 : kept.length;
  for (let i = start; i < after.phases.length; i++) {
    const entry = after.phases[i]!;
    const from = i > 0 && before !== null ? after.phases[i - 1]!.phase : null;
    if (from !== null && !MOVES[from].includes(entry.phase)) {
      const allowed = MOVES[from].length ? `from ${from} the solution moves to ${MOVES[from].join(', ')}` : `${from} is final`;
      issues.push({ path: `${path}.phases.${i}.phase`, message: `cannot move from ${from} to ${entry.phase}: ${allowed}` });
      continue;
    }
    const missing = missingFor(after.checklist, entry.phase, entry.from);
    if (missing.length) {
      const move = from === null ? `cannot record the solution in ${entry.phase}` : `cannot move from ${from} to ${entry.phase}`;
      issues.push({
        path: `${path}.checklist.${missing[0]}`,
        message: `${move} on ${entry.from}: the gate checklist misses ${describeMissing(after.checklist, missing, entry.from)}`,
      });
    }
  }
  return issues;
}

/** The phase on a date, what the next forward phase needs, and the roles in the phase: for readers. */
export function lifecycleSummary(lifecycle: Lifecycle, on: string) {
  const entry = phaseOn(lifecycle, on);
  const phase = entry?.phase ?? null;
  const next = phase === null ? null : MOVES[phase].find((p) => p !== 'suspended' && p !== 'ended' && PHASES.indexOf(p) > PHASES.indexOf(phase)) ?? null;
  const nextItems = next === null ? [] : missingFor(lifecycle.checklist, next, on);
  return {
    phase,
    since: entry?.from ?? null,
    gateMissing: phase === null ? [] : missingFor(lifecycle.checklist, phase, on),
    next: next === null ? null : { phase: next, missing: nextItems.map((item) => ITEM_LABELS[item]), items: nextItems },
    roles: phase === null ? [] : lifecycle.roles.filter((r) => r.phase === phase).map((r) => ({ actor: r.actor, role: r.role })),
    /** What each phase's gate needs (the same for every partnership): readers show the checklist by it. */
    gates: GATES,
  };
}
