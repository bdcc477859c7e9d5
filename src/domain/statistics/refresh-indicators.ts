/**
 * @module domain/statistics/refresh-indicators
 * Rebuilds the pre-aggregated indicator tables from the imported figures, in the import's transaction,
 * so that each indicator endpoint reads a small table instead of aggregating a publisher's cube per
 * request (STACK.md: a 400 ms aggregate on PGlite blocks the event loop). Only the indicators fed by the
 * imported dataset are rebuilt. Each rebuild also records the indicator's coverage.
 *
 * Which figure wins when several files give one (asylum applications): the figure of the latest
 * vintage; at equal vintage, a published total before a sum of its breakdown by sex.
 *
 * Applications and returns are kept per cell (geo × citizen × year), each cell computed from that
 * cell's figures only. After an import they are rebuilt for the cells whose figures the import set —
 * the figures that now carry its `source_id` (an upsert inserts or rewrites, never deletes) — so a
 * small file costs a small rebuild. Past {@link CELL_BY_CELL_LIMIT} changed figures, one grouped pass
 * over every cell is faster than looking cells up one by one, and is what runs.
 */
import { sql, type RawBuilder } from 'kysely';
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

/**
 * Changed figures up to which per-cell indicators are rebuilt cell by cell. Chosen from one profile: the
 * 1,080-line totals file took a quarter of the full rebuild's time cell by cell, files of 28,545 lines
 * took longer than the one grouped pass (bench/RESULTS.md, statistics, 2026-11-21).
 */
export const CELL_BY_CELL_LIMIT = 10_000;

/**
 * Rows (geo, citizen, year, …`aggregates`) of the cells to rebuild, from the figures `where` selects.
 * Every cell: one grouped pass over the dataset. After an import: the cells its figures landed in (they
 * carry its `source_id`), each aggregated through a lookup of `stat_eurostat`'s key — a plan that does
 * not depend on column statistics, which a bulk load leaves stale (joined instead, the changed cells
 * were planned as a nested loop over the whole dataset per cell).
 */
function cellRows(datasets: readonly string[], where: RawBuilder<unknown>, aggregates: RawBuilder<unknown>, sourceId: string | undefined) {
  if (sourceId === undefined) {
    return sql`select geo, citizen, period::int as year, ${aggregates} from stat_eurostat where ${where} and period ~ ${YEAR} group by geo, citizen, period`;
  }
  return sql`select c.geo, c.citizen, c.period::int as year, a.*
    from (select distinct geo, citizen, period from stat_eurostat
          where dataset = any(${[...datasets]}::text[]) and source_id = ${sourceId}::bigint and period ~ ${YEAR}) c
    cross join lateral (select ${aggregates} from stat_eurostat where ${where} and geo = c.geo and citizen = c.citizen and period = c.period) a`;
}

/**
 * Writes the rebuilt cells into `table` (keyed year, geo, citizen). All cells: the table is replaced.
 * Some cells: each is upserted, or deleted when its figures no longer give one (`isEmpty`).
 */
async function writeCells(tx: Tx, table: string, columns: string, fresh: RawBuilder<unknown>, isEmpty: string, sourceId: string | undefined): Promise<void> {
  const target = sql.raw(table);
  if (sourceId === undefined) {
    await sql`delete from ${target}`.execute(tx);
    await sql`insert into ${target} (${sql.raw(columns)}) select ${sql.raw(columns)} from (${fresh}) f where not (${sql.raw(isEmpty)})`.execute(tx);
    return;
  }
  const updates = columns.split(', ').filter((c) => !['year', 'geo', 'citizen'].includes(c)).map((c) => `${c} = excluded.${c}`).join(', ');
  await sql`with fresh as materialized (${fresh}),
      -- Rows found by key lookups, deleted by row address: no join for the planner to misjudge.
      emptied as (delete from ${target} where ctid = any(array(select t.ctid from fresh f
        cross join lateral (select ctid from ${target} t where t.year = f.year and t.geo = f.geo and t.citizen = f.citizen) t where ${sql.raw(isEmpty)})))
    insert into ${target} (${sql.raw(columns)}) select ${sql.raw(columns)} from fresh f where not (${sql.raw(isEmpty)})
    on conflict (year, geo, citizen) do update set ${sql.raw(updates)}`.execute(tx);
}

async function refreshApplications(tx: Tx, sourceId?: string): Promise<void> {
  // Per cell: the published total and the sum of the breakdown by sex, each with its vintage.
  const cells = cellRows(INDICATOR_INPUTS['asylum-applications']!, sql`dataset = 'migr_asyappctza' and value is not null
      and breakdown in ('', 'sex=F', 'sex=M', 'sex=UNK', 'asyl_app=NASY_APP')`, sql`
      max(value) filter (where breakdown = '') as total,
      max(vintage) filter (where breakdown = '') as total_vintage,
      max(source_id) filter (where breakdown = '') as total_source,
      sum(value) filter (where breakdown in ('sex=F', 'sex=M', 'sex=UNK')) as by_sex,
      max(vintage) filter (where breakdown in ('sex=F', 'sex=M', 'sex=UNK')) as sex_vintage,
      array_agg(distinct source_id) filter (where breakdown in ('sex=F', 'sex=M', 'sex=UNK')) as sex_sources,
      max(value) filter (where breakdown = 'asyl_app=NASY_APP') as first_time,
      max(source_id) filter (where breakdown = 'asyl_app=NASY_APP') as first_source`, sourceId);
  const fresh = sql`
    select year, geo, citizen,
      case when total is not null and (by_sex is null or total_vintage >= sex_vintage) then total else by_sex end as applicants,
      first_time,
      array(select distinct s from unnest(
        case when total is not null and (by_sex is null or total_vintage >= sex_vintage) then array[total_source] else sex_sources end
        || case when first_source is null then array[]::bigint[] else array[first_source] end) as s order by s) as source_ids
    from (${cells}) cells`;
  await writeCells(tx, 'stat_ind_applications', 'year, geo, citizen, applicants, first_time, source_ids', fresh, 'f.applicants is null', sourceId);
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

async function refreshReturns(tx: Tx, sourceId?: string): Promise<void> {
  const cells = cellRows(INDICATOR_INPUTS['return-rates']!,
    sql`((dataset = 'migr_eiord' and breakdown = '') or (dataset = 'migr_eirtn' and breakdown in ('', 'c_dest=THRD')))`, sql`
      max(value) filter (where dataset = 'migr_eiord' and breakdown = '') as ordered,
      max(value) filter (where dataset = 'migr_eirtn' and breakdown = '') as returned,
      max(value) filter (where dataset = 'migr_eirtn' and breakdown = 'c_dest=THRD') as third,
      array_agg(distinct source_id order by source_id) as sources`, sourceId);
  const fresh = sql`
    select year, geo, citizen, ordered, returned, third as returned_third_country, returned / nullif(ordered, 0) as rate,
      third / nullif(ordered, 0) as rate_third_country, sources as source_ids
    from (${cells}) cells`;
  await writeCells(tx, 'stat_ind_returns', 'year, geo, citizen, ordered, returned, returned_third_country, rate, rate_third_country, source_ids', fresh, 'f.source_ids is null', sourceId);
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
  /** The import: its source, and how many figures it inserted or changed. Per-cell indicators are then
   * rebuilt only where its figures landed, when they are few (all cells when omitted). */
  changed?: { sourceId: string; figures: number };
  now?: Date;
}

/**
 * Rebuilds the indicators fed by `datasets`, and their coverage.
 * @example await refreshIndicators({ tx, datasets: ['migr_asyappctza'] });
 */
export async function refreshIndicators({ tx, datasets, changed, now = new Date() }: RefreshIndicatorsOptions): Promise<string[]> {
  const sourceId = changed && changed.figures <= CELL_BY_CELL_LIMIT ? changed.sourceId : undefined;
  const affected = Object.entries(INDICATOR_INPUTS).filter(([, inputs]) => !datasets || inputs.some((d) => datasets.includes(d))).map(([id]) => id);
  for (const indicator of affected) {
    if (indicator === 'asylum-applications') await refreshApplications(tx, sourceId);
    if (indicator === 'recognition-rates') await refreshRecognition(tx);
    if (indicator === 'return-rates') await refreshReturns(tx, sourceId);
    if (indicator === 'arrivals') await refreshArrivals(tx);
    const coverage = await coverageOf(tx, indicator);
    await sql`insert into stat_indicator_meta (indicator, coverage, refreshed_at) values (${indicator}, ${JSON.stringify(coverage)}::jsonb, ${now})
      on conflict (indicator) do update set coverage = excluded.coverage, refreshed_at = excluded.refreshed_at`.execute(tx);
  }
  return affected;
}
