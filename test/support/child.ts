/**
 * @module test/support/child
 * Waypoint as operators run it, in a child process: `node bin/waypoint.mjs …` to completion, or
 * `waypoint start` until it prints the URL it listens on. The child gets this process's environment
 * minus anything that would choose another engine or issuer, or confuse node's test runner, plus what
 * the test passes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Variables a test's child never inherits: each test says which engine and issuer it wants. */
const NOT_INHERITED = ['DATABASE_URL', 'WAYPOINT_DATA_DIR', 'WAYPOINT_PUBLIC_URL', 'WAYPOINT_OIDC_ISSUER', 'NODE_ENV', 'NODE_TEST_CONTEXT', 'NODE_OPTIONS', 'WAYPOINT_TEST_TEMPLATE'];

/** The environment of a child process: this one's without {@link NOT_INHERITED}, then `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of NOT_INHERITED) delete env[name];
  // `start` imports the public statistics folder on first run (a minute of work): off unless a test asks.
  return { WAYPOINT_STATS_DIR: 'off', ...env, ...extra };
}

export interface CliRun { status: number | null; stdout: string; stderr: string }

/**
 * Runs the CLI to completion (`LOG_LEVEL=warn` unless `env` says otherwise).
 * @example const run = runCli(['audit', 'verify'], target.env);
 */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): CliRun {
  const result = spawnSync(process.execPath, ['bin/waypoint.mjs', ...args], {
    cwd: ROOT, env: childEnv({ LOG_LEVEL: 'warn', ...env }), encoding: 'utf8', timeout: timeoutMs,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface StartedServer {
  child: ChildProcess;
  url: string;
  /** What the server has written to stderr so far. */
  stderr(): string;
}

/**
 * Starts `waypoint start` on a free loopback port (`PORT=0`) and resolves once it prints its URL; fails
 * with the server's stderr if it exits first or does not listen in time.
 * @example const server = await startServer({ ...target.env, WAYPOINT_DEMO: 'off' });
 */
export function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<StartedServer> {
  const child = spawn(process.execPath, ['bin/waypoint.mjs', 'start'], {
    cwd: ROOT, env: childEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`the server did not start within ${timeoutMs / 1000} s\n${err}`)); }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Waypoint is running at (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        done({ child, url: match[1]!, stderr: () => err });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code ?? signal}) before listening\n${err}`));
    });
  });
}

/** Stops a server started by {@link startServer} (SIGTERM) and waits for it to exit; nothing if it already has. */
export async function stopServer(server: StartedServer | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((done) => server.child.once('exit', done));
  server.child.kill('SIGTERM');
  await exited;
}
