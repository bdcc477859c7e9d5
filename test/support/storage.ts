/**
 * @module test/support/storage
 * Storage for tests on the engine the environment selects: a fresh database on the PostgreSQL server
 * named by DATABASE_URL (dropped afterwards), or an in-memory PGlite. The same suites run on both.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/storage/migrate.ts';
import { openStorage, type Storage } from '../../src/storage/providers/index.ts';
import { seedReference } from '../../src/seed/reference.ts';

export const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/** A server database URL with another database name. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestStorage extends Storage {
  /** URL of the fresh server database, when on PostgreSQL. */
  databaseUrl?: string;
}

/**
 * Opens empty storage (no migrations applied).
 * @example const storage = await openEmptyStorage(); after(() => storage.close());
 */
export async function openEmptyStorage(): Promise<TestStorage> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openStorage({ dataDir: 'memory://' });
  const name = `wp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const databaseUrl = withDatabase(serverUrl, name);
  const storage = await openStorage({ databaseUrl, poolSize: 10 });
  return {
    ...storage,
    databaseUrl,
    async close() {
      await storage.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** Opens storage with every migration and the reference data applied. */
export async function openTestStorage(): Promise<TestStorage> {
  const storage = await openEmptyStorage();
  await migrate(storage.db);
  await seedReference(storage.db);
  return storage;
}
