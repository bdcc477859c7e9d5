import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busyScenario, testInputs } from '../../test/support/simulation.ts';
import { runMonteCarlo } from './monte-carlo.ts';
import { summarise } from './summarise.ts';

describe('Monte Carlo', () => {
  const inputs = testInputs({ months: 6 });
  const changes = busyScenario().changes;

  it('gives the same numbers for the same seed whatever the number of threads', async () => {
    const one = await runMonteCarlo({ inputs, changes, runs: 4, seed: 42, threads: 1 });
    const two = await runMonteCarlo({ inputs, changes, runs: 4, seed: 42, threads: 2 });
    assert.deepEqual(two, one);
    assert.deepEqual(summarise(two, { seed: 42, memberStates: inputs.memberStates }), summarise(one, { seed: 42, memberStates: inputs.memberStates }));
  });

  it('gives each run its own seed, and another study seed other numbers', async () => {
    const runs = await runMonteCarlo({ inputs, changes: [], runs: 3, seed: 42, threads: 1 });
    assert.equal(new Set(runs.map((r) => r.baseline.seed)).size, 3);
    const other = await runMonteCarlo({ inputs, changes: [], runs: 3, seed: 43, threads: 1 });
    assert.notDeepEqual(other.map((r) => r.baseline.monthly), runs.map((r) => r.baseline.monthly));
  });

  it('reports median and 90 % bands with the band around the median, and a zero difference for the baseline itself', async () => {
    const summary = summarise(await runMonteCarlo({ inputs, changes: [], runs: 5, seed: 1, threads: 1 }), { seed: 1, memberStates: inputs.memberStates });
    assert.equal(summary.conservation, true);
    const applications = summary.figures.find((f) => f.metric === 'applications' && f.where === 'EU' && f.period === 'all')!;
    assert.ok(applications.baseline.p05 <= applications.baseline.median && applications.baseline.median <= applications.baseline.p95);
    assert.ok(applications.baseline.p05 < applications.baseline.p95, 'five runs on different seeds spread');
    for (const f of summary.figures) assert.deepEqual(f.difference, { median: 0, p05: 0, p95: 0 }, `${f.metric}|${f.where}|${f.period}`);
  });
});
