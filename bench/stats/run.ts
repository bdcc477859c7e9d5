/**
 * Statistics benchmark (issue 6): import all of ../shared/data into the PostgreSQL server and into
 * PGlite — data lines and figures per second, against a plain COPY of the same rows into tables of
 * the same columns without keys — then every indicator endpoint over the full data, p50/p95 on both
 * engines, through the app in-process (authentication, validation, query, JSON or CSV). The indicators
 * from case data (`/api/stats/case-indicators/…`) are measured over the demo caseload, seeded as
 * `npm start` seeds it (`--cases`, default the demo's 300, with its deadlines; the seeding time is
 * printed), asked by a Commission analyst, who sees every Member State.
 *
 *   npm run bench:stats                                  both engines
 *   node --import tsx bench/stats/run.ts --engine pglite --requests 200 --cases 300
 *
 * Each run uses a fresh server database (dropped at the end) or a temporary PGlite folder. The load
 * average is printed before each phase: other processes share this machine.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { collectFiles, importFiles } from '../../src/domain/statistics/import-files.ts';
import { detectFormat } from '../../src/domain/statistics/formats/detect.ts';
import type { FileFormat } from '../../src/domain/statistics/formats/format.ts';
import { issueLocalToken } from '../../src/identity/local-issuer.ts';
import { migrate } from '../../src/storage/migrate.ts';
import { openStorage, type Storage } from '../../src/storage/providers/index.ts';
import { seedReference } from '../../src/seed/reference.ts';
import { DEFAULT_DEMO_CASES, seedDemoCaseload } from '../../src/seed/demo-caseload.ts';
import { buildProduct } from '../../src/server.ts';

const { values: args } = parseArgs({ options: {
  engine: { type: 'string', default: 'both' }, requests: { type: 'string', default: '200' }, cases: { type: 'string', default: String(DEFAULT_DEMO_CASES) },
  data: { type: 'string', default: resolve(import.meta.dirname, '../../../shared/data') },
  server: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres' },
} });

const REQUESTS = Number(args.requests);
const CASES = Number(args.cases);
/** The demo caseload's day (its histories run over the months before it): fixed so that runs compare, never after today. */
const CASELOAD_DAY = ['2026-11-21', new Date().toISOString().slice(0, 10)].sort()[0]!;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Endpoints measured: each indicator with a typical query, its default page, and CSV. */
const ENDPOINTS = [
  '/api/stats/arrivals', '/api/stats/arrivals?groupBy=year,route', '/api/stats/arrivals?nationality=SY&groupBy=month',
  '/api/stats/asylum-applications', '/api/stats/asylum-applications?citizen=SY', '/api/stats/asylum-applications?geo=EU27_2020&from=2020',
  '/api/stats/recognition-rates', '/api/stats/recognition-rates?citizen=BD', '/api/stats/recognition-rates?from=2024&to=2024&maxRate=0.2',
  '/api/stats/return-rates', '/api/stats/return-rates?geo=EU28&citizen=TOTAL', '/api/stats/return-rates?withRate=true&citizen=AL',
  '/api/stats/deaths-and-missing', '/api/stats/deaths-and-missing?groupBy=month&route=Central%20Mediterranean%20Route',
  '/api/stats/visa-suspension-monitor', '/api/stats/visa-suspension-monitor?country=GE',
  '/api/stats/datasets', '/api/stats/indicators', '/api/stats/recognition-rates?format=csv',
];

/** Indicators from case data, over the demo caseload, asked by a user who sees every Member State; open deadlines judged on the caseload's day. */
const CASE_ENDPOINTS = [
  `/api/stats/case-indicators/deadline-compliance?on=${CASELOAD_DAY}`, `/api/stats/case-indicators/deadline-compliance?memberState=IT&from=2026-06&on=${CASELOAD_DAY}`,
  `/api/stats/case-indicators/deadline-compliance?format=csv&on=${CASELOAD_DAY}`,
  '/api/stats/case-indicators/ledger-balance', '/api/stats/case-indicators/facility-occupancy',
];

interface Target {
  label: string;
  storage: Storage;
  /** Runs DDL where the COPY baseline writes. */
  exec(statement: string): Promise<void>;
  copy(table: string, columns: string[], text: string): Promise<void>;
  /** CPU seconds each of the database's own processes has used so far (the server's backends; none for PGlite, which runs in this process). */
  databaseCpu(): Promise<Map<number, number>>;
  cleanup(): Promise<void>;
}

/** CPU seconds of a process, from /proc (Linux), or 0 when it is gone. */
function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function backendPid(client: pg.Client): Promise<number> {
  return (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
}

async function serverTarget(): Promise<Target> {
  const name = `wp_bench_stats_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: args.server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(args.server!);
  url.pathname = `/${name}`;
  const storage = await openStorage({ databaseUrl: url.toString(), poolSize: 4 });
  const copyClient = new pg.Client({ connectionString: url.toString() });
  await copyClient.connect();
  return {
    label: 'PostgreSQL 15 server', storage,
    async exec(statement) { await copyClient.query(statement); },
    async copy(table, columns, text) {
      const stream = copyClient.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
      await pipeline(Readable.from([text]), stream);
    },
    // The pool's backends live through the import (it keeps them busy), so summing them at the end counts their work.
    async databaseCpu() {
      const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> $2', [name, await backendPid(copyClient)]);
      return new Map(rows.map((r) => [r.pid, processCpu(r.pid)]));
    },
    async cleanup() {
      await copyClient.end();
      await storage.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function pgliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-stats-'));
  const storage = await openStorage({ dataDir: join(dir, 'app') });
  // The COPY baseline runs on its own PGlite instance (PGlite serves one connection per instance).
  const copyDb = new PGlite(join(dir, 'copy'));
  await copyDb.waitReady;
  return {
    label: 'PGlite 0.5 (embedded)', storage,
    async exec(statement) { await copyDb.exec(statement); },
    async copy(table, columns, text) {
      await copyDb.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    databaseCpu: async () => new Map(),
    async cleanup() {
      await storage.close();
      await copyDb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** COPY text of rows (tab-separated, \N for null). */
function copyText(rows: unknown[][], extra: string[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
  return rows.map((r) => [...r.map(cell), ...extra].join('\t')).join('\n') + '\n';
}

/** Every file's rows, parsed by the importers' own readers (outside the timed COPY). */
function parsedFiles(paths: string[]): Array<{ format: FileFormat; rows: unknown[][] }> {
  const out: Array<{ format: FileFormat; rows: unknown[][] }> = [];
  for (const path of paths) {
    const text = readFileSync(path, 'utf8');
    const delimiter = text.slice(0, text.indexOf('\n')).includes('\t') ? '\t' : ',';
    const records = parse(text, { delimiter, bom: true }) as string[][];
    let format: FileFormat;
    try { format = detectFormat({ name: path, header: records[0]!, firstRecord: records[1] ?? null }); } catch { continue; }
    out.push({ format, rows: records.slice(1).flatMap((r) => format.read(r)) });
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(make: () => Promise<Target>) {
  const target = await make();
  try {
    await migrate(target.storage.db);
    await seedReference(target.storage.db);
    const files = collectFiles([args.data!]);
    console.log(`\n## ${target.label}\n\nload average before import: ${load()}`);
    const started = performance.now();
    const [cpuBefore, databaseBefore] = [process.cpuUsage(), await target.databaseCpu()];
    const outcomes = await importFiles({ db: target.storage.db, files });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const databaseCpu = [...(await target.databaseCpu())].reduce((sum, [pid, used]) => sum + used - (databaseBefore.get(pid) ?? 0), 0);
    const imported = outcomes.filter((o) => o.status === 'imported');
    const lines = imported.reduce((s, o) => s + (o.status === 'imported' ? o.result.rows : 0), 0);
    const figures = imported.reduce((s, o) => s + (o.status === 'imported' ? o.result.inserted + o.result.updated + o.result.unchanged : 0), 0);
    const failed = outcomes.filter((o) => o.status === 'failed');
    console.log(`import: ${imported.length} files, ${lines} data lines → ${figures} rows in ${seconds.toFixed(1)} s = ${Math.round(lines / seconds)} lines/s (${Math.round(figures / seconds)} rows/s)${failed.length ? `; FAILED: ${failed.map((f) => f.path).join(', ')}` : ''}`);
    // CPU time says what the import costs whatever else the machine is doing (wall time does not, on a shared machine).
    console.log(`import CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s in this process${target.label.startsWith('PostgreSQL') ? `, ${databaseCpu.toFixed(1)} s in the server's backends` : ' (PGlite included)'}`);

    // The COPY baseline: the same rows into keyless copies of the same tables, one COPY per file.
    const parsed = parsedFiles(imported.map((o) => o.path));
    const specs = new Map(parsed.map((p) => [p.format.table.name, p.format.table]));
    for (const [name, spec] of specs) {
      const columns = [...spec.columns.map((c) => `${c.name} ${c.type}`), 'source_id bigint', ...(spec.mode === 'months' ? [] : ['vintage date'])];
      await target.exec(`drop table if exists copy_${name}; create table copy_${name} (${columns.join(', ')})`);
    }
    const copyRows = parsed.reduce((s, p) => s + p.rows.length, 0);
    console.log(`load average before COPY: ${load()}`);
    const copyStarted = performance.now();
    for (const p of parsed) {
      const columns = [...p.format.table.columns.map((c) => c.name), 'source_id', ...(p.format.table.mode === 'months' ? [] : ['vintage'])];
      await target.copy(`copy_${p.format.table.name}`, columns, copyText(p.rows, p.format.table.mode === 'months' ? ['1'] : ['1', '2025-01-01']));
    }
    const copySeconds = (performance.now() - copyStarted) / 1000;
    console.log(`COPY: ${copyRows} rows in ${copySeconds.toFixed(1)} s = ${Math.round(copyRows / copySeconds)} rows/s; import is ${((figures / seconds) / (copyRows / copySeconds) * 100).toFixed(0)} % of COPY's rows/s`);
    for (const name of specs.keys()) await target.exec(`drop table if exists copy_${name}`);

    // Endpoints, in-process.
    const config = loadConfig({ LOG_LEVEL: 'silent', WAYPOINT_STATS_DIR: 'off' });
    const product = await buildProduct({ config, storage: target.storage, logger: pino({ level: 'silent' }) });
    const token = await issueLocalToken({ db: target.storage.db, username: 'it-policy-analyst', audience: config.oidcAudience });
    const analystToken = await issueLocalToken({ db: target.storage.db, username: 'com-policy-analyst', audience: config.oidcAudience });
    console.log(`load average before the demo caseload: ${load()}`);
    const seeding = performance.now();
    const opened = await seedDemoCaseload({ db: target.storage.db, count: CASES, statsDir: args.data!, on: CASELOAD_DAY });
    const deadlines = await target.storage.db.selectFrom('case_deadlines').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const endings = await target.storage.db.selectFrom('case_deadline_endings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    console.log(`demo caseload: ${opened} cases in ${((performance.now() - seeding) / 1000).toFixed(1)} s (${deadlines.n} open deadlines, ${endings.n} ended)`);
    const measured = [
      ...ENDPOINTS.map((path) => ({ path, headers: { authorization: `Bearer ${token}` } })),
      ...CASE_ENDPOINTS.map((path) => ({ path, headers: { authorization: `Bearer ${analystToken}` } })),
    ];
    for (const { path, headers } of measured) for (let i = 0; i < 5; i++) await product.app.request(path, { headers });
    console.log(`load average before endpoints: ${load()}\n\n| endpoint | p50 ms | p95 ms | rows | bytes |\n|---|---|---|---|---|`);
    for (const { path, headers } of measured) {
      const times: number[] = [];
      let size = 0;
      let rows = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        const response = await product.app.request(path, { headers });
        const body = await response.text();
        times.push(performance.now() - t0);
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
        size = body.length;
        if (i === 0) rows = path.includes('format=csv') ? body.split('\n').length - 2 : Array.isArray(JSON.parse(body)) ? JSON.parse(body).length : JSON.parse(body).items.length;
      }
      times.sort((a, b) => a - b);
      console.log(`| \`${path}\` | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${rows} | ${size} |`);
    }
    await product.close();
  } finally {
    await target.cleanup();
  }
}

console.log(`# Statistics benchmark\n\n${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model}; Node ${process.version}; ${REQUESTS} requests per endpoint; demo caseload of ${CASES} cases on ${CASELOAD_DAY}`);
if (args.engine === 'both' || args.engine === 'postgres') await run(serverTarget);
if (args.engine === 'both' || args.engine === 'pglite') await run(pgliteTarget);
