/** The band chart's geometry: scales, ticks, bands and medians as SVG paths, gaps for missing months. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bandChart, linearScale, niceTicks } from './chart.ts';

describe('linearScale', () => {
  it('maps the domain onto the range, inverted for an SVG y axis', () => {
    const y = linearScale([0, 100], [200, 0]);
    assert.equal(y(0), 200);
    assert.equal(y(100), 0);
    assert.equal(y(25), 150);
    assert.equal(linearScale([5, 5], [0, 10])(5), 5, 'a flat domain maps to the middle');
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 × 10ⁿ', () => {
    assert.deepEqual(niceTicks(0, 97, 5), [0, 20, 40, 60, 80, 100]);
    assert.deepEqual(niceTicks(0, 0.3, 3), [0, 0.1, 0.2, 0.3]);
    assert.deepEqual(niceTicks(-1200, 3400, 4), [-2000, 0, 2000, 4000]);
    assert.deepEqual(niceTicks(0, 0), [0, 1]);
  });

  it('always spans the data with evenly spaced round ticks', () => {
    fc.assert(fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }), (min, width) => {
      const ticks = niceTicks(min, min + width);
      assert.ok(ticks.length >= 2 && ticks.length <= 12, `${ticks.length} ticks`);
      assert.ok(ticks[0]! <= min && ticks[ticks.length - 1]! >= min + width, `${ticks.join()} spans ${min}…${min + width}`);
      const step = ticks[1]! - ticks[0]!;
      for (let i = 2; i < ticks.length; i++) assert.ok(Math.abs(ticks[i]! - ticks[i - 1]! - step) <= step * 1e-6);
    }));
  });
});

describe('bandChart', () => {
  const band = (median: number | null, p05: number | null, p95: number | null) => ({ median, p05, p95 });

  it('draws the 90 % band as a closed area (upper edge forward, lower edge back) and the median as a line', () => {
    const layout = bandChart({
      months: ['2026-01', '2026-02', '2026-03'], series: [{ id: 'scenario', bands: [band(50, 40, 60), band(60, 50, 80), band(70, 60, 100)] }],
      width: 300, height: 200, margin: { left: 0, right: 0, top: 0, bottom: 0 },
    });
    // y axis 0…100 onto 200…0; x 0…2 onto 0…300.
    assert.deepEqual(layout.yTicks.map((t) => t.value), [0, 20, 40, 60, 80, 100]);
    assert.equal(layout.series[0]!.line, 'M0,100L150,80L300,60');
    assert.equal(layout.series[0]!.area, 'M0,80L150,40L300,0L300,80L150,100L0,120Z');
  });

  it('breaks the line and the band at a month without figures instead of drawing it at zero', () => {
    const layout = bandChart({
      months: ['a', 'b', 'c', 'd'], series: [{ id: 'baseline', bands: [band(10, 5, 15), band(null, null, null), band(10, 5, 15), band(12, 6, 16)] }],
    });
    assert.equal((layout.series[0]!.line.match(/M/g) ?? []).length, 2);
    assert.equal((layout.series[0]!.area.match(/Z/g) ?? []).length, 2);
    assert.ok(!layout.series[0]!.line.includes('NaN'));
  });

  it('keeps every point inside the plot, whatever the figures', () => {
    const arbBand = fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.nat(1e5), fc.nat(1e5)).map(([m, lo, hi]) => band(m, m - lo, m + hi));
    fc.assert(fc.property(fc.array(arbBand, { minLength: 1, maxLength: 30 }), (bands) => {
      const layout = bandChart({ months: bands.map((_, i) => `m${i}`), series: [{ id: 's', bands }] });
      const points = `${layout.series[0]!.line}${layout.series[0]!.area}`.match(/-?[\d.]+,-?[\d.]+/g) ?? [];
      for (const p of points) {
        const [x, y] = p.split(',').map(Number) as [number, number];
        assert.ok(x >= layout.plot.left - 0.1 && x <= layout.plot.right + 0.1, `x ${x}`);
        assert.ok(y >= layout.plot.top - 0.1 && y <= layout.plot.bottom + 0.1, `y ${y}`);
      }
    }));
  });

  it('labels about six months along the x axis', () => {
    const months = Array.from({ length: 24 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    const layout = bandChart({ months, series: [] });
    assert.deepEqual(layout.xTicks.map((t) => t.index), [0, 4, 8, 12, 16, 20]);
  });
});
