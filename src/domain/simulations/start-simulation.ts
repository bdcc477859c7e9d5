/**
 * @module domain/simulations/start-simulation
 * Records a simulation to run: validates the scenario (every problem with its path under
 * `scenario.`), stores it queued, and appends `simulation.started` to the tenant's audit chain in the
 * same transaction. The caller hands the id to the background runner once the transaction commits.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_REGISTRY } from '../../../law/registry.ts';
import { parseScenario } from '../../simulation/scenario/load-scenario.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { simulationFromRow, type Simulation } from './simulation.ts';

export interface StartSimulationOptions {
  tx: Tx;
  actor: Actor;
  input: { scenario: unknown; runs: number; seed: number; scale: number };
  requestId?: string | null;
}

/**
 * @throws DomainError FORBIDDEN; VALIDATION_FAILED with the scenario's field paths.
 * @example const simulation = await startSimulation({ tx, actor, input: { scenario, runs: 20, seed: 1, scale: 1 } });
 */
export async function startSimulation({ tx, actor, input, requestId = null }: StartSimulationOptions): Promise<Simulation> {
  authorize({ actor, action: 'run', resource: 'simulation' });
  const parsed = parseScenario(input.scenario, { knownAgreements: DEFAULT_REGISTRY.agreements.map((a) => a.id) });
  if (!parsed.ok) {
    const fields = parsed.errors.map((e) => ({ path: `scenario.${e.path}`, message: e.message }));
    throw new DomainError('VALIDATION_FAILED', fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
  }
  const id = randomUUID();
  const now = new Date();
  const row = await tx.insertInto('simulations').values({
    tenant_id: actor.tenantId, id, scenario: JSON.stringify(parsed.scenario), runs: input.runs, seed: input.seed, scale: input.scale,
    status: 'queued', created_by: actor.id, created_at: now,
  }).returningAll().executeTakeFirstOrThrow();
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'simulation.started', entityType: 'simulation', entityId: id, requestId,
    data: { scenario: parsed.scenario.id, changes: parsed.scenario.changes.length, runs: input.runs, seed: input.seed, scale: input.scale },
  });
  return simulationFromRow(row);
}
