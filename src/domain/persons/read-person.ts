/**
 * @module domain/persons/read-person
 * Reads a person's data for an actor allowed to see one of the person's cases, and logs the read
 * (who, which record, when, why) in the same transaction: no read of personal data goes unrecorded.
 * A duplicate merged into another person still reads, with the pointer to the person it became.
 */
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { listFamily, type FamilyMember } from './family.ts';
import { logAccess } from './log-access.ts';
import { authorizePerson, findPersonRow, personScopes } from './person-scope.ts';
import { personFromRow, type Person } from './person.ts';

export interface ReadPersonOptions {
  tx: Tx;
  actor: Actor;
  personId: string;
  /** Why it is read (shown in the access log): the route or command. */
  purpose: string;
  requestId?: string | null;
}

export interface PersonRecord extends Person {
  /** Family links, with each member's age today and cases. */
  family: FamilyMember[];
}

/**
 * @throws DomainError NOT_FOUND when the person is not in the actor's tenant, FORBIDDEN when none of
 * the person's cases is within the actor's `person.read` scope.
 */
export async function readPerson({ tx, actor, personId, purpose, requestId = null }: ReadPersonOptions): Promise<PersonRecord> {
  const row = await findPersonRow(tx, actor, personId);
  authorizePerson(actor, 'read', await personScopes(tx, actor.tenantId, personId));
  const family = await listFamily(tx, actor.tenantId, personId, new Date().toISOString().slice(0, 10));
  // The family members' ages are their personal data: shown, so logged as read too.
  await logAccess({ tx, actor, personIds: [personId, ...family.map((m) => m.personId)], purpose, requestId });
  return { ...personFromRow(row), family };
}
