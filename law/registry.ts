/**
 * @module law/registry
 * The dated facts an assessment takes from the registries when its own `context` does not give them:
 * designations, readmission cooperation, agreements, crisis authorisations and EU-wide recognition
 * rates, in the shapes of DOMAIN.md's `context`. The law package knows nothing of where they are kept:
 * the product builds a {@link LawRegistry} from its database (registries and statistics) and passes it
 * to `assess`; without one, the package's own `registry/defaults.yaml` serves (tests, the benchmark,
 * the CLI without a database).
 *
 * Built once per snapshot and shared by every assessment on it, so the lookups an assessment makes are
 * cheap: readmission and agreements in force are precomputed per period between change dates,
 * designations and crisis authorisations are grouped per Member State, and recognition rates are
 * indexed per nationality.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { addDays, type IsoDate } from '../src/rules/engine/dates.ts';
import { LAW_DIR } from './cite.ts';
import { ZContext, type Agreement, type Context, type Designation } from './facts.ts';

export type Readmission = NonNullable<Context['readmission']>[number];
export type Crisis = NonNullable<Context['crisisAuthorisations']>[number];
export type RecognitionRate = NonNullable<Context['recognitionRates']>[number];
/** `T` with every field present, `undefined` where the facts left it out. */
export type Shaped<T> = { [K in keyof Required<T>]: T[K] };
export type AgreementFacts = Shaped<Agreement>;
export type DesignationFacts = Shaped<Designation>;

/** The registry facts, as DOMAIN.md's `context` names them. */
export type RegistryFacts = Pick<Context, 'designations' | 'readmission' | 'agreements' | 'crisisAuthorisations' | 'recognitionRates'>;

const blankDesignation = (): DesignationFacts => ({ country: '', kind: 'safe-country-of-origin', level: 'eu', memberState: undefined, from: '', to: undefined,
  exceptions: undefined, source: undefined, suspensions: undefined });
const blankAgreement = (): AgreementFacts => ({ id: '', kind: 'readmission', partner: '', memberStates: undefined, from: '', to: undefined,
  legallyBinding: undefined, independentMonitoring: undefined, source: undefined });

/** A designation in the one shape the questions read. */
export function shapedDesignation(d: Designation): DesignationFacts {
  return Object.assign(blankDesignation(), d);
}

/** An agreement in the one shape the questions read. */
export function shapedAgreement(a: Agreement): AgreementFacts {
  return Object.assign(blankAgreement(), a);
}

/** A readmission entry in the one shape the questions read. */
export function shapedReadmission(r: Readmission): Readmission {
  return { country: r.country, from: r.from, status: r.status, since: r.since, source: r.source };
}

export function active(from: string, to: string | null | undefined, on: IsoDate): boolean {
  return from <= on && (to == null || on <= to);
}

/**
 * Registry entries with the assessment's own on top: an own entry with the same key replaces the
 * default in its place, new ones follow in their order. Without own entries, the defaults as they are.
 */
export function withContext<T>(defaults: readonly T[], own: readonly T[], sameKey: (a: T, b: T) => boolean): readonly T[] {
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

export const sameReadmission = (a: Readmission, b: Readmission) => a.country === b.country && a.from === b.from;
export const sameAgreement = (a: AgreementFacts, b: AgreementFacts) => a.id === b.id;
export const sameDesignation = (a: DesignationFacts, b: DesignationFacts) =>
  a.country === b.country && a.kind === b.kind && a.level === b.level && a.memberState === b.memberState && a.from === b.from;
export const sameCrisis = (a: Crisis, b: Crisis) => a.memberState === b.memberState && a.kind === b.kind && a.from === b.from;

/** The readmission entries and agreements in force from `from` until the next period. */
interface Period {
  from: IsoDate;
  readmission: readonly Readmission[];
  agreements: readonly AgreementFacts[];
}

const NO_DESIGNATIONS: readonly DesignationFacts[] = [];
const NO_CRISES: readonly Crisis[] = [];
const NO_RATES: readonly RecognitionRate[] = [];

/**
 * One snapshot of the registries, indexed for assessments.
 * @example const registry = new LawRegistry({ readmission: [...], recognitionRates: [...] }); assess({ facts, on, registry });
 */
export class LawRegistry {
  /** One entry per key (the first place, the last entry, as merging them would leave them). */
  readonly readmission: readonly Readmission[];
  readonly agreements: readonly AgreementFacts[];
  private readonly periods: readonly Period[];
  private readonly designationsByState = new Map<string, readonly DesignationFacts[]>();
  /** The EU-level designations and those of the Member State, in that order, per Member State once asked. */
  private readonly designationsInState = new Map<string, readonly DesignationFacts[]>();
  private readonly crisesByState = new Map<string, readonly Crisis[]>();
  private readonly rates: RateIndex;

  /** `rates`, when given, is a shared index of recognition rates used instead of `facts.recognitionRates`. */
  constructor(facts: RegistryFacts, rates?: RateIndex) {
    this.readmission = withContext([], (facts.readmission ?? []).map(shapedReadmission), sameReadmission);
    // Ordered by id, so that findings per agreement come in the same order whatever the source's order.
    this.agreements = [...withContext([], (facts.agreements ?? []).map(shapedAgreement), sameAgreement)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.periods = periodsOf(this.readmission, this.agreements);
    const designations = withContext([], (facts.designations ?? []).map(shapedDesignation), sameDesignation);
    // EU-level designations apply in every Member State: they are kept under '' and added to each.
    for (const d of designations) group(this.designationsByState, d.level === 'eu' || !d.memberState ? '' : d.memberState, d);
    for (const c of withContext([], facts.crisisAuthorisations ?? [], sameCrisis)) group(this.crisesByState, c.memberState, c);
    this.rates = rates ?? new RateIndex(facts.recognitionRates ?? NO_RATES);
  }

  /** Readmission entries and agreements in force on `on`. */
  periodOn(on: IsoDate): Period {
    for (let k = this.periods.length - 1; k > 0; k--) if (this.periods[k]!.from <= on) return this.periods[k]!;
    return this.periods[0]!;
  }

  /** Designations that may apply in `memberState` (EU-level ones first), whatever their dates. */
  designationsFor(memberState: string): readonly DesignationFacts[] {
    let list = this.designationsInState.get(memberState);
    if (!list) {
      list = [...(this.designationsByState.get('') ?? NO_DESIGNATIONS), ...(this.designationsByState.get(memberState) ?? NO_DESIGNATIONS)];
      this.designationsInState.set(memberState, list);
    }
    return list;
  }

  /** Every crisis authorisation of `memberState`, whatever its dates. */
  crisesOf(memberState: string): readonly Crisis[] {
    return this.crisesByState.get(memberState) ?? NO_CRISES;
  }

  /** Every recognition rate known for `nationality`. */
  ratesOf(nationality: string): readonly RecognitionRate[] {
    return this.rates.of(nationality);
  }
}

/** EU-wide recognition rates indexed by nationality; build once per series and share between registries. */
export class RateIndex {
  private readonly byNationality = new Map<string, readonly RecognitionRate[]>();

  constructor(rates: readonly RecognitionRate[]) {
    for (const r of rates) group(this.byNationality, r.nationality, r);
  }

  of(nationality: string): readonly RecognitionRate[] {
    return this.byNationality.get(nationality) ?? NO_RATES;
  }
}

function group<T>(map: Map<string, readonly T[]>, key: string, item: T): void {
  const list = map.get(key) as T[] | undefined;
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** Which readmission entries and agreements are in force changes only on the days one starts or ends. */
function periodsOf(readmission: readonly Readmission[], agreements: readonly AgreementFacts[]): Period[] {
  const starts = new Set<IsoDate>(['0000-01-01']);
  for (const r of readmission) starts.add(r.since);
  for (const a of agreements) {
    starts.add(a.from);
    if (a.to != null) starts.add(addDays(a.to, 1));
  }
  return [...starts].sort().map((from) => ({
    from,
    readmission: readmission.filter((r) => r.since <= from),
    agreements: agreements.filter((a) => active(a.from, a.to, from)),
  }));
}

/** The law package's own registry facts (`registry/defaults.yaml`), each with its source, read once. */
export const DEFAULT_REGISTRY = (() => {
  const raw = parse(readFileSync(join(LAW_DIR, 'registry', 'defaults.yaml'), 'utf8'), { uniqueKeys: true }) as Record<string, unknown>;
  // The file's entries are context entries with a `note` for readers; the notes are dropped.
  const strip = (list: unknown) => (Array.isArray(list) ? list.map(({ note: _note, ...rest }) => rest) : list);
  const facts = ZContext.pick({ readmission: true, agreements: true }).strict().parse({ readmission: strip(raw.readmission), agreements: strip(raw.agreements) });
  for (const entry of [...(facts.readmission ?? []), ...(facts.agreements ?? [])]) {
    if (!entry.source) throw new Error(`law/registry/defaults.yaml: every entry needs a source (${JSON.stringify(entry)})`);
  }
  return new LawRegistry(facts);
})();
