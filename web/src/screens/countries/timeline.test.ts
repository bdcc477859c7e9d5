/** Laying periods out on one time axis. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { layoutTimeline } from './timeline.ts';

describe('layoutTimeline', () => {
  it('runs the axis over whole years and places bars, open ends, gaps and the date looked at', () => {
    const timeline = layoutTimeline([
      { id: 'b', label: 'EU list', from: '2026-06-12', to: null },
      { id: 'a', label: 'IT list', from: '2024-01-01', to: '2024-12-31', gaps: [{ from: '2024-07-01', to: '2024-12-31' }] },
    ], { on: '2025-01-01', today: '2026-11-21' });
    assert.deepEqual([timeline.start, timeline.end], ['2024-01-01', '2026-12-31']);
    assert.deepEqual(timeline.rows.map((r) => r.id), ['a', 'b']);
    const [a, b] = timeline.rows;
    assert.deepEqual([a!.left, a!.width], [0, 33.39]);
    assert.equal(b!.left + b!.width, 100);
    assert.deepEqual(a!.gaps.map((g) => Math.round(g.left)), [17]);
    assert.equal(timeline.marker, 33.39);
    assert.deepEqual(timeline.ticks.map((t) => t.year), [2024, 2025, 2026]);
  });

  it('keeps every bar inside the axis and in date order, with at most eleven ticks', () => {
    const day = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const period = fc.tuple(day, fc.option(day)).map(([a, b]) => (b === null || b >= a ? { from: a, to: b } : { from: b, to: a }));
    fc.assert(fc.property(fc.array(period, { minLength: 1, maxLength: 6 }), day, (periods, on) => {
      const timeline = layoutTimeline(periods.map((p, i) => ({ id: String(i), label: '', ...p })), { on, today: '2026-11-21' });
      const inside = timeline.rows.every((r) => r.left >= 0 && r.left + r.width <= 100.2 && r.width > 0);
      const ordered = timeline.rows.every((r, i) => i === 0 || timeline.rows[i - 1]!.from <= r.from);
      return inside && ordered && timeline.ticks.length <= 11 && timeline.marker !== null;
    }));
  });
});
