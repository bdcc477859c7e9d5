/**
 * @module domain/cases/guards
 * Conditions a transition needs that are about the case itself rather than a question of the law
 * engine: that the decision on record is the one the step executes, that the right to remain has
 * ended, that a family with minors is not split, that an unaccompanied minor is returned only to
 * someone who will receive them. Each refusal cites the provision it rests on. Pure functions.
 */
import type { Deadline, Finding } from '../../../law/finding.ts';
import type { FamilyMember } from '../persons/family.ts';
import type { PersonData } from '../persons/person.ts';
import type { Case, CaseStage } from './case.ts';
import type { TransitionInput } from './effects.ts';
import type { GuardName, TransitionDef } from './procedure.ts';

export interface GuardContext {
  def: TransitionDef;
  case: Pick<Case, 'stage' | 'kind' | 'facts'>;
  /** `null` once erased. */
  person: PersonData | null;
  /** The person's age on `on`, when known. */
  age: number | null;
  family: readonly FamilyMember[];
  input: TransitionInput;
  on: string;
  /** `apd-2013` or `apr-2024`: which regime the application falls under (null without an assessment). */
  regime: string | null;
  findings: readonly Finding[];
  deadlines: readonly Deadline[];
}

export interface GuardRefusal {
  guard: GuardName;
  message: string;
  basis: string[];
  because: string[];
}

type Guard = (c: GuardContext) => GuardRefusal | null;

const NEGATIVE_DECISIONS = new Set(['stc-inadmissibility', 'fca-inadmissibility', 'subsequent-inadmissibility', 'accelerated-rejection', 'border-rejection', 'regular-rejection']);
/** The family-unity basis every refusal to separate a family cites (transitions, placements, rescue assignments). */
export const FAMILY_BASIS = ['Charter of Fundamental Rights of the European Union Art. 7', 'Charter of Fundamental Rights of the European Union Art. 24(2) and (3)',
  'Directive 2008/115/EC Art. 5, points (a) and (b)'];

function refuse(guard: GuardName, message: string, basis: string[], ...because: string[]): GuardRefusal {
  return { guard, message, basis, because: because.length ? because : [message] };
}

/** From `decided`, a return decision follows only a negative decision (APR Art. 37; Return Directive Art. 6(1)). */
const decisionNegative: Guard = (c) => {
  if (c.case.stage !== 'decided') return null;
  const kind = c.case.facts.decision?.kind;
  if (kind && NEGATIVE_DECISIONS.has(kind)) return null;
  return refuse('decision-negative', kind ? `the decision on record (${kind}) does not end the stay` : 'no negative decision is on record',
    ['Regulation (EU) 2024/1348 Art. 37', 'Directive 2008/115/EC Art. 6(1)']);
};

/** A transfer to a safe third country executes an inadmissibility decision on that ground, for that country. */
const decisionStcForCountry: Guard = (c) => {
  const decision = c.case.facts.decision;
  if (decision?.kind === 'stc-inadmissibility' && decision.country === c.input.country) return null;
  const basis = ['Regulation (EU) 2024/1348 Art. 38(1), point (b)', 'Directive 2013/32/EU Art. 33(2), point (c)'];
  if (decision?.kind !== 'stc-inadmissibility') return refuse('decision-stc-for-country', 'no decision declaring the application inadmissible on the safe-third-country ground is on record', basis);
  return refuse('decision-stc-for-country', `the application was declared inadmissible for ${decision.country ?? 'another country'}, not ${c.input.country}`, basis);
};

function rightToRemainBasis(regime: string | null): string[] {
  return regime === 'apd-2013' ? ['Directive 2013/32/EU Art. 46(5) to (8)'] : ['Regulation (EU) 2024/1348 Art. 68'];
}

/**
 * No removal or transfer while the applicant may remain: an appeal with automatic suspensive effect is
 * pending, or its time limit still runs (APR Art. 68(2); APD Art. 46(5)); without automatic effect, a
 * request to remain is pending or was granted (APR Art. 68; APD Art. 46(6) and (8)).
 */
const rightToRemainEnded: Guard = (c) => {
  const basis = rightToRemainBasis(c.regime);
  const appeal = c.case.facts.appeal;
  if (c.case.stage === 'appeal' && appeal) {
    if (appeal.suspensive === 'yes') return refuse('right-to-remain-ended', `the appeal lodged on ${appeal.lodgedOn} has automatic suspensive effect`, basis);
    if (appeal.suspensive !== 'no') return refuse('right-to-remain-ended', `whether the appeal lodged on ${appeal.lodgedOn} suspends the decision was not established (${appeal.suspensive})`, basis);
    const request = appeal.requestToRemain;
    if (request && request.outcome !== 'refused') return refuse('right-to-remain-ended', `the request to remain made on ${request.madeOn} is ${request.outcome}`, basis);
    return null;
  }
  const suspensive = c.findings.find((f) => f.question === 'appeal-suspensive');
  if (!suspensive || suspensive.outcome === 'no') return null;
  const limit = c.deadlines.find((d) => d.name === 'appeal-lodging');
  if (suspensive.outcome === 'yes' && limit && c.on > limit.date) return null;
  const why = suspensive.outcome === 'yes'
    ? (limit ? `an appeal would have automatic suspensive effect and may be lodged until ${limit.date}` : 'an appeal would have automatic suspensive effect and its time limit is not known')
    : `whether an appeal would have suspensive effect is not established (${suspensive.outcome})`;
  return refuse('right-to-remain-ended', why, [...basis, ...suspensive.basis], ...suspensive.because, why);
};

/** Members that must move with the person: a minor's parents and guardians; an adult's minor children and wards. */
export function mustMoveTogether(age: number | null, family: readonly FamilyMember[]): FamilyMember[] {
  const isMinor = age !== null && age < 18;
  return family.filter((m) => (isMinor ? m.relation === 'parent' || m.relation === 'guardian'
    : (m.relation === 'child' || m.relation === 'ward') && (m.age === null || m.age < 18)));
}

const STILL_HERE: ReadonlySet<CaseStage> = new Set<CaseStage>(['closed']);

/**
 * A minor is not moved without the parents or guardian registered with them, nor a parent without
 * their minor children: every such member with an open case of this tenant is already there
 * (`isThere`) or moving with them. Also used for placements in a facility (`domain/transfers`).
 */
export function familyLeftBehind(age: number | null, family: readonly FamilyMember[], isThere: (m: FamilyMember) => boolean): GuardRefusal | null {
  const left = mustMoveTogether(age, family).filter((m) => m.cases.some((k) => !STILL_HERE.has(k.stage as CaseStage)) && !isThere(m));
  if (left.length === 0) return null;
  const who = left.map((m) => `${m.relation} ${m.personId}${m.age === null ? ' (age not known)' : m.age < 18 ? ` (minor, ${m.age})` : ''}`);
  return refuse('family-together', `the move would separate the family: ${who.join(', ')} stays behind; move them together (movingWith) or first`,
    FAMILY_BASIS, ...who.map((w) => `${w} has an open case and is not moving with the person`));
}

/** The family is together when each member who must move along is at the stage the person goes to, or named as moving with them. */
const familyTogether: Guard = (c) => familyLeftBehind(c.age, c.family,
  (m) => m.cases.some((k) => k.stage === c.def.to) || (c.input.movingWith ?? []).includes(m.personId));

/** Before removing an unaccompanied minor, the authority is satisfied of the reception (Return Directive Art. 10(2)). */
const unaccompaniedMinorReturn: Guard = (c) => {
  const minor = c.age !== null && c.age < 18;
  if (!minor && c.person?.unaccompaniedMinor !== true) return null;
  const accompanied = c.family.some((m) => m.relation === 'parent' || m.relation === 'guardian');
  const unaccompanied = c.person?.unaccompaniedMinor === true || (c.person?.unaccompaniedMinor === undefined && !accompanied);
  if (!unaccompanied || c.input.receptionAssured === true) return null;
  return refuse('unaccompanied-minor-return',
    'before removing an unaccompanied minor the authority must be satisfied that the minor will be returned to a member of the family, a nominated guardian or adequate reception facilities (receptionAssured)',
    ['Directive 2008/115/EC Art. 10(2)']);
};

const appealAgainstReturnDecision: Guard = (c) => (c.case.facts.appeal?.against === 'return-decision' ? null
  : refuse('appeal-against-return-decision', 'the appeal on record is not against a return decision', ['Directive 2008/115/EC Art. 13(1)']));

const appealAgainstAsylumDecision: Guard = (c) => (c.case.facts.appeal && c.case.facts.appeal.against !== 'return-decision' ? null
  : refuse('appeal-against-asylum-decision', 'the appeal on record is not against a decision on the application', ['Regulation (EU) 2024/1348 Art. 67(1)']));

/**
 * The non-refoulement gate where the engine leaves an individual question open (`review`): an
 * individual assessment finding no real risk in the destination must be on record, and be the latest.
 */
const noRealRiskOnRecord: Guard = (c) => {
  const country = c.input.country;
  const latest = (c.case.facts.riskAssessments ?? []).filter((r) => r.destination === country && r.on <= c.on).sort((a, b) => (a.on < b.on ? 1 : -1))[0];
  if (latest?.outcome === 'no-real-risk') return null;
  const basis = ['Charter of Fundamental Rights of the European Union Art. 19(2)', 'European Convention on Human Rights Art. 3'];
  return refuse('no-real-risk-on-record', latest ? `the individual assessment of ${latest.on} found a real risk in ${country}`
    : `no individual non-refoulement assessment for ${country ?? 'the destination'} is on record`, basis);
};

/** A subsequent application without new elements (APR Art. 38(2) and 55; APD Art. 33(2)(d) and 40(2) to (5)). */
const subsequentWithoutNewElements: Guard = (c) => {
  const application = c.case.facts.application;
  if (application?.subsequent === true && application.newElements === false) return null;
  const basis = c.regime === 'apd-2013' ? ['Directive 2013/32/EU Art. 33(2), point (d)', 'Directive 2013/32/EU Art. 40(5)'] : ['Regulation (EU) 2024/1348 Art. 38(2)', 'Regulation (EU) 2024/1348 Arts. 55 and 56'];
  return refuse('subsequent-without-new-elements', application?.subsequent !== true ? 'the application is not recorded as a subsequent application'
    : application.newElements === true ? 'new elements were presented' : 'whether new elements were presented is not recorded', basis);
};

const GUARDS: Record<GuardName, Guard> = {
  'no-real-risk-on-record': noRealRiskOnRecord,
  'subsequent-without-new-elements': subsequentWithoutNewElements,
  'decision-negative': decisionNegative,
  'decision-stc-for-country': decisionStcForCountry,
  'right-to-remain-ended': rightToRemainEnded,
  'family-together': familyTogether,
  'unaccompanied-minor-return': unaccompaniedMinorReturn,
  'appeal-against-return-decision': appealAgainstReturnDecision,
  'appeal-against-asylum-decision': appealAgainstAsylumDecision,
};

/** The refusals of the transition's guards (empty: they all hold). */
export function checkGuards(context: GuardContext): GuardRefusal[] {
  return context.def.guards.map((name) => GUARDS[name](context)).filter((r): r is GuardRefusal => r !== null);
}
