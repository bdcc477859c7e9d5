/**
 * @module law/situation
 * What every question reads: the facts, the regime that governs the application, derived facts (age,
 * minority, vulnerability) computed once, and the registry facts in force on the assessment date —
 * the registry defaults of `registry/defaults.yaml` with the assessment's own `context` added on top
 * (an entry with the same key replaces the default).
 *
 * Built once per assessment and read by every question, so it is also where the assessment's cost is
 * kept down: each kind of fact object is copied into one shape (`shaped`), the registry defaults in force
 * are looked up by period rather than filtered, and lookups per country are plain loops over lists of a
 * few items.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { addDays, ageOn, type IsoDate } from '../src/rules/engine/dates.ts';
import { LAW_DIR } from './cite.ts';
import { ZContext, type Agreement, type Context, type Designation, type Facts } from './facts.ts';
import type { Deadline } from './finding.ts';

/** The day the Pact's asylum procedure applies (Regulation (EU) 2024/1348 Art. 79(2)). */
export const PACT_DATE = '2026-06-12';
/** The earliest date the law package encodes: Directive 2013/32/EU applies to applications lodged after 20 July 2015 (Art. 52). */
export const EARLIEST_DATE = '2015-07-21';

export type Regime = 'apd-2013' | 'apr-2024';
export type Tri = boolean | null;

type RiskAssessment = NonNullable<Context['riskAssessments']>[number];
type Readmission = NonNullable<Context['readmission']>[number];
type Crisis = NonNullable<Context['crisisAuthorisations']>[number];

/** `T` with every field present, `undefined` where the facts left it out. */
type Shaped<T> = { [K in keyof Required<T>]: T[K] };

type Person = Facts['person'];
type Application = NonNullable<Facts['application']>;
type Journey = NonNullable<Facts['journey']>;
export type ApplicationFacts = Shaped<Application>;
export type Interception = Shaped<NonNullable<Journey['interception']>>;
export type Transit = NonNullable<Journey['transits']>[number];
export type Stay = NonNullable<Journey['stays']>[number];
export type Tie = NonNullable<Journey['ties']>[number];
export type AgreementFacts = Shaped<Agreement>;
export type DesignationFacts = Shaped<Designation>;

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
const blankJourney = (): Shaped<Journey> => ({ transits: undefined, stays: undefined, familyIn: undefined, ties: undefined, interception: undefined });
const blankInterception = (): Interception => ({ date: undefined, area: undefined, byMemberStateAuthorities: undefined });
const blankApplication = (): ApplicationFacts => ({ madeOn: undefined, registeredOn: undefined, lodgedOn: undefined, atExternalBorder: undefined,
  subsequent: undefined, newElements: undefined, claims: undefined, relocationExtension: undefined });
const blankContext = (): Shaped<Context> => ({ designations: undefined, readmission: undefined, agreements: undefined, recognitionRates: undefined,
  crisisAuthorisations: undefined, riskAssessments: undefined });
const blankDesignation = (): DesignationFacts => ({ country: '', kind: 'safe-country-of-origin', level: 'eu', memberState: undefined, from: '', to: undefined,
  exceptions: undefined, source: undefined });
const blankAgreement = (): AgreementFacts => ({ id: '', kind: 'readmission', partner: '', memberStates: undefined, from: '', to: undefined,
  legallyBinding: undefined, independentMonitoring: undefined, source: undefined });

const ZRegistry = z.strictObject({
  readmission: z.array(z.strictObject({ country: z.string(), from: z.string(), status: z.enum(['suspended', 'cooperating', 'partial']), since: z.string(), source: z.string().url(), note: z.string().optional() })),
  agreements: z.array(z.strictObject({
    id: z.string(), kind: z.enum(['offshore-processing', 'return-hub', 'stc-arrangement', 'one-to-one', 'readmission']), partner: z.string(),
    memberStates: z.array(z.string()), from: z.string(), to: z.string().nullable(), legallyBinding: z.boolean().optional(),
    independentMonitoring: z.boolean().optional(), source: z.string().url(),
  })),
});

function shapedReadmission(r: Readmission): Readmission {
  return { country: r.country, from: r.from, status: r.status, since: r.since, source: r.source };
}

function shapedAgreement(a: Agreement): AgreementFacts {
  return shaped(blankAgreement(), a);
}

/** Registry defaults, read once. Every entry has a source (the schema requires it). */
export const REGISTRY = (() => {
  const raw = parse(readFileSync(join(LAW_DIR, 'registry', 'defaults.yaml'), 'utf8'), { uniqueKeys: true });
  const registry = ZRegistry.parse(raw);
  return {
    readmission: registry.readmission.map((r) => shapedReadmission(r as Readmission)),
    agreements: registry.agreements.map((a) => shapedAgreement(a as Agreement)),
  };
})();
void ZContext;

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
  transits: Transit[];
  stays: Stay[];
  familyIn: string[];
  ties: Tie[];
  interception: Interception | null;
  designations: DesignationFacts[];
  readmission: readonly Readmission[];
  agreements: readonly AgreementFacts[];
  recognitionRates: NonNullable<Context['recognitionRates']>;
  crisis: Crisis[];
  /** Every crisis authorisation of the Member State, whatever its dates (derogations follow the application's dates). */
  crisisAll: Crisis[];
  /** The latest individual risk assessment on or before the assessment date, one per destination. */
  risk: RiskAssessment[];
  /** Countries of the journey, in the order transits, stays, family, ties, without repeats. */
  journeyCountries: string[];
  /** The registration deadline once computed (`undefined` until then): see `registrationDeadline` in deadlines.ts. */
  registration: Deadline | null | undefined;
}

function active(from: string, to: string | null | undefined, on: IsoDate): boolean {
  return from <= on && (to == null || on <= to);
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

/**
 * Registry entries with the assessment's own on top: an own entry with the same key replaces the
 * default in its place, new ones follow in their order. Without own entries, the defaults as they are.
 */
function withContext<T>(defaults: readonly T[], own: readonly T[], sameKey: (a: T, b: T) => boolean): readonly T[] {
  if (own.length === 0) return defaults;
  const merged = defaults.slice();
  for (const x of own) {
    let at = -1;
    for (let k = 0; k < merged.length && at < 0; k++) if (sameKey(merged[k]!, x)) at = k;
    if (at >= 0) merged[at] = x;
    else merged.push(x);
  }
  return merged;
}

const sameReadmission = (a: Readmission, b: Readmission) => a.country === b.country && a.from === b.from;
const sameAgreement = (a: AgreementFacts, b: AgreementFacts) => a.id === b.id;

/** The registry's defaults, one per key (the first place, the last entry, as merging them would leave them), computed once. */
const DEFAULT_READMISSION = withContext([], REGISTRY.readmission, sameReadmission);
const DEFAULT_AGREEMENTS = withContext([], REGISTRY.agreements, sameAgreement);

function pushOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/** Countries of the journey, in the order transits, stays, family, ties, without repeats. */
function journeyCountries(transits: Transit[], stays: Stay[], familyIn: string[], ties: Tie[]): string[] {
  const out: string[] = [];
  for (const t of transits) pushOnce(out, t.country);
  for (const stay of stays) pushOnce(out, stay.country);
  for (const country of familyIn) pushOnce(out, country);
  for (const tie of ties) pushOnce(out, tie.country);
  return out;
}

/** The registry's defaults in force from `from` until the next period. */
interface RegistryPeriod {
  from: IsoDate;
  readmission: readonly Readmission[];
  agreements: readonly AgreementFacts[];
}

/**
 * The registry's defaults by period: which are in force changes only on the days an entry starts or
 * ends, so each period's lists are built once, at load, and shared (read-only) by every assessment
 * that brings no entries of its own.
 */
const REGISTRY_PERIODS: readonly RegistryPeriod[] = (() => {
  const starts = new Set<IsoDate>(['0000-01-01']);
  for (const r of DEFAULT_READMISSION) starts.add(r.since);
  for (const a of DEFAULT_AGREEMENTS) {
    starts.add(a.from);
    if (a.to != null) starts.add(addDays(a.to, 1));
  }
  return [...starts].sort().map((from) => ({
    from,
    readmission: DEFAULT_READMISSION.filter((r) => r.since <= from),
    agreements: DEFAULT_AGREEMENTS.filter((a) => active(a.from, a.to, from)),
  }));
})();

function registryOn(on: IsoDate): RegistryPeriod {
  for (let k = REGISTRY_PERIODS.length - 1; k > 0; k--) if (REGISTRY_PERIODS[k]!.from <= on) return REGISTRY_PERIODS[k]!;
  return REGISTRY_PERIODS[0]!;
}

function readmissionOn(own: Readmission[] | undefined, on: IsoDate): readonly Readmission[] {
  if (!own || own.length === 0) return registryOn(on).readmission;
  const out: Readmission[] = [];
  for (const r of withContext(DEFAULT_READMISSION, own.map(shapedReadmission), sameReadmission)) if (r.since <= on) out.push(r);
  return out;
}

function agreementsOn(own: Agreement[] | undefined, on: IsoDate): readonly AgreementFacts[] {
  if (!own || own.length === 0) return registryOn(on).agreements;
  const out: AgreementFacts[] = [];
  for (const a of withContext(DEFAULT_AGREEMENTS, own.map(shapedAgreement), sameAgreement)) if (active(a.from, a.to, on)) out.push(a);
  return out;
}

function designationsOn(list: Designation[] | undefined, memberState: string, on: IsoDate): DesignationFacts[] {
  if (!list || list.length === 0) return [];
  const out: DesignationFacts[] = [];
  for (const given of list) {
    const d = shaped(blankDesignation(), given);
    if (active(d.from, d.to, on) && (d.level === 'eu' || !d.memberState || d.memberState === memberState)) out.push(d);
  }
  return out;
}

/** The latest assessment per destination made on or before `on` (the first of equal dates). */
function riskOn(list: RiskAssessment[] | undefined, on: IsoDate): RiskAssessment[] {
  if (!list || list.length === 0) return [];
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
export function buildSituation(facts: Facts, on: IsoDate): Situation {
  const person = shaped(blankPerson(), facts.person);
  const journey = shaped(blankJourney(), facts.journey);
  const context = shaped(blankContext(), facts.context);
  const memberState = facts.memberState;
  const application = facts.application === undefined ? null : shaped(blankApplication(), facts.application);
  const age = person.birthDate ? ageOn(person.birthDate, on) : person.age ?? null;
  const minor: Tri = age === null ? (person.unaccompaniedMinor ? true : null) : age < 18;
  const vulnerabilities = person.vulnerabilities;
  const crisis: Crisis[] = [];
  const crisisAll: Crisis[] = [];
  for (const c of context.crisisAuthorisations ?? []) {
    if (c.memberState !== memberState) continue;
    crisisAll.push(c);
    if (active(c.from, c.to, on)) crisis.push(c);
  }
  // Transits and stays keep their few shapes (at most four): V8 reads those as fast as one.
  const transits = journey.transits ?? [];
  const stays = journey.stays ?? [];
  const familyIn = journey.familyIn ?? [];
  const ties = journey.ties ?? [];
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
    designations: designationsOn(context.designations, memberState, on),
    readmission: readmissionOn(context.readmission, on),
    agreements: agreementsOn(context.agreements, on),
    recognitionRates: context.recognitionRates ?? [],
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

/** The latest yearly EU-wide recognition rate for a nationality published before `on`'s year: the context's entry, or `null`. */
export function latestRecognitionRate(s: Situation, nationality: string): { year: number; rate: number } | null {
  let best: Situation['recognitionRates'][number] | null = null;
  for (const r of s.recognitionRates) {
    if (r.nationality === nationality && r.year < s.year && (!best || r.year > best.year)) best = r;
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
