/**
 * @module domain/persons/link-family
 * Links two persons of a tenant as family (spouse, child, parent …), in both directions, with an
 * audit event naming the two ids and the relation. The family is what keeps a minor and the parent
 * or guardian together when a case moves (`domain/cases/guards.ts`).
 */
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { INVERSE, listFamily, type FamilyMember, type Relation } from './family.ts';
import { logAccess } from './log-access.ts';
import { authorizePerson, findPersonRow, personScopes } from './person-scope.ts';
import { assertWritable } from './update-person.ts';

export interface LinkFamilyOptions {
  tx: Tx;
  actor: Actor;
  personId: string;
  /** The family member. */
  relatedId: string;
  /** What `relatedId` is to `personId`. */
  relation: Relation;
  reason: string;
  requestId?: string | null;
  now?: Date;
}

/**
 * @throws DomainError NOT_FOUND (either person), FORBIDDEN (no `person.update` scope on the person),
 * ERASED, MERGED, ALREADY_EXISTS (the two are already linked), VALIDATION_FAILED (a person to itself).
 */
export async function linkFamily({ tx, actor, personId, relatedId, relation, reason, requestId = null, now = new Date() }: LinkFamilyOptions): Promise<FamilyMember[]> {
  const person = await findPersonRow(tx, actor, personId);
  authorizePerson(actor, 'update', await personScopes(tx, actor.tenantId, personId));
  if (relatedId === personId) throw new DomainError('VALIDATION_FAILED', 'a person cannot be linked to itself', [{ path: 'personId', message: 'the same person' }]);
  const related = await findPersonRow(tx, actor, relatedId).catch(() => {
    throw new DomainError('VALIDATION_FAILED', `person ${relatedId} not found in ${actor.tenantId}`, [{ path: 'personId', message: 'unknown person' }]);
  });
  assertWritable(person);
  assertWritable(related);
  const inserted = await tx.insertInto('person_links').values([
    { tenant_id: actor.tenantId, person_id: personId, related_id: relatedId, relation, created_by: actor.id, created_at: now },
    { tenant_id: actor.tenantId, person_id: relatedId, related_id: personId, relation: INVERSE[relation], created_by: actor.id, created_at: now },
  ]).onConflict((oc) => oc.doNothing()).returning('person_id').execute();
  if (inserted.length < 2) throw new DomainError('ALREADY_EXISTS', `persons ${personId} and ${relatedId} are already linked`);
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'person.linked', entityType: 'person', entityId: personId,
    reason, requestId, at: now, data: { relatedId, relation, inverse: INVERSE[relation] },
  });
  const family = await listFamily(tx, actor.tenantId, personId, now.toISOString().slice(0, 10));
  // The answer shows the members' ages: a read of their data, logged.
  await logAccess({ tx, actor, personIds: family.map((m) => m.personId), purpose: 'family link', requestId });
  return family;
}
