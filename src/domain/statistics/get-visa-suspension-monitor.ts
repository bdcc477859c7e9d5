/**
 * @module domain/statistics/get-visa-suspension-monitor
 * For every visa-exempt country (Annex II of Regulation (EU) 2018/1806), the quantitative grounds of
 * the revised suspension mechanism computed from the imported data, and what data is missing:
 * - ground (a): an increase of 30 % or more in refusals of entry or in irregular stays (Eurostat
 *   migr_eirfs, migr_eipre) versus the year before;
 * - ground (b): an increase of 30 % or more in asylum applications (migr_asyappctza, EU27_2020) versus
 *   the year before, for nationals whose EU-wide recognition rate is 20 % or less.
 * The Regulation compares two-month periods; the data are annual, so whole years are compared.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { EU27 } from './codes.ts';
import { answer, share, type IndicatorResult, type Page } from './indicators.ts';
import { ANNEX_II_SOURCE, SUSPENSION_MECHANISM, VISA_EXEMPT } from './visa-exempt-countries.ts';

export interface GetVisaSuspensionMonitorOptions extends Page {
  db: Kysely<Database>;
  /** Reference year (default: the latest year with EU asylum applications). */
  year?: number;
  /** One country only. */
  country?: string;
}

export interface Increase {
  year: number;
  value: number | null;
  previous: number | null;
  /** (value − previous) / previous. */
  change: number | null;
  status: 'met' | 'not-met' | 'no-data';
  dataset: string;
}

export interface MonitorRow {
  country: string;
  name: string;
  annexPart: number;
  note: string | null;
  asylumApplications: Increase;
  irregularStays: Increase;
  refusalsOfEntry: Increase;
  recognitionRate: { year: number | null; rate: number | null; publisher: string | null; status: 'met' | 'not-met' | 'no-data' };
  grounds: Array<{ ground: string; description: string; status: 'met' | 'not-met' | 'incomplete' }>;
  missing: string[];
  sources: string[];
}

type Yearly = Map<string, { value: number; sources: string[] }>;

/** Values by `citizen:year`. */
async function yearly(db: Kysely<Database>, query: ReturnType<typeof sql<{ citizen: string; year: number; value: number; sources: string[] }>>): Promise<Yearly> {
  const rows = await query.execute(db);
  return new Map(rows.rows.map((r) => [`${r.citizen}:${r.year}`, { value: r.value, sources: r.sources.map(String) }]));
}

function increase(values: Yearly, country: string, year: number, dataset: string): Increase & { sources: string[] } {
  const now = values.get(`${country}:${year}`);
  const before = values.get(`${country}:${year - 1}`);
  const value = now?.value ?? null;
  const previous = before?.value ?? null;
  const sources = [...(now?.sources ?? []), ...(before?.sources ?? [])];
  if (value === null || previous === null) return { year, value, previous, change: null, status: 'no-data', dataset, sources };
  const change = previous === 0 ? (value > 0 ? Number.POSITIVE_INFINITY : 0) : (value - previous) / previous;
  return {
    year, value, previous, change: Number.isFinite(change) ? share(change) : null,
    status: change >= SUSPENSION_MECHANISM.increaseThreshold ? 'met' : 'not-met', dataset, sources,
  };
}

/** @example await getVisaSuspensionMonitor({ db, year: 2023, limit: 100, offset: 0 }); */
export async function getVisaSuspensionMonitor({ db, year, country, limit, offset }: GetVisaSuspensionMonitorOptions): Promise<IndicatorResult<MonitorRow>> {
  const countries = VISA_EXEMPT.filter((c) => !country || c.code === country);
  const codes = countries.map((c) => c.code);
  const latest = await sql<{ y: number | null }>`select max(year) as y from stat_ind_applications where geo = 'EU27_2020'`.execute(db);
  const reference = year ?? latest.rows[0]?.y ?? new Date().getUTCFullYear() - 1;
  const years = [reference - 1, reference];
  const eu = [...EU27];

  const [applications, stays, refusals, recognition] = await Promise.all([
    yearly(db, sql`select citizen, year, applicants as value, source_ids::text[] as sources from stat_ind_applications
      where geo = 'EU27_2020' and citizen = any(${codes}::text[]) and year = any(${years}::int[])`),
    yearly(db, sql`select citizen, period::int as year, sum(value)::float8 as value, array_agg(distinct source_id::text) as sources from stat_eurostat
      where dataset = 'migr_eipre' and breakdown = '' and geo = any(${eu}::text[]) and citizen = any(${codes}::text[]) and period = any(${years.map(String)}::text[])
      and value is not null group by citizen, period`),
    yearly(db, sql`select citizen, period::int as year, sum(value)::float8 as value, array_agg(distinct source_id::text) as sources from stat_eurostat
      where dataset = 'migr_eirfs' and breakdown = '' and geo = any(${eu}::text[]) and citizen = any(${codes}::text[]) and period = any(${years.map(String)}::text[])
      and value is not null group by citizen, period`),
    sql<{ citizen: string; year: number; rate: number | null; publisher: string; sources: string[] }>`
      select distinct on (citizen) citizen, year, rate, publisher, source_ids::text[] as sources from stat_ind_recognition
      where citizen = any(${codes}::text[]) and year <= ${reference} and rate is not null order by citizen, year desc`.execute(db),
  ]);
  const rateOf = new Map(recognition.rows.map((r) => [r.citizen, r]));

  const rows: MonitorRow[] = countries.map((c) => {
    const apps = increase(applications, c.code, reference, 'migr_asyappctza');
    const stay = increase(stays, c.code, reference, 'migr_eipre');
    const refused = increase(refusals, c.code, reference, 'migr_eirfs');
    const r = rateOf.get(c.code);
    const recognitionRate = {
      year: r?.year ?? null, rate: share(r?.rate ?? null), publisher: r?.publisher ?? null,
      status: (r?.rate == null ? 'no-data' : r.rate <= SUSPENSION_MECHANISM.recognitionThreshold ? 'met' : 'not-met') as 'met' | 'not-met' | 'no-data',
    };
    const missing: string[] = [];
    if (apps.status === 'no-data') missing.push(`asylum applications by citizenship for the EU (migr_asyappctza, EU27_2020) in ${reference - 1} and ${reference}`);
    if (stay.status === 'no-data') missing.push(`irregular stays by citizenship (migr_eipre) in ${reference - 1} and ${reference}`);
    if (refused.status === 'no-data') missing.push(`refusals of entry by citizenship (migr_eirfs by citizenship) in ${reference - 1} and ${reference}`);
    if (recognitionRate.status === 'no-data') missing.push(`an EU-wide recognition rate for nationals of ${c.name} up to ${reference}`);
    const groundA = [stay.status, refused.status];
    const groundB = [apps.status, recognitionRate.status];
    return {
      country: c.code, name: c.name, annexPart: c.part, note: c.note ?? null,
      asylumApplications: strip(apps), irregularStays: strip(stay), refusalsOfEntry: strip(refused), recognitionRate,
      grounds: [
        {
          ground: 'a', description: `refusals of entry or irregular stays up ${SUSPENSION_MECHANISM.increaseThreshold * 100} % or more on the year before`,
          status: groundA.includes('met') ? 'met' : groundA.includes('no-data') ? 'incomplete' : 'not-met',
        },
        {
          ground: 'b', description: `asylum applications up ${SUSPENSION_MECHANISM.increaseThreshold * 100} % or more on the year before, with a recognition rate of ${SUSPENSION_MECHANISM.recognitionThreshold * 100} % or less`,
          status: groundB.every((s) => s === 'met') ? 'met' : groundB.includes('not-met') ? 'not-met' : 'incomplete',
        },
      ],
      missing,
      sources: [...new Set([...apps.sources, ...stay.sources, ...refused.sources, ...(r?.sources ?? []).map(String)])],
    };
  });
  const page = rows.slice(offset, offset + limit);
  return answer(db, 'visa-suspension-monitor', page, rows.length, { limit, offset }, {
    referenceYear: reference, comparedWith: reference - 1, countries: countries.length,
    annexII: ANNEX_II_SOURCE, mechanism: SUSPENSION_MECHANISM.instrument, thresholdSources: SUSPENSION_MECHANISM.sources,
    thresholds: { increase: SUSPENSION_MECHANISM.increaseThreshold, recognitionRate: SUSPENSION_MECHANISM.recognitionThreshold },
  });
}

function strip({ sources: _s, ...rest }: Increase & { sources: string[] }): Increase {
  return rest;
}
