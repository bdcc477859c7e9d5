/**
 * @module lib/csv-safe
 * The one guard against formula injection in CSV written for spreadsheets (OWASP "CSV Injection"):
 * a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
 * formula. Every such cell is written with a leading `'`, which spreadsheets show as text.
 *
 * So that a guarded export reads back unchanged, a cell that already starts with quotes followed by one
 * of those characters gets one more quote, and {@link unguardFormula} removes exactly one quote from
 * any cell of the form `'…'<trigger>…`: writing then reading gives back the value. The registries'
 * export/import and the statistics API's CSV both use it.
 */

const TRIGGER = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/**
 * A cell value made safe to open in a spreadsheet.
 * @example guardFormula('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 */
export function guardFormula(cell: string): string {
  return TRIGGER.test(cell) ? `'${cell}` : cell;
}

/**
 * The value a guarded cell stands for (inverse of {@link guardFormula}).
 * @example unguardFormula("''=1") // "'=1"
 */
export function unguardFormula(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}
