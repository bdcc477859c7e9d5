import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hash4, normalQuantile, pick, poisson, runSeed, uniform } from './random.ts';

describe('counter-based random numbers', () => {
  it('draws in [0, 1), the same for the same key and different for another purpose', () => {
    fc.assert(fc.property(fc.nat(), fc.nat(), fc.nat(), fc.nat({ max: 1000 }), (seed, key, index, purpose) => {
      const u = uniform(seed, key, index, purpose);
      assert.ok(u >= 0 && u < 1);
      assert.equal(uniform(seed, key, index, purpose), u);
    }));
    assert.notEqual(uniform(1, 2, 3, 4), uniform(1, 2, 3, 5));
    assert.notEqual(runSeed(1, 0), runSeed(1, 1));
  });

  it('is uniform enough: ten bins of 100,000 draws within 2 % of their expectation', () => {
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(uniform(9, 77, i, 3) * 10)]!++;
    for (const b of bins) assert.ok(Math.abs(b - 10_000) < 200, `bin of ${b}`);
    assert.notEqual(hash4(0, 0, 0, 0), hash4(0, 0, 0, 1));
  });

  it('draws Poisson counts with the right mean, never fewer for a higher mean on the same uniform (common random numbers)', () => {
    for (const mean of [0.5, 7, 30, 400]) {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += poisson(mean, uniform(5, 6, i, 1));
      assert.ok(Math.abs(sum / 20_000 - mean) < Math.max(0.05, mean * 0.02), `mean ${mean}: ${sum / 20_000}`);
    }
    fc.assert(fc.property(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 0.999999, noNaN: true }),
      (a, b, u) => { const [lo, hi] = a <= b ? [a, b] : [b, a]; assert.ok(poisson(lo, u) <= poisson(hi, u)); }));
  });

  it('inverts the normal distribution and picks from cumulative weights', () => {
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-5);
    assert.ok(Math.abs(normalQuantile(0.5)) < 1e-9);
    assert.equal(pick([1, 3, 6], 0), 0);
    assert.equal(pick([1, 3, 6], 0.2), 1);
    assert.equal(pick([1, 3, 6], 0.99), 2);
  });
});
