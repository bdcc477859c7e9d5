/**
 * @module law/questions/procedures
 * Which procedure an application goes through: `subsequent-inadmissibility`, `accelerated-procedure`,
 * `border-procedure-allowed`, `border-procedure-mandatory`, and whether an appeal suspends
 * (`appeal-suspensive`).
 *
 * Under Directive 2013/32/EU inadmissibility, acceleration and the border procedure are options of the
 * Member State ("may"); under Regulation (EU) 2024/1348 a subsequent application without new elements
 * shall be inadmissible (Art. 38(2)), the listed grounds shall accelerate (Art. 42(1)) and the border
 * procedure is mandatory for the grounds of Art. 45(1).
 */
import { decideDefault, defineDefault, defineRule } from '../../src/rules/engine/rule.ts';
import { cite, CJEU } from '../cite.ts';
import { conclude, type Conclusion } from '../finding.ts';
import { crisisDerogation, latestRecognitionRate, type Situation } from '../situation.ts';

const APD = {
  inadmissibleD: cite('dir-2013-32-apd', 'Art. 33(2), point (d)'),
  subsequent: cite('dir-2013-32-apd', 'Art. 40(5)'),
  accelerated: cite('dir-2013-32-apd', 'Art. 31(8)'),
  border: cite('dir-2013-32-apd', 'Art. 43(1)'),
  minors: cite('dir-2013-32-apd', 'Art. 25(6), point (b)'),
  guarantees: cite('dir-2013-32-apd', 'Art. 24(3)'),
  remedy5: cite('dir-2013-32-apd', 'Art. 46(5)'),
  remedy6: cite('dir-2013-32-apd', 'Art. 46(6)'),
  remedy7: cite('dir-2013-32-apd', 'Art. 46(7)'),
};
const APR = {
  inadmissible2: cite('reg-2024-1348-apr', 'Art. 38(2)'),
  subsequent: cite('reg-2024-1348-apr', 'Arts. 55 and 56'),
  accelerated: cite('reg-2024-1348-apr', 'Art. 42(1)'),
  acceleratedMinors: cite('reg-2024-1348-apr', 'Art. 42(3)'),
  location: cite('reg-2024-1348-apr', 'Art. 43(1)'),
  scope: cite('reg-2024-1348-apr', 'Art. 44(1)'),
  mandatory: cite('reg-2024-1348-apr', 'Art. 45(1)'),
  capacity: cite('reg-2024-1348-apr', 'Arts. 47 and 48'),
  exclusions: cite('reg-2024-1348-apr', 'Art. 53(2)'),
  families: cite('reg-2024-1348-apr', 'Art. 54(2)'),
  remain2: cite('reg-2024-1348-apr', 'Art. 68(2)'),
  remain3a: cite('reg-2024-1348-apr', 'Art. 68(3), point (a)'),
  remain3b: cite('reg-2024-1348-apr', 'Art. 68(3), point (b)', 'as amended by Regulation (EU) 2026/463'),
};
const RD_13 = cite('dir-2008-115-return', 'Art. 13(2)');
const CRISIS_11 = cite('reg-2024-1359-crisis', 'Art. 11');

const RATE = 'eu/reg-2024-1348-apr/art-42-accelerated/recognition-rate-threshold';

type Param = <T>(id: string) => T;

// ── subsequent applications ────────────────────────────────────────────────────────────────────────

function subsequent(s: Situation): Conclusion {
  const app = s.application;
  const apr = s.regime === 'apr-2024';
  if (app?.subsequent !== true) {
    return conclude('no', apr ? [APR.inadmissible2] : [APD.inadmissibleD], 'the application is not stated to be a subsequent application');
  }
  if (!apr) {
    return conclude('no', [APD.inadmissibleD, APD.subsequent],
      app.newElements === false ? 'a subsequent application without new elements may be declared inadmissible, but Directive 2013/32/EU does not require it' : 'Directive 2013/32/EU makes inadmissibility of subsequent applications an option, never a duty');
  }
  if (app.newElements === false) return conclude('yes', [APR.inadmissible2, APR.subsequent], 'a subsequent application in which no new elements have arisen or been presented');
  if (app.newElements === true) return conclude('no', [APR.inadmissible2, APR.subsequent], 'new elements have arisen or been presented: the application is examined further');
  return conclude('review', [APR.inadmissible2, APR.subsequent], 'whether new elements have arisen or been presented is for the preliminary examination of Art. 56');
}

export const subsequentInadmissibility = defineRule<Situation, Conclusion>({
  id: 'subsequent-inadmissibility',
  label: 'Inadmissibility of a subsequent application',
  versions: {
    '2015-07-21': { basis: [APD.inadmissibleD, APD.subsequent], evaluate: (facts) => subsequent(facts) },
    '2026-06-12': { basis: [APR.inadmissible2, APR.subsequent], evaluate: (facts) => subsequent(facts) },
  },
});

// ── accelerated procedure ─────────────────────────────────────────────────────────────────────────

/**
 * The grounds of APR Art. 42(3) for an unaccompanied minor. Point (b) (danger to national security or
 * public order) is verified through Arts. 50 and 53; the rest of the list — a safe country of origin, a
 * subsequent application that is not inadmissible, a recognition rate of 20 % or less — is read only in
 * a secondary source (law/VERIFICATION.md S11), so those grounds call for review, never `yes`.
 */
function minorGrounds(s: Situation, scoOutcome: string, param: Param): { yes: string[]; review: string[] } {
  const yes: string[] = [];
  const review: string[] = [];
  if (s.securityRisk === true) yes.push('point (b) of Art. 42(3): reasonable grounds to consider the unaccompanied minor a danger to national security or public order');
  const unverified = 'may be a ground of Art. 42(3) for an unaccompanied minor (the list beyond point (b) is not verified in the Official Journal: law/VERIFICATION.md S11)';
  if (scoOutcome === 'yes') review.push(`the minor is a national of a safe country of origin (${s.origin}), which ${unverified}`);
  if (s.application?.subsequent === true && s.application.newElements === true) review.push(`a subsequent application that is not inadmissible ${unverified}`);
  if (s.origin) {
    const rate = latestRecognitionRate(s, s.origin);
    const threshold = param<number>(RATE);
    if (rate && rate.rate <= threshold) review.push(`the EU-wide first-instance recognition rate for nationals of ${s.origin} was ${(rate.rate * 100).toFixed(1)} % in ${rate.year}, not above ${threshold * 100} %, which ${unverified}`);
  }
  return { yes, review };
}

/** The grounds of APR Art. 42(1) that the facts can establish, each `yes`, `review` or absent. */
function acceleratedGrounds(s: Situation, scoOutcome: string, param: Param): { yes: string[]; review: string[] } {
  if (s.unaccompanied === true) return minorGrounds(s, scoOutcome, param);
  const yes: string[] = [];
  const review: string[] = [];
  if (s.securityRisk === true) yes.push('point (f): reasonable grounds to consider the applicant a danger to national security or public order');
  if (scoOutcome === 'yes') yes.push(`point (e): the applicant is a national of a safe country of origin (${s.origin})`);
  else if (scoOutcome === 'review') review.push('point (e): whether the safe-country-of-origin presumption applies needs an individual assessment');
  if (s.application?.subsequent === true && s.application.newElements === true) yes.push('point (g): a subsequent application that is not inadmissible');
  const threshold = param<number>(RATE);
  if (s.origin) {
    const rate = latestRecognitionRate(s, s.origin);
    if (!rate) review.push(`point (j): the EU-wide recognition rate for nationals of ${s.origin} is not known`);
    else if (rate.rate <= threshold) yes.push(`point (j): the EU-wide first-instance recognition rate for nationals of ${s.origin} was ${(rate.rate * 100).toFixed(1)} % in ${rate.year}, not above ${threshold * 100} %`);
  }
  return { yes, review };
}

function accelerated(s: Situation, scoOutcome: string, param: Param): Conclusion {
  if (s.regime === 'apd-2013') {
    return conclude('no', [APD.accelerated], 'Directive 2013/32/EU Art. 31(8) allows, but does not require, an accelerated procedure');
  }
  const { yes, review } = acceleratedGrounds(s, scoOutcome, param);
  const basis = s.unaccompanied === true ? [APR.accelerated, APR.acceleratedMinors] : [APR.accelerated];
  if (yes.length) return conclude('yes', basis, ...yes);
  if (review.length) return conclude('review', basis, ...review);
  return conclude('no', basis, s.unaccompanied === true
    ? 'the applicant is an unaccompanied minor, for whom only the grounds of Art. 42(3) apply, and none is established'
    : 'none of the grounds in points (e), (f), (g) and (j) applies on the facts; points (a) to (d), (h) and (i) turn on the applicant\'s statements and conduct');
}

export interface ProcedureSubject {
  s: Situation;
  /** Outcome of `sco-presumption` for this applicant. */
  sco: string;
  /** `border-procedure-allowed` already concluded for this applicant, so the mandatory rule need not redo it. */
  allowed?: Conclusion | undefined;
}

export const acceleratedProcedure = defineRule<ProcedureSubject, Conclusion>({
  id: 'accelerated-procedure',
  label: 'Accelerated examination procedure',
  versions: {
    '2015-07-21': { basis: [APD.accelerated], evaluate: ({ s, sco }, { param }) => accelerated(s, sco, param as Param) },
    '2026-06-12': { basis: [APR.accelerated, APR.acceleratedMinors, APD.accelerated], evaluate: ({ s, sco }, { param }) => accelerated(s, sco, param as Param) },
  },
});

// ── border procedure ──────────────────────────────────────────────────────────────────────────────

/** Whether the application was made where a border procedure can be held (APR Art. 43(1), APD Art. 43(1)). */
function atBorder(s: Situation): { at: boolean | null; why: string } {
  const app = s.application;
  const interception = s.interception;
  if (app?.atExternalBorder === true) return { at: true, why: 'the application was made at the external border' };
  // Disembarkation after a search-and-rescue operation counts whoever rescued (APR Art. 43(1)(c)); an
  // apprehension at a land border is by definition one by the Member State's authorities.
  if (interception?.area && interception.area !== 'inland' && (interception.area !== 'land-border' || interception.byMemberStateAuthorities !== false)) {
    return { at: true, why: interception.area === 'land-border' ? 'the applicant was apprehended in connection with an unauthorised crossing of the external border' : `the applicant was disembarked after ${interception.area === 'international-waters' ? 'a rescue in international waters' : 'an interception in territorial waters'}` };
  }
  if (app?.atExternalBorder === false || interception?.area === 'inland') return { at: false, why: 'the application was not made at the external border nor after an apprehension or disembarkation there' };
  return { at: null, why: 'where the application was made is not known' };
}

function borderAllowed(s: Situation, scoOutcome: string, param: Param): Conclusion {
  const where = atBorder(s);
  if (s.regime === 'apd-2013') {
    if (where.at === false) return conclude('no', [APD.border], where.why);
    if (where.at === null) return conclude('review', [APD.border], where.why);
    const grounds: string[] = [];
    if (s.securityRisk === true) grounds.push('the applicant may be considered a danger to national security or public order (Art. 31(8), point (j))');
    if (scoOutcome === 'yes') grounds.push(`the applicant comes from a safe country of origin (${s.origin}; Art. 31(8), point (b))`);
    if (s.application?.subsequent === true) grounds.push('a subsequent application (Arts. 31(8), point (f), and 33(2), point (d))');
    return decideDefault(BORDER_ALLOWED_APD, { s, why: where.why, grounds }, null);
  }
  if (where.at === false) return conclude('no', [APR.location], where.why);
  if (where.at === null) return conclude('review', [APR.location], where.why);
  const { yes, review } = acceleratedGrounds(s, scoOutcome, param);
  const inadmissibility = s.application?.subsequent === true && s.application.newElements === false;
  const grounds = [...yes, ...(inadmissibility ? ['a ground of inadmissibility (Art. 38(2))'] : [])];
  return decideDefault(BORDER_ALLOWED_APR, { s, why: where.why, grounds, open: review }, null);
}

/** What the border procedure under the Directive turns on once the application was made at the border. */
interface DirectiveBorderSubject {
  s: Situation;
  /** Why the application counts as made at the border (APD Art. 43(1)). */
  why: string;
  /** The grounds of Art. 31(8) established on the facts that Art. 25(6)(b) also allows for unaccompanied minors. */
  grounds: string[];
}

const MAY_BE_INADMISSIBLE = 'an inadmissibility ground (first country of asylum or safe third country) may apply: see those findings';

/** The grounds of a border procedure under the Directive: those of Art. 31(8) and, with a journey, possible inadmissibility. */
function directiveGrounds({ s, grounds }: DirectiveBorderSubject): string[] {
  return s.journeyCountries.length ? [...grounds, MAY_BE_INADMISSIBLE] : grounds;
}

/**
 * APD Art. 43(1): the border procedure may be applied for admissibility and the grounds of Art. 31(8) —
 * for unaccompanied minors only in the cases of Art. 25(6)(b), and for applicants in need of special
 * procedural guarantees only with adequate support (Art. 24(3)).
 */
const BORDER_ALLOWED_APD = defineDefault<DirectiveBorderSubject, Conclusion>({
  id: 'border-procedure-allowed/apd',
  otherwise: (subject) => {
    const grounds = directiveGrounds(subject);
    if (grounds.length === 0) {
      return conclude('review', [APD.border, APD.accelerated], subject.why, 'the border procedure covers admissibility and the grounds of Art. 31(8); none is established on the facts, and most turn on the applicant\'s statements');
    }
    return conclude('yes', [APD.border], subject.why, ...grounds);
  },
  exceptions: [
    {
      id: 'unaccompanied-minor', priority: 2,
      applies: ({ s }) => s.unaccompanied === true,
      then: ({ s, why, grounds }) => {
        if (grounds.length) return conclude('yes', [APD.border, APD.minors], why, ...grounds);
        return s.securityRisk === null
          ? conclude('review', [APD.border, APD.minors], why, 'for an unaccompanied minor the border procedure is limited to the cases of Art. 25(6)(b); whether the minor is a danger to national security or public order is not known')
          : conclude('no', [APD.border, APD.minors], why, 'for an unaccompanied minor the border procedure is limited to the cases of Art. 25(6)(b), none of which applies');
      },
    },
    {
      id: 'special-procedural-guarantees', priority: 1,
      applies: (subject) => subject.s.vulnerable === true && directiveGrounds(subject).length > 0,
      then: (subject) => conclude('review', [APD.border, APD.guarantees], subject.why, ...directiveGrounds(subject),
        'an applicant in need of special procedural guarantees may be kept in the border procedure only if adequate support can be provided there'),
    },
  ],
});

/** What the border procedure under the Regulation turns on once the application was made where it can be held. */
interface BorderSubject {
  s: Situation;
  /** Why the application counts as made at the external border (APR Art. 43(1)). */
  why: string;
  /** The grounds of Art. 44(1) established on the facts. */
  grounds: string[];
  /** Grounds that need an individual assessment. */
  open: string[];
}

/**
 * APR Art. 44(1): the border procedure may be applied on the grounds of Art. 42(1) and of inadmissibility
 * — except to unaccompanied minors beyond Art. 42(3), point (b), and to applicants whose special needs
 * cannot be supported there (Art. 53(2)).
 */
const BORDER_ALLOWED_APR = defineDefault<BorderSubject, Conclusion>({
  id: 'border-procedure-allowed/apr',
  otherwise: ({ s, why, grounds, open }) => {
    if (grounds.length === 0) {
      if (open.length || s.journeyCountries.length) {
        return conclude('review', [APR.location, APR.scope], why, ...open,
          ...(s.journeyCountries.length ? [MAY_BE_INADMISSIBLE] : []));
      }
      return conclude('no', [APR.location, APR.scope], why, 'none of the grounds of Art. 44(1) is established on the facts');
    }
    if (s.familyWithMinors === true) {
      return conclude('yes', [APR.location, APR.scope, APR.families], why, ...grounds,
        'families with minors are accommodated in facilities suited to their needs after a best-interests assessment (Art. 54(2))');
    }
    return conclude('yes', [APR.location, APR.scope], why, ...grounds);
  },
  exceptions: [
    {
      id: 'unaccompanied-minor-danger', priority: 2,
      applies: ({ s }) => s.unaccompanied === true && s.securityRisk === true,
      then: ({ why }) => conclude('yes', [APR.location, APR.exclusions], why, 'an unaccompanied minor considered a danger to national security or public order (Art. 42(3), point (b))'),
    },
    {
      id: 'unaccompanied-minor', priority: 2,
      applies: ({ s }) => s.unaccompanied === true && s.securityRisk !== true,
      then: ({ why }) => conclude('no', [APR.location, APR.exclusions], why, 'an unaccompanied minor may be in the border procedure only on the ground of Art. 42(3), point (b), which is not established'),
    },
    {
      id: 'special-needs', priority: 1,
      applies: ({ s, grounds }) => s.vulnerable === true && grounds.length > 0,
      then: ({ why, grounds }) => conclude('review', [APR.location, APR.scope, APR.exclusions], why, ...grounds,
        'the applicant has special needs: the border procedure must not be applied where the necessary support cannot be provided (Art. 53(2))'),
    },
  ],
});

/** What the mandatory border procedure turns on once the border procedure may be applied (APR Art. 45(1)). */
interface MandatorySubject {
  s: Situation;
  allowed: Conclusion;
  /** The grounds of Art. 42 that make the border procedure mandatory, as established on the facts. */
  grounds: string[];
  /** Grounds that cannot be checked on the facts. */
  open: string[];
}

/**
 * APR Art. 45(1): the border procedure is mandatory on the grounds of Art. 42(1), points (c), (f) and
 * (j), within the Member State's adequate capacity (Arts. 47 and 48) — except for unaccompanied minors
 * beyond Art. 42(3), point (b) (Art. 53(2)), and, for point (j), where a crisis authorisation grants
 * relief (Regulation (EU) 2024/1359 Art. 11).
 */
const MANDATORY = defineDefault<MandatorySubject, Conclusion>({
  id: 'border-procedure-mandatory/apr',
  otherwise: ({ s, allowed, grounds, open }) => {
    if (grounds.length === 0) {
      return open.length
        ? conclude('review', [APR.mandatory], ...open)
        : conclude('no', [APR.mandatory], 'none of the grounds of Art. 45(1) (Art. 42(1), points (c), (f) and (j)) is established on the facts; point (c) turns on the applicant\'s conduct');
    }
    if (allowed.outcome === 'review') return conclude('review', [APR.mandatory, ...allowed.basis], ...grounds, ...allowed.because);
    return conclude('yes', [APR.mandatory, APR.capacity, ...allowed.basis], ...grounds, ...allowed.because,
      `within ${s.memberState}'s adequate capacity: once it is reached and notified, Art. 48 relieves the Member State for point (j) applicants`);
  },
  exceptions: [
    {
      id: 'unaccompanied-minor', priority: 2,
      applies: ({ s }) => s.unaccompanied === true && s.securityRisk !== true,
      then: () => conclude('no', [APR.mandatory, APR.exclusions], 'the mandatory border procedure does not extend to unaccompanied minors beyond Art. 42(3), point (b)'),
    },
    {
      // The crisis relief reaches point (j) only: security cases stay in the border procedure.
      id: 'crisis-relief', priority: 1,
      applies: ({ s, grounds }) => grounds.length > 0 && s.securityRisk !== true && crisisDerogation(s, 'border-procedure-relief') !== null,
      then: ({ s, grounds }) => {
        const relief = crisisDerogation(s, 'border-procedure-relief')!;
        return conclude('no', [APR.mandatory, CRISIS_11], ...grounds, `a ${relief.kind} authorisation (${relief.from} to ${relief.to}) relieves ${s.memberState} of the mandatory border procedure`);
      },
    },
  ],
});

/** The grounds of APR Art. 45(1) the facts establish, and those they leave open. */
function mandatoryGrounds(s: Situation, param: Param): { grounds: string[]; open: string[] } {
  const grounds: string[] = [];
  const open: string[] = [];
  if (s.securityRisk === true) grounds.push(s.unaccompanied === true ? 'Art. 42(3), point (b): an unaccompanied minor considered a danger to national security or public order' : 'Art. 42(1), point (f): danger to national security or public order');
  if (s.origin && s.unaccompanied !== true) {
    const threshold = param<number>(RATE);
    const rate = latestRecognitionRate(s, s.origin);
    if (!rate) open.push(`the EU-wide recognition rate for nationals of ${s.origin} is not known (Art. 42(1), point (j))`);
    else if (rate.rate <= threshold) grounds.push(`Art. 42(1), point (j): recognition rate ${(rate.rate * 100).toFixed(1)} % in ${rate.year}, not above ${threshold * 100} %`);
  }
  return { grounds, open };
}

function borderMandatory(s: Situation, scoOutcome: string, param: Param, known?: Conclusion): Conclusion {
  if (s.regime === 'apd-2013') return conclude('no', [APD.border], 'Directive 2013/32/EU makes the border procedure an option of the Member State, never a duty');
  const allowed = known ?? borderAllowed(s, scoOutcome, param);
  // Mandatory only where the border procedure may be applied at all.
  if (allowed.outcome === 'no') return conclude('no', [APR.mandatory, ...allowed.basis], ...allowed.because);
  const { grounds, open } = mandatoryGrounds(s, param);
  return decideDefault(MANDATORY, { s, allowed, grounds, open }, null);
}

export const borderProcedureAllowed = defineRule<ProcedureSubject, Conclusion>({
  id: 'border-procedure-allowed',
  label: 'Border procedure: may it be applied',
  versions: {
    '2015-07-21': { basis: [APD.border], evaluate: ({ s, sco }, { param }) => borderAllowed(s, sco, param as Param) },
    '2026-06-12': { basis: [APR.location, APR.scope, APR.exclusions, APD.border], evaluate: ({ s, sco }, { param }) => borderAllowed(s, sco, param as Param) },
  },
});

export const borderProcedureMandatory = defineRule<ProcedureSubject, Conclusion>({
  id: 'border-procedure-mandatory',
  label: 'Border procedure: must it be applied',
  versions: {
    '2015-07-21': { basis: [APD.border], evaluate: ({ s, sco, allowed }, { param }) => borderMandatory(s, sco, param as Param, allowed) },
    '2026-06-12': { basis: [APR.mandatory, APR.capacity, APD.border], evaluate: ({ s, sco, allowed }, { param }) => borderMandatory(s, sco, param as Param, allowed) },
  },
});

// ── suspensive effect of appeals ──────────────────────────────────────────────────────────────────

function suspensive(s: Situation): Conclusion {
  const kind = s.decision!.kind;
  if (kind === 'return-decision') {
    return conclude('no', [RD_13, CJEU.GNANDI], 'an appeal against a return decision has no automatic suspensive effect; the court may suspend its enforcement (Directive 2008/115/EC Art. 13(2))',
      'where the return decision accompanies the rejection of an application, its effects are suspended while an appeal with suspensive effect against the rejection is possible (C-181/16 Gnandi)');
  }
  if (s.regime === 'apd-2013') {
    switch (kind) {
      case 'regular-rejection': return conclude('yes', [APD.remedy5], 'the applicant may remain until the time limit to appeal expires and, if an appeal is lodged, pending its outcome');
      case 'stc-inadmissibility': return conclude('yes', [APD.remedy5, APD.remedy6], 'Art. 46(6)(b) covers inadmissibility under Art. 33(2)(a), (b) and (d) only: an appeal against a safe-third-country decision (point (c)) suspends');
      case 'fca-inadmissibility': case 'subsequent-inadmissibility':
        return conclude('no', [APD.remedy6], `inadmissibility under Art. 33(2), point (${kind === 'fca-inadmissibility' ? 'b' : 'd'}): a court decides, on request or of its own motion, whether the applicant may remain`);
      case 'accelerated-rejection': return conclude('no', [APD.remedy6], 'rejection after examination under Art. 31(8): a court decides, on request or of its own motion, whether the applicant may remain');
      case 'border-rejection': return conclude('no', [APD.remedy6, APD.remedy7], 'rejection in the border procedure: the court decides on remaining, with interpretation, legal assistance and at least one week to request it (Art. 46(7))');
    }
  }
  switch (kind) {
    case 'regular-rejection': return conclude('yes', [APR.remain2], 'the applicant may remain until the time limit for the first-level appeal expires and, if lodged, pending its outcome');
    case 'accelerated-rejection': return conclude('no', [APR.remain3a], 'rejection in the accelerated procedure: no automatic right to remain; a court decides whether the applicant may remain');
    case 'border-rejection': return decideDefault(BORDER_REJECTION, s, null);
    case 'stc-inadmissibility': case 'fca-inadmissibility': case 'subsequent-inadmissibility':
      return decideDefault(INADMISSIBILITY, { s, kind, ground: kind === 'stc-inadmissibility' ? 'Art. 38(1), point (b)' : kind === 'fca-inadmissibility' ? 'Art. 38(1), point (a)' : 'Art. 38(2)' }, null);
  }
}

/** APR Art. 68(3), point (a): no automatic right to remain after a rejection in the border procedure, except for unaccompanied minors. */
const BORDER_REJECTION = defineDefault<Situation, Conclusion>({
  id: 'appeal-suspensive/apr/border-rejection',
  otherwise: () => conclude('no', [APR.remain3a], 'rejection in the border procedure: no automatic right to remain; a court decides whether the applicant may remain'),
  exceptions: [
    {
      id: 'unaccompanied-minor', priority: 1,
      applies: (s) => s.unaccompanied === true,
      then: () => conclude('yes', [APR.remain2, APR.remain3a], 'the exception of Art. 68(3), point (a), does not apply to unaccompanied minors in the border procedure'),
    },
  ],
});

/** An inadmissibility decision and the ground of APR Art. 38 it rests on. */
interface InadmissibilitySubject {
  s: Situation;
  kind: 'stc-inadmissibility' | 'fca-inadmissibility' | 'subsequent-inadmissibility';
  ground: string;
}

/**
 * APR Art. 68(3), point (b), as amended by Regulation (EU) 2026/463: no automatic right to remain after
 * an inadmissibility decision, except for unaccompanied minors in the border procedure (and, where it is
 * not known whether the decision was taken there, a person must check).
 */
const INADMISSIBILITY = defineDefault<InadmissibilitySubject, Conclusion>({
  id: 'appeal-suspensive/apr/inadmissibility',
  otherwise: ({ kind, ground }) => conclude('no', [APR.remain3b], kind === 'stc-inadmissibility'
    ? 'since Regulation (EU) 2026/463, an appeal against a safe-third-country inadmissibility decision has no automatic suspensive effect; the applicant may ask the court to be allowed to remain'
    : `inadmissibility under ${ground}: no automatic right to remain; a court decides whether the applicant may remain`),
  exceptions: [
    {
      id: 'unaccompanied-minor-in-border-procedure', priority: 1,
      applies: ({ s }) => s.unaccompanied === true && atBorder(s).at === true,
      then: ({ ground }) => conclude('yes', [APR.remain2, APR.remain3b], `inadmissibility under ${ground} of an unaccompanied minor in the border procedure: the exception of Art. 68(3), point (b), does not apply`),
    },
    {
      id: 'unaccompanied-minor-procedure-unknown', priority: 1,
      applies: ({ s }) => s.unaccompanied === true && atBorder(s).at === null,
      then: () => conclude('review', [APR.remain3b], 'the applicant is an unaccompanied minor: the right to remain depends on whether the decision was taken in the border procedure, which is not known'),
    },
  ],
});

export const appealSuspensive = defineRule<Situation, Conclusion>({
  id: 'appeal-suspensive',
  label: 'Automatic suspensive effect of an appeal',
  versions: {
    '2015-07-21': { basis: [APD.remedy5, APD.remedy6, RD_13], evaluate: (facts) => suspensive(facts) },
    '2026-06-12': { basis: [APR.remain2, APR.remain3a, APR.remain3b, APD.remedy5, RD_13], evaluate: (facts) => suspensive(facts) },
  },
});
