/**
 * @module domain/cases/open-case
 * Opens a case, with one audit event, in the caller's transaction: for a person registered with it
 * (checked for duplicates in the same statements), or for a person already registered (a person may
 * have several cases: screening, asylum, return, transfer, resettlement).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendCtes, chainOnto, lockHeadQuery, missingHead } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { registrationCandidates, reportedCandidates, type DuplicateCandidate, type ScoredRow } from '../persons/find-duplicates.ts';
import { insertPersonCte, newPerson, unknownRecordType, type PersonData, type RetentionTerms } from '../persons/create-person.ts';
import type { CaseRow } from '../../storage/schema.ts';
import type { Tx } from '../../storage/transaction.ts';
import { caseFromRow, type Case, type CaseKind } from './case.ts';

export interface OpenCaseInput {
  kind: CaseKind;
  unitId?: string | null;
  assignedTo?: string | null;
  /** A person registered with the case; or `personId` of one already registered. */
  person?: PersonData;
  personId?: string;
  /** Retention class of the person's data; default `applicant`. */
  recordType?: string;
  reason?: string | null;
  /**
   * When the person looks already registered: `report` (default) opens the case and lists the
   * candidates; `refuse` opens nothing and answers DUPLICATE_SUSPECTED with them.
   */
  onDuplicate?: 'report' | 'refuse';
}

export interface OpenCaseOptions {
  tx: Tx;
  actor: Actor;
  input: OpenCaseInput;
  requestId?: string | null;
  now?: Date;
}

export interface OpenedCase extends Case {
  /** Persons already registered who may be the same (ids and scores only; reading them is a logged read). */
  duplicates: DuplicateCandidate[];
}

type Reserved = { seq: string; hash: string; number: string; unit_ok: boolean; person_state: string | null; duplicates: ScoredRow[] | null }
  & { [K in keyof RetentionTerms]: RetentionTerms[K] | null };

/**
 * First statement: lock the tenant's audit chain head (held until commit; appends of a tenant
 * serialise here), take the next case number, read the retention policy and the unit, and look for
 * duplicates of the person (or check the person named). The counter is taken from the locked head's
 * row, so the two locks are always taken in that order.
 */
async function reserve(tx: Tx, tenantId: string, year: number, unitId: string | null, recordType: string, input: OpenCaseInput): Promise<Reserved> {
  const duplicates = input.person ? registrationCandidates(tenantId, input.person) : sql`null::jsonb`;
  const person = input.personId
    ? sql`(select case when erased_at is not null then 'erased' when merged_into is not null then 'merged:' || merged_into else 'ok' end
           from persons where tenant_id = ${tenantId} and id = ${input.personId})`
    : sql`null::text`;
  const reserved = await sql<Reserved>`
    with head as (${lockHeadQuery(tenantId)}),
    number as (
      insert into counters (tenant_id, name, value) select ${tenantId}, ${`case-${year}`}, 1 from head
      on conflict (tenant_id, name) do update set value = counters.value + 1
      returning value
    )
    select head.seq, head.hash, number.value as number, policy.retain_months, policy.counted_from,
           ${unitId ? sql`exists (select 1 from units where tenant_id = ${tenantId} and id = ${unitId})` : sql`true`} as unit_ok,
           ${person} as person_state, ${duplicates} as duplicates
    from head cross join number left join retention_policies policy on policy.record_type = ${recordType}`.execute(tx);
  const r = reserved.rows[0];
  if (!r) throw missingHead(tenantId);
  return r;
}

/** Refuses a case for a person that is not (or no longer) registered here. */
function checkPersonState(input: OpenCaseInput, state: string | null, tenantId: string): void {
  if (!input.personId) return;
  if (state === null) throw new DomainError('VALIDATION_FAILED', `person ${input.personId} is not registered in ${tenantId}`, [{ path: 'personId', message: 'unknown person' }]);
  if (state === 'erased') throw new DomainError('ERASED', `the data of person ${input.personId} was erased`);
  if (state.startsWith('merged:')) {
    const into = state.slice('merged:'.length);
    throw new DomainError('MERGED', `person ${input.personId} was merged into person ${into}: open the case for that person`, [], { mergedInto: into });
  }
}

/**
 * Opens a case in the actor's tenant. Unit defaults to the actor's unit; assigning to somebody other
 * than oneself needs the `assign` permission.
 * @example const c = await openCase({ tx, actor, input: { kind: 'asylum', person: { ... } } });
 */
export async function openCase({ tx, actor, input, requestId = null, now = new Date() }: OpenCaseOptions): Promise<OpenedCase> {
  authorize({ actor, action: 'create', resource: 'case' });
  if (input.personId !== undefined && !isUuid(input.personId)) {
    throw new DomainError('VALIDATION_FAILED', `${input.personId} is not a person id`, [{ path: 'personId', message: 'not a uuid' }]);
  }
  if (!input.person === !input.personId) {
    throw new DomainError('VALIDATION_FAILED', 'give either the person to register or the personId of one registered', [{ path: 'person', message: 'person or personId, exactly one' }]);
  }
  const unitId = input.unitId === undefined ? actor.unitId : input.unitId;
  const assignedTo = input.assignedTo === undefined ? actor.id : input.assignedTo;
  if (assignedTo !== actor.id || unitId !== actor.unitId) {
    authorize({ actor, action: 'assign', resource: 'case' });
  }
  const tenantId = actor.tenantId;
  const recordType = input.recordType ?? 'applicant';
  const year = now.getUTCFullYear();
  const r = await reserve(tx, tenantId, year, unitId, recordType, input);
  if (!r.unit_ok) throw new DomainError('VALIDATION_FAILED', `unit ${unitId} does not exist in ${tenantId}`, [{ path: 'unitId', message: 'unknown unit' }]);
  if (r.retain_months === null || r.counted_from === null) throw unknownRecordType(recordType);
  checkPersonState(input, r.person_state, tenantId);
  const duplicates = reportedCandidates(r.duplicates ?? []);
  if (duplicates.length > 0 && input.onDuplicate === 'refuse') {
    throw new DomainError('DUPLICATE_SUSPECTED', `${duplicates.length} registered person(s) may be the same person: look at them, then merge, open the case for one (personId), or register with onDuplicate: report`,
      [], { candidates: duplicates });
  }
  const person = input.person ? newPerson({ tenantId, recordType, data: input.person, now, policy: { retain_months: r.retain_months, counted_from: r.counted_from } }) : null;
  const personId = person?.id ?? input.personId!;
  const id = randomUUID();
  const reference = `${tenantId}-${year}-${String(Number(r.number)).padStart(6, '0')}`;
  const appended = chainOnto(r, {
    tenantId, actorId: actor.id, action: 'case.opened', entityType: 'case', entityId: id,
    reason: input.reason ?? null, requestId, at: now,
    data: { reference, kind: input.kind, stage: 'registered', unitId, assignedTo, personId, recordType, ...(person ? {} : { existingPerson: true }),
      ...(duplicates.length > 0 ? { duplicateCandidates: duplicates.map((d) => d.personId) } : {}) },
  });
  // Second statement: the person, the audit event and the head move, and the case, all at once.
  const row = await sql<Selectable<CaseRow>>`
    with ${person ? sql`${insertPersonCte(person)}, ` : sql``}${appendCtes(appended)}
    insert into cases (tenant_id, id, reference, person_id, kind, stage, unit_id, assigned_to, opened_by, opened_at, updated_at, version)
    values (${tenantId}, ${id}, ${reference}, ${personId}, ${input.kind}, 'registered', ${unitId}, ${assignedTo}, ${actor.id}, ${now}, ${now}, 1)
    returning *`.execute(tx);
  return { ...caseFromRow(row.rows[0]!), duplicates };
}
