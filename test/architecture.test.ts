/**
 * The dependency rule of ARCHITECTURE.md, checked on every import of every source file: layers only
 * depend inwards, so the domain never reaches for HTTP or the CLI, the web pages never reach
 * into the database, and the browser client (web/) knows the server only through its HTTP API.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { SETTINGS } from '../src/config.ts';

const ROOT = resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The browser client's sources (web/src, .ts and .tsx, tests excluded). */
function clientSources(dir = join(ROOT, 'web', 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return clientSources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Layer of a file: its first folder under src/ (or the file's own name for top-level files). */
function layerOf(file: string): string {
  if (file.startsWith(join(ROOT, 'law'))) return 'law';
  const rel = relative(join(ROOT, 'src'), file).split('/');
  if (rel[0] === 'rules') return 'rules';
  return rel.length === 1 ? rel[0]!.replace(/\.ts$/, '') : rel[0]!;
}

/** What each layer must not import. */
const FORBIDDEN: Record<string, string[]> = {
  domain: ['api', 'cli', 'web', 'server', 'seed'],
  storage: ['api', 'cli', 'web', 'server', 'seed', 'simulation'],
  identity: ['api', 'cli', 'web', 'server'],
  seed: ['api', 'cli', 'web', 'server'],
  lib: ['api', 'cli', 'web', 'server', 'seed', 'domain', 'storage', 'identity', 'rules', 'simulation'],
  api: ['cli', 'seed'],
  web: ['cli', 'domain', 'storage', 'seed', 'identity'],
  rules: ['api', 'cli', 'web', 'server', 'seed', 'domain', 'storage', 'identity', 'law', 'config', 'simulation'],
  law: ['api', 'cli', 'web', 'server', 'seed', 'domain', 'storage', 'identity', 'config', 'simulation'],
  // The simulator is a pure model and its runner: it reads the law, the engine and the statistics
  // importers' file readers, never storage (the domain hands it registry facts) nor any shell.
  simulation: ['api', 'cli', 'web', 'server', 'seed', 'storage', 'identity', 'config', 'domain'],
};

/** Files of a forbidden layer a layer may still import: the simulator reads history with the statistics importers' readers. */
const ALLOWED: Record<string, string[]> = {
  simulation: [join(ROOT, 'src', 'domain', 'statistics', 'formats')],
};

describe('architecture', () => {
  it('keeps every import pointing inwards, as the dependency rule says', () => {
    const violations: string[] = [];
    for (const file of [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'law'))]) {
      const layer = layerOf(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)) {
        const target = resolve(dirname(file), match[1]!);
        if (!target.startsWith(join(ROOT, 'src')) && !target.startsWith(join(ROOT, 'law'))) continue;
        const targetLayer = layerOf(target);
        // `import type` of the domain's Actor by storage is allowed: types carry no behaviour.
        const typeOnly = /^\s*import\s+type\b/.test(match[0]);
        const allowed = (ALLOWED[layer] ?? []).some((folder) => target.startsWith(folder));
        if ((FORBIDDEN[layer] ?? []).includes(targetLayer) && !typeOnly && !allowed) {
          violations.push(`${relative(ROOT, file)} (${layer}) imports ${match[1]} (${targetLayer})`);
        }
      }
    }
    assert.deepEqual(violations, []);
  });

  it('keeps the browser client (web/) on the HTTP API: it imports nothing from src/ or law/', () => {
    const client = clientSources();
    assert.ok(client.length > 0, 'web/src holds the client');
    const violations = client.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/gm)]
      .map((m) => m[1] ?? m[2]!)
      .filter((spec) => !resolve(dirname(file), spec).startsWith(join(ROOT, 'web')))
      .map((spec) => `${relative(ROOT, file)} imports ${spec}`));
    assert.deepEqual(violations, []);
  });

  it('opens every client module with a @module comment', () => {
    const missing = clientSources().filter((f) => !readFileSync(f, 'utf8').slice(0, 400).includes('@module'));
    assert.deepEqual(missing.map((f) => relative(ROOT, f)), []);
  });

  it('documents every environment variable in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const missing = SETTINGS.filter((s) => !readme.includes(`\`${s.name}\``)).map((s) => s.name);
    assert.deepEqual(missing, []);
  });

  it('opens every source module with a @module comment', () => {
    const missing = sources(join(ROOT, 'src')).filter((f) => !readFileSync(f, 'utf8').slice(0, 400).includes('@module'));
    assert.deepEqual(missing.map((f) => relative(ROOT, f)), []);
  });
});
