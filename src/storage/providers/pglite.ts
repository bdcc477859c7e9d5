/**
 * @module storage/providers/pglite
 * Embedded PostgreSQL (PGlite, WASM) in a local folder. One connection: queries queue in order.
 * PGlite cannot share a folder between processes, so the folder is locked (`waypoint.pid`) while
 * open; a second process gets a clear error instead of a corrupted database.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { carryCopyData } from '../copy.ts';
import type { Database } from '../schema.ts';
import type { Storage } from './index.ts';

/** Raised when another live process holds the data folder. */
export class DataDirInUseError extends Error {
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(`the embedded database in ${dir} is in use by process ${pid} (probably \`waypoint start\`): stop it, or use the HTTP API, or run with DATABASE_URL`);
    this.pid = pid;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders this process has open. */
const openHere = new Set<string>();

function lock(dir: string): () => void {
  const file = join(dir, 'waypoint.pid');
  if (openHere.has(dir)) throw new DataDirInUseError(dir, process.pid);
  try {
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) throw new DataDirInUseError(dir, holder);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw error;
  }
  writeFileSync(file, String(process.pid));
  openHere.add(dir);
  return () => {
    openHere.delete(dir);
    rmSync(file, { force: true });
  };
}

export async function openPglite(dataDir: string, snapshot?: Blob): Promise<Storage> {
  const inMemory = dataDir.startsWith('memory://');
  // Checked before the folder is made or locked: a refused call leaves nothing behind.
  if (snapshot && !inMemory) throw new Error('a snapshot can only start an in-memory database (memory://)');
  const location = inMemory ? dataDir : resolve(dataDir);
  let unlock = () => {};
  if (!inMemory) {
    mkdirSync(location, { recursive: true });
    unlock = lock(location);
  }
  // The contrib extensions the migrations may create (the server engine has them from postgresql-contrib).
  const extensions = { pg_trgm, fuzzystrmatch, unaccent };
  // PGlite ignores the options when the data folder argument is present but undefined: pass one object.
  const pglite = new PGlite(inMemory ? { extensions, ...(snapshot ? { loadDataDir: snapshot } : {}) } : { dataDir: join(location, 'pgdata'), extensions });
  await pglite.waitReady;
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  // COPY … FROM STDIN (storage/copy.ts) as PGlite takes it: from '/dev/blob', in the same session.
  carryCopyData(pool, async (_query, statement, data) => {
    const result = await pglite.query(`${statement.slice(0, -'stdin'.length)}'/dev/blob'`, [], { blob: new Blob([data]) });
    return result.affectedRows ?? 0;
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    location,
    dump: () => pglite.dumpDataDir('none'),
    async close() {
      await db.destroy();
      await pglite.close();
      unlock();
    },
  };
}
