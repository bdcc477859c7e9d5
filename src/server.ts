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
import type { Config } from './config.ts';
import { assertLocalIssuerAllowed } from './identity/local-issuer.ts';
import { createVerifier } from './identity/verify-token.ts';
import { migrate } from './storage/migrate.ts';
import { openStorage, type Storage } from './storage/providers/index.ts';
import { seedReference } from './seed/reference.ts';
import { seedDemoUsers } from './seed/demo-users.ts';

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
}

/**
 * Opens storage, applies migrations and reference data, and builds the app.
 * @example const product = await buildProduct({ config: loadConfig() });
 */
export async function buildProduct({ config, storage: given, logger: givenLogger }: BuildProductOptions): Promise<Product> {
  const localIssuer = !config.oidcIssuer;
  if (localIssuer) assertLocalIssuerAllowed(config);
  const logger = givenLogger ?? pino({ level: config.logLevel, base: { service: 'waypoint' } });
  const storage = given ?? await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(storage.db);
  await seedReference(storage.db);
  if (localIssuer) await seedDemoUsers(storage.db);
  const verify = await createVerifier({ config, db: storage.db });
  const services: Services = { storage, config, verify, logger, metrics: createMetrics() };
  const app = createApp({ services, localIssuer });
  return { app, services, localIssuer, close: () => (given ? Promise.resolve() : storage.close()) };
}

/** Listens on the configured host and port; resolves with the server and its URL once it accepts connections. */
export function listen(product: Product): Promise<{ server: ServerType; url: string }> {
  const { config } = product.services;
  return new Promise((resolve) => {
    const server = serve({ fetch: product.app.fetch, port: config.port, hostname: config.host }, (info) => {
      resolve({ server, url: config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}` });
    });
  });
}
