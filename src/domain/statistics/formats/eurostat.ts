/**
 * @module domain/statistics/formats/eurostat
 * Eurostat's three layouts:
 * - **SDMX-CSV** (the dissemination API's `format=SDMX-CSV`, SDMX-CSV 1.0: `DATAFLOW, LAST UPDATE,
 *   freq, unit, citizen, …, geo, TIME_PERIOD, OBS_VALUE, OBS_FLAG`; the SDMX 3.0 API's
 *   `STRUCTURE, STRUCTURE_ID, …` variant and `labels=both` cells such as `AT:Austria` are read too);
 * - **TSV** (the API's `format=TSV` and the old bulk download: first column `freq,unit,…,geo\TIME_PERIOD`
 *   with comma-separated codes, then one column per period, values like `1234 p` or `:`);
 * - **tidy extracts** (one row per figure with named columns: `geo`, `citizen` or `citizen_label` or
 *   `citizenship_iso3`, `year` or `month`, `persons`, flags, and labelled breakdowns), as found in the
 *   shared data folder. Labels become codes; dimensions a file leaves out take the total value (or
 *   the value the file's known provenance states, e.g. `c_dest=THRD`).
 * Country codes go through {@link fromEurostat} (EL → GR, UK → GB, aggregates kept).
 */
import { CellError } from '../import-error.ts';
import { EUROSTAT_TABLE } from '../tables.ts';
import { fromEurostat, fromIso3, fromLabel } from '../codes.ts';
import { codeCell, eurostatValue, numberCell, optionalText, periodCell, textCell } from './cells.ts';
import { eurostatRow, type FileFormat } from './format.ts';

/** Dataset id of a DATAFLOW / STRUCTURE_ID cell: `ESTAT:MIGR_ASYAPPCTZA(1.0)` → `migr_asyappctza`. */
export function dataflowId(cell: string): string | null {
  const match = /^(?:dataflow=)?(?:[A-Z0-9_]+:)?([A-Za-z][A-Za-z0-9_]*)(?:\([^)]*\))?$/.exec(cell.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/** A code cell that may carry its label (`AT:Austria` with `labels=both`). */
function code(cell: string): string {
  const i = cell.indexOf(':');
  return (i > 0 ? cell.slice(0, i) : cell).trim();
}

const eurostatCountry = (c: string) => fromEurostat(code(c));

/** Is this header an SDMX-CSV header? */
export function isSdmxCsvHeader(header: string[]): boolean {
  return header.includes('OBS_VALUE') && header.includes('TIME_PERIOD') && (header.includes('DATAFLOW') || header.includes('STRUCTURE_ID'));
}

export function sdmxCsvFormat(dataset: string, header: string[]): FileFormat {
  const at = (name: string) => header.indexOf(name);
  const flowAt = at('DATAFLOW') >= 0 ? at('DATAFLOW') : at('STRUCTURE_ID');
  const timeAt = at('TIME_PERIOD');
  const valueAt = at('OBS_VALUE');
  const flagAt = at('OBS_FLAG');
  const geoAt = at('geo');
  const citizenAt = at('citizen');
  const skip = new Set(['DATAFLOW', 'STRUCTURE', 'STRUCTURE_ID', 'STRUCTURE_NAME', 'ACTION', 'LAST UPDATE', 'TIME_PERIOD', 'OBS_VALUE', 'OBS_FLAG', 'CONF_STATUS', 'geo', 'citizen', 'freq']);
  const dimAt = header.map((name, i) => [name, i] as const).filter(([name]) => !skip.has(name));
  if (geoAt < 0) throw new CellError(0, 'an SDMX-CSV file without a geo column is not a migration dataset Waypoint reads');
  return {
    dataset, layout: 'sdmx-csv', table: EUROSTAT_TABLE, delimiter: ',', columns: header, caveats: [],
    read(f) {
      const flow = dataflowId(f[flowAt] ?? '');
      if (flow !== dataset) throw new CellError(flowAt + 1, `dataflow ${JSON.stringify(f[flowAt])} differs from the file's first row (${dataset})`);
      const geo = codeCell(f[geoAt], geoAt + 1, eurostatCountry, 'geo code');
      const citizen = citizenAt >= 0 ? codeCell(f[citizenAt], citizenAt + 1, eurostatCountry, 'citizen code') : 'TOTAL';
      const period = periodCell(f[timeAt], timeAt + 1);
      const value = numberCell(f[valueAt], valueAt + 1);
      const flag = flagAt >= 0 ? optionalText(f[flagAt]) : null;
      const dims: Record<string, string> = {};
      for (const [name, i] of dimAt) dims[name] = code(textCell(f[i], i + 1));
      return [eurostatRow(dataset, geo, citizen, period, dims, value, flag)];
    },
  };
}

/** Is this header a Eurostat TSV header (`freq,…,geo\TIME_PERIOD`, then periods)? */
export function isTsvHeader(header: string[]): boolean {
  return header.length >= 2 && /^[A-Za-z_]+(,[A-Za-z_]+)*\\(TIME_PERIOD|time)$/i.test(header[0]!.trim());
}

export function tsvFormat(dataset: string, header: string[]): FileFormat {
  const names = header[0]!.trim().replace(/\\(TIME_PERIOD|time)$/i, '').split(',');
  const periods = header.slice(1).map((p, i) => periodCell(p, i + 2));
  const geoAt = names.indexOf('geo');
  const citizenAt = names.indexOf('citizen');
  if (geoAt < 0) throw new CellError(1, 'a TSV file without a geo dimension is not a migration dataset Waypoint reads');
  return {
    dataset, layout: 'eurostat-tsv', table: EUROSTAT_TABLE, delimiter: '\t', columns: [header[0]!.trim(), ...header.slice(1).map((h) => h.trim())], caveats: [],
    read(f) {
      const codes = (f[0] ?? '').split(',').map((c) => c.trim());
      if (codes.length !== names.length) throw new CellError(1, `expected ${names.length} comma-separated codes (${names.join(',')}), found ${codes.length}`);
      const geo = codeCell(codes[geoAt], 1, fromEurostat, 'geo code');
      const citizen = citizenAt >= 0 ? codeCell(codes[citizenAt], 1, fromEurostat, 'citizen code') : 'TOTAL';
      const dims: Record<string, string> = {};
      names.forEach((name, i) => { dims[name] = codes[i]!; });
      const rows: unknown[][] = [];
      for (let i = 0; i < periods.length; i++) {
        const { value, flag } = eurostatValue(f[i + 1], i + 2);
        // A cell with neither value nor flag is not an observation (the bulk files pad with ': ').
        if (value === null && flag === null) continue;
        rows.push(eurostatRow(dataset, geo, citizen, periods[i]!, dims, value, flag));
      }
      return rows;
    },
  };
}

/** Label → code of the labelled breakdowns in the tidy extracts (old "nui" exports and default views). */
const DIM_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sex: { female: 'F', male: 'M', unknown: 'UNK', total: 'T', f: 'F', m: 'M', t: 'T', unk: 'UNK' },
  decision: {
    total: 'TOTAL', 'total positive decisions': 'TOTAL_POS', rejected: 'REJECTED', 'geneva convention status': 'GENCONV',
    'humanitarian status': 'HUMSTAT', 'subsidiary protection status': 'SUB_PROT', 'temporary protection status': 'TEMP_PROT',
  },
  // migr_eirtn's `c_dest` (destination of the return), as the 2017 extract labels it.
  c_dest: { 'total number of persons returned': 'TOTAL', 'persons returned to a third country': 'THRD', total: 'TOTAL' },
};

/** Column names of the tidy extracts and the dimension each stands for. */
const DIM_COLUMNS: Readonly<Record<string, string>> = { indicator: 'c_dest', apprehension_place: 'apprehension_place' };

/**
 * A labelled value as a code: a known label, a value that already is a code, or (for breakdowns
 * Eurostat labels only in the default view, such as the reason of an illegal stay) the label in upper
 * snake case, `TOTAL` for "Total".
 */
function dimValue(dim: string, cell: string): string {
  const known = DIM_LABELS[dim]?.[cell.toLowerCase()];
  if (known) return known;
  if (/^[A-Z0-9_-]+$/.test(cell)) return cell;
  if (cell.toLowerCase() === 'total') return 'TOTAL';
  return cell.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');
}

const GEO_COLUMNS = ['geo', 'reporting_country_iso3'];
const CITIZEN_COLUMNS = ['citizen', 'citizen_label', 'citizenship_iso3'];
const PERIOD_COLUMNS = ['year', 'month', 'time', 'time_period'];
const VALUE_COLUMNS = ['persons', 'applicants', 'value', 'values', 'obs_value'];
const FLAG_COLUMNS = ['obs_flag', 'flag', 'flags'];

/** Is this header a tidy extract Waypoint can read (a geo, a period and a value column)? */
export function isTidyHeader(header: string[]): boolean {
  const lower = header.map((h) => h.toLowerCase());
  return GEO_COLUMNS.some((c) => lower.includes(c)) && PERIOD_COLUMNS.some((c) => lower.includes(c)) && VALUE_COLUMNS.some((c) => lower.includes(c));
}

export function tidyFormat(dataset: string, header: string[], defaults: Record<string, string> = {}): FileFormat {
  const lower = header.map((h) => h.toLowerCase());
  const find = (names: string[]) => lower.findIndex((h) => names.includes(h));
  const geoAt = find(GEO_COLUMNS);
  const citizenAt = find(CITIZEN_COLUMNS);
  const periodAt = find(PERIOD_COLUMNS);
  const valueAt = find(VALUE_COLUMNS);
  const flagAt = find(FLAG_COLUMNS);
  const used = new Set([geoAt, citizenAt, periodAt, valueAt, flagAt]);
  // Other columns are breakdowns, except labels of columns already read (geo_label).
  const dimAt = lower.map((name, i) => [DIM_COLUMNS[name] ?? name, i] as const).filter(([name, i]) => !used.has(i) && !name.endsWith('_label'));
  const geoOf = lower[geoAt] === 'reporting_country_iso3' ? (c: string) => fromIso3(c) : fromEurostat;
  const citizenOf = citizenAt < 0 ? null
    : lower[citizenAt] === 'citizen_label' ? fromLabel
      : lower[citizenAt] === 'citizenship_iso3' ? (c: string) => fromIso3(c) : fromEurostat;
  return {
    dataset, layout: 'eurostat-tidy', table: EUROSTAT_TABLE, delimiter: ',', columns: header, caveats: [],
    read(f) {
      const geo = codeCell(f[geoAt], geoAt + 1, geoOf, `${header[geoAt]} code`);
      if (!/^[A-Z]{2}$/.test(geo) && !geo.includes('_') && geo !== 'TOTAL' && geo !== 'EU28') throw new CellError(geoAt + 1, `not a reporting country: ${JSON.stringify(f[geoAt])}`);
      const citizen = citizenOf ? codeCell(f[citizenAt], citizenAt + 1, citizenOf, header[citizenAt] === 'citizen_label' ? 'citizenship label' : 'citizenship code') : 'TOTAL';
      const period = periodCell(f[periodAt], periodAt + 1);
      const value = numberCell(f[valueAt], valueAt + 1);
      const flag = flagAt >= 0 ? optionalText(f[flagAt]) : null;
      const dims: Record<string, string> = { ...defaults };
      for (const [dim, i] of dimAt) dims[dim] = dimValue(dim, textCell(f[i], i + 1));
      return [eurostatRow(dataset, geo, citizen, period, dims, value, flag)];
    },
  };
}
