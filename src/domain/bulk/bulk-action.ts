/**
 * @module domain/bulk/bulk-action
 * One action on many cases at once — assign the unassigned, reassign, flag, remove a flag — named by
 * their ids or by a filter, in one transaction. Every record gets its own result: `ok` (and whether it
 * changed), `refused` with a code and the reason, or `not-found`; every change is its own audited event,
 * exactly what the same action on one case would record, plus the bulk action's id.
 *
 * Each record is judged as a single update would be: `assign`/`reassign` need the permission table's
 * `assign` on the case, flags its `update`; a case outside the caller's tenant is not found, one inside
 * but outside the caller's reach is refused. An assignee must be a user of the tenant who works on
 * cases, in the case's unit — or the action names the unit the cases move to.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { authorize, can } from '../access/authorize.ts';
import { isRole, type Actor } from '../access/roles.ts';
import { lockHeadQuery, missingHead } from '../audit/append-event.ts';
import { caseScope, type CaseKind, type CaseStage } from '../cases/case.ts';
import { DomainError, isDomainError, type DomainErrorCode } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { chainEvents } from './chain-events.ts';

export const BULK_ACTIONS = ['assign', 'reassign', 'flag', 'unflag'] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

/** What a flag on a case says; a case carries each flag at most once. */
export const CASE_FLAGS = {
  priority: 'To be handled first',
  vulnerability: 'Possible special needs to assess (APR Art. 20–23; Directive 2024/1346 Art. 24–25)',
  'age-dispute': 'The declared age is in doubt',
  'family-tracing': 'Family members to find or link',
  'security-check': 'A security check is pending',
  'data-quality': 'Registration data to correct',
  'legal-review': 'To be seen by a legal adviser',
} as const;
export type CaseFlag = keyof typeof CASE_FLAGS;

/** At most this many cases per bulk action: a larger filter is refused, so nothing is silently cut off. */
export const BULK_LIMIT = 1000;

export interface BulkCaseFilter {
  kind?: CaseKind;
  stage?: CaseStage;
  unitId?: string;
  /** A user id, or null for cases nobody is assigned to. */
  assignedTo?: string | null;
  flag?: CaseFlag;
  /** Cases opened by this import job. */
  importJobId?: string;
}

export interface BulkActionInput {
  action: BulkActionName;
  /** The cases, by id; or give `filter`. */
  caseIds?: string[];
  filter?: BulkCaseFilter;
  /** assign, reassign: the new assignee. */
  to?: string;
  /** reassign: only cases assigned to this user. */
  from?: string;
  /** assign, reassign: move the cases to this unit too. */
  unitId?: string;
  /** flag, unflag. */
  flag?: CaseFlag;
  reason: string;
}

export interface BulkRecordResult {
  caseId: string;
  reference: string | null;
  status: 'ok' | 'refused' | 'not-found';
  /** For `ok`: whether anything changed (a flag already there, or the same assignee, changes nothing). */
  changed?: boolean;
  code?: DomainErrorCode;
  reason?: string;
}

export interface BulkActionResult {
  id: string;
  action: BulkActionName;
  total: number;
  ok: number;
  changed: number;
  refused: number;
  notFound: number;
  results: BulkRecordResult[];
}

export interface RunBulkActionOptions {
  tx: Tx;
  actor: Actor;
  input: BulkActionInput;
  requestId?: string | null;
  now?: Date;
}

interface TargetRow { id: string; reference: string; unit_id: string | null; assigned_to: string | null; opened_by: string; closed_at: Date | null; stage: string }

/** The permission an action needs on each case. */
const NEEDS: Record<BulkActionName, 'assign' | 'update'> = { assign: 'assign', reassign: 'assign', flag: 'update', unflag: 'update' };

function invalid(path: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);
}

/** The assignee named by `to`: a user of the tenant who may work on cases. */
async function assigneeOf(tx: Tx, actor: Actor, to: string): Promise<Actor> {
  const user = await tx.selectFrom('users').selectAll().where('id', '=', to).where('tenant_id', '=', actor.tenantId).executeTakeFirst();
  if (!user) throw invalid('to', `no user ${to} in ${actor.tenantId}`);
  const assignee: Actor = { id: user.id, displayName: user.display_name, tenantId: user.tenant_id, unitId: user.unit_id, roles: user.roles.filter(isRole) };
  if (!can({ actor: assignee, action: 'update', resource: 'case' })) throw invalid('to', `${to} does not work on cases`);
  return assignee;
}

/** The cases the action names, locked: by id (in the tenant), or by filter within the caller's read scope. */
async function targetsOf(tx: Tx, actor: Actor, input: BulkActionInput): Promise<TargetRow[]> {
  let query = tx.selectFrom('cases').select(['id', 'reference', 'unit_id', 'assigned_to', 'opened_by', 'closed_at', 'stage']).where('tenant_id', '=', actor.tenantId);
  if (input.caseIds) {
    const ids = input.caseIds.filter(isUuid);
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  } else {
    const f = input.filter ?? {};
    const scope = authorize({ actor, action: 'read', resource: 'case' });
    if (scope === 'unit') query = query.where('unit_id', '=', actor.unitId ?? '');
    if (scope === 'own') query = query.where((eb) => eb.or([eb('assigned_to', '=', actor.id), eb('opened_by', '=', actor.id)]));
    if (f.kind) query = query.where('kind', '=', f.kind);
    if (f.stage) query = query.where('stage', '=', f.stage);
    if (f.unitId) query = query.where('unit_id', '=', f.unitId);
    if (f.assignedTo !== undefined) query = f.assignedTo === null ? query.where('assigned_to', 'is', null) : query.where('assigned_to', '=', f.assignedTo);
    if (f.flag) query = query.where(({ exists, selectFrom }) => exists(selectFrom('case_flags').select('flag').whereRef('case_flags.tenant_id', '=', 'cases.tenant_id').whereRef('case_flags.case_id', '=', 'cases.id').where('flag', '=', f.flag!)));
    if (f.importJobId) {
      if (!isUuid(f.importJobId)) return [];
      query = query.where(({ exists, selectFrom }) => exists(selectFrom('case_external_refs').select('case_id').whereRef('case_external_refs.tenant_id', '=', 'cases.tenant_id').whereRef('case_external_refs.case_id', '=', 'cases.id').where('job_id', '=', f.importJobId!)));
    }
    query = query.orderBy('reference').limit(BULK_LIMIT + 1);
  }
  const rows = await query.forUpdate().execute() as TargetRow[];
  if (!input.caseIds && rows.length > BULK_LIMIT) throw invalid('filter', `matches more than ${BULK_LIMIT} cases: narrow it, or act in several steps`);
  return rows;
}

/** Why this case is refused, or null when the action may go on. */
function refusalOf(actor: Actor, input: BulkActionInput, row: TargetRow, assignee: Actor | null, flags: ReadonlySet<string>): { code: DomainErrorCode; reason: string } | 'unchanged' | null {
  const scope = caseScope({ tenantId: actor.tenantId, unitId: row.unit_id, assignedTo: row.assigned_to, openedBy: row.opened_by });
  try {
    authorize({ actor, action: 'read', resource: 'case', record: scope });
    authorize({ actor, action: NEEDS[input.action], resource: 'case', record: scope });
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, reason: error.message };
    throw error;
  }
  if (input.action === 'flag') return flags.has(input.flag!) ? 'unchanged' : null;
  if (input.action === 'unflag') return flags.has(input.flag!) ? null : 'unchanged';
  if (row.closed_at !== null) return { code: 'INVALID_STATE', reason: `case ${row.reference} is closed` };
  if (input.action === 'assign' && row.assigned_to !== null && row.assigned_to !== input.to) {
    return { code: 'INVALID_STATE', reason: `case ${row.reference} is assigned to ${row.assigned_to}: reassign it` };
  }
  if (input.action === 'reassign') {
    if (row.assigned_to === null) return { code: 'INVALID_STATE', reason: `case ${row.reference} is assigned to nobody: assign it` };
    if (input.from !== undefined && row.assigned_to !== input.from) return { code: 'INVALID_STATE', reason: `case ${row.reference} is assigned to ${row.assigned_to}, not ${input.from}` };
  }
  const unit = input.unitId ?? row.unit_id;
  if (assignee?.unitId && unit !== assignee.unitId) {
    return { code: 'INVALID_STATE', reason: `case ${row.reference} is in unit ${unit ?? 'none'}, ${assignee.id} works in ${assignee.unitId}: name the unit to move it to` };
  }
  return row.assigned_to === input.to && unit === row.unit_id ? 'unchanged' : null;
}

/** Checks the request as a whole: which cases, which fields for which action. */
function checkInput(input: BulkActionInput): void {
  if ((input.caseIds === undefined) === (input.filter === undefined)) throw invalid('caseIds', 'give either caseIds or filter, exactly one');
  if (input.caseIds && input.caseIds.length > BULK_LIMIT) throw invalid('caseIds', `at most ${BULK_LIMIT} cases at once`);
  const assigning = input.action === 'assign' || input.action === 'reassign';
  if (assigning && !input.to) throw invalid('to', `${input.action} needs the user to assign to`);
  if (!assigning && (input.to !== undefined || input.unitId !== undefined)) throw invalid(input.to !== undefined ? 'to' : 'unitId', `not used by ${input.action}`);
  if (input.from !== undefined && input.action !== 'reassign') throw invalid('from', `only reassign takes from`);
  if ((input.action === 'flag' || input.action === 'unflag') !== (input.flag !== undefined)) throw invalid('flag', input.flag === undefined ? `${input.action} needs a flag` : `not used by ${input.action}`);
}

/**
 * Runs the action; refusals of single records are results, not errors.
 * @throws DomainError VALIDATION_FAILED (the request as a whole: no cases named, an unknown assignee or
 * unit, a filter matching more than {@link BULK_LIMIT} cases), FORBIDDEN when the caller may not do the
 * action on any case.
 * @example await runBulkAction({ tx, actor, input: { action: 'assign', filter: { assignedTo: null, unitId: 'asylum' }, to: 'it-caseworker', reason: 'Monday allocation' } });
 */
export async function runBulkAction({ tx, actor, input, requestId = null, now = new Date() }: RunBulkActionOptions): Promise<BulkActionResult> {
  authorize({ actor, action: NEEDS[input.action], resource: 'case' });
  checkInput(input);
  const assignee = input.to ? await assigneeOf(tx, actor, input.to) : null;
  if (input.unitId && !(await tx.selectFrom('units').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.unitId).executeTakeFirst())) {
    throw invalid('unitId', `unit ${input.unitId} does not exist in ${actor.tenantId}`);
  }
  const rows = await targetsOf(tx, actor, input);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const flagged = new Set<string>();
  if (input.flag && rows.length > 0) {
    const found = await tx.selectFrom('case_flags').select('case_id').where('tenant_id', '=', actor.tenantId).where('flag', '=', input.flag).where('case_id', 'in', rows.map((r) => r.id)).execute();
    for (const f of found) flagged.add(f.case_id);
  }
  const order = input.caseIds ? [...new Set(input.caseIds)] : rows.map((r) => r.id);
  const results: BulkRecordResult[] = [];
  const changing: TargetRow[] = [];
  for (const caseId of order) {
    const row = byId.get(caseId);
    if (!row) { results.push({ caseId, reference: null, status: 'not-found' }); continue; }
    const refusal = refusalOf(actor, input, row, assignee, flagged.has(row.id) ? new Set([input.flag!]) : new Set());
    if (refusal === 'unchanged') results.push({ caseId, reference: row.reference, status: 'ok', changed: false });
    else if (refusal) results.push({ caseId, reference: row.reference, status: 'refused', code: refusal.code, reason: refusal.reason });
    else { results.push({ caseId, reference: row.reference, status: 'ok', changed: true }); changing.push(row); }
  }
  const id = randomUUID();
  if (changing.length > 0) await applyChanges(tx, actor, input, changing, { id, requestId, now });
  const count = (status: BulkRecordResult['status']) => results.filter((r) => r.status === status).length;
  return { id, action: input.action, total: results.length, ok: count('ok'), changed: changing.length, refused: count('refused'), notFound: count('not-found'), results };
}

/** Writes the changes and one audit event per case, chained onto the tenant's locked head. */
async function applyChanges(tx: Tx, actor: Actor, input: BulkActionInput, rows: TargetRow[], { id, requestId, now }: { id: string; requestId: string | null; now: Date }): Promise<void> {
  const tenantId = actor.tenantId;
  const head = (await lockHeadQuery(tenantId).execute(tx)).rows[0];
  if (!head) throw missingHead(tenantId);
  const ids = rows.map((r) => r.id);
  const bulk = { id, action: input.action };
  let datas: Array<{ action: string; data: Record<string, unknown> }>;
  if (input.action === 'assign' || input.action === 'reassign') {
    const result = await sql<{ id: string; version: number }>`
      update cases set assigned_to = ${input.to!}, unit_id = coalesce(${input.unitId ?? null}::text, unit_id), version = version + 1, updated_at = ${now}
      where tenant_id = ${tenantId} and id = any(${ids}::uuid[]) returning id, version`.execute(tx);
    const versionOf = new Map(result.rows.map((r) => [r.id, r.version]));
    datas = rows.map((r) => {
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (r.assigned_to !== input.to) changes.assignedTo = { from: r.assigned_to, to: input.to };
      if (input.unitId && input.unitId !== r.unit_id) changes.unitId = { from: r.unit_id, to: input.unitId };
      return { action: 'case.updated', data: { version: versionOf.get(r.id), changes, bulk } };
    });
  } else if (input.action === 'flag') {
    await sql`insert into case_flags (tenant_id, case_id, flag, flagged_by, flagged_at, reason)
      select ${tenantId}, x.id, ${input.flag!}, ${actor.id}, ${now}, ${input.reason} from unnest(${ids}::uuid[]) as x(id)`.execute(tx);
    datas = rows.map(() => ({ action: 'case.flagged', data: { flag: input.flag, bulk } }));
  } else {
    await sql`delete from case_flags where tenant_id = ${tenantId} and flag = ${input.flag!} and case_id = any(${ids}::uuid[])`.execute(tx);
    datas = rows.map(() => ({ action: 'case.unflagged', data: { flag: input.flag, bulk } }));
  }
  const chained = chainEvents(head, rows.map((r, i) => ({
    tenantId, at: now.toISOString(), actorId: actor.id, action: datas[i]!.action, entityType: 'case', entityId: r.id,
    reason: input.reason, legalBasis: [], data: datas[i]!.data, requestId,
  })));
  const last = chained[chained.length - 1]!;
  const events = chained.map((c) => ({ seq: c.event.seq, action: c.event.action, entity_id: c.event.entityId, data: c.event.data, prev_hash: c.prevHash, hash: c.hash }));
  await sql`
    with new_events as (
      insert into audit_events (tenant_id, seq, at, actor_id, action, entity_type, entity_id, reason, legal_basis, data, request_id, prev_hash, hash)
      select ${tenantId}, x.seq, ${now}, ${actor.id}, x.action, 'case', x.entity_id, ${input.reason}, '[]', x.data, ${requestId}, x.prev_hash, x.hash
      from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as x(seq bigint, action text, entity_id text, data jsonb, prev_hash text, hash text)
    )
    update audit_heads set seq = ${last.event.seq}, hash = ${last.hash} where tenant_id = ${tenantId}`.execute(tx);
}
