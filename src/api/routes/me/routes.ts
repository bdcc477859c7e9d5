/**
 * @module api/routes/me/routes
 * Who the caller is and what the permission table lets them do: the web app builds its menus from it.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { widestScope } from '../../../domain/access/authorize.ts';
import { ACTIONS, RESOURCES } from '../../../domain/access/permissions.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, problemResponses } from '../../schemas.ts';

const ZMe = z.object({
  id: z.string(), displayName: z.string(), tenantId: z.string(), unitId: z.string().nullable(), roles: z.array(z.string()),
  permissions: z.array(z.object({ resource: z.string(), action: z.string(), scope: z.string() })),
}).openapi('Me');

export const meRoutes = new OpenAPIHono<AppEnv>();

meRoutes.openapi(createRoute({
  method: 'get', path: '/api/me', tags: ['Identity'], summary: 'The caller and their permissions', security: bearer,
  responses: { 200: { description: 'The caller', content: { 'application/json': { schema: ZMe } } }, ...problemResponses() },
}), (c) => {
  const actor = c.var.actor;
  const permissions = RESOURCES.flatMap((resource) => ACTIONS.flatMap((action) => {
    const scope = widestScope(actor, resource, action);
    return scope ? [{ resource, action, scope }] : [];
  }));
  return c.json({ ...actor, permissions }, 200);
});
