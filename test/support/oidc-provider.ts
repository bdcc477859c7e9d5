/**
 * @module test/support/oidc-provider
 * A real OpenID Connect provider for tests: panva's `oidc-provider` (an OpenID Certified authorization
 * server) on 127.0.0.1, with a public client for the web app (Authorization Code + PKCE, its redirect
 * and post-logout addresses), JWT access tokens for Waypoint (RFC 9068: audience `waypoint`, the
 * tenant, roles, unit and name claims Waypoint maps, signed ES256), ID tokens (RS256) and refresh tokens,
 * rotated at each use as the provider does for a public client, as Keycloak gives for the standard flow
 * without `offline_access`. The access tokens' lifetime is an option, so that a test can outlive one. Its sign-in
 * page is written here: a user name and password checked against {@link OIDC_USERS}, and a Cancel
 * button that answers `access_denied` — what an organisation's provider would do, in a few lines.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { errors } from 'oidc-provider';

/** The provider's users: password and the claims Waypoint maps (src/identity/verify-token.ts). */
export const OIDC_USERS: Record<string, { password: string; name: string; tenant: string; roles: string[]; unit: string | null }> = {
  'maria.rossi': { password: 'correct horse battery staple', name: 'Maria Rossi', tenant: 'IT', roles: ['supervisor'], unit: 'asylum' },
};

/** The resource indicator (RFC 8707) standing for Waypoint's API at the provider. */
export const OIDC_RESOURCE = 'urn:waypoint:api';
const RESOURCE = OIDC_RESOURCE;

export interface TestOidcProvider {
  /** The issuer identifier: WAYPOINT_OIDC_ISSUER. */
  issuer: string;
  clientId: string;
  /** Paths requested, in order (`GET /token` style, without query). */
  requests: string[];
  close(): Promise<void>;
}

async function privateJwk(alg: 'RS256' | 'ES256'): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), alg, use: 'sig', kid: `test-${alg.toLowerCase()}` };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return new URLSearchParams(body);
}

/**
 * Starts the provider for a web app at `appUrl` (its origin: the redirect URI is `${appUrl}/signin/callback`).
 * @example const op = await startOidcProvider({ appUrl: 'http://127.0.0.1:4123' });
 */
export async function startOidcProvider({ appUrl, clientId = 'waypoint-web', accessTokenTtl = 600, requireResource = false }: {
  appUrl: string; clientId?: string; accessTokenTtl?: number;
  /** Issue Waypoint's access tokens only to requests that name {@link OIDC_RESOURCE} (no default resource). */
  requireResource?: boolean;
}): Promise<TestOidcProvider> {
  const requests: string[] = [];
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => { response.statusCode = 503; response.end(); };
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`);
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, application_type: 'web', token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      redirect_uris: [`${appUrl}/signin/callback`], post_logout_redirect_uris: [`${appUrl}/signin`],
    }],
    jwks: { keys: [await privateJwk('RS256'), await privateJwk('ES256')] },
    cookies: { keys: ['a test-only cookie key of the OIDC provider'] },
    ttl: { AccessToken: accessTokenTtl, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600, RefreshToken: 3600 },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    claims: { openid: ['sub'], profile: ['name'] },
    async findAccount(_ctx, id) {
      const user = OIDC_USERS[id];
      return user ? { accountId: id, claims: async () => ({ sub: id, name: user.name }) } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    async extraTokenClaims(_ctx, token) {
      const user = token.kind === 'AccessToken' && token.accountId ? OIDC_USERS[token.accountId] : undefined;
      return user ? { name: user.name, waypoint_tenant: user.tenant, waypoint_roles: user.roles, waypoint_unit: user.unit } : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => (requireResource ? undefined : RESOURCE),
        useGrantedResource: async () => true,
        async getResourceServerInfo(_ctx, resource) {
          if (resource !== RESOURCE) throw new errors.InvalidTarget();
          return { scope: 'waypoint', audience: 'waypoint', accessTokenFormat: 'jwt', accessTokenTTL: accessTokenTtl, jwt: { sign: { alg: 'ES256' } } };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.body = page('Sign out of the test provider', `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.body = page('Signed out', '<p>You are signed out.</p>');
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('Provider error', `<pre>${escapeHtml(JSON.stringify(out))}</pre>`);
    },
  });

  /** The provider's own sign-in page: GET shows the form, POST checks the password or cancels. */
  async function interaction(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(request, response);
    const form = (error = '') => page('Test provider sign-in', `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
      <form method="post" action="/interaction/${details.uid}">
        <p><label for="username">User name</label> <input id="username" name="username" autocomplete="username" required></p>
        <p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit" name="action" value="sign-in">Sign in</button></p>
      </form>
      <form method="post" action="/interaction/${details.uid}"><button type="submit" name="action" value="cancel">Cancel</button></form>`);
    const html = (body: string) => { response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }); response.end(body); };
    if (request.method === 'GET') return html(form());
    const body = await readForm(request);
    if (body.get('action') === 'cancel') {
      await provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'The user cancelled the sign-in' }, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = body.get('username') ?? '';
    const user = OIDC_USERS[accountId];
    if (!user || user.password !== body.get('password')) return html(form('Wrong user name or password.'));
    const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    grant.addResourceScope(RESOURCE, 'waypoint');
    const grantId = await grant.save();
    await provider.interactionFinished(request, response, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  const callback = provider.callback();
  handle = (request, response) => {
    if (new URL(request.url ?? '/', issuer).pathname.startsWith('/interaction/')) {
      interaction(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(error instanceof Error ? error.message : String(error));
      });
      return;
    }
    void callback(request, response);
  };
  return {
    issuer, clientId, requests,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
