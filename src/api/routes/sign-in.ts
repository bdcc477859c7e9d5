/**
 * @module api/routes/sign-in
 * GET /api/sign-in, public: how the web app signs users in (identity/sign-in.ts) — the demo issuer's
 * users, a redirect to the organisation's OpenID Connect provider (issuer, the web app's client id,
 * scopes), or a pasted access token. Nothing secret: a public client has no secret, and the issuer
 * publishes its own metadata.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { SignInSettings } from '../../identity/sign-in.ts';
import type { AppEnv } from '../env.ts';

const ZSignInMethod = z.discriminatedUnion('method', [
  z.object({ method: z.literal('demo').describe('the built-in demo issuer: GET /oidc/demo-users, POST /oidc/demo-token') }),
  z.object({ method: z.literal('token').describe('an external issuer without a client for the web app: paste its access token'), issuer: z.string() }),
  z.object({
    method: z.literal('oidc').describe('Authorization Code flow with PKCE (S256) at the issuer, as a public client'),
    issuer: z.string().describe('issuer identifier: discovery at {issuer}/.well-known/openid-configuration'),
    clientId: z.string(), scope: z.string().describe('space-separated scopes to ask for'),
    resource: z.string().nullable().describe('resource indicator (RFC 8707) to name in the authorization and token requests; null: none'),
  }),
]).openapi('SignInMethod');

/** The routes, answering from settings decided at start-up. */
export function signInRoutes(settings: SignInSettings) {
  const routes = new OpenAPIHono<AppEnv>();
  routes.openapi(createRoute({
    method: 'get', path: '/api/sign-in', tags: ['Identity'], summary: 'How the web app signs users in (public)',
    security: [],
    responses: { 200: { description: 'The sign-in method', content: { 'application/json': { schema: ZSignInMethod } } } },
  }), (c) => c.json(settings.method, 200));
  return routes;
}
