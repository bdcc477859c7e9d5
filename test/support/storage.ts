/**
 * @module test/support/storage
 * Storage for tests on the engine the environment selects: a fresh database on the PostgreSQL server
 * named by DATABASE_URL (dropped afterwards), or an in-memory PGlite. The same suites run on both.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/storage/migrate.ts';
import { openStorage, type Storage } from '../../src/storage/providers/index.ts';
import { seedReference } from '../../src/seed/reference.ts';

export const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/** Names the template of this run (test/support/template.ts): an archive file (PGlite) or a database (server). */
export const TEMPLATE_ENV = 'WAYPOINT_TEST_TEMPLATE';

/** A server database URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestStorage extends Storage {
  /** URL of the fresh server database, when on PostgreSQL. */
  databaseUrl?: string;
}

/** Runs one statement on the server named by `serverUrl`, on a connection of its own (creating and dropping databases). */
export async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try { await client.query(statement); } finally { await client.end(); }
}

/** A new database on the server named by DATABASE_URL (a copy of `template` if given), dropped on close. */
async function openServerDatabase(serverUrl: string, template?: string): Promise<TestStorage> {
  const name = `wp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  const databaseUrl = withDatabase(serverUrl, name);
  const storage = await openStorage({ databaseUrl, poolSize: 10 });
  return {
    ...storage,
    databaseUrl,
    async close() {
      await storage.close();
      await onServer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * Opens empty storage (no migrations applied).
 * @example const storage = await openEmptyStorage(); after(() => storage.close());
 */
export async function openEmptyStorage(): Promise<TestStorage> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? openServerDatabase(serverUrl) : openStorage({ dataDir: 'memory://' });
}

/** What a test's storage holds before the test: every migration and the reference data. */
export async function migrateAndSeed(db: Storage['db']): Promise<void> {
  await migrate(db);
  await seedReference(db);
}

/** The runner's PGlite template, read once per process. */
let snapshot: { file: string; blob: Blob } | null = null;

/**
 * Opens storage with every migration and the reference data applied: a copy of the template the test
 * runner made for this run (test/support/template.ts), or, without one, a new database migrated and
 * seeded here.
 */
export async function openTestStorage(): Promise<TestStorage> {
  const template = process.env[TEMPLATE_ENV];
  const serverUrl = process.env.DATABASE_URL;
  if (template && serverUrl) return openServerDatabase(serverUrl, template);
  if (template) {
    if (snapshot?.file !== template) snapshot = { file: template, blob: new Blob([readFileSync(template)]) };
    return openStorage({ dataDir: 'memory://', snapshot: snapshot.blob });
  }
  const storage = await openEmptyStorage();
  try {
    await migrateAndSeed(storage.db);
  } catch (error) {
    await storage.close(); // on the server: drops the half-made database
    throw error;
  }
  return storage;
}

/** A place for a child process's data: the environment that selects it, a way to open it here, and cleanup. */
export interface DataTarget {
  /** Environment selecting the engine and the data (WAYPOINT_DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  open(): Promise<Storage>;
  remove(): Promise<void>;
}

/**
 * A fresh, empty place for the data of a spawned server or CLI on the selected engine: a temporary
 * PGlite folder, or a new database on the server named by DATABASE_URL.
 */
export async function freshDataTarget(label: string): Promise<DataTarget> {
  if (!/^[a-z0-9_]+$/.test(label)) throw new Error(`label ${label}: lower-case letters, digits and _ only (it names a database)`);
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), `waypoint-${label}-`));
    return { env: { WAYPOINT_DATA_DIR: dir }, open: () => openStorage({ dataDir: dir }), remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `wp_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const databaseUrl = withDatabase(serverUrl, name);
  return {
    env: { DATABASE_URL: databaseUrl },
    open: () => openStorage({ databaseUrl, poolSize: 2 }),
    remove: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}
