/**
 * @module web/screens/dashboards/series
 * From the statistics API's rows to what a dashboard chart draws: categories (months, years,
 * countries) along the axis, one series per route, outcome or measure, a value per category — `null`
 * where there is no figure — and which values were suppressed as small cells (shown as such, never
 * as 0). Pure functions, tested without a browser. Series keys are data (route names) or message
 * keys' suffixes (outcomes), which the screen labels.
 */
import type { ArrivalRow, ComplianceRow, DeathRow, FacilityUseRow, MonitorRow, RecognitionRow, ReturnRow } from './types.ts';

export interface Series {
  key: string;
  values: Array<number | null>;
  /** Per category: the value was suppressed (small cell); its value is then null. */
  suppressed: boolean[];
}

export interface ChartData {
  kind: 'line' | 'bar';
  unit: 'count' | 'share';
  /** Months (YYYY-MM), years or country codes, in axis order. */
  categories: string[];
  categoryType: 'month' | 'year' | 'country' | 'nationality';
  series: Series[];
  /** A threshold drawn across the chart (the law's 20 % recognition rate, the 30 % increase). */
  reference?: { value: number; key: string };
}

const plain = (key: string, values: Array<number | null>): Series => ({ key, values, suppressed: values.map(() => false) });

/** The `n` keys with the largest totals, largest first (ties by name). */
function topKeys(totals: Map<string, number>, n: number): string[] {
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([k]) => k);
}

/** Whether a chart has any figure to draw. */
export function hasFigures(data: ChartData): boolean {
  return data.categories.length > 0 && data.series.some((s) => s.values.some((v) => v !== null) || s.suppressed.some(Boolean));
}

/**
 * Detections by route over the last `months` months with data, the `routes` busiest routes of that
 * window. Frontex publishes no zero cells, so a month in the window without a row for a route is 0.
 */
export function arrivalsByRoute(rows: readonly ArrivalRow[], { months = 24, routes = 5 } = {}): ChartData {
  const window = [...new Set(rows.map((r) => r.month))].sort().slice(-months);
  const inWindow = new Set(window);
  const totals = new Map<string, number>();
  const cell = new Map<string, number>();
  for (const r of rows) {
    if (!inWindow.has(r.month)) continue;
    totals.set(r.route, (totals.get(r.route) ?? 0) + r.detections);
    cell.set(`${r.route}|${r.month}`, (cell.get(`${r.route}|${r.month}`) ?? 0) + r.detections);
  }
  return {
    kind: 'line', unit: 'count', categories: window, categoryType: 'month',
    series: topKeys(totals, routes).map((route) => plain(route, window.map((m) => cell.get(`${route}|${m}`) ?? 0))),
  };
}

/** Dead and missing by route over the last `years` years with data (no recorded incident: 0). */
export function deathsByRoute(rows: readonly DeathRow[], { years = 10, routes = 5 } = {}): ChartData {
  const window = [...new Set(rows.map((r) => String(r.year)))].sort().slice(-years);
  const inWindow = new Set(window);
  const totals = new Map<string, number>();
  const cell = new Map<string, number>();
  for (const r of rows) {
    const year = String(r.year);
    if (!inWindow.has(year)) continue;
    totals.set(r.route, (totals.get(r.route) ?? 0) + r.deadAndMissing);
    cell.set(`${r.route}|${year}`, (cell.get(`${r.route}|${year}`) ?? 0) + r.deadAndMissing);
  }
  return {
    kind: 'bar', unit: 'count', categories: window, categoryType: 'year',
    series: topKeys(totals, routes).map((route) => plain(route, window.map((y) => cell.get(`${route}|${y}`) ?? 0))),
  };
}

/** EU-wide first-instance recognition rates of the `n` nationalities with most decisions in the latest year with rates. */
export function recognitionByNationality(rows: readonly RecognitionRow[], n = 12): ChartData & { year: number | null } {
  // Nationalities only (ISO alpha-2): not the aggregates (TOTAL, EXT_EU27_2020), unknown (UNK) or stateless (STLS).
  const rated = rows.filter((r) => r.rate !== null && /^[A-Z]{2}$/.test(r.citizen));
  const year = rated.length ? Math.max(...rated.map((r) => r.year)) : null;
  const latest = rated.filter((r) => r.year === year).sort((a, b) => b.decisions - a.decisions || a.citizen.localeCompare(b.citizen)).slice(0, n);
  return {
    kind: 'bar', unit: 'share', categories: latest.map((r) => r.citizen), categoryType: 'nationality', year,
    series: [plain('rate', latest.map((r) => r.rate))], reference: { value: 0.2, key: 'threshold20' },
  };
}

const EU_AGGREGATES = ['EU27_2020', 'EU28'];

/**
 * The return rate per year: returns / orders to leave of all citizenships, from the EU aggregate
 * where Eurostat publishes one, else summed over the reporting countries that give both figures.
 */
export function returnRateByYear(rows: readonly ReturnRow[]): ChartData {
  const total = rows.filter((r) => r.citizen === 'TOTAL' && r.ordered !== null && r.returned !== null && r.ordered > 0);
  const years = [...new Set(total.map((r) => r.year))].sort((a, b) => a - b);
  const values = years.map((year) => {
    const ofYear = total.filter((r) => r.year === year);
    const eu = ofYear.find((r) => EU_AGGREGATES.includes(r.geo));
    const basis = eu ? [eu] : ofYear.filter((r) => !EU_AGGREGATES.includes(r.geo));
    const ordered = basis.reduce((s, r) => s + r.ordered!, 0);
    return ordered > 0 ? Math.round((basis.reduce((s, r) => s + r.returned!, 0) / ordered) * 10_000) / 10_000 : null;
  });
  return { kind: 'line', unit: 'share', categories: years.map(String), categoryType: 'year', series: [plain('rate', values)] };
}

/** The change in asylum applications of the visa-exempt countries against the year before, largest first (the `n` largest). */
export function visaMonitor(rows: readonly MonitorRow[], n = 15): ChartData {
  const known = rows.filter((r) => r.asylumApplications.change !== null)
    .sort((a, b) => b.asylumApplications.change! - a.asylumApplications.change! || a.country.localeCompare(b.country)).slice(0, n);
  return {
    kind: 'bar', unit: 'share', categories: known.map((r) => r.country), categoryType: 'country',
    series: [plain('change', known.map((r) => r.asylumApplications.change))], reference: { value: 0.3, key: 'threshold30' },
  };
}

/** Facilities and months of a facility-use answer, for choosing one. */
export function facilitiesOf(rows: readonly FacilityUseRow[]): Array<{ code: string; name: string }> {
  const seen = new Map<string, string>();
  for (const r of rows) if (!seen.has(r.facility)) seen.set(r.facility, r.name);
  return [...seen].map(([code, name]) => ({ code, name }));
}

/** One facility's places at each month's end against the most persons present on a day. */
export function capacityOfFacility(rows: readonly FacilityUseRow[], facility: string): ChartData {
  const own = rows.filter((r) => r.facility === facility).sort((a, b) => a.month.localeCompare(b.month));
  return {
    kind: 'bar', unit: 'count', categories: own.map((r) => r.month), categoryType: 'month',
    series: [
      plain('capacity', own.map((r) => r.capacity)),
      { key: 'peakOccupied', values: own.map((r) => r.peakOccupied), suppressed: own.map((r) => r.protection?.peakOccupied === 'suppressed') },
    ],
  };
}

export const OUTCOMES = ['metOnTime', 'metLate', 'missed', 'openOverdue', 'openNotDue'] as const;

/** Member States of a compliance answer. */
export function memberStatesOf(rows: ReadonlyArray<{ memberState: string }>): string[] {
  return [...new Set(rows.map((r) => r.memberState))].sort();
}

/** One Member State's deadlines per month due: met on time, met late, missed, open past their day, open and not yet due. */
export function complianceOfMemberState(rows: readonly ComplianceRow[], memberState: string): ChartData {
  const own = rows.filter((r) => r.memberState === memberState).sort((a, b) => a.month.localeCompare(b.month));
  return {
    kind: 'bar', unit: 'count', categories: own.map((r) => r.month), categoryType: 'month',
    series: OUTCOMES.map((key) => ({ key, values: own.map((r) => r[key]), suppressed: own.map((r) => r.protection?.[key] === 'suppressed') })),
  };
}

/** What a chart's coverage lines say: the span drawn, the span the indicator holds, where from, and notes. */
export interface CoverageFacts {
  /** First and last category with a figure (or a suppressed one) in the chart. */
  shown: { from: string; to: string } | null;
  /** First and last period the indicator holds on the server. */
  available: { from: string; to: string } | null;
  /** Routes, Member States or reporting countries with data. */
  places: string[];
  note: string | null;
  /** False when nothing was imported for a public indicator. */
  imported: boolean;
}

function span(value: unknown): { from: string; to: string } | null {
  if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
    const { from, to } = value as { from: unknown; to: unknown };
    if (from !== null && to !== null && from !== undefined && to !== undefined) return { from: String(from), to: String(to) };
  }
  return null;
}

/**
 * Reads the API's coverage (`months` / `years` / `bySource`, `routes` / `memberStates` / `geo`, `note`,
 * `imported`) and the chart's own figures.
 */
export function coverageFacts(coverage: Record<string, unknown>, data: ChartData | null): CoverageFacts {
  const withFigures = data ? data.categories.filter((_, i) => data.series.some((s) => s.values[i] !== null || s.suppressed[i])) : [];
  let available = span(coverage.months) ?? span(coverage.years);
  if (!available && Array.isArray(coverage.bySource)) {
    const spans = coverage.bySource.map(span).filter((s): s is { from: string; to: string } => s !== null);
    if (spans.length) available = { from: spans.map((s) => s.from).sort()[0]!, to: spans.map((s) => s.to).sort().at(-1)! };
  }
  const list = [coverage.routes, coverage.memberStates, coverage.geo].find((v) => Array.isArray(v) && v.length > 0) as unknown[] | undefined;
  const shown = data?.categoryType === 'month' || data?.categoryType === 'year' ? withFigures : [];
  return {
    shown: shown.length ? { from: shown[0]!, to: shown.at(-1)! } : null,
    available,
    places: (list ?? []).map(String),
    note: typeof coverage.note === 'string' ? coverage.note : null,
    imported: coverage.imported !== false,
  };
}
