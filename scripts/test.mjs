#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and law/ with node's test runner (Node 20 has no glob for --test).
// Arguments: test files or folders to run instead of all (a folder runs the *.test.ts under it);
// arguments starting with - are passed to node (e.g. --test-name-pattern).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : find(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = (only.length ? only.flatMap((path) => (statSync(path).isDirectory() ? find(path) : [path])) : ['src', 'test', 'law'].flatMap(find)).sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...flags, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
