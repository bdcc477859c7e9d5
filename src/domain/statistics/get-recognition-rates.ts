/**
 * @module domain/statistics/get-recognition-rates
 * The EU-wide first-instance recognition rate by nationality and year, each row naming its publisher
 * (Eurostat where its figures are imported, UNHCR otherwise) and the EU aggregate it covers.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { answer, share, type IndicatorResult, type Page } from './indicators.ts';

export interface GetRecognitionRatesOptions extends Page {
  db: Kysely<Database>;
  citizen?: string;
  from?: number;
  to?: number;
  /** Only rates at or below this share (e.g. 0.2 for the APR's 20 % rules). */
  maxRate?: number;
}

export interface RecognitionRow {
  year: number;
  citizen: string;
  geo: string;
  publisher: string;
  positive: number;
  decisions: number;
  rate: number | null;
  sources: string[];
}

/** @example await getRecognitionRates({ db, citizen: 'SY', limit: 50, offset: 0 }); */
export async function getRecognitionRates({ db, citizen, from, to, maxRate, limit, offset }: GetRecognitionRatesOptions): Promise<IndicatorResult<RecognitionRow>> {
  let query = db.selectFrom('stat_ind_recognition');
  if (citizen) query = query.where('citizen', '=', citizen);
  if (from !== undefined) query = query.where('year', '>=', from);
  if (to !== undefined) query = query.where('year', '<=', to);
  if (maxRate !== undefined) query = query.where('rate', '<=', maxRate);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('citizen').orderBy('year').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({
    year: r.year, citizen: r.citizen, geo: r.geo, publisher: r.publisher, positive: r.positive, decisions: r.decisions, rate: share(r.rate), sources: r.source_ids.map(String),
  }));
  return answer(db, 'recognition-rates', items, Number(count.n), { limit, offset });
}
