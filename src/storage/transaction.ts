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

/** Tenant codes are written into the transaction's opening text, so only plain codes are accepted. */
const TENANT_CODE = /^[A-Z][A-Z0-9]{1,15}$/;

function tenantList({ tenantId, visible }: InTenantOptions): string {
  const codes = visible === '*' ? [] : (visible ?? [tenantId]);
  for (const code of [tenantId, ...codes]) {
    if (!TENANT_CODE.test(code)) throw new Error(`not a tenant code: ${JSON.stringify(code)}`);
  }
  return visible === '*' ? '*' : codes.join(',');
}

/** Sets the role and tenant of the current transaction (one round trip). */
export async function enterTenant(tx: Tx, { tenantId, visible }: InTenantOptions): Promise<void> {
  const tenants = visible === '*' ? '*' : (visible ?? [tenantId]).join(',');
  await sql`select set_config('role', 'waypoint_app', true), set_config('waypoint.tenant', ${tenantId}, true),
                   set_config('waypoint.tenants', ${tenants}, true)`.execute(tx);
}

/**
 * Runs `work` in one transaction confined to a tenant, committing when it resolves and rolling back
 * when it throws. `BEGIN` and the tenant settings travel as one message (`begin; select set_config(…)`
 * in the simple query protocol), which saves a round trip per transaction over `BEGIN` followed by
 * {@link enterTenant}. The tenant codes are the only values written into that text; they are checked
 * against {@link TENANT_CODE}, so nothing there needs quoting. Every later statement is parameterised.
 * @example await inTenant(db, { tenantId: 'IT' }, (tx) => openCase({ tx, actor, input }));
 */
export async function inTenant<T>(db: Db, options: InTenantOptions, work: (tx: Tx) => Promise<T>): Promise<T> {
  const tenants = tenantList(options);
  return db.connection().execute(async (connection) => {
    let result: T;
    try {
      await sql.raw(`begin; select set_config('role', 'waypoint_app', true), set_config('waypoint.tenant', '${options.tenantId}', true), `
        + `set_config('waypoint.tenants', '${tenants}', true)`).execute(connection);
      // The connection is held for the whole callback and is inside the transaction opened above:
      // to the domain code it is a transaction in every respect it uses (queries on one connection).
      result = await work(connection as unknown as Tx);
    } catch (error) {
      // Also when the opening message failed after its BEGIN: never hand back an open transaction.
      await sql.raw('rollback').execute(connection);
      throw error;
    }
    await sql.raw('commit').execute(connection);
    return result;
  });
}

/**
 * Runs `work` in a transaction confined to the actor's tenant.
 * @example await asActor(db, actor, (tx) => openCase({ tx, actor, input }));
 */
export async function asActor<T>(db: Db, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return inTenant(db, { tenantId: actor.tenantId }, work);
}
