/**
 * @module domain/persons/log-access
 * Records reads of personal data (who, which persons, why, through which request) in the caller's
 * transaction, so a read and its record commit together.
 */
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';

export interface LogAccessOptions {
  tx: Tx;
  actor: Actor;
  personIds: string[];
  /** The route or command, and what for: `GET /api/persons (search)`. */
  purpose: string;
  requestId?: string | null;
}

/** One access-log row per person read; nothing when no person was read. */
export async function logAccess({ tx, actor, personIds, purpose, requestId = null }: LogAccessOptions): Promise<void> {
  if (personIds.length === 0) return;
  await tx.insertInto('access_log').values([...new Set(personIds)].map((id) => ({
    tenant_id: actor.tenantId, actor_id: actor.id, entity_type: 'person', entity_id: id, purpose, request_id: requestId,
  }))).execute();
}
