/** The partnership page's lifecycle: phase on a date, the gate checklist, what the next gate misses, roles. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { doneBy, gateModel as model, phaseOn, rolesTable, type GateRules } from './lifecycle-model.ts';
import { CHECKLIST_ITEMS, PHASES, type ChecklistEntry, type ChecklistItem, type Lifecycle, type Phase } from './types.ts';

/**
 * The gate rules as the server's record summary gives them (domain/partnerships/lifecycle.ts; that the
 * page reads the server's own summary right is test/web/partnerships-summary.test.ts).
 */
const GATES: GateRules['gates'] = {
  exploration: [], design: ['legalReview'], implementation: CHECKLIST_ITEMS, monitoring: CHECKLIST_ITEMS, suspended: [], ended: [],
};
const NEXT: Record<Phase, Phase | null> = { exploration: 'design', design: 'implementation', implementation: 'monitoring', monitoring: null, suspended: null, ended: null };

/** The model with the rules the server would send for that lifecycle on that date. */
function gateModel(l: Lifecycle, on: string) {
  const phase = phaseOn(l, on)?.phase ?? null;
  const next = phase === null ? null : NEXT[phase];
  return model(l, on, { gates: GATES, next: next === null ? null : { phase: next } });
}

const notDone = (): ChecklistEntry => ({ done: false, on: null, evidence: [], note: null });
const doneOn = (on: string): ChecklistEntry => ({ done: true, on, evidence: [{ title: 'Evidence', url: 'https://example.org' }], note: null });

function lifecycle(items: Partial<Record<ChecklistItem, ChecklistEntry>>, phases: Lifecycle['phases'] = [{ phase: 'implementation', from: '2024-10-16', reason: null, sources: [] }]): Lifecycle {
  const checklist = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, items[item] ?? notDone()])) as Lifecycle['checklist'];
  return { phases, checklist, roles: [] };
}

describe('gateModel', () => {
  // The Italy–Albania Protocol as seeded: implementation since 16 October 2024, consent and funding done.
  const italyAlbania = lifecycle({ partnerConsent: doneOn('2023-11-06'), fundingSecured: doneOn('2024-02-22') });

  it('gives the phase on the date, and the three items monitoring still misses for a partnership in implementation', () => {
    const model = gateModel(italyAlbania, '2026-07-15');
    assert.equal(model.phase, 'implementation');
    assert.equal(model.since, '2024-10-16');
    assert.equal(model.next, 'monitoring');
    assert.deepEqual(model.nextMissing, ['legalReview', 'fundamentalRightsImpactAssessment', 'monitoringBodyDesignated']);
    assert.deepEqual(model.rows.map((r) => [r.item, r.status, r.blocksNext]), [
      ['legalReview', 'not-done', true], ['fundamentalRightsImpactAssessment', 'not-done', true], ['fundingSecured', 'done', false],
      ['monitoringBodyDesignated', 'not-done', true], ['partnerConsent', 'done', false],
    ]);
    // Recorded in implementation before Waypoint checked its gate: the page says what that gate misses.
    assert.deepEqual(model.currentMissing, model.nextMissing);
  });

  it('counts an item done after the date as not yet done on it ("done later")', () => {
    const model = gateModel(italyAlbania, '2024-01-01');
    assert.equal(model.phase, null, 'before the first phase entry, nothing has begun');
    assert.equal(model.next, 'implementation', 'the first recorded phase is the one ahead');
    const funding = model.rows.find((r) => r.item === 'fundingSecured')!;
    assert.equal(funding.status, 'done-later');
    assert.equal(model.rows.find((r) => r.item === 'partnerConsent')!.status, 'done');
  });

  it('needs only the legal review to move from exploration to design, and marks the current and future history entries', () => {
    const l = lifecycle({}, [
      { phase: 'exploration', from: '2025-01-01', reason: null, sources: [] },
      { phase: 'design', from: '2027-01-01', reason: null, sources: [] },
    ]);
    const model = gateModel(l, '2026-01-01');
    assert.equal(model.phase, 'exploration');
    assert.deepEqual(model.nextMissing, ['legalReview']);
    assert.deepEqual(model.history.map((h) => [h.phase, h.current, h.future]), [['exploration', true, false], ['design', false, true]]);
    assert.deepEqual(model.rows.find((r) => r.item === 'legalReview')!.neededFor, ['design', 'implementation', 'monitoring']);
    assert.deepEqual(model.rows.find((r) => r.item === 'partnerConsent')!.neededFor, ['implementation', 'monitoring']);
  });

  it('has no next gate after monitoring, suspension or the end', () => {
    for (const phase of ['monitoring', 'suspended', 'ended'] as const) {
      const model = gateModel(lifecycle({}, [{ phase, from: '2020-01-01', reason: 'because', sources: [] }]), '2026-01-01');
      assert.equal(model.next, null, phase);
      assert.deepEqual(model.nextMissing, []);
    }
  });

  it('agrees with the gate rule for any checklist and date: an item blocks the next phase exactly when that gate needs it and it was not done by the date', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const entry = fc.option(day, { nil: null }).map((on): ChecklistEntry => (on === null ? notDone() : doneOn(on)));
    fc.assert(fc.property(fc.record(Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, entry])) as Record<ChecklistItem, fc.Arbitrary<ChecklistEntry>>),
      fc.constantFrom(...PHASES), day, day, (items, phase, from, on) => {
        const l = lifecycle(items, [{ phase, from, reason: 'r', sources: [] }]);
        const model = gateModel(l, on);
        for (const row of model.rows) {
          const needed = model.next !== null && GATES[model.next].includes(row.item);
          const done = items[row.item].done && items[row.item].on! <= on;
          assert.equal(row.blocksNext, needed && !done);
          assert.equal(row.status === 'done', done);
        }
      }));
  });
});

describe('phaseOn and doneBy', () => {
  it('takes the last phase entry started on or before the day', () => {
    const l = lifecycle({}, [
      { phase: 'design', from: '2024-01-01', reason: null, sources: [] },
      { phase: 'implementation', from: '2024-06-01', reason: null, sources: [] },
    ]);
    assert.equal(phaseOn(l, '2023-12-31'), null);
    assert.equal(phaseOn(l, '2024-05-31')!.phase, 'design');
    assert.equal(phaseOn(l, '2024-06-01')!.phase, 'implementation');
  });

  it('counts an item done on the very day as done', () => {
    assert.equal(doneBy(doneOn('2024-06-01'), '2024-06-01'), true);
    assert.equal(doneBy(doneOn('2024-06-02'), '2024-06-01'), false);
    assert.equal(doneBy(notDone(), '2030-01-01'), false);
  });
});

describe('rolesTable', () => {
  it('lays the roles out as actors × the phases that have any, with empty cells where none is recorded', () => {
    const table = rolesTable([
      { phase: 'implementation', actor: 'FRONTEX', role: 'responsible', note: null },
      { phase: 'design', actor: 'EEAS', role: 'responsible', note: null },
      { phase: 'implementation', actor: 'COM', role: 'accountable', note: null },
    ]);
    assert.deepEqual(table.phases, ['design', 'implementation']);
    assert.deepEqual(table.actors, ['FRONTEX', 'EEAS', 'COM']);
    assert.equal(table.cell('FRONTEX', 'implementation'), 'responsible');
    assert.equal(table.cell('FRONTEX', 'design'), null);
    assert.deepEqual(rolesTable([]).phases, []);
  });
});
