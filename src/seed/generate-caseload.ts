/**
 * @module seed/generate-caseload
 * Synthetic cases for the demo and the benchmarks: each an import row (`domain/bulk/case-row.ts`)
 * whose Member State, nationality and sex are drawn from the asylum applicants of the latest year,
 * age from the applicants' ages in that Member State for that sex, and — for return cases — the
 * nationality from the persons that Member State returned (`caseload-distribution.ts`). Names are
 * invented (`names.ts`). The same seed gives the same cases, on every machine.
 */
import type { CaseImportRow } from '../domain/bulk/case-row.ts';
import type { AgeBand, CaseloadDistribution, Sex } from './caseload-distribution.ts';
import { languageOf, namePoolOf } from './names.ts';

/** Mulberry32: a small seeded pseudo-random generator (32-bit state), uniform on [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws items with probability proportional to their weight (cumulative weights, binary search). */
export class WeightedSampler<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly T[], weightOf: (item: T) => number) {
    let sum = 0;
    for (const item of items) this.cumulative.push(sum += weightOf(item));
    this.total = sum;
    if (!(sum > 0)) throw new Error('nothing to draw from: every weight is zero');
  }

  draw(random: () => number): T {
    const target = random() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid; else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

export interface GenerateCaseloadOptions {
  distribution: CaseloadDistribution;
  seed: number;
  count: number;
  /** Only these Member States (the distribution restricted to them); default all. */
  memberStates?: readonly string[];
  /** Share of return cases (0 to 1); the rest are asylum cases. Default 0. */
  returnShare?: number;
  /** Ages are reached on this day (default 2026-11-21), so the birth dates do not move with the clock. */
  on?: string;
  /** Prefix of the rows' external references; default `SYN-<seed>-`. */
  refPrefix?: string;
}

export interface GeneratedCase {
  memberState: string;
  row: CaseImportRow;
}

const DAY = 86_400_000;

/** A birth date of someone `age` years old on `on`: any day of that year of life, uniformly. */
function birthDateFor(on: Date, age: number, random: () => number): string {
  const latest = Date.UTC(on.getUTCFullYear() - age, on.getUTCMonth(), on.getUTCDate());
  const earliest = Date.UTC(on.getUTCFullYear() - age - 1, on.getUTCMonth(), on.getUTCDate()) + DAY;
  return new Date(earliest + Math.floor(random() * ((latest - earliest) / DAY + 1)) * DAY).toISOString().slice(0, 10);
}

/** Per Member State (and `EU` for all), applicants who are men and applicants of known sex. */
function sexTotals(distribution: CaseloadDistribution): Array<[string, number, number]> {
  const totals = new Map<string, [number, number]>([['EU', [0, 0]]]);
  for (const c of distribution.applicants) {
    if (!c.sex) continue;
    for (const key of [c.memberState, 'EU']) {
      const t = totals.get(key) ?? [0, 0];
      t[0] += c.sex === 'M' ? c.weight : 0;
      t[1] += c.weight;
      totals.set(key, t);
    }
  }
  return [...totals].map(([key, [men, all]]) => [key, men, all]);
}

function restrict<T extends { memberState: string }>(cells: readonly T[], memberStates: ReadonlySet<string> | null): T[] {
  return memberStates ? cells.filter((c) => memberStates.has(c.memberState)) : [...cells];
}

/**
 * The cases, one at a time (a million fit in no array worth holding).
 * @example for (const { memberState, row } of generateCaseload({ distribution, seed: 7, count: 300, memberStates: ['IT'] })) …
 */
export function* generateCaseload({ distribution, seed, count, memberStates, returnShare = 0, on = '2026-11-21', refPrefix = `SYN-${seed}-` }: GenerateCaseloadOptions): Generator<GeneratedCase> {
  const only = memberStates ? new Set(memberStates) : null;
  const applicants = new WeightedSampler(restrict(distribution.applicants, only), (c) => c.weight);
  const returnCells = restrict(distribution.returns, only);
  const returns = returnShare > 0 && returnCells.length > 0 ? new WeightedSampler(returnCells, (c) => c.weight) : null;
  const ageSamplers = new Map<string, WeightedSampler<AgeBand>>();
  const agesOf = (memberState: string, sex: Sex | null): WeightedSampler<AgeBand> => {
    const key = `${memberState}:${sex ?? 'T'}`;
    let sampler = ageSamplers.get(key);
    if (!sampler) {
      const bands = distribution.ages[key] ?? distribution.ages[`EU:${sex ?? 'T'}`] ?? distribution.ages['EU:M']!;
      sampler = new WeightedSampler(bands, (b) => b.weight);
      ageSamplers.set(key, sampler);
    }
    return sampler;
  };
  const menShare = new Map<string, number>();
  for (const [memberState, men, all] of sexTotals(distribution)) menShare.set(memberState, men / all);
  const random = seededRandom(seed);
  const day = new Date(`${on}T00:00:00Z`);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (let i = 0; i < count; i++) {
    const isReturn = returns !== null && random() < returnShare;
    let memberState: string;
    let nationality: string;
    let sex: Sex | null;
    if (isReturn) {
      ({ memberState, nationality } = returns.draw(random));
      // Returns are not published by sex: the Member State's applicants' share of men stands in.
      sex = random() < (menShare.get(memberState) ?? menShare.get('EU')!) ? 'M' : 'F';
    } else {
      ({ memberState, nationality, sex } = applicants.draw(random));
    }
    const band = agesOf(memberState, sex).draw(random);
    const age = band.from + Math.floor(random() * (band.to - band.from + 1));
    const pool = namePoolOf(nationality);
    const given = sex === 'F' ? pool.female : sex === 'M' ? pool.male : random() < 0.5 ? pool.male : pool.female;
    const givenNames = random() < 0.2 ? `${pick(given)} ${pick(given)}` : pick(given);
    yield {
      memberState,
      row: {
        externalRef: `${refPrefix}${i + 1}`,
        kind: isReturn ? 'return' : 'asylum',
        unitId: isReturn ? 'return' : 'asylum',
        recordType: isReturn ? 'illegal-stay' : 'applicant',
        person: {
          givenNames, familyName: pick(pool.family), nationality, birthDate: birthDateFor(day, age, random),
          ...(sex ? { sex } : {}), languages: [languageOf(nationality)],
        },
      },
    };
  }
}
