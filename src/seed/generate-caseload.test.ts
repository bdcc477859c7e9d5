/**
 * The synthetic caseload: the same seed gives the same cases; every case is a valid import row of an
 * invented person; and on a large sample the Member States, nationalities, sex and ages are those of
 * the statistics it is drawn from (a chi-square test at the 0.1 % level, and a bound on each share),
 * from the shared data folder when it is there and from the built-in excerpt always.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRowValue } from '../domain/bulk/case-row.ts';
import { BUILT_IN_DISTRIBUTION, loadCaseloadDistribution, type CaseloadDistribution } from './caseload-distribution.ts';
import { generateCaseload, type GeneratedCase } from './generate-caseload.ts';
import { namePoolOf } from './names.ts';

const DATA_DIR = '../shared/data';
const HAS_DATA = existsSync(DATA_DIR);
const SAMPLE = 100_000;

/** The 0.999 quantile of the chi-square distribution with `df` degrees of freedom (Wilson–Hilferty). */
function chiSquareCritical(df: number): number {
  const z = 3.0902;
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

/**
 * Pearson's chi-square of observed counts against expected shares; categories expected fewer than 5
 * times are pooled into one, as the test requires.
 */
function chiSquare(observed: Map<string, number>, expected: Map<string, number>, n: number): { statistic: number; df: number } {
  let statistic = 0;
  let df = -1;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (const [key, share] of expected) {
    const e = share * n;
    const o = observed.get(key) ?? 0;
    if (e < 5) { pooledObserved += o; pooledExpected += e; continue; }
    statistic += (o - e) ** 2 / e;
    df++;
  }
  if (pooledExpected > 0) { statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected; df++; }
  for (const key of observed.keys()) assert.ok(expected.has(key), `${key} was drawn but has no weight`);
  return { statistic, df };
}

function shares<T>(cells: readonly T[], keyOf: (c: T) => string, weightOf: (c: T) => number): Map<string, number> {
  const totals = new Map<string, number>();
  let all = 0;
  for (const c of cells) { totals.set(keyOf(c), (totals.get(keyOf(c)) ?? 0) + weightOf(c)); all += weightOf(c); }
  return new Map([...totals].map(([k, v]) => [k, v / all]));
}

function tally(cases: GeneratedCase[], keyOf: (c: GeneratedCase) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(keyOf(c), (counts.get(keyOf(c)) ?? 0) + 1);
  return counts;
}

function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

/** Checks a large sample against the distribution it was drawn from. */
function checkAgainst(distribution: CaseloadDistribution): void {
  const cases = [...generateCaseload({ distribution, seed: 42, count: SAMPLE })];
  const fit = (name: string, observed: Map<string, number>, expected: Map<string, number>) => {
    const { statistic, df } = chiSquare(observed, expected, SAMPLE);
    assert.ok(statistic < chiSquareCritical(df), `${name}: chi-square ${statistic.toFixed(1)} with ${df} degrees of freedom exceeds ${chiSquareCritical(df).toFixed(1)}`);
    for (const [key, share] of expected) {
      assert.ok(Math.abs((observed.get(key) ?? 0) / SAMPLE - share) < 0.006, `${name} ${key}: ${((observed.get(key) ?? 0) / SAMPLE).toFixed(4)} drawn, ${share.toFixed(4)} in the statistics`);
    }
  };
  const weight = (c: { weight: number }) => c.weight;
  fit('Member State × nationality × sex', tally(cases, (c) => `${c.memberState}:${c.row.person.nationality}:${c.row.person.sex ?? '?'}`),
    shares(distribution.applicants, (c) => `${c.memberState}:${c.nationality}:${c.sex ?? '?'}`, weight));
  fit('nationality', tally(cases, (c) => c.row.person.nationality), shares(distribution.applicants, (c) => c.nationality, weight));
  fit('Member State', tally(cases, (c) => c.memberState), shares(distribution.applicants, (c) => c.memberState, weight));
  // Age classes: each cell's people spread over its Member State's classes for its sex.
  const expectedAges = new Map<string, number>();
  const cellShares = shares(distribution.applicants, (c) => `${c.memberState}:${c.sex ?? 'T'}`, weight);
  for (const [key, share] of cellShares) {
    const sex = key.split(':')[1]!;
    const bands = distribution.ages[key] ?? distribution.ages[`EU:${sex}`]!;
    const total = bands.reduce((a, b) => a + b.weight, 0);
    for (const b of bands) expectedAges.set(`${b.from}-${b.to}`, (expectedAges.get(`${b.from}-${b.to}`) ?? 0) + share * b.weight / total);
  }
  fit('age class', tally(cases, (c) => {
    const age = ageOn(c.row.person.birthDate!, '2026-11-21');
    const key = [...expectedAges.keys()].find((k) => { const [from, to] = k.split('-').map(Number); return age >= from! && age <= to!; });
    return key ?? `age ${age}`;
  }), expectedAges);
}

describe('the synthetic caseload', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const draw = (seed: number) => [...generateCaseload({ distribution: BUILT_IN_DISTRIBUTION, seed, count: 500, returnShare: 0.2 })];
    assert.deepEqual(draw(7), draw(7));
    assert.notDeepEqual(draw(7), draw(8));
  });

  it('is made of valid import rows of invented people, in the Member States asked for', () => {
    const cases = [...generateCaseload({ distribution: BUILT_IN_DISTRIBUTION, seed: 3, count: 2000, memberStates: ['IT', 'GR'], returnShare: 0.3 })];
    assert.deepEqual([...new Set(cases.map((c) => c.memberState))].sort(), ['GR', 'IT']);
    assert.equal(new Set(cases.map((c) => c.row.externalRef)).size, cases.length);
    for (const { row } of cases) {
      const parsed = parseRowValue(row);
      assert.ok(parsed.ok, JSON.stringify(parsed));
      assert.deepEqual(parsed.row, row, 'nothing to normalise');
      const pool = namePoolOf(row.person.nationality);
      for (const name of row.person.givenNames.split(' ')) assert.ok([...pool.male, ...pool.female].includes(name), name);
      assert.ok(pool.family.includes(row.person.familyName), row.person.familyName);
      assert.equal(row.kind === 'return', row.recordType === 'illegal-stay');
    }
    const returns = cases.filter((c) => c.row.kind === 'return').length / cases.length;
    assert.ok(Math.abs(returns - 0.3) < 0.04, `returns: ${returns}`);
  });

  it('follows the built-in statistics on a large sample', () => {
    checkAgainst(BUILT_IN_DISTRIBUTION);
  });

  it('follows the statistics of the shared data folder on a large sample', { skip: HAS_DATA ? false : `${DATA_DIR} is absent` }, () => {
    const distribution = loadCaseloadDistribution(DATA_DIR);
    assert.notEqual(distribution, BUILT_IN_DISTRIBUTION);
    assert.deepEqual(distribution.sources.map((s) => s.period), ['2024', '2022', '2023'], 'the latest year of each file');
    assert.equal(new Set(distribution.applicants.map((c) => c.memberState)).size, 27);
    checkAgainst(distribution);
  });

  it('falls back to the built-in statistics without the folder', () => {
    assert.equal(loadCaseloadDistribution(null), BUILT_IN_DISTRIBUTION);
    assert.equal(loadCaseloadDistribution('/nonexistent/folder'), BUILT_IN_DISTRIBUTION);
  });
});
