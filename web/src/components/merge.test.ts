/** Three-way merge of a stale edit: nothing anybody changed is lost unless the user chooses so. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyMerge, planMerge, sameJson } from './merge.ts';

const value = fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 }), fc.constant(null), fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }));
const record = fc.dictionary(fc.constantFrom('note', 'status', 'from', 'to'), value);

describe('planMerge and applyMerge', () => {
  it('separates fields changed by one side from fields changed by both', () => {
    const plan = planMerge({ a: 1, b: 1, c: 1, d: { x: 1 } }, { a: 2, b: 1, c: 5, d: { x: 1 } }, { a: 1, b: 3, c: 6, d: { x: 2 } });
    assert.deepEqual(plan.mineOnly, ['a']);
    assert.deepEqual(plan.theirsOnly, ['b', 'd.x']);
    assert.deepEqual(plan.conflicts.map((c) => [c.path, c.mine, c.theirs]), [['c', 5, 6]]);
    assert.deepEqual(applyMerge(plan), { a: 2, b: 3, c: 6, d: { x: 2 } });
    assert.deepEqual(applyMerge(plan, { c: 'mine' }), { a: 2, b: 3, c: 5, d: { x: 2 } });
  });

  it('treats the same change on both sides as no conflict, and lists as whole values', () => {
    const plan = planMerge({ tags: ['a'] }, { tags: ['a', 'b'] }, { tags: ['a', 'b'] });
    assert.deepEqual(plan.conflicts, []);
    assert.deepEqual(applyMerge(plan), { tags: ['a', 'b'] });
  });

  it('removes a field the user removed when nobody else touched it', () => {
    assert.deepEqual(applyMerge(planMerge({ a: 1, b: 2 }, { a: 1 }, { a: 1, b: 2, c: 3 })), { a: 1, c: 3 });
  });

  it('keeps every change of the other person when the user changed nothing', () => {
    fc.assert(fc.property(record, record, (base, theirs) => sameJson(applyMerge(planMerge(base, base, theirs)), theirs)));
  });

  it('applies every change of the user when nobody else changed anything', () => {
    fc.assert(fc.property(record, record, (base, mine) => sameJson(applyMerge(planMerge(base, mine, base)), mine)));
  });

  it('gives each conflicting field the side chosen, and every other field its only change', () => {
    fc.assert(fc.property(record, record, record, (base, mine, theirs) => {
      const plan = planMerge(base, mine, theirs);
      const mineWins = applyMerge(plan, Object.fromEntries(plan.conflicts.map((c) => [c.path, 'mine' as const])));
      const theirsWins = applyMerge(plan);
      return plan.conflicts.every((c) => sameJson(mineWins[c.path], c.mine) && sameJson(theirsWins[c.path], c.theirs))
        && plan.theirsOnly.every((p) => sameJson(mineWins[p], theirs[p]))
        && plan.mineOnly.every((p) => sameJson(theirsWins[p], mine[p]));
    }));
  });
});
