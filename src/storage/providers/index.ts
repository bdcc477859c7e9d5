/**
 * @module storage/providers
 * Chooses the database engine from configuration: a PostgreSQL server when `DATABASE_URL` is set,
 * otherwise embedded PGlite in a local folder. Both are reached through the same `pg.Pool` interface
 * and Kysely's PostgresDialect, so every query, migration and transaction is one code path.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, for messages: a folder, `memory`, or the server URL without password. */
  location: string;
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` keeps everything in memory (tests). */
  dataDir?: string;
  /** Connections in the server pool. */
  poolSize?: number;
}

// Return bigint (int8) columns as strings and dates as Date: the pg defaults, stated for clarity.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/**
 * Opens storage on the configured engine.
 * @example const storage = await openStorage({ dataDir: './data' });
 */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    url.password = '';
    return { db, engine: 'postgres', location: url.toString(), close: () => db.destroy() };
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(options.dataDir ?? './data');
}
