/**
 * @module web/screens/simulator/simulations
 * The API shapes of `/api/simulations` (written from the OpenAPI document) and what the screen
 * decides about them: whether a simulation is still under way (and so polled), its progress as a
 * share of its runs, and the key figures of its results (EU, whole horizon) in the order the screen
 * shows them. Pure.
 */
import type { Band } from './chart.ts';

export type SimulationStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Simulation {
  id: string;
  tenantId: string;
  scenario: { id: string; title: string; changes: number };
  runs: number;
  seed: number;
  scale: number;
  status: SimulationStatus;
  progress: number;
  error: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  links: { self: string; results: string };
}

export interface FigureRow { metric: string; where: string; period: string; baseline: Band; scenario: Band; difference: Band }

export interface SimulationResults {
  simulation: Simulation;
  results: {
    summary: {
      runs: number; seed: number; scale: number; months: string[];
      figures: FigureRow[];
      series: Array<{ metric: string; where: string; baseline: Band[]; scenario: Band[] }>;
      law: { asked: number; cached: number };
      conservation: boolean;
    };
    calibration: { applyShare?: number; firstStateShare?: number; levelYears?: number; objective?: { measure: string; value: number } } & Record<string, unknown>;
    provenance: string[];
    parameters: Record<string, number>;
    seconds: number;
  };
}

/** Queued or running: the screen keeps asking until it is done or failed. */
export function isUnderWay(status: SimulationStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** Runs finished as a share (0–1) of the runs asked for. */
export function progressShare(s: Pick<Simulation, 'progress' | 'runs' | 'status'>): number {
  if (s.status === 'done') return 1;
  return s.runs > 0 ? Math.max(0, Math.min(1, s.progress / s.runs)) : 0;
}

/** The metrics of the key-figures table, in order (the simulation report's key figures, simulation/report/html.ts). */
export const KEY_METRICS = [
  'applications', 'decisions', 'recognitions', 'backlog', 'appeals-pending', 'transfers-stc-from', 'returns', 'return-hub-transfers-from',
  'return-pending', 'absconded', 'non-removable', 'deaths',
] as const;
export type KeyMetric = (typeof KEY_METRICS)[number];

/**
 * The EU figures of the whole horizon for the key metrics, in KEY_METRICS order; deaths, counted per
 * route, are summed over the routes when there is no EU row (medians only: bands do not add up).
 */
export function keyFigures(figures: readonly FigureRow[]): Array<{ metric: KeyMetric; row: FigureRow; summed: boolean }> {
  return KEY_METRICS.flatMap((metric): Array<{ metric: KeyMetric; row: FigureRow; summed: boolean }> => {
    const eu = figures.find((f) => f.metric === metric && f.where === 'EU' && f.period === 'all');
    if (eu) return [{ metric, row: eu, summed: false }];
    const parts = figures.filter((f) => f.metric === metric && f.period === 'all');
    if (metric !== 'deaths' || parts.length === 0) return [];
    const add = (k: 'baseline' | 'scenario' | 'difference'): Band => ({ median: parts.reduce((a, r) => a + (r[k].median ?? 0), 0), p05: null, p95: null });
    return [{ metric, row: { metric, where: 'EU', period: 'all', baseline: add('baseline'), scenario: add('scenario'), difference: add('difference') }, summed: true }];
  });
}
