/**
 * @module api/routes/audit/routes
 * The audit trail and the access log of the caller's tenant, and a chain verification on demand.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../../../domain/access/authorize.ts';
import { eventFromRow } from '../../../domain/audit/audit-event.ts';
import { verifyChains } from '../../../domain/audit/verify-chain.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, json, problemResponses, text } from '../../schemas.ts';
import { ZAuditEvent } from '../cases/schema.ts';


const ZEventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).optional().describe('Return events with a sequence number above this'),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  entityType: text().max(64).optional(),
  entityId: text().max(200).optional(),
});

const ZAccessEntry = z.object({
  id: z.string(), at: z.string(), actorId: z.string(), entityType: z.string(), entityId: z.string(), purpose: z.string(), requestId: z.string().nullable(),
}).openapi('AccessLogEntry');

const ZChainReport = z.object({
  tenantId: z.string(), events: z.number().int(), ok: z.boolean(),
  broken: z.object({ tenantId: z.string(), seq: z.number().int(), problem: z.string() }).nullable(),
}).openapi('ChainReport');

export const auditRoutes = new OpenAPIHono<AppEnv>();

auditRoutes.openapi(createRoute({
  method: 'get', path: '/api/audit/events', tags: ['Audit'], summary: 'Your tenant\'s audit events, oldest first', security: bearer,
  request: { query: ZEventsQuery },
  responses: { 200: { description: 'Events', ...json(z.object({ items: z.array(ZAuditEvent), next: z.number().nullable() })) }, ...problemResponses(400) },
}), async (c) => {
  const { after = 0, limit = 100, entityType, entityId } = c.req.valid('query');
  const actor = c.var.actor;
  const rows = await asActor(c.var.services.storage.db, actor, async (tx) => {
    authorize({ actor, action: 'read', resource: 'audit' });
    let q = tx.selectFrom('audit_events').selectAll().where('tenant_id', '=', actor.tenantId).where('seq', '>', String(after));
    if (entityType) q = q.where('entity_type', '=', entityType);
    if (entityId) q = q.where('entity_id', '=', entityId);
    return q.orderBy('seq').limit(limit).execute();
  });
  const items = rows.map(eventFromRow);
  return c.json({ items, next: items.length === limit ? items[items.length - 1]!.seq : null }, 200);
});

auditRoutes.openapi(createRoute({
  method: 'get', path: '/api/audit/verify', tags: ['Audit'], summary: 'Recompute your tenant\'s audit chain', security: bearer,
  responses: { 200: { description: 'The verification report', ...json(ZChainReport) }, ...problemResponses() },
}), async (c) => {
  const actor = c.var.actor;
  const [report] = await asActor(c.var.services.storage.db, actor, async (tx) => {
    authorize({ actor, action: 'verify', resource: 'audit' });
    return verifyChains({ db: tx, tenantIds: [actor.tenantId] });
  });
  return c.json(report!, 200);
});

auditRoutes.openapi(createRoute({
  method: 'get', path: '/api/audit/access-log', tags: ['Audit'], summary: 'Who read which personal data, when', security: bearer,
  request: { query: z.strictObject({ entityId: text().max(200).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }) },
  responses: { 200: { description: 'Newest first', ...json(z.array(ZAccessEntry)) }, ...problemResponses(400) },
}), async (c) => {
  const { entityId, limit = 100 } = c.req.valid('query');
  const actor = c.var.actor;
  const rows = await asActor(c.var.services.storage.db, actor, async (tx) => {
    authorize({ actor, action: 'read', resource: 'access-log' });
    let q = tx.selectFrom('access_log').selectAll().where('tenant_id', '=', actor.tenantId);
    if (entityId) q = q.where('entity_id', '=', entityId);
    return q.orderBy('id', 'desc').limit(limit).execute();
  });
  return c.json(rows.map((r) => ({
    id: String(r.id), at: new Date(r.at).toISOString(), actorId: r.actor_id, entityType: r.entity_type,
    entityId: r.entity_id, purpose: r.purpose, requestId: r.request_id,
  })), 200);
});
