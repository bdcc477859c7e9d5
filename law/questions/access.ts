/**
 * @module law/questions/access
 * `access-to-procedure`: is effective access to the asylum procedure preserved under the measures in
 * force? Crisis derogations may delay registration but never remove the right to apply (C-72/22 PPU
 * M.A.; C-808/18 and C-823/21 Commission v Hungary); a registration later than the law allows is itself
 * a failure of access.
 */
import { defineRule } from '../../src/rules/engine/rule.ts';
import { cite, CJEU } from '../cite.ts';
import { conclude, type Conclusion } from '../finding.ts';
import { registrationDeadline } from '../deadlines.ts';
import type { Situation } from '../situation.ts';

const CHARTER_18 = { title: 'Charter of Fundamental Rights of the European Union Art. 18', href: 'https://eur-lex.europa.eu/eli/treaty/char_2012/oj' };
const APD_6 = cite('dir-2013-32-apd', 'Art. 6');
const APR_26 = cite('reg-2024-1348-apr', 'Arts. 26 and 27');
const CRISIS = cite('reg-2024-1359-crisis', 'Arts. 10 and 11');

/** Derogations that Regulation (EU) 2024/1359 provides for: they delay or reshape, never bar, access. */
const LAWFUL_DEROGATIONS = new Set(['registration-4-weeks', 'border-procedure-plus-6-weeks', 'border-procedure-relief', 'border-procedure-extension']);
/** Measures that by their nature prevent applications from being made. */
const BARRING_MEASURES = new Set(['suspension-of-applications', 'applications-only-at-designated-points-with-caps', 'pushback', 'prior-declaration-at-embassy']);

function access(s: Situation, param: <T>(id: string) => T): Conclusion {
  const basis = [s.regime === 'apr-2024' ? APR_26 : APD_6, CHARTER_18];
  for (const c of s.crisis) {
    const barring = c.derogations.filter((d) => BARRING_MEASURES.has(d));
    if (barring.length) {
      return conclude('no', [...basis, CJEU.MA, CJEU.COM_V_HU_2020, CJEU.COM_V_HU_2023],
        `the ${c.kind} measures of ${s.memberState} (${c.from} to ${c.to}) include ${barring.join(', ')}, which prevent applications from being made`);
    }
    const unknown = c.derogations.filter((d) => !LAWFUL_DEROGATIONS.has(d));
    if (unknown.length) {
      return conclude('review', [...basis, CRISIS, CJEU.MA], `the ${c.kind} measures of ${s.memberState} include ${unknown.join(', ')}, which Regulation (EU) 2024/1359 does not list: check that applications can still be made`);
    }
  }
  const registration = registrationDeadline(s, param);
  const app = s.application;
  if (registration && app) {
    if (app.registeredOn && app.registeredOn > registration.date) {
      return conclude('no', [...basis], `the application made on ${app.madeOn} was registered on ${app.registeredOn}, after the deadline of ${registration.date}`);
    }
    if (!app.registeredOn && s.on > registration.date) {
      return conclude('no', [...basis], `the application made on ${app.madeOn} is not registered, and the deadline of ${registration.date} has passed`);
    }
  }
  const derogations = s.crisis.length
    ? `derogations in force for ${s.memberState}: ${s.crisis.flatMap((c) => c.derogations).join(', ')}; they delay registration or extend procedures but leave the right to apply intact`
    : 'no derogation or measure restricting applications is in force for the Member State';
  const yesBasis = s.crisis.length ? [...basis, CRISIS] : basis;
  if (registration && app?.registeredOn) return conclude('yes', yesBasis, derogations, `registered on ${app.registeredOn}, within the deadline of ${registration.date}`);
  return conclude('yes', yesBasis, derogations);
}

export const accessToProcedure = defineRule<Situation, Conclusion>({
  id: 'access-to-procedure',
  label: 'Effective access to the asylum procedure',
  versions: {
    '2015-07-21': { basis: [APD_6, CHARTER_18, CJEU.MA, CJEU.COM_V_HU_2020], evaluate: (facts, { param }) => access(facts, param as <T>(id: string) => T) },
    '2026-06-12': { basis: [APR_26, CRISIS, CHARTER_18, CJEU.MA], evaluate: (facts, { param }) => access(facts, param as <T>(id: string) => T) },
  },
});
