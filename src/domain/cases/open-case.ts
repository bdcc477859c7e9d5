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
import { appendManyCtes, chainMany, lockHeadQuery, missingHead } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { registrationCandidates, reportedCandidates, type DuplicateCandidate, type ScoredRow } from '../persons/find-duplicates.ts';
import { insertPersonsCte, newPerson, unknownRecordType, type NewPerson, type PersonData, type RetentionTerms } from '../persons/create-person.ts';
import { namesLine } from '../persons/person.ts';
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

/** One case to open in a batch: who asks, what, and the request it came with. */
export interface OpenCaseItem {
  actor: Actor;
  input: OpenCaseInput;
  requestId?: string | null;
}

/** What became of one item of a batch: the case opened, or the refusal that item alone earned. */
export type OpenCaseOutcome = { opened: OpenedCase } | { refused: DomainError };

export interface OpenCasesOptions {
  tx: Tx;
  /** The tenant of the transaction; every item's actor must belong to it. */
  tenantId: string;
  items: readonly OpenCaseItem[];
  now?: Date;
}

type Reserved = { seq: string; hash: string; number: string; unit_ok: boolean; person_state: string | null; duplicates: ScoredRow[] | null }
  & { [K in keyof RetentionTerms]: RetentionTerms[K] | null };

/** An item that passed the checks made before anything is read, with the values it resolves to. */
interface Pending {
  index: number;
  item: OpenCaseItem;
  unitId: string | null;
  assignedTo: string | null;
  recordType: string;
}

/** The checks that need no database: permission, the person given once, a well-formed id. */
function precheck(tenantId: string, item: OpenCaseItem, index: number): Pending {
  const { actor, input } = item;
  if (actor.tenantId !== tenantId) throw new Error(`openCases: actor ${actor.id} of ${actor.tenantId} in a ${tenantId} transaction`);
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
  return { index, item, unitId, assignedTo, recordType: input.recordType ?? 'applicant' };
}

/**
 * First statement: lock the tenant's audit chain head (held until commit; appends of a tenant
 * serialise here), take the next case numbers (as many as there are items), and for each item read
 * the retention policy and the unit, and look for duplicates of the person (or check the person
 * named). One row per item, in order. The counter is taken from the locked head's row, so the two
 * locks are always taken in that order.
 */
async function reserve(tx: Tx, tenantId: string, year: number, pending: readonly Pending[]): Promise<Reserved[]> {
  const person = (p: Pending) => p.item.input.person;
  // The items travel as a VALUES list rather than arrays: the planner then knows how many rows there
  // are, and keeps one generic plan per batch size (with an array it planned every call afresh).
  const reserved = await sql<Reserved>`
    with head as (${lockHeadQuery(tenantId)}),
    number as (
      insert into counters (tenant_id, name, value) select ${tenantId}, ${`case-${year}`}, ${pending.length} from head
      on conflict (tenant_id, name) do update set value = counters.value + ${pending.length}
      returning value
    )
    select head.seq, head.hash, number.value as number, policy.retain_months, policy.counted_from,
           (i.unit_id is null or exists (select 1 from units u where u.tenant_id = ${tenantId} and u.id = i.unit_id)) as unit_ok,
           case when i.person_id is null then null else
             (select case when p.erased_at is not null then 'erased' when p.merged_into is not null then 'merged:' || p.merged_into else 'ok' end
              from persons p where p.tenant_id = ${tenantId} and p.id = i.person_id) end as person_state,
           case when i.names is null then null else ${registrationCandidates(tenantId, sql`i.names`, sql`i.nationality`, sql`i.birth_date`)} end as duplicates
    from head cross join number
    cross join (values ${sql.join(pending.map((p, ord) => {
      const data = person(p);
      return sql`(${p.unitId}::text, ${p.recordType}::text, ${p.item.input.personId ?? null}::uuid, ${data ? namesLine(data) : null}::text,
                  ${data?.nationality ?? null}::text, ${data?.birthDate ?? null}::text, ${ord}::int)`;
    }))}) as i(unit_id, record_type, person_id, names, nationality, birth_date, ord)
    left join retention_policies policy on policy.record_type = i.record_type
    order by i.ord`.execute(tx);
  if (reserved.rows.length === 0) throw missingHead(tenantId);
  return reserved.rows;
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

/** The checks on what the first statement read; the duplicates to report when the item may go on. */
function checkReserved(tenantId: string, p: Pending, r: Reserved): DuplicateCandidate[] {
  if (!r.unit_ok) throw new DomainError('VALIDATION_FAILED', `unit ${p.unitId} does not exist in ${tenantId}`, [{ path: 'unitId', message: 'unknown unit' }]);
  if (r.retain_months === null || r.counted_from === null) throw unknownRecordType(p.recordType);
  checkPersonState(p.item.input, r.person_state, tenantId);
  const duplicates = reportedCandidates(r.duplicates ?? []);
  if (duplicates.length > 0 && p.item.input.onDuplicate === 'refuse') {
    throw new DomainError('DUPLICATE_SUSPECTED', `${duplicates.length} registered person(s) may be the same person: look at them, then merge, open the case for one (personId), or register with onDuplicate: report`,
      [], { candidates: duplicates });
  }
  return duplicates;
}

/** An item that will be written: its case, its person when it registers one, its duplicates. */
interface Accepted {
  index: number;
  pending: Pending;
  id: string;
  reference: string;
  person: NewPerson | null;
  personId: string;
  duplicates: DuplicateCandidate[];
}

/**
 * Opens the cases of several requests of one tenant in the caller's transaction, each with its own
 * audit event, in two statements whatever their number (group commit: see `api/group-commit.ts`). An
 * item that fails a check is refused alone and takes no case number; the others are written, numbered
 * and chained in the order given. Errors of the database (not of an item) are thrown and the caller's
 * transaction rolls back whole.
 * @example const outcomes = await openCases({ tx, tenantId: 'IT', items: [{ actor, input }] });
 */
export async function openCases({ tx, tenantId, items, now = new Date() }: OpenCasesOptions): Promise<OpenCaseOutcome[]> {
  const outcomes: OpenCaseOutcome[] = new Array(items.length);
  const pending: Pending[] = [];
  items.forEach((item, index) => {
    try { pending.push(precheck(tenantId, item, index)); } catch (error) { outcomes[index] = refusal(error); }
  });
  if (pending.length === 0) return outcomes;
  const year = now.getUTCFullYear();
  const rows = await reserve(tx, tenantId, year, pending);
  const head = rows[0]!;
  const first = Number(head.number) - pending.length + 1;
  const accepted: Accepted[] = [];
  pending.forEach((p, i) => {
    const r = rows[i]!;
    try {
      const duplicates = checkReserved(tenantId, p, r);
      const data = p.item.input.person;
      const person = data ? newPerson({ tenantId, recordType: p.recordType, data, now, policy: { retain_months: r.retain_months!, counted_from: r.counted_from! } }) : null;
      const reference = `${tenantId}-${year}-${String(first + accepted.length).padStart(6, '0')}`;
      accepted.push({ index: p.index, pending: p, id: randomUUID(), reference, person, personId: person?.id ?? p.item.input.personId!, duplicates });
    } catch (error) { outcomes[p.index] = refusal(error); }
  });
  // Refused items gave their numbers back: the counter ends at the last number used.
  const counterFix = accepted.length < pending.length
    ? sql`fixed_counter as (update counters set value = ${first + accepted.length - 1} where tenant_id = ${tenantId} and name = ${`case-${year}`})`
    : null;
  if (accepted.length === 0) {
    await sql`with ${counterFix!} select 1`.execute(tx);
    return outcomes;
  }
  const appends = chainMany(head, accepted.map((a) => {
    const { item, unitId, assignedTo, recordType } = a.pending;
    return {
      tenantId, actorId: item.actor.id, action: 'case.opened', entityType: 'case', entityId: a.id,
      reason: item.input.reason ?? null, requestId: item.requestId ?? null, at: now,
      data: { reference: a.reference, kind: item.input.kind, stage: 'registered', unitId, assignedTo, personId: a.personId, recordType,
        ...(a.person ? {} : { existingPerson: true }),
        ...(a.duplicates.length > 0 ? { duplicateCandidates: a.duplicates.map((d) => d.personId) } : {}) },
    };
  }));
  const persons = accepted.flatMap((a) => (a.person ? [a.person] : []));
  // Second statement: the persons, the audit events and the head move, and the cases, all at once.
  const inserted = await sql<Selectable<CaseRow>>`
    with ${persons.length > 0 ? sql`${insertPersonsCte(persons)}, ` : sql``}${appendManyCtes(appends)}${counterFix ? sql`, ${counterFix}` : sql``}
    insert into cases (tenant_id, id, reference, person_id, kind, stage, unit_id, assigned_to, opened_by, opened_at, updated_at, version)
    values ${sql.join(accepted.map((a) => sql`(${tenantId}, ${a.id}, ${a.reference}, ${a.personId}, ${a.pending.item.input.kind}, 'registered',
      ${a.pending.unitId}, ${a.pending.assignedTo}, ${a.pending.item.actor.id}, ${now}, ${now}, 1)`))}
    returning *`.execute(tx);
  const byId = new Map(inserted.rows.map((row) => [row.id, row]));
  for (const a of accepted) {
    const row = byId.get(a.id);
    if (!row) throw new Error(`case ${a.id} was not stored`);
    outcomes[a.index] = { opened: { ...caseFromRow(row), duplicates: a.duplicates } };
  }
  return outcomes;
}

/** An item's own refusal; anything else is not the item's doing and fails the batch. */
function refusal(error: unknown): OpenCaseOutcome {
  if (error instanceof DomainError) return { refused: error };
  throw error;
}

/**
 * Opens a case in the actor's tenant. Unit defaults to the actor's unit; assigning to somebody other
 * than oneself needs the `assign` permission.
 * @example const c = await openCase({ tx, actor, input: { kind: 'asylum', person: { ... } } });
 */
export async function openCase({ tx, actor, input, requestId = null, now = new Date() }: OpenCaseOptions): Promise<OpenedCase> {
  const [outcome] = await openCases({ tx, tenantId: actor.tenantId, items: [{ actor, input, requestId }], now });
  if ('refused' in outcome!) throw outcome.refused;
  return outcome!.opened;
}
