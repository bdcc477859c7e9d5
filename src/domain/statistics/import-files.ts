/**
 * @module domain/statistics/import-files
 * Imports several files or folders: every CSV, TSV and gzip file found (recursively), each in its own
 * transaction, oldest data vintage first so that newer figures are written last. A file that is not a
 * statistics table (the shared folder also holds simulation inputs and reference tables) is skipped
 * when found in a folder, and refused when named explicitly; a malformed statistics file is refused
 * with its line and column and the others still import.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { KNOWN_FILES } from './catalog.ts';
import { StatisticsImportError } from './import-error.ts';
import { importStatistics, type ImportStatisticsResult } from './import-statistics.ts';

const DATA_FILE = /\.(csv|tsv|txt)(\.gz)?$|\.gz$/i;

export interface FoundFile {
  path: string;
  /** Found inside a folder (skipped if not a statistics table) rather than named. */
  inFolder: boolean;
}

/**
 * The data files under `paths`.
 * @throws Error when a path does not exist.
 */
export function collectFiles(paths: string[]): FoundFile[] {
  const found: FoundFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (DATA_FILE.test(entry.name)) found.push({ path, inFolder: true });
    }
  };
  for (const path of paths) {
    if (statSync(path).isDirectory()) walk(path);
    else found.push({ path, inFolder: false });
  }
  // Oldest vintage first (known files), then by name.
  const vintage = (f: FoundFile) => KNOWN_FILES[basename(f.path)]?.retrievedOn ?? '9999';
  return found.sort((a, b) => vintage(a).localeCompare(vintage(b)) || a.path.localeCompare(b.path));
}

export type FileOutcome =
  | { path: string; status: 'imported' | 'unchanged'; result: ImportStatisticsResult }
  | { path: string; status: 'skipped'; reason: string }
  | { path: string; status: 'failed'; error: Error };

export interface ImportFilesOptions {
  db: Kysely<Database>;
  files: FoundFile[];
  /** Called before each file, and with its outcome after. */
  onFile?: (path: string, index: number, total: number) => void;
  onOutcome?: (outcome: FileOutcome) => void;
  onProgress?: (done: number, total: number) => void;
}

/** Imports each file in its own transaction; never throws for one bad file. */
export async function importFiles({ db, files, onFile, onOutcome, onProgress }: ImportFilesOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const [i, f] of files.entries()) {
    onFile?.(f.path, i, files.length);
    let outcome: FileOutcome;
    try {
      const result = await importStatistics({ db, path: f.path, onProgress });
      outcome = { path: f.path, status: result.status, result };
    } catch (error) {
      if (error instanceof StatisticsImportError && error.unrecognised && f.inFolder) outcome = { path: f.path, status: 'skipped', reason: 'not a statistics table' };
      else outcome = { path: f.path, status: 'failed', error: error as Error };
    }
    outcomes.push(outcome);
    onOutcome?.(outcome);
  }
  return outcomes;
}
