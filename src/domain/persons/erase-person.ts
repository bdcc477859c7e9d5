/**
 * @module domain/persons/erase-person
 * Lawful erasure: removes a person's data and writes a tombstone event. Events never held the data,
 * so the audit chain stays intact and verifiable.
 */
import { sql } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';

export interface ErasePersonOptions {
  tx: Tx;
  actor: Actor;
  personId: string;
  reason: string;
  /** The rule the erasure executes, e.g. the retention policy's basis. */
  legalBasis?: string[];
  requestId?: string | null;
  now?: Date;
  /** Skip the permission check: the retention job acting for the tenant. */
  asSystem?: boolean;
}

export async function erasePerson({ tx, actor, personId, reason, legalBasis = [], requestId = null, now = new Date(), asSystem = false }: ErasePersonOptions): Promise<void> {
  if (!asSystem) authorize({ actor, action: 'erase', resource: 'person', record: { tenantId: actor.tenantId } });
  if (!isUuid(personId)) throw new DomainError('NOT_FOUND', `person ${personId} not found`);
  const row = await tx.selectFrom('persons').select(['erased_at', 'record_type']).where('tenant_id', '=', actor.tenantId).where('id', '=', personId).forUpdate().executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `person ${personId} not found`);
  if (row.erased_at) throw new DomainError('ERASED', `person ${personId} was already erased`);
  await sql`update persons set data = null, erased_at = ${now} where tenant_id = ${actor.tenantId} and id = ${personId}`.execute(tx);
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'person.erased', entityType: 'person', entityId: personId,
    reason, legalBasis, requestId, at: now, data: { recordType: row.record_type },
  });
}
