/**
 * @module domain/deadlines/sweep-deadlines
 * Raises the tasks deadlines call for, on a day: a deadline due within the warning window (today
 * included) raises a task for the case's assignee — for the supervisors of its unit when nobody is
 * assigned; a deadline whose day has passed raises a task for the supervisors of the case's unit, so
 * that it escalates instead of expiring silently. A task exists once per deadline, due date and kind
 * (a unique key), so running the sweep twice raises nothing new; a deadline moved to a new date is a
 * new deadline. Each batch of tasks commits with one audit event listing them. A deadline carries how
 * far it was escalated, so a sweep reads only the deadlines that still call for a task.
 *
 * The server runs it periodically (`WAYPOINT_DEADLINE_SWEEP_MINUTES`), the operator with
 * `waypoint case deadlines sweep`.
 */
import { sql } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { inTenant, type Db } from '../../storage/transaction.ts';

/** The role passed deadlines escalate to. */
export const ESCALATION_ROLE = 'supervisor';

export interface SweepDeadlinesOptions {
  db: Db;
  /** The operator's system actor for the tenant (or an administrator of it). */
  actor: Actor;
  /** The day swept (default today). */
  on?: string;
  /** Days before a deadline when its task is raised (`WAYPOINT_DEADLINE_WARNING_DAYS`). */
  warningDays: number;
  batchSize?: number;
  now?: () => Date;
}

export interface SweepReport {
  tenantId: string;
  on: string;
  approaching: number;
  passed: number;
}

interface Raised { id: string; case_id: string; kind: string; deadline: string; due_on: string; assignee: string | null; role: string | null; unit_id: string | null }

/**
 * One batch: the most urgent deadlines not yet escalated as far as their date calls for get their
 * task, and are marked (`case_deadlines.escalation`) so that the next sweep does not look at them
 * again. Returns how many deadlines it looked at and the tasks it raised.
 */
async function raiseBatch(db: Db, actor: Actor, on: string, warningDays: number, size: number, now: Date): Promise<{ picked: number; raised: Raised[] }> {
  const tenantId = actor.tenantId;
  return inTenant(db, { tenantId }, async (tx) => {
    const result = await sql<{ picked: string; raised: Raised[] | null }>`
      with due as (
        select d.case_id, d.name, d.due_on, c.assigned_to, c.unit_id,
               case when d.due_on < ${on}::date then 'deadline-passed' else 'deadline-approaching' end as kind
        from case_deadlines d join cases c on c.tenant_id = d.tenant_id and c.id = d.case_id
        where d.tenant_id = ${tenantId} and d.due_on <= ${on}::date + ${warningDays}::int and (d.escalation is null or d.escalation = 'approaching')
          and (d.due_on < ${on}::date or d.escalation is null) and c.closed_at is null
        order by d.due_on, d.case_id, d.name
        limit ${size}
      ),
      marked as (
        update case_deadlines d set escalation = case when due.kind = 'deadline-passed' then 'passed' else 'approaching' end
        from due where d.tenant_id = ${tenantId} and d.case_id = due.case_id and d.name = due.name
      ),
      raised as (
        insert into case_tasks (tenant_id, id, case_id, kind, deadline, due_on, assignee, role, unit_id, status, raised_on, raised_at)
        select ${tenantId}, gen_random_uuid(), case_id, kind, name, due_on,
               case when kind = 'deadline-approaching' then assigned_to end,
               case when kind = 'deadline-passed' or assigned_to is null then ${ESCALATION_ROLE} end,
               unit_id, 'open', ${on}::date, ${now}
        from due
        on conflict (tenant_id, case_id, deadline, due_on, kind) do nothing
        returning id, case_id, kind, deadline, due_on::text as due_on, assignee, role, unit_id
      )
      select (select count(*) from due) as picked, (select json_agg(raised) from raised) as raised`.execute(tx);
    const picked = Number(result.rows[0]?.picked ?? 0);
    const raised = result.rows[0]?.raised ?? [];
    if (raised.length > 0) {
      await appendEvent({
        tx, tenantId, actorId: actor.id, action: 'case.tasks-raised', entityType: 'tenant', entityId: tenantId, at: now,
        reason: `deadlines approaching within ${warningDays} days of ${on}, or passed`,
        data: {
          on, warningDays,
          tasks: raised.map((t) => ({ id: t.id, caseId: t.case_id, kind: t.kind, deadline: t.deadline, dueOn: t.due_on, to: t.assignee ?? `${t.role}@${t.unit_id ?? '*'}` })),
        },
      });
    }
    return { picked, raised };
  });
}

/**
 * @throws DomainError FORBIDDEN unless the actor may run deadline work for the tenant.
 * @example const report = await sweepDeadlines({ db, actor: systemActor('IT', 'deadlines'), warningDays: 3 });
 */
export async function sweepDeadlines({ db, actor, on = new Date().toISOString().slice(0, 10), warningDays, batchSize = 1000, now = () => new Date() }: SweepDeadlinesOptions): Promise<SweepReport> {
  authorize({ actor, action: 'run', resource: 'deadline', record: { tenantId: actor.tenantId } });
  const report: SweepReport = { tenantId: actor.tenantId, on, approaching: 0, passed: 0 };
  for (;;) {
    const { picked, raised } = await raiseBatch(db, actor, on, warningDays, batchSize, now());
    for (const t of raised) report[t.kind === 'deadline-passed' ? 'passed' : 'approaching'] += 1;
    if (picked < batchSize) return report;
  }
}
