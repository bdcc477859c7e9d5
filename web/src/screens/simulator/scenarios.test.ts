/** The shipped scenarios' knobs: what a user may change, and the scenario that results. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyKnobs, knobsOf, knobValid, lawAssumptionsOf, shippedScenarioOf, SHIPPED_SCENARIOS } from './scenarios.ts';
import { isUnderWay, keyFigures, progressShare, type FigureRow } from './simulations.ts';

const returnHub = SHIPPED_SCENARIOS.find((s) => s.id === 'return-hub-3000')!;

describe('knobsOf', () => {
  it('offers the horizon and each change\'s numbers: the return hub\'s 3,000 places', () => {
    assert.deepEqual(knobsOf(returnHub).map((k) => [k.path, k.value]), [['period.months', 24], ['changes.1.places', 3000]]);
    const doubled = SHIPPED_SCENARIOS.find((s) => s.id === 'border-capacity-doubled')!;
    assert.deepEqual(knobsOf(doubled).map((k) => [k.path, k.value]), [['period.months', 24], ['changes.0.factor', 2]]);
  });

  it('refuses values outside the schema\'s limits, and fractions of a place', () => {
    const places = knobsOf(returnHub)[1]!;
    assert.equal(knobValid(places, 5000), true);
    assert.equal(knobValid(places, -1), false);
    assert.equal(knobValid(places, 2.5), false);
    assert.equal(knobValid(places, Number.NaN), false);
    assert.equal(knobValid(knobsOf(returnHub)[0]!, 61), false);
  });
});

describe('applyKnobs', () => {
  it('leaves a scenario as shipped when nothing changed', () => {
    assert.deepEqual(applyKnobs(returnHub, { 'period.months': 24, 'changes.1.places': 3000 }), returnHub);
  });

  it('gives a changed scenario its own id and title, the new value, and a note saying what changed — without touching the shipped one', () => {
    const adjusted = applyKnobs(returnHub, { 'changes.1.places': 5000, 'period.months': 36 });
    assert.equal(adjusted.id, 'return-hub-3000-adjusted');
    assert.match(adjusted.title, /\(adjusted\)$/);
    assert.equal(adjusted.changes[1]!.places, 5000);
    assert.equal(adjusted.changes[1]!.note, 'Changed in Waypoint\'s simulator screen: places 3000 → 5000.');
    assert.deepEqual(adjusted.period, { start: '2026-01-01', months: 36 });
    assert.equal(returnHub.changes[1]!.places, 3000);
    assert.equal(returnHub.changes[1]!.note, undefined);
    assert.deepEqual(adjusted.changes[1]!.source, returnHub.changes[1]!.source, 'the source stays');
  });

  it('finds the shipped scenario of an adjusted run, and its assumed readings of the law', () => {
    assert.equal(shippedScenarioOf('return-hub-3000-adjusted'), returnHub);
    assert.equal(shippedScenarioOf('something-else'), null);
    assert.deepEqual(lawAssumptionsOf(returnHub), [{ assumption: 'return-hubs-under-return-regulation', from: '2027-01-01' }]);
    assert.deepEqual(lawAssumptionsOf(SHIPPED_SCENARIOS[0]!), []);
  });
});

describe('simulations', () => {
  it('polls while queued or running, and shows progress as a share of the runs', () => {
    assert.deepEqual((['queued', 'running', 'done', 'failed'] as const).map(isUnderWay), [true, true, false, false]);
    assert.equal(progressShare({ status: 'running', progress: 5, runs: 20 }), 0.25);
    assert.equal(progressShare({ status: 'done', progress: 0, runs: 20 }), 1);
    assert.equal(progressShare({ status: 'running', progress: 30, runs: 20 }), 1);
  });

  it('takes the EU rows of the whole horizon for the key figures, and sums deaths over the routes when there is no EU row', () => {
    const b = (median: number) => ({ median, p05: median - 1, p95: median + 1 });
    const row = (metric: string, where: string, period: string, median: number): FigureRow => ({ metric, where, period, baseline: b(median), scenario: b(median + 10), difference: b(10) });
    const figures = [row('returns', 'EU', 'all', 100), row('returns', 'EU', '2026', 40), row('returns', 'IT', 'all', 30),
      row('deaths', 'central-med', 'all', 1000), row('deaths', 'eastern-med', 'all', 200), row('applications', 'EU', 'all', 900)];
    const key = keyFigures(figures);
    assert.deepEqual(key.map((k) => [k.metric, k.row.baseline.median, k.summed]), [['applications', 900, false], ['returns', 100, false], ['deaths', 1200, true]]);
    assert.equal(key[2]!.row.baseline.p05, null, 'bands do not add up: a sum has none');
  });
});
