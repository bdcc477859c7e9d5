#!/usr/bin/env node
// Runs every *.test.ts under src/, test/, law/ and web/ (the browser client's pure logic) with node's test
// runner (Node 20 has no glob for --test).
// Arguments: test files or folders to run instead of all (a folder runs the *.test.ts under it);
// arguments starting with - are passed to node (e.g. --test-name-pattern).
// Test files run two at a time at least (node's default is one less than the cores: one, on a 2-core
// machine): most of a file's time is spent in PGlite, child processes and Chromium, which overlap
// well; every file uses its own database, data folder and port, so files do not disturb each other.
// Before the files run, one database is migrated and seeded as the template every test's storage copies
// (test/support/template.ts); it is removed afterwards. Set WAYPOINT_TEST_TEMPLATE=off to do without.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

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
const TEMPLATE_TOOL = ['--import', 'tsx', fileURLToPath(new URL('../test/support/template.ts', import.meta.url))];

/** Runs node with `args`; resolves with its exit code and what it printed on stdout (when `capture`). */
function node(args, { env = process.env, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    current = child;
    let out = '';
    child.stdout?.on('data', (chunk) => { out += chunk; });
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

// An interrupted run still removes its template: the signal goes on to the child running, and this
// process waits for it to end.
let current = null;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => { interrupted = true; current?.kill(signal); });

let template = null;
if (process.env.WAYPOINT_TEST_TEMPLATE !== 'off') {
  const made = await node([...TEMPLATE_TOOL, 'create'], { capture: true });
  // Without a template every test migrates and seeds its own storage, so a failure here shows in the tests.
  if (made.code === 0) template = made.out.trim();
  else if (!interrupted) process.stderr.write('test: no template database (see above); each test will migrate its own\n');
}
const env = { ...process.env };
if (template) env.WAYPOINT_TEST_TEMPLATE = template;
else delete env.WAYPOINT_TEST_TEMPLATE;
const result = interrupted ? { code: 130 } : await node(['--import', 'tsx', '--test', ...concurrency, ...flags, ...files], { env });
if (template) await node([...TEMPLATE_TOOL, 'remove', template]);
process.exit(result.code);
