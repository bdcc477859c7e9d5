/**
 * @module bench/law/generate
 * Deterministic, varied fact sets for the law engine benchmark, in the shape of ../shared/DOMAIN.md.
 * Fact set `i` of seed `s` is always the same (its own PRNG is seeded from `s` and `i`), so a run can be
 * reproduced and a single fact set named by its index. Every generated fact set is valid: dates are
 * real and in the order `parseFacts` requires (birth ≤ made ≤ registered ≤ lodged ≤ assessment date).
 *
 * What varies: Member State (with Eurostat's `EL` alias now and then), nationality (stateless `XX` with
 * and without a former habitual residence, Union-list countries such as BD, TN, EG, candidate countries,
 * others), age or birth date or neither, sex, unaccompanied minors, vulnerabilities, security risk,
 * transits, stays, family and ties in third countries (and sometimes a Member State), interception,
 * application dates on both sides of 12 June 2026, assessment dates from 2016 to 2027, subsequent
 * applications and new elements, decisions of every kind, detention, and a `context` with recognition
 * rates, designations (with exceptions), readmission, agreements (some overriding the registry's),
 * crisis authorisations (lawful, unknown and barring derogations) and risk assessments.
 */
import { fromDayNumber, toDayNumber } from '../../src/rules/engine/dates.ts';
import { AGREEMENT_KINDS, DECISION_KINDS, VULNERABILITIES } from '../../law/facts.ts';

/** A seeded pseudo-random source (a 32-bit multiply–xorshift generator): fast and identical on every machine. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `true` with `pTrue`, `false` with `pFalse`, otherwise `undefined` (not known). */
  tri(pTrue: number, pFalse: number): boolean | undefined;
}

export function random(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    tri: (pTrue, pFalse) => {
      const x = next();
      return x < pTrue ? true : x < pTrue + pFalse ? false : undefined;
    },
  };
}

/** The seed of fact set `index` (a 32-bit hash of both, so neighbouring indexes are unrelated). */
function seedOf(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

const MEMBER_STATES = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'] as const;
/** Frontline states come up more often, as in the caseload. */
const FRONTLINE = ['IT', 'GR', 'ES', 'MT', 'CY', 'BG', 'HR', 'LT', 'PL', 'LV'] as const;
/** Union list (BD, CO, EG, IN, XK, MA, TN), candidates (TR, AL, RS, UA, MD, GE, MK, BA, ME) and others. */
const NATIONALITIES = ['BD', 'TN', 'EG', 'MA', 'IN', 'CO', 'XK', 'TR', 'AL', 'RS', 'UA', 'MD', 'GE', 'MK', 'BA', 'ME',
  'SY', 'AF', 'IQ', 'IR', 'PK', 'NG', 'ER', 'SO', 'SD', 'VE', 'SN', 'GN', 'CI', 'ML', 'PS', 'DZ', 'LY', 'XX'] as const;
const THIRD_COUNTRIES = ['RS', 'TR', 'LY', 'TN', 'AL', 'MA', 'MK', 'BA', 'ME', 'NE', 'SD', 'EG', 'LB', 'JO', 'IR', 'DZ', 'GE', 'MD', 'UA', 'BY', 'RU', 'MR', 'SN'] as const;
const REGIONS = ['Transnistria', 'North', 'Kurdistan', 'Cabinda', 'Crimea'] as const;
const CLAIMS = ['sexual-orientation', 'political-opinion', 'religion', 'journalists', 'lgbti', 'gender-based-violence'] as const;
const CATEGORIES = ['lgbti', 'journalists', 'political-opinion', 'pregnant', 'religion'] as const;
const DEROGATIONS = ['registration-4-weeks', 'border-procedure-plus-6-weeks', 'border-procedure-relief', 'border-procedure-extension',
  'closure-of-crossing-points', 'suspension-of-applications', 'pushback'] as const;
const CRISIS_KINDS = ['mass-arrival', 'instrumentalisation', 'force-majeure'] as const;
const AREAS = ['international-waters', 'territorial-waters', 'land-border', 'inland'] as const;

const FIRST_DAY = toDayNumber('2016-01-01');
const LAST_DAY = toDayNumber('2027-12-31');
const PACT_DAY = toDayNumber('2026-06-12');

export interface GeneratedFacts {
  /** The date the law is applied at. */
  on: string;
  /** Raw facts, as a caller would send them (to be validated with `parseFacts`). */
  facts: Record<string, unknown>;
}

/**
 * Fact set `index` of `seed`.
 * @example const { facts, on } = generateFacts({ seed: 1, index: 0 });
 */
export function generateFacts({ seed, index }: { seed: number; index: number }): GeneratedFacts {
  const r = random(seedOf(seed, index));
  // Half the assessment dates around the Pact's start (2026–2027), the rest anywhere from 2016.
  const onDay = r.chance(0.5) ? r.int(FIRST_DAY, LAST_DAY) : r.int(PACT_DAY - 200, LAST_DAY);
  const on = fromDayNumber(onDay);
  const date = (from: number, to: number) => fromDayNumber(r.int(Math.min(from, to), to));
  const ms = r.chance(0.6) ? r.pick(FRONTLINE) : r.pick(MEMBER_STATES);
  const otherMs = r.pick(MEMBER_STATES);
  const nationality = r.pick(NATIONALITIES);

  // Person.
  const age = r.chance(0.22) ? r.int(0, 17) : r.int(18, 75);
  const birthDay = onDay - age * 365 - r.int(0, 364);
  const person: Record<string, unknown> = { nationality };
  if (nationality === 'XX' && r.chance(0.6)) person.formerHabitualResidence = r.pick(['SY', 'PS', 'IQ', 'MM', 'KW', 'LB']);
  const ageForm = r.next();
  if (ageForm < 0.45) person.birthDate = fromDayNumber(birthDay);
  else if (ageForm < 0.85) person.age = age;
  const sex = r.next();
  if (sex < 0.55) person.sex = 'M'; else if (sex < 0.85) person.sex = 'F'; else if (sex < 0.9) person.sex = 'X';
  if (age < 18) {
    const uam = r.tri(0.5, 0.3);
    if (uam !== undefined) person.unaccompaniedMinor = uam;
  } else if (r.chance(0.3)) person.unaccompaniedMinor = false;
  if (age < 18 && ageForm >= 0.85 && r.chance(0.3)) person.unaccompaniedMinor = true;
  const family = r.tri(0.2, 0.4);
  if (family !== undefined) person.inFamilyWithMinors = family;
  const vulnerability = r.next();
  if (vulnerability < 0.45) person.vulnerabilities = [];
  else if (vulnerability < 0.7) person.vulnerabilities = [...new Set([r.pick(VULNERABILITIES), ...(r.chance(0.3) ? [r.pick(VULNERABILITIES)] : [])])];
  const security = r.tri(0.06, 0.6);
  if (security !== undefined) person.securityRisk = security;
  if (r.chance(0.12)) person.regionOfOrigin = r.pick(REGIONS);
  const origin = nationality === 'XX' ? (person.formerHabitualResidence as string | undefined) : nationality;

  // Journey.
  const journeyCountry = () => (r.chance(0.08) ? r.pick(MEMBER_STATES) : r.pick(THIRD_COUNTRIES));
  const journey: Record<string, unknown> = {};
  const countries: string[] = [];
  if (r.chance(0.85)) {
    const transits = Array.from({ length: r.int(0, 3) }, () => {
      const country = journeyCountry();
      countries.push(country);
      const t: Record<string, unknown> = { country };
      if (r.chance(0.6)) t.days = r.int(0, 400);
      const could = r.tri(0.4, 0.3);
      if (could !== undefined) t.couldHaveSoughtProtection = could;
      return t;
    });
    if (transits.length) journey.transits = transits;
    if (r.chance(0.35)) {
      journey.stays = Array.from({ length: r.int(1, 2) }, () => {
        const country = journeyCountry();
        countries.push(country);
        return r.chance(0.7) ? { country, months: r.int(0, 60) } : { country };
      });
    }
    if (r.chance(0.2)) journey.familyIn = [...new Set(Array.from({ length: r.int(1, 2) }, () => journeyCountry()))];
    if (r.chance(0.15)) journey.ties = [{ country: journeyCountry(), kind: r.pick(['language', 'cultural', 'other'] as const) }];
    if (r.chance(0.6)) {
      const interception: Record<string, unknown> = {};
      if (r.chance(0.85)) interception.date = date(Math.max(birthDay, onDay - 500), onDay);
      if (r.chance(0.9)) interception.area = r.pick(AREAS);
      const by = r.tri(0.6, 0.2);
      if (by !== undefined) interception.byMemberStateAuthorities = by;
      journey.interception = interception;
    }
  }

  const facts: Record<string, unknown> = { memberState: ms === 'GR' && r.chance(0.3) ? 'EL' : ms, person };
  if (r.chance(0.5)) facts.assessedOn = on;
  if (Object.keys(journey).length || r.chance(0.5)) facts.journey = journey;

  // Application: made on either side of 12 June 2026, never after the assessment date.
  let madeDay: number | null = null;
  if (r.chance(0.88)) {
    const application: Record<string, unknown> = {};
    if (r.chance(0.95)) {
      madeDay = Math.max(birthDay, onDay - (r.chance(0.7) ? r.int(0, 60) : r.int(0, 900)));
      application.madeOn = fromDayNumber(madeDay);
      if (r.chance(0.7)) {
        const registeredDay = Math.min(onDay, madeDay + (r.chance(0.8) ? r.int(0, 7) : r.int(0, 40)));
        application.registeredOn = fromDayNumber(registeredDay);
        if (r.chance(0.55)) application.lodgedOn = fromDayNumber(Math.min(onDay, registeredDay + r.int(0, 30)));
      }
    }
    const border = r.tri(0.4, 0.3);
    if (border !== undefined) application.atExternalBorder = border;
    const subsequent = r.tri(0.12, 0.6);
    if (subsequent !== undefined) application.subsequent = subsequent;
    const newElements = r.tri(0.3, 0.3);
    if (newElements !== undefined && (subsequent === true || r.chance(0.2))) application.newElements = newElements;
    if (r.chance(0.15)) application.claims = [r.pick(CLAIMS)];
    if (r.chance(0.05)) application.relocationExtension = r.chance(0.7);
    facts.application = application;
  }
  const since = madeDay ?? onDay - 400;
  if (r.chance(0.35)) facts.decision = { kind: r.pick(DECISION_KINDS), on: date(since, onDay) };
  if (r.chance(0.08)) facts.detention = { since: date(since, onDay) };

  // Context: registry facts for this assessment.
  if (r.chance(0.8)) {
    const context: Record<string, unknown> = {};
    const year = Number(on.slice(0, 4));
    if (r.chance(0.75)) {
      const rated = [origin ?? nationality, ...(r.chance(0.3) ? [r.pick(NATIONALITIES)] : [])];
      context.recognitionRates = rated.flatMap((n) => Array.from({ length: r.int(1, 3) }, (_, k) => ({
        nationality: n, year: year - r.int(0, 2) - (k > 0 ? 1 : 0), rate: Math.round((r.chance(0.5) ? r.next() * 0.3 : r.next()) * 1000) / 1000,
      })));
    }
    const designations: Array<Record<string, unknown>> = [];
    if (r.chance(0.35)) {
      const level = r.chance(0.7) ? 'national' : 'eu';
      const d: Record<string, unknown> = { country: origin ?? r.pick(NATIONALITIES.filter((n) => n !== 'XX')), kind: 'safe-country-of-origin', level, from: date(FIRST_DAY - 1500, onDay + 200) };
      if (level === 'national' && r.chance(0.85)) d.memberState = r.chance(0.8) ? ms : otherMs;
      if (r.chance(0.3)) d.to = r.chance(0.4) ? null : date(onDay - 300, onDay + 300);
      if (r.chance(0.25)) d.exceptions = r.chance(0.5) ? { regions: [r.pick(REGIONS)] } : { categories: [r.pick(CATEGORIES)] };
      designations.push(d);
    }
    if (r.chance(0.35)) {
      const d: Record<string, unknown> = { country: countries.length && r.chance(0.8) ? r.pick(countries) : r.pick(THIRD_COUNTRIES), kind: 'safe-third-country',
        level: r.chance(0.6) ? 'national' : 'eu', from: date(FIRST_DAY - 500, onDay + 100) };
      if (d.level === 'national' && r.chance(0.7)) d.memberState = ms;
      if (r.chance(0.2)) d.to = date(onDay - 300, onDay + 300);
      designations.push(d);
    }
    if (designations.length) context.designations = designations;
    if (r.chance(0.15)) {
      context.readmission = [{ country: countries.length && r.chance(0.7) ? r.pick(countries) : r.pick(THIRD_COUNTRIES), from: r.chance(0.7) ? ms : otherMs,
        status: r.pick(['suspended', 'cooperating', 'partial'] as const), since: date(FIRST_DAY - 1000, onDay + 100) }];
    }
    if (r.chance(0.4)) {
      context.agreements = Array.from({ length: r.int(1, 3) }, (_, k) => {
        const kind = r.pick(AGREEMENT_KINDS);
        const partner = countries.length && r.chance(0.6) ? r.pick(countries) : r.pick(THIRD_COUNTRIES);
        const registryId = kind === 'offshore-processing' ? 'it-al-protocol' : kind === 'one-to-one' ? 'eu-tr-statement' : null;
        const a: Record<string, unknown> = { id: registryId && r.chance(0.3) ? registryId : `${kind}-${partner}-${k}`.toLowerCase(), kind, partner, from: date(FIRST_DAY - 800, onDay + 100) };
        const parties = r.next();
        if (parties < 0.5) a.memberStates = [ms]; else if (parties < 0.7) a.memberStates = [otherMs]; else if (parties < 0.8) a.memberStates = [ms, otherMs].filter((x, i, all) => all.indexOf(x) === i);
        if (r.chance(0.3)) a.to = r.chance(0.3) ? null : date(onDay - 400, onDay + 400);
        const binding = r.tri(0.5, 0.2);
        if (binding !== undefined) a.legallyBinding = binding;
        const monitoring = r.tri(0.3, 0.2);
        if (monitoring !== undefined) a.independentMonitoring = monitoring;
        return a;
      });
    }
    if (r.chance(0.2)) {
      const fromDay = r.int(onDay - 300, onDay + 30);
      context.crisisAuthorisations = [{ memberState: r.chance(0.85) ? ms : otherMs, kind: r.pick(CRISIS_KINDS), from: fromDayNumber(fromDay), to: fromDayNumber(fromDay + r.int(0, 365)),
        derogations: [...new Set(Array.from({ length: r.int(1, 3) }, () => (r.chance(0.85) ? r.pick(DEROGATIONS.slice(0, 4)) : r.pick(DEROGATIONS))))] }];
    }
    if (r.chance(0.4)) {
      const destinations = [...new Set([...(origin ? [origin] : []), ...countries.filter((c) => !MEMBER_STATES.includes(c as never))])];
      if (destinations.length) {
        context.riskAssessments = Array.from({ length: r.int(1, 2) }, () => ({ destination: r.pick(destinations), on: date(onDay - 500, onDay + 30),
          outcome: r.chance(0.75) ? 'no-real-risk' : 'real-risk' }));
      }
    }
    facts.context = context;
  }
  return { on, facts };
}
