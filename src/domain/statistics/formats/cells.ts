/**
 * @module domain/statistics/formats/cells
 * Reading one cell of a publisher's file, strictly: a value that is not what the column holds is an
 * error naming the column, never a silent zero. Empty cells (and R's `NA`) are missing values.
 */
import { CellError } from '../import-error.ts';

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A number, or `null` for an empty cell; `required` refuses the empty cell. */
export function numberCell(raw: string | undefined, column: number, required = false): number | null {
  const cell = (raw ?? '').trim();
  if (cell === '' || cell === 'NA') {
    if (required) throw new CellError(column, 'missing value');
    return null;
  }
  if (!NUMBER.test(cell)) throw new CellError(column, `not a number: ${JSON.stringify(cell.slice(0, 40))}`);
  return Number(cell);
}

/** A calendar year between 1900 and 2100. */
export function yearCell(raw: string | undefined, column: number): number {
  const cell = (raw ?? '').trim();
  if (!/^\d{4}$/.test(cell) || Number(cell) < 1900 || Number(cell) > 2100) throw new CellError(column, `not a year: ${JSON.stringify(cell.slice(0, 20))}`);
  return Number(cell);
}

/** A month as YYYY-MM (Eurostat's old `2015M01` is accepted). */
export function monthCell(raw: string | undefined, column: number): string {
  const cell = (raw ?? '').trim().replace(/^(\d{4})M(\d{2})$/, '$1-$2');
  if (!/^(19|20)\d{2}-(0[1-9]|1[0-2])$/.test(cell)) throw new CellError(column, `not a month (YYYY-MM): ${JSON.stringify(cell.slice(0, 20))}`);
  return cell;
}

/** A reference period: a year, a month or a quarter (`2016`, `2016-03`, `2016-Q1`). */
export function periodCell(raw: string | undefined, column: number): string {
  const cell = (raw ?? '').trim().replace(/^(\d{4})M(\d{2})$/, '$1-$2').replace(/^(\d{4})Q([1-4])$/, '$1-Q$2');
  if (/^(19|20)\d{2}$/.test(cell) || /^(19|20)\d{2}-(0[1-9]|1[0-2])$/.test(cell) || /^(19|20)\d{2}-Q[1-4]$/.test(cell)) return cell;
  throw new CellError(column, `not a period (YYYY, YYYY-MM or YYYY-Qn): ${JSON.stringify(cell.slice(0, 20))}`);
}

/** An ISO calendar date, or `null` when empty. */
export function dateCell(raw: string | undefined, column: number): string | null {
  const cell = (raw ?? '').trim();
  if (cell === '' || cell === 'NA') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cell) || new Date(`${cell}T00:00:00Z`).toISOString().slice(0, 10) !== cell) {
    throw new CellError(column, `not a date (YYYY-MM-DD): ${JSON.stringify(cell.slice(0, 20))}`);
  }
  return cell;
}

/** Text that must be there. */
export function textCell(raw: string | undefined, column: number): string {
  const cell = (raw ?? '').trim();
  if (cell === '') throw new CellError(column, 'missing value');
  if (cell.includes('\u0000')) throw new CellError(column, 'contains a NUL character');
  return cell;
}

/** Text that may be empty (`null`). */
export function optionalText(raw: string | undefined): string | null {
  const cell = (raw ?? '').trim().replaceAll('\u0000', '');
  return cell === '' || cell === 'NA' ? null : cell;
}

/** A code through a converter that answers `null` for what it does not know. */
export function codeCell(raw: string | undefined, column: number, convert: (code: string) => string | null, what: string): string {
  const cell = textCell(raw, column);
  const code = convert(cell);
  if (code === null) throw new CellError(column, `unknown ${what}: ${JSON.stringify(cell.slice(0, 60))}`);
  return code;
}

/**
 * Eurostat's value cell in TSV and the old bulk files: a number followed by flags (`1234 p`), `:` for
 * not available (`: c` confidential, `:z` not applicable).
 * @example eurostatValue('5 p', 3) // { value: 5, flag: 'p' }
 */
export function eurostatValue(raw: string | undefined, column: number): { value: number | null; flag: string | null } {
  const cell = (raw ?? '').trim();
  if (cell === '') return { value: null, flag: null };
  const match = /^(:|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*([a-z]*)$/.exec(cell);
  if (!match) throw new CellError(column, `not a Eurostat value (number with optional flags, or ':'): ${JSON.stringify(cell.slice(0, 20))}`);
  return { value: match[1] === ':' ? null : Number(match[1]), flag: match[2] || null };
}
