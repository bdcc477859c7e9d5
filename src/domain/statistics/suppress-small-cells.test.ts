/**
 * Small-cell protection: suppressed or rounded cells are marked, zero is shown, secondary suppression
 * keeps a lone hidden cell from being recovered from a group's total.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suppressSmallCells } from './suppress-small-cells.ts';

const rows = [
  { month: '2026-05', nationality: 'ER', cases: 3, transfers: 0 },
  { month: '2026-05', nationality: 'SY', cases: 12, transfers: 7 },
  { month: '2026-05', nationality: 'AF', cases: 9, transfers: 5 },
  { month: '2026-06', nationality: 'ER', cases: 0, transfers: 1 },
  { month: '2026-06', nationality: 'SY', cases: 4, transfers: 2 },
];

describe('suppressSmallCells', () => {
  it('suppresses counts from 1 to threshold − 1 and marks them, leaving zero and larger counts alone', () => {
    const result = suppressSmallCells({ rows, fields: ['cases', 'transfers'] });
    assert.equal(result.threshold, 5);
    assert.deepEqual(result.rows[0], { month: '2026-05', nationality: 'ER', cases: null, transfers: 0, protection: { cases: 'suppressed' } });
    assert.deepEqual(result.rows[1], rows[1]);
    assert.deepEqual(result.rows[3], { month: '2026-06', nationality: 'ER', cases: 0, transfers: null, protection: { transfers: 'suppressed' } });
    assert.deepEqual(result.rows[4], { month: '2026-06', nationality: 'SY', cases: null, transfers: null, protection: { cases: 'suppressed', transfers: 'suppressed' } });
    assert.equal(result.protectedCells, 4);
    assert.deepEqual(rows[0]!.cases, 3, 'the input is not changed');
  });

  it('takes a configurable threshold', () => {
    const result = suppressSmallCells({ rows, fields: ['cases'], threshold: 10 });
    assert.deepEqual(result.rows.map((r) => r.cases), [null, 12, null, 0, null]);
  });

  it('hides a second cell where a group would otherwise reveal the suppressed one by subtraction', () => {
    const result = suppressSmallCells({ rows, fields: ['cases'], group: (r) => r.month });
    // May: ER (3) is suppressed alone, so the next smallest positive count, AF (9), is hidden too.
    assert.deepEqual(result.rows.filter((r) => r.month === '2026-05').map((r) => r.cases), [null, 12, null]);
    assert.equal(result.rows[2]!.protection?.cases, 'suppressed');
    // June: SY (4) is the only positive count: nothing else to hide (the zero stays).
    assert.deepEqual(result.rows.filter((r) => r.month === '2026-06').map((r) => r.cases), [0, null]);
  });

  it('rounds to a base instead, marking the cells that changed', () => {
    const result = suppressSmallCells({ rows, fields: ['cases'], mode: 'round', base: 5 });
    assert.deepEqual(result.rows.map((r) => r.cases), [5, 10, 10, 0, 5]);
    assert.deepEqual(result.rows.map((r) => r.protection?.cases ?? null), ['rounded', 'rounded', 'rounded', null, 'rounded']);
  });

  it('refuses a threshold or base that is not a positive integer', () => {
    assert.throws(() => suppressSmallCells({ rows, fields: ['cases'], threshold: 0 }), RangeError);
    assert.throws(() => suppressSmallCells({ rows, fields: ['cases'], mode: 'round', base: 2.5 }), RangeError);
  });
});
