/**
 * The legal test cases (law/tests/*.yaml) as part of `npm test`: every case passes, every dated change
 * has cases on the day before and the day of, every question is exercised under both regimes, and every
 * CJEU holding of LAW.md §9 has cases.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUESTIONS } from '../finding.ts';
import { loadLawCases, missingStraddles, runLawCases } from '../catalog.ts';

const cases = loadLawCases();
const results = runLawCases(cases);

describe('legal test cases', () => {
  for (const result of results) {
    it(`${result.case.name} (${result.case.on})`, () => {
      assert.equal(result.problem, null, result.problem ?? '');
    });
  }

  it('number at least 150', () => {
    assert.ok(cases.length >= 150, `${cases.length} cases`);
  });

  it('sit on the day before and the day of every dated change of a rule or parameter', () => {
    assert.deepEqual(missingStraddles(cases), []);
  });

  it('exercise every question under the Directive and under the Pact', () => {
    const seen = new Set<string>();
    for (const c of cases) {
      const findings = (c.expect.findings ?? []) as Array<{ question?: string }>;
      const regime = c.on < '2026-06-12' || String((c.facts as { application?: { madeOn?: string } })?.application?.madeOn ?? c.on) < '2026-06-12' ? 'apd' : 'apr';
      for (const f of findings) if (f.question) seen.add(`${f.question}@${regime}`);
    }
    const missing = QUESTIONS.flatMap((q) => ['apd', 'apr'].map((r) => `${q}@${r}`)).filter((k) => !seen.has(k));
    assert.deepEqual(missing, []);
  });

  it('illustrate every CJEU holding of LAW.md §9', () => {
    const holdings = ['C-924/19', 'C-564/18', 'C-134/23', 'C-406/22', 'C-758/24', 'C-808/18', 'C-72/22', 'C-823/21'];
    const illustrated = new Set(cases.flatMap((c) => c.illustrates));
    assert.deepEqual(holdings.filter((h) => ![...illustrated].some((i) => i.startsWith(h))), []);
  });
});
