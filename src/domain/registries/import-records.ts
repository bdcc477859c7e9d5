/**
 * @module domain/registries/import-records
 * Imports a CSV or JSON file of records of one kind, all or nothing. Every row is parsed and
 * validated before anything is written; a malformed file is refused with the line (CSV) or record
 * number (JSON) and the column of every problem, and nothing is written. Then, in the caller's one
 * transaction, each row is matched to a record by `id` (when the file has one) or by the natural key:
 * unchanged rows are left alone (so importing the same file twice changes nothing), changed rows
 * update the record (refused if the file names an older `version` than the record's: somebody changed
 * it since the export), new rows create records. Each write is an audited event naming its row.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { DomainError, type FieldError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizeWrite } from './authorize-record.ts';
import { asRegistryWriter } from './chain.ts';
import { unguardFormula } from '../../lib/csv-safe.ts';
import { decodeCell, fieldShape } from './csv.ts';
import { sameData } from './diff.ts';
import type { RegistryFormat } from './export-records.ts';
import { parseRecordData, type RegistryKind } from './kind.ts';
import { linkIssues } from './links.ts';
import { describePeriod, findOverlap, type PeriodHolder } from './overlap.ts';
import { recordFromRow, type RegistryRecord } from './record.ts';
import { insertRecord, replaceRecord, type WriteVia } from './write-record.ts';

export interface ImportRegistryOptions<T extends object> {
  tx: Tx;
  actor: Actor;
  kind: RegistryKind<T>;
  format: RegistryFormat;
  /** The file's text. */
  content: string;
  reason: string;
  legalBasis?: string[];
  /** Validate and report what would change, write nothing. */
  dryRun?: boolean;
  requestId?: string | null;
  via?: WriteVia;
  now?: Date;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportResult {
  kind: string;
  format: RegistryFormat;
  dryRun: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rows: Array<{ row: number; key: string; id: string | null; outcome: ImportOutcome }>;
}

/** At most this many problems are reported (the file is refused at the first anyway). */
const MAX_ISSUES = 50;

/** One row of the file, before validation. */
interface RawRow {
  /** Line number (CSV, header is line 1) or record number from 1 (JSON). */
  row: number;
  id: string | null;
  version: number | null;
  data: Record<string, unknown>;
  /** Fields whose cell could not be read (already reported; not reported again as missing). */
  unreadable?: Set<string>;
}

/** Collects problems as field errors whose path names the row and the field. */
class Issues {
  private readonly entries: Array<{ row: number; column: number; error: FieldError }> = [];
  /** The CSV file's header, once read: columns are numbered as in the file. */
  header: string[] = [];
  constructor(private readonly format: RegistryFormat) {}

  add(row: number, field: string | null, message: string): void {
    if (this.entries.length >= MAX_ISSUES) return;
    const prefix = this.format === 'csv' ? 'rows' : 'records';
    let where: string;
    const column = field === null ? -1 : this.header.indexOf(field.split('.')[0]!);
    if (this.format === 'json') where = `record ${row}${field ? ` (${field})` : ''}`;
    else if (field === null) where = `line ${row}`;
    else where = column >= 0 ? `line ${row}, column ${column + 1} (${field})` : `line ${row} (${field}, not a column of the file)`;
    this.entries.push({ row, column, error: { path: `${prefix}.${row}${field ? `.${field}` : ''}`, message: `${where}: ${message}` } });
  }

  get any(): boolean {
    return this.entries.length > 0;
  }

  /** Every problem, by line (or record) and then by column. */
  error(kind: RegistryKind<any>): DomainError {
    const list = [...this.entries].sort((a, b) => a.row - b.row || a.column - b.column).map((e) => e.error);
    const shown = list.slice(0, 5).map((e) => e.message).join('; ');
    return new DomainError('INVALID_IMPORT', `the ${kind.plural} file is not valid, nothing was imported: ${shown}${list.length > 5 ? `; and ${list.length - 5} more` : ''}`, list);
  }
}

function readVersion(value: unknown, row: number, issues: Issues, field = 'version'): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1e9) {
    issues.add(row, field, 'a version is a whole number from 1');
    return null;
  }
  return n;
}

function readId(value: unknown, row: number, issues: Issues): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !isUuid(value)) {
    issues.add(row, 'id', 'an id is a UUID as exported (or leave it empty for a new record)');
    return null;
  }
  return value.toLowerCase();
}

function readCsv(kind: RegistryKind<any>, content: string, issues: Issues): RawRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(content, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as never;
  } catch (error) {
    if (error instanceof CsvError) {
      issues.add((error as CsvError & { lines?: number }).lines ?? 1, null, `not valid CSV: ${error.message.replace(/^[^:]*:\s*/, '')}`);
      return [];
    }
    throw error;
  }
  const [header, ...body] = records;
  if (!header) {
    issues.add(1, null, 'the file is empty: expected a header line');
    return [];
  }
  const names = header.record.map((h) => h.trim());
  issues.header = names;
  const allowed = new Set(['id', 'version', ...kind.columns]);
  names.forEach((name, i) => {
    if (!allowed.has(name)) issues.add(header.info.lines, null, `column ${i + 1} (${name}) is not a field of ${kind.plural}; the fields are ${kind.columns.join(', ')}`);
    else if (names.indexOf(name) !== i) issues.add(header.info.lines, null, `column ${i + 1} (${name}) appears twice`);
  });
  if (issues.any) return [];
  const shapes = new Map(kind.columns.map((name) => [name, fieldShape(kind.fields.shape[name] as never)]));
  return body.map(({ record, info }) => {
    const line = info.lines;
    if (record.length !== names.length) issues.add(line, null, `${record.length} cells where the header has ${names.length}`);
    const data: Record<string, unknown> = {};
    const unreadable = new Set<string>();
    let id: string | null = null;
    let version: number | null = null;
    names.forEach((name, i) => {
      const cell = unguardFormula(record[i] ?? '');
      if (name === 'id') id = readId(cell, line, issues);
      else if (name === 'version') version = readVersion(cell, line, issues);
      else {
        const decoded = decodeCell(cell, shapes.get(name)!);
        if (!decoded.ok) {
          issues.add(line, name, decoded.message);
          unreadable.add(name);
        } else if (decoded.value !== undefined) data[name] = decoded.value;
      }
    });
    return { row: line, id, version, data, unreadable };
  });
}

function readJson(kind: RegistryKind<any>, content: string, issues: Issues): RawRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    issues.add(1, null, `not valid JSON: ${(error as Error).message}`);
    return [];
  }
  let records: unknown = parsed;
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const file = parsed as Record<string, unknown>;
    if (file.kind !== undefined && file.kind !== kind.name) {
      issues.add(1, null, `the file holds ${String(file.kind)} records, not ${kind.plural}`);
      return [];
    }
    records = file.records;
  }
  if (!Array.isArray(records)) {
    issues.add(1, null, 'expected a list of records, or { "records": [...] } as exported');
    return [];
  }
  return records.map((value, i) => {
    const row = i + 1;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      issues.add(row, null, 'a record is a JSON object');
      return { row, id: null, version: null, data: {} };
    }
    const { id, version, ...data } = value as Record<string, unknown>;
    return { row, id: readId(id, row, issues), version: readVersion(version, row, issues), data };
  });
}

interface PlannedRow<T extends object> {
  row: number;
  id: string | null;
  key: string;
  data: T;
  match: RegistryRecord<T> | null;
  outcome: ImportOutcome;
}

/**
 * @throws DomainError INVALID_IMPORT (with `rows.<line>.<field>` paths: also a link naming no record, or a
 *   change the kind refuses, such as a lifecycle gate), FORBIDDEN (a row owned by a
 *   tenant the actor may not write for), IMPORT_CONFLICT (a row names an older version than stored).
 * @example const result = await importRegistry({ tx, actor, kind: designationKind, format: 'csv', content, reason: 'annual review' });
 */
export async function importRegistry<T extends object>(options: ImportRegistryOptions<T>): Promise<ImportResult> {
  const { tx, actor, kind, format, content, reason, legalBasis = [], dryRun = false, requestId = null, via = 'import', now = new Date() } = options;
  authorizeWrite(actor, kind, 'update');
  const issues = new Issues(format);
  const raw = format === 'csv' ? readCsv(kind, content, issues) : readJson(kind, content, issues);
  if (raw.length === 0 && issues.any) throw issues.error(kind);

  // Validate every row, and find the record each one describes.
  const existing = (await tx.selectFrom('registry_records').selectAll().where('kind', '=', kind.name).execute()).map((r) => recordFromRow<T>(r));
  const byId = new Map(existing.map((r) => [r.id, r]));
  const byKey = new Map(existing.map((r) => [r.key, r]));
  const seenKeys = new Map<string, number>();
  const seenIds = new Map<string, number>();
  const planned: PlannedRow<T>[] = [];
  const conflicts: FieldError[] = [];
  for (const r of raw) {
    const parsed = parseRecordData(kind, r.data);
    if (!parsed.ok) {
      for (const issue of parsed.issues) {
        if (r.unreadable?.has(issue.path.split('.')[0]!)) continue;
        issues.add(r.row, issue.path === '(record)' ? null : issue.path, issue.message);
      }
      continue;
    }
    const key = kind.keyOf(parsed.data);
    const earlier = seenKeys.get(key);
    if (earlier !== undefined) issues.add(r.row, null, `describes the same ${kind.name} (${key}) as row ${earlier}`);
    seenKeys.set(key, r.row);
    if (r.id) {
      const earlierId = seenIds.get(r.id);
      if (earlierId !== undefined) issues.add(r.row, 'id', `the same id as row ${earlierId}`);
      seenIds.set(r.id, r.row);
    }
    let match = r.id ? byId.get(r.id) ?? null : null;
    const keyed = byKey.get(key) ?? null;
    if (r.id && !match) {
      const elsewhere = await tx.selectFrom('registry_records').select('kind').where('id', '=', r.id).executeTakeFirst();
      if (elsewhere) issues.add(r.row, 'id', `${r.id} is a ${elsewhere.kind}, not a ${kind.name}`);
    }
    if (match && keyed && keyed.id !== match.id) issues.add(r.row, null, `its id names ${match.key} but its fields name ${key}, another record`);
    if (!match && keyed) {
      if (r.id) issues.add(r.row, 'id', `${key} already exists with id ${keyed.id}`);
      match = keyed;
    }
    if (!match && !kind.creatable) issues.add(r.row, null, `no ${kind.name} ${key}: ${kind.plural} are updated, never created`);
    let outcome: ImportOutcome = match ? 'updated' : 'created';
    if (match && sameData(match.data as Record<string, unknown>, parsed.data as Record<string, unknown>)) outcome = 'unchanged';
    if (outcome === 'updated' && r.version !== null && r.version !== match!.version) {
      conflicts.push({ path: `${format === 'csv' ? 'rows' : 'records'}.${r.row}.version`, message: `${key} is at version ${match!.version}; the file has version ${r.version}: export again and redo the change` });
    }
    planned.push({ row: r.row, id: match?.id ?? r.id, key, data: parsed.data, match, outcome });
  }

  // Periods that would overlap once the file is in.
  if (!issues.any && kind.exclusiveGroupOf) {
    const after = new Map<string, PeriodHolder<T>>(existing.map((r) => [r.id, r]));
    const fresh: PeriodHolder<T>[] = [];
    for (const p of planned) {
      if (p.match) after.set(p.match.id, { id: p.match.id, key: p.key, data: p.data });
      else fresh.push({ id: null, key: p.key, data: p.data });
    }
    const final = [...after.values(), ...fresh];
    for (const p of planned) {
      if (p.outcome === 'unchanged') continue;
      const clash = findOverlap(kind, { id: p.match?.id ?? null, key: p.key, data: p.data }, final);
      if (clash) issues.add(p.row, null, `${describePeriod(kind, p)} overlaps ${describePeriod(kind, clash)}`);
    }
  }
  // Links to other records, and the kind's checks on a change (a lifecycle gate), for rows that change.
  if (!issues.any) {
    for (const p of planned) {
      if (p.outcome === 'unchanged') continue;
      for (const issue of await linkIssues(tx, kind, p.data)) issues.add(p.row, issue.path, issue.message);
      for (const issue of kind.checkChange?.(p.match?.data ?? null, p.data) ?? []) issues.add(p.row, issue.path, issue.message);
      if (p.match && p.match.key !== p.key) {
        const ref = `${kind.name}:${p.match.key}`;
        const naming = await tx.selectFrom('registry_records').select('key').where(sql<SqlBool>`refs @> array[${ref}]::text[]`).limit(1).executeTakeFirst();
        if (naming) issues.add(p.row, null, `would change the key of ${p.match.key} to ${p.key}, but other records name it`);
      }
    }
  }
  if (issues.any) throw issues.error(kind);

  // Who may write which rows: the owner of every row that changes, before and after.
  for (const p of planned) {
    if (p.outcome === 'unchanged') continue;
    const owners = [kind.ownerOf(p.data), ...(p.match ? [kind.ownerOf(p.match.data)] : [])];
    try {
      authorizeWrite(actor, kind, p.outcome === 'created' ? 'create' : 'update', owners);
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError(error.code, `row ${p.row} (${p.key}): ${error.message}`);
      throw error;
    }
  }
  if (conflicts.length) {
    throw new DomainError('IMPORT_CONFLICT', `${conflicts.length} row(s) change a ${kind.name} that changed since the file was exported, nothing was imported: ${conflicts.slice(0, 3).map((c) => c.message).join('; ')}`, conflicts);
  }

  const result: ImportResult = {
    kind: kind.name, format, dryRun, total: planned.length,
    created: planned.filter((p) => p.outcome === 'created').length,
    updated: planned.filter((p) => p.outcome === 'updated').length,
    unchanged: planned.filter((p) => p.outcome === 'unchanged').length,
    rows: planned.map((p) => ({ row: p.row, key: p.key, id: p.id, outcome: p.outcome })),
  };
  if (dryRun || result.created + result.updated === 0) return result;
  await asRegistryWriter(tx, actor, async () => {
    for (const [i, p] of planned.entries()) {
      const ctx = { tx, actor, reason, legalBasis, requestId, via, now, row: p.row };
      if (p.outcome === 'created') {
        const created = await insertRecord(ctx, kind, p.data, p.id ?? undefined);
        result.rows[i]!.id = created.id;
      } else if (p.outcome === 'updated') {
        await replaceRecord(ctx, kind, p.match!, p.data);
      }
    }
  });
  return result;
}
