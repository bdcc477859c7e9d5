/**
 * @module simulation/summarise
 * Turns Monte Carlo runs into what a reader needs: for every figure (a flow summed over a year, a
 * stock at the year's end, a capacity's peak use), per Member State and for the EU, the median over
 * runs and the 90 % band (5th to 95th percentile), for the baseline, the scenario, and their paired
 * difference (scenario − baseline in the same run, then the band of those differences). Counts are
 * divided by the run's scale, so they are persons at full scale.
 */
import { BIN_DAYS, type RunResult } from './model/accounts.ts';
import type { PairedRun } from './monte-carlo.ts';

export interface Band {
  median: number;
  p05: number;
  p95: number;
}

export interface FigureRow {
  metric: string;
  /** A Member State, `EU`, a route, an agreement, a partner country or a funding line. */
  where: string;
  /** A calendar year, or `all` for the whole horizon. */
  period: string;
  baseline: Band;
  scenario: Band;
  difference: Band;
}

export interface SeriesRow {
  metric: string;
  where: string;
  /** One band per month. */
  baseline: Band[];
  scenario: Band[];
}

export interface TimeRow {
  memberState: string;
  procedure: string;
  /** Days from lodging to the first-instance decision: the median and the 90th percentile of each run's distribution. */
  baselineMedianDays: Band;
  baselineP90Days: Band;
  scenarioMedianDays: Band;
  scenarioP90Days: Band;
  /** Decisions measured (applications lodged in the horizon), median over runs. */
  decisions: number;
}

export interface StudySummary {
  runs: number;
  seed: number;
  scale: number;
  months: string[];
  figures: FigureRow[];
  series: SeriesRow[];
  timeInProcedure: TimeRow[];
  /** Law engine: assessments made and answered from the cache, over all runs. */
  law: { asked: number; cached: number };
  /** Every run balanced its books (persons created = persons in some state; flows in and out of each state). */
  conservation: boolean;
}

/** Metrics read at the end of a period rather than summed over it. */
const STOCKS = new Set(['backlog', 'backlog-border', 'backlog-admissibility', 'backlog-accelerated', 'backlog-regular', 'appeals-pending', 'return-pending',
  'stc-waiting', 'protected', 'border-places', 'return-hub-places']);
/** Metrics whose peak over a period is what counts. */
const PEAKS = new Set(['border-occupancy', 'return-hub-occupancy']);
/** Per Member State metrics whose EU row is the sum of the Member States'. */
const NOT_SUMMED_TO_EU = new Set(['border-occupancy']);
/** Monthly series kept for the report's charts (EU totals). */
const CHARTED = ['backlog', 'appeals-pending', 'return-pending', 'returns', 'applications', 'decisions', 'transfers-stc-from', 'return-hub-transfers-from', 'absconded', 'deaths'];

/** The `q` quantile of sorted values (linear interpolation). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function band(values: readonly number[]): Band {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p05: quantile(sorted, 0.05), p95: quantile(sorted, 0.95) };
}

/** A run's value of `series` over the months `indexes`, as the metric's kind says. */
function aggregate(metric: string, series: readonly number[] | undefined, indexes: readonly number[]): number {
  if (!series) return 0;
  if (STOCKS.has(metric)) return series[indexes[indexes.length - 1]!]!;
  if (PEAKS.has(metric)) return Math.max(...indexes.map((i) => series[i]!));
  let n = 0;
  for (const i of indexes) n += series[i]!;
  return n;
}

/** Each run's series with EU totals added (`metric|EU`), divided by the scale. */
function withTotals(run: RunResult, memberStates: ReadonlySet<string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [key, values] of Object.entries(run.monthly)) {
    const scaled = values.map((v) => v / run.scale);
    out.set(key, scaled);
    const [metric, where] = key.split('|') as [string, string];
    if (memberStates.has(where) && !NOT_SUMMED_TO_EU.has(metric)) {
      const eu = out.get(`${metric}|EU`) ?? new Array<number>(values.length).fill(0);
      scaled.forEach((v, i) => { eu[i]! += v; });
      out.set(`${metric}|EU`, eu);
    }
  }
  return out;
}

/** The median and 90th percentile, in days, of a time-in-procedure histogram. */
function histogramQuantiles(h: readonly number[]): { median: number; p90: number; n: number } {
  const n = h.reduce((a, b) => a + b, 0);
  const at = (q: number) => {
    let seen = 0;
    for (let i = 0; i < h.length; i++) {
      seen += h[i]!;
      if (seen >= q * n) return (i + 0.5) * BIN_DAYS;
    }
    return h.length * BIN_DAYS;
  };
  return { median: n ? at(0.5) : Number.NaN, p90: n ? at(0.9) : Number.NaN, n };
}

/** Whether a run's books balance: every person created is in exactly one state, and each state's stock is what flowed in less what flowed out. */
export function balances(run: RunResult): boolean {
  const { created, stocks, flows, persons } = run.conservation;
  const states = created.length;
  if (stocks.reduce((a, b) => a + b, 0) !== persons || created.reduce((a, b) => a + b, 0) !== persons) return false;
  for (let s = 0; s < states; s++) {
    let inflow = 0;
    let outflow = 0;
    for (let t = 0; t < states; t++) { inflow += flows[t * states + s]!; outflow += flows[s * states + t]!; }
    if (created[s]! + inflow - outflow !== stocks[s]) return false;
  }
  return true;
}

/**
 * Summarises paired runs.
 * @example const summary = summarise(runs, { seed: 42, memberStates: inputs.memberStates });
 */
export function summarise(runs: readonly PairedRun[], { seed, memberStates }: { seed: number; memberStates: readonly string[] }): StudySummary {
  const first = runs[0]!.baseline;
  const months = first.months;
  const states = new Set(memberStates);
  const baseline = runs.map((r) => withTotals(r.baseline, states));
  const scenario = runs.map((r, i) => (r.scenario === r.baseline ? baseline[i]! : withTotals(r.scenario, states)));
  const keys = [...new Set([...baseline, ...scenario].flatMap((m) => [...m.keys()]))].sort();
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const periods: Array<[string, number[]]> = [
    ...years.map((y): [string, number[]] => [y, months.flatMap((m, i) => (m.startsWith(y) ? [i] : []))]),
    ['all', months.map((_, i) => i)],
  ];
  const figures: FigureRow[] = [];
  for (const key of keys) {
    const [metric, where] = key.split('|') as [string, string];
    for (const [period, indexes] of periods) {
      const b = baseline.map((m) => aggregate(metric, m.get(key), indexes));
      const s = scenario.map((m) => aggregate(metric, m.get(key), indexes));
      if (b.every((v) => v === 0) && s.every((v) => v === 0)) continue;
      figures.push({ metric, where, period, baseline: band(b), scenario: band(s), difference: band(s.map((v, i) => v - b[i]!)) });
    }
  }
  // Safeguards: persons kept from a transfer or removal, per Member State and for the EU, over the horizon.
  const safeguardKeys = [...new Set(runs.flatMap((r) => [...Object.keys(r.baseline.safeguards), ...Object.keys(r.scenario.safeguards)]))].sort();
  const safeguardOf = (run: RunResult, transferReason: string, ms: string | null) => Object.entries(run.safeguards)
    .filter(([k]) => k.startsWith(`${transferReason}|`) && (ms === null || k.endsWith(`|${ms}`))).reduce((a, [, v]) => a + v, 0) / run.scale;
  const pairs = [...new Set(safeguardKeys.map((k) => k.split('|').slice(0, 2).join('|')))];
  for (const pair of pairs) {
    const [transfer, reason] = pair.split('|') as [string, string];
    for (const ms of [null, ...new Set(safeguardKeys.filter((k) => k.startsWith(`${pair}|`)).map((k) => k.split('|')[2]!))]) {
      const b = runs.map((r) => safeguardOf(r.baseline, pair, ms));
      const s = runs.map((r) => safeguardOf(r.scenario, pair, ms));
      figures.push({ metric: `safeguard:${transfer}:${reason}`, where: ms ?? 'EU', period: 'all', baseline: band(b), scenario: band(s), difference: band(s.map((v, i) => v - b[i]!)) });
    }
  }
  const series: SeriesRow[] = CHARTED.filter((metric) => keys.includes(`${metric}|EU`)).map((metric) => {
    const perMonth = (maps: Map<string, number[]>[]) => months.map((_, i) => band(maps.map((m) => m.get(`${metric}|EU`)?.[i] ?? 0)));
    return { metric, where: 'EU', baseline: perMonth(baseline), scenario: perMonth(scenario) };
  });
  const timeKeys = [...new Set(runs.flatMap((r) => [...Object.keys(r.baseline.timeInProcedure), ...Object.keys(r.scenario.timeInProcedure)]))].sort();
  const euHistograms = (r: RunResult, procedure: string) => {
    const sum: number[] = [];
    for (const [key, h] of Object.entries(r.timeInProcedure)) if (key.endsWith(`|${procedure}`)) h.forEach((v, i) => { sum[i] = (sum[i] ?? 0) + v; });
    return sum;
  };
  const timeRows = (memberState: string, procedure: string, pick: (r: RunResult) => number[] | undefined): TimeRow => {
    const b = runs.map((r) => histogramQuantiles(pick(r.baseline) ?? []));
    const s = runs.map((r) => histogramQuantiles(pick(r.scenario) ?? []));
    return {
      memberState, procedure,
      baselineMedianDays: band(b.map((x) => x.median).filter(Number.isFinite)), baselineP90Days: band(b.map((x) => x.p90).filter(Number.isFinite)),
      scenarioMedianDays: band(s.map((x) => x.median).filter(Number.isFinite)), scenarioP90Days: band(s.map((x) => x.p90).filter(Number.isFinite)),
      decisions: band(b.map((x) => x.n / first.scale)).median,
    };
  };
  const procedures = [...new Set(timeKeys.map((k) => k.split('|')[1]!))];
  const timeInProcedure = [
    ...procedures.map((procedure) => timeRows('EU', procedure, (r) => euHistograms(r, procedure))),
    ...timeKeys.map((key) => { const [ms, procedure] = key.split('|') as [string, string]; return timeRows(ms, procedure, (r) => r.timeInProcedure[key]); }),
  ];
  return {
    runs: runs.length, seed, scale: first.scale, months, figures, series, timeInProcedure,
    law: runs.reduce((a, r) => ({ asked: a.asked + r.baseline.law.asked + (r.scenario === r.baseline ? 0 : r.scenario.law.asked), cached: a.cached + r.baseline.law.cached + (r.scenario === r.baseline ? 0 : r.scenario.law.cached) }), { asked: 0, cached: 0 }),
    conservation: runs.every((r) => balances(r.baseline) && balances(r.scenario)),
  };
}
