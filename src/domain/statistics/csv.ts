/**
 * @module domain/statistics/csv
 * Indicator rows as CSV for spreadsheets, every text cell guarded against formula injection by the
 * one guard Waypoint has (`lib/csv-safe.ts`). Numbers are written as numbers. Each row ends with its
 * provenance in words (publisher, dataset, vintage, licence), since a CSV file has nowhere else to
 * carry it.
 */
import { stringify } from 'csv-stringify/sync';
import { guardFormula } from '../../lib/csv-safe.ts';
import type { SourceRef } from './indicators.ts';

/** A cell made safe to open in a spreadsheet. */
export function guardCell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = Array.isArray(value) ? value.join(';') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return guardFormula(text);
}

/** Provenance of a row in words. */
export function provenanceText(ids: readonly string[], sources: readonly SourceRef[]): string {
  return ids.map((id) => sources.find((s) => s.id === id)).filter((s): s is SourceRef => s !== undefined)
    .map((s) => `${s.credit} — ${s.dataset} (${s.file}, retrieved ${s.retrievedOn}; ${s.licence})`).join(' | ');
}

/**
 * CSV text of indicator rows: the rows' own fields (nested objects flattened with dots), then `source`.
 * @example toCsv([{ year: 2016, rate: 0.61, sources: ['1'] }], sources)
 */
export function toCsv(rows: ReadonlyArray<Record<string, unknown>>, sources: readonly SourceRef[]): string {
  const flat = rows.map((row) => flatten(row));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))].filter((c) => c !== 'sources');
  const records = flat.map((r, i) => [...columns.map((c) => guardCell(r[c])), guardCell(provenanceText((rows[i]!.sources as string[] | undefined) ?? [], sources))]);
  return stringify([[...columns, 'source'], ...records]);
}

function flatten(row: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, flatten(value as Record<string, unknown>, name));
    else out[name] = value;
  }
  return out;
}
