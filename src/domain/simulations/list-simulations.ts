/**
 * @module domain/simulations/list-simulations
 * The simulations of the caller's tenant, newest first (without their results).
 */
import type { Tx } from '../../storage/transaction.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { simulationFromRow, type Simulation } from './simulation.ts';

/** @example const recent = await listSimulations({ tx, actor }); */
export async function listSimulations({ tx, actor, limit = 100 }: { tx: Tx; actor: Actor; limit?: number }): Promise<Simulation[]> {
  authorize({ actor, action: 'read', resource: 'simulation' });
  const rows = await tx.selectFrom('simulations').selectAll().where('tenant_id', '=', actor.tenantId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(simulationFromRow);
}

