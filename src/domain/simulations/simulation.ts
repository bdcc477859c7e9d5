/**
 * @module domain/simulations/simulation
 * A policy simulation as the product keeps it (migrations 0031, 0032): the scenario, the Monte Carlo
 * settings, where the background run is (queued, running with its progress, done, failed), how many
 * times it was started (more than once when a stopped process's run was taken over) and, when done,
 * the summary. It belongs to the tenant of whoever started it; policy analysts and
 * administrators of that tenant run and read simulations (permissions.ts).
 */
import type { Selectable } from 'kysely';
import type { SimulationRow } from '../../storage/schema.ts';

export const SIMULATION_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type SimulationStatus = (typeof SIMULATION_STATUSES)[number];

/** The most runs a simulation may ask for through the API (the CLI allows more). */
export const MAX_API_RUNS = 200;

export interface Simulation {
  id: string;
  tenantId: string;
  scenario: { id: string; title: string; description?: string; period?: { start: string; months: number }; changes: unknown[] };
  runs: number;
  seed: number;
  scale: number;
  status: SimulationStatus;
  /** Monte Carlo runs finished. */
  progress: number;
  /** Times a runner started it: 0 while queued, more than 1 when it was taken over from a stopped process. */
  attempts: number;
  error: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function simulationFromRow(row: Selectable<SimulationRow>): Simulation {
  return {
    id: row.id, tenantId: row.tenant_id, scenario: row.scenario as unknown as Simulation['scenario'], runs: row.runs, seed: Number(row.seed), scale: row.scale,
    status: row.status as SimulationStatus, progress: row.progress, attempts: row.attempts, error: row.error, createdBy: row.created_by,
    createdAt: iso(row.created_at)!, startedAt: iso(row.started_at), finishedAt: iso(row.finished_at),
  };
}
