/**
 * @module rules/engine/loader
 * Loads a law package's parameter files from a folder tree: every `*.yaml` is a parameter whose id is
 * its path without the extension (`eu/reg-2024-1348-apr/art-51-border-procedure/max-weeks`), except
 * `index.yaml` files (folder titles) and the folders named in `skip`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseParameter, type Parameter } from './parameters.ts';

export interface LoadParametersOptions {
  root: string;
  /** Sub-folders of `root` to read (default: all). */
  folders?: string[];
  /** Folder names to skip anywhere (default: tests, registry). */
  skip?: string[];
}

export function loadParameters({ root, folders, skip = ['tests', 'registry'] }: LoadParametersOptions): Parameter[] {
  const out: Parameter[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.includes(entry.name)) walk(path);
      } else if (entry.name.endsWith('.yaml') && entry.name !== 'index.yaml') {
        const id = relative(root, path).split(sep).join('/').replace(/\.yaml$/, '');
        out.push(parseParameter(id, readFileSync(path, 'utf8')));
      }
    }
  };
  for (const folder of folders ?? ['.']) walk(join(root, folder));
  return out;
}
