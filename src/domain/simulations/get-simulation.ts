/**
 * @module domain/simulations/get-simulation
 * One simulation's status. Another tenant's simulation is "not found" (row-level security hides it,
 * and so does the permission check).
 */
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { simulationFromRow, type Simulation } from './simulation.ts';

export interface GetSimulationOptions {
  tx: Tx;
  actor: Actor;
  id: string;
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN.
 * @example const simulation = await getSimulation({ tx, actor, id });
 */
export async function getSimulation({ tx, actor, id }: GetSimulationOptions): Promise<Simulation> {
  authorize({ actor, action: 'read', resource: 'simulation' });
  const row = isUuid(id) ? await tx.selectFrom('simulations').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new DomainError('NOT_FOUND', `simulation ${id} not found`);
  authorize({ actor, action: 'read', resource: 'simulation', record: { tenantId: row.tenant_id } });
  return simulationFromRow(row);
}
