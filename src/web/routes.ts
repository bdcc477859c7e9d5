/**
 * @module web/routes
 * What the browser is served besides the API: the web app (client-assets.ts: the built React client
 * and its SPA fallback) when a build is given, else a home page saying so; the icon; and the API
 * reference (Swagger UI from the swagger-ui-dist package, served locally so that it works without
 * network).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../api/env.ts';
import { clientRoutes, type ClientAssets } from './client-assets.ts';
import { FAVICON_SVG, homePage, docsPage } from './pages.ts';

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export function webRoutes({ localIssuer, client, connectSources = [] }: { localIssuer: boolean; client?: ClientAssets | null; connectSources?: string[] }) {
  const web = new Hono<AppEnv>();
  web.get('/api/docs', (c) => c.html(docsPage()));
  web.get('/favicon.svg', (c) => c.body(FAVICON_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }));
  // Browsers still ask for /favicon.ico on documents without a <link rel="icon"> (JSON opened directly).
  web.get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301));
  web.get('/api/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    const type = Object.hasOwn(SWAGGER_FILES, file) ? SWAGGER_FILES[file] : undefined;
    if (!type) return c.notFound();
    return c.body(readFileSync(join(SWAGGER_DIR, file)), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
  if (client) web.route('/', clientRoutes(client, { connectSources }));
  else web.get('/', (c) => c.html(homePage({ localIssuer })));
  return web;
}
