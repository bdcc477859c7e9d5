/**
 * @module domain/statistics/formats/format
 * What every reader of a publisher's file provides: the dataset it holds, the table its rows go to,
 * and a function turning one record (the cells of one line) into rows of that table.
 */
import type { TableSpec } from '../tables.ts';

export type Layout = 'sdmx-csv' | 'eurostat-tsv' | 'eurostat-tidy' | 'unhcr' | 'frontex' | 'iom';

export interface FileFormat {
  dataset: string;
  layout: Layout;
  table: TableSpec;
  delimiter: ',' | '\t';
  /** Names of the file's columns, for error messages. */
  columns: string[];
  /** Caveats the layout itself brings (added to the source's). */
  caveats: string[];
  /**
   * Rows of `table` (values in its column order) for one data record. Throws `CellError` naming the
   * column of a bad cell.
   */
  read(fields: string[]): unknown[][];
}

/** Values that mean "all" in a Eurostat dimension: a series at these values is the total series. */
const TOTAL_CODES: ReadonlySet<string> = new Set(['TOTAL', 'T', 'PER', 'ASY_APP', 'NR']);

/** Dimensions that are not part of a Eurostat series' breakdown: time, frequency, and the two country axes. */
const NOT_DIMS: ReadonlySet<string> = new Set(['freq', 'geo', 'citizen', 'time', 'time_period']);

/**
 * One `stat_eurostat` row. `dims` lists every dimension read (sorted, `k=v;k=v`), `breakdown` only
 * those not at a total value, which with dataset, geo, citizen and period is the natural key.
 * @example eurostatRow('migr_asyappctza', 'AT', 'SY', '2015', { sex: 'F', age: 'TOTAL' }, 10, null)
 *   // ['migr_asyappctza', 'sex=F', 'AT', 'SY', '2015', 'age=TOTAL;sex=F', 10, null]
 */
export function eurostatRow(dataset: string, geo: string, citizen: string, period: string, dims: Record<string, string>, value: number | null, flag: string | null): unknown[] {
  const keys = Object.keys(dims).filter((k) => !NOT_DIMS.has(k.toLowerCase())).sort();
  const all = keys.map((k) => `${k}=${dims[k]}`).join(';');
  const breakdown = keys.filter((k) => !TOTAL_CODES.has(dims[k]!)).map((k) => `${k}=${dims[k]}`).join(';');
  return [dataset, breakdown, geo, citizen, period, all, value, flag];
}
