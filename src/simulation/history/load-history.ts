/**
 * @module simulation/history/load-history
 * The history, read once per folder and process. Reading the public files takes a few seconds of
 * parsing, so it runs in a worker thread: a server that starts a simulation keeps answering
 * requests meanwhile.
 */
import { spawnWorker } from '../spawn-worker.ts';
import type { History } from './history.ts';
import type { ReadHistoryResult } from './read-history.ts';

const loaded = new Map<string, Promise<ReadHistoryResult>>();


/**
 * The history of `dir` (cached per folder; a failed read is not cached).
 * @throws Error when the folder cannot be read.
 * @example const { history, missing } = await loadHistory('../shared/data');
 */
export function loadHistory(dir: string): Promise<ReadHistoryResult> {
  let pending = loaded.get(dir);
  if (!pending) {
    pending = new Promise<ReadHistoryResult>((resolve, reject) => {
      const worker = spawnWorker(new URL('./history-worker.ts', import.meta.url), { dir });
      worker.once('message', (message: { result?: ReadHistoryResult; error?: string }) => {
        if (message.result) resolve(message.result); else reject(new Error(message.error));
        void worker.terminate();
      });
      worker.once('error', reject);
    });
    pending.catch(() => loaded.delete(dir));
    loaded.set(dir, pending);
  }
  return pending;
}

export type { History };
