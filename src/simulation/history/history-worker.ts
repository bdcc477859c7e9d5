/**
 * @module simulation/history/history-worker
 * Reads the history in a worker thread and posts it back (load-history.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readHistory } from './read-history.ts';

try {
  parentPort!.postMessage({ result: readHistory((workerData as { dir: string }).dir) });
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
}
