/**
 * @module domain/deadlines/refresh-case-deadlines
 * Recomputes one case's deadlines in the transaction that changed it: after a transition (on its
 * effective date, so that a deadline discharged by it is met on that day) and after a change of the
 * facts the law engine reads (on the day of the change). The law engine is asked on the new facts;
 * the deadlines that run in the case's stage are kept, the others end (met, missed or lapsed), the
 * open tasks of ended or moved deadlines are resolved, and one `case.deadlines-changed` event says
 * what changed — nothing is written, and no event appended, when nothing changed.
 */
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { assessCase, loadCaseSubject } from '../cases/assess-case.ts';
import type { Case, CaseStage } from '../cases/case.ts';
import type { CaseLaw } from '../cases/law-context.ts';
import { lawPackageVersion } from '../cases/law-version.ts';
import type { Tx } from '../../storage/transaction.ts';
import { diffDeadlines, type CaseDeadline, type DeadlineChange } from './deadline.ts';
import { needsWrite, writeDeadlines, type ClosedTask } from './write-deadlines.ts';

export interface RefreshCaseDeadlinesOptions {
  tx: Tx;
  /** Who made the change: the event is theirs. */
  actor: Actor;
  /** The case as it is after the change. */
  case: Case;
  /** The day of the change: a transition's effective date, or today. */
  on: string;
  law: CaseLaw;
  /** The stage a transition moved the case to; omitted for a change of facts. */
  movedTo?: CaseStage | null;
  /** What changed it: the transition's id, or `facts`. */
  cause: string;
  requestId?: string | null;
  now: Date;
}

/** The deadlines a case keeps, earliest first. */
export async function currentDeadlinesOf(tx: Tx, tenantId: string, caseId: string): Promise<CaseDeadline[]> {
  const rows = await tx.selectFrom('case_deadlines').select(['name', 'due_on', 'basis']).where('tenant_id', '=', tenantId).where('case_id', '=', caseId)
    .orderBy('due_on').orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, dueOn: r.due_on, basis: r.basis }));
}

/** What the event says of a change: the deadlines kept, those that ended and how, the tasks closed. */
export function changeSummary(change: DeadlineChange, tasksClosed: readonly ClosedTask[]) {
  return {
    deadlines: change.current.map((d) => ({ name: d.name, dueOn: d.dueOn })),
    ...(change.ended.length ? { ended: change.ended.map((e) => ({ name: e.name, dueOn: e.dueOn, outcome: e.outcome, endedOn: e.endedOn })) } : {}),
    ...(tasksClosed.length ? { tasksClosed: tasksClosed.map((t) => t.id) } : {}),
  };
}

/**
 * @example await refreshCaseDeadlines({ tx, actor, case: moved, on: '2026-07-03', law, movedTo: 'application-registered', cause: 'register-application', now });
 */
export async function refreshCaseDeadlines(o: RefreshCaseDeadlinesOptions): Promise<DeadlineChange> {
  const { tx, case: c, on, law, now } = o;
  const previous = await currentDeadlinesOf(tx, c.tenantId, c.id);
  // A closed case keeps none: nothing to ask the engine.
  const computed = c.closedAt ? [] : assessCase({ case: c, subject: await loadCaseSubject(tx, c, on), on, law }).assessment?.deadlines ?? null;
  const change = diffDeadlines({ previous, computed, stage: c.stage, on, movedTo: o.movedTo ?? null });
  if (!needsWrite(change)) return change;
  const provenance = { assessedOn: on, lawDigest: lawPackageVersion().lawDigest, registryRevision: law.registryRevision };
  const written = await writeDeadlines({ tx, tenantId: c.tenantId, writes: [{ caseId: c.id, unitId: c.unitId, kind: c.kind, change, cause: o.cause }], provenance, now });
  await appendEvent({
    tx, tenantId: c.tenantId, actorId: o.actor.id, action: 'case.deadlines-changed', entityType: 'case', entityId: c.id,
    reason: `deadlines recomputed after ${o.cause === 'facts' ? 'a change of the facts' : o.cause}`,
    legalBasis: [...new Set([...change.current, ...change.ended].flatMap((d) => d.basis))], requestId: o.requestId ?? null, at: now,
    data: { cause: o.cause, ...changeSummary(change, written.tasksClosed), ...provenance },
  });
  return change;
}
