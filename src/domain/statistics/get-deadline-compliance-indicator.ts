/**
 * @module domain/statistics/get-deadline-compliance-indicator
 * Deadline compliance per Member State and month due, for the statistics: of the authority's
 * statutory deadlines falling due in a month (`deadlines/deadline-rules.ts`, party `authority`), how
 * many were met on time, met late, missed, or are still open past their day (and, apart, how many are
 * open and not yet due: the work coming due) — the counts of
 * `deadlines/get-deadline-compliance.ts` summed over units and procedures, for every Member State in
 * the caller's view, small cells suppressed. Lapsed deadlines are not judged. The transaction comes
 * from `readCaseStatistics`: row-level security holds it to the Member States in view.
 */
import { sql } from 'kysely';
import type { Tx } from '../../storage/transaction.ts';
import { deadlineRule } from '../deadlines/deadline-rules.ts';
import { caseAnswer, monthBounds, protectRows, protectedRate, type CaseIndicatorResult, type CaseStatisticsView, type MonthRange } from './case-indicators.ts';

export interface DeadlineComplianceRow {
  [key: string]: unknown;
  memberState: string;
  month: string;
  metOnTime: number | null;
  metLate: number | null;
  missed: number | null;
  openOverdue: number | null;
  /** Still open and not yet due on the day judged: the work coming due (not judged, not in the rate). */
  openNotDue: number | null;
  /** metOnTime / (metOnTime + metLate + missed + openOverdue); null where any is suppressed. */
  onTimeRate: number | null;
}

export interface GetDeadlineComplianceIndicatorOptions extends MonthRange {
  tx: Tx;
  view: CaseStatisticsView;
  threshold: number;
  memberState?: string;
  /** The day open deadlines are judged on (default today). */
  on?: string;
}

const JUDGED = ['metOnTime', 'metLate', 'missed', 'openOverdue'] as const;
const COUNTS = [...JUDGED, 'openNotDue'] as const;

/**
 * @example await readCaseStatistics(db, actor, (tx, view) => getDeadlineComplianceIndicator({ tx, view, threshold: 5, from: '2026-07', to: '2026-12' }));
 */
export async function getDeadlineComplianceIndicator({ tx, view, threshold, memberState, from, to, on = new Date().toISOString().slice(0, 10) }: GetDeadlineComplianceIndicatorOptions): Promise<CaseIndicatorResult<DeadlineComplianceRow>> {
  const states = memberState ? view.memberStates.filter((s) => s === memberState) : view.memberStates;
  const { fromDay, toDay } = monthBounds({ from, to });
  const range = (alias: string) => sql.join([
    sql`${sql.ref(`${alias}.tenant_id`)} = any(${states}::text[])`,
    ...(fromDay ? [sql`${sql.ref(`${alias}.due_on`)} >= ${fromDay}::date`] : []),
    ...(toDay ? [sql`${sql.ref(`${alias}.due_on`)} <= ${toDay}::date`] : []),
  ], sql` and `);
  const ended = await sql<{ tenant_id: string; month: string; met_on_time: number; met_late: number; missed: number }>`
    select e.tenant_id, to_char(e.due_on, 'YYYY-MM') as month,
           (count(*) filter (where e.outcome = 'met' and e.ended_on <= e.due_on))::int as met_on_time,
           (count(*) filter (where e.outcome = 'met' and e.ended_on > e.due_on))::int as met_late,
           (count(*) filter (where e.outcome = 'missed'))::int as missed
    from case_deadline_endings e
    where ${range('e')} and e.party = 'authority' and e.outcome <> 'lapsed'
    group by 1, 2`.execute(tx);
  // Open deadlines carry no party: it is the rule's (deadline-rules.ts), so they are grouped by name too.
  const open = await sql<{ tenant_id: string; month: string; name: string; overdue: number; not_due: number }>`
    select d.tenant_id, to_char(d.due_on, 'YYYY-MM') as month, d.name,
           (count(*) filter (where d.due_on < ${on}::date))::int as overdue, (count(*) filter (where d.due_on >= ${on}::date))::int as not_due
    from case_deadlines d where ${range('d')}
    group by 1, 2, 3`.execute(tx);
  const cells = new Map<string, DeadlineComplianceRow>();
  const cell = (state: string, month: string) => {
    const key = `${state}|${month}`;
    let row = cells.get(key);
    if (!row) cells.set(key, row = { memberState: state, month, metOnTime: 0, metLate: 0, missed: 0, openOverdue: 0, openNotDue: 0, onTimeRate: null });
    return row;
  };
  for (const e of ended.rows) {
    const row = cell(e.tenant_id, e.month);
    row.metOnTime = e.met_on_time; row.metLate = e.met_late; row.missed = e.missed;
  }
  for (const o of open.rows) {
    if (deadlineRule(o.name).party !== 'authority') continue;
    const row = cell(o.tenant_id, o.month);
    row.openOverdue = (row.openOverdue as number) + o.overdue;
    row.openNotDue = (row.openNotDue as number) + o.not_due;
  }
  const raw = [...cells.values()].sort((a, b) => a.month.localeCompare(b.month) || a.memberState.localeCompare(b.memberState));
  const protectedRows = protectRows({ rows: raw, fields: [...COUNTS], threshold, group: (r) => r.month });
  const rows = protectedRows.rows.map((r) => ({ ...r, onTimeRate: protectedRate(r, ['metOnTime'], [...JUDGED]) }));
  return caseAnswer('deadline-compliance', view, threshold, rows, protectedRows.protectedCells, on);
}
