/**
 * @module bench/law/equivalence
 * Shows that a change to the law engine left every answer as it was. `record` assesses a fixed body of
 * inputs with the engine as it is and stores one digest per output; `check` assesses the same inputs
 * again and names every output whose digest differs.
 *
 *   node --import tsx bench/law/equivalence.ts record|check [--file F] [--count N] [--seed N] [--show INDEX]
 *
 * The inputs, in this order (an output's index names it in a mismatch, and `--show INDEX` prints it):
 * 1. `--count` generated fact sets (bench/law/generate.ts), assessed untraced with `assess`, and every
 *    20th traced as well;
 * 2. the same facts, one in four, through `assessMany` in batches (the batch path the benchmark uses);
 * 3. one in four again, against a registry with designations, crisis authorisations and recognition
 *    rates of its own (the shape the product's database registries have);
 * 4. facts of another seed assessed on the days around every rule change (2015-07-21, 2016-03-20,
 *    2026-06-12, …), errors included (`RULE_NOT_IN_FORCE` before the earliest date);
 * 5. every legal test case (law/tests/*.yaml), untraced and traced, errors included.
 * An output is the JSON of the assessment (findings with basis and because, deadlines, trace) or of the
 * error's code and message. Digests are SHA-256, truncated to 128 bits.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { addDays } from '../../src/rules/engine/dates.ts';
import { assess, assessMany, type AssessOptions } from '../../law/assess.ts';
import { loadLawCases } from '../../law/catalog.ts';
import { parseFacts, type Facts } from '../../law/facts.ts';
import { LawRegistry } from '../../law/registry.ts';
import { generateFacts } from './generate.ts';

const DEFAULTS = { file: '/tmp/waypoint-law-equivalence.bin', count: '200000', seed: '20261121', show: '' };
const DIGEST_BYTES = 16;
/** The dates around which the answers change: the earliest date encoded, the EU–Turkey Statement, the Pact. */
const CHANGE_DATES = ['2015-07-21', '2016-03-20', '2020-03-01', '2024-02-22', '2025-11-01', '2026-06-12'];

function parseOptions(argv: string[]): { command: string } & typeof DEFAULTS {
  const [command, ...rest] = argv;
  if (command !== 'record' && command !== 'check') throw new Error('usage: equivalence.ts record|check [--file F] [--count N] [--seed N] [--show INDEX]');
  const out = { ...DEFAULTS };
  for (let i = 0; i < rest.length; i++) {
    const key = rest[i]!.replace(/^--/, '') as keyof typeof DEFAULTS;
    if (!(key in DEFAULTS)) throw new Error(`unknown option ${rest[i]}`);
    out[key] = rest[++i] ?? '';
  }
  return { command, ...out };
}

/** The output of one assessment: its JSON, or the error's code and message. */
function outcome(run: () => unknown): string {
  try {
    return JSON.stringify(run());
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return JSON.stringify({ error: e.code ?? 'unknown', message: e.message });
  }
}

/** A registry like the product's: Union and national designations, crisis authorisations, recognition rates. */
function richRegistry(): LawRegistry {
  return new LawRegistry({
    designations: [
      { country: 'BD', kind: 'safe-country-of-origin', level: 'eu', from: '2026-06-12' },
      { country: 'GE', kind: 'safe-country-of-origin', level: 'national', memberState: 'IT', from: '2019-10-07', exceptions: { regions: ['Abkhazia'] } },
      { country: 'TN', kind: 'safe-country-of-origin', level: 'national', memberState: 'GR', from: '2021-06-07', to: '2026-12-31', exceptions: { categories: ['lgbti'] } },
      { country: 'TR', kind: 'safe-third-country', level: 'national', memberState: 'GR', from: '2021-06-07' },
      { country: 'RS', kind: 'safe-third-country', level: 'eu', from: '2026-06-12' },
    ],
    crisisAuthorisations: [
      { memberState: 'IT', kind: 'mass-arrival', from: '2026-07-01', to: '2027-06-30', derogations: ['registration-4-weeks', 'border-procedure-plus-6-weeks'] },
      { memberState: 'PL', kind: 'instrumentalisation', from: '2026-09-01', to: '2027-02-28', derogations: ['border-procedure-relief', 'closure-of-crossing-points'], extension: true },
    ],
    recognitionRates: ['BD', 'TN', 'EG', 'MA', 'TR', 'AL', 'RS', 'UA', 'GE', 'SY', 'AF', 'PK', 'NG'].flatMap((nationality, k) =>
      [2022, 2023, 2024, 2025, 2026].map((year) => ({ nationality, year, rate: ((k * 37 + year * 11) % 100) / 100 }))),
  });
}

interface Input {
  kind: string;
  run: () => unknown;
}

/** Every input, in order, as a thunk that assesses it. */
function* inputs(count: number, seed: number): Generator<Input> {
  const BATCH = 5_000;
  const valid: Array<{ facts: Facts; on: string }> = [];
  for (let i = 0; i < count; i++) {
    const raw = generateFacts({ seed, index: i });
    const parsed = parseFacts(raw.facts, raw.on);
    if (!parsed.ok) throw new Error(`generated fact set ${i} is invalid`);
    const item = { facts: parsed.facts, on: raw.on };
    yield { kind: `generated ${i}`, run: () => assess(item) };
    if (i % 20 === 0) yield { kind: `generated ${i} traced`, run: () => assess({ ...item, trace: true }) };
    if (i % 4 === 0) valid.push(item);
  }
  // The batch path: each batch's answers one by one, in order.
  for (let start = 0; start < valid.length; start += BATCH) {
    const answers = assessMany(valid.slice(start, start + BATCH));
    for (let k = 0; k < answers.length; k++) yield { kind: `batch ${start + k}`, run: () => answers[k] };
  }
  const registry = richRegistry();
  for (const [k, item] of valid.entries()) {
    yield { kind: `registry ${k}`, run: () => assess({ ...item, registry }) };
    if (k % 20 === 0) yield { kind: `registry ${k} traced`, run: () => assess({ ...item, registry, trace: true }) };
  }
  // Facts of another seed on the days around each change date (those whose own dates fall after it are skipped).
  for (let i = 0; i < count / 10; i++) {
    const raw = generateFacts({ seed: seed + 1, index: i });
    const change = CHANGE_DATES[i % CHANGE_DATES.length]!;
    const on = addDays(change, (i % 3) - 1);
    const parsed = parseFacts(raw.facts, on);
    if (!parsed.ok) continue;
    const options: AssessOptions = { facts: parsed.facts, on, trace: i % 10 === 0 };
    yield { kind: `around ${change} ${i}`, run: () => assess(options) };
  }
  for (const c of loadLawCases()) {
    const parsed = parseFacts(c.facts, c.on);
    for (const trace of [false, true]) {
      yield { kind: `legal case ${c.name}${trace ? ' traced' : ''}`, run: () => (parsed.ok ? assess({ facts: parsed.facts, on: c.on, trace }) : { invalid: parsed.errors }) };
    }
  }
}

const options = parseOptions(process.argv.slice(2));
const count = Number(options.count);
const seed = Number(options.seed);
const recorded = options.command === 'check' ? readFileSync(options.file) : null;
const header = JSON.stringify({ count, seed });
const headerBytes = Buffer.byteLength(header) + 1;
if (recorded && recorded.subarray(0, headerBytes - 1).toString() !== header) {
  throw new Error(`${options.file} was recorded with ${recorded.subarray(0, headerBytes - 1).toString()}, not ${header}`);
}

const digests: Buffer[] = [Buffer.from(`${header}\n`)];
let index = 0;
let differ = 0;
const started = performance.now();
for (const input of inputs(count, seed)) {
  const json = outcome(input.run);
  if (options.show !== '' && index === Number(options.show)) process.stdout.write(`${input.kind}\n${json}\n`);
  const digest = createHash('sha256').update(json).digest().subarray(0, DIGEST_BYTES);
  if (recorded) {
    const at = headerBytes + index * DIGEST_BYTES;
    if (at + DIGEST_BYTES > recorded.length || !digest.equals(recorded.subarray(at, at + DIGEST_BYTES))) {
      if (differ++ < 20) process.stderr.write(`[equivalence] output ${index} (${input.kind}) differs\n`);
    }
  } else digests.push(digest);
  index++;
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (recorded) {
  const expected = (recorded.length - headerBytes) / DIGEST_BYTES;
  if (expected !== index) process.stderr.write(`[equivalence] ${expected} outputs were recorded, ${index} produced\n`);
  process.stdout.write(`[equivalence] ${index} outputs checked in ${seconds} s: ${differ} differ\n`);
  if (differ > 0 || expected !== index) process.exitCode = 1;
} else {
  writeFileSync(options.file, Buffer.concat(digests));
  process.stdout.write(`[equivalence] ${index} outputs recorded in ${seconds} s to ${options.file}\n`);
}
