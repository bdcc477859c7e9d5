/**
 * @module domain/deadlines/list-tasks
 * Deadline tasks the caller may read (scope from the permission table: `own` — addressed to them;
 * `unit`; `tenant`): addressed to them — personally, or to a role they hold in their unit (a
 * supervisor's escalations) —, or all of their unit's, or all they may read; most urgent first, with
 * keyset pagination.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { taskFromRow, type Task, type TaskStatus } from './task.ts';

export const TASK_AUDIENCES = ['me', 'unit', 'all'] as const;
export type TaskAudience = (typeof TASK_AUDIENCES)[number];

export interface ListTasksOptions {
  tx: Tx;
  actor: Actor;
  /** `me` (default): addressed to the caller or to a role they hold in their unit; `unit`: their unit's; `all`: every task they may read. */
  to?: TaskAudience;
  /** `active` (default): open or acknowledged. */
  status?: TaskStatus | 'active' | 'any';
  caseId?: string;
  limit?: number;
  after?: string;
}

export interface TaskPage {
  items: Task[];
  next: string | null;
}

function decodeCursor(after: string): [string, string] {
  const [due, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  if (!due || !/^\d{4}-\d{2}-\d{2}$/.test(due) || !id || !isUuid(id)) {
    throw new DomainError('VALIDATION_FAILED', 'the cursor is not one this list gave', [{ path: 'after', message: 'invalid cursor' }]);
  }
  return [due, id];
}

/**
 * @throws DomainError FORBIDDEN without `task.read`; VALIDATION_FAILED for a cursor it did not give.
 * @example const mine = await listTasks({ tx, actor });
 */
export async function listTasks({ tx, actor, to = 'me', status = 'active', caseId, limit = 50, after }: ListTasksOptions): Promise<TaskPage> {
  const scope = authorize({ actor, action: 'read', resource: 'task' });
  let query = tx.selectFrom('case_tasks').selectAll().where('tenant_id', '=', actor.tenantId);
  if (scope === 'own') query = query.where('assignee', '=', actor.id);
  if (scope === 'unit') query = query.where('unit_id', '=', actor.unitId ?? '');
  if (to === 'me') {
    query = query.where((eb) => eb.or([
      eb('assignee', '=', actor.id),
      eb.and([eb('role', 'in', actor.roles.length ? actor.roles : ['']), actor.unitId ? eb('unit_id', '=', actor.unitId) : eb('unit_id', 'is', null)]),
    ]));
  }
  if (to === 'unit') query = query.where('unit_id', '=', actor.unitId ?? '');
  if (status === 'active') query = query.where('status', 'in', ['open', 'acknowledged']);
  else if (status !== 'any') query = query.where('status', '=', status);
  if (caseId !== undefined) query = query.where('case_id', '=', isUuid(caseId) ? caseId : '00000000-0000-0000-0000-000000000000');
  if (after) {
    const [due, id] = decodeCursor(after);
    query = query.where(sql<SqlBool>`(due_on, id) > (${due}::date, ${id}::uuid)` as Expression<SqlBool>);
  }
  const rows = await query.orderBy('due_on').orderBy('id').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(taskFromRow);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? Buffer.from(`${last.dueOn}|${last.id}`).toString('base64url') : null };
}
