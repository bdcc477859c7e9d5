/**
 * @module rules/engine/test-runner
 * Legal test cases as data (after OpenFisca's YAML tests): one case is one situation, named as a
 * sentence, with the date the law is applied at, the input, and the expected output. Expectations are
 * partial: an expected object matches when each of its keys matches; an expected array matches when
 * each expected element matches some actual element. A case may instead expect an error code.
 *
 * ```yaml
 * - name: A Bangladeshi national at the Italian border is presumed to come from a safe country
 *   on: 2026-08-01
 *   facts: { memberState: IT, person: { nationality: BD } }
 *   expect:
 *     findings:
 *       - { question: sco-presumption, country: BD, outcome: yes }
 * ```
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { isIsoDate, type IsoDate } from './dates.ts';
import { EngineError } from './errors.ts';

const ZCase = z.strictObject({
  name: z.string().min(10),
  on: z.string().refine(isIsoDate, 'not a real ISO date'),
  facts: z.unknown(),
  expect: z.record(z.string(), z.unknown()),
  comment: z.string().optional(),
  /** Legal sources the case illustrates (judgments, articles). */
  illustrates: z.array(z.string()).optional(),
});

export interface LegalCase {
  file: string;
  name: string;
  on: IsoDate;
  facts: unknown;
  expect: Record<string, unknown>;
  illustrates: string[];
}

export function loadCases(file: string, text = readFileSync(file, 'utf8')): LegalCase[] {
  let raw: unknown;
  try {
    raw = parse(text, { uniqueKeys: true });
  } catch (error) {
    throw new EngineError('INVALID_TEST_CASE', file, `not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const result = z.array(ZCase).safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new EngineError('INVALID_TEST_CASE', file, `${issue.path.join('.')}: ${issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.join(', ')}` : issue.message}`);
  }
  return result.data.map((c) => ({ file, name: c.name, on: c.on, facts: c.facts, expect: c.expect, illustrates: c.illustrates ?? [] }));
}

/**
 * Where `actual` fails to match `expected`, a path and a message; `null` when it matches.
 * @example mismatch({ a: [{ q: 1 }] }, { a: [{ q: 1, r: 2 }] }) // null
 */
export function mismatch(expected: unknown, actual: unknown, path = ''): string | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path || '(root)'}: expected a list`;
    for (const [i, item] of expected.entries()) {
      if (!actual.some((a) => mismatch(item, a) === null)) {
        // Report against the closest candidate: the one matching the most keys.
        return `${path}[${i}]: no element matches ${JSON.stringify(item)}`;
      }
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${path || '(root)'}: expected an object`;
    for (const [key, value] of Object.entries(expected)) {
      const problem = mismatch(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(expected, actual) || expected === actual ? null : `${path || '(root)'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

export interface CaseResult {
  case: LegalCase;
  passed: boolean;
  problem: string | null;
}

/** Runs cases against `run`, which returns the output or throws; an expected `error` matches the thrown code. */
export function runCases(cases: LegalCase[], run: (c: LegalCase) => unknown): CaseResult[] {
  return cases.map((c) => {
    let output: unknown;
    try {
      output = run(c);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (typeof c.expect.error === 'string') {
        return { case: c, passed: c.expect.error === code, problem: c.expect.error === code ? null : `expected error ${c.expect.error}, got ${code ?? String(error)}` };
      }
      return { case: c, passed: false, problem: `threw ${code ?? ''} ${error instanceof Error ? error.message : String(error)}` };
    }
    if (typeof c.expect.error === 'string') return { case: c, passed: false, problem: `expected error ${c.expect.error}, got an output` };
    const problem = mismatch(c.expect, output);
    return { case: c, passed: problem === null, problem };
  });
}

/**
 * Dates on which some parameter or rule version changes but no case sits on the day before and on the
 * day itself. Cases on both sides are required for every dated change (STYLE.md principle 5).
 */
export function unstraddledDates(changeDates: Iterable<IsoDate>, cases: LegalCase[], dayBefore: (d: IsoDate) => IsoDate): IsoDate[] {
  const caseDates = new Set(cases.map((c) => c.on));
  return [...new Set(changeDates)].filter((d) => !caseDates.has(d) || !caseDates.has(dayBefore(d))).sort();
}
