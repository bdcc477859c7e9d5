/**
 * @module domain/rescue/update-rescue-event
 * Corrects or completes an event's facts (a position refined, the coordinating centre learnt, the
 * count of people corrected) only if the caller saw its current version, with an audit event naming
 * each changed field, its old and new value, and why. The count of people on board never falls below
 * the persons already registered from the event.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { loadRescueEvent } from './get-rescue-event.ts';
import { fieldIssues, rescueEventColumns, rescueEventFromRow, rescueScope, type RescueEvent, type RescueEventFields } from './rescue-event.ts';

export interface UpdateRescueEventInput {
  changes: Partial<RescueEventFields>;
  reason: string;
}

export interface UpdateRescueEventOptions {
  tx: Tx;
  actor: Actor;
  eventId: string;
  expectedVersion: number;
  input: UpdateRescueEventInput;
  requestId?: string | null;
  now?: Date;
}

/** The fields of an event, without what the system keeps. */
function fieldsOf(e: RescueEvent): RescueEventFields {
  const { kind, occurredAt, position, vessel, waters, sarRegion, coordinatingCentre, peopleOnBoard, deceased, missing, note } = e;
  return { kind, occurredAt, position, vessel, waters, sarRegion, coordinatingCentre, peopleOnBoard, deceased, missing, note };
}

/** A field's value as compared and recorded: instants as ISO strings (so that offsets do not count as changes). */
function comparable(key: keyof RescueEventFields, value: unknown): string {
  return JSON.stringify(key === 'occurredAt' ? new Date(value as string).toISOString() : value);
}

/** Locks the event and checks the caller's version and scope for `action`. */
export async function lockForChange(tx: Tx, actor: Actor, eventId: string, expectedVersion: number, action: 'update' | 'decide'): Promise<RescueEvent> {
  const current = await loadRescueEvent({ tx, actor, eventId, forUpdate: true });
  authorize({ actor, action, resource: 'rescue', record: rescueScope(current) });
  if (current.version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', `rescue event ${current.reference} is at version ${current.version}, not ${expectedVersion}: reload and try again`);
  }
  return current;
}

/** Moves the event's version (a linked person or an assignment changes what the event says). */
export async function bumpVersion(tx: Tx, e: RescueEvent, now: Date): Promise<RescueEvent> {
  const row = await tx.updateTable('rescue_events').set({ version: e.version + 1, updated_at: now })
    .where('tenant_id', '=', e.tenantId).where('id', '=', e.id).where('version', '=', e.version).returningAll().executeTakeFirst();
  if (!row) throw new DomainError('VERSION_CONFLICT', `rescue event ${e.reference} changed meanwhile`);
  return rescueEventFromRow(row);
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT, VALIDATION_FAILED, INVALID_STATE (fewer on board than registered).
 * @example await updateRescueEvent({ tx, actor, eventId, expectedVersion: 1, input: { changes: { coordinatingCentre: 'MRCC Rome' }, reason: 'confirmed' } });
 */
export async function updateRescueEvent({ tx, actor, eventId, expectedVersion, input, requestId = null, now = new Date() }: UpdateRescueEventOptions): Promise<RescueEvent> {
  const current = await lockForChange(tx, actor, eventId, expectedVersion, 'update');
  const before = fieldsOf(current);
  const after: RescueEventFields = { ...before, ...input.changes };
  const issues = fieldIssues(after, now);
  if (issues.length) throw new DomainError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues.map((i) => ({ path: `changes.${i.path}`, message: i.message })));
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(input.changes) as Array<keyof RescueEventFields>) {
    if (comparable(key, before[key]) !== comparable(key, after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  if (Object.keys(changes).length === 0) return current;
  if (after.peopleOnBoard < before.peopleOnBoard) {
    const linked = await tx.selectFrom('rescue_event_persons').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', current.tenantId).where('event_id', '=', current.id).executeTakeFirstOrThrow();
    if (after.peopleOnBoard < Number(linked.n)) {
      throw new DomainError('INVALID_STATE', `${linked.n} persons are registered from rescue event ${current.reference}: at least as many were on board`,
        [{ path: 'changes.peopleOnBoard', message: `below the ${linked.n} persons registered` }]);
    }
  }
  const row = await tx.updateTable('rescue_events').set({ ...rescueEventColumns(after), version: current.version + 1, updated_at: now })
    .where('tenant_id', '=', current.tenantId).where('id', '=', current.id).where('version', '=', current.version).returningAll().executeTakeFirst();
  if (!row) throw new DomainError('VERSION_CONFLICT', `rescue event ${current.reference} changed meanwhile`);
  const updated = rescueEventFromRow(row);
  await appendEvent({
    tx, tenantId: current.tenantId, actorId: actor.id, action: 'rescue.updated', entityType: 'rescue-event', entityId: current.id,
    reason: input.reason, requestId, at: now, data: { version: updated.version, changes },
  });
  return updated;
}
