/**
 * @module domain/statistics/get-asylum-applications
 * Asylum applicants by citizenship × reporting country × year (Eurostat migr_asyappctza), from the
 * pre-aggregated table the imports rebuild.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { answer, type IndicatorResult, type Page } from './indicators.ts';

export interface GetAsylumApplicationsOptions extends Page {
  db: Kysely<Database>;
  /** Reporting country or aggregate (EU27_2020). */
  geo?: string;
  /** Citizenship (ISO alpha-2, STLS, UNK) or TOTAL. */
  citizen?: string;
  from?: number;
  to?: number;
}

export interface ApplicationRow {
  year: number;
  geo: string;
  citizen: string;
  applicants: number;
  firstTime: number | null;
  sources: string[];
}

/** @example await getAsylumApplications({ db, geo: 'EU27_2020', citizen: 'SY', limit: 50, offset: 0 }); */
export async function getAsylumApplications({ db, geo, citizen, from, to, limit, offset }: GetAsylumApplicationsOptions): Promise<IndicatorResult<ApplicationRow>> {
  let query = db.selectFrom('stat_ind_applications');
  if (geo) query = query.where('geo', '=', geo);
  if (citizen) query = query.where('citizen', '=', citizen);
  if (from !== undefined) query = query.where('year', '>=', from);
  if (to !== undefined) query = query.where('year', '<=', to);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('year').orderBy('geo').orderBy('citizen').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({ year: r.year, geo: r.geo, citizen: r.citizen, applicants: r.applicants, firstTime: r.first_time, sources: r.source_ids.map(String) }));
  return answer(db, 'asylum-applications', items, Number(count.n), { limit, offset });
}
