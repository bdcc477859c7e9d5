/**
 * @module domain/rescue/register-rescue-event
 * Registers a rescue or interception event in the actor's tenant, with a reference
 * (`IT-SAR-2026-000001`) and one audit event. Unit and assignee default to the actor's own; handing the
 * event to another unit or person needs the `assign` permission, as for cases.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent, lockHeadQuery } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { fieldIssues, rescueEventColumns, rescueEventFromRow, type RescueEvent, type RescueEventFields } from './rescue-event.ts';

export interface RegisterRescueEventInput extends RescueEventFields {
  unitId?: string | null;
  assignedTo?: string | null;
  reason?: string | null;
}

export interface RegisterRescueEventOptions {
  tx: Tx;
  actor: Actor;
  input: RegisterRescueEventInput;
  requestId?: string | null;
  now?: Date;
}

/**
 * @throws DomainError FORBIDDEN, VALIDATION_FAILED (field paths).
 * @example await registerRescueEvent({ tx, actor, input: { kind: 'rescue', occurredAt: '2026-07-10T03:40:00Z', position: { lat: 35.2, lon: 12.9 }, … } });
 */
export async function registerRescueEvent({ tx, actor, input, requestId = null, now = new Date() }: RegisterRescueEventOptions): Promise<RescueEvent> {
  authorize({ actor, action: 'create', resource: 'rescue' });
  const unitId = input.unitId === undefined ? actor.unitId : input.unitId;
  const assignedTo = input.assignedTo === undefined ? actor.id : input.assignedTo;
  if (unitId !== actor.unitId || assignedTo !== actor.id) authorize({ actor, action: 'assign', resource: 'rescue' });
  const issues = fieldIssues(input, now);
  if (issues.length) throw new DomainError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  const tenantId = actor.tenantId;
  if (unitId !== null && !(await tx.selectFrom('units').select('id').where('tenant_id', '=', tenantId).where('id', '=', unitId).executeTakeFirst())) {
    throw new DomainError('VALIDATION_FAILED', `unit ${unitId} does not exist in ${tenantId}`, [{ path: 'unitId', message: 'unknown unit' }]);
  }
  const year = now.getUTCFullYear();
  // The chain head first, then the counter: the order `open-case.ts` takes its locks in.
  await lockHeadQuery(tenantId).execute(tx);
  const number = await sql<{ value: string }>`insert into counters (tenant_id, name, value) values (${tenantId}, ${`rescue-${year}`}, 1)
    on conflict (tenant_id, name) do update set value = counters.value + 1 returning value`.execute(tx);
  const reference = `${tenantId}-SAR-${year}-${String(Number(number.rows[0]!.value)).padStart(6, '0')}`;
  const row = await tx.insertInto('rescue_events').values({
    tenant_id: tenantId, id: randomUUID(), reference, ...rescueEventColumns(input), unit_id: unitId, assigned_to: assignedTo,
    created_by: actor.id, created_at: now, updated_at: now, version: 1,
  }).returningAll().executeTakeFirstOrThrow();
  const event = rescueEventFromRow(row);
  const { id: _id, tenantId: _t, createdAt: _c, updatedAt: _u, version: _v, ...recorded } = event;
  await appendEvent({
    tx, tenantId, actorId: actor.id, action: 'rescue.registered', entityType: 'rescue-event', entityId: event.id,
    reason: input.reason ?? null, requestId, at: now, data: recorded,
  });
  return event;
}
