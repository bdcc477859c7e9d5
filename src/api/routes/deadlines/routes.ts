/**
 * @module api/routes/deadlines/routes
 * Deadlines and queues: the caseworker's queue sorted by urgency, a case's deadlines, the tasks
 * deadlines raise (acknowledge, resolve), the compliance report, and the recomputation after a change
 * of the law. Thin pipelines: authenticate → validate → transaction → domain operation (which
 * authorises) → present.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { loadCaseLaw } from '../../../domain/cases/law-context.ts';
import { getCaseDeadlines } from '../../../domain/deadlines/get-case-deadlines.ts';
import { getDeadlineCompliance } from '../../../domain/deadlines/get-deadline-compliance.ts';
import { listQueue } from '../../../domain/deadlines/list-queue.ts';
import { listTasks } from '../../../domain/deadlines/list-tasks.ts';
import { recomputeDeadlines } from '../../../domain/deadlines/recompute-deadlines.ts';
import { TASK_ACTIONS, updateTask } from '../../../domain/deadlines/update-task.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, idempotencyHeader, ifMatchHeader, json, problemResponses, ZUuidParam } from '../../schemas.ts';
import { etagOf, expectedVersion, runWrite } from '../../write.ts';
import { complianceCsv } from './present.ts';
import {
  ZAcknowledgeTaskRequest, ZCaseDeadlines, ZCompliance, ZComplianceQuery, ZQueuePage, ZQueueQuery, ZRecomputeReport, ZRecomputeRequest,
  ZResolveTaskRequest, ZTask, ZTaskPage, ZTaskParams, ZTasksQuery,
} from './schema.ts';

export const deadlinesRoutes = new OpenAPIHono<AppEnv>();

deadlinesRoutes.openapi(createRoute({
  method: 'get', path: '/api/queue', tags: ['Deadlines'], summary: 'Your queue: the open cases you may read, the most urgent first', security: bearer,
  request: { query: ZQueueQuery },
  responses: { 200: { description: 'A page of open cases, earliest next deadline first (cases without one last), each with its next deadline and the days left', ...json(ZQueuePage) }, ...problemResponses(400) },
}), async (c) => {
  const { overdue, ...query } = c.req.valid('query');
  const actor = c.var.actor;
  const page = await asActor(c.var.services.storage.db, actor, (tx) => listQueue({ tx, actor, ...query, overdue: overdue === undefined ? undefined : overdue === 'true' }));
  return c.json(page, 200);
});

deadlinesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases/{id}/deadlines', tags: ['Deadlines'], summary: 'A case\'s deadlines: those it keeps, those that ended and how, the tasks they raised', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'The case\'s deadlines, with the law each was computed under', ...json(ZCaseDeadlines) }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  return c.json(await asActor(c.var.services.storage.db, actor, (tx) => getCaseDeadlines({ tx, actor, caseId: id })), 200);
});

deadlinesRoutes.openapi(createRoute({
  method: 'get', path: '/api/tasks', tags: ['Deadlines'], summary: 'Deadline tasks: yours, your unit\'s escalations, or all you may read', security: bearer,
  request: { query: ZTasksQuery },
  responses: { 200: { description: 'A page of tasks, earliest due date first', ...json(ZTaskPage) }, ...problemResponses(400) },
}), async (c) => {
  const query = c.req.valid('query');
  const actor = c.var.actor;
  return c.json(await asActor(c.var.services.storage.db, actor, (tx) => listTasks({ tx, actor, ...query })), 200);
});

for (const action of TASK_ACTIONS) {
  deadlinesRoutes.openapi(createRoute({
    method: 'post', path: `/api/tasks/{id}/${action}`, tags: ['Deadlines'], security: bearer,
    summary: action === 'acknowledge' ? 'Acknowledge a task: you take it on' : 'Resolve a task: say what was done',
    parameters: [idempotencyHeader, ifMatchHeader],
    request: { params: ZTaskParams, body: { required: true, ...json(action === 'acknowledge' ? ZAcknowledgeTaskRequest : ZResolveTaskRequest) } },
    responses: { 200: { description: action === 'acknowledge' ? 'Acknowledged' : 'Resolved', ...json(ZTask) }, ...problemResponses(400, 404, 409, 412, 413, 415, 428) },
  }), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') as { note?: string };
    const version = expectedVersion(c);
    const actor = c.var.actor;
    return runWrite(c, body, async (tx) => {
      const task = await updateTask({ tx, actor, taskId: id, expectedVersion: version, action, note: body.note ?? 'acknowledged', requestId: c.var.requestId });
      return { status: 200, body: task, headers: { etag: etagOf(task.version) } };
    }) as never;
  });
}

deadlinesRoutes.openapi(createRoute({
  method: 'get', path: '/api/reports/deadline-compliance', tags: ['Deadlines'], security: bearer,
  summary: 'Deadline compliance per unit and procedure: met on time, met late, missed, open overdue',
  request: { query: ZComplianceQuery },
  responses: {
    200: { description: 'Counts per unit, kind of case and deadline, of the deadlines due in the range', content: {
      'application/json': { schema: ZCompliance }, 'text/csv': { schema: { type: 'string' as const, description: 'The rows and totals as CSV' } },
    } },
    ...problemResponses(400),
  },
}), async (c) => {
  const { format, ...query } = c.req.valid('query');
  const actor = c.var.actor;
  const report = await asActor(c.var.services.storage.db, actor, (tx) => getDeadlineCompliance({ tx, actor, ...query }));
  if (format === 'csv') {
    c.header('content-disposition', `attachment; filename="waypoint-deadline-compliance-${report.from}-${report.to}.csv"`);
    return c.body(complianceCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8' }) as never;
  }
  return c.json(report, 200);
});

deadlinesRoutes.openapi(createRoute({
  method: 'post', path: '/api/deadlines/recompute', tags: ['Deadlines'], security: bearer,
  summary: 'Recompute the deadlines of every open case of your tenant after a change of the law (administrators)',
  request: { body: { required: true, ...json(ZRecomputeRequest) } },
  responses: { 200: { description: 'What the recomputation assessed and changed', ...json(ZRecomputeReport) }, ...problemResponses(400, 413, 415) },
}), async (c) => {
  const { on } = c.req.valid('json');
  const actor = c.var.actor;
  const db = c.var.services.storage.db;
  return c.json(await recomputeDeadlines({ db, actor, on, law: await loadCaseLaw(db) }), 200);
});
