/**
 * @module web/auth/session
 * Who is signed in: the bearer token (kept in sessionStorage, so it ends with the tab) and `/api/me`,
 * which says the user's tenant, roles and permissions; the screens and the navigation ask `can()`
 * rather than looking at roles. The API client lives here because it needs the token. A sign-in
 * through an OpenID Connect provider may leave a refresh token: a 401 from any call then first renews
 * the access token (one renewal at a time, shared by the calls that need it) and sends the call again.
 * A 401 that no renewal cures ends the session and sends the user back to sign in. Such a sign-in may
 * also leave the provider's end-session address: signing out then goes there, so that the provider's
 * session ends too (OpenID Connect RP-Initiated Logout 1.0).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client.ts';
import { ApiError, type Problem } from '../api/problem.ts';
import type { Me } from '../api/types.ts';
import type { RefreshGrant } from './oidc.ts';

const TOKEN_KEY = 'waypoint.token';
const SIGN_OUT_KEY = 'waypoint.signOutUrl';
const REFRESH_KEY = 'waypoint.refresh';

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; me: Me };

export interface Session {
  state: SessionState;
  api: ApiClient;
  /**
   * Keeps the token and loads the user; rejects with the API's problem when the token is refused.
   * `signOutUrl`: where signing out goes afterwards (the provider's end-session endpoint);
   * `refresh`: the provider's refresh token, to renew the access token when it expires.
   */
  signIn(token: string, options?: { signOutUrl?: string | null; refresh?: RefreshGrant | null }): Promise<void>;
  /** Ends the session, then goes to the provider's end-session address if the sign-in left one. */
  signOut(): void;
  can(resource: string, action: string): boolean;
}

const SessionContext = createContext<Session | null>(null);

function readToken(): string | null {
  try { return window.sessionStorage.getItem(TOKEN_KEY); } catch { return null; }
}

/** Whether this tab holds a token (a session that `/api/me` may still refuse). */
export function hasStoredSession(): boolean {
  return readToken() !== null;
}

function writeToken(token: string | null): void {
  try {
    if (token === null) window.sessionStorage.removeItem(TOKEN_KEY);
    else window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch { /* storage refused: the session lasts for this page only */ }
}

/** The end-session address kept with the token (read, or replaced; null removes it). */
function signOutUrl(value?: string | null): string | null {
  try {
    if (value === undefined) return window.sessionStorage.getItem(SIGN_OUT_KEY);
    if (value === null) window.sessionStorage.removeItem(SIGN_OUT_KEY);
    else window.sessionStorage.setItem(SIGN_OUT_KEY, value);
  } catch { /* storage refused */ }
  return null;
}

/** The refresh grant kept with the token, as stored (read, or replaced; null removes it). */
function refreshGrant(value?: RefreshGrant | null): string | null {
  try {
    if (value === undefined) return window.sessionStorage.getItem(REFRESH_KEY);
    if (value === null) window.sessionStorage.removeItem(REFRESH_KEY);
    else window.sessionStorage.setItem(REFRESH_KEY, JSON.stringify(value));
  } catch { /* storage refused: no renewal */ }
  return null;
}

/**
 * Renews the access token with the kept refresh grant. The OpenID Connect code is loaded only then, so
 * that the first screen does not carry it for sessions that have no refresh token.
 */
async function renewAccessToken(): Promise<boolean> {
  const kept = refreshGrant();
  if (!kept) return false;
  const { readRefreshGrant, refreshAccessToken } = await import('./oidc.ts');
  const grant = readRefreshGrant(kept);
  const renewed = grant ? await refreshAccessToken(grant) : null;
  if (!renewed) return false;
  writeToken(renewed.accessToken);
  refreshGrant(renewed.grant);
  return true;
}

/** Forgets everything the session kept: token, end-session address, refresh grant. */
function forgetSession(): void {
  writeToken(null);
  signOutUrl(null);
  refreshGrant(null);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(readToken);
  const [state, setState] = useState<SessionState>(() => (token ? { status: 'checking' } : { status: 'signed-out', expired: false }));

  const api = useMemo(() => createApiClient({
    fetch: (input, init) => window.fetch(input, init),
    token: () => readToken(),
    refresh: renewAccessToken,
    onUnauthenticated: () => {
      forgetSession();
      setToken(null);
      setState({ status: 'signed-out', expired: true });
    },
  }), []);

  const load = useCallback(async (candidate: string) => {
    writeToken(candidate);
    setToken(candidate);
    const { data } = await api.get<Me>('/api/me');
    setState({ status: 'signed-in', me: data });
  }, [api]);

  const signIn = useCallback(async (candidate: string, options: { signOutUrl?: string | null; refresh?: RefreshGrant | null } = {}) => {
    signOutUrl(options.signOutUrl ?? null);
    refreshGrant(options.refresh ?? null);
    try {
      await load(candidate);
    } catch (error) {
      signOutUrl(null);
      refreshGrant(null);
      throw error;
    }
  }, [load]);

  useEffect(() => {
    if (state.status === 'checking' && token) {
      load(token).catch(() => {
        forgetSession();
        setState({ status: 'signed-out', expired: true });
      });
    }
  }, [state.status, token, load]);

  const signOut = useCallback(() => {
    const endSession = signOutUrl();
    forgetSession();
    setToken(null);
    setState({ status: 'signed-out', expired: false });
    if (endSession) window.location.assign(endSession);
  }, []);

  const value = useMemo<Session>(() => ({
    state, api, signIn, signOut,
    can: (resource, action) => state.status === 'signed-in' && state.me.permissions.some((p) => p.resource === resource && p.action === action),
  }), [state, api, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** The problem of a rejected call, whatever was thrown. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { status: 0, code: 'CLIENT', title: 'CLIENT', detail: error instanceof Error ? error.message : String(error), requestId: null, errors: [] };
}
