/**
 * @module simulation/model/accounts
 * What a run counts, and the result it hands back: monthly series keyed `metric|where` (a Member
 * State, a route, a procedure, a funding line, an agreement), time-in-procedure histograms, the
 * safeguard counters, and the conservation books of the population. Counts are of simulated persons
 * (divide by the inputs' scale for the real population; summarise.ts does).
 */
import type { Population } from './population.ts';

/** Width of a time-in-procedure bin, in days, and how many bins (the last collects everything longer). */
export const BIN_DAYS = 7;
export const BINS = 157;

export interface RunResult {
  seed: number;
  scale: number;
  /** The simulated months, YYYY-MM. */
  months: string[];
  /** Monthly series: flows summed over the month, stocks at the month's end, capacities and their use. */
  monthly: Record<string, number[]>;
  /** Days from lodging to the first-instance decision, in {@link BIN_DAYS}-day bins, per `memberState|procedure`. */
  timeInProcedure: Record<string, number[]>;
  /** Persons kept from a transfer or removal by a safeguard: `transfer|reason|memberState` → persons. */
  safeguards: Record<string, number>;
  conservation: {
    /** Persons created into each state. */
    created: number[];
    /** Persons in each state at the end. */
    stocks: number[];
    /** Moves from state to state (row-major, states × states). */
    flows: number[];
    persons: number;
  };
  /** Law engine assessments made and answered from the cache. */
  law: { asked: number; cached: number };
}

export class Accounts {
  readonly monthly = new Map<string, Float64Array>();
  readonly safeguards = new Map<string, number>();
  /** Series per Member State, kept as one array each (metric → state × month) for the hot paths. */
  private readonly byState = new Map<string, Float64Array>();
  /** Histograms per Member State × procedure × bin. */
  private readonly times: Float64Array;

  constructor(private readonly months: number, private readonly memberStates: readonly string[], private readonly procedures: readonly string[]) {
    this.times = new Float64Array(memberStates.length * procedures.length * BINS);
  }

  private stateSeries(metric: string): Float64Array {
    let s = this.byState.get(metric);
    if (!s) this.byState.set(metric, (s = new Float64Array(this.memberStates.length * this.months)));
    return s;
  }

  /** Adds `n` to a flow of Member State `m` (its index) this month. */
  addIn(metric: string, m: number, month: number, n = 1): void {
    this.stateSeries(metric)[m * this.months + month]! += n;
  }

  /** Sets a stock or capacity of Member State `m` for the month. */
  setIn(metric: string, m: number, month: number, value: number): void {
    this.stateSeries(metric)[m * this.months + month] = value;
  }

  /** Keeps the highest value of Member State `m` seen in the month. */
  maxIn(metric: string, m: number, month: number, value: number): void {
    const s = this.stateSeries(metric);
    if (value > s[m * this.months + month]!) s[m * this.months + month] = value;
  }

  /** The month's value of a Member State series. */
  valueIn(metric: string, m: number, month: number): number {
    return this.byState.get(metric)?.[m * this.months + month] ?? 0;
  }

  private series(key: string): Float64Array {
    let s = this.monthly.get(key);
    if (!s) this.monthly.set(key, (s = new Float64Array(this.months)));
    return s;
  }

  /** Adds `n` to a flow this month. */
  add(metric: string, where: string, month: number, n = 1): void {
    this.series(`${metric}|${where}`)[month]! += n;
  }

  /** Sets a stock or capacity for the month. */
  set(metric: string, where: string, month: number, value: number): void {
    this.series(`${metric}|${where}`)[month] = value;
  }

  /** Keeps the highest value seen in the month (occupancy of a capacity). */
  max(metric: string, where: string, month: number, value: number): void {
    const s = this.series(`${metric}|${where}`);
    if (value > s[month]!) s[month] = value;
  }

  /** Records a first-instance decision `days` after lodging in Member State `m`, procedure `procedure`. */
  time(m: number, procedure: number, days: number): void {
    this.times[(m * this.procedures.length + procedure) * BINS + Math.min(BINS - 1, Math.floor(Math.max(0, days) / BIN_DAYS))]!++;
  }

  safeguard(transfer: string, reason: string, memberState: string): void {
    const key = `${transfer}|${reason}|${memberState}`;
    this.safeguards.set(key, (this.safeguards.get(key) ?? 0) + 1);
  }

  result(seed: number, scale: number, months: string[], population: Population, law: RunResult['law']): RunResult {
    const states = population.created.length;
    const width = population.stock.length / states;
    const stocks = Array.from({ length: states }, (_, s) => {
      let n = 0;
      for (let m = 0; m < width; m++) n += population.stock[s * width + m]!;
      return n;
    });
    const monthly: Record<string, number[]> = Object.fromEntries([...this.monthly].map(([k, v]) => [k, Array.from(v)]));
    for (const [metric, data] of this.byState) {
      this.memberStates.forEach((ms, m) => { monthly[`${metric}|${ms}`] = Array.from(data.subarray(m * this.months, (m + 1) * this.months)); });
    }
    const timeInProcedure: Record<string, number[]> = {};
    this.memberStates.forEach((ms, m) => this.procedures.forEach((procedure, q) => {
      const h = this.times.subarray((m * this.procedures.length + q) * BINS, (m * this.procedures.length + q + 1) * BINS);
      if (h.some((v) => v > 0)) timeInProcedure[`${ms}|${procedure}`] = Array.from(h);
    }));
    return {
      seed, scale, months, monthly, timeInProcedure,
      safeguards: Object.fromEntries(this.safeguards),
      conservation: { created: Array.from(population.created), stocks, flows: Array.from(population.flows), persons: population.size },
      law,
    };
  }
}
