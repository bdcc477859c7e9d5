/**
 * @module api/routes/deadlines/present
 * The compliance report as CSV for spreadsheets: one row per unit, kind of case and deadline, the
 * totals last; cells formula-guarded (`lib/csv-safe.ts`).
 */
import { stringify } from 'csv-stringify/sync';
import type { DeadlineCompliance } from '../../../domain/deadlines/get-deadline-compliance.ts';
import { guardFormula } from '../../../lib/csv-safe.ts';

const COLUMNS = ['unitId', 'kind', 'deadline', 'party', 'metOnTime', 'metLate', 'missed', 'openOverdue', 'lapsed', 'openNotDue', 'onTimeRate'] as const;

/** The report as CSV, with a header, `from`/`to` in every row so that a sheet of several reports stays readable. */
export function complianceCsv(report: DeadlineCompliance): string {
  const cell = (value: unknown) => (value === null || value === undefined ? '' : guardFormula(String(value)));
  const rows = [...report.rows, { unitId: '(all)', kind: '(all)', deadline: '(all)', party: report.party, ...report.totals }];
  return stringify([
    ['from', 'to', ...COLUMNS],
    ...rows.map((r) => [report.from, report.to, ...COLUMNS.map((c) => cell((r as Record<string, unknown>)[c]))]),
  ]);
}
