/**
 * @module simulation/model/law-bridge
 * How a run asks the law engine: it builds each person's facts in DOMAIN.md's shape from the person's
 * attributes and calls the public `assess` with the registry in force (the baseline's registry facts,
 * with the scenario's designations, agreements and readmission statuses on top). The engine is a pure
 * function of facts and date, so persons whose facts are identical share one answer: the cache key
 * is built from exactly the values the facts are built from, nothing else. Dates are the simulated
 * days, except at the return stage, where the run works month by month (attempts on the first of a
 * month, the return decision dated the first of its month, the crossing the first of its month).
 *
 * What a run needs from an assessment is small: the outcomes of a few questions. Counterfactual
 * questions ("would the transfer be allowed without the real-risk finding? as an adult?") go through
 * the same path, so that a safeguard's effect is measured by the engine itself, never by reading its
 * reasons.
 */
import { assess } from '../../../law/assess.ts';
import type { Facts } from '../../../law/facts.ts';
import type { Outcome } from '../../../law/finding.ts';
import { LawRegistry, RateIndex, type RegistryFacts } from '../../../law/registry.ts';
import { returnHubUnderReturnRegulation } from '../law-overlay.ts';
import type { CompiledOverlay } from '../scenario/overlay.ts';
import type { ModelInputs } from './inputs.ts';

/** What a run reads from an assessment at lodging. */
export interface LodgingAnswer {
  stc: Outcome | null;
  subsequent: Outcome | null;
  accelerated: Outcome;
  borderAllowed: Outcome;
  borderMandatory: Outcome;
  /** Days from lodging to the end of the border procedure, when the engine gives the deadline. */
  borderDays: number | null;
}

/** What a run reads at the return stage. */
export interface ReturnAnswer {
  removal: Outcome;
  /** `return-hub-transfer` per hub agreement id (under the assumed law where the scenario assumes it). */
  hubs: Record<string, Outcome>;
  oneToOne: Outcome | null;
}

/** The attributes a person's facts are built from. Every field is part of the cache key. */
export interface FactSpec {
  on: string;
  memberState: string;
  nationality: string;
  minor: boolean;
  unaccompanied: boolean;
  family: boolean;
  vulnerable: boolean;
  female: boolean;
  transit: string | null;
  protection: boolean;
  /** Interception: date and area, or null (applied inland, or a return-stage question). */
  interception: string | null;
  sea: boolean;
  /** Application made on, or null (no application: found illegally present, or return stage). */
  madeOn: string | null;
  atBorder: boolean;
  subsequent: boolean;
  newElements: boolean;
  decisionKind: string | null;
  decisionOn: string | null;
  /** Individual risk assessments on record: `country:outcome` pairs, dated `on`. */
  risks: string;
}

/** A cache key for a spec built by hand (counterfactual questions). */
export function keyOf(s: FactSpec): string {
  return `${s.on}|${s.memberState}|${s.nationality}|${+s.minor}${+s.unaccompanied}${+s.family}${+s.vulnerable}${+s.female}|${s.transit}|${+s.protection}|${s.interception}|${+s.sea}|${s.madeOn}|${+s.atBorder}${+s.subsequent}${+s.newElements}|${s.decisionKind}|${s.decisionOn}|${s.risks}`;
}

/** DOMAIN.md facts from a spec. */
export function factsOf(s: FactSpec): Facts {
  const facts: Facts = {
    memberState: s.memberState,
    person: {
      nationality: s.nationality, age: s.minor ? 16 : 30, sex: s.female ? 'F' : 'M', unaccompaniedMinor: s.unaccompanied, inFamilyWithMinors: s.family,
      vulnerabilities: s.vulnerable ? ['serious-illness'] : [], securityRisk: false,
    },
  };
  if (s.transit || s.interception) {
    facts.journey = {};
    if (s.transit) facts.journey.transits = [{ country: s.transit, couldHaveSoughtProtection: s.protection }];
    if (s.interception) facts.journey.interception = { date: s.interception, area: s.sea ? 'international-waters' : 'land-border', byMemberStateAuthorities: true };
  }
  if (s.madeOn) {
    facts.application = { madeOn: s.madeOn, registeredOn: s.madeOn, lodgedOn: s.madeOn, atExternalBorder: s.atBorder, subsequent: s.subsequent };
    if (s.subsequent) facts.application.newElements = s.newElements;
  }
  if (s.decisionKind && s.decisionOn) facts.decision = { kind: s.decisionKind as NonNullable<Facts['decision']>['kind'], on: s.decisionOn };
  if (s.risks) {
    facts.context = {
      riskAssessments: s.risks.split(',').map((r) => {
        const [destination, outcome] = r.split(':') as [string, 'no-real-risk' | 'real-risk'];
        return { destination, on: s.on, outcome };
      }),
    };
  }
  return facts;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** The law engine, as a run asks it: one registry per readmission epoch and nationality, answers cached. */
export class LawBridge {
  /** Assessments made (cache misses) and answered from the cache, for the benchmark. */
  asked = 0;
  cached = 0;
  private readonly lodging = new Map<string, LodgingAnswer>();
  private readonly returning = new Map<string, ReturnAnswer>();
  private readonly appeals = new Map<string, Outcome>();
  private readonly registries = new Map<string, LawRegistry>();
  private readonly rates: RateIndex;
  private readonly hubAssumed: number;

  constructor(private readonly inputs: ModelInputs, private readonly overlay: CompiledOverlay, hubAssumedFromDay: number) {
    this.rates = new RateIndex(inputs.registry.recognitionRates ?? []);
    this.hubAssumed = hubAssumedFromDay;
  }

  /** Forgets cached answers (their keys carry dates that will not come again). */
  clear(): void {
    this.lodging.clear();
    this.returning.clear();
    this.appeals.clear();
  }

  private registry(day: number, nationality: string): LawRegistry {
    let epoch = 0;
    while (epoch < this.overlay.readmission.length && this.overlay.readmission[epoch]!.day <= day) epoch++;
    const extra = [...(this.inputs.registryByNationality[nationality] ?? []), ...(this.overlay.designationsByNationality[nationality] ?? [])];
    const key = `${epoch}|${extra.length ? nationality : ''}`;
    let registry = this.registries.get(key);
    if (!registry) {
      const base = this.inputs.registry;
      const readmission = [...(base.readmission ?? [])];
      for (const { entry } of this.overlay.readmission.slice(0, epoch)) {
        const at = readmission.findIndex((r) => r.country === entry.country && r.from === entry.from);
        if (at >= 0) readmission[at] = entry; else readmission.push(entry);
      }
      const facts: RegistryFacts = {
        designations: [...(base.designations ?? []), ...this.overlay.designations, ...extra],
        readmission, agreements: [...(base.agreements ?? []), ...this.overlay.agreements], crisisAuthorisations: base.crisisAuthorisations,
      };
      registry = new LawRegistry(facts, this.rates);
      this.registries.set(key, registry);
    }
    return registry;
  }

  /**
   * The procedure questions at lodging, on the run's day `day`. `key` must determine the facts
   * `build` makes (the caller builds it from the same attributes), so that `build` runs only when
   * the answer is not cached.
   */
  atLodging(key: string, build: () => FactSpec, day: number): LodgingAnswer {
    const hit = this.lodging.get(key);
    if (hit) { this.cached++; return hit; }
    this.asked++;
    const spec = build();
    const a = assess({ facts: factsOf(spec), on: spec.on, registry: this.registry(day, spec.nationality) });
    const answer: LodgingAnswer = { stc: null, subsequent: null, accelerated: 'no', borderAllowed: 'no', borderMandatory: 'no', borderDays: null };
    for (const f of a.findings) {
      if (f.question === 'stc-inadmissibility' && f.country === spec.transit) answer.stc = f.outcome;
      else if (f.question === 'subsequent-inadmissibility') answer.subsequent = f.outcome;
      else if (f.question === 'accelerated-procedure') answer.accelerated = f.outcome;
      else if (f.question === 'border-procedure-allowed') answer.borderAllowed = f.outcome;
      else if (f.question === 'border-procedure-mandatory') answer.borderMandatory = f.outcome;
    }
    const end = a.deadlines.find((d) => d.name === 'border-procedure-end');
    if (end) answer.borderDays = daysBetween(spec.on, end.date);
    this.lodging.set(key, answer);
    return answer;
  }

  /** Whether an appeal against a decision has automatic suspensive effect (`appeal-suspensive`); `key` as for {@link atLodging}. */
  appealSuspensive(key: string, build: () => FactSpec, day: number): Outcome {
    const hit = this.appeals.get(key);
    if (hit) { this.cached++; return hit; }
    this.asked++;
    const spec = build();
    const a = assess({ facts: factsOf(spec), on: spec.on, registry: this.registry(day, spec.nationality) });
    // The engine asks `appeal-suspensive` whenever a decision is in the facts.
    const outcome = a.findings.find((f) => f.question === 'appeal-suspensive')!.outcome;
    this.appeals.set(key, outcome);
    return outcome;
  }

  /** The movement questions at the return stage: removal to the country of origin, return hubs, 1:1; `key` as for {@link atLodging}. */
  atReturn(key: string, build: () => FactSpec, origin: string, day: number): ReturnAnswer {
    const hit = this.returning.get(key);
    if (hit) { this.cached++; return hit; }
    this.asked++;
    const spec = build();
    const facts = factsOf(spec);
    const registry = this.registry(day, spec.nationality);
    const a = assess({ facts, on: spec.on, registry });
    const answer: ReturnAnswer = { removal: 'no', hubs: {}, oneToOne: null };
    for (const f of a.findings) {
      if (f.question === 'removal' && f.country === origin) answer.removal = f.outcome;
      else if (f.question === 'return-hub-transfer' && f.agreement) answer.hubs[f.agreement] = f.outcome;
      else if (f.question === 'one-to-one-return' && f.agreement === 'eu-tr-statement') answer.oneToOne = f.outcome;
    }
    if (day >= this.hubAssumed) {
      for (const hub of this.overlay.hubs) answer.hubs[hub.id] = returnHubUnderReturnRegulation({ facts, on: spec.on, registry, agreement: hub.id });
    }
    this.returning.set(key, answer);
    return answer;
  }
}
