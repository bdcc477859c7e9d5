#!/usr/bin/env node
// Runs every *.test.ts under src/, test/, law/ and web/ (the browser client's pure logic) with node's test
// runner (Node 20 has no glob for --test).
// Arguments: test files or folders to run instead of all (a folder runs the *.test.ts under it);
// arguments starting with - are passed to node (e.g. --test-name-pattern).
// Test files run two at a time at least (node's default is one less than the cores: one, on a 2-core
// machine): most of a file's time is spent in PGlite, child processes and Chromium, which overlap
// well; every file uses its own database, data folder and port, so files do not disturb each other.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : find(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = (only.length ? only.flatMap((path) => (statSync(path).isDirectory() ? find(path) : [path])) : ['src', 'test', 'law', 'web'].flatMap(find)).sort();
const concurrency = flags.some((f) => f.startsWith('--test-concurrency')) ? [] : [`--test-concurrency=${Math.max(2, availableParallelism())}`];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...concurrency, ...flags, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
