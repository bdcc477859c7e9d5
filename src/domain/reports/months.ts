/**
 * @module domain/reports/months
 * Calendar months as `YYYY-MM`: the window a report shows and a month's first and last day.
 */

/**
 * The month `n` months after `month` (before, when `n` is negative).
 * @example addMonths('2024-01', -1) // '2023-12'
 */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The `length` months ending with `month`, oldest first.
 * @example monthWindow('2024-03', 3) // ['2024-01', '2024-02', '2024-03']
 */
export function monthWindow(month: string, length: number): string[] {
  return Array.from({ length }, (_, i) => addMonths(month, i - length + 1));
}

/**
 * The last day of a month, ISO.
 * @example lastDay('2024-02') // '2024-02-29'
 */
export function lastDay(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}
