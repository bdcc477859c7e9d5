/**
 * @module simulation/model/build-inputs
 * The baseline a run starts from, built from the history and the calibration:
 * - arrivals per route and nationality: the Frontex months themselves (`observed`, for backtests), or
 *   the latest twelve months' level with each route's monthly seasonality (`forecast`);
 * - applications made inland: each Member State's applications by citizenship (Eurostat) over the
 *   level years, less those the arrivals already account for;
 * - persons found illegally present who did not apply (Eurostat migr_eipre), less the arrivals who did
 *   not apply; resettlement (UNHCR); the pending stock at the start (UNHCR asylum-seekers);
 * - recognition rates per Member State and nationality (UNHCR first-instance decisions, shrunk towards
 *   the EU-wide rate of the nationality), decision and return capacities (UNHCR decisions, Eurostat
 *   returns), appeal shares (UNHCR decisions at appeal);
 * - the law engine's registry facts, with the EU-wide recognition rates per nationality and year.
 * Nationalities that are not countries (unknown, `ASIA`) are spread over the known ones of the same
 * Member State in proportion; stateless persons are `XX`.
 */
import type { RegistryFacts } from '../../../law/registry.ts';
import type { History } from '../history/history.ts';
import type { Calibration, Cell, CostInput, ModelInputs, RouteInput } from './inputs.ts';
import {
  BORDER_PLACES, EU_BORDER_PLACES, MEMBER_STATES, OTHER_TRANSIT, PARAMETERS, PARAMETER_NAMES, ROUTES, TRANSIT_COUNTRIES, UNIT_COSTS,
  type CostItem, type FundingLine, type ParameterName,
} from './parameters.ts';

/** The registry facts a run's law engine starts from: common facts and designations made for some nationalities only. */
export interface RegistryInput {
  facts: RegistryFacts;
  byNationality?: Record<string, NonNullable<RegistryFacts['designations']>>;
}

export interface BuildInputsOptions {
  history: History;
  /** First day simulated, the first of a month (YYYY-MM-01). */
  start: string;
  months: number;
  scale?: number;
  /** `observed`: the Frontex months as they were (backtests); `forecast`: the latest level with seasonality. */
  arrivals: 'observed' | 'forecast';
  /** The last year whose figures may be used (the last training year of a backtest). */
  lastDataYear: number;
  calibration: Calibration;
  registry: RegistryInput;
}

const MS_INDEX = new Map<string, number>(MEMBER_STATES.map((m, i) => [m, i]));
const EU_SET = new Set<string>(MEMBER_STATES);
/** Recognition rates per Member State are shrunk towards the nationality's EU-wide rate with this many pseudo-decisions. */
const SHRINK = 20;
/** Fewer decisions than this in a year: no EU-wide rate for the law engine that year. */
const MIN_DECISIONS_FOR_RATE = 50;

/** A nationality code as the model keeps it: a country, `XX` for stateless, or null for unknown (to be spread). */
function nationalityOf(code: string): string | null {
  if (code === 'STLS') return 'XX';
  if (!/^[A-Z]{2}$/.test(code) || EU_SET.has(code)) return null;
  return code;
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Values keyed `ms|code` with unknown nationalities spread over the known ones of the same Member State. */
function spreadUnknown(rows: Iterable<[string, string, number]>): Map<string, number> {
  const known = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const [ms, code, value] of rows) {
    const nat = nationalityOf(code);
    if (nat === null) add(unknown, ms, value); else add(known, `${ms}|${nat}`, value);
  }
  const totals = new Map<string, number>();
  for (const [key, value] of known) add(totals, key.split('|')[0]!, value);
  for (const [key, value] of known) {
    const ms = key.split('|')[0]!;
    const extra = unknown.get(ms) ?? 0;
    if (extra > 0) known.set(key, value * (1 + extra / totals.get(ms)!));
  }
  return known;
}

/** Mean per year of a yearly table over `years` (years missing from the table are skipped). */
function levelOf(rows: ReadonlyArray<[number, string, string, number]>, years: number[]): Map<string, number> {
  const present = new Set(rows.map((r) => r[0]));
  const used = years.filter((y) => present.has(y));
  if (used.length === 0) return new Map();
  const wanted = new Set(used);
  const spread = spreadUnknown(rows.filter((r) => wanted.has(r[0])).map((r) => [r[1], r[2], r[3]] as [string, string, number]));
  for (const [key, value] of spread) spread.set(key, value / used.length);
  return spread;
}

/** The latest `count` years of a table up to `last` (fewer when the table is shorter). */
function latestYears(rows: ReadonlyArray<readonly [number, ...unknown[]]>, last: number, count: number): number[] {
  const years = [...new Set(rows.map((r) => r[0]))].filter((y) => y <= last).sort((a, b) => b - a);
  return years.slice(0, count);
}

const monthKey = (start: string, i: number) => {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + i);
  return d.toISOString().slice(0, 7);
};

/** Monthly seasonality per Frontex route: the mean ratio of a month to its year's monthly mean over complete years. */
function seasonality(history: History, lastYear: number): Map<string, number[]> {
  const byRouteYear = new Map<string, number[]>();
  for (const [month, route, , value] of history.frontex) {
    const year = Number(month.slice(0, 4));
    if (year < 2016 || year > lastYear) continue;
    const key = `${route}|${year}`;
    const months = byRouteYear.get(key) ?? new Array<number>(12).fill(0);
    months[Number(month.slice(5, 7)) - 1]! += value;
    byRouteYear.set(key, months);
  }
  const sums = new Map<string, { ratio: number[]; years: number }>();
  for (const [key, months] of byRouteYear) {
    const total = months.reduce((a, b) => a + b, 0);
    if (total < 120) continue;
    const route = key.split('|')[0]!;
    const entry = sums.get(route) ?? { ratio: new Array<number>(12).fill(0), years: 0 };
    months.forEach((v, i) => { entry.ratio[i]! += v / (total / 12); });
    entry.years++;
    sums.set(route, entry);
  }
  return new Map([...sums].map(([route, { ratio, years }]) => [route, ratio.map((r) => r / years)]));
}

/**
 * Builds the inputs of a run.
 * @example const inputs = buildInputs({ history, start: '2026-01-01', months: 12, arrivals: 'forecast', lastDataYear: 2025, calibration, registry });
 */
export function buildInputs({ history, start, months, scale = 1, arrivals: arrivalMode, lastDataYear, calibration, registry }: BuildInputsOptions): ModelInputs {
  const provenance: string[] = [];
  const startYear = Number(start.slice(0, 4));
  const levelYears = latestYears(history.applications, lastDataYear, calibration.levelYears);
  const applications = levelOf(history.applications, levelYears);
  provenance.push(`Applications (Eurostat migr_asyappctza) ${levelYears.join(', ')}: level of applications per Member State and citizenship.`);

  // Nationalities: every country seen in the tables the run draws people from.
  const natSet = new Set<string>(['XX']);
  for (const key of applications.keys()) natSet.add(key.split('|')[1]!);
  for (const [, , code] of history.frontex) { const n = nationalityOf(code); if (n) natSet.add(n); }
  for (const [, , code] of history.pending) { const n = nationalityOf(code); if (n) natSet.add(n); }
  for (const [, , code] of history.illegalStay) { const n = nationalityOf(code); if (n) natSet.add(n); }
  const nationalities = [...natSet].sort();
  const natIndex = new Map(nationalities.map((n, i) => [n, i]));

  // Where each nationality applies: shares over Member States.
  const euDistribution = new Array<number>(MEMBER_STATES.length).fill(0);
  const byNat = nationalities.map(() => new Array<number>(MEMBER_STATES.length).fill(0));
  for (const [key, value] of applications) {
    const [ms, nat] = key.split('|') as [string, string];
    byNat[natIndex.get(nat)!]![MS_INDEX.get(ms)!]! += value;
    euDistribution[MS_INDEX.get(ms)!]! += value;
  }
  const cumulative = (weights: number[]) => { let sum = 0; return weights.map((w) => (sum += w)); };
  const destinations = byNat.map((w) => cumulative(w.reduce((a, b) => a + b, 0) > 0 ? w : euDistribution));

  // Routes: geography, mortality over the level years.
  const fitFrontexYears = new Set(latestYears(history.frontex.map((r) => [Number(r[0].slice(0, 4))] as [number]), lastDataYear, 3));
  const detectedByRoute = new Map<string, number>();
  for (const [month, route, , value] of history.frontex) if (fitFrontexYears.has(Number(month.slice(0, 4)))) add(detectedByRoute, route, value);
  const deadByRoute = new Map<string, number>();
  for (const [month, route, value] of history.deaths) if (fitFrontexYears.has(Number(month.slice(0, 4)))) add(deadByRoute, route, value);
  const routes: RouteInput[] = ROUTES.map((r) => {
    const dead = r.iom ? deadByRoute.get(r.iom) ?? 0 : 0;
    const detected = detectedByRoute.get(r.frontex) ?? 0;
    return {
      id: r.id, sea: r.sea,
      arrivalStates: r.arrivals.value.map(([ms]) => MS_INDEX.get(ms)!), arrivalCumulative: cumulative(r.arrivals.value.map(([, s]) => s)),
      departures: r.departures.value.map(([c]) => c), departureCumulative: cumulative(r.departures.value.map(([, s]) => s)),
      mortality: dead + detected > 0 ? dead / (dead + detected) : 0,
    };
  });
  provenance.push(`Deaths and missing per route (IOM Missing Migrants) ÷ (Frontex detections + deaths), ${[...fitFrontexYears].sort().join(', ')}.`);

  // Arrivals per route and nationality, per simulated month.
  const routeIndex = new Map(ROUTES.map((r, i) => [r.frontex, i]));
  const frontexCells = new Map<string, Map<string, number>>();
  for (const [month, route, code, value] of history.frontex) {
    if (!routeIndex.has(route)) continue;
    const nat = nationalityOf(code) ?? '?';
    const key = `${route}|${nat}`;
    let months = frontexCells.get(key);
    if (!months) frontexCells.set(key, (months = new Map()));
    months.set(month, (months.get(month) ?? 0) + value);
  }
  const lastMonth = [...new Set(history.frontex.map((r) => r[0]))].filter((m) => Number(m.slice(0, 4)) <= lastDataYear).sort().pop() ?? `${lastDataYear}-12`;
  const lastTwelve = new Set(Array.from({ length: 12 }, (_, i) => monthKey(`${lastMonth}-01`, i - 11)));
  const season = seasonality(history, lastDataYear);
  const arrivals: Cell[] = [];
  const detectedPerYear = new Map<string, number>(); // `${route}|${nat}` → detections a year in the level used
  for (const [key, byMonth] of frontexCells) {
    const [route, nat] = key.split('|') as [string, string];
    const r = routeIndex.get(route)!;
    const perMonth = new Array<number>(months).fill(0);
    if (arrivalMode === 'observed') {
      for (let i = 0; i < months; i++) perMonth[i] = byMonth.get(monthKey(start, i)) ?? 0;
    } else {
      let level = 0;
      for (const m of lastTwelve) level += byMonth.get(m) ?? 0;
      const s = season.get(route) ?? new Array<number>(12).fill(1);
      for (let i = 0; i < months; i++) perMonth[i] = (level / 12) * s[Number(monthKey(start, i).slice(5, 7)) - 1]!;
    }
    let yearly = 0;
    for (const y of levelYears) for (let m = 1; m <= 12; m++) yearly += byMonth.get(`${y}-${String(m).padStart(2, '0')}`) ?? 0;
    detectedPerYear.set(key, levelYears.length ? yearly / levelYears.length : 0);
    arrivals.push({ at: r, nationality: natIndex.get(nat) ?? -1, perMonth });
  }
  // Detections of unknown nationality take the route's known mix.
  spreadUnknownArrivals(arrivals);
  provenance.push(arrivalMode === 'observed'
    ? 'Arrivals: Frontex detections per month, route and nationality, as observed.'
    : `Arrivals: Frontex detections in the twelve months to ${lastMonth}, per route and nationality, with each route's monthly seasonality over 2016–${lastDataYear}.`);

  // Applications the arrivals account for, per Member State and nationality (a year).
  const fromArrivals = new Map<string, number>();
  const notApplying = new Map<string, number>();
  for (const [key, perYear] of detectedPerYear) {
    const [route, nat] = key.split('|') as [string, string];
    const n = natIndex.get(nat);
    if (n === undefined) continue;
    const spec = ROUTES[routeIndex.get(route)!]!;
    const total = byNat[n]!.reduce((a, b) => a + b, 0);
    const dest = total > 0 ? byNat[n]! : euDistribution;
    const destTotal = dest.reduce((a, b) => a + b, 0);
    for (const [ms, share] of spec.arrivals.value) {
      add(fromArrivals, `${ms}|${nat}`, perYear * calibration.applyShare * calibration.firstStateShare * share);
      add(notApplying, `${ms}|${nat}`, perYear * (1 - calibration.applyShare) * share);
    }
    MEMBER_STATES.forEach((ms, i) => add(fromArrivals, `${ms}|${nat}`, perYear * calibration.applyShare * (1 - calibration.firstStateShare) * dest[i]! / destTotal));
  }
  const inland: Cell[] = [];
  for (const [key, value] of applications) {
    const [ms, nat] = key.split('|') as [string, string];
    const rest = value - (fromArrivals.get(key) ?? 0);
    if (rest > 0) inland.push({ at: MS_INDEX.get(ms)!, nationality: natIndex.get(nat)!, perMonth: new Array<number>(months).fill(rest / 12) });
  }

  const stayYears = latestYears(history.illegalStay, lastDataYear, calibration.levelYears);
  const irregularStay: Cell[] = [];
  for (const [key, value] of levelOf(history.illegalStay, stayYears)) {
    const [ms, nat] = key.split('|') as [string, string];
    const rest = value - (notApplying.get(key) ?? 0);
    const n = natIndex.get(nat);
    if (rest > 0 && n !== undefined) irregularStay.push({ at: MS_INDEX.get(ms)!, nationality: n, perMonth: new Array<number>(months).fill(rest / 12) });
  }
  provenance.push(`Persons found illegally present (Eurostat migr_eipre) ${stayYears.join(', ')}, less arrivals who did not apply.`);

  const resettleYears = latestYears(history.resettlement, lastDataYear, 1);
  const resettlement: Cell[] = [];
  for (const [key, value] of levelOf(history.resettlement, resettleYears)) {
    const [ms, nat] = key.split('|') as [string, string];
    const n = natIndex.get(nat);
    if (n !== undefined) resettlement.push({ at: MS_INDEX.get(ms)!, nationality: n, perMonth: new Array<number>(months).fill(value / 12) });
  }
  provenance.push(`Resettlement arrivals (UNHCR) ${resettleYears.join(', ')}.`);

  const pendingYear = latestYears(history.pending, Math.min(startYear - 1, lastDataYear), 1);
  const firstShare = PARAMETERS.initialFirstInstanceShare.value;
  const backlog: ModelInputs['backlog'] = [];
  for (const [key, value] of levelOf(history.pending, pendingYear)) {
    const [ms, nat] = key.split('|') as [string, string];
    const n = natIndex.get(nat);
    if (n !== undefined) backlog.push({ at: MS_INDEX.get(ms)!, nationality: n, firstInstance: value * firstShare, appeal: value * (1 - firstShare) });
  }
  provenance.push(`Pending asylum claims at the start (UNHCR asylum-seekers, end of ${pendingYear.join('')}), ${Math.round(firstShare * 100)} % at first instance.`);

  // Decisions: recognition, capacity, appeals.
  const decisionYears = latestYears(history.decisions, lastDataYear, 2);
  const decided = new Set(decisionYears);
  const lastDecisionYear = decisionYears[0];
  const firstPos = new Map<string, number>();
  const firstAll = new Map<string, number>();
  const euPos = new Map<string, number>();
  const euAll = new Map<string, number>();
  const capacity = new Array<number>(MEMBER_STATES.length).fill(0);
  let rejectedFirst = 0;
  let appealAll = 0;
  let appealPos = 0;
  for (const [year, ms, code, level, pos, rej] of history.decisions) {
    if (!decided.has(year)) continue;
    const nat = nationalityOf(code);
    if (level === 'FI') {
      if (nat) { add(firstPos, `${ms}|${nat}`, pos); add(firstAll, `${ms}|${nat}`, pos + rej); add(euPos, nat, pos); add(euAll, nat, pos + rej); }
      if (year === lastDecisionYear) capacity[MS_INDEX.get(ms)!]! += (pos + rej) / 12;
      rejectedFirst += rej;
    } else if (level === 'AR' || level === 'JR') {
      appealAll += pos + rej;
      appealPos += pos;
    }
  }
  const overall = [...euPos.values()].reduce((a, b) => a + b, 0) / Math.max(1, [...euAll.values()].reduce((a, b) => a + b, 0));
  const recognition = nationalities.map((nat) => {
    const eu = euAll.get(nat) ? (euPos.get(nat)! + SHRINK * overall) / (euAll.get(nat)! + SHRINK) : overall;
    return MEMBER_STATES.map((ms) => ((firstPos.get(`${ms}|${nat}`) ?? 0) + SHRINK * eu) / ((firstAll.get(`${ms}|${nat}`) ?? 0) + SHRINK));
  });
  provenance.push(`Recognition rates and decision capacity: UNHCR first-instance decisions ${decisionYears.join(', ')} (capacity: ${lastDecisionYear}).`);

  const parameters = Object.fromEntries(PARAMETER_NAMES.map((name) => [name, PARAMETERS[name].value])) as Record<ParameterName, number>;
  if (rejectedFirst > 0 && appealAll > 0) {
    parameters.appealShare = Math.min(0.9, Math.max(0.2, appealAll / rejectedFirst));
    parameters.appealSuccess = appealPos / appealAll;
    provenance.push(`Appeals: UNHCR decisions at administrative and judicial review ÷ first-instance rejections, ${decisionYears.join(', ')}.`);
  }

  const femaleTotals = new Map<string, number>();
  const allTotals = new Map<string, number>();
  const levelSet = new Set(levelYears);
  for (const [year, code, value] of history.femaleApplications) { const n = nationalityOf(code); if (n && levelSet.has(year)) add(femaleTotals, n, value); }
  for (const [key, value] of applications) add(allTotals, key.split('|')[1]!, value * levelYears.length);
  const femaleShare = nationalities.map((n) => (allTotals.get(n) ? Math.min(0.9, (femaleTotals.get(n) ?? 0) / allTotals.get(n)!) : 0.3));
  const minorYears = new Set(latestYears(history.minors, lastDataYear, 3));
  const under = new Array<number>(MEMBER_STATES.length).fill(0);
  const all = new Array<number>(MEMBER_STATES.length).fill(0);
  for (const [year, ms, u, t] of history.minors) if (minorYears.has(year)) { under[MS_INDEX.get(ms)!]! += u; all[MS_INDEX.get(ms)!]! += t; }
  const euMinor = under.reduce((a, b) => a + b, 0) / Math.max(1, all.reduce((a, b) => a + b, 0));
  const minorShare = MEMBER_STATES.map((_, i) => (all[i]! > 0 ? under[i]! / all[i]! : euMinor));

  const returnYears = latestYears(history.returns, lastDataYear, calibration.levelYears);
  const returned = new Array<number>(MEMBER_STATES.length).fill(0);
  for (const [key, value] of levelOf(history.returns, returnYears)) returned[MS_INDEX.get(key.split('|')[0]!)!]! += value;
  // Attempts a month such that the returns they achieve match the observed level: an attempt succeeds
  // when the person leaves voluntarily, or is removable and accepted by the country of origin.
  const success = parameters.voluntaryShare + (1 - parameters.voluntaryShare) * (1 - parameters.originRealRisk) * parameters.readmissionAcceptance;
  const returnsPerMonth = returned.map((r) => r / 12 / success);
  provenance.push(`Return capacity: returns to third countries (Eurostat migr_eirtn) ${returnYears.join(', ')} ÷ the share of attempts that succeed.`);

  const borderPlaces = borderPlacesOf(history);
  provenance.push('Border-procedure places: Commission Implementing Decision (EU) 2024/2150 (five Member States as reported; the rest of the 30,000 split by the Frontex key).');

  const countries: ModelInputs['countries'] = {};
  for (const [c, t] of Object.entries(TRANSIT_COUNTRIES)) countries[c] = { protection: t.protection.value, realRisk: t.realRisk.value };
  for (const r of routes) for (const c of r.departures) countries[c] ??= { protection: OTHER_TRANSIT.protection.value, realRisk: OTHER_TRANSIT.realRisk.value };

  const costs = Object.fromEntries(Object.entries(UNIT_COSTS).map(([item, c]) => [item, {
    eur: c.eur, funding: Object.entries(c.funding) as Array<[FundingLine, number]>,
  } satisfies CostInput])) as Record<CostItem, CostInput>;

  return {
    start, months, scale, memberStates: [...MEMBER_STATES], nationalities, routes, countries,
    arrivals: arrivals.filter((c) => c.nationality >= 0), inland, irregularStay, resettlement, backlog, destinations, recognition, femaleShare, minorShare,
    decisionsPerMonth: capacity, returnsPerMonth, borderPlaces, parameters, calibration, costs,
    registry: { ...registry.facts, recognitionRates: euRates(history, lastDataYear) },
    registryByNationality: registry.byNationality ?? {},
    provenance,
  };
}

/** Arrival cells of unknown nationality (`-1`) spread over the same route's known nationalities, month by month. */
function spreadUnknownArrivals(cells: Cell[]): void {
  const byRoute = new Map<number, Cell[]>();
  for (const c of cells) byRoute.set(c.at, [...(byRoute.get(c.at) ?? []), c]);
  for (const list of byRoute.values()) {
    const unknown = list.filter((c) => c.nationality < 0);
    const known = list.filter((c) => c.nationality >= 0);
    if (!unknown.length || !known.length) continue;
    const months = known[0]!.perMonth.length;
    for (let i = 0; i < months; i++) {
      const extra = unknown.reduce((a, c) => a + c.perMonth[i]!, 0);
      const total = known.reduce((a, c) => a + c.perMonth[i]!, 0);
      if (extra <= 0) continue;
      for (const c of known) c.perMonth[i] = total > 0 ? c.perMonth[i]! * (1 + extra / total) : extra / known.length;
    }
  }
}

/** EU-wide first-instance recognition rates per nationality and year, as the law engine reads them (`context.recognitionRates`). */
function euRates(history: History, lastDataYear: number): NonNullable<RegistryFacts['recognitionRates']> {
  const pos = new Map<string, number>();
  const all = new Map<string, number>();
  for (const [year, , code, level, p, r] of history.decisions) {
    const nat = nationalityOf(code);
    if (level !== 'FI' || !nat || year > lastDataYear || year < 2014) continue;
    add(pos, `${year}|${nat}`, p);
    add(all, `${year}|${nat}`, p + r);
  }
  return [...all].filter(([, n]) => n >= MIN_DECISIONS_FOR_RATE).map(([key, n]) => {
    const [year, nationality] = key.split('|') as [string, string];
    return { nationality, year: Number(year), rate: Math.round((pos.get(key)! / n) * 10_000) / 10_000 };
  }).sort((a, b) => a.nationality.localeCompare(b.nationality) || a.year - b.year);
}

/**
 * Border-procedure places per Member State: the figures reported from Implementing Decision (EU)
 * 2024/2150, and the rest of the Union's 30,000 split over the other Member States by their share of
 * first arrivals on the Frontex routes in 2021–2023.
 */
function borderPlacesOf(history: History): number[] {
  const known = BORDER_PLACES.value;
  const weight = new Array<number>(MEMBER_STATES.length).fill(0);
  const routeOf = new Map(ROUTES.map((r) => [r.frontex, r]));
  for (const [month, route, , value] of history.frontex) {
    const year = Number(month.slice(0, 4));
    const spec = routeOf.get(route);
    if (year < 2021 || year > 2023 || !spec) continue;
    for (const [ms, share] of spec.arrivals.value) if (!(ms in known)) weight[MS_INDEX.get(ms)!]! += value * share;
  }
  const rest = EU_BORDER_PLACES - Object.values(known).reduce((a, b) => a + b, 0);
  const total = weight.reduce((a, b) => a + b, 0);
  return MEMBER_STATES.map((ms, i) => known[ms] ?? (total > 0 ? Math.round((rest * weight[i]!) / total) : 0));
}
