/**
 * @module domain/statistics/suppress-small-cells
 * Small-cell protection for figures derived from Waypoint's own case data and shown outside the
 * owning tenant (issue 6, point 3): a count below the threshold could identify a person (three
 * Eritrean applicants at one border facility in May), so it is either suppressed (no value) or
 * rounded, and the cell says so. UNHCR publishes its own figures this way (small counts replaced or
 * rounded to a base of 5).
 *
 * - `suppress`: counts from 1 to threshold − 1 become `null`, marked `suppressed`. Zero is shown (an
 *   empty cell identifies nobody). With `group`, secondary suppression: where a group (e.g. a row of
 *   a table with a published total) has exactly one suppressed cell, its next smallest non-zero cell
 *   is suppressed too, so that the hidden value cannot be recovered by subtraction from the total.
 * - `round`: every count is rounded to the nearest multiple of `base` (default: the threshold), and
 *   cells whose value changed are marked `rounded`; counts below the threshold round to 0 or `base`.
 *
 * Public statistics imported from Eurostat, UNHCR, Frontex and IOM are published aggregates and are
 * not passed through this function.
 */

export type SuppressionMode = 'suppress' | 'round';

export interface SuppressSmallCellsOptions<T> {
  rows: readonly T[];
  /** Keys of the count fields to protect. */
  fields: ReadonlyArray<keyof T & string>;
  /** Smallest count shown as it is (default 5). */
  threshold?: number;
  mode?: SuppressionMode;
  /** Rounding base for `round` (default: the threshold). */
  base?: number;
  /** Rows of one group (for secondary suppression), e.g. `(r) => r.month`. */
  group?: (row: T) => string;
}

/** How a cell was protected. */
export type CellMark = 'suppressed' | 'rounded';

export type Protected<T> = { [K in keyof T]: T[K] } & {
  /** Which fields were suppressed or rounded (absent when none). */
  protection?: Record<string, CellMark>;
};

export interface SuppressSmallCellsResult<T> {
  rows: Array<Protected<T>>;
  threshold: number;
  mode: SuppressionMode;
  /** Cells suppressed or rounded. */
  protectedCells: number;
}

/**
 * Protects small counts.
 * @example
 *   suppressSmallCells({ rows: [{ month: '2026-05', cases: 3 }], fields: ['cases'] }).rows
 *   // [{ month: '2026-05', cases: null, protection: { cases: 'suppressed' } }]
 */
export function suppressSmallCells<T extends Record<string, unknown>>({ rows, fields, threshold = 5, mode = 'suppress', base, group }: SuppressSmallCellsOptions<T>): SuppressSmallCellsResult<T> {
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, not ${threshold}`);
  const step = base ?? threshold;
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`base must be a positive integer, not ${step}`);
  const out: Array<Protected<T>> = rows.map((row) => ({ ...row }));
  let count = 0;
  const mark = (row: Protected<T>, field: string, how: CellMark) => {
    row.protection = { ...(row.protection ?? {}), [field]: how };
    count += 1;
  };

  for (const row of out) {
    for (const field of fields) {
      const value = row[field];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      if (mode === 'round') {
        const rounded = Math.round(value / step) * step;
        if (rounded !== value) { (row as Record<string, unknown>)[field] = rounded; mark(row, field, 'rounded'); }
      } else if (value > 0 && value < threshold) {
        (row as Record<string, unknown>)[field] = null;
        mark(row, field, 'suppressed');
      }
    }
  }

  if (mode === 'suppress' && group) {
    // Secondary suppression: a group with exactly one suppressed cell (per field) gives it away to anyone
    // who knows the group's total; hide the next smallest positive cell of the same field as well.
    for (const field of fields) {
      const groups = new Map<string, Array<{ original: T; row: Protected<T> }>>();
      rows.forEach((original, i) => {
        const key = group(original);
        const list = groups.get(key) ?? [];
        list.push({ original, row: out[i]! });
        groups.set(key, list);
      });
      for (const members of groups.values()) {
        const hidden = members.filter((m) => m.row.protection?.[field] === 'suppressed');
        if (hidden.length !== 1) continue;
        const candidates = members.filter((m) => typeof m.original[field] === 'number' && (m.original[field] as number) > 0 && m.row.protection?.[field] === undefined)
          .sort((a, b) => (a.original[field] as number) - (b.original[field] as number));
        const next = candidates[0];
        if (next) {
          (next.row as Record<string, unknown>)[field] = null;
          mark(next.row, field, 'suppressed');
        }
      }
    }
  }
  return { rows: out, threshold, mode, protectedCells: count };
}
