/**
 * The protection of indicators from case data, for any counts and thresholds (fast-check): no count
 * from 1 to threshold − 1 is ever shown, a suppressed cell is null and marked (never 0), every cell
 * left alone is the input, no month shows exactly one hidden cell of a field while another positive
 * cell could give it away, a rate is given only from unsuppressed inputs, and the coverage names
 * exactly the months and Member States of the rows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { caseAnswer, protectedRate, protectRows, type CaseStatisticsView } from './case-indicators.ts';

const FIELDS = ['met', 'late', 'missed'] as const;
type Row = { memberState: string; month: string; met: number; late: number; missed: number };

const rowArb = fc.record({
  memberState: fc.constantFrom('IT', 'GR', 'ES', 'DE'),
  month: fc.constantFrom('2026-06', '2026-07', '2026-08'),
  met: fc.nat({ max: 12 }), late: fc.nat({ max: 12 }), missed: fc.nat({ max: 12 }),
});
// One row per Member State and month, as the queries return them.
const rowsArb = fc.uniqueArray(rowArb, { selector: (r) => `${r.memberState}|${r.month}`, maxLength: 12 });

describe('protectRows and protectedRate', () => {
  it('never shows a small count, marks every suppressed cell as null, and leaves every other cell as it was', () => {
    fc.assert(fc.property(rowsArb, fc.integer({ min: 1, max: 6 }), (rows, threshold) => {
      const { rows: out, protectedCells } = protectRows<Row>({ rows, fields: [...FIELDS], threshold, group: (r) => r.month });
      let marked = 0;
      out.forEach((row, i) => {
        for (const f of FIELDS) {
          const input = rows[i]![f];
          if (row.protection?.[f] === 'suppressed') {
            marked += 1;
            assert.equal(row[f], null, 'a suppressed cell has no value (never 0)');
            assert.ok(input > 0, 'zero is never suppressed');
          } else {
            assert.equal(row[f], input);
            assert.ok(input === 0 || input >= threshold, `${input} shown under threshold ${threshold}`);
          }
        }
      });
      assert.equal(protectedCells, marked);
    }), { numRuns: 300 });
  });

  it('leaves no month with a single hidden cell of a field that another positive cell of the month could reveal', () => {
    fc.assert(fc.property(rowsArb, fc.integer({ min: 2, max: 6 }), (rows, threshold) => {
      const { rows: out } = protectRows<Row>({ rows, fields: [...FIELDS], threshold, group: (r) => r.month });
      for (const month of new Set(rows.map((r) => r.month))) {
        for (const f of FIELDS) {
          const members = out.filter((r) => r.month === month);
          const hidden = members.filter((r) => r.protection?.[f] === 'suppressed');
          const shownPositive = members.filter((r) => r.protection?.[f] === undefined && (r[f] as number) > 0);
          assert.ok(hidden.length !== 1 || shownPositive.length === 0, `${month} ${f}: one hidden cell beside ${shownPositive.length} shown`);
        }
      }
    }), { numRuns: 300 });
  });

  it('gives a rate only where no input is suppressed, equal to the rate of the raw counts', () => {
    fc.assert(fc.property(rowsArb, fc.integer({ min: 1, max: 6 }), (rows, threshold) => {
      const { rows: out } = protectRows<Row>({ rows, fields: [...FIELDS], threshold, group: (r) => r.month });
      out.forEach((row, i) => {
        const rate = protectedRate(row, ['met'], [...FIELDS]);
        const raw = rows[i]!;
        const total = raw.met + raw.late + raw.missed;
        if (FIELDS.some((f) => row.protection?.[f]) || total === 0) assert.equal(rate, null);
        else assert.equal(rate, Math.round((raw.met / total) * 10_000) / 10_000);
      });
    }), { numRuns: 300 });
  });

  it('states as coverage exactly the months and Member States of the rows it answers with', () => {
    const view: CaseStatisticsView = { scope: 'all', memberStates: ['DE', 'ES', 'GR', 'IT'], unionLevel: true };
    fc.assert(fc.property(rowsArb, (rows) => {
      const { rows: out, protectedCells } = protectRows<Row>({ rows, fields: [...FIELDS], threshold: 5, group: (r) => r.month });
      const answer = caseAnswer('deadline-compliance', view, 5, out, protectedCells, '2026-11-21');
      const months = rows.map((r) => r.month).sort();
      assert.deepEqual(answer.coverage.months, months.length ? { from: months[0], to: months.at(-1) } : null);
      assert.deepEqual(answer.coverage.memberStates, [...new Set(rows.map((r) => r.memberState))].sort());
      assert.equal(answer.coverage.suppressedCells, protectedCells);
      assert.equal(answer.total, rows.length);
      assert.ok(answer.items.every((i) => i.sources[0] === 'case-data'));
    }), { numRuns: 200 });
  });
});
