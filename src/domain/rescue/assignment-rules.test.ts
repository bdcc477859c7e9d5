/**
 * The assignment rules, pure: which finding each destination needs, and that non-refoulement is a hard
 * gate — whatever the findings say, a third country or a mechanism is permitted only by a `yes` on the
 * finding it needs, and a Member State's port never when access to the procedure is `no`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Finding, Outcome } from '../../../law/finding.ts';
import type { Mechanism } from '../mechanisms/mechanism.ts';
import { checkAssignment, planAssignment, type AssignmentTarget } from './assignment-rules.ts';

function mechanism(code: string, kind: Mechanism['kind'], partner: string): Mechanism {
  return {
    code, title: code, kind, partnership: code, partner, memberStates: ['IT'], from: '2024-01-01', to: null,
    parameters: { capacity: null, cap: null, quotas: [], categoriesExcluded: [], eligibility: null }, indicators: [],
    sources: [{ title: `Instrument of ${code}`, url: 'https://example.org/m', date: null }], owner: 'IT', verified: true, unverified: [], note: null,
  };
}

const OUTCOMES: Outcome[] = ['yes', 'no', 'review', 'uncertain'];

const TARGETS: AssignmentTarget[] = [
  { destination: 'place-of-safety', country: 'IT' },
  { destination: 'place-of-safety', country: 'MT' },
  { destination: 'place-of-safety', country: 'LY' },
  { destination: 'place-of-safety', country: 'TN' },
  { destination: 'mechanism', country: 'AL', mechanism: mechanism('it-al-protocol', 'offshore-processing', 'AL') },
  { destination: 'mechanism', country: 'UG', mechanism: mechanism('nl-ug-transit-hub', 'return-hub', 'UG') },
  { destination: 'mechanism', country: 'NE', mechanism: mechanism('ne-etm', 'emergency-transit', 'NE') },
];

describe('assignment rules', () => {
  it('asks access-to-procedure of the port\'s Member State, removal for a third country, the agreement\'s finding for a mechanism', () => {
    assert.deepEqual(planAssignment(TARGETS[1]!, 'IT').memberState, 'MT');
    assert.deepEqual(planAssignment(TARGETS[1]!, 'IT').requirement, { question: 'access-to-procedure', allow: ['yes', 'review'] });
    assert.deepEqual(planAssignment(TARGETS[2]!, 'IT').requirement, { question: 'removal', country: 'LY', allow: ['yes'] });
    assert.deepEqual(planAssignment(TARGETS[4]!, 'IT').requirement, { question: 'offshore-processing', agreement: 'it-al-protocol', allow: ['yes'] });
    assert.deepEqual(planAssignment(TARGETS[5]!, 'IT').requirement, { question: 'return-hub-transfer', agreement: 'nl-ug-transit-hub', allow: ['yes'] });
    assert.equal(planAssignment(TARGETS[6]!, 'IT').refusal?.code, 'NO_QUESTION');
  });

  it('permits a third country or a mechanism only on a yes, and a Member State\'s port never on a no, whatever else the findings say', () => {
    const finding = (question: Finding['question'], outcome: Finding['outcome'], subject: Partial<Finding>): Finding => ({ question, outcome, basis: ['b'], because: ['c'], ...subject });
    const arbitraryFindings = fc.array(fc.record({
      question: fc.constantFrom('access-to-procedure', 'removal', 'offshore-processing', 'return-hub-transfer', 'stc-inadmissibility' as const),
      outcome: fc.constantFrom(...OUTCOMES),
      subject: fc.constantFrom<Partial<Finding>>({}, { country: 'LY' }, { country: 'TN' }, { agreement: 'it-al-protocol' }, { agreement: 'nl-ug-transit-hub' }),
    }).map((f) => finding(f.question as Finding['question'], f.outcome, f.subject)), { maxLength: 8 });
    fc.assert(fc.property(fc.constantFrom(...TARGETS), arbitraryFindings, (target, findings) => {
      const plan = planAssignment(target, 'IT');
      const { finding: used, refusal } = checkAssignment(plan, findings, []);
      if (refusal === null) {
        assert.ok(used, 'a permitted assignment rests on a finding');
        const isMemberStatePort = target.destination === 'place-of-safety' && ['IT', 'MT'].includes(target.country);
        if (isMemberStatePort) assert.notEqual(used.outcome, 'no');
        else assert.equal(used.outcome, 'yes', `${target.country} permitted on ${used.question} ${used.outcome}`);
        assert.equal(used.question, plan.requirement!.question);
        if (plan.requirement!.country) assert.equal(used.country, target.country);
        if (plan.requirement!.agreement) assert.equal(used.agreement, target.mechanism!.code);
      } else {
        assert.ok(refusal.message.length > 0);
      }
    }), { numRuns: 500 });
  });

  it('refuses when the engine could not assess, naming why', () => {
    const { refusal } = checkAssignment(planAssignment(TARGETS[0]!, 'IT'), null, [{ path: 'person', message: 'the person\'s data was erased' }]);
    assert.equal(refusal?.code, 'NO_ASSESSMENT');
    assert.deepEqual(refusal?.because, ['person: the person\'s data was erased']);
  });
});
