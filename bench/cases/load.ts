/**
 * Bulk load benchmark (issue 5, "Bulk" and "A demo caseload"): on the PostgreSQL server (DATABASE_URL,
 * or postgres://root@127.0.0.1:5432/postgres), in a fresh database it creates and drops,
 *   1. generates `--cases` synthetic cases with their persons (`seed/generate-caseload.ts`: Member State,
 *      nationality, sex and age after Eurostat), written as one JSON-lines file per Member State, and
 *      the same rows as COPY text (persons and cases, with ids and references);
 *   2. loads the COPY text into bare tables — the columns the product writes, without keys,
 *      constraints, triggers, indexes or row-level security — with a plain `COPY … FROM STDIN`;
 *   3. loads the files through the product's bulk import (`domain/bulk/run-import.ts`, as `waypoint
 *      case import` runs it): validation per row, suspected duplicates by registration's rules, a
 *      `case.opened` audit event per case on the tenant's hash chain, external references, the job's
 *      checkpoint, all under the tenant's row-level security, one Member State per job, `--concurrency`
 *      jobs at a time;
 *   4. loads the COPY text into bare tables again (the machine is shared: the two baselines bracket
 *      the product's run), then into copies of the product's own tables (same keys, indexes, foreign
 *      keys and trigger; no row-level security, no events) for a second reference;
 *   5. checks the result: every case there, every chain verified.
 * It prints rows per second (a row: one case with its person) and the product's share of the
 * baselines' throughput, with the CPU time of Node and of the database's backends.
 *
 *   npm run bench:cases:load
 *   node --import tsx bench/cases/load.ts --cases 100000 --concurrency 1 --keep
 */
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Actor } from '../../src/domain/access/roles.ts';
import { verifyChains } from '../../src/domain/audit/verify-chain.ts';
import { fileSource } from '../../src/domain/bulk/read-rows.ts';
import { runCaseImport } from '../../src/domain/bulk/run-import.ts';
import { copyValue } from '../../src/storage/copy.ts';
import { loadCaseloadDistribution } from '../../src/seed/caseload-distribution.ts';
import { generateCaseload } from '../../src/seed/generate-caseload.ts';
import { BENCH_USERS, cpuOf, createServerDatabase, loadAverage, prepareDatabase, serverVersion } from '../support.ts';

const { values: args } = parseArgs({ options: {
  cases: { type: 'string', default: '1000000' },
  'batch-size': { type: 'string', default: '5000' },
  concurrency: { type: 'string', default: '2' },
  seed: { type: 'string', default: '20261121' },
  data: { type: 'string', default: resolve(import.meta.dirname, '../../../shared/data') },
  keep: { type: 'boolean', default: false },
} });

const CASES = Number(args.cases);
const BATCH = Number(args['batch-size']);
const CONCURRENCY = Number(args.concurrency);
const SEED = Number(args.seed);
const NOW = new Date();

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en');

/** Node's own CPU time, in milliseconds. */
function nodeCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The columns the product writes for a case and its person, and nothing else. */
const PERSON_COLUMNS = ['tenant_id', 'id', 'record_type', 'data', 'created_at', 'retain_until'];
const CASE_COLUMNS = ['tenant_id', 'id', 'reference', 'person_id', 'kind', 'stage', 'unit_id', 'assigned_to', 'opened_by', 'opened_at', 'updated_at'];

interface Files { byTenant: Map<string, { path: string; rows: number }>; persons: string; cases: string }

/** Writes the cases as JSON lines per Member State, and as COPY text for the baselines. */
async function writeFiles(folder: string): Promise<Files> {
  const distribution = loadCaseloadDistribution(args.data);
  const out = new Map<string, { stream: ReturnType<typeof createWriteStream>; path: string; rows: number }>();
  const persons = createWriteStream(join(folder, 'persons.copy'));
  const cases = createWriteStream(join(folder, 'cases.copy'));
  const write = async (stream: ReturnType<typeof createWriteStream>, text: string) => { if (!stream.write(text)) await once(stream, 'drain'); };
  const numbers = new Map<string, number>();
  const at = NOW.toISOString();
  const retain = new Date(Date.UTC(NOW.getUTCFullYear() + 10, NOW.getUTCMonth(), NOW.getUTCDate())).toISOString().slice(0, 10);
  for (const { memberState, row } of generateCaseload({ distribution, seed: SEED, count: CASES })) {
    let file = out.get(memberState);
    if (!file) {
      const path = join(folder, `${memberState}.ndjson`);
      file = { stream: createWriteStream(path), path, rows: 0 };
      out.set(memberState, file);
    }
    file.rows++;
    await write(file.stream, `${JSON.stringify(row)}\n`);
    const personId = randomUUID();
    const number = (numbers.get(memberState) ?? 0) + 1;
    numbers.set(memberState, number);
    const opener = `${memberState.toLowerCase()}-bench-caseworker`;
    await write(persons, `${[memberState, personId, row.recordType, JSON.stringify(row.person), at, retain].map(copyValue).join('\t')}\n`);
    await write(cases, `${[memberState, randomUUID(), `${memberState}-${NOW.getUTCFullYear()}-${String(number).padStart(6, '0')}`, personId, row.kind, 'registered', row.unitId, null, opener, at, at].map(copyValue).join('\t')}\n`);
  }
  for (const stream of [...[...out.values()].map((f) => f.stream), persons, cases]) { stream.end(); await once(stream, 'finish'); }
  return { byTenant: new Map([...out].map(([k, v]) => [k, { path: v.path, rows: v.rows }])), persons: join(folder, 'persons.copy'), cases: join(folder, 'cases.copy') };
}

/** `COPY … FROM STDIN` of a file of COPY text, on one connection. */
async function copyFile(client: pg.Client, table: string, columns: string[], path: string): Promise<void> {
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
}

/**
 * CPU time of a database's backends over a span, in milliseconds: each backend's time is sampled twice
 * a second, so that a connection the pool closes meanwhile still counts (up to its last sample).
 */
function meterBackends(database: string): { stop(): number } {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  const sample = () => {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmdline.startsWith('postgres:') || !cmdline.includes(` ${database} `)) continue;
        const cpu = cpuOf(pid);
        if (!first.has(pid)) first.set(pid, cpu);
        last.set(pid, cpu);
      } catch { /* ended meanwhile */ }
    }
  };
  sample();
  const timer = setInterval(sample, 500);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let total = 0;
      for (const [pid, cpu] of last) total += cpu - first.get(pid)!;
      return total / 1000;
    },
  };
}

/** Wall time and CPU time, in milliseconds. */
interface Timing { ms: number; pgCpu: number; nodeCpu: number }

/** A plain COPY of the persons and cases into `persons_table` and `cases_table`. */
async function copyBaseline(url: string, files: Files, personsTable: string, casesTable: string): Promise<Timing> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const pg0 = cpuOf(pid);
    const node0 = nodeCpu();
    const t0 = performance.now();
    await client.query('begin');
    await copyFile(client, personsTable, PERSON_COLUMNS, files.persons);
    await copyFile(client, casesTable, CASE_COLUMNS, files.cases);
    await client.query('commit');
    return { ms: performance.now() - t0, pgCpu: (cpuOf(pid) - pg0) / 1000, nodeCpu: nodeCpu() - node0 };
  } finally { await client.end(); }
}

async function run(): Promise<void> {
  const database = await createServerDatabase('wp_bench_load');
  const folder = mkdtempSync(join(tmpdir(), 'wp-bench-load-'));
  const url = database.env.DATABASE_URL!;
  try {
    say(`# Bulk load of ${CASES.toLocaleString('en')} generated cases with their persons`);
    say(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${await serverVersion()}; Node ${process.version}`);
    say(`database ${database.name}; batch ${BATCH} rows; ${CONCURRENCY} import job(s) at a time; seed ${SEED}`);
    await prepareDatabase(database);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const bare = (name: string, table: string, columns: string[]) => `create table ${name} as select ${columns.join(', ')} from ${table} with no data`;
    await admin.query([bare('bare_persons', 'persons', PERSON_COLUMNS), bare('bare_cases', 'cases', CASE_COLUMNS),
      'create table keyed_persons (like persons including all)', 'create table keyed_cases (like cases including all)',
      // The product's foreign keys and trigger on the keyed copies (LIKE copies neither).
      'alter table keyed_cases add foreign key (tenant_id, person_id) references keyed_persons (tenant_id, id), add foreign key (tenant_id) references tenants (id), add foreign key (tenant_id, unit_id) references units (tenant_id, id)',
      'alter table keyed_persons add foreign key (tenant_id) references tenants (id), add foreign key (record_type) references retention_policies (record_type)',
      'create trigger keyed_persons_search_keys before insert or update of data on keyed_persons for each row execute function persons_search_keys()',
    ].join(';\n'));
    await admin.end();

    let t0 = performance.now();
    const files = await writeFiles(folder);
    say(`generated and wrote the files in ${seconds(performance.now() - t0)} s: ${files.byTenant.size} Member States, ${[...files.byTenant].sort((a, b) => b[1].rows - a[1].rows).slice(0, 5).map(([k, v]) => `${k} ${v.rows}`).join(', ')} …`);

    say(`\nload average before the first baseline: ${loadAverage()}`);
    const before = await copyBaseline(url, files, 'bare_persons', 'bare_cases');
    say(`plain COPY into bare tables: ${seconds(before.ms)} s, ${perSecond(CASES, before.ms)} rows/s (PostgreSQL CPU ${seconds(before.pgCpu)} s)`);

    say(`\nload average before the product's import: ${loadAverage()}`);
    const storage = await database.open();
    const actors = new Map(BENCH_USERS.map((u): [string, Actor] => [u.tenant_id, { id: u.id, displayName: u.display_name, tenantId: u.tenant_id, unitId: u.unit_id, roles: ['caseworker'] }]));
    const queue = [...files.byTenant].sort((a, b) => b[1].rows - a[1].rows);
    let created = 0;
    let duplicates = 0;
    const meter = meterBackends(database.name!);
    const node0 = nodeCpu();
    t0 = performance.now();
    let lastReport = t0;
    let done = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [tenantId, file] = next;
        let counted = 0;
        const job = await runCaseImport({
          db: storage.db, actor: actors.get(tenantId)!, source: fileSource(file.path, 'ndjson'), batchSize: BATCH, requestId: 'bench',
          onProgress: (j) => {
            done += j.checkpoint - counted;
            counted = j.checkpoint;
            if (performance.now() - lastReport > 30_000) { lastReport = performance.now(); say(`  … ${done.toLocaleString('en')} rows after ${seconds(lastReport - t0)} s (load ${loadAverage()})`); }
          },
        });
        created += job.created;
        duplicates += job.duplicates;
      }
    }));
    const product: Timing = { ms: performance.now() - t0, pgCpu: meter.stop(), nodeCpu: nodeCpu() - node0 };
    say(`product bulk import: ${seconds(product.ms)} s, ${perSecond(CASES, product.ms)} rows/s (PostgreSQL CPU ${seconds(product.pgCpu)} s, Node CPU ${seconds(product.nodeCpu)} s); ${created.toLocaleString('en')} cases opened, ${duplicates.toLocaleString('en')} with suspected duplicates reported`);

    say(`\nload average before the second baseline: ${loadAverage()}`);
    await sql`truncate bare_persons, bare_cases`.execute(storage.db);
    const after = await copyBaseline(url, files, 'bare_persons', 'bare_cases');
    say(`plain COPY into bare tables, again: ${seconds(after.ms)} s, ${perSecond(CASES, after.ms)} rows/s (PostgreSQL CPU ${seconds(after.pgCpu)} s)`);
    const keyed = await copyBaseline(url, files, 'keyed_persons', 'keyed_cases');
    say(`plain COPY into copies of the product's tables (keys, indexes, foreign keys, search-key trigger): ${seconds(keyed.ms)} s, ${perSecond(CASES, keyed.ms)} rows/s (PostgreSQL CPU ${seconds(keyed.pgCpu)} s)`);

    const bareMs = (before.ms + after.ms) / 2;
    say(`\nproduct / plain COPY into bare tables (mean of the two): ${(100 * bareMs / product.ms).toFixed(1)} % of the throughput (target ≥ 50 %)`);
    say(`product / plain COPY into the keyed copies: ${(100 * keyed.ms / product.ms).toFixed(1)} %`);
    say(`CPU per row: product ${((product.pgCpu + product.nodeCpu) * 1000 / CASES).toFixed(0)} µs (PostgreSQL ${(product.pgCpu * 1000 / CASES).toFixed(0)}, Node ${(product.nodeCpu * 1000 / CASES).toFixed(0)}); bare COPY ${(before.pgCpu * 1000 / CASES).toFixed(0)} µs; keyed COPY ${(keyed.pgCpu * 1000 / CASES).toFixed(0)} µs`);

    t0 = performance.now();
    const counted = Number((await sql<{ n: string }>`select count(*) as n from cases`.execute(storage.db)).rows[0]!.n);
    const chains = await verifyChains({ db: storage.db });
    const events = chains.reduce((a, r) => a + r.events, 0);
    say(`\ncheck: ${counted.toLocaleString('en')} cases; ${chains.filter((r) => r.ok).length}/${chains.length} audit chains verified (${events.toLocaleString('en')} events) in ${seconds(performance.now() - t0)} s`);
    if (counted !== CASES || chains.some((r) => !r.ok)) process.exitCode = 1;
    await storage.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
    if (args.keep) say(`kept database ${database.name}`); else await database.drop();
  }
}

await run();
