/**
 * @module test/support/simulation
 * A small synthetic history (three Member States, four nationalities, two routes, a few thousand
 * persons a year) for simulator tests that must not depend on ../shared/data, and the inputs and
 * scenarios built on it.
 */
import type { History } from '../../src/simulation/history/history.ts';
import { buildInputs } from '../../src/simulation/model/build-inputs.ts';
import type { ModelInputs } from '../../src/simulation/model/inputs.ts';
import type { Scenario } from '../../src/simulation/scenario/schema.ts';
import { packageRegistry } from '../../src/simulation/study.ts';

const STATES = ['IT', 'GR', 'DE'] as const;
const NATIONALITIES = ['SY', 'BD', 'TN', 'AF'] as const;

/** Applications a year per Member State and nationality (roughly the real proportions, a hundredth of the size). */
const APPLICATIONS: Record<string, Record<string, number>> = {
  IT: { SY: 120, BD: 900, TN: 500, AF: 80 },
  GR: { SY: 700, BD: 150, TN: 20, AF: 600 },
  DE: { SY: 2000, BD: 100, TN: 60, AF: 1500 },
};

export function syntheticHistory(): History {
  const h: History = {
    dir: 'synthetic', files: [], frontex: [], deaths: [], applications: [], femaleApplications: [], minors: [], returns: [], illegalStay: [], decisions: [], pending: [], resettlement: [],
  };
  for (let year = 2021; year <= 2025; year++) {
    for (let month = 1; month <= 12; month++) {
      const m = `${year}-${String(month).padStart(2, '0')}`;
      const season = 1 + 0.5 * Math.sin(((month - 3) / 12) * 2 * Math.PI);
      h.frontex.push([m, 'Central Mediterranean Route', 'BD', Math.round(60 * season)], [m, 'Central Mediterranean Route', 'TN', Math.round(40 * season)],
        [m, 'Eastern Mediterranean Route', 'SY', Math.round(30 * season)], [m, 'Eastern Mediterranean Route', 'AF', Math.round(35 * season)]);
      h.deaths.push([m, 'Central Mediterranean Route', Math.round(2 * season)], [m, 'Eastern Mediterranean Route', 1]);
    }
    for (const ms of STATES) {
      for (const nat of NATIONALITIES) {
        const apps = APPLICATIONS[ms]![nat]!;
        h.applications.push([year, ms, nat, apps]);
        const rate = nat === 'SY' ? 0.9 : nat === 'AF' ? 0.6 : 0.05;
        h.decisions.push([year, ms, nat, 'FI', Math.round(apps * 0.8 * rate), Math.round(apps * 0.8 * (1 - rate))], [year, ms, nat, 'AR', Math.round(apps * 0.05), Math.round(apps * 0.2)]);
        h.pending.push([year, ms, nat, apps]);
        h.returns.push([year, ms, nat, Math.round(apps * 0.1)]);
        h.illegalStay.push([year, ms, nat, Math.round(apps * 0.3)]);
      }
      h.minors.push([year, ms, 250, 1000]);
      h.resettlement.push([year, ms, 'SY', 30]);
    }
    for (const nat of NATIONALITIES) h.femaleApplications.push([year, nat, nat === 'SY' ? 900 : 100]);
  }
  return h;
}

export interface TestInputsOptions {
  months?: number;
  start?: string;
  scale?: number;
}

/** Inputs on the synthetic history: a forecast from `start` (default 2026-01-01) over `months`. */
export function testInputs({ months = 12, start = '2026-01-01', scale = 1 }: TestInputsOptions = {}): ModelInputs {
  return buildInputs({
    history: syntheticHistory(), start, months, scale, arrivals: 'forecast', lastDataYear: 2025,
    calibration: { applyShare: 0.8, firstStateShare: 0.5, levelYears: 2, objective: { measure: 'fixed for tests', value: Number.NaN } },
    registry: packageRegistry(),
  });
}

/** A scenario touching every kind of lever, with sources. */
export function busyScenario(): Scenario {
  const source = { assumption: 'a test change, no source needed beyond this sentence' };
  return {
    id: 'busy', title: 'Every lever at once', changes: [
      { kind: 'agreement', from: '2026-03-01', agreement: { id: 'test-hub', kind: 'return-hub', partner: 'UG', memberStates: ['IT', 'GR', 'DE'] }, source },
      { kind: 'capacity', resource: 'return-hub', agreement: 'test-hub', places: 40, from: '2026-03-01', source },
      { kind: 'law-assumption', assumption: 'return-hubs-under-return-regulation', from: '2026-03-01', source },
      { kind: 'designation', from: '2026-06-12', designation: { country: 'TN', kind: 'safe-third-country', level: 'national', memberState: 'IT' }, source },
      { kind: 'capacity', resource: 'stc-admissions', partner: 'TN', perMonth: 5, from: '2026-06-12', source },
      { kind: 'capacity', resource: 'border-procedure', factor: 0.01, from: '2026-06-12', source },
      { kind: 'capacity', resource: 'first-instance', memberState: 'DE', factor: 1.5, from: '2026-02-01', source },
      { kind: 'capacity', resource: 'returns', perMonth: 30, from: '2026-04-01', source },
      { kind: 'readmission', from: '2026-05-01', readmission: { country: 'TR', memberState: 'GR', status: 'cooperating' }, source },
      { kind: 'arrivals', route: 'central-med', factor: 1.5, from: '2026-02-01', source },
      { kind: 'mortality', route: 'all', factor: 0.5, from: '2026-02-01', source },
      { kind: 'parameter', name: 'abscondMonthly', value: 0.02, from: '2026-01-15', source },
    ],
  };
}
