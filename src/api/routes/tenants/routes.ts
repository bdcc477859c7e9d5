/**
 * @module api/routes/tenants/routes
 * The tenants registry (readable by everyone) and the streamed export of one tenant's data.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { authorize } from '../../../domain/access/authorize.ts';
import { exportTenant } from '../../../domain/tenants/tenant-data.ts';
import { enterTenant } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, problemResponses, ZTenantParam } from '../../schemas.ts';

const ZTenant = z.object({ id: z.string(), kind: z.string(), name: z.string(), source: z.string().url() }).openapi('Tenant');

export const tenantsRoutes = new OpenAPIHono<AppEnv>();

tenantsRoutes.openapi(createRoute({
  method: 'get', path: '/api/tenants', tags: ['Registries'], summary: 'Member States, agencies and partner bodies', security: bearer,
  responses: { 200: { description: 'Every tenant', content: { 'application/json': { schema: z.array(ZTenant) } } }, ...problemResponses() },
}), async (c) => {
  authorize({ actor: c.var.actor, action: 'read', resource: 'registry' });
  const rows = await c.var.services.storage.db.selectFrom('tenants').selectAll().orderBy('kind').orderBy('id').execute();
  return c.json(rows, 200);
});

tenantsRoutes.openapi(createRoute({
  method: 'get', path: '/api/tenants/{id}/export', tags: ['Tenants'], summary: 'Export a tenant\'s data as JSON lines (streamed)', security: bearer,
  request: { params: ZTenantParam },
  responses: { 200: { description: 'Header line, one line per row, trailer line with counts', content: { 'application/x-ndjson': { schema: z.string() } } }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  authorize({ actor, action: 'export', resource: 'tenant-data', record: { tenantId: id } });
  const db = c.var.services.storage.db;
  c.header('content-type', 'application/x-ndjson');
  c.header('content-disposition', `attachment; filename="waypoint-${id}-${new Date().toISOString().slice(0, 10)}.jsonl"`);
  return stream(c, async (out) => {
    await db.transaction().setIsolationLevel('repeatable read').execute(async (tx) => {
      await enterTenant(tx, { tenantId: actor.tenantId });
      await tx.insertInto('access_log').values({
        tenant_id: actor.tenantId, actor_id: actor.id, entity_type: 'tenant', entity_id: id, purpose: 'tenant export', request_id: c.var.requestId,
      }).execute();
      for await (const line of exportTenant({ db: tx, tenantId: id })) await out.write(`${JSON.stringify(line)}\n`);
    });
  }) as never;
});
