/**
 * @module simulation/scenario/overlay
 * Compiles a scenario's changes, over a run's baseline inputs, into what the run reads: the levers in
 * force from each day a change takes effect (parameters, capacities, arrival and mortality factors,
 * assumed readings of the law), and the registry entries the law engine reads besides the baseline's
 * (designations and agreements with their own dates; readmission statuses, which replace the
 * baseline's entry for the same country and Member State, from their day). The baseline is never
 * modified: every lever set is a copy. A scenario with no changes compiles to the baseline's levers
 * alone, which is why it reproduces the baseline run exactly.
 */
import type { RegistryFacts } from '../../../law/registry.ts';
import type { ModelInputs } from '../model/inputs.ts';
import type { ParameterName } from '../model/parameters.ts';
import type { Change, Scenario } from './schema.ts';

type Designation = NonNullable<RegistryFacts['designations']>[number];
type Agreement = NonNullable<RegistryFacts['agreements']>[number];
type Readmission = NonNullable<RegistryFacts['readmission']>[number];

export interface Levers {
  parameters: Record<ParameterName, number>;
  /** Per Member State. */
  borderPlaces: number[];
  decisionsPerMonth: number[];
  returnsPerMonth: number[];
  resettlementFactor: number[];
  /** Places per return-hub agreement id. */
  hubPlaces: Record<string, number>;
  /** Admissions a month per safe third country. */
  stcAdmissions: Record<string, number>;
  /** Per route. */
  arrivalsFactor: number[];
  mortalityFactor: number[];
  /** Assumed readings of the law in force (law-overlay.ts). */
  lawAssumptions: string[];
}

export interface CompiledOverlay {
  /** Days (0 = the run's first day) from which `levers[k]` applies; `days[0]` is 0. */
  days: number[];
  levers: Levers[];
  /** Registry entries added to the baseline's, with their own dates. */
  designations: Designation[];
  designationsByNationality: Record<string, Designation[]>;
  agreements: Agreement[];
  /** Readmission statuses that replace the baseline's from `day`. */
  readmission: Array<{ day: number; entry: Readmission }>;
  /** Every return-hub agreement a run may transfer to: the scenario's and the registry's. */
  hubs: Array<{ id: string; partner: string; memberStates: string[] }>;
}

/** Days from `start` to `date` (negative before). */
export function dayOf(start: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

const sourceText = (c: Change) => ('url' in c.source ? c.source.url : `assumption: ${c.source.assumption}`);

function baseLevers(inputs: ModelInputs): Levers {
  return {
    parameters: { ...inputs.parameters },
    borderPlaces: [...inputs.borderPlaces],
    decisionsPerMonth: [...inputs.decisionsPerMonth],
    returnsPerMonth: [...inputs.returnsPerMonth],
    resettlementFactor: inputs.memberStates.map(() => 1),
    hubPlaces: {},
    stcAdmissions: {},
    arrivalsFactor: inputs.routes.map(() => 1),
    mortalityFactor: inputs.routes.map(() => 1),
    lawAssumptions: [],
  };
}

function copy(l: Levers): Levers {
  return {
    parameters: { ...l.parameters }, borderPlaces: [...l.borderPlaces], decisionsPerMonth: [...l.decisionsPerMonth], returnsPerMonth: [...l.returnsPerMonth],
    resettlementFactor: [...l.resettlementFactor], hubPlaces: { ...l.hubPlaces }, stcAdmissions: { ...l.stcAdmissions },
    arrivalsFactor: [...l.arrivalsFactor], mortalityFactor: [...l.mortalityFactor], lawAssumptions: [...l.lawAssumptions],
  };
}

/** Applies one change to `l`; capacities given as a factor multiply the baseline's value. */
function apply(l: Levers, base: Levers, c: Change, inputs: ModelInputs): void {
  const states = (ms: string | undefined) => (ms ? [inputs.memberStates.indexOf(ms)] : inputs.memberStates.map((_, i) => i));
  const routes = (route: string) => (route === 'all' ? inputs.routes.map((_, i) => i) : [inputs.routes.findIndex((r) => r.id === route)]);
  switch (c.kind) {
    case 'parameter': l.parameters[c.name as ParameterName] = c.value; break;
    case 'arrivals': for (const r of routes(c.route)) l.arrivalsFactor[r] = c.factor; break;
    case 'mortality': for (const r of routes(c.route)) l.mortalityFactor[r] = c.factor; break;
    case 'law-assumption': if (!l.lawAssumptions.includes(c.assumption)) l.lawAssumptions.push(c.assumption); break;
    case 'capacity': {
      const set = (target: number[], from: number[], value: number | undefined) => {
        for (const i of states(c.memberState)) target[i] = c.factor !== undefined ? from[i]! * c.factor : value!;
      };
      if (c.resource === 'border-procedure') set(l.borderPlaces, base.borderPlaces, c.places);
      if (c.resource === 'first-instance') set(l.decisionsPerMonth, base.decisionsPerMonth, c.perMonth);
      if (c.resource === 'returns') set(l.returnsPerMonth, base.returnsPerMonth, c.perMonth);
      if (c.resource === 'resettlement') {
        for (const i of states(c.memberState)) {
          const baseline = inputs.resettlement.filter((x) => x.at === i).reduce((a, x) => a + (x.perMonth[0] ?? 0), 0);
          l.resettlementFactor[i] = c.factor ?? (baseline > 0 ? c.perMonth! / baseline : 0);
        }
      }
      if (c.resource === 'return-hub') l.hubPlaces[c.agreement!] = c.factor !== undefined ? (base.hubPlaces[c.agreement!] ?? 0) * c.factor : c.places!;
      if (c.resource === 'stc-admissions') l.stcAdmissions[c.partner!] = c.factor !== undefined ? (base.stcAdmissions[c.partner!] ?? 0) * c.factor : c.perMonth!;
      break;
    }
    default: break;
  }
}

/**
 * Compiles `scenario` over `inputs` (the same inputs as the baseline run).
 * @example const overlay = compileOverlay(inputs, { id: 'baseline', title: 'Baseline', changes: [] }); overlay.levers.length // 1
 */
export function compileOverlay(inputs: ModelInputs, scenario: Pick<Scenario, 'changes'>): CompiledOverlay {
  const base = baseLevers(inputs);
  const leverChanges = scenario.changes.filter((c) => c.kind !== 'designation' && c.kind !== 'agreement' && c.kind !== 'readmission');
  const days = [...new Set([0, ...leverChanges.map((c) => Math.max(0, dayOf(inputs.start, c.from)))])].sort((a, b) => a - b);
  const levers = days.map((day) => {
    const l = copy(base);
    for (const c of leverChanges) if (Math.max(0, dayOf(inputs.start, c.from)) <= day) apply(l, base, c, inputs);
    return l;
  });
  const designations: Designation[] = [];
  const designationsByNationality: Record<string, Designation[]> = {};
  const agreements: Agreement[] = [];
  const readmission: CompiledOverlay['readmission'] = [];
  for (const c of scenario.changes) {
    if (c.kind === 'designation') {
      const d = c.designation;
      const entry: Designation = { country: d.country, kind: d.kind, level: d.level, from: c.from, to: d.to ?? null, source: sourceText(c) };
      if (d.memberState) entry.memberState = d.memberState;
      if (d.nationalities) for (const n of d.nationalities) (designationsByNationality[n] ??= []).push(entry);
      else designations.push(entry);
    }
    if (c.kind === 'agreement') {
      const a = c.agreement;
      const entry: Agreement = { id: a.id, kind: a.kind, partner: a.partner, memberStates: [...a.memberStates], from: c.from, to: a.to ?? null, source: sourceText(c) };
      if (a.legallyBinding !== undefined) entry.legallyBinding = a.legallyBinding;
      if (a.independentMonitoring !== undefined) entry.independentMonitoring = a.independentMonitoring;
      agreements.push(entry);
    }
    if (c.kind === 'readmission') {
      readmission.push({ day: Math.max(0, dayOf(inputs.start, c.from)), entry: { country: c.readmission.country, from: c.readmission.memberState, status: c.readmission.status, since: c.from, source: sourceText(c) } });
    }
  }
  readmission.sort((a, b) => a.day - b.day);
  const hubs = new Map<string, { id: string; partner: string; memberStates: string[] }>();
  for (const a of [...(inputs.registry.agreements ?? []), ...agreements]) {
    if (a.kind === 'return-hub') hubs.set(a.id, { id: a.id, partner: a.partner, memberStates: [...(a.memberStates ?? inputs.memberStates)] });
  }
  return { days, levers, designations, designationsByNationality, agreements, readmission, hubs: [...hubs.values()] };
}
