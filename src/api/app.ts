/**
 * @module api/app
 * The HTTP application: middleware in order (request id → log and metrics → body limit → authentication),
 * the routes of every capability, the OpenAPI document built from their schemas, and the single error
 * handler that turns anything thrown into problem+json.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { DomainError } from '../domain/errors.ts';
import { limitBody } from './body-limit.ts';
import type { AppEnv, Services } from './env.ts';
import { sendProblem, toDomainError } from './problem.ts';
import { auditRoutes } from './routes/audit/routes.ts';
import { bulkRoutes } from './routes/bulk/routes.ts';
import { casesRoutes } from './routes/cases/routes.ts';
import { deadlinesRoutes } from './routes/deadlines/routes.ts';
import { localIssuerRoutes } from './routes/local-issuer.ts';
import { signInRoutes } from './routes/sign-in.ts';
import { signInSettings, type SignInSettings } from '../identity/sign-in.ts';
import { meRoutes } from './routes/me/routes.ts';
import { personsRoutes } from './routes/persons/routes.ts';
import { tenantsRoutes } from './routes/tenants/routes.ts';
import { lawRoutes } from './routes/law/routes.ts';
import { statsRoutes } from './routes/stats/routes.ts';
import { reportsRoutes } from './routes/reports/routes.ts';
import { registriesRoutes } from './routes/registries/routes.ts';
import { simulationsRoutes } from './routes/simulations/routes.ts';
import { transfersRoutes } from './routes/transfers/routes.ts';
import { rescueRoutes } from './routes/rescue/routes.ts';
import { swapLedgerRoutes } from './routes/swap-ledger/routes.ts';
import { systemRoutes } from './routes/system.ts';
import type { ClientAssets } from '../web/client-assets.ts';
import { webRoutes } from '../web/routes.ts';

export interface CreateAppOptions {
  services: Services;
  /** Mount the local demo issuer's endpoints. */
  localIssuer: boolean;
  /** The built browser client to serve (web/); without it `/` explains that the web app is not built. */
  client?: ClientAssets | null;
  /** How the web app signs users in (identity/sign-in.ts); by default decided from the configuration alone. */
  signIn?: SignInSettings;
}

/**
 * API paths served without a token: the OpenAPI document, the reference page, and the page's
 * stylesheet and script, which a browser fetches without an Authorization header. Exact paths, so
 * that nothing else under /api/docs/assets/ becomes reachable anonymously.
 */
const PUBLIC_API_PATHS = new Set(['/api/openapi.json', '/api/docs', '/api/docs/assets/swagger-ui.css', '/api/docs/assets/swagger-ui-bundle.js', '/api/sign-in']);

/**
 * Builds the application. Tests call `app.request()` on it without a socket.
 * @example const app = createApp({ services, localIssuer: true }); const res = await app.request('/health');
 */
export function createApp({ services, localIssuer, client = null, signIn = signInSettings(services.config, null) }: CreateAppOptions) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const prefix = result.target === 'json' ? '' : `${result.target}.`;
        const fields = result.error.issues.flatMap((issue) => {
          const at = (path: PropertyKey[]) => `${prefix}${path.map(String).join('.')}` || result.target;
          if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: at([...issue.path, key]), message: 'unknown field' }));
          return [{ path: at(issue.path), message: issue.message }];
        });
        throw new DomainError('VALIDATION_FAILED', fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
      }
    },
  });

  app.use('*', requestId({ headerName: 'x-request-id' }));
  app.use('*', async (c, next) => {
    c.set('services', services);
    const started = performance.now();
    await next();
    // The request-id middleware sets the header on the context, which a Response built directly
    // (problem documents, stored idempotent replies) does not carry: add it to every answer here.
    if (!c.res.headers.has('x-request-id')) c.res.headers.set('x-request-id', c.var.requestId);
    const seconds = (performance.now() - started) / 1000;
    const route = c.req.routePath || 'unmatched';
    services.metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    services.metrics.duration.observe({ method: c.req.method, route }, seconds);
    const level = c.res.status >= 500 ? 'error' : 'info';
    services.logger[level]({ requestId: c.var.requestId, method: c.req.method, path: c.req.path, route, status: c.res.status, ms: Math.round(seconds * 1000), actor: c.var.actor?.id }, 'request');
  });
  app.use('/api/*', limitBody({
    maxSize: services.config.maxBodyBytes,
    onError: () => { throw new DomainError('BODY_TOO_LARGE', `the body exceeds the limit of ${services.config.maxBodyBytes} bytes`); },
  }));
  app.use('/oidc/*', limitBody({ maxSize: 16 * 1024, onError: () => { throw new DomainError('BODY_TOO_LARGE', 'the body exceeds 16 KiB'); } }));
  app.use('/api/*', async (c, next) => {
    if (PUBLIC_API_PATHS.has(c.req.path)) return next();
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header) : null;
    if (!match) throw new DomainError('UNAUTHENTICATED', 'send Authorization: Bearer <token>');
    c.set('actor', await services.verify(match[1]!));
    return next();
  });

  app.route('/', systemRoutes);
  app.route('/', meRoutes);
  app.route('/', casesRoutes);
  app.route('/', bulkRoutes);
  app.route('/', deadlinesRoutes);
  app.route('/', personsRoutes);
  app.route('/', auditRoutes);
  app.route('/', tenantsRoutes);
  app.route('/', lawRoutes);
  app.route('/', statsRoutes);
  app.route('/', reportsRoutes);
  app.route('/', registriesRoutes);
  app.route('/', simulationsRoutes);
  app.route('/', transfersRoutes);
  app.route('/', swapLedgerRoutes);
  app.route('/', rescueRoutes);
  if (localIssuer) app.route('/', localIssuerRoutes);
  app.route('/', signInRoutes(signIn));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Waypoint API', version: '0.1.0', description: 'Operations platform for the EU\'s new and innovative solutions on migration. Errors are RFC 9457 problem+json with a stable `code`.' },
    servers: [{ url: '/' }],
  });
  app.route('/', webRoutes({ localIssuer, client, connectSources: signIn.connectSources }));

  app.notFound((c) => sendProblem(c, new DomainError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => {
    const known = toDomainError(error);
    if (known) return sendProblem(c, known);
    services.logger.error({ requestId: c.var.requestId, err: error }, 'unexpected error');
    return c.json({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'unexpected error; quote the request id', code: 'INTERNAL', instance: c.req.path, requestId: c.var.requestId }, 500, { 'content-type': 'application/problem+json' });
  });
  return app;
}

export type WaypointApp = ReturnType<typeof createApp>;
