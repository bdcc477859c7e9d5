/**
 * @module web/client-build
 * Keeps the browser client's build in step with its sources, so that `npm ci && npm start` serves
 * the current web app without a separate build step. The build goes to `web/dist/<hash>/`, where the
 * hash covers every file under `web/` and the lockfile: an unchanged tree is never rebuilt (a hash of
 * a few hundred kB, milliseconds), a changed one is rebuilt by Vite in a child process (about two
 * seconds). Two processes starting at once each build into a temporary folder and rename it into
 * place; the loser's copy is dropped, so neither ever serves a half-written build.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { loadClientAssets, type ClientAssets } from './client-assets.ts';

/** The client's sources (`web/`, a sibling of `src/`). */
export const WEB_ROOT = resolve(import.meta.dirname, '../../web');
const DIST = 'dist';
/** A temporary build folder older than this belongs to a process that died: it may be removed. */
const STALE_TEMP_MS = 10 * 60_000;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === DIST || entry.name === 'node_modules' ? [] : sourceFiles(path);
    // Tests of the client's logic are not part of the bundle: changing one does not call for a build.
    return entry.name.endsWith('.test.ts') ? [] : [path];
  }).sort();
}

/**
 * The hash of what the build depends on: every file under `web/` but tests (path and bytes) and the
 * lockfile (the versions of React, Vite and the rest).
 * @example clientSourceHash() // "3f9a1c…" (16 hex digits)
 */
export function clientSourceHash(webRoot: string = WEB_ROOT): string {
  const hash = createHash('sha256');
  const lockfile = join(dirname(webRoot), 'package-lock.json');
  for (const file of [...sourceFiles(webRoot), ...(existsSync(lockfile) ? [lockfile] : [])]) {
    hash.update(relative(dirname(webRoot), file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export interface ClientBuild {
  /** The folder holding index.html and assets/. */
  dir: string;
  hash: string;
  /** Whether this call ran Vite (false: the build was already there). */
  built: boolean;
}

function runVite(webRoot: string, outDir: string): Promise<void> {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', join(webRoot, 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: webRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' },
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      if (code === 0) done();
      else fail(new Error(`building the web app failed (vite exited ${code ?? signal}):\n${output.trim()}`));
    });
  });
}

/** Removes builds of other source versions and temporary folders left by dead processes. */
function removeOldBuilds(distRoot: string, keep: string): void {
  for (const entry of readdirSync(distRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === keep) continue;
    const path = join(distRoot, entry.name);
    if (entry.name.startsWith('.tmp-') && Date.now() - statSync(path).mtimeMs < STALE_TEMP_MS) continue;
    rmSync(path, { recursive: true, force: true });
  }
}

/**
 * The client build for the current sources, building it first when it is missing.
 * @example const { dir } = await ensureClientBuild();
 */
export async function ensureClientBuild({ webRoot = WEB_ROOT }: { webRoot?: string } = {}): Promise<ClientBuild> {
  const hash = clientSourceHash(webRoot);
  const distRoot = join(webRoot, DIST);
  const dir = join(distRoot, hash);
  if (existsSync(join(dir, 'index.html'))) return { dir, hash, built: false };
  mkdirSync(distRoot, { recursive: true });
  const temp = join(distRoot, `.tmp-${process.pid}-${Date.now().toString(36)}`);
  try {
    await runVite(webRoot, temp);
    try {
      renameSync(temp, dir);
    } catch (error) {
      // Another process finished the same build first: keep its copy.
      if (!existsSync(join(dir, 'index.html'))) throw error;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  removeOldBuilds(distRoot, hash);
  return { dir, hash, built: true };
}

export type PreparedClient =
  | { ok: true; assets: ClientAssets; built: boolean; ms: number }
  | { ok: false; problem: string };

/**
 * What `waypoint start` serves as the web app: the current build, built first if needed, read into
 * memory. A failed build is reported, not fatal: the API still starts, and `/` says the web app is
 * missing.
 */
export async function prepareClient(): Promise<PreparedClient> {
  const started = performance.now();
  try {
    const build = await ensureClientBuild();
    return { ok: true, assets: loadClientAssets(build), built: build.built, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
