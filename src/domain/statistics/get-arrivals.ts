/**
 * @module domain/statistics/get-arrivals
 * Detections of illegal border-crossings (Frontex) by route, month and nationality, filtered and
 * grouped as asked: the table holds one row per month × route × border type × nationality, so a
 * grouping is one aggregate over at most a few tens of thousands of rows.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { answer, type IndicatorResult, type Page } from './indicators.ts';

export const ARRIVAL_GROUPS = ['month', 'year', 'route', 'borderType', 'nationality'] as const;
export type ArrivalGroup = (typeof ARRIVAL_GROUPS)[number];

export interface GetArrivalsOptions extends Page {
  db: Kysely<Database>;
  route?: string;
  borderType?: string;
  nationality?: string;
  /** First and last month, YYYY-MM (inclusive). */
  from?: string;
  to?: string;
  /** Dimensions to keep (default month, route, nationality); the others are summed over. */
  groupBy?: ArrivalGroup[];
}

export interface ArrivalRow {
  month?: string;
  year?: number;
  route?: string;
  borderType?: string;
  nationality?: string;
  detections: number;
  sources: string[];
}

const EXPRESSIONS: Record<ArrivalGroup, string> = {
  month: 'month', year: 'substr(month, 1, 4)::int', route: 'route', borderType: 'border_type', nationality: 'nationality',
};

/**
 * @example await getArrivals({ db, route: 'Central Mediterranean Route', from: '2023-01', to: '2023-12', groupBy: ['month'], limit: 100, offset: 0 });
 */
export async function getArrivals({ db, route, borderType, nationality, from, to, groupBy = ['month', 'route', 'nationality'], limit, offset }: GetArrivalsOptions): Promise<IndicatorResult<ArrivalRow>> {
  const groups = ARRIVAL_GROUPS.filter((g) => groupBy.includes(g) && !(g === 'year' && groupBy.includes('month')));
  // Without border type, the table summed over border type (stat_ind_arrivals) answers, and the
  // default view (month × route × nationality) is a range of its primary key: no aggregation at all.
  const byBorder = borderType !== undefined || groups.includes('borderType');
  const table = sql.raw(byBorder ? 'stat_frontex_detections' : 'stat_ind_arrivals');
  const filters = [sql`true`];
  if (route) filters.push(sql`route = ${route}`);
  if (borderType) filters.push(sql`border_type = ${borderType}`);
  if (nationality) filters.push(sql`nationality = ${nationality}`);
  if (from) filters.push(sql`month >= ${from}`);
  if (to) filters.push(sql`month <= ${to}`);
  const where = sql.join(filters, sql` and `);
  const select = groups.map((g) => sql.raw(`${EXPRESSIONS[g]} as "${g}"`));
  const order = groups.length ? sql`order by ${sql.join(groups.map((g) => sql.raw(`"${g}"`)))}` : sql``;
  const isKey = !byBorder && groups.length === 3 && ['month', 'route', 'nationality'].every((g) => groups.includes(g as ArrivalGroup));
  if (isKey) {
    const [rows, count] = await Promise.all([
      sql<ArrivalRow>`select month, route, nationality, detections, source_ids::text[] as sources from stat_ind_arrivals where ${where}
        order by month, route, nationality limit ${limit} offset ${offset}`.execute(db),
      sql<{ n: number }>`select count(*)::int as n from stat_ind_arrivals where ${where}`.execute(db),
    ]);
    return answer(db, 'arrivals', rows.rows, count.rows[0]!.n, { limit, offset });
  }
  const grouping = groups.length ? sql`group by ${sql.join(groups.map((g) => sql.raw(EXPRESSIONS[g])))}` : sql``;
  // The sources of a group: its rows' source ids, distinct (an outer aggregate inside a scalar subquery).
  const sourceList = byBorder ? sql`array_agg(distinct source_id::text)`
    : sql`(select array_agg(distinct e order by e) from unnest(string_to_array(string_agg(array_to_string(source_ids, ','), ','), ',')) e)`;
  const rows = await sql<ArrivalRow & { total: number }>`
    select ${sql.join([...select, sql`sum(detections)::float8 as detections`, sql`${sourceList} as sources`, sql`(count(*) over ())::int as total`])}
    from ${table} where ${where} ${grouping} ${order} limit ${limit} offset ${offset}`.execute(db);
  const total = rows.rows[0]?.total ?? 0;
  return answer(db, 'arrivals', rows.rows.map(({ total: _t, ...r }) => r), total, { limit, offset });
}
