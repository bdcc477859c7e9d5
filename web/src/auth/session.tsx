/**
 * @module web/auth/session
 * Who is signed in: the bearer token (kept in sessionStorage, so it ends with the tab) and `/api/me`,
 * which says the user's tenant, roles and permissions; the screens and the navigation ask `can()`
 * rather than looking at roles. The API client lives here because it needs the token; a 401 from any
 * call ends the session and sends the user back to sign in. A sign-in through an OpenID Connect
 * provider may leave the provider's end-session address: signing out then goes there, so that the
 * provider's session ends too (OpenID Connect RP-Initiated Logout 1.0).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client.ts';
import { ApiError, type Problem } from '../api/problem.ts';
import type { Me } from '../api/types.ts';

const TOKEN_KEY = 'waypoint.token';
const SIGN_OUT_KEY = 'waypoint.signOutUrl';

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; me: Me };

export interface Session {
  state: SessionState;
  api: ApiClient;
  /**
   * Keeps the token and loads the user; rejects with the API's problem when the token is refused.
   * `signOutUrl`: where signing out goes afterwards (the provider's end-session endpoint).
   */
  signIn(token: string, options?: { signOutUrl?: string | null }): Promise<void>;
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

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(readToken);
  const [state, setState] = useState<SessionState>(() => (token ? { status: 'checking' } : { status: 'signed-out', expired: false }));

  const api = useMemo(() => createApiClient({
    fetch: (input, init) => window.fetch(input, init),
    token: () => readToken(),
    onUnauthenticated: () => {
      writeToken(null);
      signOutUrl(null);
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

  const signIn = useCallback(async (candidate: string, options: { signOutUrl?: string | null } = {}) => {
    signOutUrl(options.signOutUrl ?? null);
    try {
      await load(candidate);
    } catch (error) {
      signOutUrl(null);
      throw error;
    }
  }, [load]);

  useEffect(() => {
    if (state.status === 'checking' && token) {
      load(token).catch(() => {
        writeToken(null);
        setState({ status: 'signed-out', expired: true });
      });
    }
  }, [state.status, token, load]);

  const signOut = useCallback(() => {
    const endSession = signOutUrl();
    writeToken(null);
    signOutUrl(null);
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
