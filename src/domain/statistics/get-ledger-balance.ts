/**
 * @module domain/statistics/get-ledger-balance
 * The 1:1 ledgers' legs per Member State and month: returns each Member State counted under a
 * mechanism (month of the return) and resettlements each counted (month of arrival), read from the
 * shared half of the ledger (tenant `EU`, pseudonyms only), small cells suppressed. The transaction
 * comes from `readCaseStatistics`, which also decides which Member States are in view.
 */
import { sql } from 'kysely';
import type { Tx } from '../../storage/transaction.ts';
import { LEDGER_TENANT } from '../swap-ledger/ledger.ts';
import { caseAnswer, monthBounds, protectRows, type CaseIndicatorResult, type CaseStatisticsView, type MonthRange } from './case-indicators.ts';

export interface LedgerBalanceRow {
  [key: string]: unknown;
  mechanism: string;
  memberState: string;
  month: string;
  returns: number | null;
  resettlements: number | null;
  /** Returns − resettlements of the cell; null where either is suppressed. */
  balance: number | null;
}

export interface GetLedgerBalanceOptions extends MonthRange {
  tx: Tx;
  view: CaseStatisticsView;
  threshold: number;
  mechanism?: string;
  memberState?: string;
  /** The day the answer is computed on (coverage note). */
  on?: string;
}

/**
 * @example await readCaseStatistics(db, actor, (tx, view) => getLedgerBalance({ tx, view, threshold: 5, from: '2016-01', to: '2016-12' }));
 */
export async function getLedgerBalance({ tx, view, threshold, mechanism, memberState, from, to, on = new Date().toISOString().slice(0, 10) }: GetLedgerBalanceOptions): Promise<CaseIndicatorResult<LedgerBalanceRow>> {
  const states = memberState ? view.memberStates.filter((s) => s === memberState) : view.memberStates;
  const { fromDay, toDay } = monthBounds({ from, to });
  const within = (column: string) => sql.join([
    sql`true`,
    ...(fromDay ? [sql`${sql.ref(column)} >= ${fromDay}::date`] : []),
    ...(toDay ? [sql`${sql.ref(column)} <= ${toDay}::date`] : []),
  ], sql` and `);
  const mechanismFilter = mechanism ? sql`and mechanism = ${mechanism}` : sql``;
  const result = await sql<{ mechanism: string; state: string; month: string; returns: number; resettlements: number }>`
    select mechanism, state, month, sum(returns)::int as returns, sum(resettlements)::int as resettlements from (
      select mechanism, returning_state as state, to_char(returned_on, 'YYYY-MM') as month, count(*) as returns, 0 as resettlements
        from swap_ledger_entitlements where tenant_id = ${LEDGER_TENANT} and returning_state = any(${states}::text[]) and ${within('returned_on')} ${mechanismFilter}
        group by 1, 2, 3
      union all
      select mechanism, resettling_state, to_char(resettled_on, 'YYYY-MM'), 0, count(*)
        from swap_ledger_entitlements where tenant_id = ${LEDGER_TENANT} and resettled_on is not null and resettling_state = any(${states}::text[]) and ${within('resettled_on')} ${mechanismFilter}
        group by 1, 2, 3
    ) legs group by mechanism, state, month order by mechanism, month, state`.execute(tx);
  const raw = result.rows.map((r): LedgerBalanceRow => ({ mechanism: r.mechanism, memberState: r.state, month: r.month, returns: r.returns, resettlements: r.resettlements, balance: null }));
  const protectedRows = protectRows({ rows: raw, fields: ['returns', 'resettlements'], threshold, group: (r) => `${r.mechanism}|${r.month}` });
  const rows = protectedRows.rows.map((r) => ({
    ...r, balance: r.protection?.returns || r.protection?.resettlements ? null : (r.returns as number) - (r.resettlements as number),
  }));
  return caseAnswer('ledger-balance', view, threshold, rows, protectedRows.protectedCells, on);
}
