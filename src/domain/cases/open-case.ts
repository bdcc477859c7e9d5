/**
 * @module domain/cases/open-case
 * Opens a case and records the person it concerns, with one audit event, in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { createPerson, type PersonData } from '../persons/create-person.ts';
import type { Tx } from '../../storage/transaction.ts';
import { caseFromRow, type Case, type CaseKind } from './case.ts';

export interface OpenCaseInput {
  kind: CaseKind;
  unitId?: string | null;
  assignedTo?: string | null;
  person: PersonData;
  /** Retention class of the person's data; default `applicant`. */
  recordType?: string;
  reason?: string | null;
}

export interface OpenCaseOptions {
  tx: Tx;
  actor: Actor;
  input: OpenCaseInput;
  requestId?: string | null;
  now?: Date;
}

/** Next value of a per-tenant counter (case references). */
async function nextCounter(tx: Tx, tenantId: string, name: string): Promise<number> {
  const result = await sql<{ value: string }>`
    insert into counters (tenant_id, name, value) values (${tenantId}, ${name}, 1)
    on conflict (tenant_id, name) do update set value = counters.value + 1
    returning value`.execute(tx);
  return Number(result.rows[0]!.value);
}

/**
 * Opens a case in the actor's tenant. Unit defaults to the actor's unit; assigning to somebody other
 * than oneself needs the `assign` permission.
 * @example const c = await openCase({ tx, actor, input: { kind: 'asylum', person: { ... } } });
 */
export async function openCase({ tx, actor, input, requestId = null, now = new Date() }: OpenCaseOptions): Promise<Case> {
  authorize({ actor, action: 'create', resource: 'case' });
  const unitId = input.unitId === undefined ? actor.unitId : input.unitId;
  const assignedTo = input.assignedTo === undefined ? actor.id : input.assignedTo;
  if (assignedTo !== actor.id || unitId !== actor.unitId) {
    authorize({ actor, action: 'assign', resource: 'case' });
  }
  if (unitId) {
    const unit = await tx.selectFrom('units').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw new DomainError('VALIDATION_FAILED', `unit ${unitId} does not exist in ${actor.tenantId}`, [{ path: 'unitId', message: 'unknown unit' }]);
  }
  const person = await createPerson({ tx, tenantId: actor.tenantId, recordType: input.recordType ?? 'applicant', data: input.person, now });
  const id = randomUUID();
  const year = now.getUTCFullYear();
  const reference = `${actor.tenantId}-${year}-${String(await nextCounter(tx, actor.tenantId, `case-${year}`)).padStart(6, '0')}`;
  const row = await tx.insertInto('cases').values({
    tenant_id: actor.tenantId, id, reference, person_id: person.id, kind: input.kind, stage: 'registered',
    unit_id: unitId, assigned_to: assignedTo, opened_by: actor.id, opened_at: now, updated_at: now, version: 1,
  }).returningAll().executeTakeFirstOrThrow();
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'case.opened', entityType: 'case', entityId: id,
    reason: input.reason ?? null, requestId, at: now,
    data: { reference, kind: input.kind, stage: 'registered', unitId, assignedTo, personId: person.id, recordType: person.recordType },
  });
  return caseFromRow(row);
}
