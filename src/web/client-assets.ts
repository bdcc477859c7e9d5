/**
 * @module web/client-assets
 * Serving the built browser client on the API's port. The build (a few hundred kB) is read into
 * memory at start-up, so a rebuild or clean-up of `web/dist/` never breaks a running server.
 * Hashed files under /assets/ are immutable for a year; index.html is revalidated on every load
 * (ETag = build hash), so a new build reaches users at their next visit. Every other GET that is not
 * the API, the issuer, health or metrics, and does not name a file, is a client route and gets
 * index.html (the SPA fallback). Text files are gzipped once, on first request, when the browser
 * accepts it.
 */
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../api/env.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.json', '.svg', '.html']);

/**
 * What the client may load: its own scripts, styles and data, and the API on the same origin. React
 * sets inline styles through the DOM, which style-src does not govern (CSP 3, §6.1.10 applies to
 * style attributes in markup); links to EUR-Lex and other sources open in a new tab. With an
 * organisation's OpenID Connect provider, the sign-in fetches its discovery document and exchanges
 * the code at its token endpoint: those origins join connect-src (the redirect itself is a navigation,
 * which CSP does not govern).
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  const connect = ["'self'", ...connectSources].join(' ');
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${connect}; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`;
}

interface Asset { body: Buffer; type: string; gzipped?: Buffer; compressible: boolean }

export interface ClientAssets {
  hash: string;
  index: Asset;
  /** By URL path: `/assets/index-DqFVFpKd.js`. */
  files: Map<string, Asset>;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Reads a build folder (ensureClientBuild's `dir`) into memory; Vite's own manifest is not served. */
export function loadClientAssets({ dir, hash }: { dir: string; hash: string }): ClientAssets {
  const files = new Map<string, Asset>();
  for (const file of walk(dir)) {
    const path = `/${relative(dir, file).split('\\').join('/')}`;
    if (path.startsWith('/.vite/')) continue;
    const ext = extname(file);
    files.set(path, { body: readFileSync(file), type: TYPES[ext] ?? 'application/octet-stream', compressible: COMPRESSIBLE.has(ext) });
  }
  const index = files.get('/index.html');
  if (!index) throw new Error(`${dir} holds no index.html: not a client build`);
  files.delete('/index.html');
  return { hash, index, files };
}

/** Paths the SPA never answers: they belong to the server, and a miss there must stay a 404. */
const SERVER_PREFIXES = ['/api/', '/oidc/', '/assets/'];
const SERVER_PATHS = new Set(['/api', '/oidc', '/health', '/metrics', '/favicon.svg', '/favicon.ico']);

/** Whether a GET path is a client route (gets index.html). */
export function isClientRoute(path: string): boolean {
  if (SERVER_PATHS.has(path) || SERVER_PREFIXES.some((prefix) => path.startsWith(prefix))) return false;
  // A last segment with an extension names a file (robots.txt, a stale asset): a 404, not the app.
  return !/\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1));
}

function send(c: Context<AppEnv>, asset: Asset, headers: Record<string, string>): Response {
  const gzip = asset.compressible && asset.body.length > 1024 && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  const all: Record<string, string> = { 'content-type': asset.type, 'x-content-type-options': 'nosniff', ...headers };
  if (asset.compressible) all.vary = 'accept-encoding';
  if (!gzip) return c.body(new Uint8Array(asset.body), 200, all);
  asset.gzipped ??= gzipSync(asset.body);
  return c.body(new Uint8Array(asset.gzipped), 200, { ...all, 'content-encoding': 'gzip' });
}

/**
 * The routes of the client: its assets and, for every client route, index.html. Mount after the API.
 * `connectSources`: origins outside Waypoint the pages may fetch from (the OpenID Connect provider).
 */
export function clientRoutes(assets: ClientAssets, { connectSources = [] }: { connectSources?: readonly string[] } = {}) {
  const routes = new Hono<AppEnv>();
  const policy = contentSecurityPolicy(connectSources);
  const etag = `"${assets.hash}"`;
  routes.get('/assets/*', (c) => {
    const asset = assets.files.get(c.req.path);
    // Hashed names never change content: cache for a year (RFC 9111 §5.2.2.1, RFC 8246 immutable).
    return asset ? send(c, asset, { 'cache-control': 'public, max-age=31536000, immutable' }) : c.notFound();
  });
  routes.get('*', (c) => {
    if (!isClientRoute(c.req.path)) return c.notFound();
    const headers = {
      // Revalidate each time (RFC 9111 §5.2.2.4): the page names the current build's assets.
      'cache-control': 'no-cache', etag,
      'content-security-policy': policy, 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY',
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return send(c, assets.index, headers);
  });
  return routes;
}
