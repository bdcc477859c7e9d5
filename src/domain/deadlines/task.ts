/**
 * @module domain/deadlines/task
 * A task raised by a deadline (`sweep-deadlines.ts`): while it approaches, to the case's assignee (to
 * the supervisors of its unit when nobody is assigned); once it has passed, to the supervisors of the
 * case's unit — an escalation, so that no deadline expires silently. A task is open, acknowledged by
 * whoever takes it on, and resolved by a person or, when its deadline ends or moves, by the system.
 */
import type { Selectable } from 'kysely';
import type { CaseTaskRow } from '../../storage/schema.ts';
import type { ScopedRecord } from '../access/authorize.ts';

export const TASK_KINDS = ['deadline-approaching', 'deadline-passed'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface Task {
  id: string;
  tenantId: string;
  caseId: string;
  kind: TaskKind;
  deadline: string;
  dueOn: string;
  /** Addressed to this user … */
  assignee: string | null;
  /** … or to the holders of this role in `unitId`. */
  role: string | null;
  unitId: string | null;
  status: TaskStatus;
  raisedOn: string;
  raisedAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  version: number;
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

export function taskFromRow(row: Selectable<CaseTaskRow>): Task {
  return {
    id: row.id, tenantId: row.tenant_id, caseId: row.case_id, kind: row.kind as TaskKind, deadline: row.deadline, dueOn: row.due_on,
    assignee: row.assignee, role: row.role, unitId: row.unit_id, status: row.status as TaskStatus, raisedOn: row.raised_on, raisedAt: iso(row.raised_at)!,
    acknowledgedBy: row.acknowledged_by, acknowledgedAt: iso(row.acknowledged_at), resolvedBy: row.resolved_by, resolvedAt: iso(row.resolved_at),
    resolution: row.resolution, version: row.version,
  };
}

/** The scope facts of a task, for `authorize`: its tenant, unit, and the user it is addressed to. */
export function taskScope(t: Pick<Task, 'tenantId' | 'unitId' | 'assignee'>): ScopedRecord {
  return { tenantId: t.tenantId, unitId: t.unitId, ownerIds: [t.assignee] };
}
