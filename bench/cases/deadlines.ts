/**
 * Deadline benchmark (issue 5, "Deadlines and queues"): on the PostgreSQL server (DATABASE_URL, or
 * postgres://root@127.0.0.1:5432/postgres), in a fresh database it creates and drops,
 *   1. fills 1,000,000 open cases with varied facts (`deadline-caseload.ts`, SQL generate_series);
 *   2. computes every open case's deadlines (`recomputeDeadlines`, the product's code: keyset batches,
 *      the law engine per case, one multi-row statement per batch) — first on an empty deadline table,
 *      then again with nothing changed, then after a change of the law (a crisis authorisation for
 *      Italy and Greece recorded in the registries, as an administrator would), then after a change that
 *      moves every deadline (the stored dates shifted by a day, so that every case is rewritten);
 *   3. sweeps for tasks (approaching and passed deadlines) once;
 *   4. measures the queue's first page (`listQueue` in a transaction as the caller, as the API runs it)
 *      for several callers and filters: p50/p95/p99 over `--runs` calls each, after a warm-up.
 *
 *   npm run bench:cases:deadlines
 *   node --import tsx bench/cases/deadlines.ts --cases 200000 --runs 100 --keep
 *
 * The load average is printed before each phase: other processes share this machine.
 */
import { readFileSync } from 'node:fs';
import { loadavg, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { systemActor, type Actor } from '../../src/domain/access/roles.ts';
import { crisisAuthorisationKind } from '../../src/domain/border-situations/crisis-authorisation.ts';
import { loadCaseLaw, type CaseLaw } from '../../src/domain/cases/law-context.ts';
import { listQueue, type ListQueueOptions } from '../../src/domain/deadlines/list-queue.ts';
import { recomputeDeadlines, type RecomputeReport } from '../../src/domain/deadlines/recompute-deadlines.ts';
import { sweepTenants } from '../../src/domain/deadlines/schedule-sweeps.ts';
import { createRegistryRecord } from '../../src/domain/registries/create-record.ts';
import { migrate } from '../../src/storage/migrate.ts';
import { openStorage, type Storage } from '../../src/storage/providers/index.ts';
import { asActor, inTenant } from '../../src/storage/transaction.ts';
import { seedReference } from '../../src/seed/reference.ts';
import { fillDeadlineCaseload } from './deadline-caseload.ts';

const { values: args } = parseArgs({ options: {
  cases: { type: 'string', default: '1000000' },
  runs: { type: 'string', default: '200' },
  keep: { type: 'boolean', default: false },
  server: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres' },
} });

const CASES = Number(args.cases);
const RUNS = Number(args.runs);
/** The day the law is applied and the queue judged on: the benchmark's date, fixed so that runs compare. */
const ON = '2026-11-21';
const TENANTS = ['DE', 'ES', 'FR', 'GR', 'IT', 'MT'];

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: args.server });
  await client.connect();
  try { await client.query(statement); } finally { await client.end(); }
}

interface RecomputeRun { label: string; ms: number; nodeCpu: number; pgCpu: BackendCpu; totals: Omit<RecomputeReport, 'tenantId' | 'on' | 'lawDigest' | 'registryRevision'> }

/** CPU seconds of the backends serving the benchmark's connections, and of autovacuum workers in its database. */
interface BackendCpu { clients: number; autovacuum: number }

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * The CPU the PostgreSQL backends of the benchmark database use during a phase: their pids are sampled
 * every half second (the pool keeps busy connections), and each one's CPU counted from the first
 * sample (or from its start, for a backend born during the phase) to the last. Autovacuum workers are
 * counted apart: they clean up after earlier writes.
 */
function watchBackends(db: Storage['db']): () => Promise<BackendCpu> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const vacuum = new Set<number>();
  const sample = async () => {
    const pids = (await sql<{ pid: number; backend_type: string }>`select pid, backend_type from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(db)).rows;
    for (const { pid, backend_type: type } of pids) {
      const cpu = cpuSeconds(pid);
      if (cpu === null) continue;
      if (type === 'autovacuum worker') vacuum.add(pid);
      if (!first.has(pid)) first.set(pid, started ? 0 : cpu);
      last.set(pid, cpu);
    }
  };
  let started = false;
  const ready = sample().then(() => { started = true; });
  const timer = setInterval(() => { void sample(); }, 500);
  return async () => {
    await ready;
    clearInterval(timer);
    await sample();
    const used: BackendCpu = { clients: 0, autovacuum: 0 };
    for (const [pid, end] of last) used[vacuum.has(pid) ? 'autovacuum' : 'clients'] += end - (first.get(pid) ?? end);
    return used;
  };
}

/** Every tenant's open cases, one tenant after another (each pipelined: read ahead, assess, write). */
async function recomputeAll(db: Storage['db'], law: CaseLaw, label: string): Promise<RecomputeRun> {
  // A database in its steady state: the previous phase's dead rows vacuumed, not by autovacuum during this one.
  await sql`vacuum analyze cases`.execute(db);
  await sql`vacuum analyze case_deadlines`.execute(db);
  log(`\n## ${label} (load average ${load()})`);
  const pgCpu = watchBackends(db);
  const nodeCpu = process.cpuUsage();
  const started = performance.now();
  const totals = { assessed: 0, changed: 0, ended: 0, tasksClosed: 0, unassessable: 0, skipped: 0 };
  for (const tenantId of TENANTS) {
    const t0 = performance.now();
    const r = await recomputeDeadlines({ db, actor: systemActor(tenantId, 'bench'), on: ON, law, batchSize: 2000 });
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += r[key];
    log(`  ${tenantId}: ${r.assessed} assessed, ${r.changed} changed, ${r.ended} ended in ${seconds(performance.now() - t0)} s`);
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(nodeCpu);
  const run = { label, ms, totals, nodeCpu: (used.user + used.system) / 1e6, pgCpu: await pgCpu() };
  log(`  total: ${totals.assessed} cases in ${seconds(ms)} s (${Math.round(totals.assessed / (ms / 1000))} cases/s); changed ${totals.changed}, ended ${totals.ended}, `
    + `unassessable ${totals.unassessable}, tasks closed ${totals.tasksClosed}; CPU: Node ${run.nodeCpu.toFixed(1)} s, PostgreSQL ${run.pgCpu.clients.toFixed(1)} s`
    + ` (+ autovacuum ${run.pgCpu.autovacuum.toFixed(1)} s)`);
  return run;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface QueueScenario { label: string; actor: Actor; options: Omit<ListQueueOptions, 'tx' | 'actor'> }

async function measureQueue(db: Storage['db'], scenario: QueueScenario): Promise<{ label: string; p50: number; p95: number; p99: number; rows: number }> {
  const call = () => asActor(db, scenario.actor, (tx) => listQueue({ tx, actor: scenario.actor, on: ON, ...scenario.options }));
  for (let i = 0; i < 20; i++) await call();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const page = await call();
    times.push(performance.now() - t0);
    rows = page.items.length;
  }
  times.sort((a, b) => a - b);
  return { label: scenario.label, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), rows };
}

/** The plan of the caseworker's first page, to show which index serves it. */
async function queuePlan(db: Storage['db'], actor: Actor): Promise<string> {
  return inTenant(db, { tenantId: actor.tenantId }, async (tx) => {
    const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, costs off, timing off, summary on)
      select id, reference, kind, stage, unit_id, assigned_to, opened_at, version, next_due_on, next_deadline from cases
      where tenant_id = ${actor.tenantId} and closed_at is null and unit_id = ${actor.unitId} and next_due_on is not null
      order by next_due_on, opened_at, id limit 51`.execute(tx);
    return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

const name = `wp_bench_deadlines_${new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14)}_${process.pid}`;
log(`# Deadline benchmark: ${CASES.toLocaleString('en')} open cases, ${RUNS} queue calls per scenario`);
log(`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; database ${name}`);
await admin(`create database ${name}`);
const storage = await openStorage({ databaseUrl: withDatabase(args.server, name), poolSize: 4 });
try {
  await migrate(storage.db);
  await seedReference(storage.db);
  const pgVersion = (await sql<{ v: string }>`select version() as v`.execute(storage.db)).rows[0]!.v;
  log(pgVersion);

  log(`\n## Fill (load average ${load()})`);
  let t0 = performance.now();
  await fillDeadlineCaseload(withDatabase(args.server, name), CASES, (i, n) => process.stderr.write(`  fill step ${i}/${n} at ${seconds(performance.now() - t0)} s\n`));
  log(`  ${CASES} cases and persons in ${seconds(performance.now() - t0)} s`);

  const law = await loadCaseLaw(storage.db);
  const runs: RecomputeRun[] = [];
  runs.push(await recomputeAll(storage.db, law, 'First computation (every open case written)'));
  runs.push(await recomputeAll(storage.db, law, 'Recompute, law unchanged'));

  const com = systemActor('COM', 'bench');
  const source = { title: 'Benchmark: Council implementing decision (fictitious)', url: 'https://example.org/bench-crisis', date: '2026-06-30' };
  for (const memberState of ['IT', 'GR']) {
    await inTenant(storage.db, { tenantId: 'COM' }, (tx) => createRegistryRecord({ tx, actor: com, kind: crisisAuthorisationKind, reason: 'deadline benchmark: a change of the law',
      data: { memberState, kind: 'mass-arrival', from: '2026-07-01', to: '2026-12-31', derogations: ['registration-4-weeks', 'border-procedure-plus-6-weeks'], decision: source, verified: true } }));
  }
  const changedLaw = await loadCaseLaw(storage.db);
  runs.push(await recomputeAll(storage.db, changedLaw, 'Recompute after a change of the law (crisis authorisations for IT and GR)'));

  await sql`update case_deadlines set due_on = due_on + 1`.execute(storage.db);
  await sql`update cases set next_due_on = next_due_on + 1 where next_due_on is not null`.execute(storage.db);
  runs.push(await recomputeAll(storage.db, changedLaw, 'Recompute after a change that moves every deadline'));

  log(`\n## Sweep (load average ${load()})`);
  t0 = performance.now();
  const sweeps = await sweepTenants({ db: storage.db, warningDays: 3, tenantIds: TENANTS, on: ON });
  const raised = sweeps.reduce((n, r) => n + r.approaching + r.passed, 0);
  log(`  ${raised} tasks raised (${sweeps.reduce((n, r) => n + r.approaching, 0)} approaching, ${sweeps.reduce((n, r) => n + r.passed, 0)} passed) in ${seconds(performance.now() - t0)} s`);
  t0 = performance.now();
  const again = await sweepTenants({ db: storage.db, warningDays: 3, tenantIds: TENANTS, on: ON });
  log(`  again: ${again.reduce((n, r) => n + r.approaching + r.passed, 0)} tasks raised in ${seconds(performance.now() - t0)} s`);

  await sql`vacuum analyze`.execute(storage.db);
  const caseworker: Actor = { id: 'it-asylum-cw-3', displayName: 'bench caseworker', tenantId: 'IT', unitId: 'asylum', roles: ['caseworker'] };
  const supervisor: Actor = { id: 'it-bench-supervisor', displayName: 'bench supervisor', tenantId: 'IT', unitId: 'asylum', roles: ['supervisor'] };
  const openCases = (await sql<{ n: string }>`select count(*) as n from cases where tenant_id = 'IT' and closed_at is null`.execute(storage.db)).rows[0]!.n;
  log(`\n## Queue, first page of 50 (load average ${load()}); Italy holds ${openCases} open cases`);
  const second = await asActor(storage.db, caseworker, (tx) => listQueue({ tx, actor: caseworker, on: ON }));
  const scenarios: QueueScenario[] = [
    { label: 'caseworker (unit scope), no filter', actor: caseworker, options: {} },
    { label: 'caseworker, overdue only', actor: caseworker, options: { overdue: true } },
    { label: 'caseworker, assigned to me', actor: caseworker, options: { assignedTo: 'me' } },
    { label: 'caseworker, kind asylum + stage appeal', actor: caseworker, options: { kind: 'asylum', stage: 'appeal' } },
    { label: 'caseworker, kind return (none in the asylum unit)', actor: caseworker, options: { kind: 'return' } },
    { label: 'caseworker, second page (cursor)', actor: caseworker, options: { after: second.next ?? undefined } },
    { label: 'supervisor (tenant scope), no filter', actor: supervisor, options: {} },
    { label: 'supervisor, unit return + kind return + stage return-decision', actor: supervisor, options: { unitId: 'return', kind: 'return', stage: 'return-decision' } },
    { label: 'supervisor, unit border + overdue', actor: supervisor, options: { unitId: 'border', overdue: true } },
    { label: 'supervisor, assigned to it-border-cw-3', actor: supervisor, options: { assignedTo: 'it-border-cw-3' } },
    { label: 'supervisor, stage examination + overdue', actor: supervisor, options: { stage: 'examination', overdue: true } },
    { label: 'supervisor, unassigned + not overdue', actor: supervisor, options: { assignedTo: 'none', overdue: false } },
  ];
  const results = [];
  for (const s of scenarios) {
    const r = await measureQueue(storage.db, s);
    results.push(r);
    log(`  ${r.label}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${r.rows} rows)`);
  }
  log(`\nplan of the caseworker's first page:\n${await queuePlan(storage.db, caseworker)}`);

  log('\n## Summary\n');
  log('| recomputation | cases | changed | ended | seconds | cases/s | CPU s Node | CPU s PostgreSQL (+ autovacuum) |');
  log('|---|---|---|---|---|---|---|---|');
  for (const r of runs) {
    log(`| ${r.label} | ${r.totals.assessed} | ${r.totals.changed} | ${r.totals.ended} | ${seconds(r.ms)} | ${Math.round(r.totals.assessed / (r.ms / 1000))} `
      + `| ${r.nodeCpu.toFixed(1)} | ${r.pgCpu.clients.toFixed(1)} (+ ${r.pgCpu.autovacuum.toFixed(1)}) |`);
  }
  log('\n| queue scenario | p50 ms | p95 ms | p99 ms |');
  log('|---|---|---|---|');
  for (const r of results) log(`| ${r.label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} |`);
  log(`\nload average at the end: ${load()}`);
} finally {
  await storage.close();
  if (args.keep) log(`kept database ${name}`);
  else await admin(`drop database if exists ${name} with (force)`);
}
