/**
 * @module web/auth/oidc
 * Signing in through an organisation's OpenID Connect provider: the Authorization Code flow with PKCE
 * (RFC 7636, S256), the web app being a public client without a secret, as OAuth 2.0 for Browser-Based
 * Apps recommends. The protocol's own checks are oauth4webapi's (panva): discovery and its issuer,
 * the authorization response's `state` and `iss` (RFC 9207), the token response, and the ID token's
 * claims and `nonce`. This module keeps what must survive the redirect (state, nonce, code verifier,
 * the address the user asked for) in sessionStorage — one sign-in at a time, used once — and says what
 * went wrong in terms the sign-in screen can show. The access token it obtains is kept by the session
 * exactly as a demo sign-in's. When the provider also gives a refresh token (RFC 6749 §6), the session
 * keeps it with the provider's metadata, and {@link refreshAccessToken} trades it for a new access token
 * when the API says the old one has expired: a provider with short-lived access tokens (Keycloak's
 * default is five minutes) does not send the user back to sign in every few minutes. Rotating refresh
 * tokens used by a public client is the provider's part (oidc-provider does it by default; Keycloak's
 * "Revoke Refresh Token" setting).
 */
import * as oauth from 'oauth4webapi';
import type { Problem } from '../api/problem.ts';

/** What GET /api/sign-in says about the provider. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
  /** The resource indicator (RFC 8707) to name in the authorization and token requests; absent or null: none. */
  resource?: string | null;
}

/** Why a sign-in through the provider did not end signed in. */
export type SignInFailure =
  /** The user refused or cancelled at the provider (`error=access_denied`). */
  | { kind: 'denied'; description: string | null }
  /** The provider answered the authorization request with another error. */
  | { kind: 'provider'; code: string; description: string | null }
  /** The answer's `state` (or `iss`) does not belong to the sign-in started in this tab: not used. */
  | { kind: 'state' }
  /** No sign-in is in progress in this tab (reloaded, opened elsewhere, or already completed). */
  | { kind: 'missing' }
  /** The token endpoint refused the code, or its answer failed a check (nonce, issuer, audience…). */
  | { kind: 'exchange'; code: string | null }
  /** The provider's discovery document could not be fetched or read. */
  | { kind: 'discovery' }
  /** The provider could not be reached (network, TLS, CORS). */
  | { kind: 'unreachable' }
  /** Waypoint refused the provider's token (no tenant, wrong audience…): the API's problem. */
  | { kind: 'refused'; problem: Problem };

export class SignInError extends Error {
  constructor(readonly failure: SignInFailure, readonly next: string = '/') {
    super(`sign-in failed: ${failure.kind}`);
    this.name = 'SignInError';
  }
}

/** The part of the Storage API this module uses (sessionStorage in the browser, a Map in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What the redirect must survive. */
interface PendingSignIn {
  clientId: string;
  redirectUri: string;
  state: string;
  /** Sent when the scope asks for an ID token (`openid`). */
  nonce: string | null;
  codeVerifier: string;
  next: string;
  /** The resource indicator asked for, named again in the code exchange (RFC 8707 §2.2). */
  resource: string | null;
  /** The provider's metadata as discovered before the redirect: the callback needs no second discovery. */
  as: oauth.AuthorizationServer;
}

const PENDING_KEY = 'waypoint.oidc.pending';

/**
 * Only addresses inside the app: `next` comes from the URL and must not send the user elsewhere.
 * @example safeNext('//evil.example') // '/'
 */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/**
 * Whether a URL is on this machine. oauth4webapi talks only to HTTPS endpoints; plain HTTP is allowed
 * for a provider on the loopback interface (development, tests), never for one on the network.
 */
export function isLoopback(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function httpOptions(issuer: string): { [oauth.allowInsecureRequests]?: boolean } {
  return isLoopback(issuer) ? { [oauth.allowInsecureRequests]: true } : {};
}

/** A token request's options: loopback HTTP where allowed, and the resource indicator when there is one. */
function tokenRequestOptions(issuer: string, resource: string | null | undefined): oauth.TokenEndpointRequestOptions {
  return resource ? { ...httpOptions(issuer), additionalParameters: { resource } } : httpOptions(issuer);
}

/** An error code from the provider as shown to the user: RFC 6749 §4.1.2.1's character set, or nothing. */
function errorCode(value: unknown): string | null {
  return typeof value === 'string' && /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,80}$/.test(value) ? value : null;
}

function description(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 300) : null;
}

/** The client as oauth4webapi needs it: a public client (token_endpoint_auth_method none). */
function clientOf(clientId: string): oauth.Client {
  return { client_id: clientId, token_endpoint_auth_method: 'none' };
}

function wantsIdToken(scope: string): boolean {
  return scope.split(' ').includes('openid');
}

/**
 * Reads the provider's metadata (OpenID Connect Discovery 1.0), checking that it names the issuer.
 * @throws SignInError `unreachable` or `discovery`.
 */
export async function discover(issuer: string, next = '/'): Promise<oauth.AuthorizationServer> {
  const issuerUrl = new URL(issuer);
  let response: Response;
  try {
    response = await oauth.discoveryRequest(issuerUrl, { algorithm: 'oidc', ...httpOptions(issuer) });
  } catch {
    throw new SignInError({ kind: 'unreachable' }, next);
  }
  try {
    return await oauth.processDiscoveryResponse(issuerUrl, response);
  } catch {
    throw new SignInError({ kind: 'discovery' }, next);
  }
}

export interface StartSignInOptions {
  settings: OidcSettings;
  as: oauth.AuthorizationServer;
  /** This app's callback: `${origin}/signin/callback`, registered at the provider. */
  redirectUri: string;
  next: string;
  storage: KeyValueStore;
}

/**
 * Prepares the redirect: fresh state, nonce and code verifier, kept for the callback (replacing any
 * sign-in left unfinished), and the authorization request's address.
 * @example location.assign(await startSignIn({ settings, as, redirectUri, next: '/queue', storage: sessionStorage }))
 */
export async function startSignIn({ settings, as, redirectUri, next, storage }: StartSignInOptions): Promise<string> {
  if (!as.authorization_endpoint) throw new SignInError({ kind: 'discovery' }, next);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = wantsIdToken(settings.scope) ? oauth.generateRandomNonce() : null;
  const url = new URL(as.authorization_endpoint);
  const parameters: Record<string, string> = {
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    scope: settings.scope,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  };
  if (nonce) parameters.nonce = nonce;
  if (settings.resource) parameters.resource = settings.resource;
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  const pending: PendingSignIn = { clientId: settings.clientId, redirectUri, state, nonce, codeVerifier, next: safeNext(next), resource: settings.resource ?? null, as };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  return url.href;
}

/** Discovers the provider, then {@link startSignIn}. */
export async function beginSignIn(options: Omit<StartSignInOptions, 'as'>): Promise<string> {
  return startSignIn({ ...options, as: await discover(options.settings.issuer, options.next) });
}

/** Takes the pending sign-in out of storage: a callback is answered once. */
function takePending(storage: KeyValueStore): PendingSignIn | null {
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  if (!raw) return null;
  try {
    const pending = JSON.parse(raw) as PendingSignIn;
    return typeof pending.state === 'string' && typeof pending.codeVerifier === 'string' && typeof pending.as?.issuer === 'string' ? pending : null;
  } catch {
    return null;
  }
}

/**
 * Where signing out sends the browser (OpenID Connect RP-Initiated Logout 1.0 §2), or null when the
 * provider has no end-session endpoint.
 */
export function endSessionUrl(as: oauth.AuthorizationServer, { clientId, idToken, postLogoutRedirectUri }: { clientId: string; idToken: string | null; postLogoutRedirectUri: string }): string | null {
  if (!as.end_session_endpoint) return null;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', clientId);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
  return url.href;
}

/** What renewing the access token needs, kept with the session (sessionStorage: it ends with the tab). */
export interface RefreshGrant {
  refreshToken: string;
  clientId: string;
  /** The resource indicator of the sign-in, named again at each refresh; absent or null: none. */
  resource?: string | null;
  /** The provider's metadata as discovered at sign-in: a refresh needs no second discovery. */
  as: oauth.AuthorizationServer;
}

export interface CompletedSignIn {
  accessToken: string;
  next: string;
  /** The provider's end-session address, for signing out. */
  signOutUrl: string | null;
  /** Present when the provider gave a refresh token. */
  refresh: RefreshGrant | null;
}

/**
 * A refresh grant read back from storage, or null when it is not one (absent, damaged, or another shape).
 * @example readRefreshGrant(sessionStorage.getItem('waypoint.refresh'))
 */
export function readRefreshGrant(raw: string | null): RefreshGrant | null {
  if (!raw) return null;
  try {
    const grant = JSON.parse(raw) as Partial<RefreshGrant>;
    return typeof grant.refreshToken === 'string' && grant.refreshToken && typeof grant.clientId === 'string'
      && (grant.resource == null || typeof grant.resource === 'string')
      && typeof grant.as?.issuer === 'string' && typeof grant.as.token_endpoint === 'string' ? grant as RefreshGrant : null;
  } catch {
    return null;
  }
}

/**
 * Trades the refresh token for a new access token at the provider's token endpoint, checking the answer
 * (and the ID token in it, if any) as at sign-in. The provider may rotate the refresh token: the grant
 * returned holds the one to use next time. Null when the provider refuses (the session ended there, the
 * refresh token expired or was already used) or cannot be reached: the user must sign in again.
 */
export async function refreshAccessToken(grant: RefreshGrant): Promise<{ accessToken: string; grant: RefreshGrant } | null> {
  const client = clientOf(grant.clientId);
  try {
    const response = await oauth.refreshTokenGrantRequest(grant.as, client, oauth.None(), grant.refreshToken, tokenRequestOptions(grant.as.issuer, grant.resource));
    const tokens = await oauth.processRefreshTokenResponse(grant.as, client, response);
    return { accessToken: tokens.access_token, grant: { ...grant, refreshToken: tokens.refresh_token ?? grant.refreshToken } };
  } catch {
    return null;
  }
}

/**
 * Completes the sign-in on the callback: checks the answer belongs to the pending sign-in (state, iss),
 * exchanges the code with the code verifier, and checks the token response (and the ID token's nonce).
 * @throws SignInError saying what failed, with the address the user had asked for.
 */
export async function completeSignIn({ callbackUrl, storage }: { callbackUrl: URL; storage: KeyValueStore }): Promise<CompletedSignIn> {
  const pending = takePending(storage);
  if (!pending) throw new SignInError({ kind: 'missing' });
  const { as, next } = pending;
  const client = clientOf(pending.clientId);
  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      const desc = description(error.error_description);
      throw new SignInError(error.error === 'access_denied' ? { kind: 'denied', description: desc } : { kind: 'provider', code: errorCode(error.error) ?? 'invalid', description: desc }, next);
    }
    throw new SignInError({ kind: 'state' }, next);
  }
  let response: Response;
  try {
    response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), parameters, pending.redirectUri, pending.codeVerifier, tokenRequestOptions(as.issuer, pending.resource));
  } catch {
    throw new SignInError({ kind: 'unreachable' }, next);
  }
  let tokens: oauth.TokenEndpointResponse;
  try {
    tokens = await oauth.processAuthorizationCodeResponse(as, client, response, pending.nonce ? { expectedNonce: pending.nonce, requireIdToken: true } : {});
  } catch (error) {
    throw new SignInError({ kind: 'exchange', code: error instanceof oauth.ResponseBodyError ? errorCode(error.error) : null }, next);
  }
  const signOutUrl = endSessionUrl(as, {
    clientId: pending.clientId,
    idToken: typeof tokens.id_token === 'string' ? tokens.id_token : null,
    postLogoutRedirectUri: new URL('/signin', pending.redirectUri).href,
  });
  const refresh = tokens.refresh_token ? { refreshToken: tokens.refresh_token, clientId: pending.clientId, resource: pending.resource, as } : null;
  return { accessToken: tokens.access_token, next, signOutUrl, refresh };
}

/**
 * The last failure, shown by the sign-in screen after the callback sent the user back to it. Kept in
 * memory, not in the address: nobody can link to a page showing a made-up failure.
 */
let lastFailure: SignInFailure | null = null;

export function reportSignInFailure(failure: SignInFailure | null): void {
  lastFailure = failure;
}

export function lastSignInFailure(): SignInFailure | null {
  return lastFailure;
}
