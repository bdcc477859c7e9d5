/**
 * @module server
 * Builds the running product from configuration: storage (migrated and seeded), identity, logger,
 * metrics, the HTTP app, and the listening socket.
 */
import { serve, type ServerType } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { createApp, type WaypointApp } from './api/app.ts';
import type { Services } from './api/env.ts';
import { createMetrics } from './api/metrics.ts';
import { caseOpeningBatches } from './api/routes/cases/routes.ts';
import { SimulationRunner } from './domain/simulations/simulation-runner.ts';
import type { Config } from './config.ts';
import { assertLocalIssuerAllowed } from './identity/local-issuer.ts';
import { signInSettings } from './identity/sign-in.ts';
import { createVerifier, discoverProvider } from './identity/verify-token.ts';
import { migrate } from './storage/migrate.ts';
import { openStorage, type Storage } from './storage/providers/index.ts';
import { seedReference } from './seed/reference.ts';
import { seedDemoUsers } from './seed/demo-users.ts';
import { scheduleSweeps } from './domain/deadlines/schedule-sweeps.ts';
import type { ClientAssets } from './web/client-assets.ts';

export interface Product {
  app: WaypointApp;
  services: Services;
  localIssuer: boolean;
  close(): Promise<void>;
}

export interface BuildProductOptions {
  config: Config;
  /** Reuse an open storage (tests); otherwise opened from the configuration. */
  storage?: Storage;
  logger?: Logger;
  /** The built browser client to serve (web/client-build.ts, web/client-assets.ts); none in in-process tests. */
  client?: ClientAssets | null;
}

/**
 * Opens storage, applies migrations and reference data, and builds the app.
 * @example const product = await buildProduct({ config: loadConfig() });
 */
export async function buildProduct({ config, storage: given, logger: givenLogger, client = null }: BuildProductOptions): Promise<Product> {
  const localIssuer = !config.oidcIssuer;
  if (localIssuer) assertLocalIssuerAllowed(config);
  const logger = givenLogger ?? pino({ level: config.logLevel, base: { service: 'waypoint' } });
  const storage = given ?? await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(storage.db);
  await seedReference(storage.db);
  if (localIssuer) await seedDemoUsers(storage.db);
  // The external issuer's metadata, read once: its keys verify tokens, its endpoints serve the web app's sign-in.
  const provider = config.oidcIssuer ? await discoverProvider(config.oidcIssuer) : null;
  const signIn = signInSettings(config, provider);
  const verify = await createVerifier({ config, db: storage.db, provider });
  const simulations = new SimulationRunner({ db: storage.db, statsDir: config.statsDir, logger });
  // Simulations accepted before a restart and not yet started run now, in the background, and so do
  // running ones whose lease has passed (their process stopped); the runner then sweeps for those every half lease.
  await simulations.resume((await storage.db.selectFrom('tenants').select('id').orderBy('id').execute()).map((t) => t.id));
  const metrics = createMetrics();
  const caseOpenings = caseOpeningBatches({ db: storage.db, maxBatch: config.writeBatchMax, onBatch: (size) => metrics.writeBatches.observe(size) });
  const services: Services = { storage, config, verify, logger, metrics, simulations, caseOpenings };
  const app = createApp({ services, localIssuer, client, signIn });
  return { app, services, localIssuer, close: async () => { await simulations.close(); await caseOpenings.settled(); if (!given) await storage.close(); } };
}

/**
 * Listens on the configured host and port; resolves with the server and its URL once it accepts
 * connections. A listening server also sweeps deadlines every `WAYPOINT_DEADLINE_SWEEP_MINUTES`
 * (tasks, escalations), until it closes; in-process tests, which do not listen, sweep when they ask.
 */
export function listen(product: Product): Promise<{ server: ServerType; url: string }> {
  const { config, storage, logger } = product.services;
  return new Promise((resolve) => {
    const server = serve({ fetch: product.app.fetch, port: config.port, hostname: config.host }, (info) => {
      if (config.deadlineSweepMinutes) {
        const sweeps = scheduleSweeps({
          db: storage.db, everyMinutes: config.deadlineSweepMinutes, warningDays: config.deadlineWarningDays,
          onReports: (reports) => {
            const raised = reports.filter((r) => r.approaching + r.passed > 0);
            if (raised.length) logger.info({ deadlineTasks: raised }, 'deadline sweep raised tasks');
          },
          onError: (err) => logger.error({ err }, 'deadline sweep failed'),
        });
        server.on('close', () => { void sweeps.stop(); });
      }
      resolve({ server, url: config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}` });
    });
  });
}
