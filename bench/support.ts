/**
 * @module bench/support
 * What the API benchmarks share: a fresh database on either engine, the real server started as a
 * child process on a loopback port, bearer tokens for a caseworker in every Member State, an autocannon
 * load of `POST /api/cases` rotating over those tokens, and the check that every 2xx really wrote.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import pg from 'pg';
import { TENANTS } from '../src/domain/tenants/tenants.ts';
import { migrate } from '../src/storage/migrate.ts';
import { openStorage, type Storage } from '../src/storage/providers/index.ts';
import { seedReference } from '../src/seed/reference.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the server under test is started from (default: this checkout); another checkout for A/B comparisons. */
export const SERVER_ROOT = process.env.BENCH_SERVER_ROOT ? resolve(process.env.BENCH_SERVER_ROOT) : ROOT;
export const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
export type EngineName = 'pglite' | 'postgres';

/** `--name value` options; unknown names are refused so typos do not silently fall back to defaults. */
export function parseOptions<T extends Record<string, string>>(argv: string[], defaults: T): T {
  const out: Record<string, string> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !(m[1]! in defaults)) throw new Error(`unknown option ${arg}; options: ${Object.keys(defaults).map((k) => `--${k}`).join(' ')}`);
    out[m[1]!] = m[2] ?? argv[++i] ?? '';
  }
  return out as T;
}

export function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${value}`);
  return n;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try { return await work(client); } finally { await client.end(); }
}

/** `PostgreSQL 15.x` of the server the benchmarks use. */
export async function serverVersion(): Promise<string> {
  return admin(async (c) => `PostgreSQL ${(await c.query<{ server_version: string }>('show server_version')).rows[0]!.server_version}`);
}

export function stamp(): string {
  return new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 17);
}

/** A database for one run: where it is, the environment that points the server at it, and how to remove it. */
export interface BenchDatabase {
  engine: EngineName;
  /** The server database's name (postgres), for finding its backends. */
  name?: string;
  /** What the server's environment needs (DATABASE_URL or WAYPOINT_DATA_DIR). */
  env: Record<string, string>;
  label: string;
  open(): Promise<Storage>;
  drop(): Promise<void>;
}

export async function createServerDatabase(prefix = 'wp_bench'): Promise<BenchDatabase> {
  const name = `${prefix}_${stamp()}_${process.pid}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = withDatabase(SERVER_URL, name);
  return {
    engine: 'postgres', env: { DATABASE_URL: url }, label: name, name,
    open: () => openStorage({ databaseUrl: url, poolSize: 4 }),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export function createPgliteFolder(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'wp-bench-pglite-'));
  return {
    engine: 'pglite', env: { WAYPOINT_DATA_DIR: dir }, label: dir,
    open: () => openStorage({ dataDir: dir }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** One caseworker (asylum unit) per Member State, so the load spreads over 27 audit chains. */
export const BENCH_USERS = TENANTS.filter((t) => t.kind === 'member-state').map((t) => ({
  id: `${t.id.toLowerCase()}-bench-caseworker`, tenant_id: t.id, unit_id: 'asylum',
  display_name: `Benchmark caseworker (${t.id})`, roles: ['caseworker'],
}));

/** Migrates, seeds the reference data and adds the benchmark users (before the server opens the database). */
export async function prepareDatabase(database: BenchDatabase): Promise<void> {
  const storage = await database.open();
  try {
    await migrate(storage.db);
    await seedReference(storage.db);
    await storage.db.insertInto('users').values(BENCH_USERS).onConflict((oc) => oc.column('id').doNothing()).execute();
  } finally { await storage.close(); }
}

export interface RunningServer {
  url: string;
  pid: number;
  /** The server process and its children (the workers, when several). */
  pids(): number[];
  child: ChildProcess;
  /** Last lines the server wrote after start-up (its log: warnings and errors at LOG_LEVEL=warn). */
  stderrTail(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node bin/waypoint.mjs start` on a free loopback port and resolves once it listens; with
 * `workers` > 1, that many server processes sharing the port (bench/cluster-server.mjs, server engine only).
 */
export async function startServer(database: BenchDatabase, options: { logLevel: string; nodeArgs?: string[]; env?: Record<string, string>; workers?: number }): Promise<RunningServer> {
  const workers = options.workers ?? 1;
  const entry = workers > 1 ? join(ROOT, 'bench', 'cluster-server.mjs') : 'bin/waypoint.mjs';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry, ...(workers > 1 ? [] : ['start'])], {
    cwd: SERVER_ROOT,
    env: { ...process.env, ...database.env, ...options.env, PORT: '0', HOST: '127.0.0.1', WAYPOINT_DEMO: 'off', WAYPOINT_STATS_DIR: 'off', LOG_LEVEL: options.logLevel, NODE_ENV: '', WAYPOINT_WORKERS: String(workers) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  let ready = false;
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-20_000); });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 180 s:\n${stderr}`)), 180_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (ready) { stderr = (stderr + d).slice(-20_000); return; }
      stdout = (stdout + d).slice(-20_000);
      const banners = [...stdout.matchAll(/Waypoint is running at (http:\/\/\S+)/g)];
      if (banners.length >= workers) { ready = true; stderr = ''; clearTimeout(timer); resolveUrl(banners[0]![1]!); }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`server exited with ${code} before listening:\n${stderr}`)); });
  });
  return {
    url, pid: child.pid!, pids: () => processTree(child.pid!), child,
    stderrTail: () => stderr.split('\n').slice(-20).join('\n'),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** A process and its descendants. */
export function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try { parentOf.set(Number(entry), Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1])); } catch { /* gone */ }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, parent] of parentOf) if (parent === out[i]) out.push(pid);
  return out;
}

/** Resident set size of a process, in bytes (Linux). */
export function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

export async function tokensFor(url: string, users = BENCH_USERS.map((u) => u.id)): Promise<string[]> {
  return Promise.all(users.map(async (username) => {
    const response = await fetch(`${url}/oidc/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
    const body = (await response.json()) as { access_token?: string };
    if (!response.ok || !body.access_token) throw new Error(`no token for ${username}: ${response.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }));
}

const NATIONALITIES = ['SY', 'AF', 'BD', 'TR', 'VE', 'CO', 'PK', 'EG', 'MA', 'XX'];

/**
 * A birth date for the `i`-th benchmark person, spread over 1960–2014 as real registrations are. With
 * one date for everyone, every registration would land in the same duplicate-check block (same
 * nationality and birth date) and be scored against thousands of look-alikes, which is no caseload.
 */
export function benchBirthDate(i: number): string {
  const day = (i * 7919) % 20_000; // 7919 is prime: consecutive requests get dates far apart
  return new Date(Date.UTC(1960, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

/** Where the Member States' asylum applications come from (Eurostat `migr_asyappctza`, see ../shared/data/SOURCES.md). */
export const APPLICATIONS_FILE = resolve(ROOT, '..', 'shared', 'data', 'eurostat', 'migr_asyappctza_applicants_totals_2008_2024.csv');

/**
 * The order in which requests go to the Member States' caseworkers (indexes into {@link BENCH_USERS}),
 * repeated for as long as the load runs.
 * - `uniform`: each Member State in turn, so the load spreads evenly over the 27 audit chains.
 * - `applications`: in proportion to each Member State's asylum applications in 2024 (Eurostat
 *   `migr_asyappctza`, all citizenships), as registrations arrive in practice: Germany, Spain, Italy
 *   and France receive 73 % of them. 1,000 slots, each Member State at least one, spread by a
 *   deterministic shuffle.
 */
export function tenantOrder(spread: 'uniform' | 'applications'): number[] {
  if (spread === 'uniform') return BENCH_USERS.map((_, i) => i);
  const rows = parse(readFileSync(APPLICATIONS_FILE, 'utf8'), { columns: true }) as Array<Record<string, string>>;
  const persons = new Map<string, number>();
  for (const row of rows) {
    if (row.year === '2024' && row.citizen === 'TOTAL') persons.set(row.geo === 'EL' ? 'GR' : row.geo!, Number(row.persons));
  }
  const weights = BENCH_USERS.map((u) => persons.get(u.tenant_id) ?? 0);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) throw new Error(`no 2024 applications in ${APPLICATIONS_FILE}`);
  const slots = weights.flatMap((w, i) => Array<number>(Math.max(1, Math.round((1000 * w) / total))).fill(i));
  let state = 20261122;
  for (let i = slots.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  return slots;
}

export interface LoadOptions {
  url: string;
  tokens: string[];
  connections: number;
  /** Seconds; or `amount` requests. */
  duration?: number;
  amount?: number;
  /** Hard stop in seconds whatever else is set. */
  maxSeconds: number;
  /** Receives the id of every case a 2xx answer reported. */
  opened: Set<string>;
  /** Indexes into `tokens`, in the order requests use them (default: each in turn). */
  order?: number[];
}

/** `POST /api/cases` under autocannon; every request takes the next token in `order` (so a tenant) and a fresh person. */
export async function loadCases({ url, tokens, connections, duration, amount, maxSeconds, opened, order = tokens.map((_, i) => i) }: LoadOptions): Promise<Result> {
  let n = 0;
  const instance = autocannon({
    url, connections, pipelining: 1, timeout: 10,
    ...(amount ? { amount } : { duration: duration ?? 10 }),
    requests: [{
      method: 'POST', path: '/api/cases',
      setupRequest: (request) => {
        const i = n++;
        return {
          ...request,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[order[i % order.length]!]}` },
          body: JSON.stringify({
            kind: i % 5 === 0 ? 'return' : 'asylum',
            person: { givenNames: `Bench ${i}`, familyName: 'Load', birthDate: benchBirthDate(i), sex: i % 2 ? 'F' : 'M', nationality: NATIONALITIES[i % NATIONALITIES.length] },
          }),
        };
      },
      onResponse: (status, _body, _context, headers) => {
        if (status >= 200 && status < 300) {
          const id = /\/api\/cases\/([0-9a-f-]{36})$/.exec(headers.location ?? '')?.[1];
          if (id) opened.add(id);
        }
      },
    }],
  });
  const timer = setTimeout(() => instance.stop(), maxSeconds * 1000);
  try { return await instance; } finally { clearTimeout(timer); }
}

export interface WriteCheck {
  answered2xx: number;
  cases: number;
  persons: number;
  /** Every audit event (the seed's included); `headSeqSum` must equal it. */
  events: number;
  headSeqSum: number;
  /** 2xx answers whose case, person or audit event is missing. */
  missing: number;
  /** Committed cases the client never saw answered (requests in flight when autocannon stopped). */
  unanswered: number;
  auditVerify: { ok: boolean; output: string };
  ok: boolean;
}

/** After the server stopped: every 2xx's case exists with its person and its `case.opened` event; counts agree; `audit verify` passes. */
export async function checkWrites(database: BenchDatabase, opened: Set<string>, inFlightAllowance: number): Promise<WriteCheck> {
  const storage = await database.open();
  let counts: { cases: number; persons: number; opened: number; events: number; headSeqSum: number; found: number };
  try {
    const ids = [...opened];
    // Fresh statistics first: right after a bulk load the planner would otherwise expect a handful of
    // rows and probe the id list once per event.
    await sql`analyze cases, persons, audit_events`.execute(storage.db);
    const found = await sql<{ n: string }>`
      select count(*) as n from unnest(${ids}::uuid[]) as answered (id)
      join cases c on c.id = answered.id
      where exists (select 1 from persons p where p.tenant_id = c.tenant_id and p.id = c.person_id)
        and exists (select 1 from audit_events e where e.tenant_id = c.tenant_id and e.entity_type = 'case'
                    and e.entity_id = c.id::text and e.action = 'case.opened')`.execute(storage.db);
    // The seed writes events of its own (the shared registries' entries, on the EU chain): cases are
    // compared with `case.opened` events, and every event with the chain heads.
    const totals = await sql<{ cases: string; persons: string; opened: string; events: string; heads: string }>`
      select (select count(*) from cases) as cases, (select count(*) from persons) as persons,
             (select count(*) from audit_events where action = 'case.opened') as opened,
             (select count(*) from audit_events) as events, (select coalesce(sum(seq), 0) from audit_heads) as heads`.execute(storage.db);
    const t = totals.rows[0]!;
    counts = { cases: Number(t.cases), persons: Number(t.persons), opened: Number(t.opened), events: Number(t.events), headSeqSum: Number(t.heads), found: Number(found.rows[0]!.n) };
  } finally { await storage.close(); }
  const verify = spawnSync(process.execPath, ['bin/waypoint.mjs', 'audit', 'verify'], {
    cwd: SERVER_ROOT, env: { ...process.env, ...database.env, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 600_000,
  });
  const auditVerify = { ok: verify.status === 0 && /^ok:/m.test(verify.stdout), output: `${verify.stdout}${verify.stderr}`.trim() };
  const missing = opened.size - counts.found;
  const unanswered = counts.cases - opened.size;
  const ok = missing === 0 && unanswered >= 0 && unanswered <= inFlightAllowance && counts.cases === counts.persons
    && counts.cases === counts.opened && counts.events === counts.headSeqSum && auditVerify.ok;
  return { answered2xx: opened.size, cases: counts.cases, persons: counts.persons, events: counts.events, headSeqSum: counts.headSeqSum, missing, unanswered, auditVerify, ok };
}

export interface PgbenchResult { tps: number; latencyMs: number; transactions: number; command: string }

export function pgbenchPath(): string {
  for (const candidate of ['/usr/lib/postgresql/15/bin/pgbench', 'pgbench']) {
    if (spawnSync(candidate, ['--version'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  throw new Error('pgbench not found: apt-get install postgresql-client-15 (or postgresql-contrib)');
}

/** `pgbench -i` on its own fresh database, then the built-in simple-update script; the database is dropped after. */
export async function runPgbench({ connections, duration }: { connections: number; duration: number }): Promise<PgbenchResult> {
  const bin = pgbenchPath();
  const db = await createServerDatabase('wp_pgbench');
  const url = new URL(SERVER_URL);
  // A Unix-socket server URL (`?host=/var/run/postgresql`) sends pgbench through the same socket.
  const common = ['-h', url.searchParams.get('host') ?? url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username) || 'root'];
  const name = db.label;
  try {
    const init = spawnSync(bin, ['-i', '-s', '10', '-q', ...common, name], { encoding: 'utf8', timeout: 300_000 });
    if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
    const args = ['-b', 'simple-update', '-c', String(connections), '-j', '2', '-T', String(duration), ...common, name];
    const run = spawnSync(bin, args, { encoding: 'utf8', timeout: (duration + 120) * 1000 });
    if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr}`);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)?.[1]);
    const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(run.stdout)?.[1]);
    const transactions = Number(/number of transactions actually processed: (\d+)/.exec(run.stdout)?.[1]);
    return { tps, latencyMs, transactions, command: `pgbench ${args.slice(0, 8).join(' ')} <fresh db, scale 10>` };
  } finally {
    await db.drop();
  }
}

/** CPU time (user + system) of a process, in microseconds. */
export function cpuOf(pid: number | string): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time of the PostgreSQL backends serving one database (their process title names it), in microseconds. */
export function backendsCpuOf(database: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').startsWith('postgres:') || !readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      total += cpuOf(entry);
    } catch { /* exited meanwhile */ }
  }
  return total;
}

/** Busy and total jiffies of the whole machine (first line of /proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const values = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
