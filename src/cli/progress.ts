/**
 * @module cli/progress
 * Progress for long steps: a bar on a terminal, a line every few seconds otherwise (CI logs).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function progress(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
    bar.start(total, 0);
    return { update: (done, t) => { if (t !== undefined) bar.setTotal(t); bar.update(done); }, stop: () => bar.stop() };
  }
  let last = 0;
  return {
    update(done, t) {
      const now = Date.now();
      if (now - last > 2000) { last = now; process.stderr.write(`${label}: ${done}/${t ?? total}\n`); }
    },
    stop() { process.stderr.write(`${label}: done\n`); },
  };
}
