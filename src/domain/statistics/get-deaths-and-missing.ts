/**
 * @module domain/statistics/get-deaths-and-missing
 * Migrants dead and missing (IOM Missing Migrants Project) by route and year, or month, summed over
 * incidents.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { answer, type IndicatorResult, type Page } from './indicators.ts';

export const DEATH_GROUPS = ['year', 'month', 'route', 'country', 'origin'] as const;
export type DeathGroup = (typeof DEATH_GROUPS)[number];

export interface GetDeathsAndMissingOptions extends Page {
  db: Kysely<Database>;
  route?: string;
  /** Country of the incident. */
  country?: string;
  /** Country of origin of the dead and missing. */
  origin?: string;
  /** First and last year (inclusive). */
  from?: number;
  to?: number;
  /** Dimensions to keep (default year and route). */
  groupBy?: DeathGroup[];
}

export interface DeathRow {
  year?: number;
  month?: string;
  route?: string;
  country?: string | null;
  origin?: string | null;
  deadAndMissing: number;
  incidents: number;
  survivors: number;
  sources: string[];
}

const EXPRESSIONS: Record<DeathGroup, string> = { year: 'substr(month, 1, 4)::int', month: 'month', route: 'route', country: 'country', origin: 'origin' };

/** @example await getDeathsAndMissing({ db, route: 'Central Mediterranean Route', limit: 50, offset: 0 }); */
export async function getDeathsAndMissing({ db, route, country, origin, from, to, groupBy = ['year', 'route'], limit, offset }: GetDeathsAndMissingOptions): Promise<IndicatorResult<DeathRow>> {
  const groups = DEATH_GROUPS.filter((g) => groupBy.includes(g) && !(g === 'year' && groupBy.includes('month')));
  const filters = [sql`true`];
  if (route) filters.push(sql`route = ${route}`);
  if (country) filters.push(sql`country = ${country}`);
  if (origin) filters.push(sql`origin = ${origin}`);
  if (from !== undefined) filters.push(sql`month >= ${`${from}-01`}`);
  if (to !== undefined) filters.push(sql`month <= ${`${to}-12`}`);
  const select = groups.map((g) => sql.raw(`${EXPRESSIONS[g]} as "${g}"`));
  const grouping = groups.length ? sql`group by ${sql.join(groups.map((g) => sql.raw(EXPRESSIONS[g])))}` : sql``;
  const order = groups.length ? sql`order by ${sql.join(groups.map((g) => sql.raw(`"${g}"`)))}` : sql``;
  const rows = await sql<DeathRow & { total: number }>`
    select ${sql.join([...select, sql`sum(dead_and_missing)::float8 as "deadAndMissing"`, sql`count(*)::int as incidents`,
      sql`coalesce(sum(survivors), 0)::float8 as survivors`, sql`array_agg(distinct source_id::text) as sources`, sql`(count(*) over ())::int as total`])}
    from stat_iom_incidents where ${sql.join(filters, sql` and `)} ${grouping} ${order} limit ${limit} offset ${offset}`.execute(db);
  const total = rows.rows[0]?.total ?? 0;
  return answer(db, 'deaths-and-missing', rows.rows.map(({ total: _t, ...r }) => r), total, { limit, offset });
}
