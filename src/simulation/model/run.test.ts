import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { busyScenario, testInputs } from '../../../test/support/simulation.ts';
import { runSeed } from '../random.ts';
import { compileOverlay } from '../scenario/overlay.ts';
import type { Change } from '../scenario/schema.ts';
import { balances } from '../summarise.ts';
import type { RunResult } from './accounts.ts';
import { simulateRun } from './run.ts';

const inputs = testInputs({ months: 12 });
const short = testInputs({ months: 8 });
const run = (changes: Change[], seed = 1): RunResult => simulateRun({ inputs, overlay: compileOverlay(inputs, { changes }), seed: runSeed(seed, 0) });
const total = (r: RunResult, prefix: string) => Object.entries(r.monthly).filter(([k]) => k.startsWith(`${prefix}|`)).reduce((a, [, v]) => a + v.reduce((x, y) => x + y, 0), 0);
const source = { assumption: 'a test change, no source needed beyond this sentence' };

/** Pairs of (capacity, use) series whose use may never exceed the capacity, and the slack a month's carried fraction allows. */
const CAPACITIES: Array<[string, string, number]> = [
  ['border-places', 'border-occupancy', 0], ['return-hub-places', 'return-hub-occupancy', 0], ['returns-capacity', 'return-attempts', 1],
  ['decision-capacity', 'decisions', 2], ['stc-admissions-capacity', 'transfers-stc', 1],
];

function overCapacity(r: RunResult): string[] {
  const problems: string[] = [];
  for (const [capacity, used, slack] of CAPACITIES) {
    for (const [key, caps] of Object.entries(r.monthly)) {
      if (!key.startsWith(`${capacity}|`)) continue;
      const where = key.slice(capacity.length + 1);
      const use = r.monthly[`${used}|${where}`] ?? [];
      caps.forEach((cap, m) => { if ((use[m] ?? 0) > cap + slack + 1e-9) problems.push(`${used} ${where} month ${m}: ${use[m]} > ${cap}`); });
    }
  }
  return problems;
}

describe('simulation run', () => {
  it('keeps every person somewhere: the books balance state by state', () => {
    const r = run(busyScenario().changes);
    assert.ok(r.conservation.persons > 1000, 'the synthetic year has thousands of persons');
    assert.equal(balances(r), true);
    assert.equal(r.conservation.stocks.reduce((a, b) => a + b, 0), r.conservation.persons);
    assert.ok(r.conservation.stocks.every((s) => s >= 0));
  });

  it('balances its books and never exceeds a capacity, whatever the seed and levers (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 3, noNaN: true }),
      fc.double({ min: 0, max: 2, noNaN: true }), fc.integer({ min: 0, max: 20 }),
      (seed, hubPlaces, returnsPerMonth, borderFactor, arrivals, stc) => {
        const changes: Change[] = [
          { kind: 'agreement', from: '2026-01-01', agreement: { id: 'p-hub', kind: 'return-hub', partner: 'UG', memberStates: ['IT', 'GR', 'DE'] }, source },
          { kind: 'capacity', resource: 'return-hub', agreement: 'p-hub', places: hubPlaces, from: '2026-02-01', source },
          { kind: 'law-assumption', assumption: 'return-hubs-under-return-regulation', from: '2026-02-01', source },
          { kind: 'capacity', resource: 'returns', perMonth: returnsPerMonth, from: '2026-01-01', source },
          { kind: 'capacity', resource: 'border-procedure', factor: borderFactor, from: '2026-01-01', source },
          { kind: 'designation', from: '2026-06-12', designation: { country: 'TN', kind: 'safe-third-country', level: 'national', memberState: 'IT' }, source },
          { kind: 'capacity', resource: 'stc-admissions', partner: 'TN', perMonth: stc, from: '2026-01-01', source },
          { kind: 'arrivals', route: 'all', factor: arrivals, from: '2026-01-01', source },
        ];
        const r = simulateRun({ inputs: short, overlay: compileOverlay(short, { changes }), seed });
        assert.equal(balances(r), true);
        assert.deepEqual(overCapacity(r), []);
      },
    ), { numRuns: 12 });
  });

  it('gives exactly the baseline when the overlay changes nothing (no changes, or changes restating the baseline)', () => {
    const baseline = run([]);
    assert.deepEqual(run([]), baseline);
    const restated: Change[] = [
      { kind: 'capacity', resource: 'border-procedure', factor: 1, from: '2026-03-01', source },
      { kind: 'capacity', resource: 'first-instance', factor: 1, from: '2026-02-01', source },
      { kind: 'arrivals', route: 'all', factor: 1, from: '2026-02-01', source },
      { kind: 'mortality', route: 'all', factor: 1, from: '2026-02-01', source },
      { kind: 'parameter', name: 'appealDays', value: inputs.parameters.appealDays, from: '2026-04-01', source },
    ];
    assert.deepEqual(run(restated), baseline);
  });

  it('gives the same numbers for the same seed and different numbers for another seed', () => {
    assert.deepEqual(run([], 7), run([], 7));
    assert.notDeepEqual(run([], 7).monthly, run([], 8).monthly);
  });

  it('moves what a scenario changes and, on common random numbers, only what follows from it', () => {
    const baseline = run([]);
    const more = run([{ kind: 'arrivals', route: 'central-med', factor: 2, from: '2026-01-01', source }]);
    assert.ok(total(more, 'arrivals') > total(baseline, 'arrivals'));
    // Eastern Mediterranean arrivals come from their own cells' streams: unchanged by a change on another route.
    assert.deepEqual(more.monthly['arrivals|eastern-med'], baseline.monthly['arrivals|eastern-med']);
    assert.deepEqual(more.monthly['irregular-stay|DE'], baseline.monthly['irregular-stay|DE']);
  });

  it('transfers to a return hub only what the law allows: none without the assumed Return Regulation', () => {
    const hub = busyScenario().changes.filter((c) => c.kind !== 'law-assumption');
    assert.equal(total(run(hub), 'return-hub-transfers'), 0, 'the law package as encoded refuses every return-hub transfer');
    assert.ok(total(run(busyScenario().changes), 'return-hub-transfers') > 0, 'under the assumed Return Regulation the hub takes people');
  });
});
