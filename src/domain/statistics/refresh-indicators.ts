/**
 * @module domain/statistics/refresh-indicators
 * Rebuilds the pre-aggregated indicator tables from the imported figures, in the import's transaction,
 * so that each indicator endpoint reads a small table instead of aggregating a publisher's cube per
 * request (STACK.md: a 400 ms aggregate on PGlite blocks the event loop). Only the indicators fed by the
 * imported dataset are rebuilt. Each rebuild also records the indicator's coverage.
 *
 * Which figure wins when several files give one (asylum applications): the figure of the latest
 * vintage; at equal vintage, a published total before a sum of its breakdown by sex.
 */
import { sql } from 'kysely';
import type { Tx } from '../../storage/transaction.ts';
import { EU27 } from './codes.ts';

/** Indicators and the datasets that feed them. */
export const INDICATOR_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'asylum-applications': ['migr_asyappctza'],
  'recognition-rates': ['migr_asydcfsta', 'unhcr_asylum_decisions'],
  'return-rates': ['migr_eiord', 'migr_eirtn'],
  arrivals: ['frontex_ibc'],
  'deaths-and-missing': ['iom_mmp'],
};

/**
 * UNHCR decision levels counted as first-instance decisions: FI (first instance), NA (new applications)
 * and RA (repeat/reopened applications), as documented in UNHCR's `refugees` package. AR and JR
 * (administrative and judicial review) are appeals; FA (first instance and appeal together) cannot be
 * split and is left out.
 */
export const UNHCR_FIRST_INSTANCE_LEVELS = ['FI', 'NA', 'RA'] as const;

const YEAR = '^[0-9]{4}$';

async function refreshApplications(tx: Tx): Promise<void> {
  await sql`delete from stat_ind_applications`.execute(tx);
  // One pass over the dataset, grouped by cell (a join of derived tables would be planned without
  // statistics): the published total and the sum of the breakdown by sex, each with its vintage.
  await sql`
    insert into stat_ind_applications (year, geo, citizen, applicants, first_time, source_ids)
    select year, geo, citizen,
      case when total is not null and (by_sex is null or total_vintage >= sex_vintage) then total else by_sex end,
      first_time,
      array(select distinct s from unnest(
        case when total is not null and (by_sex is null or total_vintage >= sex_vintage) then array[total_source] else sex_sources end
        || case when first_source is null then array[]::bigint[] else array[first_source] end) as s order by s)
    from (
      select geo, citizen, period::int as year,
        max(value) filter (where breakdown = '') as total,
        max(vintage) filter (where breakdown = '') as total_vintage,
        max(source_id) filter (where breakdown = '') as total_source,
        sum(value) filter (where breakdown in ('sex=F', 'sex=M', 'sex=UNK')) as by_sex,
        max(vintage) filter (where breakdown in ('sex=F', 'sex=M', 'sex=UNK')) as sex_vintage,
        array_agg(distinct source_id) filter (where breakdown in ('sex=F', 'sex=M', 'sex=UNK')) as sex_sources,
        max(value) filter (where breakdown = 'asyl_app=NASY_APP') as first_time,
        max(source_id) filter (where breakdown = 'asyl_app=NASY_APP') as first_source
      from stat_eurostat
      where dataset = 'migr_asyappctza' and period ~ ${YEAR} and value is not null
        and breakdown in ('', 'sex=F', 'sex=M', 'sex=UNK', 'asyl_app=NASY_APP')
      group by geo, citizen, period
    ) cells
    where total is not null or by_sex is not null`.execute(tx);
}

async function refreshRecognition(tx: Tx): Promise<void> {
  await sql`delete from stat_ind_recognition`.execute(tx);
  await sql`
    insert into stat_ind_recognition (year, citizen, geo, publisher, positive, decisions, rate, source_ids)
    with eurostat as (
      select citizen, period::int as year, geo,
        max(value) filter (where breakdown = 'decision=TOTAL_POS') as positive,
        max(value) filter (where breakdown = '') as decisions,
        array_agg(distinct source_id) as src
      from stat_eurostat
      where dataset = 'migr_asydcfsta' and geo in ('EU27_2020', 'EU28', 'EU27_2007') and period ~ ${YEAR}
        and breakdown in ('', 'decision=TOTAL_POS')
      group by citizen, period, geo
    ),
    eurostat_best as (
      select distinct on (citizen, year) year, citizen, geo, 'Eurostat' as publisher, positive, decisions, src from eurostat
      where positive is not null and decisions is not null
      order by citizen, year, case geo when 'EU27_2020' then 0 when 'EU28' then 1 else 2 end
    ),
    unhcr as (
      select year, coalesce(origin, 'TOTAL') as citizen, 'EU27_2020' as geo, 'UNHCR' as publisher,
        sum(coalesce(dec_recognized, 0) + coalesce(dec_other, 0)) as positive,
        sum(coalesce(dec_recognized, 0) + coalesce(dec_other, 0) + coalesce(dec_rejected, 0)) as decisions,
        array_agg(distinct source_id) as src
      from stat_unhcr_asylum_decisions
      where asylum = any(${[...EU27]}::text[]) and dec_level = any(${[...UNHCR_FIRST_INSTANCE_LEVELS]}::text[]) and dec_pc = 'P'
      group by grouping sets ((year, origin), (year))
    )
    select distinct on (year, citizen) year, citizen, geo, publisher, positive, decisions, positive / nullif(decisions, 0), src
    from (select *, 0 as rank from eurostat_best union all select *, 1 from unhcr) candidates
    order by year, citizen, rank`.execute(tx);
}

async function refreshArrivals(tx: Tx): Promise<void> {
  await sql`delete from stat_ind_arrivals`.execute(tx);
  await sql`
    insert into stat_ind_arrivals (month, route, nationality, detections, source_ids)
    select month, route, nationality, sum(detections), array_agg(distinct source_id order by source_id)
    from stat_frontex_detections group by month, route, nationality`.execute(tx);
}

async function refreshReturns(tx: Tx): Promise<void> {
  await sql`delete from stat_ind_returns`.execute(tx);
  await sql`
    insert into stat_ind_returns (year, geo, citizen, ordered, returned, returned_third_country, rate, rate_third_country, source_ids)
    select year, geo, citizen, ordered, returned, third, returned / nullif(ordered, 0), third / nullif(ordered, 0), sources
    from (
      select geo, citizen, period::int as year,
        max(value) filter (where dataset = 'migr_eiord' and breakdown = '') as ordered,
        max(value) filter (where dataset = 'migr_eirtn' and breakdown = '') as returned,
        max(value) filter (where dataset = 'migr_eirtn' and breakdown = 'c_dest=THRD') as third,
        array_agg(distinct source_id order by source_id) as sources
      from stat_eurostat
      where ((dataset = 'migr_eiord' and breakdown = '') or (dataset = 'migr_eirtn' and breakdown in ('', 'c_dest=THRD'))) and period ~ ${YEAR}
      group by geo, citizen, period
    ) cells`.execute(tx);
}

/** Coverage of an indicator table: years, reporting countries, citizenships. */
async function coverageOf(tx: Tx, indicator: string): Promise<Record<string, unknown>> {
  switch (indicator) {
    case 'asylum-applications':
    case 'return-rates': {
      const table = indicator === 'asylum-applications' ? 'stat_ind_applications' : 'stat_ind_returns';
      const row = await sql<{ from: number | null; to: number | null; geo: string[] | null; citizens: number }>`
        select min(year) as from, max(year) as to, array_agg(distinct geo order by geo) as geo, count(distinct citizen)::int as citizens
        from ${sql.raw(table)}`.execute(tx);
      const extra = indicator === 'return-rates'
        ? (await sql<{ ordered: number[] | null; returned: number[] | null; rated: number[] | null }>`
            select array_agg(distinct year order by year) filter (where ordered is not null) as ordered,
                   array_agg(distinct year order by year) filter (where returned is not null or returned_third_country is not null) as returned,
                   array_agg(distinct year order by year) filter (where rate is not null or rate_third_country is not null) as rated
            from stat_ind_returns where citizen <> 'TOTAL'`.execute(tx)).rows[0]
        : (await sql<{ first_time: number[] | null }>`
            select array_agg(distinct year order by year) filter (where first_time is not null) as first_time from stat_ind_applications`.execute(tx)).rows[0];
      const r = row.rows[0]!;
      return { years: r.from === null ? null : { from: r.from, to: r.to }, geo: r.geo ?? [], citizens: r.citizens, ...extra };
    }
    case 'recognition-rates': {
      const rows = await sql<{ publisher: string; geo: string; from: number; to: number; citizens: number }>`
        select publisher, geo, min(year) as from, max(year) as to, count(distinct citizen)::int as citizens
        from stat_ind_recognition group by publisher, geo order by publisher, geo`.execute(tx);
      return { bySource: rows.rows };
    }
    case 'arrivals': {
      const r = (await sql<{ from: string | null; to: string | null; routes: string[] | null; nationalities: number }>`
        select min(month) as from, max(month) as to, array_agg(distinct route order by route) as routes, count(distinct nationality)::int as nationalities
        from stat_frontex_detections`.execute(tx)).rows[0]!;
      return { months: r.from === null ? null : { from: r.from, to: r.to }, routes: r.routes ?? [], nationalities: r.nationalities };
    }
    case 'deaths-and-missing': {
      const r = (await sql<{ from: string | null; to: string | null; routes: string[] | null; incidents: number }>`
        select min(month) as from, max(month) as to, array_agg(distinct route order by route) as routes, count(*)::int as incidents
        from stat_iom_incidents`.execute(tx)).rows[0]!;
      return { months: r.from === null ? null : { from: r.from, to: r.to }, routes: r.routes ?? [], incidents: r.incidents };
    }
    default: return {};
  }
}

export interface RefreshIndicatorsOptions {
  tx: Tx;
  /** Datasets just imported: only the indicators they feed are rebuilt (all when omitted). */
  datasets?: string[];
  now?: Date;
}

/**
 * Rebuilds the indicators fed by `datasets`, and their coverage.
 * @example await refreshIndicators({ tx, datasets: ['migr_asyappctza'] });
 */
export async function refreshIndicators({ tx, datasets, now = new Date() }: RefreshIndicatorsOptions): Promise<string[]> {
  const affected = Object.entries(INDICATOR_INPUTS).filter(([, inputs]) => !datasets || inputs.some((d) => datasets.includes(d))).map(([id]) => id);
  for (const indicator of affected) {
    if (indicator === 'asylum-applications') await refreshApplications(tx);
    if (indicator === 'recognition-rates') await refreshRecognition(tx);
    if (indicator === 'return-rates') await refreshReturns(tx);
    if (indicator === 'arrivals') await refreshArrivals(tx);
    const coverage = await coverageOf(tx, indicator);
    await sql`insert into stat_indicator_meta (indicator, coverage, refreshed_at) values (${indicator}, ${JSON.stringify(coverage)}::jsonb, ${now})
      on conflict (indicator) do update set coverage = excluded.coverage, refreshed_at = excluded.refreshed_at`.execute(tx);
  }
  return affected;
}
