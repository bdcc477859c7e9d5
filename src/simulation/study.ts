/**
 * @module simulation/study
 * A study: a scenario run against its baseline. Calibrates the free parameters on the history up to
 * the year before the scenario starts, builds the baseline inputs (arrivals projected from the latest
 * Frontex months with their seasonality), runs the Monte Carlo pairs and summarises them. The CLI
 * (`waypoint simulate`) and the API (`POST /api/simulations`) both call {@link runStudy}.
 */
import { DEFAULT_REGISTRY } from '../../law/registry.ts';
import { calibrate } from './calibrate.ts';
import type { History } from './history/history.ts';
import { buildInputs, type RegistryInput } from './model/build-inputs.ts';
import type { Calibration, ModelInputs } from './model/inputs.ts';
import { runMonteCarlo, type PairedRun } from './monte-carlo.ts';
import { DEFAULT_PERIOD, type Scenario } from './scenario/schema.ts';
import { summarise, type StudySummary } from './summarise.ts';

export interface StudyOptions {
  history: History;
  scenario: Scenario;
  runs: number;
  seed: number;
  threads?: number;
  /** Keep this thread free: every run in a worker (a server). */
  inThread?: boolean;
  /** Persons simulated per real person (0 < scale ≤ 1). */
  scale?: number;
  /** The registry facts of the baseline; default the law package's (`law/registry/defaults.yaml`). */
  registry?: RegistryInput;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface StudyResult {
  inputs: ModelInputs;
  runs: PairedRun[];
  summary: StudySummary;
  /** Wall-clock seconds of the Monte Carlo part. */
  seconds: number;
}

/** The law package's own registry facts, for runs without a database. */
export function packageRegistry(): RegistryInput {
  return { facts: { readmission: [...DEFAULT_REGISTRY.readmission], agreements: [...DEFAULT_REGISTRY.agreements] } };
}

const calibrations = new WeakMap<History, Map<number, Calibration>>();

/** The calibration on the history up to `lastTrainYear`, fitted once per history. */
export function calibrationFor(history: History, lastTrainYear: number): Calibration {
  let byYear = calibrations.get(history);
  if (!byYear) calibrations.set(history, (byYear = new Map()));
  let c = byYear.get(lastTrainYear);
  if (!c) byYear.set(lastTrainYear, (c = calibrate({ history, lastTrainYear })));
  return c;
}

/** The baseline inputs of a scenario's horizon. */
export function inputsFor({ history, scenario, scale = 1, registry = packageRegistry() }: Pick<StudyOptions, 'history' | 'scenario' | 'scale' | 'registry'>): ModelInputs {
  const period = scenario.period ?? DEFAULT_PERIOD;
  const lastDataYear = Number(period.start.slice(0, 4)) - 1;
  return buildInputs({
    history, start: period.start, months: period.months, scale, arrivals: 'forecast', lastDataYear,
    calibration: calibrationFor(history, lastDataYear), registry,
  });
}

/**
 * Runs a scenario against its baseline.
 * @example const { summary } = await runStudy({ history, scenario, runs: 20, seed: 42 });
 */
export async function runStudy(options: StudyOptions): Promise<StudyResult> {
  const inputs = inputsFor(options);
  const started = performance.now();
  const runs = await runMonteCarlo({
    inputs, changes: options.scenario.changes, runs: options.runs, seed: options.seed, threads: options.threads, inThread: options.inThread,
    onProgress: options.onProgress, signal: options.signal,
  });
  const seconds = (performance.now() - started) / 1000;
  return { inputs, runs, summary: summarise(runs, { seed: options.seed, memberStates: inputs.memberStates }), seconds };
}
