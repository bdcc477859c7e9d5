/**
 * @module storage/migrate
 * Forward-only SQL migrations (`migrations/NNNN_snake_description.sql`), applied in name order by
 * Kysely's Migrator, which takes a lock so that two processes never migrate at once and records what
 * it applied in `kysely_migration`. A released migration is never edited: add a new one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Reads every `.sql` file of the migrations folder as one Kysely migration. */
class SqlFileProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
      const text = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = { up: async (db) => void (await sql.raw(text).execute(db)) };
    }
    return migrations;
  }
}

export interface MigrateResult {
  applied: string[];
}

/**
 * Applies every pending migration; all of them in one transaction, so a failure leaves the schema
 * as it was.
 * @throws Error naming the migration that failed.
 */
export async function migrate(db: Kysely<any>): Promise<MigrateResult> {
  // Fast path for every start and CLI command after the first: one read shows nothing is pending.
  if (await upToDate(db)) return { applied: [] };
  const migrator = new Migrator({ db, provider: new SqlFileProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * Whether the database has applied exactly the migrations shipped, in order (one query). Anything else —
 * no bookkeeping table yet, a pending or unknown migration — goes through the Migrator, which locks,
 * applies what is pending and reports what does not match.
 */
async function upToDate(db: Kysely<any>): Promise<boolean> {
  try {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    const shipped = listMigrations();
    return applied.rows.length === shipped.length && applied.rows.every((row, i) => row.name === shipped[i]);
  } catch {
    return false;
  }
}

/** Names of every migration shipped with this version. */
export function listMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort().map((f) => f.replace(/\.sql$/, ''));
}
