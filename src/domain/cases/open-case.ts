/**
 * @module domain/cases/open-case
 * Opens a case and records the person it concerns, with one audit event, in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendCtes, chainOnto, lockHeadQuery, missingHead } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { insertPersonCte, newPerson, unknownRecordType, type PersonData, type RetentionTerms } from '../persons/create-person.ts';
import type { CaseRow } from '../../storage/schema.ts';
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
  const tenantId = actor.tenantId;
  const recordType = input.recordType ?? 'applicant';
  const year = now.getUTCFullYear();
  // First statement: lock the tenant's audit chain head (held until commit; appends of a tenant
  // serialise here), then take the next case number, and read the retention policy and the unit.
  // The counter is taken from the locked head's row, so the two locks are always taken in that order.
  const reserved = await sql<{ seq: string; hash: string; number: string; unit_ok: boolean } & { [K in keyof RetentionTerms]: RetentionTerms[K] | null }>`
    with head as (${lockHeadQuery(tenantId)}),
    number as (
      insert into counters (tenant_id, name, value) select ${tenantId}, ${`case-${year}`}, 1 from head
      on conflict (tenant_id, name) do update set value = counters.value + 1
      returning value
    )
    select head.seq, head.hash, number.value as number, policy.retain_months, policy.counted_from,
           ${unitId ? sql`exists (select 1 from units where tenant_id = ${tenantId} and id = ${unitId})` : sql`true`} as unit_ok
    from head cross join number left join retention_policies policy on policy.record_type = ${recordType}`.execute(tx);
  const r = reserved.rows[0];
  if (!r) throw missingHead(tenantId);
  if (!r.unit_ok) throw new DomainError('VALIDATION_FAILED', `unit ${unitId} does not exist in ${tenantId}`, [{ path: 'unitId', message: 'unknown unit' }]);
  if (r.retain_months === null || r.counted_from === null) throw unknownRecordType(recordType);
  const person = newPerson({ tenantId, recordType, data: input.person, now, policy: { retain_months: r.retain_months, counted_from: r.counted_from } });
  const id = randomUUID();
  const reference = `${tenantId}-${year}-${String(Number(r.number)).padStart(6, '0')}`;
  const appended = chainOnto(r, {
    tenantId, actorId: actor.id, action: 'case.opened', entityType: 'case', entityId: id,
    reason: input.reason ?? null, requestId, at: now,
    data: { reference, kind: input.kind, stage: 'registered', unitId, assignedTo, personId: person.id, recordType },
  });
  // Second statement: the person, the audit event and the head move, and the case, all at once.
  const row = await sql<Selectable<CaseRow>>`
    with ${insertPersonCte(person)}, ${appendCtes(appended)}
    insert into cases (tenant_id, id, reference, person_id, kind, stage, unit_id, assigned_to, opened_by, opened_at, updated_at, version)
    values (${tenantId}, ${id}, ${reference}, ${person.id}, ${input.kind}, 'registered', ${unitId}, ${assignedTo}, ${actor.id}, ${now}, ${now}, 1)
    returning *`.execute(tx);
  return caseFromRow(row.rows[0]!);
}
