/**
 * @module domain/registries/chain
 * The registries' audit chain and the transactions that use it. Registry records are shared, so their
 * events form one chain of their own, kept under the tenant code `EU` (a tenant of kind `registry`):
 * a record's history reads as one sequence whoever wrote it, any user may read it as they may read the
 * registries, and `waypoint audit verify` checks it with the others. Each event names the writer and
 * the writer's tenant.
 *
 * Row-level security is not relaxed for it: a registry write switches its transaction's writable
 * tenant to `EU` for the writes and the appends, then back to the actor's tenant (where an
 * Idempotency-Key response is stored); a history read adds `EU` to the tenants its transaction sees.
 */
import type { Actor } from '../access/roles.ts';
import { enterTenant, inTenant, type Db, type Tx } from '../../storage/transaction.ts';

/** The tenant code of the registries' chain. */
export const REGISTRY_CHAIN = 'EU';

/**
 * Runs `work` with the transaction's writable tenant set to the registries' chain, and restores the
 * actor's tenant afterwards (on failure the caller's transaction rolls back anyway).
 */
export async function asRegistryWriter<T>(tx: Tx, actor: Actor, work: () => Promise<T>): Promise<T> {
  await enterTenant(tx, { tenantId: REGISTRY_CHAIN });
  const result = await work();
  await enterTenant(tx, { tenantId: actor.tenantId });
  return result;
}

/**
 * A read transaction for `actor` that also sees the registries' chain (for histories).
 * @example const history = await readRegistries(db, actor, (tx) => getRegistryHistory({ tx, actor, kind, idOrKey }));
 */
export function readRegistries<T>(db: Db, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  const visible = actor.tenantId === REGISTRY_CHAIN ? [REGISTRY_CHAIN] : [actor.tenantId, REGISTRY_CHAIN];
  return inTenant(db, { tenantId: actor.tenantId, visible }, work);
}
