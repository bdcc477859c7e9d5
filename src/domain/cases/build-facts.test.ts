/**
 * The facts of a case for the law engine, built by a pure function: what the records say, nothing
 * invented ("missing means not known"), in the shape `parseFacts` accepts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFacts } from '../../../law/facts.ts';
import type { FamilyMember } from '../persons/family.ts';
import type { PersonData } from '../persons/person.ts';
import { buildLawFacts, inFamilyWithMinors } from './build-facts.ts';

const PERSON: PersonData = { givenNames: 'Amal', familyName: 'Haddad', nationality: 'SY', sex: 'F' };
const member = (relation: FamilyMember['relation'], age: number | null): FamilyMember => ({ personId: `p-${relation}-${age}`, relation, age, cases: [] });

describe('buildLawFacts', () => {
  it('builds only what is known: no birth date, no vulnerabilities, no security answer when none is recorded', () => {
    const facts = buildLawFacts({ memberState: 'IT', person: PERSON, family: [], caseFacts: {}, on: '2026-07-01' });
    assert.deepEqual(facts, { assessedOn: '2026-07-01', memberState: 'IT', person: { nationality: 'SY', sex: 'F' } });
    assert.ok(parseFacts(facts, '2026-07-01').ok);
  });

  it('reads an empty list of vulnerabilities or security markers as "assessed: none", and markers of danger as a security risk from their date', () => {
    const assessed = { ...PERSON, vulnerabilities: [], securityMarkers: [{ kind: 'public-order' as const, since: '2026-08-01' }] };
    const before = buildLawFacts({ memberState: 'IT', person: assessed, family: [], caseFacts: {}, on: '2026-07-01' }).person as Record<string, unknown>;
    assert.deepEqual([before.vulnerabilities, before.securityRisk], [[], false]);
    const after = buildLawFacts({ memberState: 'IT', person: assessed, family: [], caseFacts: {}, on: '2026-08-01' }).person as Record<string, unknown>;
    assert.equal(after.securityRisk, true);
    const other = buildLawFacts({ memberState: 'IT', person: { ...PERSON, securityMarkers: [{ kind: 'sis-alert', since: '2026-01-01' }] }, family: [], caseFacts: {}, on: '2026-08-01' }).person as Record<string, unknown>;
    assert.equal(other.securityRisk, false, 'an alert of another kind is not a danger to security or public order');
  });

  it('carries an assessed age forward by the years elapsed since the assessment', () => {
    const minor = { ...PERSON, assessedAge: { years: 16, on: '2025-03-01', method: 'multidisciplinary' as const } };
    assert.equal((buildLawFacts({ memberState: 'IT', person: minor, family: [], caseFacts: {}, on: '2026-02-28' }).person as Record<string, unknown>).age, 16);
    assert.equal((buildLawFacts({ memberState: 'IT', person: minor, family: [], caseFacts: {}, on: '2026-03-01' }).person as Record<string, unknown>).age, 17);
  });

  it('knows a family with minors only from a link: a minor child, or a minor\'s parent', () => {
    assert.equal(inFamilyWithMinors(35, [member('child', 6)]), true);
    assert.equal(inFamilyWithMinors(35, [member('child', 19)]), undefined);
    assert.equal(inFamilyWithMinors(15, [member('parent', 40)]), true);
    assert.equal(inFamilyWithMinors(35, []), undefined, 'without links it is not known, never false');
  });

  it('passes the case\'s journey, application, decision and detention, and its individual risk assessments as context', () => {
    const facts = buildLawFacts({
      memberState: 'GR', person: { ...PERSON, nationality: 'XX', formerHabitualResidence: 'SY', birthDate: '1990-01-01' }, family: [], on: '2026-07-10',
      caseFacts: {
        journey: { stays: [{ country: 'TR', months: 14 }] }, application: { madeOn: '2026-07-01', atExternalBorder: true },
        decision: { kind: 'stc-inadmissibility', on: '2026-07-09', country: 'TR' }, detention: { since: '2026-07-09' },
        riskAssessments: [{ destination: 'TR', on: '2026-07-05', outcome: 'no-real-risk' }],
      },
    });
    assert.deepEqual(facts.decision, { kind: 'stc-inadmissibility', on: '2026-07-09' }, 'the decision without the case\'s own note of the country');
    assert.deepEqual(facts.context, { riskAssessments: [{ destination: 'TR', on: '2026-07-05', outcome: 'no-real-risk' }] }, 'the registries reach the engine as its registry, not as context');
    const parsed = parseFacts(facts, '2026-07-10');
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  });
});
