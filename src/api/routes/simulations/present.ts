/**
 * @module api/routes/simulations/present
 * The JSON shape of a simulation: its settings and status, the scenario named (not its changes, which
 * the results repeat), and where to read the results.
 */
import type { Simulation } from '../../../domain/simulations/simulation.ts';

export function presentSimulation(s: Simulation) {
  return {
    id: s.id, tenantId: s.tenantId,
    scenario: { id: s.scenario.id, title: s.scenario.title, changes: s.scenario.changes.length },
    runs: s.runs, seed: s.seed, scale: s.scale, status: s.status, progress: s.progress, attempts: s.attempts, error: s.error,
    createdBy: s.createdBy, createdAt: s.createdAt, startedAt: s.startedAt, finishedAt: s.finishedAt,
    links: { self: `/api/simulations/${s.id}`, results: `/api/simulations/${s.id}/results` },
  };
}
