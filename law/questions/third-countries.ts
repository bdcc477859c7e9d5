/**
 * @module law/questions/third-countries
 * `stc-inadmissibility` and `fca-inadmissibility`, per third country.
 *
 * Safe third country:
 * - Directive 2013/32/EU Arts. 33(2)(c) and 38: a connection between the applicant and the country is
 *   required (38(2)(a)); transit alone is not one (C-564/18 LH; C-924/19 PPU FMS); national law sets the
 *   connection criteria (C-718/24 Aleb).
 * - Regulation (EU) 2024/1348 Arts. 38(1)(b) and 59(5), as amended by Regulation (EU) 2026/463: one of
 *   connection, transit where protection could have been sought, or an agreement or arrangement with the
 *   country — the agreement route never for unaccompanied minors.
 * Both: not where it is clear the country will not admit the applicant (C-134/23), and every transfer
 * passes the non-refoulement gate.
 */
import { defineRule } from '../../src/rules/engine/rule.ts';
import { cite, CJEU } from '../cite.ts';
import { barredByRealRisk, conclude, gate, type Conclusion } from '../finding.ts';
import { readmissionSuspended, stayIn, transitThrough, type Situation } from '../situation.ts';

const APD_33_C = cite('dir-2013-32-apd', 'Art. 33(2), point (c)');
const APD_38 = cite('dir-2013-32-apd', 'Art. 38(1) and (2), point (a)');
const APD_38_4 = cite('dir-2013-32-apd', 'Art. 38(4)');
const APD_33_B = cite('dir-2013-32-apd', 'Art. 33(2), point (b)');
const APD_35 = cite('dir-2013-32-apd', 'Art. 35');
const APR_38_B = cite('reg-2024-1348-apr', 'Art. 38(1), point (b)');
const APR_38_A = cite('reg-2024-1348-apr', 'Art. 38(1), point (a)');
const APR_58 = cite('reg-2024-1348-apr', 'Art. 58');
const APR_59 = cite('reg-2024-1348-apr', 'Art. 59(1)');
const APR_59_5 = cite('reg-2024-1348-apr', 'Art. 59(5), point (b)', 'as amended by Regulation (EU) 2026/463');

/** The country and the situation: the subject of a per-country question. */
export interface CountrySubject {
  s: Situation;
  country: string;
}

function connection(s: Situation, country: string): string[] {
  const reasons: string[] = [];
  if (s.familyIn.includes(country)) reasons.push(`family members in ${country}`);
  for (const stay of s.stays) if (stay.country === country) reasons.push(`a previous stay in ${country}${stay.months !== undefined ? ` of ${stay.months} months` : ''}`);
  for (const tie of s.ties) if (tie.country === country) reasons.push(`${tie.kind} ties with ${country}`);
  return reasons;
}

function stcDesignated(s: Situation, country: string) {
  for (const d of s.designations) if (d.kind === 'safe-third-country' && d.country === country) return d;
  return null;
}

/** The safe-third-country arrangement with `country` to which the Member State is a party, if any. */
function stcArrangement(s: Situation, country: string) {
  for (const a of s.agreements) {
    if (a.kind === 'stc-arrangement' && a.partner === country && (!a.memberStates || a.memberStates.includes(s.memberState))) return a;
  }
  return null;
}

function stcUnderDirective(s: Situation, country: string): Conclusion {
  const suspended = readmissionSuspended(s, country);
  if (suspended) {
    return conclude('no', [APD_33_C, APD_38_4, CJEU.C134_23], `${country} has not readmitted applicants from ${s.memberState} since ${suspended.since}: the application must be examined on the merits`);
  }
  const link = connection(s, country);
  if (link.length === 0) {
    const transited = transitThrough(s, country) !== null;
    return conclude('no', [APD_33_C, APD_38, CJEU.LH, CJEU.FMS],
      transited ? `the applicant only transited through ${country}, and transit is not a connection under Art. 38(2)(a)` : `no connection between the applicant and ${country} is known`);
  }
  const designation = stcDesignated(s, country);
  const because = [`connection: ${link.join('; ')}`, 'whether it makes going there reasonable is judged on the national connection criteria (C-718/24 Aleb)'];
  if (!designation) {
    return conclude('review', [APD_33_C, APD_38, CJEU.ALEB], ...because, `${country} is not designated a safe third country: the principles of Art. 38(1) must be established individually`);
  }
  return gate(s, country, conclude('yes', [APD_33_C, APD_38, CJEU.ALEB], ...because, `${country} is designated a safe third country since ${designation.from}`));
}

function stcUnderRegulation(s: Situation, country: string): Conclusion {
  const suspended = readmissionSuspended(s, country);
  if (suspended) {
    return conclude('no', [APR_38_B, CJEU.C134_23], `it is clear that ${country} will not admit the applicant: no readmissions from ${s.memberState} since ${suspended.since}`);
  }
  const link = connection(s, country);
  const transit = transitThrough(s, country);
  const agreement = stcArrangement(s, country);
  const routes: string[] = [];
  if (link.length) routes.push(`connection: ${link.join('; ')}`);
  let transitUnknown = false;
  if (transit?.couldHaveSoughtProtection === true) routes.push(`transit through ${country} on the way to the Union where protection could have been sought`);
  if (transit && transit.couldHaveSoughtProtection === undefined) transitUnknown = true;
  const agreementBarred = agreement !== null && s.unaccompanied === true;
  if (agreement && !agreementBarred) routes.push(`the ${agreement.id} arrangement with ${country} (since ${agreement.from})`);
  if (routes.length === 0) {
    if (transitUnknown) return conclude('review', [APR_38_B, APR_59_5], `the applicant transited through ${country}; whether protection could have been sought there is not known`);
    const why = agreementBarred ? `the ${agreement!.id} arrangement cannot be applied to an unaccompanied minor, and no connection or qualifying transit is known` : `no connection, qualifying transit or arrangement links the applicant to ${country}`;
    return conclude('no', [APR_38_B, APR_59_5], why);
  }
  const designation = stcDesignated(s, country);
  if (s.unaccompanied === true) {
    return conclude('review', [APR_38_B, APR_59_5], ...routes, 'the applicant is an unaccompanied minor: the best interests of the child must be assessed');
  }
  if (!designation) {
    return conclude('review', [APR_38_B, APR_59, APR_59_5], ...routes, `${country} is not designated a safe third country: the conditions of Art. 59(1) must be established individually`);
  }
  return gate(s, country, conclude('yes', [APR_38_B, APR_59, APR_59_5], ...routes, `${country} is designated a safe third country (${designation.level}) since ${designation.from}`));
}

export const stcInadmissibility = defineRule<CountrySubject, Conclusion>({
  id: 'stc-inadmissibility',
  label: 'Inadmissibility: safe third country',
  versions: {
    '2015-07-21': { basis: [APD_33_C, APD_38], evaluate: ({ s, country }) => barredByRealRisk(s, country, stcUnderDirective(s, country)) },
    '2026-06-12': {
      basis: [APR_38_B, APR_59, APR_59_5, APD_33_C, APD_38],
      evaluate: ({ s, country }) => barredByRealRisk(s, country, s.regime === 'apd-2013' ? stcUnderDirective(s, country) : stcUnderRegulation(s, country)),
    },
  },
});

function fca(s: Situation, country: string): Conclusion {
  const apr = s.regime === 'apr-2024';
  const basis = apr ? [APR_38_A, APR_58] : [APD_33_B, APD_35];
  const suspended = readmissionSuspended(s, country);
  if (suspended) return conclude('no', [...basis, CJEU.C134_23], `it is clear that ${country} will not readmit the applicant: no readmissions from ${s.memberState} since ${suspended.since}`);
  const stayed = stayIn(s, country);
  const because = [stayed ? `the applicant stayed in ${country}${stayed.months !== undefined ? ` for ${stayed.months} months` : ''}` : `the applicant passed through ${country}`,
    `whether the applicant enjoyed ${apr ? 'effective protection' : 'refugee status or sufficient protection'} there is not stated in the facts`];
  if (apr && s.unaccompanied === true) because.push('for an unaccompanied minor, an assurance that the authorities will take charge of the minor is required');
  return conclude('review', basis, ...because);
}

export const fcaInadmissibility = defineRule<CountrySubject, Conclusion>({
  id: 'fca-inadmissibility',
  label: 'Inadmissibility: first country of asylum',
  versions: {
    '2015-07-21': { basis: [APD_33_B, APD_35], evaluate: ({ s, country }) => barredByRealRisk(s, country, fca(s, country)) },
    '2026-06-12': { basis: [APR_38_A, APR_58, APD_33_B, APD_35], evaluate: ({ s, country }) => barredByRealRisk(s, country, fca(s, country)) },
  },
});
