/**
 * @module domain/tenants/tenant-data
 * Export and import of one tenant's data as JSON lines: a header line, then one line per row, table by
 * table in foreign-key order, then a trailer with row counts. An export missing its trailer is
 * incomplete and is refused on import. Import is all-or-nothing (one transaction), re-verifies the
 * audit chain before committing, and is safe to run twice: rows already present and identical are
 * skipped, a differing row aborts the whole import.
 */
import { canonicalJson } from '../../lib/canonical-json.ts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { DomainError } from '../errors.ts';
import { verifyChains } from '../audit/verify-chain.ts';

export const EXPORT_FORMAT = 'waypoint-tenant-export';
export const EXPORT_VERSION = 1;

/** Tenant tables in the order rows must be inserted, with the columns that identify a row. */
export const TENANT_TABLES = [
  { table: 'units', key: ['tenant_id', 'id'] },
  { table: 'users', key: ['id'] },
  { table: 'persons', key: ['tenant_id', 'id'] },
  { table: 'counters', key: ['tenant_id', 'name'] },
  { table: 'cases', key: ['tenant_id', 'id'] },
  { table: 'person_links', key: ['tenant_id', 'person_id', 'related_id'] },
  { table: 'case_transitions', key: ['tenant_id', 'id'] },
  { table: 'case_decisions', key: ['tenant_id', 'id'] },
  // The recording tenant's half of the 1:1 ledgers (the shared half is the `EU` tenant's) and rescue events.
  { table: 'swap_ledger_entries', key: ['tenant_id', 'id'] },
  { table: 'rescue_events', key: ['tenant_id', 'id'] },
  { table: 'rescue_event_persons', key: ['tenant_id', 'event_id', 'person_id'] },
  { table: 'rescue_assignments', key: ['tenant_id', 'id'] },
  // Transfers and the places of their persons (migration 0026); the facility counts follow by trigger.
  { table: 'transfers', key: ['tenant_id', 'id'] },
  { table: 'transfer_persons', key: ['tenant_id', 'transfer_id', 'case_id'] },
  // Case imports (jobs, reports, the external references that make a rerun harmless) and case flags (migration 0029).
  { table: 'case_import_jobs', key: ['tenant_id', 'id'] },
  { table: 'case_import_issues', key: ['tenant_id', 'job_id', 'row_number', 'seq'] },
  { table: 'case_external_refs', key: ['tenant_id', 'external_ref'] },
  { table: 'case_flags', key: ['tenant_id', 'case_id', 'flag'] },
  { table: 'audit_events', key: ['tenant_id', 'seq'] },
  { table: 'access_log', key: ['tenant_id', 'id'] },
  { table: 'audit_heads', key: ['tenant_id'] },
] as const;
type TableName = (typeof TENANT_TABLES)[number]['table'];

export interface ExportHeader { format: typeof EXPORT_FORMAT; version: number; tenantId: string; exportedAt: string }
export interface ExportTrailer { end: true; counts: Record<string, number> }
export type ExportLine = ExportHeader | { table: TableName; row: Record<string, unknown> } | ExportTrailer;

/** Plain JSON for a row: dates as ISO strings. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

export interface ExportTenantOptions {
  /** A connection or transaction already confined to the tenant (or the operator's connection). */
  db: Kysely<Database>;
  tenantId: string;
  batchSize?: number;
  onProgress?: (table: string, rows: number) => void;
}

/**
 * Yields the export line by line, reading each table in primary-key order, batch by batch.
 * @example for await (const line of exportTenant({ db, tenantId: 'IT' })) out.write(JSON.stringify(line) + '\n');
 */
export async function* exportTenant({ db, tenantId, batchSize = 2000, onProgress }: ExportTenantOptions): AsyncGenerator<ExportLine> {
  yield { format: EXPORT_FORMAT, version: EXPORT_VERSION, tenantId, exportedAt: new Date().toISOString() };
  const counts: Record<string, number> = {};
  for (const { table, key } of TENANT_TABLES) {
    counts[table] = 0;
    let offset = 0;
    for (;;) {
      const order = key.map((k) => sql.ref(k));
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where tenant_id = ${tenantId}
        order by ${sql.join(order)} limit ${batchSize} offset ${offset}`.execute(db);
      for (const row of rows.rows) yield { table, row: plain(row) };
      counts[table] += rows.rows.length;
      offset += rows.rows.length;
      onProgress?.(table, counts[table]);
      if (rows.rows.length < batchSize) break;
    }
  }
  yield { end: true, counts };
}

export interface ImportResult { tenantId: string; inserted: Record<string, number>; skipped: Record<string, number> }

export interface ImportTenantOptions {
  db: Kysely<Database>;
  lines: AsyncIterable<string> | Iterable<string>;
  onProgress?: (rows: number) => void;
}

function invalid(line: number, message: string): DomainError {
  return new DomainError('INVALID_IMPORT', `line ${line}: ${message}`, [{ path: `line ${line}`, message }]);
}

const JSON_COLUMNS = new Set(['legal_basis', 'data', 'private_jwk', 'public_jwk', 'headers', 'body',
  // Case procedures (migrations 0022–0024): the case's facts, a transition's input, a decision record's parts.
  'facts', 'input', 'law', 'rules', 'findings', 'deadlines', 'trace',
  // A 1:1 ledger entry's finding (migration 0027).
  'finding',
  // The law a transfer was planned and executed under (migration 0026).
  'law_planned', 'law_executed']);

/**
 * Starts iterating the lines now, before the first `await`. A readline interface emits lines as soon as
 * its stream flows and drops those emitted before its async iterator exists (nodejs/node#33463, noted in
 * Node's readline documentation); iterating only once the transaction had begun lost the first lines on
 * a PostgreSQL server, where BEGIN is a network round trip, and the import then saw an empty file.
 */
function holdLines(lines: AsyncIterable<string> | Iterable<string>): AsyncIterable<string> | Iterable<string> {
  if (!(Symbol.asyncIterator in lines)) return lines;
  const iterator = lines[Symbol.asyncIterator]();
  return { [Symbol.asyncIterator]: () => iterator };
}

/**
 * Imports an export into this database, as the operator (outside row-level security).
 * @throws DomainError INVALID_IMPORT (malformed, truncated, broken chain) or IMPORT_CONFLICT; nothing is written then.
 */
export async function importTenant({ db, lines: source, onProgress }: ImportTenantOptions): Promise<ImportResult> {
  const lines = holdLines(source);
  return db.transaction().execute(async (tx) => {
    let header: ExportHeader | null = null;
    let trailer: ExportTrailer | null = null;
    const inserted: Record<string, number> = {};
    const skipped: Record<string, number> = {};
    const seen: Record<string, number> = {};
    let n = 0;
    let tableIndex = 0;
    for await (const text of lines) {
      n++;
      if (text.trim() === '') continue;
      if (trailer) throw invalid(n, 'content after the trailer');
      let line: any;
      try { line = JSON.parse(text); } catch { throw invalid(n, 'not JSON'); }
      if (n === 1) {
        if (line?.format !== EXPORT_FORMAT || line.version !== EXPORT_VERSION || typeof line.tenantId !== 'string') {
          throw invalid(n, `not a ${EXPORT_FORMAT} version ${EXPORT_VERSION} header`);
        }
        const tenant = await tx.selectFrom('tenants').select('id').where('id', '=', line.tenantId).executeTakeFirst();
        if (!tenant) throw invalid(n, `tenant ${line.tenantId} does not exist here: run \`npx waypoint seed\` first`);
        header = line as ExportHeader;
        continue;
      }
      if (!header) throw invalid(n, 'missing header');
      if (line?.end === true) { trailer = line as ExportTrailer; continue; }
      const index = TENANT_TABLES.findIndex((t) => t.table === line?.table);
      if (index < 0 || typeof line.row !== 'object' || line.row === null) throw invalid(n, 'expected {table, row}');
      if (index < tableIndex) throw invalid(n, `table ${line.table} out of order`);
      tableIndex = index;
      const { table, key } = TENANT_TABLES[index]!;
      const row = line.row as Record<string, unknown>;
      if (row.tenant_id !== header.tenantId) throw invalid(n, `row of tenant ${String(row.tenant_id)} in an export of ${header.tenantId}`);
      seen[table] = (seen[table] ?? 0) + 1;
      const where = sql.join(key.map((k) => sql`${sql.ref(k)} = ${row[k] as string}`), sql` and `);
      const existing = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${where}`.execute(tx);
      if (existing.rows[0]) {
        if (table === 'audit_heads' || canonicalJson(plain(existing.rows[0])) === canonicalJson(row)) {
          skipped[table] = (skipped[table] ?? 0) + 1;
          continue;
        }
        throw new DomainError('IMPORT_CONFLICT', `line ${n}: ${table} row ${key.map((k) => String(row[k])).join('/')} exists here with different content`);
      }
      const columns = Object.keys(row);
      const values = columns.map((col) => {
        const v = row[col];
        return JSON_COLUMNS.has(col) && v !== null ? JSON.stringify(v) : v;
      });
      const overriding = table === 'access_log' ? sql`overriding system value` : sql``;
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((col) => sql.ref(col)))}) ${overriding}
        values (${sql.join(values as unknown[])})`.execute(tx);
      inserted[table] = (inserted[table] ?? 0) + 1;
      if (n % 1000 === 0) onProgress?.(n);
    }
    if (!header) throw invalid(1, 'empty file');
    if (!trailer) throw invalid(n, 'the export has no trailer: it is incomplete');
    for (const [table, count] of Object.entries(trailer.counts)) {
      if ((seen[table] ?? 0) !== count) throw invalid(n, `trailer says ${count} ${table} rows, file has ${seen[table] ?? 0}`);
    }
    // The head row carries the chain's end: move it to the imported chain when it was created empty.
    const head = await tx.selectFrom('audit_events').select(['seq', 'hash']).where('tenant_id', '=', header.tenantId)
      .orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (head) await tx.updateTable('audit_heads').set({ seq: head.seq, hash: head.hash }).where('tenant_id', '=', header.tenantId).execute();
    const [report] = await verifyChains({ db: tx, tenantIds: [header.tenantId] });
    if (report && !report.ok) throw new DomainError('INVALID_IMPORT', `audit chain of ${header.tenantId} is broken at event ${report.broken!.seq}: ${report.broken!.problem}`);
    return { tenantId: header.tenantId, inserted, skipped };
  });
}
