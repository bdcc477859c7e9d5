/**
 * @module domain/deadlines/get-case-deadlines
 * One case's deadlines for a reader of the case: those it keeps now (with the law they were computed
 * under), those that ended and how, and the tasks they raised.
 */
import type { Actor } from '../access/roles.ts';
import { getCase } from '../cases/get-case.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { CaseDeadline, DeadlineEnding, DeadlineProvenance } from './deadline.ts';
import { deadlineRule, type DeadlineParty } from './deadline-rules.ts';
import { taskFromRow, type Task } from './task.ts';

export interface CaseDeadlinesView {
  caseId: string;
  current: Array<CaseDeadline & DeadlineProvenance & { party: DeadlineParty; computedAt: string }>;
  ended: Array<DeadlineEnding & { cause: string }>;
  tasks: Task[];
}

/** @throws DomainError NOT_FOUND, FORBIDDEN (as reading the case). */
export async function getCaseDeadlines({ tx, actor, caseId }: { tx: Tx; actor: Actor; caseId: string }): Promise<CaseDeadlinesView> {
  const c = await getCase({ tx, actor, caseId });
  const [current, ended, tasks] = await Promise.all([
    tx.selectFrom('case_deadlines').selectAll().where('tenant_id', '=', c.tenantId).where('case_id', '=', c.id).orderBy('due_on').orderBy('name').execute(),
    tx.selectFrom('case_deadline_endings').selectAll().where('tenant_id', '=', c.tenantId).where('case_id', '=', c.id).orderBy('recorded_at').orderBy('due_on').execute(),
    tx.selectFrom('case_tasks').selectAll().where('tenant_id', '=', c.tenantId).where('case_id', '=', c.id).orderBy('raised_at').orderBy('due_on').execute(),
  ]);
  return {
    caseId: c.id,
    current: current.map((d) => ({
      name: d.name, dueOn: d.due_on, basis: d.basis, party: deadlineRule(d.name).party, assessedOn: d.assessed_on, lawDigest: d.law_digest,
      registryRevision: d.registry_revision === null ? null : Number(d.registry_revision), computedAt: new Date(d.computed_at).toISOString(),
    })),
    ended: ended.map((e) => ({ name: e.name, dueOn: e.due_on, basis: e.basis, party: e.party as DeadlineParty, outcome: e.outcome as DeadlineEnding['outcome'], endedOn: e.ended_on, cause: e.cause })),
    tasks: tasks.map(taskFromRow),
  };
}
