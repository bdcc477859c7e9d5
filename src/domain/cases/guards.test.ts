/**
 * The conditions of the case a transition needs besides the engine's findings, each refusing with
 * its citation: families with minors move together, an unaccompanied minor is removed only to assured
 * reception, nobody is moved while the right to remain lasts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FamilyMember } from '../persons/family.ts';
import type { CaseFacts } from './case-facts.ts';
import { checkGuards, type GuardContext } from './guards.ts';
import { transitionById } from './procedure.ts';

const remove = transitionById('remove')!;
const RETURN_DECISION: CaseFacts = { decision: { kind: 'return-decision', on: '2026-07-01' } };
const member = (relation: FamilyMember['relation'], age: number | null, stage = 'return-decision'): FamilyMember => ({
  personId: `${relation}-${age}`, relation, age, cases: [{ id: 'c', reference: 'IT-2026-000001', kind: 'return', stage, unitId: 'return', assignedTo: null, openedBy: 'x' }],
});

function context(overrides: Partial<GuardContext>): GuardContext {
  return {
    def: remove, case: { stage: 'return-decision', kind: 'return', facts: RETURN_DECISION }, person: { givenNames: 'A', familyName: 'B', nationality: 'BD' },
    age: 35, family: [], input: { country: 'BD' }, on: '2026-08-01', regime: 'apr-2024', findings: [], deadlines: [], ...overrides,
  };
}

const guardsOf = (c: GuardContext) => checkGuards(c).map((r) => r.guard);

describe('guards', () => {
  it('refuses to move a parent without the minor children who have an open case, unless they move together', () => {
    const child = member('child', 9);
    const refused = checkGuards(context({ family: [child] }));
    assert.deepEqual(refused.map((r) => r.guard), ['family-together']);
    assert.ok(refused[0]!.basis.includes('Charter of Fundamental Rights of the European Union Art. 24(2) and (3)'));
    assert.deepEqual(guardsOf(context({ family: [child], input: { country: 'BD', movingWith: [child.personId] } })), []);
    assert.deepEqual(guardsOf(context({ family: [member('child', 9, 'removed')] })), [], 'a child already moved there');
    assert.deepEqual(guardsOf(context({ family: [member('child', 22)] })), [], 'an adult child moves on their own');
    assert.deepEqual(guardsOf(context({ family: [member('child', null)] })), ['family-together'], 'a child of unknown age is kept with the parent');
    assert.deepEqual(guardsOf(context({ family: [member('child', 9, 'closed')] })), [], 'a closed case does not move');
  });

  it('refuses to move a minor without the parent, and an unaccompanied minor without assured reception (Return Directive Art. 10(2))', () => {
    assert.deepEqual(guardsOf(context({ age: 15, family: [member('parent', 40)] })), ['family-together']);
    const alone = checkGuards(context({ age: 16, person: { givenNames: 'A', familyName: 'B', nationality: 'BD', unaccompaniedMinor: true } }));
    assert.deepEqual(alone.map((r) => r.guard), ['unaccompanied-minor-return']);
    assert.deepEqual(alone[0]!.basis, ['Directive 2008/115/EC Art. 10(2)']);
    assert.deepEqual(guardsOf(context({ age: 16, person: { givenNames: 'A', familyName: 'B', nationality: 'BD', unaccompaniedMinor: true }, input: { country: 'BD', receptionAssured: true } })), []);
  });

  it('refuses removal while an appeal suspends it, or a request to remain is pending or granted', () => {
    const appeal = (suspensive: 'yes' | 'no', requestToRemain?: { madeOn: string; outcome: 'pending' | 'granted' | 'refused' }): GuardContext['case'] => ({
      stage: 'appeal', kind: 'return', facts: { ...RETURN_DECISION, appeal: { lodgedOn: '2026-07-05', against: 'return-decision', suspensive, ...(requestToRemain ? { requestToRemain } : {}) } },
    });
    assert.deepEqual(guardsOf(context({ case: appeal('yes') })), ['right-to-remain-ended']);
    assert.deepEqual(guardsOf(context({ case: appeal('no') })), []);
    assert.deepEqual(guardsOf(context({ case: appeal('no', { madeOn: '2026-07-05', outcome: 'pending' }) })), ['right-to-remain-ended']);
    assert.deepEqual(guardsOf(context({ case: appeal('no', { madeOn: '2026-07-05', outcome: 'refused' }) })), []);
  });

  it('lets the right to remain end with the time limit for an appeal that would suspend', () => {
    const findings = [{ question: 'appeal-suspensive' as const, outcome: 'yes' as const, basis: ['Regulation (EU) 2024/1348 Art. 68(2)'], because: ['an appeal would suspend'] }];
    const deadlines = [{ name: 'appeal-lodging', date: '2026-07-15', basis: ['Regulation (EU) 2024/1348 Art. 67(7)'] }];
    const decided = { stage: 'decided' as const, kind: 'asylum' as const, facts: { decision: { kind: 'regular-rejection' as const, on: '2026-07-01' } } };
    assert.deepEqual(guardsOf(context({ def: transitionById('transfer-to-return-hub')!, case: decided, findings, deadlines, on: '2026-07-15' })), ['right-to-remain-ended']);
    assert.deepEqual(guardsOf(context({ def: transitionById('transfer-to-return-hub')!, case: decided, findings, deadlines, on: '2026-07-16' })), []);
  });
});
