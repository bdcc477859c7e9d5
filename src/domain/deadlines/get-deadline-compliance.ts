/**
 * @module domain/deadlines/get-deadline-compliance
 * Deadline compliance per unit and procedure: of the deadlines falling due in a date range, how many
 * were met on time, met late, missed, or are still open past their day (open overdue) — per unit,
 * kind of case and deadline. Lapsed deadlines (no longer running before their day: nobody failed
 * them) and those still open and not yet due are counted apart. Ended deadlines are counted under
 * the unit and kind the case had when they ended; open ones under the case's current unit and kind.
 * By default only the authority's deadlines are counted (`deadline-rules.ts`, `party`).
 */
import { sql } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { deadlineRule, type DeadlineParty } from './deadline-rules.ts';

export interface DeadlineComplianceOptions {
  tx: Tx;
  actor: Actor;
  /** First and last day (inclusive) of the due dates counted. */
  from: string;
  to: string;
  /** The day "overdue" is judged on (default today). */
  on?: string;
  unitId?: string;
  kind?: string;
  /** Whose deadlines: the authority's (default), the person's, or both. */
  party?: DeadlineParty | 'any';
}

export interface ComplianceRow {
  unitId: string | null;
  kind: string;
  deadline: string;
  party: DeadlineParty;
  metOnTime: number;
  metLate: number;
  missed: number;
  openOverdue: number;
  lapsed: number;
  openNotDue: number;
  /** Met on time as a share of met, missed and open overdue; null when there are none. */
  onTimeRate: number | null;
}

export interface DeadlineCompliance {
  tenantId: string;
  from: string;
  to: string;
  on: string;
  party: DeadlineParty | 'any';
  rows: ComplianceRow[];
  totals: Omit<ComplianceRow, 'unitId' | 'kind' | 'deadline' | 'party'>;
}

type Counts = Pick<ComplianceRow, 'metOnTime' | 'metLate' | 'missed' | 'openOverdue' | 'lapsed' | 'openNotDue'>;
const ZERO: Counts = { metOnTime: 0, metLate: 0, missed: 0, openOverdue: 0, lapsed: 0, openNotDue: 0 };

function rate(c: Counts): number | null {
  const judged = c.metOnTime + c.metLate + c.missed + c.openOverdue;
  return judged === 0 ? null : Math.round((c.metOnTime / judged) * 1000) / 1000;
}

/**
 * @throws DomainError FORBIDDEN without `deadline.read`; VALIDATION_FAILED when `from` is after `to`.
 * @example await getDeadlineCompliance({ tx, actor, from: '2026-10-01', to: '2026-10-31' });
 */
export async function getDeadlineCompliance({ tx, actor, from, to, on = new Date().toISOString().slice(0, 10), unitId, kind, party = 'authority' }: DeadlineComplianceOptions): Promise<DeadlineCompliance> {
  const scope = authorize({ actor, action: 'read', resource: 'deadline' });
  if (from > to) throw new DomainError('VALIDATION_FAILED', `${from} is after ${to}`, [{ path: 'from', message: 'after to' }]);
  const tenantId = actor.tenantId;
  const unit = scope === 'unit' || scope === 'own' ? actor.unitId ?? '' : unitId;
  if (unit !== undefined && unitId !== undefined && unit !== unitId) return { tenantId, from, to, on, party, rows: [], totals: { ...ZERO, onTimeRate: null } };
  const filters = (alias: string) => sql.join([
    sql`${sql.ref(`${alias}.tenant_id`)} = ${tenantId}`,
    ...(unit !== undefined ? [sql`${sql.ref(`${alias}.unit_id`)} = ${unit}`] : []),
    ...(kind !== undefined ? [sql`${sql.ref(`${alias}.kind`)} = ${kind}`] : []),
  ], sql` and `);
  const ended = await sql<{ unit_id: string | null; kind: string; name: string; met_on_time: string; met_late: string; missed: string; lapsed: string }>`
    select e.unit_id, e.kind, e.name,
           count(*) filter (where e.outcome = 'met' and e.ended_on <= e.due_on) as met_on_time,
           count(*) filter (where e.outcome = 'met' and e.ended_on > e.due_on) as met_late,
           count(*) filter (where e.outcome = 'missed') as missed,
           count(*) filter (where e.outcome = 'lapsed') as lapsed
    from case_deadline_endings e
    where ${filters('e')} and e.due_on between ${from}::date and ${to}::date
    group by e.unit_id, e.kind, e.name`.execute(tx);
  const open = await sql<{ unit_id: string | null; kind: string; name: string; overdue: string; not_due: string }>`
    select c.unit_id, c.kind, d.name,
           count(*) filter (where d.due_on < ${on}::date) as overdue,
           count(*) filter (where d.due_on >= ${on}::date) as not_due
    from case_deadlines d join cases c on c.tenant_id = d.tenant_id and c.id = d.case_id
    where ${filters('c')} and c.closed_at is null and d.due_on between ${from}::date and ${to}::date
    group by c.unit_id, c.kind, d.name`.execute(tx);
  const rows = new Map<string, ComplianceRow>();
  const rowOf = (unitOf: string | null, kindOf: string, deadline: string): ComplianceRow | null => {
    const partyOf = deadlineRule(deadline).party;
    if (party !== 'any' && partyOf !== party) return null;
    const key = JSON.stringify([unitOf, kindOf, deadline]);
    let row = rows.get(key);
    if (!row) rows.set(key, row = { unitId: unitOf, kind: kindOf, deadline, party: partyOf, ...ZERO, onTimeRate: null });
    return row;
  };
  for (const e of ended.rows) {
    const row = rowOf(e.unit_id, e.kind, e.name);
    if (!row) continue;
    row.metOnTime += Number(e.met_on_time); row.metLate += Number(e.met_late); row.missed += Number(e.missed); row.lapsed += Number(e.lapsed);
  }
  for (const o of open.rows) {
    const row = rowOf(o.unit_id, o.kind, o.name);
    if (!row) continue;
    row.openOverdue += Number(o.overdue); row.openNotDue += Number(o.not_due);
  }
  const sorted = [...rows.values()].map((r) => ({ ...r, onTimeRate: rate(r) }))
    .sort((a, b) => (a.unitId ?? '').localeCompare(b.unitId ?? '') || a.kind.localeCompare(b.kind) || a.deadline.localeCompare(b.deadline));
  const totals = sorted.reduce<Counts>((t, r) => ({
    metOnTime: t.metOnTime + r.metOnTime, metLate: t.metLate + r.metLate, missed: t.missed + r.missed,
    openOverdue: t.openOverdue + r.openOverdue, lapsed: t.lapsed + r.lapsed, openNotDue: t.openNotDue + r.openNotDue,
  }), { ...ZERO });
  return { tenantId, from, to, on, party, rows: sorted, totals: { ...totals, onTimeRate: rate(totals) } };
}
