/**
 * @module simulation/calibrate
 * Fits the model's free parameters on history: the share of detected irregular arrivals who apply
 * (`applyShare`), the share of those who apply in the Member State of first arrival
 * (`firstStateShare`), and how many recent years set the level of the flows the model does not
 * explain (`levelYears`: applications made inland, irregular stays found, returns). The fit is a grid
 * search minimising the symmetric mean absolute percentage error (sMAPE) of yearly applications per
 * Member State, predicted one year ahead on the last training years (rolling origin): for each target
 * year, the inland level comes from the years before it, and the arrivals of the target year itself
 * (the Frontex series, an input the model is driven with) are turned into applications with the
 * candidate shares. The expected value is computed directly — no simulation is needed to fit these
 * three numbers — and the backtest (backtest.ts) then checks the person-level model on held-back years.
 */
import type { History } from './history/history.ts';
import type { Calibration } from './model/inputs.ts';
import { MEMBER_STATES, ROUTES } from './model/parameters.ts';

export interface CalibrateOptions {
  history: History;
  /** The last year the fit may read. */
  lastTrainYear: number;
  /** How many of the last training years are predicted (the rolling origin's targets). */
  targets?: number;
}

/** Symmetric absolute percentage error of one figure, in [0, 2]. */
export function sape(predicted: number, observed: number): number {
  const denominator = (Math.abs(predicted) + Math.abs(observed)) / 2;
  return denominator === 0 ? 0 : Math.abs(predicted - observed) / denominator;
}

const EU = new Set<string>(MEMBER_STATES);
const isNationality = (code: string) => /^[A-Z]{2}$/.test(code) && !EU.has(code);

/** The calibration used when there is no history to fit on. */
export const DEFAULT_CALIBRATION: Calibration = {
  applyShare: 0.7, firstStateShare: 0.4, levelYears: 2,
  objective: { measure: 'none: default values, not fitted', value: Number.NaN },
};

/**
 * Fits the free parameters.
 * @example const calibration = calibrate({ history, lastTrainYear: 2021 }); calibration.applyShare
 */
export function calibrate({ history, lastTrainYear, targets = 3 }: CalibrateOptions): Calibration {
  const years = [...new Set(history.applications.map((r) => r[0]))].filter((y) => y <= lastTrainYear).sort((a, b) => a - b);
  const targetYears = years.slice(-targets).filter((y) => years.includes(y - 1));
  if (targetYears.length === 0) return DEFAULT_CALIBRATION;
  const msIndex = new Map<string, number>(MEMBER_STATES.map((m, i) => [m, i]));
  const yearIndex = new Map(years.map((y, i) => [y, i]));
  const nats = [...new Set(history.applications.filter((r) => r[0] <= lastTrainYear && isNationality(r[2])).map((r) => r[2]))].sort();
  const natIndex = new Map(nats.map((n, i) => [n, i]));
  const S = MEMBER_STATES.length;
  const N = nats.length;
  const at = (y: number, m: number, n: number) => (y * S + m) * N + n;
  // Applications (A) per year, Member State and nationality; arrivals into each Member State by the
  // routes' shares (X); detections per nationality (F); where each nationality applies (D).
  const A = new Float64Array(years.length * S * N);
  const X = new Float64Array(years.length * S * N);
  const F = new Float64Array(years.length * N);
  const D = new Float64Array(S * N);
  for (const [year, ms, nat, value] of history.applications) {
    const y = yearIndex.get(year);
    const n = natIndex.get(nat);
    if (y === undefined || n === undefined) continue;
    A[at(y, msIndex.get(ms)!, n)]! += value;
    D[msIndex.get(ms)! * N + n]! += value;
  }
  for (let n = 0; n < N; n++) {
    let total = 0;
    for (let m = 0; m < S; m++) total += D[m * N + n]!;
    for (let m = 0; m < S; m++) D[m * N + n]! /= total || 1;
  }
  const routeOf = new Map(ROUTES.map((r) => [r.frontex, r]));
  for (const [month, route, nat, value] of history.frontex) {
    const y = yearIndex.get(Number(month.slice(0, 4)));
    const n = natIndex.get(nat);
    const spec = routeOf.get(route);
    if (y === undefined || n === undefined || !spec) continue;
    F[y * N + n]! += value;
    for (const [ms, share] of spec.arrivals.value) X[at(y, msIndex.get(ms)!, n)]! += value * share;
  }
  const observed = (y: number, m: number) => { let t = 0; for (let n = 0; n < N; n++) t += A[at(y, m, n)]!; return t; };
  const fromArrivals = (y: number, m: number, n: number, a: number, f: number) => a * (f * X[at(y, m, n)]! + (1 - f) * F[y * N + n]! * D[m * N + n]!);

  let best: Calibration = DEFAULT_CALIBRATION;
  let bestError = Number.POSITIVE_INFINITY;
  for (let levelYears = 1; levelYears <= 3; levelYears++) {
    for (let a = 0.3; a <= 1.0001; a += 0.05) {
      for (let f = 0; f <= 1.0001; f += 0.1) {
        let error = 0;
        let cells = 0;
        for (const year of targetYears) {
          const y = yearIndex.get(year)!;
          const previous = years.filter((x) => x < year).slice(-levelYears).map((x) => yearIndex.get(x)!);
          for (let m = 0; m < S; m++) {
            let predicted = 0;
            for (let n = 0; n < N; n++) {
              let inland = 0;
              for (const p of previous) inland += Math.max(0, A[at(p, m, n)]! - fromArrivals(p, m, n, a, f));
              predicted += inland / previous.length + fromArrivals(y, m, n, a, f);
            }
            error += sape(predicted, observed(y, m));
            cells++;
          }
        }
        if (error / cells < bestError) {
          bestError = error / cells;
          best = {
            applyShare: Math.round(a * 100) / 100, firstStateShare: Math.round(f * 100) / 100, levelYears,
            objective: { measure: `sMAPE of yearly applications per Member State, one year ahead, ${targetYears.join(', ')}`, value: Math.round(bestError * 10_000) / 10_000 },
          };
        }
      }
    }
  }
  return best;
}
