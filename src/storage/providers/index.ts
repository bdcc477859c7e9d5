/**
 * @module storage/providers
 * Chooses the database engine from configuration: a PostgreSQL server when `DATABASE_URL` is set,
 * otherwise embedded PGlite in a local folder. Both are reached through the same `pg.Pool` interface
 * and Kysely's PostgresDialect, so every query, migration and transaction is one code path.
 */
import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { carryCopyData, serverCopy } from '../copy.ts';
import type { Database } from '../schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, for messages: a folder, `memory`, or the server URL without password. */
  location: string;
  /** PGlite only: the whole database as a tar archive, which `OpenStorageOptions.snapshot` starts from. */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` keeps everything in memory (tests). */
  dataDir?: string;
  /**
   * PGlite in memory only: start from this archive of another embedded database (`Storage.dump()`)
   * instead of an empty one, e.g. one already migrated and seeded (the test runner's template).
   */
  snapshot?: Blob;
  /** Connections in the server pool (default 20, or `?pool_size=N` in `DATABASE_URL`). */
  poolSize?: number;
  /**
   * Run statements that recur as named prepared statements on the server engine (default on; off
   * with `?prepare=off` in `DATABASE_URL`, e.g. behind a transaction-mode connection pooler).
   */
  prepare?: boolean;
}

const DEFAULT_POOL_SIZE = 20;

/** A statement text becomes a prepared statement on a connection from its second execution on. */
const PREPARE_AFTER = 2;
/** At most this many prepared statements per connection; beyond, statements run unnamed as before. */
const PREPARED_PER_CONNECTION = 200;
/** Statement texts counted at most; the count restarts when full (only recurring texts matter). */
const COUNTED_TEXTS = 5_000;

/**
 * Makes the pool's clients send recurring parameterised statements as named prepared statements, so
 * PostgreSQL parses and analyses each once per connection instead of on every execution (planning
 * was about half of the server's CPU per audited write). Statements without parameters (`begin`,
 * `commit`, multi-statement texts) are left alone. The name is a digest of the text, so one name
 * always means one text; the number per connection is capped, which bounds server memory.
 */
function prepareRecurringStatements(pool: pg.Pool): void {
  const seen = new Map<string, { count: number; name: string }>();
  pool.on('connect', (client) => {
    const names = new Set<string>();
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
      if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || rest.length > 0) return query(text, values, ...rest);
      let entry = seen.get(text);
      if (!entry) {
        if (seen.size >= COUNTED_TEXTS) seen.clear();
        entry = { count: 0, name: `wp_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}` };
        seen.set(text, entry);
      }
      entry.count += 1;
      if (names.has(entry.name) || (entry.count >= PREPARE_AFTER && names.size < PREPARED_PER_CONNECTION)) {
        names.add(entry.name);
        return query({ name: entry.name, text, values });
      }
      return query(text, values);
    };
  });
}

// Return bigint (int8) columns as strings and dates as Date: the pg defaults, stated for clarity.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/**
 * Opens storage on the configured engine.
 * @example const storage = await openStorage({ dataDir: './data' });
 */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  if (options.databaseUrl) {
    // Waypoint's own settings in the URL's query (the driver would otherwise see them).
    const url = new URL(options.databaseUrl);
    const prepare = options.prepare ?? url.searchParams.get('prepare') !== 'off';
    const poolSize = options.poolSize ?? (Number(url.searchParams.get('pool_size')) || DEFAULT_POOL_SIZE);
    let connectionString = options.databaseUrl;
    if (url.searchParams.has('prepare') || url.searchParams.has('pool_size')) {
      url.searchParams.delete('prepare');
      url.searchParams.delete('pool_size');
      connectionString = url.toString();
    }
    const pool = new pg.Pool({ connectionString, max: poolSize });
    // An idle connection the server terminates (restart, administrator command, dropped database) is
    // reported here; without a listener it would crash the process. The pool replaces it on next use.
    pool.on('error', () => {});
    if (prepare) prepareRecurringStatements(pool);
    carryCopyData(pool, serverCopy);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    url.password = '';
    return { db, engine: 'postgres', location: url.toString(), close: () => db.destroy() };
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(options.dataDir ?? './data', options.snapshot);
}
