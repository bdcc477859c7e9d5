/**
 * Memory benchmark: N audited writes (`POST /api/cases`, default 100,000) through the real server on
 * the PostgreSQL server engine, then the server process's resident set size (VmRSS from
 * /proc/<pid>/status, with /metrics' process_resident_memory_bytes beside it) and its peak (VmHWM).
 *
 *   node --import tsx bench/memory.ts [--writes N] [--connections N] [--max-seconds S] [--log-level warn] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import {
  checkWrites, createServerDatabase, loadAverage, loadCases, parseOptions, positive, prepareDatabase, rssOf, startServer, tokensFor,
} from './support.ts';

const options = parseOptions(process.argv.slice(2), { writes: '100000', connections: '32', 'max-seconds': '1200', 'log-level': 'warn', json: '' });
const writes = Math.round(positive('writes', options.writes));
const connections = Math.round(positive('connections', options.connections));
const maxSeconds = positive('max-seconds', options['max-seconds']);
const LIMIT_MB = 300;
const mb = (bytes: number) => bytes / 2 ** 20;

async function metricsRss(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^waypoint_process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? NaN);
}

const database = await createServerDatabase('wp_bench_mem');
const loadBefore = loadAverage();
try {
  await prepareDatabase(database);
  const server = await startServer(database, { logLevel: options['log-level'] });
  const opened = new Set<string>();
  let result;
  const samples: number[] = [];
  let idle: { rss: number; peak: number };
  let after: { rss: number; peak: number };
  let afterMetrics: number;
  try {
    const tokens = await tokensFor(server.url);
    idle = rssOf(server.pid);
    process.stderr.write(`[memory] ${writes} writes, ${connections} connections, at most ${maxSeconds} s; RSS at start ${mb(idle.rss).toFixed(0)} MB (load ${loadAverage()})\n`);
    const sampler = setInterval(() => {
      samples.push(rssOf(server.pid).rss);
      if (samples.length % 30 === 0) process.stderr.write(`[memory] ${opened.size} written, RSS ${mb(samples.at(-1)!).toFixed(0)} MB\n`);
    }, 1000);
    try {
      result = await loadCases({ url: server.url, tokens, connections, amount: writes, maxSeconds, opened });
    } finally { clearInterval(sampler); }
    await new Promise((r) => setTimeout(r, 2000));
    after = rssOf(server.pid);
    afterMetrics = await metricsRss(server.url);
  } finally {
    await server.stop();
  }
  const check = await checkWrites(database, opened, connections);
  const rssMb = mb(after.rss);
  const lines = [
    '',
    `memory: ${new Date().toISOString()}  ${result['2xx']} writes answered 2xx of ${writes} requested, ${connections} connections, ${result.duration.toFixed(0)} s `
      + `(${(result['2xx'] / result.duration).toFixed(0)} writes/s), LOG_LEVEL=${options['log-level']}; load average before ${loadBefore}, after ${loadAverage()}`,
    '',
    '| server RSS at start | RSS after the writes (VmRSS) | /metrics process_resident_memory_bytes | peak (VmHWM) | max sampled | limit | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| ${mb(idle.rss).toFixed(0)} MB | ${rssMb.toFixed(0)} MB | ${mb(afterMetrics).toFixed(0)} MB | ${mb(after.peak).toFixed(0)} MB | ${mb(Math.max(...samples)).toFixed(0)} MB | ${LIMIT_MB} MB | ${rssMb <= LIMIT_MB ? 'yes' : 'no'} |`,
    '',
    `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}; writes checked: ${check.ok ? 'ok' : 'FAILED'} `
      + `(${check.cases} cases, ${check.events} audit events, ${check.missing} answered but missing, ${check.unanswered} committed unanswered); audit verify: ${check.auditVerify.output}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  if (options.json) writeFileSync(options.json, JSON.stringify({ writes, connections, idle, after, afterMetrics, samples, result, check }, null, 2));
  if (!check.ok || result['2xx'] < writes || rssMb > LIMIT_MB) process.exitCode = 1;
} finally {
  await database.drop();
}
