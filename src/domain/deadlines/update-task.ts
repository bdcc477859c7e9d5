/**
 * @module domain/deadlines/update-task
 * A person acknowledges a deadline task (takes it on) or resolves it (says what was done), only if
 * they saw its current version (optimistic concurrency), with an audit event. Acknowledging is for an
 * open task; resolving, for an open or acknowledged one; a resolved task stays resolved.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { taskFromRow, taskScope, type Task, type TaskStatus } from './task.ts';

export const TASK_ACTIONS = ['acknowledge', 'resolve'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export interface UpdateTaskOptions {
  tx: Tx;
  actor: Actor;
  taskId: string;
  /** The version the caller last saw (from `If-Match`). */
  expectedVersion: number;
  action: TaskAction;
  /** What was done, or why: the event's reason. */
  note: string;
  requestId?: string | null;
  now?: Date;
}

/** The statuses each action may start from. */
const FROM: Record<TaskAction, readonly TaskStatus[]> = { acknowledge: ['open'], resolve: ['open', 'acknowledged'] };

/** Reads a task for the actor (locked), as `read` allows. */
export async function getTask(tx: Tx, actor: Actor, taskId: string, forUpdate = false): Promise<Task> {
  if (!isUuid(taskId)) throw new DomainError('NOT_FOUND', `task ${taskId} not found`);
  let query = tx.selectFrom('case_tasks').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', taskId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `task ${taskId} not found`);
  const task = taskFromRow(row);
  authorize({ actor, action: 'read', resource: 'task', record: taskScope(task) });
  return task;
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT, INVALID_STATE.
 * @example await updateTask({ tx, actor, taskId, expectedVersion: 1, action: 'resolve', note: 'registered today' });
 */
export async function updateTask({ tx, actor, taskId, expectedVersion, action, note, requestId = null, now = new Date() }: UpdateTaskOptions): Promise<Task> {
  const task = await getTask(tx, actor, taskId, true);
  authorize({ actor, action: 'update', resource: 'task', record: taskScope(task) });
  if (task.version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', `task ${taskId} is at version ${task.version}, not ${expectedVersion}: reload and try again`);
  }
  if (!FROM[action].includes(task.status)) {
    throw new DomainError('INVALID_STATE', `task ${taskId} is ${task.status}: it cannot be ${action === 'acknowledge' ? 'acknowledged' : 'resolved'}`);
  }
  const set = action === 'acknowledge'
    ? { status: 'acknowledged', acknowledged_by: actor.id, acknowledged_at: now }
    : { status: 'resolved', resolved_by: actor.id, resolved_at: now, resolution: note };
  const row = await tx.updateTable('case_tasks').set({ ...set, version: task.version + 1 })
    .where('tenant_id', '=', actor.tenantId).where('id', '=', taskId).where('version', '=', expectedVersion).returningAll().executeTakeFirst();
  if (!row) throw new DomainError('VERSION_CONFLICT', `task ${taskId} changed while it was being updated`);
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: action === 'acknowledge' ? 'task.acknowledged' : 'task.resolved', entityType: 'task', entityId: taskId,
    reason: note, requestId, at: now,
    data: { version: row.version, caseId: task.caseId, kind: task.kind, deadline: task.deadline, dueOn: task.dueOn, status: { from: task.status, to: set.status } },
  });
  return taskFromRow(row);
}
