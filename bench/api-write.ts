/**
 * Audited-write benchmark: `POST /api/cases` (person + case + counter + hash-chained audit event in one
 * transaction, bearer-authenticated) through the real server over loopback, on PGlite and/or the
 * PostgreSQL server, next to pgbench's built-in simple-update script on the same server as the ceiling.
 *
 *   node --import tsx bench/api-write.ts [--engine pglite|postgres|both] [--duration S] [--connections N]
 *        [--warmup S] [--log-level warn] [--pgbench on|off] [--workers N] [--pool-size N] [--prepare on|off]
 *        [--json FILE] [--cpu-prof DIR] [--tenants uniform|applications]
 *
 * --tenants: how the requests spread over the 27 Member States (`tenantOrder` in support.ts): `uniform`
 * (default) each in turn; `applications` in proportion to their asylum applications in 2024 (Eurostat),
 * which needs ../shared/data. The server writes a tenant's registrations that arrive together in one
 * transaction (group commit); the mean number per transaction is reported from its /metrics.
 *
 * --pool-size N and --prepare on|off set the server engine's pool size and prepared statements
 * (as `?pool_size=N&prepare=off` in DATABASE_URL); unset, the server's defaults apply.
 * --workers N runs N server processes sharing the port on the server engine (bench/cluster-server.mjs);
 * PGlite always runs as one process. RSS and CPU are then summed over all the server's processes.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import {
  backendsCpuOf, checkWrites, cpuOf, createPgliteFolder, createServerDatabase, loadAverage, loadCases, machineCpu, parseOptions, positive,
  prepareDatabase, rssOf, runPgbench, serverVersion, startServer, tenantOrder, tokensFor, type BenchDatabase, type EngineName, type PgbenchResult, type WriteCheck,
} from './support.ts';

const options = parseOptions(process.argv.slice(2), {
  engine: 'both', duration: '30', connections: '32', warmup: '5', 'log-level': 'warn', pgbench: 'on', json: '', 'cpu-prof': '', workers: '1',
  'pool-size': '', prepare: '', tenants: 'uniform',
});
if (!['uniform', 'applications'].includes(options.tenants)) throw new Error('--tenants must be uniform or applications');
const order = tenantOrder(options.tenants as 'uniform' | 'applications');
/** Server-engine connection settings passed in DATABASE_URL's query (empty: the server's defaults). */
const urlSettings = new URLSearchParams({
  ...(options['pool-size'] ? { pool_size: String(Math.round(positive('pool-size', options['pool-size']))) } : {}),
  ...(options.prepare ? { prepare: options.prepare } : {}),
}).toString();
const workers = Math.round(positive('workers', options.workers));
const duration = positive('duration', options.duration);
const connections = Math.round(positive('connections', options.connections));
const warmup = Number(options.warmup);
if (!['pglite', 'postgres', 'both'].includes(options.engine)) throw new Error('--engine must be pglite, postgres or both');
const engines: EngineName[] = options.engine === 'both' ? ['pglite', 'postgres'] : [options.engine as EngineName];

interface Row {
  engine: EngineName;
  workers: number;
  reqPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rssMb: number;
  /** CPU time per 2xx write during the measurement, in microseconds: the server process, its PostgreSQL backends, this process (autocannon). */
  cpu: { server: number; postgres: number; client: number };
  /** Share of the machine's CPU time that was busy during the measurement (all processes, all cores). */
  machineBusy: number;
  /** Mean requests per transaction (the server's waypoint_write_batch_size histogram over the whole run). */
  meanBatch: number;
  check: WriteCheck;
  stderr: string;
}

async function benchEngine(engine: EngineName): Promise<Row> {
  const database: BenchDatabase = engine === 'postgres' ? await createServerDatabase() : createPgliteFolder();
  process.stderr.write(`[${engine}] database ${database.label}\n`);
  try {
    await prepareDatabase(database);
    const nodeArgs = options['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', options['cpu-prof']] : [];
    // PGlite is one process: several workers only on the server engine.
    const env: Record<string, string> = engine === 'postgres' && urlSettings ? { DATABASE_URL: `${database.env.DATABASE_URL}?${urlSettings}` } : {};
    const server = await startServer(database, { logLevel: options['log-level'], nodeArgs, env, workers: engine === 'postgres' ? workers : 1 });
    const pids = server.pids();
    const serverCpu = () => pids.reduce((sum, pid) => sum + cpuOf(pid), 0);
    const opened = new Set<string>();
    let result;
    let rssMb = NaN;
    let cpu = { server: NaN, postgres: NaN, client: NaN };
    let machineBusy = NaN;
    let meanBatch = NaN;
    try {
      const tokens = await tokensFor(server.url);
      if (warmup > 0) {
        process.stderr.write(`[${engine}] warm-up ${warmup} s, ${connections} connections\n`);
        await loadCases({ url: server.url, tokens, connections, duration: warmup, maxSeconds: warmup + 15, opened, order });
      }
      process.stderr.write(`[${engine}] measuring ${duration} s, ${connections} connections (load ${loadAverage()})\n`);
      const before = { server: serverCpu(), postgres: database.name ? backendsCpuOf(database.name) : 0, client: process.cpuUsage(), machine: machineCpu() };
      result = await loadCases({ url: server.url, tokens, connections, duration, maxSeconds: duration + 15, opened, order });
      const client = process.cpuUsage(before.client);
      const machine = machineCpu();
      const per = (us: number) => us / Math.max(1, result!['2xx']);
      cpu = {
        server: per(serverCpu() - before.server),
        postgres: database.name ? per(backendsCpuOf(database.name) - before.postgres) : 0,
        client: per(client.user + client.system),
      };
      machineBusy = (machine.busy - before.machine.busy) / (machine.total - before.machine.total);
      rssMb = pids.reduce((sum, pid) => sum + rssOf(pid).rss, 0) / 2 ** 20;
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      const metric = (name: string) => Number(new RegExp(`^waypoint_write_batch_size_${name} (\\S+)`, 'm').exec(metrics)?.[1]);
      meanBatch = metric('sum') / metric('count');
    } finally {
      await server.stop();
    }
    // Requests in flight when autocannon stopped (warm-up and measurement) may commit unanswered.
    const check = await checkWrites(database, opened, connections * 2);
    return {
      engine, workers: engine === 'postgres' ? workers : 1, reqPerSec: result['2xx'] / result.duration, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99,
      max: result.latency.max, ok2xx: result['2xx'], non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
      rssMb, cpu, machineBusy, meanBatch, check, stderr: server.stderrTail(),
    };
  } finally {
    await database.drop();
  }
}

const startedAt = new Date();
const loadBefore = loadAverage();
const rows: Row[] = [];
for (const engine of engines) rows.push(await benchEngine(engine));
let pgbench: PgbenchResult | null = null;
if (options.pgbench === 'on') {
  process.stderr.write(`[pgbench] simple-update, ${connections} connections, ${duration} s (load ${loadAverage()})\n`);
  pgbench = await runPgbench({ connections, duration });
}
const loadAfter = loadAverage();

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const header = ['engine', 'req/s (2xx)', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', '2xx', 'errors/non-2xx', 'pgbench TPS', 'ratio',
  'CPU µs/write server+PG+client', 'machine busy', 'mean batch', 'RSS MB', 'writes checked'];
const table = rows.map((r) => [
  r.workers > 1 ? `${r.engine} (${r.workers} server processes)` : r.engine, fmt(r.reqPerSec), fmt(r.p50, 1), fmt(r.p90, 1), fmt(r.p99, 1), fmt(r.max), String(r.ok2xx),
  `${r.errors + r.timeouts}/${r.non2xx}`, pgbench ? fmt(pgbench.tps) : '–',
  pgbench ? `${fmt((100 * r.reqPerSec) / pgbench.tps, 1)} %` : '–',
  `${fmt(r.cpu.server)}+${r.engine === 'postgres' ? fmt(r.cpu.postgres) : '(in server)'}+${fmt(r.cpu.client)} = ${fmt(r.cpu.server + (r.engine === 'postgres' ? r.cpu.postgres : 0) + r.cpu.client)}`,
  `${fmt(100 * r.machineBusy)} %`, fmt(r.meanBatch, 2), fmt(r.rssMb),
  r.check.ok ? `ok (${r.check.cases} cases, ${r.check.unanswered} unanswered)` : `FAILED: ${JSON.stringify({ ...r.check, auditVerify: r.check.auditVerify.output })}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
process.stdout.write([
  '',
  `api-write: ${startedAt.toISOString()}  ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${await serverVersion()}`,
  `duration ${duration} s after ${warmup} s warm-up, ${connections} connections, tenants ${options.tenants}, LOG_LEVEL=${options['log-level']}${urlSettings ? `, DATABASE_URL settings ${urlSettings}` : ''}; load average before ${loadBefore}, after ${loadAfter}`,
  pgbench ? `${pgbench.command}: ${fmt(pgbench.tps)} TPS, ${pgbench.latencyMs} ms average latency` : 'pgbench: not run',
  '',
  line(header),
  line(widths.map((w) => '-'.repeat(w))),
  ...table.map(line),
  '',
  ...rows.filter((r) => r.engine === 'postgres').map((r) => {
    const yes = (ok: boolean) => (ok ? 'met' : 'missed');
    const ratio = pgbench ? r.reqPerSec / pgbench.tps : NaN;
    return `targets (server engine): >= 2,000 audited writes/s: ${yes(r.reqPerSec >= 2000)} (${fmt(r.reqPerSec)}); `
      + `>= 30 % of pgbench: ${pgbench ? `${yes(ratio >= 0.3)} (${fmt(100 * ratio, 1)} %)` : 'not measured'}; `
      + `p99 <= 50 ms: ${yes(r.p99 <= 50)} (${fmt(r.p99, 1)} ms${r.reqPerSec >= 2000 ? '' : ', at the load reached, below 2,000/s'})`;
  }),
  ...rows.filter((r) => r.check.auditVerify.output).map((r) => `${r.engine}: audit verify: ${r.check.auditVerify.output}`),
  ...rows.filter((r) => r.stderr.trim()).map((r) => `${r.engine}: server stderr (tail):\n${r.stderr}`),
  '',
].join('\n'));
if (options.json) writeFileSync(options.json, JSON.stringify({ startedAt, loadBefore, loadAfter, duration, warmup, connections, tenants: options.tenants, logLevel: options['log-level'], rows, pgbench }, null, 2));
if (rows.some((r) => !r.check.ok || r.non2xx > 0 || r.errors > 0)) process.exitCode = 1;
