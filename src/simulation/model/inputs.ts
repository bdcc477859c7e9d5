/**
 * @module simulation/model/inputs
 * What one simulation run reads: the baseline built from the history and the calibration
 * (build-inputs.ts), as plain numbers indexed by Member State, nationality and route, so that it is
 * cheap to copy to worker threads and to read in the run's inner loops. A scenario does not change
 * these: its overlay (scenario/overlay.ts) is applied on top, from its dates, during the run.
 */
import type { RegistryFacts } from '../../../law/registry.ts';
import type { CostItem, FundingLine, ParameterName } from './parameters.ts';

/** An expected count per month for one cell (route × nationality, or Member State × nationality). */
export interface Cell {
  /** Route index (arrivals) or Member State index (everything else). */
  at: number;
  nationality: number;
  /** Expected persons per month, one entry per simulated month (full scale). */
  perMonth: number[];
}

export interface RouteInput {
  id: string;
  sea: boolean;
  /** Member State indexes of first arrival and cumulative shares. */
  arrivalStates: number[];
  arrivalCumulative: number[];
  /** Last third countries before the Union and cumulative shares (empty: none known). */
  departures: string[];
  departureCumulative: number[];
  /** Share of people setting out on the route who die or go missing (IOM dead and missing ÷ (arrivals + dead and missing)). */
  mortality: number;
}

export interface CostInput {
  eur: number;
  funding: Array<[FundingLine, number]>;
}

/** The free parameters the calibration fits (calibrate.ts), with their fitted values. */
export interface Calibration {
  /** Share of detected irregular arrivals who apply for asylum in the Union. */
  applyShare: number;
  /** Share of those applicants who apply in the Member State of first arrival. */
  firstStateShare: number;
  /** How many of the latest fit years set the level of applications made inland and of irregular stays found. */
  levelYears: number;
  /** What was minimised, and its value on the fit years. */
  objective: { measure: string; value: number };
}

export interface ModelInputs {
  /** First day simulated (the first of a month). */
  start: string;
  months: number;
  /** Persons simulated per real person (0 < scale ≤ 1); results are divided by it. */
  scale: number;
  memberStates: string[];
  /** Nationality codes (ISO alpha-2, `XX` stateless) by index. */
  nationalities: string[];
  routes: RouteInput[];
  /** Transit and partner countries: protection available there, and the share of real-risk findings. */
  countries: Record<string, { protection: number; realRisk: number }>;
  arrivals: Cell[];
  /** Applications made inland (not after a detected crossing), per Member State and nationality. */
  inland: Cell[];
  /** Persons found illegally present who did not apply, entering the return procedure. */
  irregularStay: Cell[];
  resettlement: Cell[];
  /** Applications pending at the start, per Member State and nationality: at first instance and on appeal. */
  backlog: Array<{ at: number; nationality: number; firstInstance: number; appeal: number }>;
  /** Per nationality: cumulative shares over Member States of where its applicants apply. */
  destinations: number[][];
  /** Per nationality, per Member State: first-instance recognition rate (positive ÷ positive + rejected). */
  recognition: number[][];
  femaleShare: number[];
  /** Per Member State: share of applicants under 18. */
  minorShare: number[];
  /** Per Member State: first-instance decisions a month. */
  decisionsPerMonth: number[];
  /** Per Member State: returns a month (attempts the authorities can carry out). */
  returnsPerMonth: number[];
  /** Per Member State: places for the border procedure (APR Art. 47 adequate capacity), used over the whole horizon. */
  borderPlaces: number[];
  parameters: Record<ParameterName, number>;
  calibration: Calibration;
  costs: Record<CostItem, CostInput>;
  /** The registry facts the law engine reads (designations, readmission, agreements, recognition rates). */
  registry: RegistryFacts;
  /** Designations that apply to some nationalities only, by nationality. */
  registryByNationality: Record<string, NonNullable<RegistryFacts['designations']>>;
  /** What each part of the inputs rests on, for the report. */
  provenance: string[];
}
