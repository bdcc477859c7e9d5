/** Axis ticks and positions of the dashboards' charts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bandScale, labelEvery, linearScale, niceStep, niceTicks } from './scale.ts';

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 × 10^k from zero to a tick at or above the highest value', () => {
    assert.deepEqual(niceTicks(0, 1234), [0, 500, 1000, 1500]);
    assert.deepEqual(niceTicks(0, 0.37), [0, 0.1, 0.2, 0.3, 0.4]);
    assert.deepEqual(niceTicks(0, 9), [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(niceTicks(-0.42, 0.65), [-0.5, 0, 0.5, 1]);
    assert.deepEqual(niceTicks(0, 0), [0, 1]);
  });

  it('covers every value, includes zero, and keeps a nice, even step for any data', () => {
    // Counts and shares with up to four decimals, as the API gives them.
    const figure = (min: number, max: number) => fc.integer({ min: min * 10_000, max: max * 10_000 }).map((v) => v / 10_000);
    fc.assert(fc.property(figure(-100_000, 0), figure(0, 10_000_000), (min, max) => {
      const ticks = niceTicks(min, max);
      assert.ok(ticks[0]! <= min && ticks.at(-1)! >= max, JSON.stringify({ min, max, ticks }));
      assert.ok(ticks.includes(0));
      assert.ok(ticks.length >= 2 && ticks.length <= 12, `${ticks.length} ticks`);
      const step = ticks[1]! - ticks[0]!;
      const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
      assert.ok([1, 2, 5].includes(mantissa), `step ${step}`);
      ticks.slice(1).forEach((t, i) => assert.ok(Math.abs(t - ticks[i]! - step) < step * 1e-6));
    }), { numRuns: 500 });
  });

  it('picks the step from the span and the wanted number of ticks', () => {
    assert.equal(niceStep(100, 5), 20);
    assert.equal(niceStep(100, 10), 10);
    assert.equal(niceStep(7, 5), 2);
  });
});

describe('linearScale and bandScale', () => {
  it('maps the nice domain onto the pixel range, upside down for a y axis', () => {
    const y = linearScale([0, 1234], [200, 0]);
    assert.deepEqual(y.domain, [0, 1500]);
    assert.equal(y(0), 200);
    assert.equal(y(1500), 0);
    assert.equal(y(750), 100);
  });

  it('places categories side by side with padding between them', () => {
    const band = bandScale(4, [0, 400], 0.2);
    assert.equal(band.width, 80);
    assert.equal(band.x(0), 10);
    assert.equal(band.centre(3), 350);
  });

  it('labels every k-th category and always the last one', () => {
    assert.deepEqual(labelEvery(5, 8), [0, 1, 2, 3, 4]);
    assert.deepEqual(labelEvery(24, 8), [0, 3, 6, 9, 12, 15, 18, 21, 23]);
    assert.deepEqual(labelEvery(25, 8), [0, 4, 8, 12, 16, 20, 24]);
    assert.deepEqual(labelEvery(26, 8), [0, 4, 8, 12, 16, 20, 25]);
    // Sixteen months, every other one labelled: April 2025 would sit against March 2025, so March goes.
    assert.deepEqual(labelEvery(16, 8), [0, 2, 4, 6, 8, 10, 12, 15]);
  });
});
