/**
 * @module domain/rescue/link-rescued-person
 * Links a person registered from the event (through the persons and cases API) to it, with the case
 * opened for them if any: never more persons than were on board, each person once, the person and the
 * case of the event's tenant, the case that person's.
 */
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { listRescuedPersons, type RescueEventView } from './get-rescue-event.ts';
import { bumpVersion, lockForChange } from './update-rescue-event.ts';

export interface LinkRescuedPersonInput {
  personId: string;
  caseId?: string | null;
  reason?: string | null;
}

export interface LinkRescuedPersonOptions {
  tx: Tx;
  actor: Actor;
  eventId: string;
  expectedVersion: number;
  input: LinkRescuedPersonInput;
  requestId?: string | null;
  now?: Date;
}

/** The person's state in the tenant: registered, erased, merged into another, or unknown. */
async function checkPerson(tx: Tx, tenantId: string, personId: string): Promise<void> {
  const row = isUuid(personId)
    ? await tx.selectFrom('persons').select(['erased_at', 'merged_into']).where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('VALIDATION_FAILED', `person ${personId} is not registered in ${tenantId}`, [{ path: 'personId', message: 'unknown person' }]);
  if (row.erased_at) throw new DomainError('ERASED', `the data of person ${personId} was erased`);
  if (row.merged_into) throw new DomainError('MERGED', `person ${personId} was merged into person ${row.merged_into}: link that one`, [], { mergedInto: row.merged_into });
}

async function checkCase(tx: Tx, tenantId: string, personId: string, caseId: string): Promise<void> {
  const row = isUuid(caseId) ? await tx.selectFrom('cases').select('person_id').where('tenant_id', '=', tenantId).where('id', '=', caseId).executeTakeFirst() : undefined;
  if (!row) throw new DomainError('VALIDATION_FAILED', `case ${caseId} is not a case of ${tenantId}`, [{ path: 'caseId', message: 'unknown case' }]);
  if (row.person_id !== personId) throw new DomainError('VALIDATION_FAILED', `case ${caseId} is another person's`, [{ path: 'caseId', message: `not a case of person ${personId}` }]);
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT, VALIDATION_FAILED, ERASED, MERGED,
 * ALREADY_EXISTS (linked already), INVALID_STATE (as many linked as were on board).
 * @example await linkRescuedPerson({ tx, actor, eventId, expectedVersion: 1, input: { personId, caseId } });
 */
export async function linkRescuedPerson({ tx, actor, eventId, expectedVersion, input, requestId = null, now = new Date() }: LinkRescuedPersonOptions): Promise<RescueEventView> {
  const current = await lockForChange(tx, actor, eventId, expectedVersion, 'update');
  await checkPerson(tx, current.tenantId, input.personId);
  if (input.caseId) await checkCase(tx, current.tenantId, input.personId, input.caseId);
  const persons = await listRescuedPersons(tx, current);
  if (persons.some((p) => p.personId === input.personId)) {
    throw new DomainError('ALREADY_EXISTS', `person ${input.personId} is already linked to rescue event ${current.reference}`);
  }
  if (persons.length >= current.peopleOnBoard) {
    throw new DomainError('INVALID_STATE', `rescue event ${current.reference} had ${current.peopleOnBoard} people on board and ${persons.length} are registered: correct the count first`);
  }
  await tx.insertInto('rescue_event_persons').values({
    tenant_id: current.tenantId, event_id: current.id, person_id: input.personId, case_id: input.caseId ?? null, linked_by: actor.id, linked_at: now,
  }).execute();
  const updated = await bumpVersion(tx, current, now);
  await appendEvent({
    tx, tenantId: current.tenantId, actorId: actor.id, action: 'rescue.person-linked', entityType: 'rescue-event', entityId: current.id,
    reason: input.reason ?? null, requestId, at: now, data: { version: updated.version, personId: input.personId, caseId: input.caseId ?? null },
  });
  return { ...updated, persons: await listRescuedPersons(tx, updated) };
}
