/**
 * The OpenID Connect sign-in's own logic: the redirect it builds (PKCE S256 checked against an
 * independent SHA-256, state and nonce fresh each time), the callback's checks before anything is
 * sent (state, issuer, the provider's errors, a sign-in used once), the address the user goes back to,
 * and the end-session address. The exchange with a real provider is the browser test's
 * (test/browser/web-app.test.ts).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { AuthorizationServer } from 'oauth4webapi';
import { completeSignIn, endSessionUrl, isLoopback, readRefreshGrant, refreshAccessToken, safeNext, SignInError, startSignIn, type KeyValueStore, type SignInFailure } from './oidc.ts';

function memoryStore(): KeyValueStore & { size(): number } {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => { values.set(key, value); },
    removeItem: (key) => { values.delete(key); },
    size: () => values.size,
  };
}

const AS: AuthorizationServer = {
  issuer: 'https://login.example.eu/realms/eu',
  authorization_endpoint: 'https://login.example.eu/realms/eu/protocol/openid-connect/auth?kc_idp_hint=eu',
  token_endpoint: 'https://login.example.eu/realms/eu/protocol/openid-connect/token',
};
const SETTINGS = { issuer: AS.issuer, clientId: 'waypoint-web', scope: 'openid profile' };
const REDIRECT = 'https://waypoint.example.eu/signin/callback';

async function started(storage: KeyValueStore, overrides: Partial<typeof SETTINGS> = {}, next = '/queue?assignedTo=me') {
  return new URL(await startSignIn({ settings: { ...SETTINGS, ...overrides }, as: AS, redirectUri: REDIRECT, next, storage }));
}

async function failureOf(promise: Promise<unknown>): Promise<{ failure: SignInFailure; next: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SignInError, `a SignInError, not ${String(error)}`);
    return { failure: error.failure, next: error.next };
  }
  assert.fail('the sign-in should have failed');
}

describe('safeNext', () => {
  it('keeps addresses inside the app, with their query', () => {
    assert.equal(safeNext('/queue?assignedTo=me'), '/queue?assignedTo=me');
    assert.equal(safeNext('/cases/0b7c9e0e-1c1a-4c57-9d0e-6a3f1f7f2a11'), '/cases/0b7c9e0e-1c1a-4c57-9d0e-6a3f1f7f2a11');
  });

  it('sends anything else home: other sites, protocol-relative and backslash tricks, nothing', () => {
    for (const next of ['https://evil.example/', '//evil.example/queue', '/\\evil.example', 'javascript:alert(1)', 'queue', '', null, undefined]) {
      assert.equal(safeNext(next), '/', String(next));
    }
  });
});

describe('isLoopback', () => {
  it('allows plain HTTP only on this machine', () => {
    for (const url of ['http://127.0.0.1:8080/realms/eu', 'http://localhost:3000', 'http://[::1]:9000', 'http://idp.localhost']) assert.equal(isLoopback(url), true, url);
    for (const url of ['https://login.example.eu', 'http://127.0.0.1.evil.example', 'http://10.0.0.5', 'http://localhost.evil.example']) assert.equal(isLoopback(url), false, url);
  });
});

describe('startSignIn', () => {
  it('builds the authorization request: code flow, the public client, PKCE S256, state and nonce', async () => {
    const storage = memoryStore();
    const url = await started(storage);
    assert.equal(url.origin + url.pathname, 'https://login.example.eu/realms/eu/protocol/openid-connect/auth');
    assert.equal(url.searchParams.get('kc_idp_hint'), 'eu', 'the endpoint\'s own query is kept');
    const p = url.searchParams;
    assert.deepEqual([p.get('response_type'), p.get('client_id'), p.get('redirect_uri'), p.get('scope'), p.get('code_challenge_method')],
      ['code', 'waypoint-web', REDIRECT, 'openid profile', 'S256']);
    assert.match(p.get('state') ?? '', /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    assert.match(p.get('nonce') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(p.get('code_verifier'), null, 'the verifier never leaves the browser');
    // The challenge is the verifier's SHA-256 (RFC 7636 §4.2), computed here independently.
    const pending = JSON.parse(storage.getItem('waypoint.oidc.pending')!) as { codeVerifier: string; state: string; nonce: string; next: string };
    assert.match(pending.codeVerifier, /^[A-Za-z0-9_-]{43,128}$/);
    assert.equal(p.get('code_challenge'), createHash('sha256').update(pending.codeVerifier).digest('base64url'));
    assert.deepEqual([pending.state, pending.nonce, pending.next], [p.get('state'), p.get('nonce'), '/queue?assignedTo=me']);
  });

  it('draws fresh values for each sign-in and keeps only the latest', async () => {
    const storage = memoryStore();
    const first = await started(storage);
    const second = await started(storage);
    for (const name of ['state', 'nonce', 'code_challenge']) assert.notEqual(first.searchParams.get(name), second.searchParams.get(name), name);
    assert.equal(storage.size(), 1);
  });

  it('names the resource indicator when one is configured, and keeps it for the code exchange; none otherwise', async () => {
    const storage = memoryStore();
    assert.equal((await started(storage)).searchParams.get('resource'), null);
    assert.equal((JSON.parse(storage.getItem('waypoint.oidc.pending')!) as { resource: string | null }).resource, null);
    const url = await started(storage, { resource: 'urn:waypoint:api' } as Partial<typeof SETTINGS>);
    assert.equal(url.searchParams.get('resource'), 'urn:waypoint:api');
    assert.equal((JSON.parse(storage.getItem('waypoint.oidc.pending')!) as { resource: string | null }).resource, 'urn:waypoint:api');
  });

  it('asks for no nonce without openid, and never keeps an outside address to come back to', async () => {
    const storage = memoryStore();
    const url = await started(storage, { scope: 'waypoint' }, '//evil.example');
    assert.equal(url.searchParams.get('nonce'), null);
    assert.equal((JSON.parse(storage.getItem('waypoint.oidc.pending')!) as { next: string }).next, '/');
  });
});

describe('completeSignIn, before anything is sent', () => {
  const realFetch = globalThis.fetch;
  let requests: string[];
  beforeEach(() => {
    requests = [];
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      requests.push(String(input));
      throw new Error('no request may be sent');
    }) as typeof fetch;
  });
  afterEach(() => { globalThis.fetch = realFetch; });

  const callback = (query: Record<string, string>) => new URL(`${REDIRECT}?${new URLSearchParams(query)}`);

  it('refuses an answer whose state is not the pending one, and forgets the sign-in', async () => {
    const storage = memoryStore();
    await started(storage);
    const { failure, next } = await failureOf(completeSignIn({ callbackUrl: callback({ code: 'abc', state: 'forged-state' }), storage }));
    assert.deepEqual(failure, { kind: 'state' });
    assert.equal(next, '/queue?assignedTo=me', 'the user can start again towards the same screen');
    assert.deepEqual(requests, [], 'the code was not exchanged');
    assert.equal(storage.size(), 0);
    const again = await failureOf(completeSignIn({ callbackUrl: callback({ code: 'abc', state: 'forged-state' }), storage }));
    assert.deepEqual(again.failure, { kind: 'missing' });
  });

  it('refuses an answer without state, or from another issuer (RFC 9207 iss)', async () => {
    const storage = memoryStore();
    await started(storage);
    assert.deepEqual((await failureOf(completeSignIn({ callbackUrl: callback({ code: 'abc' }), storage }))).failure, { kind: 'state' });
    const state = (await started(storage)).searchParams.get('state')!;
    const mixUp = await failureOf(completeSignIn({ callbackUrl: callback({ code: 'abc', state, iss: 'https://attacker.example' }), storage }));
    assert.deepEqual(mixUp.failure, { kind: 'state' });
    assert.deepEqual(requests, []);
  });

  it('says the user cancelled (access_denied), or names the provider\'s error, when the state is this tab\'s', async () => {
    const storage = memoryStore();
    let state = (await started(storage)).searchParams.get('state')!;
    const denied = await failureOf(completeSignIn({ callbackUrl: callback({ error: 'access_denied', error_description: 'End-User aborted interaction', state }), storage }));
    assert.deepEqual(denied.failure, { kind: 'denied', description: 'End-User aborted interaction' });
    state = (await started(storage)).searchParams.get('state')!;
    const other = await failureOf(completeSignIn({ callbackUrl: callback({ error: 'temporarily_unavailable', state }), storage }));
    assert.deepEqual(other.failure, { kind: 'provider', code: 'temporarily_unavailable', description: null });
    assert.deepEqual(requests, []);
  });

  it('does not show a provider\'s error to a tab that started no sign-in (a crafted link)', async () => {
    const { failure, next } = await failureOf(completeSignIn({ callbackUrl: callback({ error: 'access_denied', error_description: 'Call +00 000 to unlock your account', state: 'x' }), storage: memoryStore() }));
    assert.deepEqual(failure, { kind: 'missing' });
    assert.equal(next, '/');
  });
});

describe('endSessionUrl', () => {
  it('is null without an end_session_endpoint, else carries the client, the ID token hint and where to come back', () => {
    assert.equal(endSessionUrl(AS, { clientId: 'waypoint-web', idToken: 'e.y.j', postLogoutRedirectUri: 'https://waypoint.example.eu/signin' }), null);
    const url = new URL(endSessionUrl({ ...AS, end_session_endpoint: 'https://login.example.eu/logout' }, { clientId: 'waypoint-web', idToken: 'e.y.j', postLogoutRedirectUri: 'https://waypoint.example.eu/signin' })!);
    assert.deepEqual(Object.fromEntries(url.searchParams), { client_id: 'waypoint-web', id_token_hint: 'e.y.j', post_logout_redirect_uri: 'https://waypoint.example.eu/signin' });
  });
});

describe('readRefreshGrant', () => {
  it('gives back a kept grant, and null for anything else kept under its name', () => {
    const grant = { refreshToken: 'r-1', clientId: 'waypoint-web', as: AS };
    assert.deepEqual(readRefreshGrant(JSON.stringify(grant)), grant);
    assert.deepEqual(readRefreshGrant(JSON.stringify({ ...grant, resource: 'urn:waypoint:api' })), { ...grant, resource: 'urn:waypoint:api' });
    for (const raw of [null, '', '{', 'null', '[]', '"r-1"', JSON.stringify({ ...grant, refreshToken: '' }), JSON.stringify({ ...grant, clientId: 7 }), JSON.stringify({ ...grant, resource: 7 }),
      JSON.stringify({ refreshToken: 'r-1', clientId: 'waypoint-web' }), JSON.stringify({ ...grant, as: { issuer: AS.issuer } })]) {
      assert.equal(readRefreshGrant(raw), null, String(raw));
    }
  });
});

describe('refreshAccessToken', () => {
  it('answers null, sending nothing, when the provider cannot be reached over HTTPS (a plain-HTTP endpoint off this machine)', async () => {
    const requests: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (url: string | URL | Request) => { requests.push(String(url)); return new Response('{}'); }) as typeof fetch;
    try {
      const insecure = { ...AS, issuer: 'http://login.example.eu', token_endpoint: 'http://login.example.eu/token' };
      assert.equal(await refreshAccessToken({ refreshToken: 'r-1', clientId: 'waypoint-web', as: insecure }), null);
      assert.deepEqual(requests, []);
    } finally {
      globalThis.fetch = original;
    }
  });
});
