/**
 * @module law/situation
 * What every question reads: the facts, the regime that governs the application, derived facts (age,
 * minority, vulnerability) computed once, and the registry facts in force on the assessment date —
 * the registry defaults of `registry/defaults.yaml` with the assessment's own `context` added on top
 * (an entry with the same key replaces the default).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ageOn, type IsoDate } from '../src/rules/engine/dates.ts';
import { LAW_DIR } from './cite.ts';
import { ZContext, type Agreement, type Context, type Designation, type Facts } from './facts.ts';

/** The day the Pact's asylum procedure applies (Regulation (EU) 2024/1348 Art. 79(2)). */
export const PACT_DATE = '2026-06-12';
/** The earliest date the law package encodes: Directive 2013/32/EU applies to applications lodged after 20 July 2015 (Art. 52). */
export const EARLIEST_DATE = '2015-07-21';

export type Regime = 'apd-2013' | 'apr-2024';
export type Tri = boolean | null;

type RiskAssessment = NonNullable<Context['riskAssessments']>[number];
type Readmission = NonNullable<Context['readmission']>[number];
type Crisis = NonNullable<Context['crisisAuthorisations']>[number];

const ZRegistry = z.strictObject({
  readmission: z.array(z.strictObject({ country: z.string(), from: z.string(), status: z.enum(['suspended', 'cooperating', 'partial']), since: z.string(), source: z.string().url(), note: z.string().optional() })),
  agreements: z.array(z.strictObject({
    id: z.string(), kind: z.enum(['offshore-processing', 'return-hub', 'stc-arrangement', 'one-to-one', 'readmission']), partner: z.string(),
    memberStates: z.array(z.string()), from: z.string(), to: z.string().nullable(), legallyBinding: z.boolean().optional(),
    independentMonitoring: z.boolean().optional(), source: z.string().url(),
  })),
});

/** Registry defaults, read once. Every entry has a source (the schema requires it). */
export const REGISTRY = (() => {
  const raw = parse(readFileSync(join(LAW_DIR, 'registry', 'defaults.yaml'), 'utf8'), { uniqueKeys: true });
  const registry = ZRegistry.parse(raw);
  return {
    readmission: registry.readmission.map(({ note: _note, ...r }) => r as Readmission),
    agreements: registry.agreements as Agreement[],
  };
})();
void ZContext;

export interface Situation {
  on: IsoDate;
  facts: Facts;
  memberState: string;
  regime: Regime;
  /** Nationality, or former habitual residence for stateless persons (`null` if unknown). */
  origin: string | null;
  age: number | null;
  minor: Tri;
  unaccompanied: Tri;
  /** Any listed vulnerability; `null` when the list is missing (not known). */
  vulnerable: Tri;
  familyWithMinors: Tri;
  securityRisk: Tri;
  designations: Designation[];
  readmission: Readmission[];
  agreements: Agreement[];
  recognitionRates: NonNullable<Context['recognitionRates']>;
  crisis: Crisis[];
  /** Every crisis authorisation of the Member State, whatever its dates (derogations follow the application's dates). */
  crisisAll: Crisis[];
  risk: Map<string, RiskAssessment>;
  /** Countries of the journey, in the order transits, stays, family, ties, without repeats. */
  journeyCountries: string[];
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
  const made = facts.application?.madeOn ?? on;
  return made < PACT_DATE ? 'apd-2013' : 'apr-2024';
}

const readmissionKey = (r: Readmission) => `${r.country}<${r.from}`;
const agreementKey = (a: Agreement) => a.id;

/**
 * Registry entries with the assessment's own on top: an own entry with the same key replaces the
 * default in its place, new ones follow in their order. Without own entries, the defaults as they are.
 */
function withContext<T>(defaults: readonly T[], own: readonly T[] | undefined, key: (x: T) => string): readonly T[] {
  if (!own || own.length === 0) return defaults;
  const merged = [...defaults];
  const keys = merged.map(key);
  for (const x of own) {
    const k = key(x);
    const at = keys.indexOf(k);
    if (at >= 0) merged[at] = x;
    else {
      merged.push(x);
      keys.push(k);
    }
  }
  return merged;
}

/** The registry's defaults, one per key (the first place, the last entry, as merging them would leave them), computed once. */
const DEFAULT_READMISSION = withContext([], REGISTRY.readmission, readmissionKey);
const DEFAULT_AGREEMENTS = withContext([], REGISTRY.agreements, agreementKey);

function pushOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/** Countries of the journey, in the order transits, stays, family, ties, without repeats. */
function journeyCountries(facts: Facts): string[] {
  const journey = facts.journey;
  const out: string[] = [];
  if (!journey) return out;
  if (journey.transits) for (const t of journey.transits) pushOnce(out, t.country);
  if (journey.stays) for (const stay of journey.stays) pushOnce(out, stay.country);
  if (journey.familyIn) for (const country of journey.familyIn) pushOnce(out, country);
  if (journey.ties) for (const tie of journey.ties) pushOnce(out, tie.country);
  return out;
}

export function buildSituation(facts: Facts, on: IsoDate): Situation {
  const person = facts.person;
  const context = facts.context ?? {};
  const age = person.birthDate ? ageOn(person.birthDate, on) : person.age ?? null;
  const minor: Tri = age === null ? (person.unaccompaniedMinor ? true : null) : age < 18;
  const vulnerabilities = person.vulnerabilities;
  const readmission: Readmission[] = [];
  for (const r of withContext(DEFAULT_READMISSION, context.readmission, readmissionKey)) if (r.since <= on) readmission.push(r);
  const agreements: Agreement[] = [];
  for (const a of withContext(DEFAULT_AGREEMENTS, context.agreements, agreementKey)) if (active(a.from, a.to, on)) agreements.push(a);
  const designations: Designation[] = [];
  for (const d of context.designations ?? []) {
    if (active(d.from, d.to, on) && (d.level === 'eu' || !d.memberState || d.memberState === facts.memberState)) designations.push(d);
  }
  const crisis: Crisis[] = [];
  const crisisAll: Crisis[] = [];
  for (const c of context.crisisAuthorisations ?? []) {
    if (c.memberState !== facts.memberState) continue;
    crisisAll.push(c);
    if (active(c.from, c.to, on)) crisis.push(c);
  }
  const risk = new Map<string, RiskAssessment>();
  for (const r of context.riskAssessments ?? []) {
    if (r.on > on) continue;
    const current = risk.get(r.destination);
    if (!current || current.on < r.on) risk.set(r.destination, r);
  }
  return {
    on, facts, memberState: facts.memberState, regime: regimeOf(facts, on),
    origin: person.nationality === 'XX' ? person.formerHabitualResidence ?? null : person.nationality,
    age, minor,
    unaccompanied: person.unaccompaniedMinor ?? (minor === false ? false : null),
    vulnerable: vulnerabilities === undefined ? null : vulnerabilities.length > 0,
    familyWithMinors: person.inFamilyWithMinors ?? null,
    securityRisk: person.securityRisk ?? null,
    designations,
    readmission,
    agreements,
    recognitionRates: context.recognitionRates ?? [],
    crisis,
    crisisAll,
    risk,
    journeyCountries: journeyCountries(facts),
  };
}

/** The latest yearly EU-wide recognition rate for a nationality published before `on`'s year. */
export function latestRecognitionRate(s: Situation, nationality: string): { year: number; rate: number } | null {
  const year = Number(s.on.slice(0, 4));
  let best: Situation['recognitionRates'][number] | null = null;
  for (const r of s.recognitionRates) {
    if (r.nationality === nationality && r.year < year && (!best || r.year > best.year)) best = r;
  }
  return best ? { year: best.year, rate: best.rate } : null;
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
