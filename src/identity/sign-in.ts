/**
 * @module identity/sign-in
 * How the web app signs users in, decided once from the configuration and the external issuer's
 * discovery document: the built-in demo issuer's users (`demo`); an organisation's OpenID Connect
 * provider through the Authorization Code flow with PKCE, the web app being a public client (`oidc`,
 * when WAYPOINT_OIDC_CLIENT_ID is set); or a pasted access token (`token`, an external issuer
 * without a client id for the web app). The browser runs the protocol itself; the server only tells it
 * which method applies (GET /api/sign-in) and lets its pages reach the provider (CSP connect-src).
 */
import type { Config } from '../config.ts';
import type { ProviderMetadata } from './verify-token.ts';

/** What the web app is told (GET /api/sign-in). */
export type SignInMethod =
  | { method: 'demo' }
  | { method: 'token'; issuer: string }
  | { method: 'oidc'; issuer: string; clientId: string; scope: string; resource: string | null };

export interface SignInSettings {
  method: SignInMethod;
  /**
   * Origins the web app's pages must be allowed to fetch from (CSP connect-src): the issuer's, for
   * discovery, and the token endpoint's, for the code exchange.
   */
  connectSources: string[];
}

/**
 * Decides the sign-in method.
 * @throws Error when a client id is configured but the issuer advertises no authorization or token
 *   endpoint: the web app could not sign anyone in, better said at start-up than at the first sign-in.
 * @example signInSettings(loadConfig({}), null) // { method: { method: 'demo' }, connectSources: [] }
 */
export function signInSettings(config: Pick<Config, 'oidcIssuer' | 'oidcClientId' | 'oidcScope' | 'oidcResource'>, provider: ProviderMetadata | null): SignInSettings {
  if (!config.oidcIssuer) return { method: { method: 'demo' }, connectSources: [] };
  if (!config.oidcClientId) return { method: { method: 'token', issuer: config.oidcIssuer }, connectSources: [] };
  if (provider && (!provider.authorization_endpoint || !provider.token_endpoint)) {
    throw new Error(`WAYPOINT_OIDC_CLIENT_ID is set but the issuer ${config.oidcIssuer} advertises no ${provider.authorization_endpoint ? 'token_endpoint' : 'authorization_endpoint'}: the web app cannot sign users in there`);
  }
  const origins = [config.oidcIssuer, provider?.token_endpoint].filter((u): u is string => !!u).map((u) => new URL(u).origin);
  return {
    method: { method: 'oidc', issuer: config.oidcIssuer, clientId: config.oidcClientId, scope: config.oidcScope, resource: config.oidcResource },
    connectSources: [...new Set(origins)],
  };
}
