/**
 * Every transition the law gates is allowed and refused as the law engine says, on both sides of the
 * dates that change the answer: the application made on 11 or 12 June 2026 (Directive 2013/32/EU or
 * Regulation (EU) 2024/1348), the last day of a voluntary departure period, the day a decision is
 * taken. The oracle is the engine itself: for each step the expected answer is computed by `assess`
 * on the case's facts and compared with what the procedure did — and each scenario also states which
 * side it is on, so that both sides are really exercised.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assess } from '../../../law/assess.ts';
import { parseFacts } from '../../../law/facts.ts';
import type { Finding } from '../../../law/finding.ts';
import type { Actor, Role } from '../access/roles.ts';
import { isDomainError, type DomainError } from '../errors.ts';
import type { PersonData } from '../persons/person.ts';
import { asActor } from '../../storage/transaction.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { approveTransition } from './approve-transition.ts';
import { loadCaseSubject } from './assess-case.ts';
import { buildLawFacts } from './build-facts.ts';
import type { CaseFactsPatch } from './case-facts.ts';
import type { CaseKind } from './case.ts';
import type { TransitionInput } from './effects.ts';
import { getCase } from './get-case.ts';
import { BASELINE_LAW, caseLawWith, type CaseLaw } from './law-context.ts';
import { listDecisions } from './list-decisions.ts';
import { openCase } from './open-case.ts';
import { transitionById } from './procedure.ts';
import { isIntact } from './record-decision.ts';
import { takeTransition, type TakeTransitionResult } from './take-transition.ts';
import { updateCase } from './update-case.ts';

let storage: TestStorage;

function actor(tenantId: string, id: string, roles: Role[]): Actor {
  return { id, displayName: id, tenantId, unitId: 'asylum', roles };
}
const caseworker = (tenantId: string) => actor(tenantId, `${tenantId.toLowerCase()}-test-caseworker`, ['caseworker']);
const supervisor = (tenantId: string) => actor(tenantId, `${tenantId.toLowerCase()}-test-supervisor`, ['supervisor']);

/** Registry facts given to the engine instead of the registries' (and of the law package's defaults). */
const lawWith = caseLawWith;

interface Scenario {
  tenantId: string;
  kind?: CaseKind;
  person: PersonData;
  facts?: CaseFactsPatch;
  law?: CaseLaw;
}

async function openScenario(s: Scenario): Promise<string> {
  const by = caseworker(s.tenantId);
  const opened = await asActor(storage.db, by, (tx) => openCase({ tx, actor: by, input: { kind: s.kind ?? 'asylum', person: s.person } }));
  if (s.facts) await asActor(storage.db, by, (tx) => updateCase({ tx, actor: by, caseId: opened.id, expectedVersion: 1, input: { facts: s.facts!, reason: 'facts of the case' } }));
  return opened.id;
}

async function versionOf(tenantId: string, caseId: string): Promise<number> {
  const by = supervisor(tenantId);
  return (await asActor(storage.db, by, (tx) => getCase({ tx, actor: by, caseId }))).version;
}

/** Takes a transition as the tenant's caseworker; a four-eyes one is approved by the supervisor. */
async function take(tenantId: string, caseId: string, transition: string, on: string, input: TransitionInput = {}, law: CaseLaw = BASELINE_LAW): Promise<TakeTransitionResult> {
  const by = caseworker(tenantId);
  const version = await versionOf(tenantId, caseId);
  const result = await asActor(storage.db, by, (tx) => takeTransition({
    tx, actor: by, caseId, expectedVersion: version, input: { transition, reason: `${transition} (test)`, on, ...input }, law,
  }));
  if (result.status === 'pending') {
    const approver = supervisor(tenantId);
    await asActor(storage.db, approver, (tx) => approveTransition({
      tx, actor: approver, caseId, transitionId: result.transition.id, expectedVersion: result.case.version, reason: 'approved (test)', law,
    }));
  }
  return result;
}

/** Takes the steps in order, each on its date. */
async function walk(tenantId: string, caseId: string, steps: Array<[string, string, TransitionInput?]>, law: CaseLaw = BASELINE_LAW): Promise<void> {
  for (const [transition, on, input] of steps) await take(tenantId, caseId, transition, on, input ?? {}, law);
}

/** What the engine says on the case's facts for the transition's findings: the oracle. */
async function engineSays(tenantId: string, caseId: string, transition: string, on: string, input: TransitionInput, law: CaseLaw): Promise<{ permits: boolean; findings: Finding[] }> {
  const by = supervisor(tenantId);
  const { c, subject } = await asActor(storage.db, by, async (tx) => {
    const c = await getCase({ tx, actor: by, caseId });
    return { c, subject: await loadCaseSubject(tx, c, on) };
  });
  const built = buildLawFacts({ memberState: tenantId, person: subject.person!, family: subject.family, caseFacts: c.facts, on });
  const parsed = parseFacts(built, on);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  const assessment = assess({ facts: parsed.facts, on, registry: law.registryOn(on, parsed.facts.person.nationality) });
  const def = transitionById(transition)!;
  const findings = def.requires.filter((r) => !r.regimes || r.regimes.includes(assessment.regime)).map((r) => assessment.findings.find((f) => f.question === r.question
    && (r.per !== 'country' || f.country === input.country) && (r.per !== 'agreement' || f.agreement === input.agreement)));
  const permits = def.requires.filter((r) => !r.regimes || r.regimes.includes(assessment.regime)).every((r, i) => findings[i] !== undefined && r.allow.includes(findings[i]!.outcome));
  return { permits, findings: findings.filter((f): f is Finding => f !== undefined) };
}

/**
 * Takes `transition` and checks it against the oracle: allowed exactly when the engine's findings
 * permit it (and `side` says which side the scenario is meant to be on); refused with each finding's
 * outcome, basis and reasons otherwise.
 */
async function expectAsEngineSays(tenantId: string, caseId: string, transition: string, on: string, side: 'allowed' | 'refused', input: TransitionInput = {}, law: CaseLaw = BASELINE_LAW): Promise<void> {
  const oracle = await engineSays(tenantId, caseId, transition, on, input, law);
  assert.equal(oracle.permits ? 'allowed' : 'refused', side, `the scenario is on the ${side} side for the engine: ${JSON.stringify(oracle.findings)}`);
  const before = await versionOf(tenantId, caseId);
  const attempt = take(tenantId, caseId, transition, on, input, law);
  if (side === 'allowed') {
    const result = await attempt;
    assert.deepEqual(result.check.findings, oracle.findings);
    assert.equal((await asActor(storage.db, supervisor(tenantId), (tx) => getCase({ tx, actor: supervisor(tenantId), caseId }))).stage, transitionById(transition)!.to);
    return;
  }
  const error = await attempt.then(() => null, (e: unknown) => e);
  assert.ok(isDomainError(error, 'TRANSITION_REFUSED'), `${transition} on ${on} is refused: ${String(error)}`);
  const refusals = (error as DomainError).extensions.refusals as Array<{ code: string; question?: string; outcome?: string; basis: string[]; because: string[] }>;
  const refusing = oracle.findings.filter((f) => !transitionById(transition)!.requires.find((r) => r.question === f.question)!.allow.includes(f.outcome));
  for (const f of refusing) {
    const r = refusals.find((x) => x.code === 'FINDING' && x.question === f.question);
    assert.ok(r, `the refusal names ${f.question}`);
    assert.equal(r.outcome, f.outcome);
    assert.deepEqual(r.basis, f.basis);
    assert.ok(r.basis.length > 0, 'a refusal cites its basis');
    assert.deepEqual(r.because, f.because);
  }
  assert.equal(await versionOf(tenantId, caseId), before, 'a refused transition writes nothing');
}

const BD_MAN: PersonData = { givenNames: 'Karim', familyName: 'Rahman', nationality: 'BD', birthDate: '1996-05-01', sex: 'M', vulnerabilities: [], securityMarkers: [] };
const SY_MAN: PersonData = { givenNames: 'Omar', familyName: 'Haddad', nationality: 'SY', birthDate: '1990-01-01', sex: 'M' };

/** An application made, registered and lodged on `day`. */
const applied = (day: string): Array<[string, string]> => [['make-application', day], ['register-application', day], ['lodge-application', day]];

describe(`transitions as the law engine says, on ${ENGINE}`, () => {
  before(async () => {
    storage = await openTestStorage();
  });
  after(() => storage.close());

  describe('the regime changes for applications made from 12 June 2026', () => {
    for (const [day, accelerated, regular, border] of [['2026-06-11', 'refused', 'allowed', 'refused'], ['2026-06-12', 'allowed', 'refused', 'allowed']] as const) {
      it(`an application made on ${day}: accelerated procedure ${accelerated}, regular ${regular}, border ${border}`, async () => {
        for (const [transition, side] of [['examine-in-accelerated-procedure', accelerated], ['examine-in-regular-procedure', regular], ['examine-in-border-procedure', border]] as const) {
          const caseId = await openScenario({ tenantId: 'IT', person: BD_MAN, facts: { application: { atExternalBorder: true } } });
          await walk('IT', caseId, applied(day));
          await expectAsEngineSays('IT', caseId, transition, '2026-07-01', side);
        }
      });
    }

    it('refuses the border procedure for an application not made at the external border', async () => {
      const caseId = await openScenario({ tenantId: 'IT', person: BD_MAN, facts: { application: { atExternalBorder: false } } });
      await walk('IT', caseId, applied('2026-06-12'));
      await expectAsEngineSays('IT', caseId, 'examine-in-border-procedure', '2026-07-01', 'refused');
    });
  });

  describe('inadmissibility', () => {
    const serbia = lawWith({ designations: [{ country: 'RS', kind: 'safe-third-country', level: 'national', memberState: 'HU', from: '2015-08-01' }] });
    const viaSerbia = (day: string): CaseFactsPatch => ({
      journey: { transits: [{ country: 'RS', days: 21, couldHaveSoughtProtection: true }] }, riskAssessments: [{ destination: 'RS', on: day, outcome: 'no-real-risk' }],
    });

    for (const [day, side] of [['2026-06-11', 'refused'], ['2026-06-12', 'allowed']] as const) {
      it(`declares a Syrian who transited Serbia inadmissible on safe-third-country grounds only if the application was made from 12 June (${day}: ${side})`, async () => {
        const caseId = await openScenario({ tenantId: 'HU', person: SY_MAN, facts: viaSerbia(day), law: serbia });
        await walk('HU', caseId, [...applied(day), ['examine-admissibility', day]], serbia);
        await expectAsEngineSays('HU', caseId, 'declare-inadmissible-safe-third-country', '2026-06-20', side, { country: 'RS' }, serbia);
      });
    }

    it('transfers to the safe third country only for the country of the decision, once the appeal does not suspend it', async () => {
      const caseId = await openScenario({ tenantId: 'HU', person: SY_MAN, facts: viaSerbia('2026-06-12'), law: serbia });
      await walk('HU', caseId, [...applied('2026-06-12'), ['examine-admissibility', '2026-06-12'], ['declare-inadmissible-safe-third-country', '2026-06-20', { country: 'RS' }]], serbia);
      const elsewhere = await take('HU', caseId, 'transfer-to-safe-third-country', '2026-06-21', { country: 'TR' }, serbia).then(() => null, (e: unknown) => e as DomainError);
      assert.ok(isDomainError(elsewhere, 'TRANSITION_REFUSED'));
      assert.ok((elsewhere.extensions.refusals as Array<{ guard?: string }>).some((r) => r.guard === 'decision-stc-for-country'));
      await expectAsEngineSays('HU', caseId, 'transfer-to-safe-third-country', '2026-06-21', 'allowed', { country: 'RS' }, serbia);
    });

    it('holds a transfer under the Directive while an appeal with suspensive effect may still be lodged', async () => {
      const turkey = lawWith({ designations: [{ country: 'TR', kind: 'safe-third-country', level: 'national', memberState: 'GR', from: '2019-01-01' }] });
      const caseId = await openScenario({ tenantId: 'GR', person: SY_MAN, law: turkey, facts: {
        journey: { stays: [{ country: 'TR', months: 14 }], familyIn: ['TR'] }, riskAssessments: [{ destination: 'TR', on: '2019-05-28', outcome: 'no-real-risk' }],
      } });
      await walk('GR', caseId, [...applied('2019-05-20'), ['examine-admissibility', '2019-05-21'], ['declare-inadmissible-safe-third-country', '2019-06-01', { country: 'TR' }]], turkey);
      const held = await take('GR', caseId, 'transfer-to-safe-third-country', '2019-06-05', { country: 'TR' }, turkey).then(() => null, (e: unknown) => e as DomainError);
      assert.ok(isDomainError(held, 'TRANSITION_REFUSED'));
      const refusal = (held.extensions.refusals as Array<{ guard?: string; basis: string[] }>).find((r) => r.guard === 'right-to-remain-ended');
      assert.ok(refusal, 'the right to remain refuses it');
      assert.ok(refusal.basis.some((b) => b.startsWith('Directive 2013/32/EU Art. 46')));
    });

    it('declares a subsequent application without new elements inadmissible: required by the Regulation, allowed by the Directive', async () => {
      for (const [day, newElements, side] of [['2026-06-12', false, 'allowed'], ['2026-06-12', true, 'refused'], ['2026-06-11', false, 'allowed']] as const) {
        const caseId = await openScenario({ tenantId: 'DE', person: SY_MAN, facts: { application: { subsequent: true, newElements } } });
        await walk('DE', caseId, [...applied(day), ['examine-admissibility', day]]);
        if (day === '2026-06-12') {
          await expectAsEngineSays('DE', caseId, 'declare-inadmissible-subsequent', '2026-06-20', side);
          continue;
        }
        // Under the Directive the engine's "must" is no; the Directive's "may" is the guard's exception.
        assert.equal((await engineSays('DE', caseId, 'declare-inadmissible-subsequent', '2026-06-20', {}, BASELINE_LAW)).permits, true, 'no requirement under the Directive');
        assert.equal((await take('DE', caseId, 'declare-inadmissible-subsequent', '2026-06-20')).status, 'pending');
      }
    });

    it('declares a first country of asylum only with the individual assessments the engine leaves to people', async () => {
      const lebanon: CaseFactsPatch = { journey: { stays: [{ country: 'LB', months: 36 }] } };
      const caseId = await openScenario({ tenantId: 'IT', person: SY_MAN, facts: lebanon });
      await walk('IT', caseId, [...applied('2026-07-01'), ['examine-admissibility', '2026-07-01']]);
      const unassessed = await take('IT', caseId, 'declare-inadmissible-first-country-of-asylum', '2026-07-10', { country: 'LB' }).then(() => null, (e: unknown) => e as DomainError);
      assert.ok(isDomainError(unassessed, 'TRANSITION_REFUSED'));
      assert.deepEqual((unassessed.extensions.refusals as Array<{ guard?: string }>).map((r) => r.guard), ['no-real-risk-on-record']);
      const by = caseworker('IT');
      const version = await versionOf('IT', caseId);
      await asActor(storage.db, by, (tx) => updateCase({ tx, actor: by, caseId, expectedVersion: version,
        input: { facts: { riskAssessments: [{ destination: 'LB', on: '2026-07-02', outcome: 'no-real-risk' }] }, reason: 'interview on the stay in Lebanon' } }));
      await expectAsEngineSays('IT', caseId, 'declare-inadmissible-first-country-of-asylum', '2026-07-10', 'allowed', { country: 'LB' });
      const greece = await openScenario({ tenantId: 'GR', person: SY_MAN, facts: { journey: { stays: [{ country: 'TR', months: 36 }] }, riskAssessments: [{ destination: 'TR', on: '2026-07-02', outcome: 'no-real-risk' }] } });
      await walk('GR', greece, [...applied('2026-07-01'), ['examine-admissibility', '2026-07-01']]);
      await expectAsEngineSays('GR', greece, 'declare-inadmissible-first-country-of-asylum', '2026-07-10', 'refused', { country: 'TR' });
    });
  });

  describe('return', () => {
    async function returnCase(assessment: boolean): Promise<string> {
      const caseId = await openScenario({ tenantId: 'IT', kind: 'return', person: BD_MAN,
        facts: assessment ? { riskAssessments: [{ destination: 'BD', on: '2026-07-02', outcome: 'no-real-risk' }] } : undefined });
      await take('IT', caseId, 'issue-return-decision', '2026-07-01', { voluntaryDepartureDays: 30, entryBanYears: 3 });
      return caseId;
    }

    it('removes on the day after the voluntary departure period may end, not on its last day', async () => {
      const lastDay = await returnCase(true);
      await expectAsEngineSays('IT', lastDay, 'remove', '2026-07-31', 'refused', { country: 'BD' });
      const dayAfter = await returnCase(true);
      await expectAsEngineSays('IT', dayAfter, 'remove', '2026-08-01', 'allowed', { country: 'BD' });
    });

    it('never removes without an individual non-refoulement assessment on record', async () => {
      const caseId = await returnCase(false);
      await expectAsEngineSays('IT', caseId, 'remove', '2026-08-01', 'refused', { country: 'BD' });
    });

    it('transfers to no return hub while the Return Directive governs returns', async () => {
      const hub = lawWith({ agreements: [{ id: 'test-hub', kind: 'return-hub', partner: 'UG', memberStates: ['IT'], from: '2026-01-01' }] });
      const caseId = await returnCase(true);
      await expectAsEngineSays('IT', caseId, 'transfer-to-return-hub', '2026-08-01', 'refused', { agreement: 'test-hub' }, hub);
    });

    it('records the return decision\'s terms and pins the law in its decision record', async () => {
      const caseId = await returnCase(true);
      const by = supervisor('IT');
      const c = await asActor(storage.db, by, (tx) => getCase({ tx, actor: by, caseId }));
      assert.deepEqual(c.facts.returnDecision, { on: '2026-07-01', voluntaryDepartureDays: 30, entryBanYears: 3 });
      assert.deepEqual(c.facts.decision, { kind: 'return-decision', on: '2026-07-01' });
      const { decisions } = await asActor(storage.db, by, (tx) => listDecisions({ tx, actor: by, caseId }));
      const [record] = decisions;
      assert.equal(record!.transition, 'issue-return-decision');
      assert.equal(record!.proposedBy, caseworker('IT').id);
      assert.equal(record!.approvedBy, by.id);
      assert.match(record!.law.lawDigest, /^sha256:[0-9a-f]{64}$/);
      assert.ok(record!.rules.some((r) => r.rule === 'removal' && /^\d{4}-\d{2}-\d{2}$/.test(r.version)), 'the rule versions that answered');
      assert.ok(Array.isArray(record!.trace) && record!.trace.length > 0, 'the trace is kept');
      assert.equal(isIntact(record!), true);
    });
  });

  describe('agreements', () => {
    it('takes nobody to an offshore facility while the Court of Justice has the question pending', async () => {
      const caseId = await openScenario({ tenantId: 'IT', person: BD_MAN, facts: {
        application: { atExternalBorder: true }, journey: { interception: { date: '2026-07-01', area: 'international-waters', byMemberStateAuthorities: true } },
      } });
      await walk('IT', caseId, [['make-application', '2026-07-01'], ['register-application', '2026-07-01']]);
      await expectAsEngineSays('IT', caseId, 'take-to-offshore-facility', '2026-07-02', 'refused', { agreement: 'it-al-protocol' });
    });
  });
});
