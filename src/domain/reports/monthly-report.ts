/**
 * @module domain/reports/monthly-report
 * What a partnership's monthly monitoring report holds, independent of how it is rendered (HTML with
 * inline SVG charts, or PDF): the partnership and its mechanisms, the capacity of its facilities over
 * the thirteen months ending with the month reported (that month and the same month a year before),
 * the flows on its routes, returns of the partner's nationals, deaths and missing on its routes and the
 * funding committed and disbursed — each section with its coverage notes, and the sources of all.
 */
import type { Source } from '../registries/fields.ts';
import type { SourceRef } from '../statistics/indicators.ts';
import type { ReportRoutes } from '../partnerships/partnership-routes.ts';
import type { ReportCaseData } from './report-case-data.ts';

/** Notes on what a section's data covers and what it does not: shown next to the figures. */
export type Coverage = string[];

export interface ReportPartnership {
  id: string;
  code: string;
  title: string;
  kind: string;
  partner: string;
  partnerName: string;
  parties: string;
  legallyBinding: boolean | null;
  /** Lifecycle phase on the month's last day (null: before its first phase). */
  phase: string | null;
  phaseSince: string | null;
  suspended: boolean;
  monitoringBody: string | null;
  monitoringIndependent: boolean | null;
}

export interface ReportMechanism {
  code: string;
  title: string;
  kind: string;
  state: string;
  from: string | null;
  to: string | null;
  capacity: number | null;
  cap: number | null;
  quota: number | null;
  /** The mechanism's own indicators whose period meets the thirteen months. */
  indicators: Array<{ name: string; unit: string; value: number; from: string; to: string; source: string }>;
}

export interface ReportFacility {
  code: string;
  name: string;
  place: string;
  country: string;
  /** Places at the end of each month of the window (null: no capacity recorded for the day). */
  capacity: Array<number | null>;
  /** The latest occupancy figure on or before the month's last day. */
  occupancy: { on: string; persons: number; via: string } | null;
  /** Occupancy / capacity on the month's last day, when both are known. */
  use: number | null;
}

export interface ReportFlows {
  routes: string[];
  /** Detections per month of the window, summed over the routes (null: outside Frontex's coverage). */
  detections: Array<number | null>;
  byRoute: Array<{ route: string; detections: Array<number | null> }>;
  month: number | null;
  sameMonthLastYear: number | null;
  /** Change against the same month a year before, as a share (0.25 = +25 %). */
  change: number | null;
  nationalities: Array<{ nationality: string; name: string; detections: number }>;
  partnerNationals: Array<{ route: string; detections: number }>;
  coverage: Coverage;
}

export interface ReportReturnYear {
  year: number;
  /** `EU28`/`EU27_2020` where Eurostat publishes the aggregate, else the sum over reporting countries. */
  basis: string;
  countries: number;
  ordered: number | null;
  returned: number | null;
  returnedThirdCountry: number | null;
  rate: number | null;
}

export interface ReportReturns {
  citizen: string;
  years: ReportReturnYear[];
  coverage: Coverage;
}

export interface ReportDeaths {
  routes: string[];
  deadAndMissing: Array<number | null>;
  incidents: Array<number | null>;
  month: number | null;
  yearToDate: number | null;
  coverage: Coverage;
}

export interface ReportFundingLine {
  code: string;
  type: string;
  instrument: string;
  measure: string;
  recipient: string;
  amount: number;
  currency: string;
  date: string;
  verified: boolean;
}

export interface ReportFundingTotals {
  currency: string;
  pledged: number;
  committed: number;
  disbursed: number;
  committedInMonth: number;
  disbursedInMonth: number;
}

export interface ReportFunding {
  totals: ReportFundingTotals[];
  lines: ReportFundingLine[];
  coverage: Coverage;
}

export interface PartnershipMonthlyReport {
  /** YYYY-MM reported. */
  month: string;
  /** Its first and last day. */
  from: string;
  to: string;
  /** The thirteen months shown in the charts, oldest first, ending with `month`. */
  window: string[];
  generatedAt: string;
  partnership: ReportPartnership;
  routes: ReportRoutes;
  mechanisms: { items: ReportMechanism[]; coverage: Coverage };
  capacity: { facilities: ReportFacility[]; total: Array<number | null>; coverage: Coverage };
  flows: ReportFlows;
  returns: ReportReturns;
  deaths: ReportDeaths;
  funding: ReportFunding;
  /** From Waypoint's case data (1:1 ledgers, facility use), small cells suppressed; null without a ledger or facility. */
  caseData: ReportCaseData | null;
  sources: { statistics: SourceRef[]; documents: Source[] };
}
