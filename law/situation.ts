/**
 * @module law/situation
 * What every question reads: the facts, the regime that governs the application, derived facts (age,
 * minority, vulnerability) computed once, and the registry facts in force on the assessment date —
 * those of the registry snapshot the assessment was given (registry.ts; the package's own
 * `registry/defaults.yaml` when none), with the assessment's own `context` added on top (an entry with
 * the same key replaces the registry's).
 *
 * Built once per assessment and read by every question, so it is also where the assessment's cost is
 * kept down: each kind of fact object the questions read is copied into one shape (`shaped`), the
 * registry defaults in force are looked up by period rather than filtered, absent lists share one empty
 * list, and lookups per country are plain loops over lists of a few items.
 */
import { ageOn, type IsoDate } from '../src/rules/engine/dates.ts';
import type { Agreement, Context, Designation, Facts } from './facts.ts';
import type { Deadline } from './finding.ts';
import {
  active, DEFAULT_REGISTRY, sameAgreement, sameCrisis, sameDesignation, sameReadmission, shapedAgreement, shapedDesignation, shapedReadmission,
  withContext, type AgreementFacts, type Crisis, type DesignationFacts, type LawRegistry, type Readmission, type RecognitionRate, type Shaped,
} from './registry.ts';

/** The day the Pact's asylum procedure applies (Regulation (EU) 2024/1348 Art. 79(2)). */
export const PACT_DATE = '2026-06-12';
/** The earliest date the law package encodes: Directive 2013/32/EU applies to applications lodged after 20 July 2015 (Art. 52). */
export const EARLIEST_DATE = '2015-07-21';

export type Regime = 'apd-2013' | 'apr-2024';
export type Tri = boolean | null;

type RiskAssessment = NonNullable<Context['riskAssessments']>[number];

const NO_RATES: readonly RecognitionRate[] = [];
/** The empty list every absent list of a situation shares (the situation's lists are only read). */
const NONE: readonly never[] = [];

type Person = Facts['person'];
type Application = NonNullable<Facts['application']>;
type Journey = NonNullable<Facts['journey']>;
export type ApplicationFacts = Shaped<Application>;
export type Interception = Shaped<NonNullable<Journey['interception']>>;
export type Transit = NonNullable<Journey['transits']>[number];
export type Stay = NonNullable<Journey['stays']>[number];
export type Tie = NonNullable<Journey['ties']>[number];
export type { AgreementFacts, DesignationFacts };

/**
 * Copies the fields `from` has onto `blank`, which lists every field of the type, so that each kind of
 * object the questions read has one shape. Validated facts come in as many shapes as there are
 * combinations of optional fields (some 300 for `person` in the benchmark), and V8 reads a named field
 * of such objects through its megamorphic cache, slowest for the fields that are absent;
 * `Object.assign` walks the fields present through the object's own key list, about twice as fast.
 */
function shaped<T extends object>(blank: T, from: Partial<T> | undefined): T {
  return from === undefined ? blank : Object.assign(blank, from);
}

// The blanks: every field, in the schema's order (a required field's placeholder is always overwritten).
const blankPerson = (): Shaped<Person> => ({ nationality: '', formerHabitualResidence: undefined, birthDate: undefined, age: undefined, sex: undefined,
  unaccompaniedMinor: undefined, inFamilyWithMinors: undefined, vulnerabilities: undefined, securityRisk: undefined, regionOfOrigin: undefined });
const blankInterception = (): Interception => ({ date: undefined, area: undefined, byMemberStateAuthorities: undefined });
const blankApplication = (): ApplicationFacts => ({ madeOn: undefined, registeredOn: undefined, lodgedOn: undefined, atExternalBorder: undefined,
  subsequent: undefined, newElements: undefined, claims: undefined, relocationExtension: undefined });
const NO_JOURNEY: Journey = {};
const NO_CONTEXT: Context = {};

export interface Situation {
  on: IsoDate;
  /** The year of `on`. */
  year: number;
  facts: Facts;
  memberState: string;
  regime: Regime;
  /** Nationality, or former habitual residence for stateless persons (`null` if unknown). */
  origin: string | null;
  nationality: string;
  sex: Facts['person']['sex'];
  vulnerabilities: Facts['person']['vulnerabilities'];
  regionOfOrigin: string | undefined;
  age: number | null;
  minor: Tri;
  unaccompanied: Tri;
  /** Any listed vulnerability; `null` when the list is missing (not known). */
  vulnerable: Tri;
  familyWithMinors: Tri;
  securityRisk: Tri;
  /** The application (`null` when there is none), every field present. */
  application: ApplicationFacts | null;
  decision: Facts['decision'] | null;
  detentionSince: IsoDate | null;
  transits: readonly Transit[];
  stays: readonly Stay[];
  familyIn: readonly string[];
  ties: readonly Tie[];
  interception: Interception | null;
  designations: readonly DesignationFacts[];
  /** Union-level designations suspended by the Commission on the assessment date (APR Art. 63(1)). */
  suspendedUnion: readonly SuspendedDesignation[];
  readmission: readonly Readmission[];
  agreements: readonly AgreementFacts[];
  /** The assessment's own recognition rates; the registry's are read through `registry` (see {@link latestRecognitionRate}). */
  recognitionRates: readonly RecognitionRate[];
  /** The registry snapshot the assessment reads its dated facts from. */
  registry: LawRegistry;
  crisis: readonly Crisis[];
  /** Every crisis authorisation of the Member State, whatever its dates (derogations follow the application's dates). */
  crisisAll: readonly Crisis[];
  /** The latest individual risk assessment on or before the assessment date, one per destination. */
  risk: readonly RiskAssessment[];
  /** Countries of the journey, in the order transits, stays, family, ties, without repeats. */
  journeyCountries: readonly string[];
  /** The registration deadline once computed (`undefined` until then): see `registrationDeadline` in deadlines.ts. */
  registration: Deadline | null | undefined;
}

/**
 * The regime that governs the application: Directive 2013/32/EU for applications made before 12 June
 * 2026, Regulation (EU) 2024/1348 from that day (DOMAIN.md keys it on `application.madeOn`; without an
 * application, the assessment date decides).
 */
export function regimeOf(facts: Facts, on: IsoDate): Regime {
  return regimeFor(facts.application?.madeOn ?? on);
}

function regimeFor(made: IsoDate): Regime {
  return made < PACT_DATE ? 'apd-2013' : 'apr-2024';
}

function pushOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/** Countries of the journey, in the order transits, stays, family, ties, without repeats. */
function journeyCountries(transits: readonly Transit[], stays: readonly Stay[], familyIn: readonly string[], ties: readonly Tie[]): readonly string[] {
  if (transits.length + stays.length + familyIn.length + ties.length === 0) return NONE;
  const out: string[] = [];
  for (const t of transits) pushOnce(out, t.country);
  for (const stay of stays) pushOnce(out, stay.country);
  for (const country of familyIn) pushOnce(out, country);
  for (const tie of ties) pushOnce(out, tie.country);
  return out;
}

function readmissionOn(own: Readmission[] | undefined, on: IsoDate, registry: LawRegistry): readonly Readmission[] {
  if (!own || own.length === 0) return registry.periodOn(on).readmission;
  const out: Readmission[] = [];
  for (const r of withContext(registry.readmission, own.map(shapedReadmission), sameReadmission)) if (r.since <= on) out.push(r);
  return out;
}

function agreementsOn(own: Agreement[] | undefined, on: IsoDate, registry: LawRegistry): readonly AgreementFacts[] {
  if (!own || own.length === 0) return registry.periodOn(on).agreements;
  const out: AgreementFacts[] = [];
  for (const a of withContext(registry.agreements, own.map(shapedAgreement), sameAgreement)) if (active(a.from, a.to, on)) out.push(a);
  return out;
}

/** The registry's designations that may apply in the Member State, with the assessment's own on top, whatever their dates. */
function designationsIn(own: Designation[] | undefined, memberState: string, registry: LawRegistry): readonly DesignationFacts[] {
  const base = registry.designationsFor(memberState);
  return own && own.length ? withContext(base, own.map(shapedDesignation), sameDesignation) : base;
}

/** The Commission's suspension of the designation covering `on` (APR Art. 63(1)), or `null`. */
function suspensionOn(d: DesignationFacts, on: IsoDate): NonNullable<DesignationFacts['suspensions']>[number] | null {
  if (d.suspensions) for (const x of d.suspensions) if (active(x.from, x.to, on)) return x;
  return null;
}

/** A Union-level designation the Commission has suspended on the assessment date, with the suspension's dates. */
export interface SuspendedDesignation {
  designation: DesignationFacts;
  from: IsoDate;
  to: IsoDate | null;
}

/**
 * The registry's designations in force in the Member State (in their period and not suspended), with the
 * assessment's own on top; and, apart, the Union-level ones in their period but suspended on `on`.
 */
function designationsOn(own: Designation[] | undefined, memberState: string, on: IsoDate, registry: LawRegistry): [readonly DesignationFacts[], readonly SuspendedDesignation[]] {
  const list = designationsIn(own, memberState, registry);
  if (list.length === 0) return [NONE, NONE];
  const out: DesignationFacts[] = [];
  let suspended: SuspendedDesignation[] | null = null;
  for (const d of list) {
    if (!active(d.from, d.to, on)) continue;
    const suspension = suspensionOn(d, on);
    if (suspension === null) {
      if (d.level === 'eu' || !d.memberState || d.memberState === memberState) out.push(d);
    } else if (d.level === 'eu') {
      (suspended ??= []).push({ designation: d, from: suspension.from, to: suspension.to ?? null });
    }
  }
  return [out, suspended ?? NONE];
}

/**
 * The Union-level designation of `country` (of `kind`) that the Commission has suspended on the
 * assessment date, with the suspension, or `null` (Regulation (EU) 2024/1348 Art. 63(1)).
 */
export function suspendedUnionDesignation(s: Situation, country: string, kind: DesignationFacts['kind']): SuspendedDesignation | null {
  for (const x of s.suspendedUnion) if (x.designation.country === country && x.designation.kind === kind) return x;
  return null;
}

/** The registry's crisis authorisations of the Member State, with the assessment's own on top. */
function crisesOf(own: Crisis[] | undefined, memberState: string, registry: LawRegistry): readonly Crisis[] {
  const base = registry.crisesOf(memberState);
  if (!own || own.length === 0) return base;
  const mine: Crisis[] = [];
  for (const c of own) if (c.memberState === memberState) mine.push(c);
  return withContext(base, mine, sameCrisis);
}

/** The latest assessment per destination made on or before `on` (the first of equal dates). */
function riskOn(list: RiskAssessment[] | undefined, on: IsoDate): readonly RiskAssessment[] {
  if (!list || list.length === 0) return NONE;
  const out: RiskAssessment[] = [];
  for (const r of list) {
    if (r.on > on) continue;
    let at = -1;
    for (let k = 0; k < out.length && at < 0; k++) if (out[k]!.destination === r.destination) at = k;
    if (at < 0) out.push(r);
    else if (out[at]!.on < r.on) out[at] = r;
  }
  return out;
}

/**
 * What the questions of one assessment read: the facts in one shape per kind of object, the derived
 * facts, and the registry facts in force on `on` (the assessment's own entries on top).
 * @example const s = buildSituation(facts, '2026-08-01'); s.regime // 'apr-2024' for an application made that summer
 */
export function buildSituation(facts: Facts, on: IsoDate, registry: LawRegistry = DEFAULT_REGISTRY): Situation {
  const person = shaped(blankPerson(), facts.person);
  // The journey and the context are read once, field by field, so they are not copied into one shape.
  const journey = facts.journey ?? NO_JOURNEY;
  const context = facts.context ?? NO_CONTEXT;
  const memberState = facts.memberState;
  const application = facts.application === undefined ? null : shaped(blankApplication(), facts.application);
  const age = person.birthDate ? ageOn(person.birthDate, on) : person.age ?? null;
  const minor: Tri = age === null ? (person.unaccompaniedMinor ? true : null) : age < 18;
  const vulnerabilities = person.vulnerabilities;
  const crisisAll = crisesOf(context.crisisAuthorisations, memberState, registry);
  const crisis = crisisAll.length === 0 ? NONE : crisisAll.filter((c) => active(c.from, c.to, on));
  // Transits and stays keep their few shapes (at most four): V8 reads those as fast as one.
  const transits = journey.transits ?? NONE;
  const stays = journey.stays ?? NONE;
  const familyIn = journey.familyIn ?? NONE;
  const ties = journey.ties ?? NONE;
  const [designations, suspendedUnion] = designationsOn(context.designations, memberState, on, registry);
  const nationality = person.nationality;
  return {
    on, year: Number(on.slice(0, 4)), facts, memberState, regime: regimeFor(application?.madeOn ?? on),
    origin: nationality === 'XX' ? person.formerHabitualResidence ?? null : nationality,
    nationality,
    sex: person.sex,
    vulnerabilities,
    regionOfOrigin: person.regionOfOrigin,
    age, minor,
    unaccompanied: person.unaccompaniedMinor ?? (minor === false ? false : null),
    vulnerable: vulnerabilities === undefined ? null : vulnerabilities.length > 0,
    familyWithMinors: person.inFamilyWithMinors ?? null,
    securityRisk: person.securityRisk ?? null,
    application,
    decision: facts.decision ?? null,
    detentionSince: facts.detention?.since ?? null,
    transits, stays, familyIn, ties,
    interception: journey.interception === undefined ? null : shaped(blankInterception(), journey.interception),
    designations,
    suspendedUnion,
    readmission: readmissionOn(context.readmission, on, registry),
    agreements: agreementsOn(context.agreements, on, registry),
    recognitionRates: context.recognitionRates ?? NO_RATES,
    registry,
    crisis,
    crisisAll,
    risk: riskOn(context.riskAssessments, on),
    journeyCountries: journeyCountries(transits, stays, familyIn, ties),
    registration: undefined,
  };
}

/** The individual risk assessment for `destination` the situation holds, or `null`. */
export function riskAssessmentFor(s: Situation, destination: string): RiskAssessment | null {
  for (const r of s.risk) if (r.destination === destination) return r;
  return null;
}

/** The first transit through `country`, or `null`. */
export function transitThrough(s: Situation, country: string): Transit | null {
  for (const t of s.transits) if (t.country === country) return t;
  return null;
}

/** The first stay in `country`, or `null`. */
export function stayIn(s: Situation, country: string): Stay | null {
  for (const stay of s.stays) if (stay.country === country) return stay;
  return null;
}

/**
 * The latest yearly EU-wide recognition rate for a nationality published before `on`'s year: the
 * assessment's own entry for the latest year, else the registry's (statistics), or `null`.
 */
export function latestRecognitionRate(s: Situation, nationality: string): { year: number; rate: number } | null {
  let best: RecognitionRate | null = null;
  for (const r of s.recognitionRates) {
    if (r.nationality === nationality && r.year < s.year && (!best || r.year > best.year)) best = r;
  }
  for (const r of s.registry.ratesOf(nationality)) {
    if (r.year < s.year && (!best || r.year > best.year)) best = r;
  }
  return best;
}

/** Whether readmission from the deciding Member State to `country` is suspended on the assessment date. */
export function readmissionSuspended(s: Situation, country: string): Readmission | null {
  for (const r of s.readmission) if (r.country === country && r.from === s.memberState && r.status === 'suspended') return r;
  return null;
}

/**
 * The authorisation of the Member State that allowed `derogation` on `date` — the day the application
 * was made or registered, not the assessment date: a derogation applied to an application keeps its
 * effect after the authorisation ends (Regulation (EU) 2024/1359 Art. 10(1): applications made within
 * the period).
 */
export function crisisCovering(s: Situation, derogation: string, date: IsoDate): Crisis | null {
  for (const c of s.crisisAll) if (c.derogations.includes(derogation) && c.from <= date && date <= c.to) return c;
  return null;
}

/** Whether a crisis authorisation covering the Member State and date allows `derogation`. */
export function crisisDerogation(s: Situation, derogation: string): Crisis | null {
  for (const c of s.crisis) if (c.derogations.includes(derogation)) return c;
  return null;
}
