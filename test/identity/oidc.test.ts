/**
 * Identity with an external OpenID Connect issuer: a tiny issuer runs inside the test (node:http on
 * 127.0.0.1, a random port, a discovery document and a JWKS made with jose), and the product is built
 * with WAYPOINT_OIDC_ISSUER pointing at it. Its tokens are accepted and their claims mapped to the
 * caller; tokens failing any check of OpenID Connect Core §3.1.3.7 / RFC 7519 §7.2 (issuer, audience,
 * expiry, signature) or naming no Waypoint tenant are answered 401. The local demo issuer is absent in
 * that mode, and it refuses to start in production unless explicitly enabled.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { LOCAL_ISSUER } from '../../src/identity/local-issuer.ts';
import { buildProduct } from '../../src/server.ts';
import { ENGINE, openTestStorage } from '../support/storage.ts';
import { openCaseBody, startTestProduct, type TestProduct } from '../support/product.ts';

type Json = Record<string, any>;

interface TestIssuer {
  /** The issuer identifier, a URL with a path as Keycloak-style issuers have. */
  url: string;
  /** Paths the product fetched from the issuer. */
  fetched: string[];
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

interface SignOptions {
  issuer?: string;
  audience?: string | string[];
  /** Seconds from now; negative for the past. */
  expiresIn?: number;
  notBefore?: number;
  key?: CryptoKey;
  kid?: string;
  alg?: string;
}

/** @param discoveryIssuer the `issuer` the discovery document claims (default: the real one). */
async function startIssuer({ discoveryIssuer }: { discoveryIssuer?: string } = {}): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = 'issuer-key-2026';
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const fetched: string[] = [];
  let url = '';
  const server: Server = createServer((request, response) => {
    fetched.push(request.url ?? '');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/realms/eu/.well-known/openid-configuration') {
      send(200, { issuer: discoveryIssuer ?? url, jwks_uri: `${url}/protocol/openid-connect/certs`, id_token_signing_alg_values_supported: ['ES256'] });
    } else if (request.url === '/realms/eu/protocol/openid-connect/certs') {
      send(200, { keys: [jwk] });
    } else {
      send(404, { error: 'not_found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/eu`;
  return {
    url,
    fetched,
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: options.alg ?? 'ES256', kid: options.kid ?? kid, typ: 'JWT' })
        .setIssuer(options.issuer ?? url).setAudience(options.audience ?? 'waypoint-api')
        .setIssuedAt(now).setExpirationTime(now + (options.expiresIn ?? 600));
      if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
      return jwt.sign(options.key ?? privateKey);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The claims of an Italian supervisor of the asylum unit, as the issuer would send them. */
const SUPERVISOR = { sub: 'maria.rossi@interno.it', name: 'Maria Rossi', waypoint_tenant: 'IT', waypoint_roles: ['supervisor'], waypoint_unit: 'asylum' };

describe(`an external OIDC issuer on ${ENGINE}`, () => {
  let issuer: TestIssuer;
  let t: TestProduct;

  before(async () => {
    issuer = await startIssuer();
    t = await startTestProduct({ WAYPOINT_OIDC_ISSUER: issuer.url, WAYPOINT_OIDC_AUDIENCE: 'waypoint-api' });
  });
  after(async () => {
    await t.close();
    await issuer.close();
  });

  function withToken(token: string, method: string, path: string, body?: unknown): Promise<Response> {
    return t.call(null, method, path, { headers: { authorization: `Bearer ${token}` }, body });
  }

  async function expectUnauthenticated(response: Response, label: string): Promise<void> {
    const text = await response.text();
    assert.equal(response.status, 401, `${label}: ${response.status} ${text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, label);
    assert.equal((JSON.parse(text) as Json).code, 'UNAUTHENTICATED', label);
  }

  it('finds the JWKS through the discovery document', async () => {
    assert.equal(t.product.localIssuer, false);
    const response = await withToken(await issuer.sign(SUPERVISOR), 'GET', '/api/me');
    assert.equal(response.status, 200);
    assert.ok(issuer.fetched.includes('/realms/eu/.well-known/openid-configuration'));
    assert.ok(issuer.fetched.includes('/realms/eu/protocol/openid-connect/certs'));
  });

  it('accepts its tokens and maps subject, name, tenant, roles and unit to the caller', async () => {
    const response = await withToken(await issuer.sign(SUPERVISOR), 'GET', '/api/me');
    assert.equal(response.status, 200);
    const me = await response.json() as Json;
    assert.deepEqual({ id: me.id, displayName: me.displayName, tenantId: me.tenantId, unitId: me.unitId, roles: me.roles },
      { id: 'maria.rossi@interno.it', displayName: 'Maria Rossi', tenantId: 'IT', unitId: 'asylum', roles: ['supervisor'] });
    assert.ok(me.permissions.some((p: Json) => p.resource === 'case' && p.action === 'assign' && p.scope === 'tenant'));
  });

  it('lets the mapped caller act in its tenant only', async () => {
    const opened = await withToken(await issuer.sign(SUPERVISOR), 'POST', '/api/cases', openCaseBody());
    assert.equal(opened.status, 201, await opened.clone().text());
    const created = await opened.json() as Json;
    assert.equal(created.tenantId, 'IT');
    assert.equal(created.openedBy, 'maria.rossi@interno.it');
    const greek = await issuer.sign({ ...SUPERVISOR, sub: 'nikos@migration.gov.gr', waypoint_tenant: 'GR' });
    assert.equal((await withToken(greek, 'GET', `/api/cases/${created.id}`)).status, 404);
    const events = await t.storage.db.selectFrom('audit_events').select(['tenant_id', 'actor_id']).where('entity_id', '=', created.id).execute();
    assert.deepEqual(events, [{ tenant_id: 'IT', actor_id: 'maria.rossi@interno.it' }]);
  });

  it('accepts roles as a space-separated string, drops roles Waypoint does not know, and leaves an empty unit unset', async () => {
    const token = await issuer.sign({ sub: 'analyst-7', waypoint_tenant: 'COM', waypoint_roles: 'policy-analyst realm-admin offline_access', waypoint_unit: '' });
    const me = await (await withToken(token, 'GET', '/api/me')).json() as Json;
    assert.deepEqual([me.id, me.displayName, me.tenantId, me.unitId, me.roles], ['analyst-7', 'analyst-7', 'COM', null, ['policy-analyst']]);
    const nobody = await issuer.sign({ sub: 'no-roles', waypoint_tenant: 'IT', waypoint_roles: ['administrator-of-everything'] });
    const response = await withToken(nobody, 'GET', '/api/cases');
    assert.equal(response.status, 403, 'a caller without a Waypoint role may do nothing');
  });

  it('refuses with 401 tokens of another issuer, for another audience, expired, not yet valid, or naming no Waypoint tenant', async () => {
    const cases: Array<[string, Promise<string>]> = [
      ['another issuer', issuer.sign(SUPERVISOR, { issuer: 'http://127.0.0.1:1/realms/eu' })],
      ['the issuer with a trailing slash', issuer.sign(SUPERVISOR, { issuer: `${issuer.url}/` })],
      ['the local issuer\'s iss', issuer.sign(SUPERVISOR, { issuer: LOCAL_ISSUER })],
      ['another audience', issuer.sign(SUPERVISOR, { audience: 'account' })],
      ['the default audience', issuer.sign(SUPERVISOR, { audience: 'waypoint' })],
      ['expired', issuer.sign(SUPERVISOR, { expiresIn: -120 })],
      ['not yet valid', issuer.sign(SUPERVISOR, { notBefore: 600 })],
      ['an unknown tenant', issuer.sign({ ...SUPERVISOR, waypoint_tenant: 'ZZ' })],
      ['a lower-case tenant', issuer.sign({ ...SUPERVISOR, waypoint_tenant: 'it' })],
      ['no tenant', issuer.sign({ sub: SUPERVISOR.sub, waypoint_roles: ['supervisor'] })],
      ['a tenant list', issuer.sign({ ...SUPERVISOR, waypoint_tenant: ['IT', 'GR'] })],
      ['no subject', issuer.sign({ waypoint_tenant: 'IT', waypoint_roles: ['supervisor'] })],
    ];
    for (const [label, token] of cases) await expectUnauthenticated(await withToken(await token, 'GET', '/api/me'), label);
  });

  it('refuses with 401 tokens signed by another key, with another algorithm, or not signed', async () => {
    const intruder = await generateKeyPair('ES256');
    const valid = await issuer.sign(SUPERVISOR);
    const [header, payload] = valid.split('.');
    const cases: Array<[string, string]> = [
      ['another key under the issuer\'s kid', await issuer.sign(SUPERVISOR, { key: intruder.privateKey })],
      ['another key under its own kid', await issuer.sign(SUPERVISOR, { key: intruder.privateKey, kid: 'intruder' })],
      ['HS256 with a guessable secret', await issuer.sign(SUPERVISOR, { alg: 'HS256', key: new TextEncoder().encode('waypoint-secret-of-32-characters!') as unknown as CryptoKey })],
      ['alg none', `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`],
      ['a signature cut off', `${header}.${payload}.`],
      ['a tampered payload', `${header}.${Buffer.from(JSON.stringify({ ...SUPERVISOR, waypoint_tenant: 'GR', exp: 4102444800 })).toString('base64url')}.${valid.split('.')[2]}`],
    ];
    for (const [label, token] of cases) await expectUnauthenticated(await withToken(token, 'GET', '/api/me'), label);
  });

  it('does not mount the local issuer: no demo token, no demo users, no local keys', async () => {
    for (const path of ['/oidc/.well-known/openid-configuration', '/oidc/jwks.json', '/oidc/demo-users', '/signin']) {
      const response = await t.call(null, 'GET', path);
      assert.equal(response.status, 404, path);
    }
    const token = await t.call(null, 'POST', '/oidc/demo-token', { body: { username: 'it-administrator' } });
    assert.equal(token.status, 404);
    assert.doesNotMatch(await token.text(), /access_token/);
    const document = await (await t.call(null, 'GET', '/api/openapi.json')).json() as Json;
    assert.deepEqual(Object.keys(document.paths).filter((p) => p.startsWith('/oidc')), []);
    assert.deepEqual(await t.storage.db.selectFrom('users').select('id').execute(), [], 'no demo users are seeded');
    assert.deepEqual(await t.storage.db.selectFrom('local_issuer_keys').select('kid').execute(), [], 'no local signing key exists');
  });

  it('maps the claims named by WAYPOINT_OIDC_TENANT_CLAIM, _ROLES_CLAIM and _UNIT_CLAIM', async () => {
    const custom = await startTestProduct({
      WAYPOINT_OIDC_ISSUER: issuer.url, WAYPOINT_OIDC_AUDIENCE: 'waypoint-api',
      WAYPOINT_OIDC_TENANT_CLAIM: 'member_state', WAYPOINT_OIDC_ROLES_CLAIM: 'groups', WAYPOINT_OIDC_UNIT_CLAIM: 'department',
    });
    try {
      const token = await issuer.sign({ sub: 'eleni', member_state: 'GR', groups: ['caseworker'], department: 'return', waypoint_tenant: 'IT', waypoint_roles: ['administrator'] });
      const me = await (await custom.call(null, 'GET', '/api/me', { headers: { authorization: `Bearer ${token}` } })).json() as Json;
      assert.deepEqual([me.tenantId, me.roles, me.unitId], ['GR', ['caseworker'], 'return']);
      const defaults = await issuer.sign(SUPERVISOR);
      const refused = await custom.call(null, 'GET', '/api/me', { headers: { authorization: `Bearer ${defaults}` } });
      assert.equal(refused.status, 401, 'the default claim names no longer count');
    } finally {
      await custom.close();
    }
  });
});

describe(`OIDC discovery on ${ENGINE}`, () => {
  it('refuses to start when the discovery document names another issuer (OpenID Connect Discovery 1.0 §4.3)', async () => {
    const issuer = await startIssuer({ discoveryIssuer: 'https://login.example.org/realms/eu' });
    const storage = await openTestStorage();
    try {
      const config = loadConfig({ WAYPOINT_OIDC_ISSUER: issuer.url, LOG_LEVEL: 'silent' });
      await assert.rejects(buildProduct({ config, storage, logger: pino({ level: 'silent' }) }), /names issuer https:\/\/login\.example\.org\/realms\/eu/);
    } finally {
      await storage.close();
      await issuer.close();
    }
  });
});

describe(`the local issuer in production on ${ENGINE}`, () => {
  const logger = pino({ level: 'silent' });

  it('refuses to start with NODE_ENV=production and no external issuer (LOCAL_ISSUER_DISABLED)', async () => {
    const storage = await openTestStorage();
    try {
      const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
      await assert.rejects(buildProduct({ config, storage, logger }), (error) => isDomainError(error, 'LOCAL_ISSUER_DISABLED'));
      assert.deepEqual(await storage.db.selectFrom('users').select('id').execute(), [], 'no demo users were seeded');
      const otherValues = loadConfig({ NODE_ENV: 'production', WAYPOINT_LOCAL_ISSUER: 'true', LOG_LEVEL: 'silent' });
      await assert.rejects(buildProduct({ config: otherValues, storage, logger }), (error) => isDomainError(error, 'LOCAL_ISSUER_DISABLED'), 'only "enable" enables it');
    } finally {
      await storage.close();
    }
  });

  it('starts in production with WAYPOINT_LOCAL_ISSUER=enable, and its demo tokens work', async () => {
    const storage = await openTestStorage();
    try {
      const config = loadConfig({ NODE_ENV: 'production', WAYPOINT_LOCAL_ISSUER: 'enable', LOG_LEVEL: 'silent' });
      const product = await buildProduct({ config, storage, logger });
      assert.equal(product.localIssuer, true);
      const issued = await product.app.request('/oidc/demo-token', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'it-auditor' }),
      });
      assert.equal(issued.status, 200);
      const { access_token: token } = await issued.json() as Json;
      const me = await product.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.status, 200);
      assert.equal(((await me.json()) as Json).id, 'it-auditor');
      await product.close();
    } finally {
      await storage.close();
    }
  });

  it('starts in production with an external issuer, without the local one', async () => {
    const issuer = await startIssuer();
    const storage = await openTestStorage();
    try {
      const config = loadConfig({ NODE_ENV: 'production', WAYPOINT_OIDC_ISSUER: issuer.url, WAYPOINT_OIDC_AUDIENCE: 'waypoint-api', LOG_LEVEL: 'silent' });
      const product = await buildProduct({ config, storage, logger });
      assert.equal(product.localIssuer, false);
      const demo = await product.app.request('/oidc/demo-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"it-auditor"}' });
      assert.equal(demo.status, 404);
      const me = await product.app.request('/api/me', { headers: { authorization: `Bearer ${await issuer.sign(SUPERVISOR)}` } });
      assert.equal(me.status, 200);
      await product.close();
    } finally {
      await storage.close();
      await issuer.close();
    }
  });
});
