/**
 * How the web app is told to sign users in (GET /api/sign-in, src/identity/sign-in.ts) and what its
 * pages may fetch (CSP connect-src): the demo issuer's users, a redirect to the organisation's OpenID
 * Connect provider when the web app has a client id there, or a pasted token. The settings are
 * checked at start-up: a client id needs an issuer, and an issuer that advertises no authorization or
 * token endpoint cannot serve it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { signInSettings } from '../../src/identity/sign-in.ts';
import { contentSecurityPolicy } from '../../src/web/client-assets.ts';
import { ENGINE } from '../support/storage.ts';
import { startTestProduct, type TestProduct } from '../support/product.ts';

const ISSUER = 'https://login.example.eu/realms/eu';
const METADATA = {
  issuer: ISSUER, jwks_uri: `${ISSUER}/protocol/openid-connect/certs`,
  authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`, token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
};

describe('sign-in settings', () => {
  it('reads WAYPOINT_OIDC_CLIENT_ID and WAYPOINT_OIDC_SCOPE, and refuses a client id without an issuer', () => {
    const config = loadConfig({ WAYPOINT_OIDC_ISSUER: ISSUER, WAYPOINT_OIDC_CLIENT_ID: 'waypoint-web', WAYPOINT_OIDC_SCOPE: '  openid   profile ' });
    assert.deepEqual([config.oidcClientId, config.oidcScope], ['waypoint-web', 'openid profile']);
    assert.deepEqual([loadConfig({}).oidcClientId, loadConfig({}).oidcScope], [null, 'openid']);
    assert.throws(() => loadConfig({ WAYPOINT_OIDC_CLIENT_ID: 'waypoint-web' }), /WAYPOINT_OIDC_CLIENT_ID: needs WAYPOINT_OIDC_ISSUER/);
    assert.throws(() => loadConfig({ WAYPOINT_OIDC_ISSUER: ISSUER, WAYPOINT_OIDC_SCOPE: 'openid "profile"' }), /WAYPOINT_OIDC_SCOPE/);
  });

  it('reads WAYPOINT_OIDC_RESOURCE as an absolute URI without a fragment, and refuses anything else', () => {
    assert.equal(loadConfig({}).oidcResource, null);
    for (const resource of ['urn:waypoint:api', 'https://waypoint.example.eu/api', 'api://7f0c-waypoint']) {
      assert.equal(loadConfig({ WAYPOINT_OIDC_ISSUER: ISSUER, WAYPOINT_OIDC_RESOURCE: ` ${resource} ` }).oidcResource, resource);
    }
    for (const resource of ['waypoint', '/api', 'https://waypoint.example.eu/api#x', 'urn:waypoint api']) {
      assert.throws(() => loadConfig({ WAYPOINT_OIDC_ISSUER: ISSUER, WAYPOINT_OIDC_RESOURCE: resource }), /WAYPOINT_OIDC_RESOURCE: an absolute URI without a fragment/, resource);
    }
  });

  it('chooses the demo users without an issuer, a pasted token without a client id, else the redirect', () => {
    assert.deepEqual(signInSettings(loadConfig({}), null), { method: { method: 'demo' }, connectSources: [] });
    assert.deepEqual(signInSettings(loadConfig({ WAYPOINT_OIDC_ISSUER: ISSUER }), METADATA), { method: { method: 'token', issuer: ISSUER }, connectSources: [] });
    const oidc = signInSettings(loadConfig({ WAYPOINT_OIDC_ISSUER: ISSUER, WAYPOINT_OIDC_CLIENT_ID: 'waypoint-web' }), METADATA);
    assert.deepEqual(oidc, { method: { method: 'oidc', issuer: ISSUER, clientId: 'waypoint-web', scope: 'openid', resource: null }, connectSources: ['https://login.example.eu'] });
    const named = signInSettings(loadConfig({ WAYPOINT_OIDC_ISSUER: ISSUER, WAYPOINT_OIDC_CLIENT_ID: 'waypoint-web', WAYPOINT_OIDC_RESOURCE: 'urn:waypoint:api' }), METADATA);
    assert.equal(named.method.method === 'oidc' && named.method.resource, 'urn:waypoint:api');
  });

  it('lets the pages reach a token endpoint on another origin than the issuer\'s', () => {
    const settings = signInSettings(loadConfig({ WAYPOINT_OIDC_ISSUER: ISSUER, WAYPOINT_OIDC_CLIENT_ID: 'waypoint-web' }), { ...METADATA, token_endpoint: 'https://tokens.example.eu:8443/token' });
    assert.deepEqual(settings.connectSources, ['https://login.example.eu', 'https://tokens.example.eu:8443']);
    assert.match(contentSecurityPolicy(settings.connectSources), /connect-src 'self' https:\/\/login\.example\.eu https:\/\/tokens\.example\.eu:8443;/);
    assert.match(contentSecurityPolicy(), /connect-src 'self';/);
  });

  it('refuses to start a redirect sign-in at an issuer that advertises no authorization or token endpoint', () => {
    const config = loadConfig({ WAYPOINT_OIDC_ISSUER: ISSUER, WAYPOINT_OIDC_CLIENT_ID: 'waypoint-web' });
    assert.throws(() => signInSettings(config, { ...METADATA, authorization_endpoint: undefined }), /advertises no authorization_endpoint/);
    assert.throws(() => signInSettings(config, { ...METADATA, token_endpoint: undefined }), /advertises no token_endpoint/);
  });
});

describe(`GET /api/sign-in on ${ENGINE}`, () => {
  let t: TestProduct;
  before(async () => { t = await startTestProduct(); });
  after(() => t.close());

  it('answers without a token: the demo issuer\'s users, with the local issuer', async () => {
    const response = await t.call(null, 'GET', '/api/sign-in');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { method: 'demo' });
    const document = await (await t.call(null, 'GET', '/api/openapi.json')).json() as { paths: Record<string, { get?: { security?: unknown } }> };
    assert.ok(document.paths['/api/sign-in']?.get, 'documented');
    assert.deepEqual(document.paths['/api/sign-in']!.get!.security, [], 'declared public');
  });
});
