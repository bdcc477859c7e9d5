/**
 * @module test/support/registries
 * What a refused registry write must leave unchanged: the number of registry records, the sum of their
 * versions, and every audit chain head.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/storage/schema.ts';

export async function registryState(db: Kysely<Database>) {
  const rows = await sql<{ n: string; v: string }>`select count(*) as n, coalesce(sum(version), 0) as v from registry_records`.execute(db);
  const heads = await db.selectFrom('audit_heads').selectAll().orderBy('tenant_id').execute();
  return { rows: rows.rows[0], heads };
}
