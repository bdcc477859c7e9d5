/**
 * The case screen's logic: which steps are offered and why the others are not, the steps' names in
 * the user's language, the day's findings grouped with the steps that consult them, citations linked
 * through the law catalogue, the request of a step, and what a stale step is compared on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../../i18n/messages/en.ts';
import { fr } from '../../i18n/messages/fr.ts';
import type { MessageKey } from '../../i18n/messages/en.ts';
import type { AvailableTransition, CaseFindingsView, CaseRecord, TransitionsView } from './case-types.ts';
import {
  citationIndex, etagVersion, familyOf, groupFindings, instrumentOf, linkCitations, staleStep, stepBody, stepName, stepsOf, stillWanted, TRANSITION_LABELS,
} from './case-model.ts';

const accelerated = { question: 'accelerated-procedure', outcome: 'yes' as const, basis: ['Regulation (EU) 2024/1348 Art. 42(1)'], because: ['point (e): safe country of origin (LK)'] };

function transition(over: Partial<AvailableTransition>): AvailableTransition {
  return { transition: 'examine-in-accelerated-procedure', label: 'Examine in the accelerated procedure', to: 'accelerated', allowed: true, fourEyes: false,
    action: 'transition', permitted: true, basis: ['Regulation (EU) 2024/1348 Art. 42'], findings: [accelerated], refusals: [], ...over };
}

function view(available: AvailableTransition[], pending: TransitionsView['pending'] = null): TransitionsView {
  return { caseId: 'c', stage: 'admissibility', version: 6, on: '2026-11-21', regime: 'apr-2024', assessmentErrors: [], available, pending, deadlines: [], reasonsShown: true };
}

const regular = transition({
  transition: 'examine-in-regular-procedure', label: 'Examine in the regular procedure', to: 'examination', allowed: false,
  refusals: [{ code: 'FINDING', message: 'accelerated-procedure is yes; the transition needs no or review or uncertain', question: 'accelerated-procedure', outcome: 'yes', basis: accelerated.basis, because: accelerated.because }],
});
const grant = transition({ transition: 'grant-protection', label: 'Grant international protection', to: 'protection-granted', fourEyes: true, action: 'decide', findings: [] });
const transfer = transition({
  transition: 'transfer-to-member-state', to: 'transferred-member-state', fourEyes: true, action: 'decide', allowed: false, findings: [],
  refusals: [{ code: 'SUBJECT_REQUIRED', message: 'name the country (ISO 3166-1 alpha-2)', basis: [], because: [] }],
});

describe('stepsOf', () => {
  it('offers the allowed steps first and gives the refused ones their reasons with citations', () => {
    const steps = stepsOf(view([regular, transition({}), grant]));
    assert.deepEqual(steps.map((s) => [s.transition, s.available]), [['examine-in-accelerated-procedure', true], ['grant-protection', true], ['examine-in-regular-procedure', false]]);
    assert.deepEqual(steps[2]!.reasons, [{ code: 'FINDING', message: regular.refusals[0]!.message, basis: accelerated.basis, because: accelerated.because }]);
  });

  it('refuses every step to a role the permission table does not give it, saying so', () => {
    const [step] = stepsOf(view([transition({ permitted: false, action: 'decide' })]));
    assert.equal(step!.available, false);
    assert.deepEqual(step!.reasons.map((r) => [r.code, r.message]), [['FORBIDDEN', 'decide']]);
  });

  it('offers nothing while a proposal waits for approval', () => {
    const pending = { id: 't', caseId: 'c', transition: 'grant-protection', from: 'admissibility', to: 'protection-granted', effectiveOn: '2026-11-21', input: {},
      status: 'pending' as const, proposedBy: 'it-caseworker', proposedAt: '2026-11-21T10:00:00Z', reason: 'r', legalBasis: [], decidedBy: null, decidedAt: null, decisionReason: null,
      mayDecide: true, refusal: null };
    const steps = stepsOf(view([transition({}), grant], pending));
    assert.ok(steps.every((s) => !s.available && s.reasons[0]!.code === 'PENDING'));
  });

  it('offers a step refused only for want of a country, asking for the country', () => {
    const [step] = stepsOf(view([transfer]));
    assert.deepEqual([step!.available, step!.needs, step!.reasons], [true, 'country', []]);
    const withGuard = transition({ ...transfer, refusals: [...transfer.refusals, { code: 'GUARD', message: 'no assessment on record', basis: [], because: [] }] });
    assert.equal(stepsOf(view([withGuard]))[0]!.available, false, 'another refusal still stands');
  });

  it('keeps the same transition for two countries apart', () => {
    const keys = stepsOf(view([transition({ subject: { country: 'AL' } }), transition({ subject: { country: 'TN' } })])).map((s) => s.key);
    assert.deepEqual(keys, ['examine-in-accelerated-procedure:country=AL', 'examine-in-accelerated-procedure:country=TN']);
  });
});

describe('groupFindings', () => {
  const rule = (id: string) => ({ id, version: '2026-06-12' });
  const removalTN = { question: 'removal', country: 'TN', outcome: 'review' as const, basis: ['Directive 2008/115/EC Art. 8(1)'], because: [], rule: rule('removal') };
  const stcTR = { question: 'stc-inadmissibility', country: 'TR', outcome: 'no' as const, basis: ['Regulation (EU) 2024/1348 Art. 59'], because: [], rule: rule('stc-inadmissibility') };
  const sco = { ...accelerated, question: 'sco-presumption', country: 'TN', rule: rule('sco-presumption') };
  const unknown = { question: 'new-question', outcome: 'uncertain' as const, basis: ['X'], because: [], rule: null };

  function day(findings: CaseFindingsView['findings'], on = '2026-11-21'): CaseFindingsView {
    return { caseId: 'c', stage: 'admissibility', version: 6, on, regime: 'apr-2024', assessmentErrors: [], findings, deadlines: [],
      law: { lawDigest: 'sha256:a', engineDigest: 'sha256:b', registryRevision: 1 }, rules: [], reasonsShown: true };
  }

  it('groups every finding by the family of its question, families in the procedure\'s order, the engine\'s order within each', () => {
    const groups = groupFindings(day([removalTN, unknown, stcTR, { ...accelerated, rule: rule('accelerated-procedure') }, sco]));
    assert.deepEqual(groups.map((g) => [g.family, g.findings.map((f) => f.key)]), [
      ['procedure', ['accelerated-procedure||', 'sco-presumption|TN|']],
      ['admissibility', ['stc-inadmissibility|TR|']],
      ['movement', ['removal|TN|']],
      ['other', ['new-question||']],
    ]);
    assert.deepEqual(groupFindings(day([])), []);
    assert.equal(familyOf('appeal-suspensive'), 'appeal');
    assert.equal(familyOf('toString'), 'other', 'only the table\'s own questions');
  });

  it('names the next steps that consult each finding, once each, only when they were read for the same date', () => {
    const steps = view([transition({}), regular, transition({ transition: 'remove', to: 'removed', findings: [{ ...removalTN, country: 'MA' }] })]);
    const [procedure] = groupFindings(day([{ ...accelerated, rule: rule('accelerated-procedure') }, sco]), steps);
    assert.deepEqual(procedure!.findings.map((f) => f.steps), [['examine-in-accelerated-procedure', 'examine-in-regular-procedure'], []]);
    const [movement] = groupFindings(day([removalTN]), steps);
    assert.deepEqual(movement!.findings[0]!.steps, [], 'removal to Morocco is another finding than removal to Tunisia');
    assert.deepEqual(groupFindings(day([{ ...accelerated, rule: rule('accelerated-procedure') }], '2026-12-01'), steps)[0]!.findings[0]!.steps, [], 'the steps of another day');
  });
});

describe('stepName', () => {
  const inEnglish = (key: MessageKey) => en[key];
  const inFrench = (key: MessageKey) => fr[key];

  it('names a step in the user\'s language, and keeps the API\'s label, else the id, for a step the client does not know', () => {
    assert.equal(stepName(inEnglish, 'examine-in-accelerated-procedure', 'ignored'), 'Examine in the accelerated procedure');
    assert.equal(stepName(inFrench, 'examine-in-accelerated-procedure'), 'Examiner en procédure accélérée');
    assert.equal(stepName(inFrench, 'new-step', 'A new step'), 'A new step');
    assert.equal(stepName(inFrench, 'new-step'), 'new-step');
    assert.equal(stepName(inFrench, 'constructor'), 'constructor', 'only the table\'s own ids');
  });

  it('has a name for every step in every catalogue\'s keys, and a French name that is not the English one', () => {
    for (const [transition, key] of Object.entries(TRANSITION_LABELS)) {
      assert.ok(Object.hasOwn(en, key), `${transition}: ${key}`);
      assert.notEqual(fr[key], en[key], `${transition} is translated`);
    }
  });
});

describe('citations', () => {
  const index = citationIndex({
    rules: [{ id: 'r', label: 'r', inForce: true, version: null, end: null, versions: [], basis: [
      { title: 'Regulation (EU) 2024/1348 Art. 42(1)', href: 'https://eur-lex.europa.eu/eli/reg/2024/1348/oj#art42' },
      { title: 'Directive 2008/115/EC Art. 8(1)', href: 'https://eur-lex.europa.eu/eli/dir/2008/115/oj' },
    ] }],
    parameters: [],
  });

  it('names the instrument of a citation', () => {
    assert.equal(instrumentOf('Regulation (EU) 2024/1348 Art. 38(1), point (b)'), 'Regulation (EU) 2024/1348');
    assert.equal(instrumentOf('Directive 2013/32/EU Art. 31(8)'), 'Directive 2013/32/EU');
    assert.equal(instrumentOf('Protocol between Italy and Albania'), null);
  });

  it('links a citation to its own source, else its instrument\'s, else leaves it plain', () => {
    assert.deepEqual(linkCitations(['Regulation (EU) 2024/1348 Art. 42(1)', 'Regulation (EU) 2024/1348 Art. 43(1)', 'Directive 2008/115/EC Art. 6(1)', 'Directive 2013/32/EU Art. 31', 'Protocol'], index), [
      { title: 'Regulation (EU) 2024/1348 Art. 42(1)', href: 'https://eur-lex.europa.eu/eli/reg/2024/1348/oj#art42' },
      { title: 'Regulation (EU) 2024/1348 Art. 43(1)', href: 'https://eur-lex.europa.eu/eli/reg/2024/1348/oj#art42' },
      { title: 'Directive 2008/115/EC Art. 6(1)', href: 'https://eur-lex.europa.eu/eli/dir/2008/115/oj' },
      { title: 'Directive 2013/32/EU Art. 31' },
      { title: 'Protocol' },
    ]);
    assert.deepEqual(linkCitations(['X'], null), [{ title: 'X' }]);
  });
});

describe('stepBody', () => {
  const [accelerate] = stepsOf(view([transition({})]));
  const [toMemberState] = stepsOf(view([transfer]));

  it('sends the transition, the trimmed reason and the extra citations, one per line', () => {
    assert.deepEqual(stepBody(accelerate!, { reason: ' Safe country of origin ', legalBasis: 'APR Art. 42(1)(e)\n\n x \n', subject: '' }),
      { ok: true, body: { transition: 'examine-in-accelerated-procedure', reason: 'Safe country of origin', legalBasis: ['APR Art. 42(1)(e)'] } });
  });

  it('asks for a reason the API would accept and for the country a step is about', () => {
    assert.deepEqual(stepBody(accelerate!, { reason: 'ok', legalBasis: '', subject: '' }), { ok: false, missing: ['reason'] });
    assert.deepEqual(stepBody(toMemberState!, { reason: 'Dublin', legalBasis: '', subject: 'Germany' }), { ok: false, missing: ['country'] });
    assert.deepEqual(stepBody(toMemberState!, { reason: 'Dublin', legalBasis: '', subject: 'de' }),
      { ok: true, body: { transition: 'transfer-to-member-state', reason: 'Dublin', country: 'DE' } });
  });

  it('never builds the request of a step that is not available', () => {
    const [refused] = stepsOf(view([regular]));
    assert.deepEqual(stepBody(refused!, { reason: 'anyway', legalBasis: '', subject: '' }), { ok: false, missing: ['transition'] });
  });
});

describe('staleStep', () => {
  const read = { stage: 'admissibility', assignedTo: 'it-caseworker', unitId: 'asylum' } as CaseRecord;
  const [accelerate] = stepsOf(view([transition({})]));

  it('compares the stage read, the stage wanted and the stage now, keeping the other person\'s other changes', () => {
    const moved = staleStep(read, accelerate!, { ...read, stage: 'examination', assignedTo: 'it-supervisor' });
    assert.deepEqual(moved, {
      base: { stage: 'admissibility', assignedTo: 'it-caseworker', unitId: 'asylum' },
      mine: { stage: 'accelerated', assignedTo: 'it-caseworker', unitId: 'asylum' },
      theirs: { stage: 'examination', assignedTo: 'it-supervisor', unitId: 'asylum' },
    });
    assert.equal(stillWanted({ ...moved.theirs }, accelerate!), false, 'keeping their stage drops the step');
    assert.equal(stillWanted({ ...moved.theirs, stage: 'accelerated' }, accelerate!), true);
  });
});

describe('etagVersion', () => {
  it('reads the version of a strong or weak ETag, and falls back on anything else', () => {
    assert.deepEqual([etagVersion('"8"', 1), etagVersion('W/"12"', 1), etagVersion(null, 7), etagVersion('8', 7), etagVersion('"x"', 7)], [8, 12, 7, 7, 7]);
  });
});
