/**
 * @module domain/deadlines/list-queue
 * The caseworker's queue: the open cases the caller may read (scope from the permission table: own,
 * unit or tenant), most urgent first — the earliest next deadline first, cases without a deadline
 * last, then the longest open — with the next deadline and the days left. Keyset pagination.
 *
 * Each page is one scan of an index in queue order (`cases_queue_unit`, `_tenant`, `_assignee`,
 * `_stage`, `_kind`, migration 0025), which is why the next due date is copied onto the case: a page
 * costs about the same at a million cases as at a hundred. Each page is planned for its own filter
 * values, with the statistics on how units, kinds and stages go together. Cases with a deadline and cases without
 * are read by two scans (a row comparison cannot step from dates to nulls), the second only when the
 * first did not fill the page.
 */
import { sql, type SqlBool, type Expression } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { CaseKind, CaseStage } from '../cases/case.ts';
import { daysBetween } from '../../rules/engine/dates.ts';

export interface ListQueueOptions {
  tx: Tx;
  actor: Actor;
  kind?: CaseKind;
  stage?: CaseStage;
  unitId?: string;
  /** A user id, `me`, or `none` for unassigned cases. */
  assignedTo?: string;
  /** Only cases whose next deadline has passed (`true`), or only the others (`false`). */
  overdue?: boolean;
  limit?: number;
  /** Opaque cursor from the previous page. */
  after?: string;
  /** The day "overdue" and "days left" are counted from (default today). */
  on?: string;
}

export interface QueueItem {
  id: string;
  reference: string;
  kind: string;
  stage: string;
  unitId: string | null;
  assignedTo: string | null;
  openedAt: string;
  version: number;
  next: { name: string; dueOn: string; daysLeft: number; overdue: boolean } | null;
}

export interface QueuePage {
  items: QueueItem[];
  next: string | null;
}

interface QueueRow {
  id: string; reference: string; kind: string; stage: string; unit_id: string | null; assigned_to: string | null;
  opened_at: Date; opened_key: string; version: number; next_due_on: string | null; next_deadline: string | null;
}

/** Where the previous page stopped: the last row's next due date (null: among the cases without one), opening time and id. */
type Cursor = [string | null, string, string];

function encodeCursor(row: QueueRow): string {
  return Buffer.from(JSON.stringify([row.next_due_on, row.opened_key, row.id] satisfies Cursor)).toString('base64url');
}

function decodeCursor(after: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 3 && (value[0] === null || /^\d{4}-\d{2}-\d{2}$/.test(value[0]))
      && typeof value[1] === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value[1]) && typeof value[2] === 'string' && isUuid(value[2])) {
      return value as Cursor;
    }
  } catch { /* reported below */ }
  throw new DomainError('VALIDATION_FAILED', 'the cursor is not one this queue gave', [{ path: 'after', message: 'invalid cursor' }]);
}

/**
 * @throws DomainError FORBIDDEN without `case.read`; VALIDATION_FAILED for a cursor it did not give.
 * @example const page = await listQueue({ tx, actor, overdue: true, limit: 50 });
 */
export async function listQueue({ tx, actor, kind, stage, unitId, assignedTo, overdue, limit = 50, after, on = new Date().toISOString().slice(0, 10) }: ListQueueOptions): Promise<QueuePage> {
  const scope = authorize({ actor, action: 'read', resource: 'case' });
  const cursor = after ? decodeCursor(after) : null;
  const assignee = assignedTo === 'me' ? actor.id : assignedTo;
  /** The caller's open cases under the filters; in one unit (null: none) when `unit` is given. */
  const base = (unit?: string | null) => {
    let query = tx.selectFrom('cases')
      .select(['id', 'reference', 'kind', 'stage', 'unit_id', 'assigned_to', 'opened_at', 'version', 'next_due_on', 'next_deadline'])
      // The opening time to the microsecond, for the cursor (a JavaScript Date keeps milliseconds).
      .select(sql<string>`to_char(opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('opened_key'))
      .where('tenant_id', '=', actor.tenantId).where('closed_at', 'is', null);
    if (scope === 'unit') query = query.where('unit_id', '=', actor.unitId ?? '');
    if (scope === 'own') query = query.where((eb) => eb.or([eb('assigned_to', '=', actor.id), eb('opened_by', '=', actor.id)]));
    if (unitId) query = query.where('unit_id', '=', unitId);
    if (unit !== undefined) query = unit === null ? query.where('unit_id', 'is', null) : query.where('unit_id', '=', unit);
    if (assignee === 'none') query = query.where('assigned_to', 'is', null);
    else if (assignee) query = query.where('assigned_to', '=', assignee);
    if (kind) query = query.where('kind', '=', kind);
    if (stage) query = query.where('stage', '=', stage);
    return query;
  };
  type Query = ReturnType<typeof base>;
  // Plan each page for its own values: a prepared statement's generic plan cannot see that a filter
  // is rare in the scope (return cases in an asylum unit) and would walk the whole unit's queue.
  await sql`set local plan_cache_mode = force_custom_plan`.execute(tx);
  // A stage or kind across the tenant: one ordered scan per unit (the stage and kind indexes hold the
  // unit next), each cut at the page size, then the few rows merged.
  const fanOut = scope === 'tenant' && !unitId && (kind || stage)
    ? [...(await tx.selectFrom('units').select('id').where('tenant_id', '=', actor.tenantId).orderBy('id').execute()).map((u) => u.id), null]
    : null;
  // Ordered by the due date in both parts, also where it is null: the planner then reads the index in
  // order (`is null` does not count as an equality for it, and it would sort the whole scope).
  const read = async (part: (q: Query) => Query, n: number): Promise<QueueRow[]> => {
    const ordered = (q: Query) => part(q).orderBy('next_due_on').orderBy('opened_at').orderBy('id').limit(n);
    if (!fanOut) return await ordered(base()).execute() as QueueRow[];
    const branches = fanOut.map((unit, i) => tx.selectFrom(ordered(base(unit)).as(`u${i}`)).selectAll());
    const union = branches.slice(1).reduce((all, branch) => all.unionAll(branch), branches[0]!);
    return await tx.selectFrom(union.as('q')).selectAll().orderBy('next_due_on').orderBy('opened_at').orderBy('id').limit(n).execute() as QueueRow[];
  };
  const rows: QueueRow[] = [];
  // Cases with a next deadline, in date order (none when the cursor is already past them).
  if (!cursor || cursor[0] !== null) {
    rows.push(...await read((q) => {
      let query = q.where('next_due_on', 'is not', null);
      if (overdue === true) query = query.where('next_due_on', '<', on);
      if (overdue === false) query = query.where('next_due_on', '>=', on);
      if (cursor) query = query.where(sql<SqlBool>`(next_due_on, opened_at, id) > (${cursor[0]}::date, ${cursor[1]}::timestamptz, ${cursor[2]}::uuid)` as Expression<SqlBool>);
      return query;
    }, limit + 1));
  }
  // Then the cases without one, longest open first; never overdue.
  if (rows.length <= limit && overdue !== true) {
    rows.push(...await read((q) => {
      const query = q.where('next_due_on', 'is', null);
      return cursor && cursor[0] === null ? query.where(sql<SqlBool>`(opened_at, id) > (${cursor[1]}::timestamptz, ${cursor[2]}::uuid)` as Expression<SqlBool>) : query;
    }, limit + 1 - rows.length));
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id, reference: r.reference, kind: r.kind, stage: r.stage, unitId: r.unit_id, assignedTo: r.assigned_to,
      openedAt: new Date(r.opened_at).toISOString(), version: r.version,
      next: r.next_due_on && r.next_deadline
        ? { name: r.next_deadline, dueOn: r.next_due_on, daysLeft: daysBetween(on, r.next_due_on), overdue: r.next_due_on < on }
        : null,
    })),
    next: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
