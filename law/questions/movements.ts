/**
 * @module law/questions/movements
 * Every movement of a person to a country, each behind the non-refoulement gate:
 * `offshore-processing` (Italy–Albania Protocol terms), `return-hub-transfer` (Return Directive until
 * the Return Regulation applies), `one-to-one-return` (EU–Turkey Statement) and `removal`.
 */
import { defineRule } from '../../src/rules/engine/rule.ts';
import { addDays } from '../../src/rules/engine/dates.ts';
import { cite, CJEU, NON_REFOULEMENT } from '../cite.ts';
import { barredByRealRisk, conclude, gate, type Conclusion } from '../finding.ts';
import { readmissionSuspended, riskAssessmentFor, stayIn, transitThrough, type AgreementFacts, type Situation } from '../situation.ts';

const PROTOCOL = cite('it-al-protocol', 'Arts. 1 to 4');
const APR_43 = cite('reg-2024-1348-apr', 'Art. 43(1), point (c)');
const APD_43 = cite('dir-2013-32-apd', 'Art. 43(1)');
const RD_3 = cite('dir-2008-115-return', 'Art. 3, point (3)');
const RD_6 = cite('dir-2008-115-return', 'Art. 6(1)');
const RD_7 = cite('dir-2008-115-return', 'Art. 7(1)');
const RD_7_4 = cite('dir-2008-115-return', 'Art. 7(4)');
const RD_8 = cite('dir-2008-115-return', 'Art. 8(1)');
const RETURN_REGULATION = cite('return-regulation', 'provisions on return hubs');
const STATEMENT = cite('eu-tr-statement', 'points 1 and 2');
/** The first day the engine treats C-706/25 and C-707/25 as pending (referred in autumn 2025; exact date not verified). */
const COMERI_PENDING_FROM = '2025-11-01';
const JK = { title: 'ECtHR (Grand Chamber), J.K. and Others v. Sweden, no. 59166/12, 23 August 2016 (risk assessed as at the time of removal)', href: 'https://hudoc.echr.coe.int/eng?i=001-165442' };

export interface AgreementSubject {
  s: Situation;
  agreement: AgreementFacts;
  /** Outcomes of other questions this one depends on. */
  sco: string;
  borderAllowed: string;
}

export interface RemovalSubject {
  s: Situation;
  country: string;
}

function covers(a: AgreementFacts, memberState: string): boolean {
  return !a.memberStates || a.memberStates.includes(memberState);
}

/** Eligibility under the Italy–Albania Protocol's terms: each unmet condition bars, each unknown one leaves it to review. */
function offshore({ s, agreement, sco, borderAllowed }: AgreementSubject): Conclusion {
  const basis = [PROTOCOL, s.regime === 'apr-2024' ? APR_43 : APD_43];
  if (!covers(agreement, s.memberState)) return conclude('no', basis, `${s.memberState} is not a party to ${agreement.id}`);
  if (agreement.legallyBinding === false) return conclude('no', basis, `${agreement.id} is not a legally binding arrangement`);
  const bars: string[] = [];
  const unknown: string[] = [];
  const interception = s.interception;
  if (s.age === null) unknown.push('the applicant\'s age'); else if (s.age < 18) bars.push(`the applicant is a minor (${s.age})`);
  if (s.sex === undefined) unknown.push('the applicant\'s sex'); else if (s.sex !== 'M') bars.push('the protocol takes adult men only');
  if (s.unaccompanied === true) bars.push('the applicant is an unaccompanied minor');
  if (s.familyWithMinors === true) bars.push('families with minors are not transferred');
  if (s.vulnerable === null) unknown.push('whether the applicant is vulnerable'); else if (s.vulnerable) bars.push(`the applicant is vulnerable (${(s.vulnerabilities ?? []).join(', ')})`);
  if (!interception?.area) unknown.push('where the applicant was rescued'); else if (interception.area !== 'international-waters') bars.push(`the applicant was intercepted in ${interception.area}, not rescued in international waters`);
  if (interception?.byMemberStateAuthorities === false) bars.push(`the rescue was not carried out by ${s.memberState}'s authorities`); else if (interception?.byMemberStateAuthorities === undefined) unknown.push('which authorities carried out the rescue');
  if (sco === 'no') bars.push('the applicant is not a national of a safe country of origin'); else if (sco !== 'yes') unknown.push('whether the safe-country-of-origin presumption applies');
  if (borderAllowed === 'no') bars.push('the border procedure cannot be applied');
  if (bars.length) return conclude('no', basis, ...bars);
  if (unknown.length) return conclude('review', basis, `not known: ${unknown.join('; ')}`);
  const meets = 'the applicant meets the protocol\'s terms: an adult man, not vulnerable, rescued in international waters by the Member State\'s authorities, from a safe country of origin';
  // The references in Comeri and Sidilli were made in autumn 2025 (case numbers of that year); before,
  // the operation of the Protocol was contested before the Italian courts (Tribunal of Rome, 18 October 2024).
  if (s.on >= COMERI_PENDING_FROM) {
    return conclude('uncertain', [...basis, CJEU.COMERI, ...NON_REFOULEMENT], meets,
      'whether EU asylum law can be applied in a facility in the partner country is pending before the Court of Justice in C-706/25 and C-707/25 Comeri and Sidilli');
  }
  return conclude('uncertain', [...basis, ...NON_REFOULEMENT], meets,
    'whether EU asylum law can be applied in a facility in the partner country was unsettled: the Italian courts refused to validate detentions there from 18 October 2024 and referred questions to the Court of Justice');
}

export const offshoreProcessing = defineRule<AgreementSubject, Conclusion>({
  id: 'offshore-processing',
  label: 'Transfer to an offshore processing facility',
  versions: {
    '2015-07-21': { basis: [PROTOCOL, APR_43, CJEU.COMERI], evaluate: (facts) => barredByRealRisk(facts.s, facts.agreement.partner, offshore(facts)) },
  },
});

function returnHub({ s, agreement }: AgreementSubject): Conclusion {
  if (!covers(agreement, s.memberState)) return conclude('no', [RD_3], `${s.memberState} is not a party to ${agreement.id}`);
  return conclude('no', [RD_3, RETURN_REGULATION],
    'Directive 2008/115/EC governs returns: it allows return to the country of origin, to a transit country under a readmission agreement, or to another third country only where the person voluntarily decides to go there',
    'the Return Regulation, which would allow return hubs, was provisionally agreed on 1 June 2026 but does not apply');
}

export const returnHubTransfer = defineRule<AgreementSubject, Conclusion>({
  id: 'return-hub-transfer',
  label: 'Transfer to a return hub',
  versions: {
    '2010-12-24': { basis: [RD_3], evaluate: (facts) => returnHub(facts) },
  },
});

/** The decisions ending the right to remain after which a return counts under the mechanism. */
const ENDS_RIGHT_TO_REMAIN: readonly string[] = ['stc-inadmissibility', 'fca-inadmissibility', 'return-decision', 'regular-rejection', 'accelerated-rejection', 'border-rejection'];

function oneToOne({ s, agreement }: AgreementSubject): Conclusion {
  const basis = [STATEMENT];
  if (!covers(agreement, s.memberState)) return conclude('no', basis, `${s.memberState} is not a party to ${agreement.id}`);
  const suspended = readmissionSuspended(s, agreement.partner);
  if (suspended) return conclude('no', [...basis, CJEU.C134_23], `${agreement.partner} has not readmitted persons from ${s.memberState} since ${suspended.since}`);
  if (s.nationality !== 'SY') return conclude('no', basis, 'the one-for-one mechanism counts returns of Syrian nationals only');
  const cameFrom = transitThrough(s, agreement.partner) !== null || stayIn(s, agreement.partner) !== null;
  if (!cameFrom) return conclude('no', basis, `the applicant is not known to have come through ${agreement.partner}`);
  const crossed = s.interception?.date;
  if (!crossed) return conclude('review', basis, 'the date of the irregular crossing is not known');
  if (crossed < agreement.from) return conclude('no', basis, `the crossing on ${crossed} precedes ${agreement.from}, from which the Statement applies`);
  const decision = s.decision;
  if (!decision || !ENDS_RIGHT_TO_REMAIN.includes(decision.kind)) return conclude('review', basis, 'no decision ending the right to remain is on record');
  const because = [`a Syrian national who crossed irregularly from ${agreement.partner} on ${crossed}`, `returned after a ${decision.kind} decision of ${decision.on}`];
  if (agreement.legallyBinding === false) because.push('the Statement is a political commitment, not a legally binding act (T-193/16 NF)');
  return gate(s, agreement.partner, conclude('yes', basis, ...because));
}

export const oneToOneReturn = defineRule<AgreementSubject, Conclusion>({
  id: 'one-to-one-return',
  label: 'Return counted under a one-for-one mechanism',
  versions: {
    '2016-03-20': { basis: [STATEMENT], evaluate: (facts) => barredByRealRisk(facts.s, facts.agreement.partner, oneToOne(facts)) },
  },
});

/** The readmission agreement with `country` to which the Member State is a party, if any. */
function readmissionAgreement(s: Situation, country: string): AgreementFacts | null {
  for (const a of s.agreements) if (a.kind === 'readmission' && a.partner === country && covers(a, s.memberState)) return a;
  return null;
}

function removal({ s, country }: RemovalSubject, maxVoluntaryDays: number, minVoluntaryDays: number): Conclusion {
  const decision = s.decision;
  if (decision?.kind !== 'return-decision') return conclude('no', [RD_6], 'no return decision is on record');
  const isOrigin = country === s.origin;
  const readmission = readmissionAgreement(s, country);
  if (!isOrigin && !readmission) {
    return conclude('no', [RD_3], `${country} is neither the country of origin nor a transit country bound by a readmission agreement with ${s.memberState}; return there requires the person's own decision`);
  }
  const suspended = readmissionSuspended(s, country);
  if (suspended) return conclude('no', [RD_3, CJEU.C134_23], `${country} has suspended readmissions from ${s.memberState} since ${suspended.since}`);
  const because = [`return decision of ${decision.on}`, isOrigin ? `${country} is the country of origin` : `${country} is bound by the ${readmission!.id} readmission agreement`,
    'no appeal with suspensive effect is recorded'];
  // A period for voluntary departure of 7 to 30 days runs unless the decision granted none (Art. 7(4):
  // risk of absconding, a manifestly unfounded or fraudulent application, a danger to public policy).
  // Which the decision did is not in the facts, so within 30 days it is for a person to check.
  const latest = addDays(decision.on, maxVoluntaryDays);
  if (s.on <= latest) {
    return conclude('review', [RD_7, RD_8, RD_7_4],
      `a period for voluntary departure of ${minVoluntaryDays} to ${maxVoluntaryDays} days may still run until ${latest}, unless the decision granted none under Art. 7(4): check the decision`);
  }
  const assessment = riskAssessmentFor(s, country);
  const basis = [RD_6, RD_8, ...NON_REFOULEMENT];
  if (!assessment) return conclude('review', basis, ...because, `no individual non-refoulement assessment for ${country} is on record`);
  if (assessment.outcome === 'real-risk') return conclude('no', basis, ...because, `the individual assessment of ${assessment.on} found a real risk in ${country}`);
  if (assessment.on < decision.on) {
    return conclude('review', [...basis, JK], ...because, `the individual assessment for ${country} (${assessment.on}) predates the return decision and must be brought up to date before removal`);
  }
  return conclude('yes', basis, ...because, `the individual assessment of ${assessment.on} found no real risk in ${country}`);
}

const VOLUNTARY_MAX = 'eu/dir-2008-115-return/art-07-voluntary-departure/max-days';
const VOLUNTARY_MIN = 'eu/dir-2008-115-return/art-07-voluntary-departure/min-days';

export const removalRule = defineRule<RemovalSubject, Conclusion>({
  id: 'removal',
  label: 'Removal to a country now',
  versions: {
    '2010-12-24': {
      basis: [RD_3, RD_6, RD_7, RD_8, ...NON_REFOULEMENT],
      evaluate: (facts, { param }) => barredByRealRisk(facts.s, facts.country, removal(facts, param<number>(VOLUNTARY_MAX), param<number>(VOLUNTARY_MIN))),
    },
  },
});
