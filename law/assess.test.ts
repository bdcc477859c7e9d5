/**
 * @module law/assess.test
 * The batch entry points give, item for item and in order, the answers `assess` gives one at a time;
 * a finding's basis is one frozen list shared by the findings that rest on the same citations.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assess, assessEach, assessMany, type AssessItem } from './assess.ts';
import { loadLawCases } from './catalog.ts';
import { parseFacts } from './facts.ts';

/** Every legal test case whose facts are valid and whose date the law covers, as a batch item. */
function legalCaseItems(): AssessItem[] {
  const items: AssessItem[] = [];
  for (const c of loadLawCases()) {
    const parsed = parseFacts(c.facts, c.on);
    if (parsed.ok && c.on >= '2015-07-21') items.push({ facts: parsed.facts, on: c.on });
  }
  return items;
}

describe('assessEach and assessMany', () => {
  const items = legalCaseItems();

  it('answer every legal test case exactly as assess does, in order', () => {
    assert.ok(items.length > 150, `${items.length} items`);
    const seen: number[] = [];
    assessEach(items, (answer, i) => {
      seen.push(i);
      assert.deepEqual(answer, assess(items[i]!), `item ${i} (${items[i]!.on})`);
    });
    assert.deepEqual(seen, items.map((_, i) => i));
    assert.deepEqual(assessMany(items), items.map((item) => assess(item)));
  });

  it('refuse a date before the earliest law encoded, after handing over the items before it', () => {
    const early = { facts: items[0]!.facts, on: '2015-07-20' };
    const handed: number[] = [];
    assert.throws(() => assessEach([items[0]!, early, items[1]!], (_, i) => handed.push(i)), { code: 'RULE_NOT_IN_FORCE' });
    assert.deepEqual(handed, [0]);
  });

  it('share one frozen basis list between findings resting on the same citations', () => {
    const [a, b] = assessMany([items[0]!, items[0]!]);
    for (let k = 0; k < a!.findings.length; k++) {
      assert.equal(a!.findings[k]!.basis, b!.findings[k]!.basis);
      assert.ok(Object.isFrozen(a!.findings[k]!.basis));
    }
  });
});
