/**
 * Simulator benchmark (issue 8):
 *
 * 1. One simulated year of the whole EU pipeline at person level, at full scale, on one core (the run
 *    in this thread, no workers): every arrival, inland application, person found illegally present,
 *    resettled refugee and pending application of the start — about 3 million persons, of whom about
 *    a million arrive or apply in the year — with the law engine asked at lodging, at decision and at
 *    each return attempt. Target: ≤ 30 s.
 * 2. 100 Monte Carlo runs (baseline and scenario pairs, the return-hub scenario) on one worker thread,
 *    then on two, at a reduced scale (`--scale`, default 0.05) so that the pair fits in minutes; the
 *    speed-up from the second core is the ratio of the two wall times, and the two give the same numbers.
 *
 *   node --import tsx bench/sim/run.ts [--data DIR] [--runs 100] [--scale 0.05] [--months 12] [--skip-year] [--skip-mc]
 *
 * Prints one JSON document; the load average before and after each part is in it, because the machine
 * is shared.
 */
import { isDeepStrictEqual } from 'node:util';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { loadScenarioFile } from '../../src/simulation/scenario/load-scenario.ts';
import { readHistory } from '../../src/simulation/history/read-history.ts';
import { simulateRun } from '../../src/simulation/model/run.ts';
import { runMonteCarlo } from '../../src/simulation/monte-carlo.ts';
import { runSeed } from '../../src/simulation/random.ts';
import { compileOverlay } from '../../src/simulation/scenario/overlay.ts';
import { inputsFor } from '../../src/simulation/study.ts';

const DEFAULTS = { data: '../shared/data', runs: '100', scale: '0.05', months: '12', 'skip-year': 'false', 'skip-mc': 'false' };

function options(argv: string[]): typeof DEFAULTS {
  const out = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m || !(m[1]! in DEFAULTS)) throw new Error(`unknown option ${argv[i]}; options: ${Object.keys(DEFAULTS).map((k) => `--${k}`).join(' ')}`);
    const key = m[1] as keyof typeof DEFAULTS;
    out[key] = m[2] ?? (key.startsWith('skip') ? 'true' : argv[++i] ?? '');
  }
  return out;
}

const load = () => loadavg().map((l) => Math.round(l * 100) / 100);
const seconds = (from: number) => Math.round((performance.now() - from) / 100) / 10;

const opts = options(process.argv.slice(2));
const report: Record<string, unknown> = {
  date: new Date().toISOString(), node: process.version, cpus: availableParallelism(), cpu: cpus()[0]?.model, loadBefore: load(),
};

let started = performance.now();
const { history } = readHistory(opts.data);
report.historySeconds = seconds(started);

const scenarioFile = loadScenarioFile('scenarios/return-hub-3000.yaml');
if (!scenarioFile.ok) throw new Error('scenarios/return-hub-3000.yaml is not valid');
const months = Number(opts.months);
const year = { ...scenarioFile.scenario, period: { start: '2026-01-01', months } };

if (opts['skip-year'] !== 'true') {
  started = performance.now();
  const inputs = inputsFor({ history, scenario: year, scale: 1 });
  const inputsSeconds = seconds(started);
  const loadBefore = load();
  started = performance.now();
  const cpu0 = process.cpuUsage();
  const result = simulateRun({ inputs, overlay: compileOverlay(inputs, { changes: [] }), seed: runSeed(1, 0) });
  const cpu = process.cpuUsage(cpu0);
  const total = (prefix: string) => Object.entries(result.monthly).filter(([k]) => k.startsWith(`${prefix}|`)).reduce((a, [, v]) => a + v.reduce((x, y) => x + y, 0), 0);
  report.oneYear = {
    what: `baseline, full scale, ${months} months from 2026-01-01, one run in this thread`,
    wallSeconds: seconds(started), cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10, inputsSeconds,
    persons: result.conservation.persons, arrivals: total('arrivals'), applications: total('applications'), deaths: total('deaths'),
    foundIllegallyPresent: total('irregular-stay'), lawAssessments: result.law.asked, lawAnswersFromIdenticalFacts: result.law.cached,
    rssMB: Math.round(process.memoryUsage().rss / 1e6), loadBefore, loadAfter: load(),
  };
}

if (opts['skip-mc'] !== 'true') {
  const scale = Number(opts.scale);
  const runs = Number(opts.runs);
  const inputs = inputsFor({ history, scenario: year, scale });
  const timed = async (threads: number) => {
    const loadBefore = load();
    const t = performance.now();
    const paired = await runMonteCarlo({ inputs, changes: year.changes, runs, seed: 42, threads, inThread: false });
    return { threads, wallSeconds: seconds(t), loadBefore, loadAfter: load(), paired };
  };
  const one = await timed(1);
  const two = await timed(2);
  report.monteCarlo = {
    what: `${runs} runs of the return-hub-3000 scenario and its baseline (pairs), ${months} months, scale ${scale}, seed 42`,
    oneThread: { wallSeconds: one.wallSeconds, loadBefore: one.loadBefore, loadAfter: one.loadAfter },
    twoThreads: { wallSeconds: two.wallSeconds, loadBefore: two.loadBefore, loadAfter: two.loadAfter },
    speedUp: Math.round((one.wallSeconds / two.wallSeconds) * 100) / 100,
    sameNumbers: isDeepStrictEqual(one.paired, two.paired),
  };
}

report.loadAfter = load();
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
