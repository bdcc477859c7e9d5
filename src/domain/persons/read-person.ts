/**
 * @module domain/persons/read-person
 * Reads a person's data for an actor allowed to see one of the person's cases, and logs the read
 * (who, which record, when, why) in the same transaction: no read of personal data goes unrecorded.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { personFromRow, type Person } from './person.ts';

export interface ReadPersonOptions {
  tx: Tx;
  actor: Actor;
  personId: string;
  /** Why it is read (shown in the access log): the route or command. */
  purpose: string;
  requestId?: string | null;
}

/**
 * @throws DomainError NOT_FOUND when the person is not in the actor's tenant, FORBIDDEN when none of
 * the person's cases is within the actor's `person.read` scope.
 */
export async function readPerson({ tx, actor, personId, purpose, requestId = null }: ReadPersonOptions): Promise<Person> {
  if (!isUuid(personId)) throw new DomainError('NOT_FOUND', `person ${personId} not found`);
  const row = await tx.selectFrom('persons').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', personId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `person ${personId} not found`);
  const cases = await tx.selectFrom('cases').select(['unit_id', 'assigned_to', 'opened_by'])
    .where('tenant_id', '=', actor.tenantId).where('person_id', '=', personId).execute();
  const scopes = cases.length > 0
    ? cases.map((c) => ({ tenantId: actor.tenantId, unitId: c.unit_id, ownerIds: [c.assigned_to, c.opened_by] }))
    : [{ tenantId: actor.tenantId }];
  let lastError: unknown;
  for (const record of scopes) {
    try {
      authorize({ actor, action: 'read', resource: 'person', record });
      lastError = undefined;
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError) throw lastError;
  await tx.insertInto('access_log').values({
    tenant_id: actor.tenantId, actor_id: actor.id, entity_type: 'person', entity_id: personId, purpose, request_id: requestId,
  }).execute();
  return personFromRow(row);
}
