/**
 * @module storage/transaction
 * Every user-facing unit of work runs in one transaction as the `waypoint_app` role with the actor's
 * tenant set, so PostgreSQL's row-level security keeps each Member State's rows apart even if a query
 * forgets a `where tenant_id = …`. The domain operation, its audit event and any stored idempotent
 * response commit together or not at all.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../domain/access/roles.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface InTenantOptions {
  /** Tenant written to; rows of other tenants fail the RLS check. */
  tenantId: string;
  /** Tenants readable in this transaction (default: only `tenantId`); `'*'` for all. */
  visible?: string[] | '*';
}

/** Sets the role and tenant of the current transaction (one round trip). */
export async function enterTenant(tx: Tx, { tenantId, visible }: InTenantOptions): Promise<void> {
  const tenants = visible === '*' ? '*' : (visible ?? [tenantId]).join(',');
  await sql`select set_config('role', 'waypoint_app', true), set_config('waypoint.tenant', ${tenantId}, true),
                   set_config('waypoint.tenants', ${tenants}, true)`.execute(tx);
}

/**
 * Runs `work` in a transaction confined to the actor's tenant.
 * @example await asActor(db, actor, (tx) => openCase({ tx, actor, input }));
 */
export async function asActor<T>(db: Db, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await enterTenant(tx, { tenantId: actor.tenantId });
    return work(tx);
  });
}
