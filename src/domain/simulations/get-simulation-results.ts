/**
 * @module domain/simulations/get-simulation-results
 * A finished simulation's summary: figures with 90 % bands, monthly series, time in procedure,
 * safeguard counters, calibration and provenance.
 */
import type { Tx } from '../../storage/transaction.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { getSimulation } from './get-simulation.ts';
import type { Simulation } from './simulation.ts';

/**
 * The summary of a finished simulation.
 * @throws DomainError NOT_FOUND, FORBIDDEN; INVALID_STATE while it is not done.
 */
export async function getSimulationResults({ tx, actor, id }: { tx: Tx; actor: Actor; id: string }): Promise<{ simulation: Simulation; results: Record<string, unknown> }> {
  const simulation = await getSimulation({ tx, actor, id });
  if (simulation.status !== 'done') throw new DomainError('INVALID_STATE', `simulation ${id} is ${simulation.status}: results come when it is done`);
  const row = await tx.selectFrom('simulations').select('results').where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirstOrThrow();
  return { simulation, results: row.results as unknown as Record<string, unknown> };
}
