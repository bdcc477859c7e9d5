/**
 * @module domain/statistics/get-facility-use
 * Facility use against capacity per month: for each facility in view (kept by a Member State in the
 * caller's view, or by the Commission for a caller who sees every Member State), its places at the
 * month's end from the registry's dated capacity, the most persons present on one day and the
 * person-days, from `facility_days` (the places of every tenant's executed transfers, without tenant
 * or person), small cells suppressed. Months run from the first to the last day with a placement in the
 * range asked (at most {@link MAX_MONTHS}).
 */
import { sql } from 'kysely';
import type { Tx } from '../../storage/transaction.ts';
import { capacityOn, type Facility } from '../facilities/facility.ts';
import { caseAnswer, monthBounds, protectRows, protectedRate, type CaseIndicatorResult, type CaseStatisticsView, type MonthRange } from './case-indicators.ts';

/** The most months one answer covers. */
export const MAX_MONTHS = 120;

export interface FacilityUseRow {
  [key: string]: unknown;
  facility: string;
  name: string;
  /** The tenant keeping the facility: a Member State, or COM for Union-level facilities. */
  memberState: string;
  country: string;
  month: string;
  /** Places on the month's last day; null when the registry records no capacity then. */
  capacity: number | null;
  peakOccupied: number | null;
  personDays: number | null;
  /** peakOccupied / capacity; null where suppressed or without capacity. */
  peakUse: number | null;
}

export interface GetFacilityUseOptions extends MonthRange {
  tx: Tx;
  view: CaseStatisticsView;
  threshold: number;
  facility?: string;
  memberState?: string;
  on?: string;
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  while (out.length < MAX_MONTHS) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    out.push(month);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

const lastDayOf = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * @example await readCaseStatistics(db, actor, (tx, view) => getFacilityUse({ tx, view, threshold: 5, from: '2026-08', to: '2026-09' }));
 */
export async function getFacilityUse({ tx, view, threshold, facility, memberState, from, to, on = new Date().toISOString().slice(0, 10) }: GetFacilityUseOptions): Promise<CaseIndicatorResult<FacilityUseRow>> {
  const owners = [...view.memberStates, ...(view.unionLevel ? ['COM'] : [])].filter((o) => !memberState || o === memberState);
  const records = await tx.selectFrom('registry_records').select(['id', 'data']).where('kind', '=', 'facility')
    .where(sql<boolean>`data ->> 'owner' = any(${owners}::text[])`)
    .$if(facility !== undefined, (q) => q.where(sql<boolean>`(data ->> 'code' = ${facility!} or id::text = ${facility!})`))
    .execute();
  const facilities = new Map(records.map((r) => [r.id, r.data as unknown as Facility]));
  const { fromDay, toDay } = monthBounds({ from, to });
  const counts = facilities.size === 0 ? [] : (await sql<{ facility_id: string; month: string; peak: number; person_days: number }>`
    select facility_id, to_char(day, 'YYYY-MM') as month, max(occupied)::int as peak, sum(occupied)::int as person_days
    from facility_days where facility_id = any(${[...facilities.keys()]}::uuid[])
      ${fromDay ? sql`and day >= ${fromDay}::date` : sql``} ${toDay ? sql`and day <= ${toDay}::date` : sql``}
    group by facility_id, to_char(day, 'YYYY-MM') having max(occupied) > 0 or sum(reserved) > 0`.execute(tx)).rows;
  const byCell = new Map(counts.map((c) => [`${c.facility_id}|${c.month}`, c]));
  const used = counts.map((c) => c.month).sort();
  const first = from ?? used[0];
  const last = to ?? used.at(-1);
  const raw: FacilityUseRow[] = [];
  if (first && last) {
    for (const [id, f] of [...facilities].sort((a, b) => a[1].code.localeCompare(b[1].code))) {
      for (const month of monthsBetween(first, last)) {
        const cell = byCell.get(`${id}|${month}`);
        const capacity = capacityOn(f, lastDayOf(month)).places;
        // A month without capacity and without anyone placed says nothing about this facility.
        if (!cell && capacity === null) continue;
        raw.push({ facility: f.code, name: f.name, memberState: f.owner, country: f.location.country, month, capacity, peakOccupied: cell?.peak ?? 0, personDays: cell?.person_days ?? 0, peakUse: null });
      }
    }
  }
  // Only months in which something was placed somewhere are shown: the rest are months before the
  // first or after the last placement of the range, where every count would be 0.
  const months = new Set(counts.map((c) => c.month));
  const shown = raw.filter((r) => months.has(r.month));
  const protectedRows = protectRows({ rows: shown, fields: ['peakOccupied', 'personDays'], threshold, group: (r) => r.month });
  const rows = protectedRows.rows.map((r) => ({ ...r, peakUse: r.capacity ? protectedRate({ ...r, places: r.capacity }, ['peakOccupied'], ['places']) : null }));
  return caseAnswer('facility-occupancy', view, threshold, rows, protectedRows.protectedCells, on);
}
