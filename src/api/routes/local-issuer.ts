/**
 * @module api/routes/local-issuer
 * Endpoints of the built-in demo issuer, mounted only when it is active: its JWKS, a discovery
 * document, the list of demo users and a token for one of them (the sign-in page uses these).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureLocalKey, issueLocalToken, LOCAL_ISSUER } from '../../identity/local-issuer.ts';
import type { AppEnv } from '../env.ts';
import { problemResponses, text } from '../schemas.ts';

export const localIssuerRoutes = new OpenAPIHono<AppEnv>();

localIssuerRoutes.get('/oidc/.well-known/openid-configuration', (c) => {
  const base = new URL(c.req.url).origin;
  return c.json({ issuer: LOCAL_ISSUER, jwks_uri: `${base}/oidc/jwks.json`, token_endpoint: `${base}/oidc/demo-token`, id_token_signing_alg_values_supported: ['ES256'] });
});

localIssuerRoutes.get('/oidc/jwks.json', async (c) => {
  const key = await ensureLocalKey(c.var.services.storage.db);
  return c.json({ keys: [key.publicJwk] });
});

const ZDemoUser = z.object({ id: z.string(), displayName: z.string(), tenantId: z.string(), unitId: z.string().nullable(), roles: z.array(z.string()) }).openapi('DemoUser');

localIssuerRoutes.openapi(createRoute({
  method: 'get', path: '/oidc/demo-users', tags: ['Identity'], summary: 'Demo users of the local issuer',
  responses: { 200: { description: 'Users', content: { 'application/json': { schema: z.array(ZDemoUser) } } } },
}), async (c) => {
  const rows = await c.var.services.storage.db.selectFrom('users').selectAll().orderBy('tenant_id').orderBy('id').execute();
  return c.json(rows.map((u) => ({ id: u.id, displayName: u.display_name, tenantId: u.tenant_id, unitId: u.unit_id, roles: u.roles })), 200);
});

localIssuerRoutes.openapi(createRoute({
  method: 'post', path: '/oidc/demo-token', tags: ['Identity'], summary: 'Sign in as a demo user (local issuer only)',
  request: { body: { required: true, content: { 'application/json': { schema: z.strictObject({ username: text().min(1).max(200) }).openapi('DemoTokenRequest') } } } },
  responses: {
    200: { description: 'Bearer token', content: { 'application/json': { schema: z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number() }) } } },
    ...problemResponses(400, 404, 415),
  },
}), async (c) => {
  const { username } = c.req.valid('json');
  const token = await issueLocalToken({ db: c.var.services.storage.db, username, audience: c.var.services.config.oidcAudience });
  return c.json({ access_token: token, token_type: 'Bearer' as const, expires_in: 8 * 3600 }, 200);
});
