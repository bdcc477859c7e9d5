/**
 * @module law/catalog
 * The catalogue of the law in force on a date: every rule with the version that answers and its basis,
 * every parameter with its value and citations; and the instruments with their dates.
 */
import { addDays, type IsoDate } from '../src/rules/engine/dates.ts';
import { valueEntryAt } from '../src/rules/engine/parameters.ts';
import { appliesOn } from '../src/rules/engine/instruments.ts';
import { loadCases, runCases, unstraddledDates, type CaseResult, type LegalCase } from '../src/rules/engine/test-runner.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assess, BASELINE, RULES } from './assess.ts';
import { INSTRUMENTS, LAW_DIR } from './cite.ts';
import { parseFacts } from './facts.ts';
import { EARLIEST_DATE } from './situation.ts';

export function rulesOn(on: IsoDate) {
  return {
    on,
    rules: RULES.map((rule) => {
      const version = rule.versionOn(on);
      return {
        id: rule.id, label: rule.label, inForce: version !== null && on >= EARLIEST_DATE,
        version: version?.from ?? null, end: rule.end ?? null,
        basis: version ? version.basis : [],
        versions: rule.versions.map((v) => v.from),
      };
    }),
    parameters: BASELINE.all().map((p) => {
      const entry = valueEntryAt(p, on);
      return {
        id: p.id, description: p.description, unit: p.unit, inForce: entry !== null,
        value: entry?.value ?? null, from: entry?.from ?? null, reference: entry?.reference ?? [],
        lastValueStillValidOn: entry?.lastValueStillValidOn ?? null,
      };
    }),
  };
}

export function instrumentsWithStatus(on: IsoDate) {
  return INSTRUMENTS.map((i) => ({ ...i, appliesOn: appliesOn(i, on) }));
}

/** Every date on which a rule version or a parameter value takes effect, from the earliest date encoded. */
export function changeDates(): IsoDate[] {
  const dates = new Set<IsoDate>();
  for (const rule of RULES) for (const v of rule.versions) dates.add(v.from);
  for (const p of BASELINE.all()) for (const v of p.values) dates.add(v.from);
  dates.add(EARLIEST_DATE);
  return [...dates].filter((d) => d >= EARLIEST_DATE).sort();
}

export const TESTS_DIR = join(LAW_DIR, 'tests');

export function loadLawCases(files?: string[]): LegalCase[] {
  const list = files ?? readdirSync(TESTS_DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(TESTS_DIR, f));
  return list.flatMap((f) => loadCases(f));
}

/** Runs legal cases through the full pipeline (validation, then assessment). */
export function runLawCases(cases: LegalCase[]): CaseResult[] {
  return runCases(cases, (c) => {
    const parsed = parseFacts(c.facts, c.on);
    if (!parsed.ok) throw Object.assign(new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')), { code: 'INVALID_FACTS' });
    return assess({ facts: parsed.facts, on: c.on });
  });
}

export function missingStraddles(cases: LegalCase[]): IsoDate[] {
  return unstraddledDates(changeDates(), cases, (d) => addDays(d, -1));
}
