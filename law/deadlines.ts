/**
 * @module law/deadlines
 * Statutory time limits from the facts, each with its basis and the count it rests on (calendar days,
 * weeks, months or working days, explicit in `src/rules/engine/dates.ts`).
 *
 * The Pact's Regulations say how their own time limits are counted (Regulation (EU) 2024/1348 Art. 73,
 * Regulation (EU) 2024/1349 Art. 11): weekends and official holidays count, and a time limit that ends
 * on a Saturday, Sunday or official holiday of the Member State concerned ends on the next working day.
 * Official holidays are national and not modelled, so a Pact deadline given here moves past weekends
 * only: where its day is a holiday in that Member State, the time limit ends on a later working day.
 * The Directives have no such rule, their time limits being counted under national law: their
 * deadlines (and the Return Directive's voluntary departure and detention) are not moved.
 */
import { addDays, addMonths, addWeeks, addWorkingDays, isoWeekday, onOrAfterWorkingDay, type IsoDate } from '../src/rules/engine/dates.ts';
import { cite } from './cite.ts';
import type { Deadline } from './finding.ts';
import { crisisCovering, type Situation } from './situation.ts';

type Param = <T>(id: string) => T;

/** The provisions the deadlines rest on, cited once: a deadline's `basis` is their titles. */
const BASIS = {
  apdRegistration: cite('dir-2013-32-apd', 'Art. 6(1)').title,
  apdBorder: cite('dir-2013-32-apd', 'Art. 43(2)').title,
  aprRegistration: cite('reg-2024-1348-apr', 'Art. 27(1)').title,
  aprLodging: cite('reg-2024-1348-apr', 'Art. 28(1)').title,
  aprAdmissibility: cite('reg-2024-1348-apr', 'Art. 35(1)').title,
  aprAccelerated: cite('reg-2024-1348-apr', 'Art. 35(3)').title,
  aprBorder: cite('reg-2024-1348-apr', 'Art. 51(2)').title,
  aprBorderExtended: cite('reg-2024-1348-apr', 'Art. 51(2), third subparagraph').title,
  aprAppealExpedited: cite('reg-2024-1348-apr', 'Art. 67(7), point (a)').title,
  aprAppealRegular: cite('reg-2024-1348-apr', 'Art. 67(7), point (b)').title,
  crisisRegistration: cite('reg-2024-1359-crisis', 'Art. 10(1)').title,
  crisisRegistrationLimit: cite('reg-2024-1359-crisis', 'Art. 10(4)').title,
  crisisBorder: cite('reg-2024-1359-crisis', 'Art. 11(1)').title,
  returnBorder: cite('reg-2024-1349-rbp', 'Art. 4(2)').title,
  aprTimeLimits: cite('reg-2024-1348-apr', 'Art. 73, point (c)').title,
  rbpTimeLimits: cite('reg-2024-1349-rbp', 'Art. 11, point (c)').title,
  voluntaryDeparture: cite('dir-2008-115-return', 'Art. 7(1)').title,
  detention: cite('dir-2008-115-return', 'Art. 15(5) and (6)').title,
} as const;

export const P = {
  apdRegistration: 'eu/dir-2013-32-apd/art-06-access/registration-working-days',
  apdBorder: 'eu/dir-2013-32-apd/art-43-border-procedure/max-weeks',
  aprRegistration: 'eu/reg-2024-1348-apr/art-27-registration/days',
  aprLodging: 'eu/reg-2024-1348-apr/art-28-lodging/days',
  aprAdmissibility: 'eu/reg-2024-1348-apr/art-35-time-limits/admissibility-months',
  aprAccelerated: 'eu/reg-2024-1348-apr/art-35-time-limits/accelerated-months',
  aprBorder: 'eu/reg-2024-1348-apr/art-51-border-procedure/max-weeks',
  aprBorderExtended: 'eu/reg-2024-1348-apr/art-51-border-procedure/extended-weeks',
  aprAppealExpedited: 'eu/reg-2024-1348-apr/art-67-remedies/appeal-minimum-days-expedited',
  aprAppealRegular: 'eu/reg-2024-1348-apr/art-67-remedies/appeal-minimum-days-regular',
  crisisRegistration: 'eu/reg-2024-1359-crisis/art-10-registration/weeks',
  crisisBorder: 'eu/reg-2024-1359-crisis/art-11-border-procedure/extra-weeks',
  returnBorder: 'eu/reg-2024-1349-rbp/art-04-duration/max-weeks',
  aprEndMoves: 'eu/reg-2024-1348-apr/art-73-time-limits/end-moves-to-working-day',
  rbpEndMoves: 'eu/reg-2024-1349-rbp/art-11-time-limits/end-moves-to-working-day',
  voluntaryMax: 'eu/dir-2008-115-return/art-07-voluntary-departure/max-days',
  detentionInitial: 'eu/dir-2008-115-return/art-15-detention/initial-months',
  detentionExtension: 'eu/dir-2008-115-return/art-15-detention/extension-months',
} as const;

/**
 * The registration deadline, also used by `access-to-procedure`: computed by whichever asks first and
 * kept in the situation, which belongs to one assessment (one date, one set of parameters).
 */
export function registrationDeadline(s: Situation, param: Param): Deadline | null {
  if (s.registration === undefined) {
    const registration = computeRegistration(s, param);
    s.registration = registration && s.regime === 'apr-2024' ? endOnWorkingDay(registration, param<boolean>(P.aprEndMoves), BASIS.aprTimeLimits) : registration;
  }
  return s.registration;
}

const WEEKEND_DAY = ['Saturday', 'Sunday'] as const;

/**
 * A deadline of a Regulation whose time limits end on a working day (Regulation (EU) 2024/1348 Art. 73,
 * point (c); 2024/1349 Art. 11, point (c)): moved from a Saturday or Sunday to the Monday, citing the
 * rule and saying why. `moves` is the rule's parameter on the assessment date.
 */
function endOnWorkingDay(deadline: Deadline, moves: boolean, basis: string): Deadline {
  if (!moves) return deadline;
  const date = onOrAfterWorkingDay(deadline.date);
  if (date === deadline.date) return deadline;
  return {
    ...deadline, date, basis: [...deadline.basis, basis],
    because: [...(deadline.because ?? []), `${deadline.date} is a ${WEEKEND_DAY[isoWeekday(deadline.date) - 6]}: the time limit ends on the next working day, ${date}`],
  };
}

function computeRegistration(s: Situation, param: Param): Deadline | null {
  const made = s.application?.madeOn;
  if (!made) return null;
  if (s.regime === 'apd-2013') {
    const days = param<number>(P.apdRegistration);
    return { name: 'registration', date: addWorkingDays(made, days), basis: [BASIS.apdRegistration], because: [`${days} working days after the application was made on ${made}`] };
  }
  const crisis = crisisCovering(s, 'registration-4-weeks', made);
  // Regulation (EU) 2024/1359 Art. 10(4): in a situation of mass arrival the four weeks apply only
  // during the first implementing decision, not during its prolongations.
  if (crisis && crisis.kind === 'mass-arrival' && crisis.extension === true) {
    const days = param<number>(P.aprRegistration);
    return { name: 'registration', date: addDays(made, days), basis: [BASIS.aprRegistration, BASIS.crisisRegistrationLimit],
      because: [`${days} days after the application was made on ${made}: the mass-arrival authorisation for ${s.memberState} (${crisis.from} to ${crisis.to}) prolongs an earlier one, and the four weeks apply only under the first`] };
  }
  if (crisis) {
    const weeks = param<number>(P.crisisRegistration);
    return { name: 'registration', date: addWeeks(made, weeks), basis: [BASIS.crisisRegistration], because: [`${weeks} weeks after ${made}, under the ${crisis.kind} authorisation for ${s.memberState} (${crisis.from} to ${crisis.to})`] };
  }
  const days = param<number>(P.aprRegistration);
  return { name: 'registration', date: addDays(made, days), basis: [BASIS.aprRegistration], because: [`${days} days after the application was made on ${made}`] };
}

export interface DeadlineInputs {
  accelerated: string;
  borderAllowed: string;
}

/** Every deadline the facts allow, in the order of the procedure. */
export function computeDeadlines(s: Situation, param: Param, outcomes: DeadlineInputs): Deadline[] {
  const out: Deadline[] = [];
  const app = s.application;
  const registration = registrationDeadline(s, param);
  if (registration) out.push(registration);
  const apr = s.regime === 'apr-2024';
  const aprMoves = apr && param<boolean>(P.aprEndMoves);
  /** A deadline of Regulation (EU) 2024/1348 (Art. 73, point (c)). */
  const pushApr = (deadline: Deadline) => out.push(endOnWorkingDay(deadline, aprMoves, BASIS.aprTimeLimits));
  if (apr && app?.registeredOn) {
    const days = param<number>(P.aprLodging);
    pushApr({ name: 'lodging', date: addDays(app.registeredOn, days), basis: [BASIS.aprLodging], because: [`${days} days after registration on ${app.registeredOn}`] });
  }
  if (apr && app?.lodgedOn) {
    const months = param<number>(P.aprAdmissibility);
    pushApr({ name: 'admissibility-decision', date: addMonths(app.lodgedOn, months), basis: [BASIS.aprAdmissibility], because: [`${months} months after lodging on ${app.lodgedOn} (month ends clamp)`] });
    if (outcomes.accelerated === 'yes') {
      const m = param<number>(P.aprAccelerated);
      pushApr({ name: 'accelerated-decision', date: addMonths(app.lodgedOn, m), basis: [BASIS.aprAccelerated], because: [`${m} months after lodging on ${app.lodgedOn}`] });
    }
  }
  if (outcomes.borderAllowed !== 'no') {
    if (apr && app?.registeredOn) {
      const plus = crisisCovering(s, 'border-procedure-plus-6-weeks', app.registeredOn);
      const basis: string[] = [BASIS.aprBorder];
      let weeks = param<number>(P.aprBorder);
      const because: string[] = [];
      if (app.relocationExtension === true) {
        weeks = param<number>(P.aprBorderExtended);
        basis[0] = BASIS.aprBorderExtended;
        because.push(`${weeks} weeks: extended for a transfer under Art. 67(11) of Regulation (EU) 2024/1351`);
        if (plus) because.push('the crisis extension of Regulation (EU) 2024/1359 Art. 11(1) is not cumulative with the 16-week extension');
      } else if (plus) {
        const extra = param<number>(P.crisisBorder);
        weeks += extra;
        basis.push(BASIS.crisisBorder);
        because.push(`${weeks} weeks: ${weeks - extra} plus ${extra} under the ${plus.kind} authorisation (${plus.from} to ${plus.to})`);
      } else because.push(`${weeks} weeks`);
      because.push(`counted from registration on ${app.registeredOn}`);
      pushApr({ name: 'border-procedure-end', date: addWeeks(app.registeredOn, weeks), basis, because });
    } else if (!apr && app && (app.lodgedOn ?? app.registeredOn ?? app.madeOn)) {
      const start = (app.lodgedOn ?? app.registeredOn ?? app.madeOn)!;
      const weeks = param<number>(P.apdBorder);
      out.push({ name: 'border-procedure-end', date: addWeeks(start, weeks), basis: [BASIS.apdBorder],
        because: [`${weeks} weeks from the application (${start}); without a decision by then the applicant is granted entry`] });
    }
  }
  const decision = s.decision;
  if (decision) {
    if (apr && decision.kind === 'border-rejection') {
      const weeks = param<number>(P.returnBorder);
      out.push(endOnWorkingDay({ name: 'return-border-procedure-end', date: addWeeks(decision.on, weeks), basis: [BASIS.returnBorder],
        because: [`${weeks} weeks from ${decision.on}, taken as the day the applicant no longer has a right to remain (no automatic suspensive effect, Regulation (EU) 2024/1348 Art. 68(3))`] },
      param<boolean>(P.rbpEndMoves), BASIS.rbpTimeLimits));
    }
    if (apr && decision.kind !== 'return-decision') {
      const expedited = decision.kind !== 'regular-rejection';
      const days = param<number>(expedited ? P.aprAppealExpedited : P.aprAppealRegular);
      pushApr({ name: 'appeal-lodging', date: addDays(decision.on, days), basis: [expedited ? BASIS.aprAppealExpedited : BASIS.aprAppealRegular],
        because: [`the shortest time limit national law may set: ${days} days from notification (${decision.on} taken as the day of notification); national law may allow longer`] });
    }
    if (decision.kind === 'return-decision') {
      const days = param<number>(P.voluntaryMax);
      out.push({ name: 'voluntary-departure-end', date: addDays(decision.on, days), basis: [BASIS.voluntaryDeparture],
        because: [`at most ${days} days from the return decision of ${decision.on}; the decision may set a shorter period (at least 7 days) or none (Art. 7(4))`] });
    }
  }
  const detained = s.detentionSince;
  if (detained) {
    const initial = param<number>(P.detentionInitial);
    const extension = param<number>(P.detentionExtension);
    // Counting the first day of detention as a day of detention, the last day is the day before the same
    // date 18 months on; where that date does not exist (31 August → February), the month's last day.
    const anniversary = addMonths(detained, initial + extension);
    const lastDay = anniversary.slice(8) !== detained.slice(8) ? anniversary : addDays(anniversary, -1);
    out.push({ name: 'detention-maximum', date: lastDay, basis: [BASIS.detention],
      because: [`${initial} months, extended by at most ${extension} months, from ${detained}; the last day of detention`] });
  }
  return out;
}

/** The later of two dates, for callers comparing deadlines. */
export function isPast(deadline: IsoDate, on: IsoDate): boolean {
  return on > deadline;
}
