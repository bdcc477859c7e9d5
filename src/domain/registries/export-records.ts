/**
 * @module domain/registries/export-records
 * Writes the records of a kind (all, or those a list would show) as CSV or JSON. CSV: a header of
 * `id`, `version` and the kind's fields, one line per record, every cell guarded against formula
 * injection, a byte-order mark so spreadsheets read UTF-8. JSON: `{ kind, exportedAt, count,
 * records: [{ id, version, …fields }] }`. Both import back unchanged (`import-records.ts`).
 */
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizeRead } from './authorize-record.ts';
import { guardFormula } from '../../lib/csv-safe.ts';
import { encodeCell, fieldShape } from './csv.ts';
import type { RegistryKind } from './kind.ts';
import { listConditions, type ListRegistryOptions } from './list-records.ts';
import { recordFromRow, type RegistryRecord } from './record.ts';

export type RegistryFormat = 'csv' | 'json';

export interface RegistryExport {
  contentType: string;
  filename: string;
  body: string;
  count: number;
}

export interface ExportRegistryOptions<T extends object> extends Pick<ListRegistryOptions<T>, 'q' | 'on' | 'filters' | 'today'> {
  tx: Tx;
  actor: Actor;
  kind: RegistryKind<T>;
  format: RegistryFormat;
  now?: Date;
}

/** The CSV text of records: header, then one guarded line per record (RFC 4180 line ends). */
export function toCsv<T extends object>(kind: RegistryKind<T>, records: Array<Pick<RegistryRecord<T>, 'id' | 'version' | 'data'>>): string {
  const shapes = kind.columns.map((name) => [name, fieldShape(kind.fields.shape[name] as never)] as const);
  const rows = records.map((r) => [r.id, String(r.version), ...shapes.map(([name, shape]) => guardFormula(encodeCell((r.data as Record<string, unknown>)[name], shape)))]);
  return stringify(rows, { header: true, columns: ['id', 'version', ...kind.columns], bom: true, record_delimiter: 'windows' });
}

/** The JSON text of records, in the shape the import reads. */
export function toJson<T extends object>(kind: RegistryKind<T>, records: Array<Pick<RegistryRecord<T>, 'id' | 'version' | 'data'>>, now: Date): string {
  return `${JSON.stringify({ kind: kind.name, exportedAt: now.toISOString(), count: records.length, records: records.map((r) => ({ id: r.id, version: r.version, ...r.data })) }, null, 2)}\n`;
}

/**
 * @example const file = await exportRegistry({ tx, actor, kind: designationKind, format: 'csv' }); writeFileSync('designations.csv', file.body);
 */
export async function exportRegistry<T extends object>({ tx, actor, kind, format, now = new Date(), ...list }: ExportRegistryOptions<T>): Promise<RegistryExport> {
  authorizeRead(actor, kind);
  const rows = await tx.selectFrom('registry_records').selectAll().where(listConditions(kind, list)).orderBy('key').execute();
  const records = rows.map((row) => recordFromRow<T>(row)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const stamp = now.toISOString().slice(0, 10);
  return format === 'csv'
    ? { contentType: 'text/csv; charset=utf-8', filename: `waypoint-${kind.plural}-${stamp}.csv`, body: toCsv(kind, records), count: records.length }
    : { contentType: 'application/json; charset=utf-8', filename: `waypoint-${kind.plural}-${stamp}.json`, body: toJson(kind, records, now), count: records.length };
}
