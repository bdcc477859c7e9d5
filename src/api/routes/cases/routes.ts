/**
 * @module api/routes/cases/routes
 * Case routes: thin pipelines of authenticate → validate → transaction → authorise → operation → present.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { getCase } from '../../../domain/cases/get-case.ts';
import { listCaseEvents } from '../../../domain/cases/list-case-events.ts';
import { listCases } from '../../../domain/cases/list-cases.ts';
import { openCase } from '../../../domain/cases/open-case.ts';
import { updateCase } from '../../../domain/cases/update-case.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, problemResponses, ZUuidParam } from '../../schemas.ts';
import { etagOf, expectedVersion, runWrite } from '../../write.ts';
import { presentCase } from './present.ts';
import { ZAuditEvent, ZCase, ZCaseList, ZListCasesQuery, ZOpenCaseRequest, ZUpdateCaseRequest } from './schema.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const idempotencyHeader = { name: 'Idempotency-Key', in: 'header' as const, required: false, schema: { type: 'string' as const }, description: 'Retry-safe key: a retry with the same key and body returns the first response' };
const ifMatchHeader = { name: 'If-Match', in: 'header' as const, required: true, schema: { type: 'string' as const }, description: 'The ETag of the version you read' };

export const casesRoutes = new OpenAPIHono<AppEnv>();

casesRoutes.openapi(createRoute({
  method: 'post', path: '/api/cases', tags: ['Cases'], summary: 'Open a case', security: bearer,
  parameters: [idempotencyHeader],
  request: { body: { required: true, ...json(ZOpenCaseRequest) } },
  responses: { 201: { description: 'Opened', ...json(ZCase) }, ...problemResponses(400, 413, 415, 422) },
}), async (c) => {
  const body = c.req.valid('json');
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => {
    const opened = await openCase({ tx, actor, input: body, requestId: c.var.requestId });
    return { status: 201, body: presentCase(opened, actor), headers: { etag: etagOf(opened.version), location: `/api/cases/${opened.id}` } };
  }) as never;
});

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases', tags: ['Cases'], summary: 'List the cases you may read', security: bearer,
  request: { query: ZListCasesQuery },
  responses: { 200: { description: 'A page of cases, newest first', ...json(ZCaseList) }, ...problemResponses(400) },
}), async (c) => {
  const query = c.req.valid('query');
  const actor = c.var.actor;
  const page = await asActor(c.var.services.storage.db, actor, (tx) => listCases({ tx, actor, ...query }));
  return c.json({ items: page.items.map((x) => presentCase(x, actor)), next: page.next }, 200);
});

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases/{id}', tags: ['Cases'], summary: 'Read a case', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'The case; ETag carries its version', ...json(ZCase) }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  const found = await asActor(c.var.services.storage.db, actor, (tx) => getCase({ tx, actor, caseId: id }));
  c.header('etag', etagOf(found.version));
  return c.json(presentCase(found, actor), 200);
});

casesRoutes.openapi(createRoute({
  method: 'patch', path: '/api/cases/{id}', tags: ['Cases'], summary: 'Change a case (stage, unit, assignee)', security: bearer,
  parameters: [idempotencyHeader, ifMatchHeader],
  request: { params: ZUuidParam, body: { required: true, ...json(ZUpdateCaseRequest) } },
  responses: { 200: { description: 'Changed', ...json(ZCase) }, ...problemResponses(400, 404, 412, 413, 415, 422, 428) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const version = expectedVersion(c);
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => {
    const updated = await updateCase({ tx, actor, caseId: id, expectedVersion: version, input: body, requestId: c.var.requestId });
    return { status: 200, body: presentCase(updated, actor), headers: { etag: etagOf(updated.version) } };
  }) as never;
});

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases/{id}/events', tags: ['Cases'], summary: 'A case\'s change history', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'Audit events of the case, oldest first', ...json(ZAuditEvent.array()) }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  return c.json(await asActor(c.var.services.storage.db, actor, (tx) => listCaseEvents({ tx, actor, caseId: id })), 200);
});
