/**
 * The JavaScript budget of the first screen (issue 7: ≤ 300 kB gzipped): builds the client if its
 * sources changed (as `waypoint start` does), then, for every screen a user can open first — the
 * entry plus that screen's chunk and everything they import statically — gzips the files and adds
 * them up. Lazy chunks (other screens, the map, other languages) are loaded later and not counted.
 * Prints the figures, so CI's log shows how close each screen is.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { before, describe, it } from 'node:test';
import { ensureClientBuild, type ClientBuild } from '../../src/web/client-build.ts';

const BUDGET_BYTES = 300 * 1024;

interface Chunk { file: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; src?: string }
type Manifest = Record<string, Chunk>;

/** The files a chunk needs before it runs: itself and, recursively, its static imports. */
function closure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key]!;
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, into);
  return into;
}

describe('the first screen\'s JavaScript', { timeout: 120_000 }, () => {
  let build: ClientBuild;
  let manifest: Manifest;
  const gzipped = new Map<string, number>();
  const size = (files: Set<string>) => [...files].filter((f) => f.endsWith('.js')).reduce((sum, f) => {
    if (!gzipped.has(f)) gzipped.set(f, gzipSync(readFileSync(join(build.dir, f)), { level: 9 }).length);
    return sum + gzipped.get(f)!;
  }, 0);

  before(async () => {
    build = await ensureClientBuild();
    manifest = JSON.parse(readFileSync(join(build.dir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  });

  it('stays within 300 kB gzipped for the entry with any one screen', () => {
    const entries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
    assert.equal(entries.length, 1, 'one entry (index.html\'s script)');
    const entry = closure(manifest, entries[0]!);
    const screens = Object.keys(manifest).filter((k) => manifest[k]!.isDynamicEntry && k.includes('/screens/') && k.endsWith('-screen.tsx'));
    assert.ok(screens.length >= 6, `the screens are lazy chunks (found ${screens.join(', ')})`);
    const report = screens.map((screen) => ({ screen: screen.replace(/^src\/screens\//, ''), bytes: size(closure(manifest, screen, new Set(entry))) }));
    process.stdout.write(`# first-screen JS, gzipped: entry ${(size(entry) / 1024).toFixed(1)} kB; ${report.map((r) => `${r.screen} ${(r.bytes / 1024).toFixed(1)} kB`).join(', ')}\n`);
    assert.deepEqual(report.filter((r) => r.bytes > BUDGET_BYTES), []);
  });

  it('keeps the map and the country-name lists out of the first screen', () => {
    const entry = closure(manifest, Object.keys(manifest).find((k) => manifest[k]!.isEntry)!);
    const lazy = Object.keys(manifest).filter((k) => /world-map\.tsx$|i18n-iso-countries\/langs\/|messages\/(fr|de|it)\.ts$/.test(k));
    assert.ok(lazy.length >= 24 + 3 + 1, `found ${lazy.length} lazy chunks`);
    assert.deepEqual(lazy.filter((k) => entry.has(manifest[k]!.file)), []);
  });

  it('does not build again when the sources have not changed', async () => {
    const again = await ensureClientBuild();
    assert.deepEqual([again.dir, again.built], [build.dir, false]);
  });
});
