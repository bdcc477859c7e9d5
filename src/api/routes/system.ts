/**
 * @module api/routes/system
 * Liveness and readiness (`/health`, which also checks the database) and Prometheus metrics.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { AppEnv } from '../env.ts';

export const systemRoutes = new OpenAPIHono<AppEnv>();

systemRoutes.get('/health', async (c) => {
  const { storage } = c.var.services;
  const started = performance.now();
  try {
    await sql`select 1`.execute(storage.db);
    return c.json({ status: 'ok', engine: storage.engine, databaseMs: Math.round((performance.now() - started) * 10) / 10 });
  } catch (error) {
    return c.json({ status: 'unavailable', engine: storage.engine, detail: error instanceof Error ? error.message : String(error) }, 503);
  }
});

systemRoutes.get('/metrics', async (c) => {
  const { registry } = c.var.services.metrics;
  return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
});
