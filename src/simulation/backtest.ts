/**
 * @module simulation/backtest
 * Backtest: fit the free parameters on the training years only (calibrate.ts), run the person-level
 * model over held-back years with the arrivals that were actually detected (the Frontex months — an
 * input the model is driven with, as a scenario's arrivals would be), and compare the simulated
 * yearly applications and returns per Member State with the observed ones (Eurostat
 * migr_asyappctza and migr_eirtn). The error measures are named: sAPE per figure,
 * |sim − obs| ÷ ((|sim| + |obs|) / 2), and its mean over Member States (sMAPE), which stays finite
 * where a Member State observed few; MAPE (|sim − obs| ÷ obs) is given beside it.
 */
import { sape } from './calibrate.ts';
import type { History } from './history/history.ts';
import { buildInputs } from './model/build-inputs.ts';
import type { Calibration } from './model/inputs.ts';
import { MEMBER_STATES } from './model/parameters.ts';
import { runMonteCarlo } from './monte-carlo.ts';
import { calibrationFor, packageRegistry } from './study.ts';
import { summarise, type Band } from './summarise.ts';

export interface BacktestOptions {
  history: History;
  lastTrainYear: number;
  testYears: number[];
  runs: number;
  seed: number;
  scale: number;
  threads?: number;
  /** Only these Member States in the table (default: all with observations). */
  memberStates?: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

export interface BacktestCell {
  metric: 'applications' | 'returns';
  memberState: string;
  year: number;
  observed: number;
  simulated: Band;
  sape: number;
  ape: number;
}

export interface BacktestMeasure {
  metric: 'applications' | 'returns';
  year: number | 'all';
  smape: number;
  mape: number;
  cells: number;
}

export interface BacktestResult {
  lastTrainYear: number;
  testYears: number[];
  runs: number;
  seed: number;
  scale: number;
  calibration: Calibration;
  cells: BacktestCell[];
  measures: BacktestMeasure[];
  provenance: string[];
  seconds: number;
}

function observedOf(rows: ReadonlyArray<[number, string, string, number]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [year, ms, , value] of rows) out.set(`${year}|${ms}`, (out.get(`${year}|${ms}`) ?? 0) + value);
  return out;
}

/**
 * Runs the backtest.
 * @example const result = await backtest({ history, lastTrainYear: 2021, testYears: [2022, 2023], runs: 10, seed: 1, scale: 0.25 });
 */
export async function backtest({ history, lastTrainYear, testYears, runs, seed, scale, threads, memberStates, onProgress }: BacktestOptions): Promise<BacktestResult> {
  const calibration = calibrationFor(history, lastTrainYear);
  const years = [...testYears].sort((a, b) => a - b);
  const inputs = buildInputs({
    history, start: `${years[0]}-01-01`, months: 12 * (years[years.length - 1]! - years[0]! + 1), scale, arrivals: 'observed', lastDataYear: lastTrainYear,
    calibration, registry: packageRegistry(),
  });
  const started = performance.now();
  const paired = await runMonteCarlo({ inputs, changes: [], runs, seed, threads, onProgress });
  const seconds = (performance.now() - started) / 1000;
  const summary = summarise(paired, { seed, memberStates: inputs.memberStates });
  const observed = { applications: observedOf(history.applications), returns: observedOf(history.returns) };
  const cells: BacktestCell[] = [];
  for (const metric of ['applications', 'returns'] as const) {
    for (const year of years) {
      for (const ms of memberStates ?? MEMBER_STATES) {
        const obs = observed[metric].get(`${year}|${ms}`);
        if (obs === undefined || obs <= 0) continue;
        const row = summary.figures.find((f) => f.metric === metric && f.where === ms && f.period === String(year));
        const simulated = row?.baseline ?? { median: 0, p05: 0, p95: 0 };
        cells.push({ metric, memberState: ms, year, observed: obs, simulated, sape: sape(simulated.median, obs), ape: Math.abs(simulated.median - obs) / obs });
      }
    }
  }
  const measure = (metric: 'applications' | 'returns', year: number | 'all'): BacktestMeasure => {
    const chosen = cells.filter((c) => c.metric === metric && (year === 'all' || c.year === year));
    const mean = (f: (c: BacktestCell) => number) => (chosen.length ? chosen.reduce((a, c) => a + f(c), 0) / chosen.length : Number.NaN);
    return { metric, year, smape: mean((c) => c.sape), mape: mean((c) => c.ape), cells: chosen.length };
  };
  const measures = (['applications', 'returns'] as const).flatMap((m) => [...years.map((y) => measure(m, y)), measure(m, 'all')]);
  return { lastTrainYear, testYears: years, runs, seed, scale, calibration, cells, measures, provenance: inputs.provenance, seconds };
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '–');
const n = (x: number) => Math.round(x).toLocaleString('en-GB');

/** The backtest as a Markdown document (the table the issue asks for, with the error measures named). */
export function backtestMarkdown(r: BacktestResult, generatedOn: string): string {
  const lines = [
    '# Simulator backtest',
    '',
    `Generated on ${generatedOn} by \`npx waypoint backtest\`. Training years: up to ${r.lastTrainYear}; held back: ${r.testYears.join(', ')}. `
      + `${r.runs} Monte Carlo runs (seed ${r.seed}) at scale ${r.scale}; simulated figures are the median over runs, with the 90 % band.`,
    '',
    '**Error measures.** sAPE of a figure = |simulated − observed| ÷ ((|simulated| + |observed|) / 2) (symmetric absolute percentage error, 0 to 200 %); '
      + 'sMAPE = its mean over Member States; MAPE = mean of |simulated − observed| ÷ observed. Observed: Eurostat migr_asyappctza (applications) and '
      + 'migr_eirtn (returns to third countries), as read from ../shared/data.',
    '',
    `**Calibration** (training years only): applyShare ${r.calibration.applyShare}, firstStateShare ${r.calibration.firstStateShare}, `
      + `levelYears ${r.calibration.levelYears}; ${r.calibration.objective.measure} = ${pct(r.calibration.objective.value)}.`,
    '',
    '## Summary',
    '',
    '| figure | year | Member States | sMAPE | MAPE |',
    '|---|---|---:|---:|---:|',
    ...r.measures.map((m) => `| ${m.metric} | ${m.year} | ${m.cells} | ${pct(m.smape)} | ${pct(m.mape)} |`),
    '',
  ];
  for (const metric of ['applications', 'returns'] as const) {
    lines.push(`## ${metric === 'applications' ? 'Applications' : 'Returns'} per Member State`, '', '| Member State | year | observed | simulated (90 % band) | sAPE |', '|---|---|---:|---:|---:|');
    for (const c of r.cells.filter((x) => x.metric === metric)) {
      lines.push(`| ${c.memberState} | ${c.year} | ${n(c.observed)} | ${n(c.simulated.median)} (${n(c.simulated.p05)} – ${n(c.simulated.p95)}) | ${pct(c.sape)} |`);
    }
    lines.push('');
  }
  lines.push('## Inputs', '', ...r.provenance.map((p) => `- ${p}`), '');
  return lines.join('\n');
}
