/**
 * Law engine benchmark: assess N generated, varied fact sets (default 1,000,000) on one core, with every
 * question and deadline and no trace, and compare `border-procedure-allowed` / `border-procedure-mandatory`
 * with the same questions written as json-rules-engine rules (bench/law/peer.ts) on every fact set.
 *
 *   node --import tsx bench/law/run.ts [--count N] [--batch N] [--seed N] [--peer N|all] [--digest] [--json FILE]
 *
 * Fact sets are generated (bench/law/generate.ts) and validated with `parseFacts` in batches of
 * `--batch` before each batch is timed, so the timed loop measures assessment only and memory stays
 * bounded; generation and validation are timed separately. The timed loop is the batch API,
 * `assessEach`, which hands over each answer as it is made (the same answers as `assess`). `--peer N` runs json-rules-engine on the
 * first N fact sets of the run instead of all of them (the outcome check then covers those N only).
 * `--digest` adds an untimed pass hashing every assessment's JSON, to show that a change to the engine
 * left every answer as it was. Exit code 1 when a peer outcome differs or a fact set fails validation.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { evaluate, evaluateIn } from '../../src/rules/engine/rule.ts';
import { assess, assessEach, BASELINE, type AssessItem } from '../../law/assess.ts';
import { parseFacts } from '../../law/facts.ts';
import { borderProcedureAllowed, borderProcedureMandatory } from '../../law/questions/procedures.ts';
import { scoPresumption } from '../../law/questions/safe-country-of-origin.ts';
import { buildSituation } from '../../law/situation.ts';
import { generateFacts } from './generate.ts';
import { createPeerEngine, flatFacts, runPeer, type FlatFacts, type Outcome } from './peer.ts';

const DEFAULTS = { count: '1000000', batch: '20000', seed: '20261121', peer: 'all', digest: 'false', json: '' };

function parseOptions(argv: string[]): typeof DEFAULTS {
  const out = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m || !(m[1]! in DEFAULTS)) throw new Error(`unknown option ${argv[i]}; options: ${Object.keys(DEFAULTS).map((k) => `--${k}`).join(' ')}`);
    const key = m[1] as keyof typeof DEFAULTS;
    out[key] = m[2] ?? (key === 'digest' ? 'true' : argv[++i] ?? '');
  }
  return out;
}

function whole(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, not ${value}`);
  return n;
}

const options = parseOptions(process.argv.slice(2));
const count = whole('count', options.count);
const batchSize = Math.min(count, whole('batch', options.batch));
const seed = whole('seed', options.seed);
const peerCount = options.peer === 'all' ? count : options.peer === '0' ? 0 : Math.min(count, whole('peer', options.peer));
const withDigest = options.digest === 'true';

const RATE = 'eu/reg-2024-1348-apr/art-42-accelerated/recognition-rate-threshold';
const CODES: readonly Outcome[] = ['not-asked', 'yes', 'no', 'review'];
const code = (outcome: string | undefined) => (outcome === undefined ? 0 : outcome === 'yes' ? 1 : outcome === 'no' ? 2 : outcome === 'review' ? 3 : 4);

function peakRss(): { maxRssMb: number; vmHwmMb: number } {
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return { maxRssMb: process.resourceUsage().maxRSS / 1024, vmHwmMb: hwm ? Number(hwm[1]) / 1024 : NaN };
}

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return { nproc: availableParallelism(), cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown', node: process.version };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const now = () => performance.now();

const loadBefore = load();
const timings = { generate: 0, validate: 0, assess: 0, border: 0, adapter: 0, peer: 0, digest: 0 };
const cpuAssess = { user: 0, system: 0 };
const batchRates: number[] = [];
const batchMillis: number[] = [];
let invalid = 0;
let assessed = 0;
let findings = 0;
let deadlines = 0;
let peerRuns = 0;
let borderRuns = 0;
const mismatches: Array<{ index: number; question: string; waypoint: string; peer: string }> = [];
let mismatchCount = 0;
const outcomeTally = new Map<string, number>();
const regimeTally = { 'apd-2013': 0, 'apr-2024': 0 };
const hash = createHash('sha256');
const engine = createPeerEngine();

process.stderr.write(`[law] ${count} fact sets in batches of ${batchSize}, seed ${seed}; peer on ${peerCount}; load ${loadBefore}\n`);

for (let start = 0; start < count; start += batchSize) {
  const size = Math.min(batchSize, count - start);

  // 1–2. Generate each fact set and validate it through law/facts.ts, as every caller must; one at a
  // time, so that only the validated batch stays in memory. Both are timed apart from the main figure.
  const items: AssessItem[] = new Array(size);
  for (let i = 0; i < size; i++) {
    const t0 = now();
    const raw = generateFacts({ seed, index: start + i });
    const t1 = now();
    const parsed = parseFacts(raw.facts, raw.on);
    timings.validate += now() - t1;
    timings.generate += t1 - t0;
    if (!parsed.ok) {
      invalid++;
      throw new Error(`generated fact set ${start + i} is invalid: ${JSON.stringify(parsed.errors)}`);
    }
    items[i] = { facts: parsed.facts, on: raw.on };
  }

  // 3. The main figure: assess every fact set (all questions, deadlines, no trace) through the batch
  // API, which hands over each answer as it is made; only the counts and the two border outcomes are kept.
  const allowedCodes = new Uint8Array(size);
  const mandatoryCodes = new Uint8Array(size);
  const cpu = process.cpuUsage();
  let t = now();
  assessEach(items, (a, i) => {
    findings += a.findings.length;
    deadlines += a.deadlines.length;
    for (const f of a.findings) {
      if (f.question === 'border-procedure-allowed') allowedCodes[i] = code(f.outcome);
      else if (f.question === 'border-procedure-mandatory') mandatoryCodes[i] = code(f.outcome);
    }
  });
  const elapsed = now() - t;
  const used = process.cpuUsage(cpu);
  timings.assess += elapsed;
  cpuAssess.user += used.user / 1000;
  cpuAssess.system += used.system / 1000;
  batchRates.push(size / (elapsed / 1000));
  batchMillis.push(elapsed);
  assessed += size;

  // 4. Waypoint on the peer's two questions only (the situation, sco-presumption, then both rules).
  t = now();
  for (let i = 0; i < size; i++) {
    const { facts, on } = items[i]!;
    const values = BASELINE.at(on);
    const s = buildSituation(facts, on);
    const sco = evaluateIn(scoPresumption, s, values).outcome;
    if (facts.application === undefined) continue;
    const subject = { s, sco };
    if (code(evaluateIn(borderProcedureAllowed, subject, values).outcome) !== allowedCodes[i]
      || code(evaluateIn(borderProcedureMandatory, subject, values).outcome) !== mandatoryCodes[i]) {
      throw new Error(`fact set ${start + i}: the border questions alone answer differently from assess()`);
    }
  }
  timings.border += now() - t;
  borderRuns += size;

  // 5. The peer: adapter (flat facts), then json-rules-engine, on every fact set (or the first --peer).
  const peerSize = Math.max(0, Math.min(size, peerCount - start));
  t = now();
  const flat: FlatFacts[] = new Array(peerSize);
  for (let i = 0; i < peerSize; i++) {
    const { facts, on } = items[i]!;
    const s = buildSituation(facts, on);
    const sco = evaluate(scoPresumption, { on, facts: s, parameters: BASELINE }).outcome;
    flat[i] = flatFacts(s, sco, s.regime === 'apr-2024' ? BASELINE.value(RATE, on, null) as number : 0);
    regimeTally[s.regime]++;
  }
  timings.adapter += now() - t;
  const peerAnswers: Array<{ allowed: string; mandatory: string }> = new Array(peerSize);
  t = now();
  for (let i = 0; i < peerSize; i++) peerAnswers[i] = await runPeer(engine, flat[i]!);
  timings.peer += now() - t;
  peerRuns += peerSize;
  for (let i = 0; i < peerSize; i++) {
    const pairs: Array<[string, number, string]> = [['border-procedure-allowed', allowedCodes[i]!, peerAnswers[i]!.allowed], ['border-procedure-mandatory', mandatoryCodes[i]!, peerAnswers[i]!.mandatory]];
    for (const [question, waypoint, peer] of pairs) {
      const key = `${question} ${CODES[waypoint] ?? 'uncertain'}`;
      outcomeTally.set(key, (outcomeTally.get(key) ?? 0) + 1);
      if (CODES[waypoint] !== peer) {
        mismatchCount++;
        if (mismatches.length < 20) mismatches.push({ index: start + i, question, waypoint: CODES[waypoint] ?? 'uncertain', peer });
      }
    }
  }

  // 6. Optional: a digest of every answer, to compare engine versions.
  if (withDigest) {
    t = now();
    for (const item of items) hash.update(JSON.stringify(assess(item))).update('\n');
    timings.digest += now() - t;
  }
  process.stderr.write(`[law] ${start + size} assessed; batch ${(batchRates.at(-1)! / 1000).toFixed(0)}k/s; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB\n`);
}

const seconds = timings.assess / 1000;
const rate = assessed / seconds;
const peerPerRun = timings.peer / peerRuns;
const borderRate = borderRuns / (timings.border / 1000);
const peerRate = 1000 / peerPerRun;
const memory = peakRss();
const report = {
  date: new Date().toISOString().slice(0, 10),
  machine: machine(),
  load: { before: loadBefore, after: load() },
  count, batch: batchSize, seed,
  assess: {
    seconds: Number(seconds.toFixed(3)), perSecond: Math.round(rate), microsPerAssessment: Number((1e3 * timings.assess / assessed).toFixed(3)),
    cpuSeconds: Number(((cpuAssess.user + cpuAssess.system) / 1000).toFixed(3)),
    // After the first batch, in which the JIT warms up on the varied facts.
    steadyPerSecond: batchMillis.length > 1 ? Math.round((assessed - Math.min(batchSize, count)) / (batchMillis.slice(1).reduce((a, b) => a + b, 0) / 1000)) : null,
    batchesPerSecond: batchRates.map(Math.round),
    findings, deadlines, targetSeconds: 2, met: seconds <= 2 * (count / 1_000_000),
  },
  validate: { seconds: Number((timings.validate / 1000).toFixed(3)), microsPerFactSet: Number((1e3 * timings.validate / assessed).toFixed(2)), invalid },
  generate: { seconds: Number((timings.generate / 1000).toFixed(3)) },
  waypointBorderOnly: { perSecond: Math.round(borderRate), seconds: Number((timings.border / 1000).toFixed(3)) },
  peer: {
    runs: peerRuns, seconds: Number((timings.peer / 1000).toFixed(3)), perSecond: Math.round(peerRate), microsPerRun: Number((1e3 * peerPerRun).toFixed(2)),
    adapterMicrosPerRun: Number((1e3 * timings.adapter / Math.max(1, peerRuns)).toFixed(2)),
    mismatches: mismatchCount, firstMismatches: mismatches, regimes: regimeTally,
    outcomes: Object.fromEntries([...outcomeTally].sort()),
  },
  ratio: { fullAssessVsPeer: Number((rate / peerRate).toFixed(1)), borderOnlyVsPeer: Number((borderRate / peerRate).toFixed(1)), target: 100 },
  memory: { ...memory, limitMb: 500, met: memory.vmHwmMb <= 500 },
  ...(withDigest ? { digest: hash.digest('hex'), digestSeconds: Number((timings.digest / 1000).toFixed(1)) } : {}),
};

process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
if (mismatchCount > 0 || invalid > 0) {
  process.stderr.write(`[law] FAILED: ${mismatchCount} peer outcomes differ from Waypoint's, ${invalid} fact sets invalid\n`);
  process.exitCode = 1;
}
