/**
 * @module domain/statistics/case-indicators
 * Indicators computed from Waypoint's own operational data rather than imported from a publisher
 * (issue 6, the open point): the 1:1 ledgers' returns and resettlements, facility use against
 * capacity, and deadline compliance — per Member State and month, every count passed through
 * {@link suppressSmallCells} (a suppressed cell is `null` and marked, never 0), each answer with its
 * coverage and with "Waypoint case data" as its source.
 *
 * Why not in the public-indicator tables (`stat_ind_*`): those are reference data without a tenant,
 * rebuilt by imports; these figures come from tenant tables under row-level security and depend on
 * who asks. So they are computed per request, in a read transaction whose visible tenants are what
 * the caller may see ({@link readCaseStatistics}): a Member State's user — whatever the scope of the
 * grant on `case-statistics` — their own Member State's figures; a user of the Commission, an agency
 * or an international organisation with scope `all` every Member State's, always after suppression.
 * The queries group on indexed keys and return at most Member States × months × ledgers or facilities rows.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import type { Scope } from '../access/permissions.ts';
import { MEMBER_STATE_CODES } from '../tenants/tenants.ts';
import { inTenant, type Db, type Tx } from '../../storage/transaction.ts';
import { LEDGER_TENANT } from '../swap-ledger/ledger.ts';
import { suppressSmallCells, type Protected } from './suppress-small-cells.ts';

export const CASE_DATA_SOURCE = 'Waypoint case data';

export const CASE_INDICATOR_IDS = ['ledger-balance', 'facility-occupancy', 'deadline-compliance'] as const;
export type CaseIndicatorId = (typeof CASE_INDICATOR_IDS)[number];

export interface CaseIndicatorDefinition {
  id: CaseIndicatorId;
  title: string;
  definition: string;
  unit: string;
  /** Where the figures come from: always {@link CASE_DATA_SOURCE}, with the tables read. */
  source: string;
  tables: string[];
  caveats: string[];
}

const SUPPRESSION = 'Counts from 1 to the small-cell threshold minus one are suppressed (null, marked "suppressed"), and where a month would reveal a suppressed count by subtraction, its next smallest count too; rates are not given where an input is suppressed.';

export const CASE_INDICATORS: Readonly<Record<CaseIndicatorId, CaseIndicatorDefinition>> = {
  'ledger-balance': {
    id: 'ledger-balance', title: '1:1 ledgers: returns and resettlements by Member State and month',
    definition: 'Per 1:1 swap mechanism, the returns each Member State counted under it (by month of return) and the resettlements each Member State counted (by month of arrival), from the shared half of the ledger; balance = returns − resettlements of the cell.',
    unit: 'persons', source: CASE_DATA_SOURCE, tables: ['swap_ledger_entitlements'],
    caveats: [SUPPRESSION, 'Only returns the law engine counted under the mechanism appear; returns refused by the ledger are not counted.'],
  },
  'facility-occupancy': {
    id: 'facility-occupancy', title: 'Facility use against capacity by keeping Member State and month',
    definition: 'Per facility, the places at the month\'s end (the registry\'s dated capacity), the most persons present on one day of the month and the person-days, from executed transfers (persons present from arrival until they leave), over every tenant\'s transfers; use = peak persons / places.',
    unit: 'places and persons', source: CASE_DATA_SOURCE, tables: ['facility_days', 'registry_records (facility)'],
    caveats: [SUPPRESSION, 'Places held by planned or confirmed transfers are not counted as use.', 'Facilities kept by the Commission appear under COM.'],
  },
  'deadline-compliance': {
    id: 'deadline-compliance', title: 'Statutory deadlines met and missed by Member State and month due',
    definition: 'The authority\'s statutory deadlines (deadline-rules.ts) falling due in the month: met on or before their day, met late, missed (the case moved on or closed after the day without meeting it), still open past their day, and (not judged) still open and not yet due; on-time rate = met on time / (met + missed + open overdue).',
    unit: 'deadlines', source: CASE_DATA_SOURCE, tables: ['case_deadline_endings', 'case_deadlines'],
    caveats: [SUPPRESSION, 'Deadlines that lapsed (stopped running before their day) are not judged.', 'Open deadlines are judged on the day asked (default today).'],
  },
};

/** What one caller may see: the Member States whose figures the read transaction is allowed to hold. */
export interface CaseStatisticsView {
  scope: Scope;
  /** Member States (tenant codes) covered; empty when the caller's own tenant is not a Member State. */
  memberStates: string[];
  /** Whether Union-level records (facilities kept by the Commission) are in view. */
  unionLevel: boolean;
}

/**
 * The view `actor` is granted. A Member State's user sees their own Member State's figures (its
 * ministry's analysts see their State, not the others'); a user of any other tenant (the Commission,
 * an agency, an international organisation) with scope `all` sees every Member State's, and
 * Union-level facilities; with a narrower scope, no Member State's.
 * @throws DomainError FORBIDDEN without `case-statistics:read`.
 * @example caseStatisticsView(italianAnalyst).memberStates // ['IT']
 */
export function caseStatisticsView(actor: Actor): CaseStatisticsView {
  const scope = authorize({ actor, action: 'read', resource: 'case-statistics' });
  if (MEMBER_STATE_CODES.has(actor.tenantId)) return { scope, memberStates: [actor.tenantId], unionLevel: false };
  if (scope === 'all') return { scope, memberStates: [...MEMBER_STATE_CODES].sort(), unionLevel: true };
  return { scope, memberStates: [], unionLevel: false };
}

/**
 * A read transaction for the case-data indicators: row-level security shows it the tenants of the
 * caller's view (and the shared ledger), nothing else; the caller's tenant stays the writable one.
 * @example await readCaseStatistics(db, actor, (tx, view) => getDeadlineComplianceIndicator({ tx, view }));
 */
export function readCaseStatistics<T>(db: Db, actor: Actor, work: (tx: Tx, view: CaseStatisticsView) => Promise<T>): Promise<T> {
  const view = caseStatisticsView(actor);
  const visible = [...new Set([actor.tenantId, LEDGER_TENANT, ...view.memberStates])];
  return inTenant(db, { tenantId: actor.tenantId, visible }, (tx) => work(tx, view));
}

/** Months asked for, YYYY-MM inclusive; both optional. */
export interface MonthRange {
  from?: string;
  to?: string;
}

/** What a case-data answer covers: months and Member States with data, and the view it was cut to. */
export interface CaseCoverage {
  source: string;
  months: { from: string; to: string } | null;
  memberStates: string[];
  /** The caller's grant on `case-statistics`, and the Member States it covers (the figures can only come from these). */
  scope: Scope;
  view: string[];
  threshold: number;
  suppressedCells: number;
  note: string;
}

export interface CaseIndicatorResult<T> {
  indicator: CaseIndicatorId;
  title: string;
  definition: string;
  unit: string;
  source: string;
  caveats: string[];
  coverage: CaseCoverage;
  /** Every row lists this one pseudo-source, so CSV and clients treat it as the public indicators' sources. */
  sources: Array<{ id: string; publisher: string; dataset: string; title: string; file: string; location: string; upstream: null; retrievedOn: string; licence: string; credit: string }>;
  items: Array<Protected<T> & { sources: string[] }>;
  total: number;
}

/**
 * A row's share `num / den`, or null where an input was suppressed, is missing or the denominator is 0.
 * @example protectedRate({ met: 8, missed: 2 }, ['met'], ['met', 'missed']) // 0.8
 */
export function protectedRate<T extends Record<string, unknown>>(row: Protected<T>, numerator: Array<keyof T & string>, denominator: Array<keyof T & string>): number | null {
  const fields = [...new Set([...numerator, ...denominator])];
  if (fields.some((f) => row.protection?.[f] !== undefined || typeof row[f] !== 'number')) return null;
  const sum = (keys: string[]) => keys.reduce((s, k) => s + (row[k] as number), 0);
  const den = sum(denominator);
  return den > 0 ? Math.round((sum(numerator) / den) * 10_000) / 10_000 : null;
}

export interface ProtectRowsOptions<T> {
  rows: readonly T[];
  fields: ReadonlyArray<keyof T & string>;
  threshold: number;
  /** Secondary suppression group: rows whose total could be known (a month). */
  group: (row: T) => string;
}

/**
 * Small-cell protection of count rows (suppress mode, secondary suppression within `group`).
 * @example protectRows({ rows, fields: ['returns'], threshold: 5, group: (r) => r.month }).rows
 */
export function protectRows<T extends Record<string, unknown>>({ rows, fields, threshold, group }: ProtectRowsOptions<T>) {
  return suppressSmallCells({ rows, fields, threshold, mode: 'suppress', group });
}

/**
 * Builds the answer: definition, coverage of the rows, the one source.
 * @example caseAnswer('deadline-compliance', view, 5, protectedRows, 2, '2026-11-21').coverage.months
 */
export function caseAnswer<T extends { memberState: string; month: string }>(
  indicator: CaseIndicatorId, view: CaseStatisticsView, threshold: number, rows: Array<Protected<T>>, suppressedCells: number, generatedOn: string,
): CaseIndicatorResult<T> {
  const d = CASE_INDICATORS[indicator];
  const months = rows.map((r) => r.month).sort();
  const states = [...new Set(rows.map((r) => r.memberState))].sort();
  return {
    indicator, title: d.title, definition: d.definition, unit: d.unit, source: d.source, caveats: d.caveats,
    coverage: {
      source: CASE_DATA_SOURCE,
      months: months.length ? { from: months[0]!, to: months.at(-1)! } : null,
      memberStates: states, scope: view.scope, view: view.memberStates, threshold, suppressedCells,
      note: rows.length
        ? `Computed on ${generatedOn} from the case data of ${view.memberStates.length > 1 ? 'every Member State' : view.memberStates.join(', ') || 'no Member State'}; Member States and months without a row had no records.`
        : 'No case data in the range for the Member States in view.',
    },
    sources: [{
      id: 'case-data', publisher: 'Waypoint', dataset: indicator, title: `${CASE_DATA_SOURCE}: ${d.title}`, file: d.tables.join(', '),
      location: `/api/stats/case-indicators/${indicator}`, upstream: null, retrievedOn: generatedOn, licence: 'Operational data of the Member States, small cells suppressed', credit: `Source: ${CASE_DATA_SOURCE}`,
    }],
    items: rows.map((r) => ({ ...r, sources: ['case-data'] })),
    total: rows.length,
  };
}

/**
 * The first day of `from` and the last day of `to` (each null when not given).
 * @example monthBounds({ from: '2026-02', to: '2026-02' }) // { fromDay: '2026-02-01', toDay: '2026-02-28' }
 */
export function monthBounds(range: MonthRange): { fromDay: string | null; toDay: string | null } {
  const toDay = range.to ? new Date(Date.UTC(Number(range.to.slice(0, 4)), Number(range.to.slice(5, 7)), 0)).toISOString().slice(0, 10) : null;
  return { fromDay: range.from ? `${range.from}-01` : null, toDay };
}
