/**
 * @module simulation/monte-carlo
 * Monte Carlo runs of a baseline and a scenario over the same random streams. Run `r` of a study
 * seeded `seed` uses the run seed `runSeed(seed, r)` for both the baseline and the scenario, and
 * its numbers depend on nothing else: not on the thread that ran it, nor on the order runs finish in.
 * So the same seed gives the same results whatever the number of threads, and the scenario's
 * difference from the baseline is measured run by run (paired), which is what makes small effects
 * visible through the noise.
 *
 * Runs go to `node:worker_threads` workers (piscina is not installed; plain workers do): each worker
 * receives the inputs and the scenario once, then run numbers one at a time as it becomes free. With
 * one thread the runs are made in this thread, with the same functions.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { RunResult } from './model/accounts.ts';
import type { ModelInputs } from './model/inputs.ts';
import { simulateRun } from './model/run.ts';
import { runSeed } from './random.ts';
import { spawnWorker } from './spawn-worker.ts';
import { compileOverlay } from './scenario/overlay.ts';
import type { Change } from './scenario/schema.ts';

export interface MonteCarloOptions {
  inputs: ModelInputs;
  /** The scenario's overlay (none: the scenario is the baseline, run once per run). */
  changes: readonly Change[];
  runs: number;
  seed: number;
  /** Worker threads (1: in this thread, unless `inThread` is false). Default: the machine's available parallelism. */
  threads?: number;
  /** Run even a single thread's runs in a worker, so that this thread stays free (a server). Default: true for one thread. */
  inThread?: boolean;
  /** Told after each run. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the workers; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface PairedRun {
  run: number;
  baseline: RunResult;
  scenario: RunResult;
}

/** Runs run `run` of a study: the baseline and the scenario on the run's seed. */
export function pairedRun(inputs: ModelInputs, changes: readonly Change[], seed: number, run: number): PairedRun {
  const s = runSeed(seed, run);
  const baseline = simulateRun({ inputs, overlay: compileOverlay(inputs, { changes: [] }), seed: s });
  const scenario = changes.length === 0 ? baseline : simulateRun({ inputs, overlay: compileOverlay(inputs, { changes: [...changes] }), seed: s });
  return { run, baseline, scenario };
}


/**
 * Runs the study.
 * @example const runs = await runMonteCarlo({ inputs, changes: scenario.changes, runs: 100, seed: 42, threads: 2 });
 */
export async function runMonteCarlo({ inputs, changes, runs, seed, threads = availableParallelism(), inThread, onProgress, signal }: MonteCarloOptions): Promise<PairedRun[]> {
  const results = new Array<PairedRun>(runs);
  const workers = Math.max(1, Math.min(threads, runs));
  if (workers === 1 && inThread !== false) {
    for (let r = 0; r < runs; r++) {
      signal?.throwIfAborted();
      results[r] = pairedRun(inputs, changes, seed, r);
      onProgress?.(r + 1, runs);
      // Let the event loop breathe between runs (an API process keeps serving).
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  let next = 0;
  let done = 0;
  const pool: Worker[] = [];
  const exits: Array<Promise<unknown>> = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => reject(error);
      signal?.addEventListener('abort', () => fail(signal.reason ?? new Error('aborted')), { once: true });
      // A worker with nothing left to do idles until every run is in; then each is told to stop.
      const feed = (worker: Worker) => {
        if (next < runs) worker.postMessage({ run: next++, seed });
      };
      for (let w = 0; w < workers; w++) {
        const worker = spawnWorker(new URL('./worker.ts', import.meta.url), { inputs, changes });
        pool.push(worker);
        exits.push(new Promise((settle) => worker.once('exit', settle)));
        worker.on('message', (message: PairedRun) => {
          results[message.run] = message;
          done++;
          onProgress?.(done, runs);
          if (done === runs) resolve();
          else feed(worker);
        });
        worker.on('error', fail);
        worker.on('exit', (code) => { if (done < runs) fail(new Error(`simulation worker stopped with exit code ${code}`)); });
        feed(worker);
      }
    });
    for (const worker of pool) worker.postMessage({ stop: true });
    await Promise.all(exits);
  } catch (error) {
    // Stopped mid-study (an abort, a failed worker): end the others without waiting for them.
    for (const worker of pool) void worker.terminate();
    throw error;
  }
  return results;
}
