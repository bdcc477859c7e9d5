/**
 * Serving the built client on the API's port, through the whole app (so that the SPA fallback is
 * seen next to the real API, issuer and error handler): caching by file kind, gzip, revalidation of
 * index.html, and no client route ever answering for /api, /oidc, /health or a missing file.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { buildProduct, type Product } from '../server.ts';
import { openTestStorage, type TestStorage } from '../../test/support/storage.ts';
import { clientSourceHash } from './client-build.ts';
import { isClientRoute, loadClientAssets } from './client-assets.ts';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

describe('the client on the API\'s port', () => {
  let dir: string;
  let storage: TestStorage;
  let product: Product;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'waypoint-client-'));
    mkdirSync(join(dir, 'assets'));
    mkdirSync(join(dir, '.vite'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Waypoint</title><script type="module" src="/assets/app-abc123.js"></script>');
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), SCRIPT);
    writeFileSync(join(dir, '.vite', 'manifest.json'), '{}');
    storage = await openTestStorage();
    product = await buildProduct({ config: loadConfig({ LOG_LEVEL: 'silent' }), storage, logger: pino({ level: 'silent' }), client: loadClientAssets({ dir, hash: 'h1' }) });
  });
  after(async () => {
    await product?.close();
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html for every client route, revalidated, with a content security policy', async () => {
    for (const path of ['/', '/signin', '/law/assess', '/countries/TR']) {
      const response = await product.app.request(path);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /<title>Waypoint<\/title>/);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      assert.equal(response.headers.get('etag'), '"h1"');
      assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    }
    const again = await product.app.request('/law', { headers: { 'if-none-match': '"h1"' } });
    assert.equal(again.status, 304);
  });

  it('serves hashed assets as immutable, gzipped when accepted', async () => {
    const plain = await product.app.request('/assets/app-abc123.js');
    assert.equal(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(plain.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(await plain.text(), SCRIPT);
    const zipped = await product.app.request('/assets/app-abc123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(zipped.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString(), SCRIPT);
  });

  it('leaves the API, the issuer, health and missing files to the server: problems and 404s, never the app', async () => {
    const api = await product.app.request('/api/nothing');
    assert.equal(api.status, 401);
    assert.equal(api.headers.get('content-type'), 'application/problem+json');
    for (const path of ['/oidc/nothing', '/assets/gone-123.js', '/robots.txt', '/.vite/manifest.json']) {
      const response = await product.app.request(path);
      assert.equal(response.status, 404, path);
      assert.equal(response.headers.get('content-type'), 'application/problem+json', path);
    }
    assert.equal((await product.app.request('/health')).headers.get('content-type')?.startsWith('application/json'), true);
    assert.equal((await product.app.request('/oidc/demo-users')).status, 200);
  });
});

describe('isClientRoute', () => {
  it('is any path outside the server\'s own that does not name a file', () => {
    assert.deepEqual(['/', '/countries/TR', '/law/assess'].map(isClientRoute), [true, true, true]);
    assert.deepEqual(['/api', '/api/me', '/oidc/jwks.json', '/health', '/metrics', '/assets/x.js', '/favicon.ico', '/robots.txt'].map(isClientRoute), Array(8).fill(false));
  });
});

describe('clientSourceHash', () => {
  it('changes with any source file and the lockfile, not with a test of the client\'s logic', () => {
    const root = mkdtempSync(join(tmpdir(), 'waypoint-hash-'));
    const web = join(root, 'web');
    try {
      mkdirSync(join(web, 'src'), { recursive: true });
      writeFileSync(join(web, 'src', 'a.ts'), 'a');
      const first = clientSourceHash(web);
      writeFileSync(join(web, 'src', 'a.test.ts'), 'test');
      mkdirSync(join(web, 'dist', 'old'), { recursive: true });
      writeFileSync(join(web, 'dist', 'old', 'x.js'), 'built');
      assert.equal(clientSourceHash(web), first);
      writeFileSync(join(root, 'package-lock.json'), '{}');
      const withLock = clientSourceHash(web);
      assert.notEqual(withLock, first);
      writeFileSync(join(web, 'src', 'a.ts'), 'b');
      assert.notEqual(clientSourceHash(web), withLock);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
