/**
 * @module simulation/worker
 * A Monte Carlo worker thread: receives the study's inputs and scenario once (workerData), then
 * runs the run numbers it is sent, one at a time, and posts each paired result back, until it is
 * told to stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ModelInputs } from './model/inputs.ts';
import { pairedRun } from './monte-carlo.ts';
import type { Change } from './scenario/schema.ts';

const { inputs, changes } = workerData as { inputs: ModelInputs; changes: Change[] };

parentPort!.on('message', (message: { run: number; seed: number } | { stop: true }) => {
  // Closing the port leaves the thread nothing to wait for: it ends by itself.
  if ('stop' in message) parentPort!.close();
  else parentPort!.postMessage(pairedRun(inputs, changes, message.seed, message.run));
});
