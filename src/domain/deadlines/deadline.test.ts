/**
 * The pure step from the law engine's deadlines to what a case keeps: every deadline the engine can
 * compute has a rule; a case keeps exactly those that run in its stage; every deadline that stops
 * running ends once, as met, missed or lapsed by the rule of `deadline-rules.ts`; and an engine that
 * cannot answer never makes a deadline disappear.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assess } from '../../../law/assess.ts';
import { parseFacts } from '../../../law/facts.ts';
import type { Deadline } from '../../../law/finding.ts';
import { CASE_STAGES, type CaseStage } from '../cases/case.ts';
import { byDueDate, diffDeadlines, type CaseDeadline } from './deadline.ts';
import { DEADLINE_RULES, deadlineRule, endingOf, runsIn } from './deadline-rules.ts';

const NAMES = DEADLINE_RULES.map((r) => r.name);

describe('deadline rules', () => {
  it('has a rule for every deadline the law engine computes, under the Directive and the Regulation', () => {
    const seen = new Set<string>();
    for (const madeOn of ['2026-06-11', '2026-06-12']) {
      for (const kind of ['regular-rejection', 'border-rejection', 'accelerated-rejection', 'return-decision'] as const) {
        const parsed = parseFacts({
          memberState: 'IT', person: { nationality: 'BD', birthDate: '1990-01-01' },
          application: { madeOn, registeredOn: madeOn, lodgedOn: madeOn, atExternalBorder: true },
          decision: { kind, on: '2026-08-01' }, detention: { since: '2026-08-02' },
        }, '2026-08-03');
        assert.ok(parsed.ok);
        for (const d of assess({ facts: parsed.facts, on: '2026-08-03' }).deadlines) seen.add(d.name);
      }
    }
    assert.ok(seen.size >= 8, `the scenarios reach most deadlines: ${[...seen].join(', ')}`);
    assert.deepEqual([...seen].filter((name) => !NAMES.includes(name)), []);
  });

  it('discharges each deadline only by stages where it no longer runs', () => {
    for (const rule of DEADLINE_RULES) {
      assert.ok(rule.runsIn.length > 0, rule.name);
      for (const stage of rule.metBy) assert.ok(!rule.runsIn.includes(stage), `${rule.name} runs in ${stage}, which meets it`);
    }
  });

  it('tells met (on time or late), missed and lapsed apart', () => {
    const registration = { name: 'registration', dueOn: '2026-07-06' };
    assert.equal(endingOf({ ...registration, endedOn: '2026-07-08', movedTo: 'application-registered', dropped: false }), 'met');
    assert.equal(endingOf({ ...registration, endedOn: '2026-07-08', movedTo: 'closed', dropped: false }), 'missed');
    assert.equal(endingOf({ ...registration, endedOn: '2026-07-06', movedTo: 'closed', dropped: false }), 'lapsed');
    assert.equal(endingOf({ name: 'detention-maximum', dueOn: '2027-12-31', endedOn: '2026-09-01', movedTo: null, dropped: true }), 'met');
    assert.equal(endingOf({ name: 'detention-maximum', dueOn: '2027-12-31', endedOn: '2026-09-01', movedTo: 'protection-granted', dropped: false }), 'lapsed');
    assert.equal(endingOf({ name: 'border-procedure-end', dueOn: '2026-09-01', endedOn: '2026-09-02', movedTo: 'examination', dropped: false }), 'met');
  });

  it('keeps a deadline it does not know on the case until the outcome, never met by a stage', () => {
    const rule = deadlineRule('a-future-deadline');
    assert.equal(rule.party, 'authority');
    assert.deepEqual(rule.metBy, []);
    assert.ok(runsIn('a-future-deadline', 'examination') && !runsIn('a-future-deadline', 'closed'));
  });
});

const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2026, 5, 1) + n * 86_400_000).toISOString().slice(0, 10));
const basis = fc.constantFrom(['Regulation (EU) 2024/1348 Art. 27(1)'], ['Directive 2013/32/EU Art. 6(1)'], ['A', 'B']).map((b) => [...b]);
/** A set of deadlines with distinct names, as the engine gives them. */
const deadlines = fc.uniqueArray(fc.record({ name: fc.constantFrom(...NAMES, 'a-future-deadline'), date: day, basis, because: fc.constant<string[]>([]) }),
  { selector: (d) => d.name, maxLength: 6 }) as fc.Arbitrary<Deadline[]>;
const stage = fc.constantFrom(...CASE_STAGES);

describe('diffDeadlines', () => {
  it('keeps what runs in the stage, ends every other deadline once, by the rules, and says whether anything changed', () => {
    fc.assert(fc.property(deadlines, fc.option(deadlines, { nil: null }), stage, fc.option(stage, { nil: null }), day, (prev, computed, now, movedTo, on) => {
      const previous: CaseDeadline[] = prev.map((d) => ({ name: d.name, dueOn: d.date, basis: d.basis }));
      const answer: Array<Pick<Deadline, 'name' | 'date' | 'basis'>> = computed ?? previous.map((p) => ({ name: p.name, date: p.dueOn, basis: p.basis }));
      const change = diffDeadlines({ previous, computed, stage: now as CaseStage, on, movedTo: movedTo as CaseStage | null });
      const expected = answer.filter((d) => runsIn(d.name, now as CaseStage)).map((d) => ({ name: d.name, dueOn: d.date, basis: d.basis })).sort(byDueDate);
      assert.deepEqual(change.current, expected);
      const keptNames = new Set(expected.map((d) => d.name));
      assert.deepEqual(change.ended.map((e) => e.name).sort(), previous.filter((p) => !keptNames.has(p.name)).map((p) => p.name).sort());
      for (const e of change.ended) {
        const dropped = computed !== null && !computed.some((d) => d.name === e.name);
        assert.equal(e.outcome, endingOf({ name: e.name, dueOn: e.dueOn, endedOn: on, movedTo: movedTo as CaseStage | null, dropped }));
        assert.equal(e.endedOn, on);
        // Without an answer nothing is dropped: only a stage that discharges a deadline meets it.
        if (computed === null && e.outcome === 'met') assert.ok(deadlineRule(e.name).metBy.includes(movedTo as CaseStage));
      }
      const same = previous.length === expected.length && previous.every((p) => expected.some((n) => n.name === p.name && n.dueOn === p.dueOn && n.basis.join() === p.basis.join()));
      assert.equal(change.changed, !same);
    }), { numRuns: 500 });
  });

  it('keeps the same deadlines unchanged when asked again with the same answer', () => {
    fc.assert(fc.property(deadlines, stage, day, (computed, now, on) => {
      const first = diffDeadlines({ previous: [], computed, stage: now as CaseStage, on, movedTo: null });
      const again = diffDeadlines({ previous: first.current, computed, stage: now as CaseStage, on, movedTo: null });
      assert.equal(again.changed, false);
      assert.deepEqual(again.ended, []);
      assert.deepEqual(again.current, first.current);
    }));
  });
});
