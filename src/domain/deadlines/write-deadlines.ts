/**
 * @module domain/deadlines/write-deadlines
 * Stores the deadline changes of one or many cases of a tenant in one statement: the cases' current
 * deadlines (upserted, the others deleted), how the ended ones ended, the open tasks of deadlines that
 * ended or moved (resolved by the system), and each case's next due date for the queue. The same
 * statement serves a single transition and a batch of thousands in the bulk recompute; it runs in the
 * caller's transaction, which also appends the audit event.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../storage/transaction.ts';
import type { DeadlineChange, DeadlineProvenance } from './deadline.ts';

/** The system, when it resolves a task whose deadline ended or moved. */
export const DEADLINE_SYSTEM = 'system:deadlines';

export interface CaseDeadlineWrite {
  caseId: string;
  /** The case's unit and kind, kept with an ended deadline for the compliance report. */
  unitId: string | null;
  kind: string;
  change: DeadlineChange;
  /** What ended them: the transition's id, `facts` or `law`. */
  cause: string;
}

export interface WriteDeadlinesOptions {
  tx: Tx;
  tenantId: string;
  writes: readonly CaseDeadlineWrite[];
  provenance: DeadlineProvenance;
  now: Date;
}

/** A task the system resolved because its deadline ended or moved. */
export interface ClosedTask {
  id: string;
  caseId: string;
  deadline: string;
  dueOn: string;
  kind: string;
}

export interface WrittenDeadlines {
  /** Cases whose deadlines were written (changed, or with one ended). */
  cases: number;
  tasksClosed: ClosedTask[];
}

/** Whether a change needs writing. */
export function needsWrite(change: DeadlineChange): boolean {
  return change.changed || change.ended.length > 0;
}

/**
 * Writes the changes that need writing; cases whose deadlines did not change are not touched.
 * @example await writeDeadlines({ tx, tenantId: 'IT', writes: [{ caseId, unitId, kind, change, cause: 'facts' }], provenance, now });
 */
export async function writeDeadlines({ tx, tenantId, writes, provenance, now }: WriteDeadlinesOptions): Promise<WrittenDeadlines> {
  const due = writes.filter((w) => needsWrite(w.change));
  if (due.length === 0) return { cases: 0, tasksClosed: [] };
  const ids = due.map((w) => w.caseId);
  const current = due.flatMap((w) => w.change.current.map((d) => ({ caseId: w.caseId, ...d })));
  const ended = due.flatMap((w) => w.change.ended.map((e) => ({ ...e, caseId: w.caseId, unitId: w.unitId, kind: w.kind, cause: w.cause })));
  const next = due.map((w) => w.change.current[0] ?? null);
  const result = await sql<{ closed: ClosedTask[] | null }>`
    with cur as (
      select * from unnest(${current.map((d) => d.caseId)}::uuid[], ${current.map((d) => d.name)}::text[], ${current.map((d) => d.dueOn)}::date[],
                           ${current.map((d) => JSON.stringify(d.basis))}::text[]) as u (case_id, name, due_on, basis)
    ),
    gone as (
      delete from case_deadlines d where d.tenant_id = ${tenantId} and d.case_id = any(${ids}::uuid[])
        and not exists (select 1 from cur where cur.case_id = d.case_id and cur.name = d.name)
    ),
    kept as (
      insert into case_deadlines (tenant_id, case_id, name, due_on, basis, assessed_on, law_digest, registry_revision, computed_at)
      select ${tenantId}, case_id, name, due_on, basis::jsonb, ${provenance.assessedOn}::date, ${provenance.lawDigest}, ${provenance.registryRevision}::bigint, ${now}
      from cur
      on conflict (tenant_id, case_id, name) do update set due_on = excluded.due_on, basis = excluded.basis, assessed_on = excluded.assessed_on,
        law_digest = excluded.law_digest, registry_revision = excluded.registry_revision, computed_at = excluded.computed_at,
        -- A deadline moved to another day is a new one for the sweep: its tasks are raised again.
        escalation = case when case_deadlines.due_on = excluded.due_on then case_deadlines.escalation end
    ),
    endings as (
      insert into case_deadline_endings (tenant_id, id, case_id, name, due_on, basis, party, unit_id, kind, outcome, ended_on, cause, recorded_at)
      select ${tenantId}, id, case_id, name, due_on, basis::jsonb, party, unit_id, kind, outcome, ended_on, cause, ${now}
      from unnest(${ended.map(() => randomUUID())}::uuid[], ${ended.map((e) => e.caseId)}::uuid[], ${ended.map((e) => e.name)}::text[],
                  ${ended.map((e) => e.dueOn)}::date[], ${ended.map((e) => JSON.stringify(e.basis))}::text[], ${ended.map((e) => e.party)}::text[],
                  ${ended.map((e) => e.unitId)}::text[], ${ended.map((e) => e.kind)}::text[], ${ended.map((e) => e.outcome)}::text[],
                  ${ended.map((e) => e.endedOn)}::date[], ${ended.map((e) => e.cause)}::text[])
        as u (id, case_id, name, due_on, basis, party, unit_id, kind, outcome, ended_on, cause)
    ),
    closed as (
      update case_tasks t set status = 'resolved', resolved_by = ${DEADLINE_SYSTEM}, resolved_at = ${now}, version = t.version + 1,
        resolution = case when exists (select 1 from cur where cur.case_id = t.case_id and cur.name = t.deadline)
                          then 'the deadline moved to another date' else 'the deadline no longer runs' end
      where t.tenant_id = ${tenantId} and t.case_id = any(${ids}::uuid[]) and t.status <> 'resolved'
        and not exists (select 1 from cur where cur.case_id = t.case_id and cur.name = t.deadline and cur.due_on = t.due_on)
      returning t.id, t.case_id as "caseId", t.deadline, t.due_on::text as "dueOn", t.kind
    ),
    nexts as (
      update cases c set next_due_on = n.due_on, next_deadline = n.name
      from unnest(${ids}::uuid[], ${next.map((d) => d?.dueOn ?? null)}::date[], ${next.map((d) => d?.name ?? null)}::text[]) as n (id, due_on, name)
      -- The key list as well as the join: the cases are found by their primary key, never by a scan of the tenant.
      where c.tenant_id = ${tenantId} and c.id = any(${ids}::uuid[]) and c.id = n.id
        and (c.next_due_on is distinct from n.due_on or c.next_deadline is distinct from n.name)
    )
    select (select json_agg(closed) from closed) as closed`.execute(tx);
  return { cases: due.length, tasksClosed: result.rows[0]?.closed ?? [] };
}
