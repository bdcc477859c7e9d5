/**
 * @module domain/rescue/get-rescue-event
 * One rescue or interception event for an actor whose `rescue.read` scope covers it, with the persons
 * registered from it (by pseudonymous id, their case if any) and each one's assignment in force (the
 * latest decided).
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { assignmentFromRow, rescueEventFromRow, rescueScope, type Assignment, type RescueEvent } from './rescue-event.ts';

export interface RescuedPerson {
  personId: string;
  caseId: string | null;
  linkedBy: string;
  linkedAt: string;
  /** The latest assignment decided for the person, or null. */
  assignment: Assignment | null;
}

export interface RescueEventView extends RescueEvent {
  persons: RescuedPerson[];
}

export interface GetRescueEventOptions {
  tx: Tx;
  actor: Actor;
  eventId: string;
  /** Lock the row for a change in the same transaction. */
  forUpdate?: boolean;
}

/**
 * The event alone (for operations that change it).
 * @throws DomainError NOT_FOUND (also for other tenants' ids), FORBIDDEN outside the read scope.
 */
export async function loadRescueEvent({ tx, actor, eventId, forUpdate = false }: GetRescueEventOptions): Promise<RescueEvent> {
  if (!isUuid(eventId)) throw new DomainError('NOT_FOUND', `rescue event ${eventId} not found`);
  let query = tx.selectFrom('rescue_events').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', eventId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `rescue event ${eventId} not found`);
  const event = rescueEventFromRow(row);
  authorize({ actor, action: 'read', resource: 'rescue', record: rescueScope(event) });
  return event;
}

/** The persons registered from the event, each with the assignment in force. */
export async function listRescuedPersons(tx: Tx, event: Pick<RescueEvent, 'tenantId' | 'id'>): Promise<RescuedPerson[]> {
  const links = await tx.selectFrom('rescue_event_persons').selectAll().where('tenant_id', '=', event.tenantId).where('event_id', '=', event.id)
    .orderBy('linked_at').orderBy('person_id').execute();
  const assignments = await tx.selectFrom('rescue_assignments').selectAll().where('tenant_id', '=', event.tenantId).where('event_id', '=', event.id)
    .orderBy('decided_at').orderBy('id').execute();
  const latest = new Map(assignments.map((row) => [row.person_id, assignmentFromRow(row)]));
  return links.map((l) => ({
    personId: l.person_id, caseId: l.case_id, linkedBy: l.linked_by, linkedAt: new Date(l.linked_at).toISOString(), assignment: latest.get(l.person_id) ?? null,
  }));
}

/**
 * @example const view = await getRescueEvent({ tx, actor, eventId });
 */
export async function getRescueEvent(options: GetRescueEventOptions): Promise<RescueEventView> {
  const event = await loadRescueEvent(options);
  return { ...event, persons: await listRescuedPersons(options.tx, event) };
}
