/**
 * @module api/routes/deadlines/schema
 * Request and response shapes of the deadline routes: the queue, a case's deadlines, tasks, the
 * compliance report and the recomputation.
 */
import { z } from '@hono/zod-openapi';
import { CASE_KINDS, CASE_STAGES } from '../../../domain/cases/case.ts';
import { TASK_AUDIENCES } from '../../../domain/deadlines/list-tasks.ts';
import { TASK_KINDS, TASK_STATUSES } from '../../../domain/deadlines/task.ts';
import { text, ZIsoDate, ZReason } from '../../schemas.ts';

const ZCursor = z.string().max(300).describe('Cursor from the previous page\'s `next`');
const ZUnitId = text().min(1).max(64);

export const ZQueueQuery = z.strictObject({
  kind: z.enum(CASE_KINDS).optional().describe('Procedure: kind of case'),
  stage: z.enum(CASE_STAGES).optional(),
  unitId: ZUnitId.optional(),
  assignedTo: text().min(1).max(200).optional().describe('A user id, `me`, or `none` for unassigned cases'),
  overdue: z.enum(['true', 'false']).optional().describe('Only cases whose next deadline has passed, or only the others'),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  after: ZCursor.optional(),
  on: ZIsoDate.optional().describe('Count overdue and days left from this day (default today)'),
});

const ZNextDeadline = z.object({
  name: z.string(), dueOn: z.string(), daysLeft: z.number().int().describe('Negative once passed'), overdue: z.boolean(),
});

export const ZQueuePage = z.object({
  items: z.array(z.object({
    id: z.string().uuid(), reference: z.string(), kind: z.string(), stage: z.string(), unitId: z.string().nullable(), assignedTo: z.string().nullable(),
    openedAt: z.string(), version: z.number().int(), next: ZNextDeadline.nullable().describe('The earliest deadline the case keeps; null when none'),
  })),
  next: z.string().nullable(),
}).openapi('QueuePage');

export const ZTask = z.object({
  id: z.string().uuid(), tenantId: z.string(), caseId: z.string().uuid(), kind: z.enum(TASK_KINDS), deadline: z.string(), dueOn: z.string(),
  assignee: z.string().nullable().describe('Addressed to this user …'), role: z.string().nullable().describe('… or to the holders of this role in the unit'),
  unitId: z.string().nullable(), status: z.enum(TASK_STATUSES), raisedOn: z.string(), raisedAt: z.string(),
  acknowledgedBy: z.string().nullable(), acknowledgedAt: z.string().nullable(), resolvedBy: z.string().nullable(), resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(), version: z.number().int(),
}).openapi('Task');

export const ZCaseDeadlines = z.object({
  caseId: z.string().uuid(),
  current: z.array(z.object({
    name: z.string(), dueOn: z.string(), basis: z.array(z.string()), party: z.enum(['authority', 'person']),
    assessedOn: z.string().describe('The date the law was applied at (it picks the parameter values)'),
    lawDigest: z.string().describe('SHA-256 of the law package the deadline was computed with'),
    registryRevision: z.number().int().nullable(), computedAt: z.string(),
  })),
  ended: z.array(z.object({
    name: z.string(), dueOn: z.string(), basis: z.array(z.string()), party: z.enum(['authority', 'person']),
    outcome: z.enum(['met', 'missed', 'lapsed']), endedOn: z.string(), cause: z.string().describe('The transition that ended it, `facts` or `law`'),
  })),
  tasks: z.array(ZTask),
}).openapi('CaseDeadlines');

export const ZTasksQuery = z.strictObject({
  to: z.enum(TASK_AUDIENCES).optional().describe('`me` (default): addressed to you or to a role you hold in your unit; `unit`: your unit\'s; `all`: all you may read'),
  status: z.enum([...TASK_STATUSES, 'active', 'any']).optional().describe('`active` (default): open or acknowledged'),
  caseId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  after: ZCursor.optional(),
});

export const ZTaskPage = z.object({ items: z.array(ZTask), next: z.string().nullable() }).openapi('TaskPage');

export const ZTaskParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path', required: true }, example: '6f1c2b9e-3b0a-4f7e-9a43-0c1d2e3f4a5b' }),
});

export const ZAcknowledgeTaskRequest = z.strictObject({
  note: ZReason.optional().describe('What you will do'),
}).openapi('AcknowledgeTaskRequest');

export const ZResolveTaskRequest = z.strictObject({
  note: ZReason.describe('What was done'),
}).openapi('ResolveTaskRequest');

export const ZComplianceQuery = z.strictObject({
  from: ZIsoDate.describe('First due date counted'),
  to: ZIsoDate.describe('Last due date counted'),
  on: ZIsoDate.optional().describe('Judge "overdue" on this day (default today)'),
  unitId: ZUnitId.optional(),
  kind: z.enum(CASE_KINDS).optional(),
  party: z.enum(['authority', 'person', 'any']).optional().describe('Whose deadlines: the authority\'s (default), the person\'s, or both'),
  format: z.enum(['json', 'csv']).optional(),
});

const counts = {
  metOnTime: z.number().int(), metLate: z.number().int(), missed: z.number().int(), openOverdue: z.number().int(),
  lapsed: z.number().int().describe('Stopped running before their day without being met: nobody failed them'), openNotDue: z.number().int(),
  onTimeRate: z.number().nullable().describe('Met on time ÷ (met + missed + open overdue)'),
};

export const ZCompliance = z.object({
  tenantId: z.string(), from: z.string(), to: z.string(), on: z.string(), party: z.string(),
  rows: z.array(z.object({ unitId: z.string().nullable(), kind: z.string(), deadline: z.string(), party: z.enum(['authority', 'person']), ...counts })),
  totals: z.object(counts),
}).openapi('DeadlineCompliance');

export const ZRecomputeRequest = z.strictObject({
  on: ZIsoDate.optional().describe('Apply the law in force on this date (default today)'),
}).openapi('RecomputeDeadlinesRequest');

export const ZRecomputeReport = z.object({
  tenantId: z.string(), on: z.string(), lawDigest: z.string(), registryRevision: z.number().int().nullable(),
  assessed: z.number().int(), changed: z.number().int(), ended: z.number().int(), tasksClosed: z.number().int(),
  unassessable: z.number().int(), skipped: z.number().int(),
}).openapi('RecomputeDeadlinesReport');
