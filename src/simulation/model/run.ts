/**
 * @module simulation/model/run
 * One run of the pipeline, person by person, day by day:
 *
 * ```
 * departure ─▶ dead or missing on the route (IOM mortality × lever)
 *     └─▶ arrival ─▶ screening (7 days) ─▶ applies at the border │ moves on and applies elsewhere │ does not apply ─▶ return
 * inland application ─┐                                  │
 *                     ▼                                  ▼
 *           lodging: the law engine says which procedure (safe third country, subsequent, border — within the
 *           Member State's places —, accelerated, regular)
 *                     ▼
 *           first instance (caseworkers: decisions a day, border cases first, time limits) ─▶ protected
 *                     ▼ rejected / inadmissible
 *           appeal (suspensive or not, as the engine says) ─▶ protected
 *                     ▼
 *           safe third country (admissions a month, else the merits after a wait) │ return procedure
 * found illegally present ─▶ return procedure: voluntary period, then attempts within the Member State's
 *           monthly capacity — voluntary departure, or removal when the engine allows it and the country of
 *           origin accepts, else a return hub with a free place when the engine (or the scenario's assumed
 *           law) allows it, else later; absconding; a real risk bars removal (non-removable)
 * resettlement ─▶ protected
 * ```
 *
 * Every random draw is keyed by (run seed, person identity, purpose) (random.ts), and the order in
 * which persons are handled depends only on dates and queues, so a scenario that changes nothing
 * reproduces the baseline exactly, and a scenario run differs from its baseline only where its
 * changes reach.
 */
import type { Outcome } from '../../../law/finding.ts';
import { exponential, hash4, keyOf, pick, poisson, uniform } from '../random.ts';
import type { CompiledOverlay, Levers } from '../scenario/overlay.ts';
import { Accounts, type RunResult } from './accounts.ts';
import type { ModelInputs } from './inputs.ts';
import { keyOf as specKey, LawBridge, type FactSpec } from './law-bridge.ts';
import { Calendar, FLAG, Fifo, Population, PROCEDURE, PROCEDURE_NAMES, STATE, type State } from './population.ts';

/** Purposes of draws (the last word of a draw's key). */
const P = {
  COUNT: 1, DAY: 2, ARRIVAL_STATE: 3, DEPARTURE: 4, DEAD: 5, FEMALE: 6, MINOR: 7, UNACCOMPANIED: 8, FAMILY: 9, VULNERABLE: 10, APPLY: 11,
  FIRST_STATE: 12, DESTINATION: 13, ONWARD_DAYS: 14, PROTECTION: 15, RISK_TRANSIT: 16, RISK_ORIGIN: 17, RISK_HUB: 18, SUBSEQUENT: 19,
  NEW_ELEMENTS: 20, BORDER_USE: 21, RECOGNISED: 22, APPEALS: 23, APPEAL_WINS: 24, APPEAL_DAYS: 25, REMAIN: 26, VOLUNTARY: 27, ACCEPTED: 28,
  ABSCOND: 29, LODGED_BEFORE: 30, RESETTLE_STATE: 31,
} as const;

const BIRTH = { ARRIVAL: 0, INLAND: 1, IRREGULAR: 2, RESETTLEMENT: 3 } as const;
const DAYS_PER_MONTH = 365.25 / 12;
/** Days after a return decision before removal is attempted: the voluntary period (Return Directive Art. 7(1): 7 to 30 days) and a day. */
const VOLUNTARY_PERIOD = 31;
/** Days before an attempt is repeated when the country did not accept, and when the law barred it for a reason that may change. */
const RETRY_NOT_ACCEPTED = 90;
const RETRY_BARRED = 180;
const BACKLOG_SPREAD_DAYS = 365;
const UNKNOWN_TRANSIT = 255;
/** Days before the start whose dates are kept (the pending stock was lodged in the year before). */
const ISO_BEFORE = 800;
/** The flags a person's facts are built from. */
const LAW_FLAGS = FLAG.FEMALE | FLAG.MINOR | FLAG.UNACCOMPANIED | FLAG.FAMILY | FLAG.VULNERABLE | FLAG.AT_BORDER | FLAG.PROTECTION_EN_ROUTE | FLAG.SUBSEQUENT | FLAG.NEW_ELEMENTS;

export interface RunOptions {
  inputs: ModelInputs;
  overlay: CompiledOverlay;
  /** The run's seed (random.ts `runSeed(study seed, run)`). */
  seed: number;
}

export class Run {
  private readonly inputs: ModelInputs;
  private readonly overlay: CompiledOverlay;
  private readonly seed: number;
  private readonly days: number;
  private readonly monthStarts: number[];
  private readonly monthOfDay: Int16Array;
  /** ISO dates of days from -ISO_BEFORE to the horizon. */
  private readonly isoDays: Array<string | undefined>;
  private readonly startMs: number;
  private readonly pop: Population;
  private readonly events: Calendar;
  private readonly absconding: Calendar;
  private readonly acc: Accounts;
  private readonly law: LawBridge;
  private levers: Levers;
  private leverAt = 0;
  private month = 0;
  /** The last day whose events were taken from the calendar. */
  private drainedThrough = -1;
  private readonly countries: string[];
  private readonly countryIndex = new Map<string, number>();
  private readonly stcCandidates = new Set<string>();
  private readonly msCount: number;
  private readonly firstInstance: Fifo[];
  private readonly returnWaiting: Fifo[];
  private readonly returnRetry: Fifo[];
  private readonly returnActive: Fifo[];
  private readonly stcQueues = new Map<string, Fifo>();
  private readonly borderOccupied: Int32Array;
  private readonly hubOccupied = new Map<string, number>();
  /** The hub each person in one is in. */
  private readonly hubOf = new Map<number, string>();
  /** Per procedure: fewest days from lodging to a decision (from the levers). */
  private readonly minimumDays = new Float64Array(4);
  /** Per Member State × procedure: applications waiting for a first-instance decision. */
  private readonly pending: Int32Array;
  private readonly decisionBudget: Float64Array;
  private readonly returnBudget: Float64Array;
  private readonly stcBudget = new Map<string, number>();
  private births: number[][] = [];
  private readonly cellKeys: Record<'arrivals' | 'inland' | 'irregularStay' | 'resettlement', number[]>;
  private readonly resettleCumulative: number[];

  constructor({ inputs, overlay, seed }: RunOptions) {
    this.inputs = inputs;
    this.overlay = overlay;
    this.seed = seed;
    this.msCount = inputs.memberStates.length;
    this.startMs = Date.parse(`${inputs.start}T00:00:00Z`);
    this.monthStarts = Array.from({ length: inputs.months + 1 }, (_, i) => {
      const d = new Date(this.startMs);
      d.setUTCMonth(d.getUTCMonth() + i);
      return Math.round((d.getTime() - this.startMs) / 86_400_000);
    });
    this.days = this.monthStarts[inputs.months]!;
    this.monthOfDay = new Int16Array(this.days + 1);
    for (let m = 0; m < inputs.months; m++) this.monthOfDay.fill(m, this.monthStarts[m]!, this.monthStarts[m + 1]!);
    this.monthOfDay[this.days] = inputs.months - 1;
    this.isoDays = new Array<string | undefined>(ISO_BEFORE + this.days + 2);
    const expected = estimatePersons(inputs);
    this.pop = new Population(expected, this.msCount);
    this.events = new Calendar(this.days);
    this.absconding = new Calendar(this.days);
    this.acc = new Accounts(inputs.months, inputs.memberStates, PROCEDURE_NAMES);
    const assumedFrom = overlay.levers.findIndex((l) => l.lawAssumptions.includes('return-hubs-under-return-regulation'));
    this.law = new LawBridge(inputs, overlay, assumedFrom < 0 ? Number.POSITIVE_INFINITY : overlay.days[assumedFrom]!);
    this.levers = overlay.levers[0]!;
    this.countries = [...new Set([...inputs.routes.flatMap((r) => r.departures), ...overlay.hubs.map((h) => h.partner)])];
    this.countries.forEach((c, i) => this.countryIndex.set(c, i));
    for (const d of [...(inputs.registry.designations ?? []), ...overlay.designations, ...Object.values(overlay.designationsByNationality).flat(), ...Object.values(inputs.registryByNationality).flat()]) {
      if (d.kind === 'safe-third-country') this.stcCandidates.add(`${d.level === 'eu' ? '*' : d.memberState}|${d.country}`);
    }
    for (const a of [...(inputs.registry.agreements ?? []), ...overlay.agreements]) {
      if (a.kind === 'stc-arrangement') for (const ms of a.memberStates ?? inputs.memberStates) this.stcCandidates.add(`${ms}|${a.partner}`);
    }
    const fifos = (n: number) => Array.from({ length: n }, () => new Fifo());
    this.firstInstance = fifos(this.msCount * 4);
    this.returnWaiting = fifos(this.msCount);
    this.returnRetry = fifos(this.msCount);
    this.returnActive = fifos(this.msCount);
    this.borderOccupied = new Int32Array(this.msCount);
    this.pending = new Int32Array(this.msCount * 4);
    this.decisionBudget = new Float64Array(this.msCount);
    this.returnBudget = new Float64Array(this.msCount);
    const keys = (prefix: string, cells: ModelInputs['arrivals']) => cells.map((c) => keyOf(`${prefix}|${c.at}|${inputs.nationalities[c.nationality]}`));
    this.cellKeys = { arrivals: keys('arrival', inputs.arrivals), inland: keys('inland', inputs.inland), irregularStay: keys('irregular', inputs.irregularStay), resettlement: keys('resettle', inputs.resettlement) };
    const resettled = inputs.memberStates.map((_, m) => inputs.resettlement.filter((c) => c.at === m).reduce((a, c) => a + (c.perMonth[0] ?? 0), 0));
    let sum = 0;
    this.resettleCumulative = resettled.map((v) => (sum += v));
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────

  private iso(day: number): string {
    const i = day + ISO_BEFORE;
    let s = this.isoDays[i];
    if (s === undefined) {
      s = new Date(this.startMs + day * 86_400_000).toISOString().slice(0, 10);
      if (i >= 0 && i < this.isoDays.length) this.isoDays[i] = s;
    }
    return s;
  }

  /** The law-relevant attributes of `p` as a short key: its facts are built from exactly these (and the dates the caller adds). */
  private personKey(p: number, withArrival = true): string {
    const pop = this.pop;
    const f = pop.flags[p]!;
    return `${pop.memberState[p]}|${pop.nationality[p]}|${f & LAW_FLAGS}|${pop.transit[p]}|${pop.route[p]}|${withArrival && f & FLAG.AT_BORDER ? pop.arrived[p] : ''}`;
  }

  /** The first day of the month containing `day` (days before the start: their own month). */
  private monthStartOf(day: number): number {
    if (day >= 0 && day <= this.days) return this.monthStarts[this.monthOfDay[day]!]!;
    const d = new Date(this.startMs + day * 86_400_000);
    return Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - this.startMs) / 86_400_000);
  }

  private u(p: number, purpose: number, salt = 0): number {
    return uniform(this.seed, this.pop.key[p]!, this.pop.index[p]!, purpose + salt * 64);
  }

  private ms(p: number): string {
    return this.inputs.memberStates[this.pop.memberState[p]!]!;
  }

  private scaled(value: number): number {
    return value * this.inputs.scale;
  }

  private create(key: number, index: number, nationality: number, memberState: number, state: State): number {
    return this.pop.create(key, index, nationality, memberState, state);
  }

  /** Sex, age, family and vulnerability, drawn once (with the minor share of `minorShareState`). */
  private traits(p: number, minorShareState: number): void {
    const i = this.inputs;
    const par = this.levers.parameters;
    let f = 0;
    if (this.u(p, P.FEMALE) < i.femaleShare[this.pop.nationality[p]!]!) f |= FLAG.FEMALE;
    const minorShare = i.minorShare[minorShareState]!;
    if (this.u(p, P.MINOR) < minorShare) {
      f |= FLAG.MINOR;
      if (this.u(p, P.UNACCOMPANIED) < Math.min(1, par.unaccompaniedShare / minorShare)) f |= FLAG.UNACCOMPANIED; else f |= FLAG.FAMILY;
    } else if (this.u(p, P.FAMILY) < par.familyWithMinorsShare) f |= FLAG.FAMILY;
    if (this.u(p, P.VULNERABLE) < par.vulnerableShare) f |= FLAG.VULNERABLE;
    if (this.u(p, P.SUBSEQUENT) < par.subsequentShare) {
      f |= FLAG.SUBSEQUENT;
      if (this.u(p, P.NEW_ELEMENTS) < 0.5) f |= FLAG.NEW_ELEMENTS;
    }
    this.pop.flags[p]! |= f | FLAG.TRAITS;
  }

  private transitOf(p: number): string | null {
    const t = this.pop.transit[p]!;
    return t === UNKNOWN_TRANSIT ? null : this.countries[t]!;
  }

  private realRisk(p: number, country: string, purpose: number): boolean {
    const c = this.inputs.countries[country];
    const share = purpose === P.RISK_ORIGIN ? this.levers.parameters.originRealRisk : (c?.realRisk ?? 0.3);
    return this.u(p, purpose, this.countryIndex.get(country) ?? 63) < share;
  }

  private spec(p: number, day: number): FactSpec {
    const pop = this.pop;
    if (!pop.has(p, FLAG.TRAITS)) this.traits(p, pop.memberState[p]!);
    const transit = this.transitOf(p);
    const route = pop.route[p]!;
    return {
      on: this.iso(day), memberState: this.ms(p), nationality: this.inputs.nationalities[pop.nationality[p]!]!,
      minor: pop.has(p, FLAG.MINOR), unaccompanied: pop.has(p, FLAG.UNACCOMPANIED), family: pop.has(p, FLAG.FAMILY), vulnerable: pop.has(p, FLAG.VULNERABLE),
      female: pop.has(p, FLAG.FEMALE), transit, protection: pop.has(p, FLAG.PROTECTION_EN_ROUTE),
      interception: pop.has(p, FLAG.AT_BORDER) ? this.iso(pop.arrived[p]!) : null, sea: route !== 255 && this.inputs.routes[route]!.sea,
      madeOn: this.iso(day), atBorder: pop.has(p, FLAG.AT_BORDER), subsequent: pop.has(p, FLAG.SUBSEQUENT), newElements: pop.has(p, FLAG.NEW_ELEMENTS),
      decisionKind: null, decisionOn: null, risks: '',
    };
  }

  private withRisks(spec: FactSpec, risks: string): FactSpec {
    spec.risks = risks;
    return spec;
  }

  /** The facts when a first-instance decision of `kind` is taken on `day`. */
  private decisionSpec(p: number, day: number, kind: string): FactSpec {
    const spec = this.spec(p, day);
    spec.madeOn = this.iso(this.pop.lodged[p]!);
    spec.decisionKind = kind;
    spec.decisionOn = this.iso(day);
    return spec;
  }

  /**
   * A transfer or removal the law did not allow: if the engine would allow it for the same person
   * without the safeguards (no real-risk finding, an adult outside a family, not vulnerable), the
   * safeguards kept the person from it; each one that alone makes the difference is counted.
   */
  private attribute(transfer: string, p: number, spec: FactSpec, ask: (s: FactSpec) => Outcome | undefined): void {
    const noRisk = spec.risks.replace(/:real-risk/g, ':no-real-risk');
    const clear: FactSpec = { ...spec, minor: false, unaccompanied: false, family: false, vulnerable: false, risks: noRisk };
    if (ask(clear) !== 'yes') return;
    const ms = this.ms(p);
    let any = false;
    if (noRisk !== spec.risks && ask({ ...spec, risks: noRisk }) === 'yes') { this.acc.safeguard(transfer, 'non-refoulement', ms); any = true; }
    if ((spec.minor || spec.family) && ask({ ...spec, minor: false, unaccompanied: false, family: false }) === 'yes') { this.acc.safeguard(transfer, 'minors-and-families', ms); any = true; }
    if (spec.vulnerable && ask({ ...spec, vulnerable: false }) === 'yes') { this.acc.safeguard(transfer, 'vulnerable', ms); any = true; }
    if (!any) this.acc.safeguard(transfer, 'combined', ms);
  }

  /** Sets the one live event of `p` (any earlier one becomes stale); a day whose events were handled already becomes the next day. */
  private schedule(p: number, day: number): void {
    const d = Math.max(day, this.drainedThrough + 1);
    this.pop.eventDay[p] = d;
    this.events.add(p, d);
  }

  /** Queues `p` for a first-instance decision in `procedure`. */
  private enqueue(p: number, procedure: number): void {
    const m = this.pop.memberState[p]!;
    this.pop.procedure[p] = procedure;
    this.pending[m * 4 + procedure]!++;
    this.firstInstance[m * 4 + procedure]!.push(p);
  }

  // ── births ──────────────────────────────────────────────────────────────────────────────────────

  /** Draws the month's new persons (counts and days) into per-day lists. */
  private planMonth(m: number): void {
    const first = this.monthStarts[m]!;
    const length = this.monthStarts[m + 1]! - first;
    this.births = Array.from({ length }, () => []);
    const plan = (kind: number, cells: ModelInputs['arrivals'], keys: number[], factor: (c: ModelInputs['arrivals'][number]) => number) => {
      cells.forEach((c, i) => {
        const mean = this.scaled(c.perMonth[m]! * factor(c));
        if (mean <= 0) return;
        const key = hash4(keys[i]!, m, 0x6d6f6e74, kind);
        const n = poisson(mean, uniform(this.seed, key, 0x7fffffff, P.COUNT));
        for (let k = 0; k < n; k++) this.births[Math.floor(uniform(this.seed, key, k, P.DAY) * length)]!.push(kind, i, key, k);
      });
    };
    const l = this.levers;
    // Departures: arrivals ÷ (1 − mortality); each dies with the route's mortality × lever.
    plan(BIRTH.ARRIVAL, this.inputs.arrivals, this.cellKeys.arrivals, (c) => l.arrivalsFactor[c.at]! / (1 - this.inputs.routes[c.at]!.mortality));
    plan(BIRTH.INLAND, this.inputs.inland, this.cellKeys.inland, () => 1);
    plan(BIRTH.IRREGULAR, this.inputs.irregularStay, this.cellKeys.irregularStay, () => 1);
    plan(BIRTH.RESETTLEMENT, this.inputs.resettlement, this.cellKeys.resettlement, (c) => l.resettlementFactor[c.at]!);
  }

  private bornToday(day: number): void {
    const list = this.births[day - this.monthStarts[this.month]!]!;
    for (let j = 0; j < list.length; j += 4) {
      const [kind, cell, key, k] = [list[j]!, list[j + 1]!, list[j + 2]!, list[j + 3]!];
      if (kind === BIRTH.ARRIVAL) this.depart(cell, key, k, day);
      else if (kind === BIRTH.INLAND) {
        const c = this.inputs.inland[cell]!;
        const p = this.create(key, k, c.nationality, c.at, STATE.FIRST_INSTANCE);
        this.traits(p, c.at);
        this.pop.arrived[p] = day;
        this.lodge(p, day);
      } else if (kind === BIRTH.IRREGULAR) {
        const c = this.inputs.irregularStay[cell]!;
        // Their traits are drawn when the law is first asked about them (most abscond before).
        const p = this.create(key, k, c.nationality, c.at, STATE.RETURN_PENDING);
        this.pop.flags[p]! |= FLAG.IRREGULAR;
        this.pop.arrived[p] = day;
        this.acc.addIn('irregular-stay', this.pop.memberState[p]!, this.month);
        this.startReturn(p, day);
      } else {
        const c = this.inputs.resettlement[cell]!;
        const p = this.create(key, k, c.nationality, c.at, STATE.PROTECTED);
        this.pop.flags[p]! |= FLAG.RESETTLED;
        this.pop.arrived[p] = day;
        this.acc.addIn('resettled', this.pop.memberState[p]!, this.month);
      }
    }
  }

  /** One departure on a route: dead or missing on the way, or an arrival in a Member State, screened. */
  private depart(cell: number, key: number, k: number, day: number): void {
    const c = this.inputs.arrivals[cell]!;
    const route = this.inputs.routes[c.at]!;
    const arrivalState = route.arrivalStates[pick(route.arrivalCumulative, uniform(this.seed, key, k, P.ARRIVAL_STATE))]!;
    const mortality = Math.min(0.9, route.mortality * this.levers.mortalityFactor[c.at]!);
    const dies = uniform(this.seed, key, k, P.DEAD) < mortality;
    const p = this.create(key, k, c.nationality, arrivalState, dies ? STATE.DEAD : STATE.SCREENING);
    const pop = this.pop;
    pop.route[p] = c.at;
    pop.arrived[p] = day;
    if (route.departures.length) pop.transit[p] = this.countryIndex.get(route.departures[pick(route.departureCumulative, this.u(p, P.DEPARTURE))]!)!;
    if (dies) {
      this.acc.add('deaths', route.id, this.month);
      return;
    }
    this.acc.add('arrivals', route.id, this.month);
    this.acc.addIn('arrivals-in', this.pop.memberState[p]!, this.month);
    this.traits(p, arrivalState);
    const transit = this.transitOf(p);
    if (transit && this.u(p, P.PROTECTION) < (this.inputs.countries[transit]?.protection ?? 0)) pop.flags[p]! |= FLAG.PROTECTION_EN_ROUTE;
    this.schedule(p, day + Math.round(this.levers.parameters.screeningDays));
  }

  private endScreening(p: number, day: number): void {
    const pop = this.pop;
    const c = this.inputs.calibration;
    if (this.u(p, P.APPLY) >= c.applyShare) {
      pop.flags[p]! |= FLAG.IRREGULAR;
      pop.move(p, STATE.RETURN_PENDING);
      this.startReturn(p, day);
      return;
    }
    // Applies where they arrived — by choice of the first-state share, or because that is where the
    // nationality's applicants apply — or moves on to apply elsewhere.
    const destination = pick(this.inputs.destinations[pop.nationality[p]!]!, this.u(p, P.DESTINATION));
    if (this.u(p, P.FIRST_STATE) < c.firstStateShare || destination === pop.memberState[p]) {
      pop.flags[p]! |= FLAG.AT_BORDER;
      pop.move(p, STATE.FIRST_INSTANCE);
      this.lodge(p, day);
      return;
    }
    pop.move(p, STATE.ONWARD, destination);
    this.schedule(p, day + 1 + Math.round(exponential(this.levers.parameters.onwardDays, this.u(p, P.ONWARD_DAYS))));
  }

  // ── procedures ──────────────────────────────────────────────────────────────────────────────────

  /** Lodges the application of `p` (already in FIRST_INSTANCE, or moving there) and queues it in the procedure the law engine points to. */
  private lodge(p: number, day: number): void {
    const pop = this.pop;
    if (pop.state[p] !== STATE.FIRST_INSTANCE) pop.move(p, STATE.FIRST_INSTANCE);
    pop.lodged[p] = day;
    const m = pop.memberState[p]!;
    this.acc.addIn('applications', this.pop.memberState[p]!, this.month);
    if (!pop.has(p, FLAG.TRAITS)) this.traits(p, m);
    const transit = this.transitOf(p);
    const risk = transit ? (this.realRisk(p, transit, P.RISK_TRANSIT) ? 'real-risk' : 'no-real-risk') : '';
    const risks = transit ? `${transit}:${risk}` : '';
    const answer = this.law.atLodging(`${day}|${this.personKey(p)}|${risk}`, () => this.withRisks(this.spec(p, day), risks), day);
    let procedure: number = PROCEDURE.REGULAR;
    if (pop.has(p, FLAG.SUBSEQUENT) && answer.subsequent === 'yes') procedure = PROCEDURE.ADMISSIBILITY;
    else if (answer.stc === 'yes') procedure = PROCEDURE.ADMISSIBILITY;
    else {
      if (transit && (this.stcCandidates.has(`${this.ms(p)}|${transit}`) || this.stcCandidates.has(`*|${transit}`))) {
        this.attribute('safe-third-country', p, this.withRisks(this.spec(p, day), risks), (s) => this.law.atLodging(specKey(s), () => s, day).stc ?? undefined);
      }
      const wantsBorder = answer.borderMandatory === 'yes' || (answer.borderAllowed === 'yes' && this.u(p, P.BORDER_USE) < this.levers.parameters.borderProcedureUse);
      if (wantsBorder && this.borderOccupied[m]! < Math.round(this.scaled(this.levers.borderPlaces[m]!))) {
        procedure = PROCEDURE.BORDER;
        this.borderOccupied[m]!++;
        this.acc.maxIn('border-occupancy', m, this.month, this.borderOccupied[m]!);
        pop.due[p] = day + (answer.borderDays ?? 84);
        this.schedule(p, pop.due[p]!);
      } else {
        if (wantsBorder) this.acc.addIn('border-procedure-full', this.pop.memberState[p]!, this.month);
        if (answer.accelerated === 'yes') procedure = PROCEDURE.ACCELERATED;
      }
    }
    this.acc.addIn(`lodged-${PROCEDURE_NAMES[procedure]}`, this.pop.memberState[p]!, this.month);
    this.enqueue(p, procedure);
  }

  /** The border procedure's time limit passed without a decision: the applicant enters the territory, the application goes on in the regular procedure. */
  private borderTimeLimit(p: number): void {
    const pop = this.pop;
    const m = pop.memberState[p]!;
    this.borderOccupied[m]!--;
    this.pending[m * 4 + PROCEDURE.BORDER]!--;
    this.enqueue(p, PROCEDURE.REGULAR);
    this.acc.addIn('border-time-limit-passed', this.pop.memberState[p]!, this.month);
  }

  /** Today's first-instance decisions in every Member State: border cases first, then admissibility, accelerated, regular. */
  private decide(day: number): void {
    const pop = this.pop;
    const par = this.levers.parameters;
    this.minimumDays[PROCEDURE.BORDER] = par.borderMinimumDays;
    this.minimumDays[PROCEDURE.ADMISSIBILITY] = par.admissibilityMinimumDays;
    this.minimumDays[PROCEDURE.ACCELERATED] = par.acceleratedMinimumDays;
    this.minimumDays[PROCEDURE.REGULAR] = par.regularMinimumDays;
    for (let m = 0; m < this.msCount; m++) {
      this.decisionBudget[m]! += this.scaled(this.levers.decisionsPerMonth[m]!) / DAYS_PER_MONTH;
      this.acc.addIn('decision-capacity', m, this.month, this.scaled(this.levers.decisionsPerMonth[m]!) / DAYS_PER_MONTH);
      for (let q = 0; q < 4 && this.decisionBudget[m]! >= 1; q++) {
        const queue = this.firstInstance[m * 4 + q]!;
        const ready = day - this.minimumDays[q]!;
        while (this.decisionBudget[m]! >= 1) {
          const p = queue.peek();
          if (p < 0) break;
          // Entries left behind by a move to another procedure (border time limit) are skipped.
          if (pop.state[p] !== STATE.FIRST_INSTANCE || pop.procedure[p] !== q || pop.memberState[p] !== m) { queue.shift(); continue; }
          // The queue is in lodging order: when its head is not ready for a decision, nobody behind is.
          if (pop.lodged[p]! > ready) break;
          queue.shift();
          this.decisionBudget[m]! -= 1;
          this.firstInstanceDecision(p, day);
        }
      }
      // Capacity not used today is not saved up beyond a day's worth.
      this.decisionBudget[m] = Math.min(this.decisionBudget[m]!, 1 + this.scaled(this.levers.decisionsPerMonth[m]!) / DAYS_PER_MONTH);
    }
  }

  private firstInstanceDecision(p: number, day: number): void {
    const pop = this.pop;
    const q = pop.procedure[p]!;
    this.acc.addIn('decisions', this.pop.memberState[p]!, this.month);
    if (pop.lodged[p]! >= 0) this.acc.time(pop.memberState[p]!, q, day - pop.lodged[p]!);
    if (q === PROCEDURE.BORDER) this.borderOccupied[pop.memberState[p]!]!--;
    this.pending[pop.memberState[p]! * 4 + q]!--;
    pop.decided[p] = day;
    if (q !== PROCEDURE.ADMISSIBILITY && this.u(p, P.RECOGNISED) < this.inputs.recognition[pop.nationality[p]!]![pop.memberState[p]!]!) {
      pop.move(p, STATE.PROTECTED);
      this.acc.addIn('recognitions', this.pop.memberState[p]!, this.month);
      return;
    }
    this.acc.addIn('rejections', this.pop.memberState[p]!, this.month);
    const stc = q === PROCEDURE.ADMISSIBILITY && !pop.has(p, FLAG.SUBSEQUENT);
    const kind = q === PROCEDURE.ADMISSIBILITY ? (stc ? 'stc-inadmissibility' : 'subsequent-inadmissibility')
      : q === PROCEDURE.BORDER ? 'border-rejection' : q === PROCEDURE.ACCELERATED ? 'accelerated-rejection' : 'regular-rejection';
    if (this.u(p, P.APPEALS) < this.levers.parameters.appealShare) {
      const suspensive = this.law.appealSuspensive(`${day}|${pop.lodged[p]}|${kind}|${this.personKey(p)}`, () => this.decisionSpec(p, day, kind), day);
      const remains = suspensive === 'yes' || (suspensive === 'review' && this.u(p, P.REMAIN) < this.levers.parameters.remainGrantedShare);
      if (this.u(p, P.APPEAL_WINS) < this.levers.parameters.appealSuccess) pop.flags[p]! |= FLAG.APPEAL_WINS;
      pop.due[p] = day + 1 + Math.round(exponential(this.levers.parameters.appealDays, this.u(p, P.APPEAL_DAYS)));
      this.acc.addIn('appeals', this.pop.memberState[p]!, this.month);
      if (remains) {
        pop.move(p, STATE.APPEAL);
        this.schedule(p, pop.due[p]!);
        return;
      }
      pop.flags[p]! |= FLAG.APPEAL_PENDING;
      this.acc.addIn('appeals-without-suspensive-effect', this.pop.memberState[p]!, this.month);
    }
    this.afterRejection(p, day, stc);
  }

  /** After a final (or not suspended) rejection: the safe third country, or the return procedure. */
  private afterRejection(p: number, day: number, stc: boolean): void {
    const pop = this.pop;
    if (stc) {
      pop.move(p, STATE.STC_WAIT);
      pop.decided[p] = day;
      const partner = this.transitOf(p)!;
      let queue = this.stcQueues.get(partner);
      if (!queue) this.stcQueues.set(partner, (queue = new Fifo()));
      queue.push(p);
      this.schedule(p, pop.has(p, FLAG.APPEAL_PENDING) ? Math.min(pop.due[p]!, day + this.levers.parameters.stcAdmissionWaitDays) : day + this.levers.parameters.stcAdmissionWaitDays);
      return;
    }
    pop.move(p, STATE.RETURN_PENDING);
    this.startReturn(p, day);
  }

  private appealDecided(p: number, day: number): void {
    const pop = this.pop;
    this.acc.addIn('appeal-decisions', this.pop.memberState[p]!, this.month);
    if (pop.has(p, FLAG.APPEAL_WINS)) {
      pop.move(p, STATE.PROTECTED);
      this.acc.addIn('appeals-won', this.pop.memberState[p]!, this.month);
      return;
    }
    const stc = pop.procedure[p] === PROCEDURE.ADMISSIBILITY && !pop.has(p, FLAG.SUBSEQUENT);
    this.afterRejection(p, day, stc);
  }

  /** A pending appeal without suspensive effect was decided while the person waits for a transfer or return. */
  private pendingAppealDecided(p: number): boolean {
    const pop = this.pop;
    pop.flags[p]! &= ~FLAG.APPEAL_PENDING;
    this.acc.addIn('appeal-decisions', this.pop.memberState[p]!, this.month);
    if (!pop.has(p, FLAG.APPEAL_WINS)) return false;
    pop.move(p, STATE.PROTECTED);
    this.acc.addIn('appeals-won', this.pop.memberState[p]!, this.month);
    return true;
  }

  /** A person about to be moved out of the Union while an appeal that will succeed is pending. */
  private checkPendingAppeal(p: number, day: number): void {
    const pop = this.pop;
    if (pop.has(p, FLAG.APPEAL_PENDING) && pop.has(p, FLAG.APPEAL_WINS) && pop.due[p]! > day) this.acc.addIn('removed-before-winning-appeal', this.pop.memberState[p]!, this.month);
  }

  // ── safe third countries ────────────────────────────────────────────────────────────────────────

  private stcWaitEvent(p: number, day: number): void {
    const pop = this.pop;
    if (pop.has(p, FLAG.APPEAL_PENDING) && pop.due[p]! <= day) {
      if (this.pendingAppealDecided(p)) return;
    }
    const deadline = pop.decided[p]! + this.levers.parameters.stcAdmissionWaitDays;
    if (day >= deadline) {
      // The country did not admit the applicant in time: the application is examined on the merits (C-134/23).
      pop.move(p, STATE.FIRST_INSTANCE);
      this.enqueue(p, PROCEDURE.REGULAR);
      this.acc.addIn('stc-not-admitted', this.pop.memberState[p]!, this.month);
      return;
    }
    this.schedule(p, pop.has(p, FLAG.APPEAL_PENDING) ? Math.min(pop.due[p]!, deadline) : deadline);
  }

  /** Transfers to each safe third country within its admissions this month. */
  private stcAdmissions(day: number): void {
    for (const [partner, queue] of [...this.stcQueues].sort(([a], [b]) => a.localeCompare(b))) {
      const perMonth = this.scaled(this.levers.stcAdmissions[partner] ?? 0);
      this.acc.set('stc-admissions-capacity', partner, this.month, perMonth);
      const budget = (this.stcBudget.get(partner) ?? 0) + perMonth;
      let left = budget;
      while (left >= 1) {
        const p = queue.shift();
        if (p < 0) break;
        if (this.pop.state[p] !== STATE.STC_WAIT) continue;
        this.checkPendingAppeal(p, day);
        this.pop.move(p, STATE.TRANSFERRED_STC);
        this.acc.add('transfers-stc', partner, this.month);
        this.acc.addIn('transfers-stc-from', this.pop.memberState[p]!, this.month);
        left -= 1;
      }
      this.stcBudget.set(partner, Math.min(left, 1));
    }
  }

  // ── returns ─────────────────────────────────────────────────────────────────────────────────────

  /** Enters the return procedure (the person is in RETURN_PENDING): the return decision today, absconding drawn. */
  private startReturn(p: number, day: number): void {
    const pop = this.pop;
    pop.decided[p] = day;
    pop.ready[p] = day + VOLUNTARY_PERIOD;
    this.returnWaiting[pop.memberState[p]!]!.push(p);
    this.absconding.add(p, day + 1 + Math.round(exponential(DAYS_PER_MONTH / Math.max(1e-6, this.levers.parameters.abscondMonthly), this.u(p, P.ABSCOND))));
    if (pop.has(p, FLAG.APPEAL_PENDING)) this.schedule(p, pop.due[p]!);
  }

  /** This month's return attempts in every Member State. */
  private returns(day: number): void {
    const pop = this.pop;
    for (let m = 0; m < this.msCount; m++) {
      const active = this.returnActive[m]!;
      for (const waiting of [this.returnWaiting[m]!, this.returnRetry[m]!]) {
        // Queues are in order of readiness: move everyone ready by today.
        for (let p = waiting.peek(); p >= 0 && pop.ready[p]! <= day; p = waiting.peek()) {
          waiting.shift();
          if (pop.state[p] === STATE.RETURN_PENDING) active.push(p);
        }
      }
      const perMonth = this.scaled(this.levers.returnsPerMonth[m]!);
      this.acc.setIn('returns-capacity', m, this.month, perMonth);
      this.returnBudget[m]! += perMonth;
      while (this.returnBudget[m]! >= 1) {
        const p = active.shift();
        if (p < 0) break;
        if (pop.state[p] !== STATE.RETURN_PENDING) continue;
        if (this.attempt(p, day)) {
          this.returnBudget[m]! -= 1;
          this.acc.addIn('return-attempts', m, this.month);
        }
      }
      this.returnBudget[m] = Math.min(this.returnBudget[m]!, 1);
    }
  }

  /**
   * One return attempt; returns whether it used the authorities' capacity (an attempt the law bars
   * for the moment does not).
   */
  private attempt(p: number, day: number): boolean {
    const pop = this.pop;
    const m = pop.memberState[p]!;
    const par = this.levers.parameters;
    if (this.u(p, P.VOLUNTARY, this.month) < par.voluntaryShare) {
      this.checkPendingAppeal(p, day);
      pop.move(p, STATE.RETURNED);
      this.acc.addIn('returns', m, this.month);
      this.acc.addIn('returns-voluntary', m, this.month);
      return true;
    }
    const origin = this.inputs.nationalities[pop.nationality[p]!]!;
    const risks = this.returnRisks(p, origin);
    const crossed = pop.route[p] !== 255 ? this.monthStartOf(pop.arrived[p]!) : '';
    const answer = this.law.atReturn(`${day}|${this.monthStartOf(pop.decided[p]!)}|${crossed}|${this.personKey(p, false)}|${risks}`, () => this.returnSpec(p, day, risks), origin, day);
    if (answer.oneToOne === 'yes') {
      this.checkPendingAppeal(p, day);
      pop.move(p, STATE.RETURNED);
      this.acc.addIn('returns', this.pop.memberState[p]!, this.month);
      this.acc.addIn('returns-one-to-one', this.pop.memberState[p]!, this.month);
      this.resettleOneToOne(p, day);
      return true;
    }
    if (answer.removal === 'yes') {
      if (this.u(p, P.ACCEPTED, this.month) < par.readmissionAcceptance) {
        this.checkPendingAppeal(p, day);
        pop.move(p, STATE.RETURNED);
        this.acc.addIn('returns', this.pop.memberState[p]!, this.month);
        this.acc.addIn('returns-enforced', this.pop.memberState[p]!, this.month);
        return true;
      }
      if (!this.toHub(p, day, risks, origin, answer.hubs)) this.retry(p, day + RETRY_NOT_ACCEPTED, m);
      return true;
    }
    if (risks.includes(`${origin}:real-risk`)) {
      this.attribute('removal', p, this.returnSpec(p, day, risks), (s) => this.law.atReturn(specKey(s), () => s, origin, day).removal);
      pop.move(p, STATE.NON_REMOVABLE);
      this.acc.addIn('non-removable', this.pop.memberState[p]!, this.month);
      return false;
    }
    if (this.toHub(p, day, risks, origin, answer.hubs)) return true;
    this.retry(p, day + RETRY_BARRED, m);
    return false;
  }

  private retry(p: number, ready: number, m: number): void {
    this.pop.ready[p] = ready;
    this.returnRetry[m]!.push(p);
  }

  /** The individual risk assessments on record at the return stage: the country of origin, and each return hub's country. */
  private returnRisks(p: number, origin: string): string {
    const risks = [`${origin}:${this.realRisk(p, origin, P.RISK_ORIGIN) ? 'real-risk' : 'no-real-risk'}`];
    for (const hub of this.overlay.hubs) {
      if (hub.memberStates.includes(this.ms(p)) && hub.partner !== origin) risks.push(`${hub.partner}:${this.realRisk(p, hub.partner, P.RISK_HUB) ? 'real-risk' : 'no-real-risk'}`);
    }
    return risks.sort().join(',');
  }

  /** The return stage's facts: the return decision dated the first of its month, asked on the first of this month. */
  private returnSpec(p: number, day: number, risks: string): FactSpec {
    const pop = this.pop;
    const crossed = pop.route[p] !== 255 ? this.iso(this.monthStartOf(pop.arrived[p]!)) : null;
    return {
      ...this.spec(p, day), interception: crossed, madeOn: null, atBorder: false, subsequent: false, newElements: false,
      decisionKind: 'return-decision', decisionOn: this.iso(this.monthStartOf(pop.decided[p]!)), risks,
    };
  }

  /** A transfer to a return hub of the Member State with a free place, where the law (as assumed) allows it. */
  private toHub(p: number, day: number, risks: string, origin: string, hubs: Record<string, Outcome>): boolean {
    const ms = this.ms(p);
    for (const hub of this.overlay.hubs) {
      const places = Math.round(this.scaled(this.levers.hubPlaces[hub.id] ?? 0));
      if (places <= 0 || !hub.memberStates.includes(ms)) continue;
      const occupied = this.hubOccupied.get(hub.id) ?? 0;
      if (occupied >= places) { this.acc.add('return-hub-full', hub.id, this.month); continue; }
      if (hubs[hub.id] !== 'yes') {
        this.attribute('return-hub', p, this.returnSpec(p, day, risks), (s) => this.law.atReturn(specKey(s), () => s, origin, day).hubs[hub.id]);
        continue;
      }
      this.checkPendingAppeal(p, day);
      this.pop.move(p, STATE.IN_HUB);
      this.pop.due[p] = day + Math.round(this.levers.parameters.hubStayDays);
      this.schedule(p, this.pop.due[p]!);
      this.hubOccupied.set(hub.id, occupied + 1);
      this.acc.max('return-hub-occupancy', hub.id, this.month, occupied + 1);
      this.acc.add('return-hub-transfers', hub.id, this.month);
      this.acc.addIn('return-hub-transfers-from', this.pop.memberState[p]!, this.month);
      this.hubOf.set(p, hub.id);
      return true;
    }
    return false;
  }

  private leaveHub(p: number): void {
    const hub = this.hubOf.get(p)!;
    this.hubOf.delete(p);
    this.hubOccupied.set(hub, this.hubOccupied.get(hub)! - 1);
    this.pop.move(p, STATE.RETURNED_VIA_HUB);
    this.acc.addIn('returns', this.pop.memberState[p]!, this.month);
    this.acc.addIn('returns-via-hub', this.pop.memberState[p]!, this.month);
  }

  /** For each Syrian returned under the 1:1 mechanism, a Syrian is resettled from Türkiye (EU–Turkey Statement, point 2). */
  private resettleOneToOne(p: number, day: number): void {
    const state = pick(this.resettleCumulative, this.u(p, P.RESETTLE_STATE));
    const q = this.create(hash4(this.pop.key[p]!, 0x0101, 0, 0), this.pop.index[p]!, this.pop.nationality[p]!, state, STATE.PROTECTED);
    this.pop.flags[q]! |= FLAG.RESETTLED;
    this.pop.arrived[q] = day;
    this.acc.addIn('resettled-one-to-one', this.pop.memberState[q]!, this.month);
  }

  // ── the day and the month ───────────────────────────────────────────────────────────────────────

  private event(p: number, day: number): void {
    const pop = this.pop;
    switch (pop.state[p]) {
      case STATE.SCREENING: this.endScreening(p, day); break;
      case STATE.ONWARD: this.lodge(p, day); break;
      case STATE.FIRST_INSTANCE: if (pop.procedure[p] === PROCEDURE.BORDER && pop.due[p]! <= day) this.borderTimeLimit(p); break;
      case STATE.APPEAL: if (pop.due[p]! <= day) this.appealDecided(p, day); break;
      case STATE.STC_WAIT: this.stcWaitEvent(p, day); break;
      case STATE.RETURN_PENDING: if (pop.has(p, FLAG.APPEAL_PENDING) && pop.due[p]! <= day) this.pendingAppealDecided(p); break;
      case STATE.IN_HUB: if (pop.due[p]! <= day) this.leaveHub(p); break;
      default: break;
    }
  }

  private abscond(p: number): void {
    if (this.pop.state[p] !== STATE.RETURN_PENDING) return;
    this.pop.move(p, STATE.ABSCONDED);
    this.acc.addIn('absconded', this.pop.memberState[p]!, this.month);
  }

  /** Month-end stocks and capacities. */
  private closeMonth(m: number): void {
    const pop = this.pop;
    for (let i = 0; i < this.msCount; i++) {
      for (let q = 0; q < 4; q++) this.acc.setIn(`backlog-${PROCEDURE_NAMES[q]}`, i, m, this.pending[i * 4 + q]!);
      this.acc.setIn('border-places', i, m, Math.round(this.scaled(this.levers.borderPlaces[i]!)));
      this.acc.setIn('appeals-pending', i, m, pop.stockOf(STATE.APPEAL, i));
      this.acc.setIn('return-pending', i, m, pop.stockOf(STATE.RETURN_PENDING, i));
      this.acc.setIn('stc-waiting', i, m, pop.stockOf(STATE.STC_WAIT, i));
      this.acc.setIn('backlog', i, m, pop.stockOf(STATE.FIRST_INSTANCE, i));
      this.acc.setIn('protected', i, m, pop.stockOf(STATE.PROTECTED, i));
    }
    for (const hub of this.overlay.hubs) {
      this.acc.set('return-hub-places', hub.id, m, Math.round(this.scaled(this.levers.hubPlaces[hub.id] ?? 0)));
      this.acc.max('return-hub-occupancy', hub.id, m, this.hubOccupied.get(hub.id) ?? 0);
    }
  }

  /** Person-days in reception, border facilities and hubs, and the month's unit costs, per funding line. */
  private costsToday(): void {
    const pop = this.pop;
    const c = this.inputs.costs;
    let reception = 0;
    for (const s of [STATE.FIRST_INSTANCE, STATE.APPEAL, STATE.STC_WAIT, STATE.SCREENING]) reception += pop.stockOf(s);
    let border = 0;
    for (let m = 0; m < this.msCount; m++) border += this.borderOccupied[m]!;
    let hub = 0;
    for (const v of this.hubOccupied.values()) hub += v;
    this.cost('reception', (reception - border) * c.reception.eur);
    this.cost('borderFacility', border * c.borderFacility.eur);
    this.cost('hubStay', hub * c.hubStay.eur);
  }

  private cost(item: keyof ModelInputs['costs'], eur: number): void {
    if (eur === 0) return;
    for (const [line, share] of this.inputs.costs[item].funding) this.acc.add('cost', line, this.month, eur * share);
    this.acc.add('cost-item', item, this.month, eur);
  }

  /** Unit costs of the month's flows. */
  private monthlyCosts(m: number): void {
    const total = (metric: string) => {
      let n = 0;
      for (let i = 0; i < this.msCount; i++) n += this.acc.valueIn(metric, i, m);
      return n;
    };
    const c = this.inputs.costs;
    this.cost('firstInstance', total('decisions') * c.firstInstance.eur);
    this.cost('appeal', total('appeals') * c.appeal.eur);
    this.cost('voluntaryReturn', total('returns-voluntary') * c.voluntaryReturn.eur);
    this.cost('enforcedReturn', (total('returns-enforced') + total('returns-one-to-one') + total('return-hub-transfers-from')) * c.enforcedReturn.eur);
    this.cost('stcTransfer', total('transfers-stc-from') * c.stcTransfer.eur);
    this.cost('resettlement', (total('resettled') + total('resettled-one-to-one')) * c.resettlement.eur);
  }

  /** The pending stock at the start: applications at first instance (lodged in the year before) and on appeal. */
  private seedBacklog(): void {
    const pop = this.pop;
    const queued: number[][] = Array.from({ length: this.msCount }, () => []);
    this.inputs.backlog.forEach((cell) => {
      const key = keyOf(`backlog|${cell.at}|${this.inputs.nationalities[cell.nationality]}`);
      const first = poisson(this.scaled(cell.firstInstance), uniform(this.seed, key, 0x7fffffff, P.COUNT));
      const appeal = poisson(this.scaled(cell.appeal), uniform(this.seed, key, 0x7ffffffe, P.COUNT));
      for (let k = 0; k < first + appeal; k++) {
        const p = this.create(key, k, cell.nationality, cell.at, k < first ? STATE.FIRST_INSTANCE : STATE.APPEAL);
        this.traits(p, cell.at);
        pop.lodged[p] = -1 - Math.floor(this.u(p, P.LODGED_BEFORE) * BACKLOG_SPREAD_DAYS);
        pop.arrived[p] = pop.lodged[p]!;
        pop.procedure[p] = PROCEDURE.REGULAR;
        if (k < first) { queued[cell.at]!.push(p); this.pending[cell.at * 4 + PROCEDURE.REGULAR]!++; }
        else {
          if (this.u(p, P.APPEAL_WINS) < this.levers.parameters.appealSuccess) pop.flags[p]! |= FLAG.APPEAL_WINS;
          pop.due[p] = Math.round(exponential(this.levers.parameters.appealDays, this.u(p, P.APPEAL_DAYS)));
          this.schedule(p, pop.due[p]!);
        }
      }
    });
    queued.forEach((list, m) => {
      list.sort((a, b) => pop.lodged[a]! - pop.lodged[b]! || a - b);
      for (const p of list) this.firstInstance[m * 4 + PROCEDURE.REGULAR]!.push(p);
    });
  }

  /** Runs the whole horizon. */
  execute(onMonth?: (month: number) => void): RunResult {
    this.seedBacklog();
    for (let day = 0; day < this.days; day++) {
      while (this.leverAt + 1 < this.overlay.days.length && this.overlay.days[this.leverAt + 1]! <= day) this.levers = this.overlay.levers[++this.leverAt]!;
      const m = this.monthOfDay[day]!;
      if (day === this.monthStarts[m]) {
        if (m > 0) { this.monthlyCosts(m - 1); this.closeMonth(m - 1); onMonth?.(m - 1); }
        this.month = m;
        this.law.clear();
        this.planMonth(m);
        this.returns(day);
        this.stcAdmissions(day);
      }
      this.bornToday(day);
      this.drainedThrough = day;
      this.events.drain(day, (p) => { if (this.pop.eventDay[p] === day) this.event(p, day); });
      this.absconding.drain(day, (p) => this.abscond(p));
      this.decide(day);
      this.costsToday();
    }
    this.monthlyCosts(this.inputs.months - 1);
    this.closeMonth(this.inputs.months - 1);
    onMonth?.(this.inputs.months - 1);
    const months = this.monthStarts.slice(0, -1).map((d) => this.iso(d).slice(0, 7));
    return this.acc.result(this.seed, this.inputs.scale, months, this.pop, { asked: this.law.asked, cached: this.law.cached });
  }
}

/** A first guess of how many persons a run creates (arrays grow beyond it when needed). */
function estimatePersons(inputs: ModelInputs): number {
  let n = 0;
  for (const cells of [inputs.arrivals, inputs.inland, inputs.irregularStay, inputs.resettlement]) for (const c of cells) for (const v of c.perMonth) n += v;
  for (const b of inputs.backlog) n += b.firstInstance + b.appeal;
  return Math.ceil(n * inputs.scale * 1.15) + 1024;
}

/**
 * Runs one simulation.
 * @example const result = simulateRun({ inputs, overlay: compileOverlay(inputs, scenario), seed: runSeed(42, 0) });
 */
export function simulateRun(options: RunOptions, onMonth?: (month: number) => void): RunResult {
  return new Run(options).execute(onMonth);
}

