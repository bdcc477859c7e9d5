/**
 * @module simulation/spawn-worker
 * Starts a worker thread on a TypeScript module. Waypoint runs its sources through tsx without a build
 * step, and a worker does not inherit the main thread's module hooks (nor does `--import` in a
 * worker's `execArgv` reach its entry module on Node 20), so the worker first registers tsx itself
 * and then imports its entry — holding a timer meanwhile, because a pending import alone does not keep
 * a thread's event loop alive, and the worker would otherwise exit (code 0) before its entry ran.
 */
import { Worker } from 'node:worker_threads';

/**
 * @example const worker = spawnWorker(new URL('./worker.ts', import.meta.url), { inputs });
 */
export function spawnWorker(entry: URL, workerData: unknown): Worker {
  // The parent's options are not inherited: under `node --test` a worker given `--test` runs no code of ours.
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData, execArgv: [] });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `const alive = setInterval(() => {}, 1 << 30);
import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); }).finally(() => clearInterval(alive));`;
  return new Worker(boot, { eval: true, workerData, execArgv: [] });
}
