/**
 * @module test/support/statistics
 * Slices of the real public data files in ../shared/data for the statistics tests: the header and the
 * lines a test picks, written under the same file name to a temporary folder (the name is how a file's
 * dataset and known provenance are found). The data files are never copied into the repository; when
 * the folder is absent the tests that need it are skipped with a message saying so.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

export const SHARED_DATA = resolve(import.meta.dirname, '../../../shared/data');

/** `false` when the shared data folder is there, else the reason to skip (for `describe(…, { skip })`). */
export const SKIP_WITHOUT_DATA: string | false = existsSync(SHARED_DATA) ? false : `the shared data folder ${SHARED_DATA} is absent: statistics tests on real data skipped`;

export interface Slicer {
  dir: string;
  /** Writes the header and the chosen lines of `relative` (under ../shared/data) to the slice folder. */
  slice(relative: string, pick?: { head?: number; where?: (line: string) => boolean }): string;
  /** Writes a file with the given text (synthetic malformed files). */
  write(name: string, text: string | Buffer): string;
  remove(): void;
}

export function slicer(): Slicer {
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-stats-'));
  return {
    dir,
    slice(relative, pick = {}) {
      const lines = readFileSync(join(SHARED_DATA, relative), 'utf8').split('\n');
      const [header, ...rest] = lines;
      const body = rest.filter((l) => l !== '');
      const chosen = pick.where ? body.filter(pick.where) : body;
      const kept = pick.head !== undefined ? chosen.slice(0, pick.head) : chosen;
      const path = join(dir, basename(relative));
      writeFileSync(path, `${[header, ...kept].join('\n')}\n`);
      return path;
    },
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
