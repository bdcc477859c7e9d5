/**
 * @module domain/reports/report-case-data
 * The report's section from Waypoint's own case data, for a partnership that has a 1:1 ledger or a
 * facility: the ledger's returns and resettlements per Member State and month, and each facility's
 * use against its capacity, over the report's window — through the same functions as
 * `/api/stats/case-indicators/…`, so with the same small-cell suppression and the same view (the
 * reader's grant on `case-statistics`). A suppressed cell reads "suppressed", never 0.
 */
import type { Actor } from '../access/roles.ts';
import { can } from '../access/authorize.ts';
import { readCaseStatistics } from '../statistics/case-indicators.ts';
import { getFacilityUse, type FacilityUseRow } from '../statistics/get-facility-use.ts';
import { getLedgerBalance, type LedgerBalanceRow } from '../statistics/get-ledger-balance.ts';
import type { Protected } from '../statistics/suppress-small-cells.ts';
import type { Db } from '../../storage/transaction.ts';
import type { Coverage } from './monthly-report.ts';

export interface ReportCaseData {
  ledgers: Array<Protected<LedgerBalanceRow> & { title: string }>;
  facilities: Array<Protected<FacilityUseRow>>;
  threshold: number;
  coverage: Coverage;
}

export interface CaseDataSectionOptions {
  db: Db;
  actor: Actor;
  /** The partnership's 1:1 mechanisms (code, title) and facilities (codes). */
  ledgers: Array<{ code: string; title: string }>;
  facilities: string[];
  window: string[];
  threshold: number;
}

/** A count of a protected row as the report prints it. */
export function protectedCount(row: { protection?: Record<string, string> }, field: string, value: number | null | undefined): string {
  if (row.protection?.[field] === 'suppressed') return 'suppressed';
  return value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-GB');
}

/**
 * The section, or null when the partnership has neither a ledger nor a facility.
 * @example await caseDataSection({ db, actor, ledgers: [{ code: 'eu-tr-statement', title }], facilities: [], window, threshold: 5 });
 */
export async function caseDataSection({ db, actor, ledgers, facilities, window, threshold }: CaseDataSectionOptions): Promise<ReportCaseData | null> {
  if (ledgers.length === 0 && facilities.length === 0) return null;
  if (!can({ actor, action: 'read', resource: 'case-statistics' })) {
    return { ledgers: [], facilities: [], threshold, coverage: ['Figures from case data are not shown: the reader\'s roles do not include reading indicators from case data (case-statistics).'] };
  }
  const range = { from: window[0]!, to: window.at(-1)! };
  return readCaseStatistics(db, actor, async (tx, view) => {
    const ledgerRows: ReportCaseData['ledgers'] = [];
    for (const l of ledgers) {
      const result = await getLedgerBalance({ tx, view, threshold, mechanism: l.code, ...range });
      ledgerRows.push(...result.items.map(({ sources: _s, ...r }) => ({ ...r, title: l.title })));
    }
    const facilityRows: ReportCaseData['facilities'] = [];
    for (const code of facilities) {
      const result = await getFacilityUse({ tx, view, threshold, facility: code, ...range });
      facilityRows.push(...result.items.map(({ sources: _s, ...r }) => r));
    }
    const states = view.memberStates.length > 1 ? 'every Member State' : view.memberStates.join(', ') || 'no Member State';
    return {
      ledgers: ledgerRows, facilities: facilityRows, threshold,
      coverage: [
        `Source: Waypoint case data, ${range.from} to ${range.to}, recorded by ${states} (as far as the reader may see).`,
        `Counts from 1 to ${threshold - 1} are suppressed ("suppressed"), and where a month would reveal one by subtraction, the next smallest too.`,
        ...(ledgers.length && ledgerRows.length === 0 ? ['No return or resettlement was counted under the partnership\'s 1:1 ledger in these months.'] : []),
        ...(facilities.length && facilityRows.length === 0 ? ['Nobody was placed in the partnership\'s facilities through Waypoint in these months.'] : []),
      ],
    };
  });
}
