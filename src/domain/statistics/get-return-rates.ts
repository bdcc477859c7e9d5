/**
 * @module domain/statistics/get-return-rates
 * Returns / orders to leave by citizenship × reporting country × year (Eurostat migr_eirtn and
 * migr_eiord), with both the total return rate and the rate of returns to a third country.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { answer, share, type IndicatorResult, type Page } from './indicators.ts';

export interface GetReturnRatesOptions extends Page {
  db: Kysely<Database>;
  geo?: string;
  citizen?: string;
  from?: number;
  to?: number;
  /** Only rows where a rate can be computed (orders and returns both published). */
  withRate?: boolean;
}

export interface ReturnRow {
  year: number;
  geo: string;
  citizen: string;
  ordered: number | null;
  returned: number | null;
  returnedThirdCountry: number | null;
  rate: number | null;
  rateThirdCountry: number | null;
  sources: string[];
}

/** @example await getReturnRates({ db, geo: 'EU28', citizen: 'TOTAL', limit: 50, offset: 0 }); */
export async function getReturnRates({ db, geo, citizen, from, to, withRate, limit, offset }: GetReturnRatesOptions): Promise<IndicatorResult<ReturnRow>> {
  let query = db.selectFrom('stat_ind_returns');
  if (geo) query = query.where('geo', '=', geo);
  if (citizen) query = query.where('citizen', '=', citizen);
  if (from !== undefined) query = query.where('year', '>=', from);
  if (to !== undefined) query = query.where('year', '<=', to);
  if (withRate) query = query.where((eb) => eb.or([eb('rate', 'is not', null), eb('rate_third_country', 'is not', null)]));
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('year').orderBy('geo').orderBy('citizen').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({
    year: r.year, geo: r.geo, citizen: r.citizen, ordered: r.ordered, returned: r.returned, returnedThirdCountry: r.returned_third_country,
    rate: share(r.rate), rateThirdCountry: share(r.rate_third_country), sources: r.source_ids.map(String),
  }));
  return answer(db, 'return-rates', items, Number(count.n), { limit, offset });
}
