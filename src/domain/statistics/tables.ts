/**
 * @module domain/statistics/tables
 * The tables imported figures land in, described once (columns, their SQL types, the natural key, the
 * value columns) so that one writer upserts into all of them. Every table also has `source_id` and
 * `vintage` (the provenance of each row), which the writer adds.
 */

export type SqlType = 'text' | 'int4' | 'float8' | 'date';

export interface TableSpec {
  name: string;
  columns: ReadonlyArray<{ name: string; type: SqlType }>;
  /** The natural key: a row with the same key is the same figure. */
  key: readonly string[];
  /**
   * How a file replaces earlier rows: `upsert` by natural key (a figure changes only when a file of the
   * same or a later vintage gives another value), or `months` (IOM: the file replaces the incidents of
   * every month it covers, because incidents have no published id).
   */
  mode: 'upsert' | 'months';
  /** Columns that say what a file covers: its periods, reporting (or asylum) countries and citizenships. */
  coverage: { period: string; geo?: string; citizen?: string };
}

const col = (name: string, type: SqlType) => ({ name, type });
const UNHCR_KEY = [col('year', 'int4'), col('coo', 'text'), col('coa', 'text'), col('origin', 'text'), col('asylum', 'text')];
const UNHCR_COVERAGE = { period: 'year', geo: 'asylum', citizen: 'origin' };
const f8 = (...names: string[]) => names.map((n) => col(n, 'float8'));

export const EUROSTAT_TABLE: TableSpec = {
  name: 'stat_eurostat',
  columns: [col('dataset', 'text'), col('breakdown', 'text'), col('geo', 'text'), col('citizen', 'text'), col('period', 'text'), col('dims', 'text'), col('value', 'float8'), col('flag', 'text')],
  key: ['dataset', 'breakdown', 'geo', 'citizen', 'period'],
  mode: 'upsert',
  coverage: { period: 'period', geo: 'geo', citizen: 'citizen' },
};

export const UNHCR_TABLES: Readonly<Record<string, TableSpec>> = {
  population: {
    coverage: UNHCR_COVERAGE, name: 'stat_unhcr_population', mode: 'upsert', key: ['year', 'coo', 'coa'],
    columns: [...UNHCR_KEY, ...f8('refugees', 'asylum_seekers', 'returned_refugees', 'idps', 'returned_idps', 'stateless', 'ooc', 'oip', 'hst')],
  },
  asylum_applications: {
    coverage: UNHCR_COVERAGE, name: 'stat_unhcr_asylum_applications', mode: 'upsert', key: ['year', 'coo', 'coa', 'procedure_type', 'app_type', 'dec_level', 'app_pc'],
    columns: [...UNHCR_KEY, col('procedure_type', 'text'), col('app_type', 'text'), col('dec_level', 'text'), col('app_pc', 'text'), ...f8('applied')],
  },
  asylum_decisions: {
    coverage: UNHCR_COVERAGE, name: 'stat_unhcr_asylum_decisions', mode: 'upsert', key: ['year', 'coo', 'coa', 'procedure_type', 'dec_level', 'dec_pc'],
    columns: [...UNHCR_KEY, col('procedure_type', 'text'), col('dec_level', 'text'), col('dec_pc', 'text'), ...f8('dec_recognized', 'dec_other', 'dec_rejected', 'dec_closed', 'dec_total')],
  },
  solutions: {
    coverage: UNHCR_COVERAGE, name: 'stat_unhcr_solutions', mode: 'upsert', key: ['year', 'coo', 'coa'],
    columns: [...UNHCR_KEY, ...f8('returned_refugees', 'resettlement', 'naturalisation', 'returned_idps')],
  },
  flows: {
    coverage: UNHCR_COVERAGE, name: 'stat_unhcr_flows', mode: 'upsert', key: ['year', 'coo', 'coa'],
    columns: [...UNHCR_KEY, ...f8('refugees', 'asylum_seekers', 'refugee_like', 'oip')],
  },
  demographics: {
    coverage: UNHCR_COVERAGE, name: 'stat_unhcr_demographics', mode: 'upsert', key: ['year', 'coo', 'coa', 'pop_type', 'location', 'loc_type', 'acc_type'],
    columns: [...UNHCR_KEY, col('pop_type', 'text'), col('location', 'text'), col('loc_type', 'text'), col('acc_type', 'text'),
      ...f8('f_0_4', 'f_5_11', 'f_12_17', 'f_18_59', 'f_60', 'f_other', 'f_total', 'm_0_4', 'm_5_11', 'm_12_17', 'm_18_59', 'm_60', 'm_other', 'm_total', 'total')],
  },
};

export const FRONTEX_TABLE: TableSpec = {
  name: 'stat_frontex_detections', mode: 'upsert', coverage: { period: 'month', citizen: 'nationality' }, key: ['month', 'route', 'border_type', 'nationality'],
  columns: [col('month', 'text'), col('route', 'text'), col('border_type', 'text'), col('nationality', 'text'), col('detections', 'float8')],
};

export const IOM_TABLE: TableSpec = {
  name: 'stat_iom_incidents', mode: 'months', key: [], coverage: { period: 'month', geo: 'country', citizen: 'origin' },
  columns: [col('incident_date', 'date'), col('month', 'text'), col('incident_type', 'text'), col('route', 'text'), col('country', 'text'),
    col('dead_and_missing', 'float8'), col('cause_of_death', 'text'), col('survivors', 'float8'), col('origin', 'text'), col('location', 'text'),
    col('lon', 'float8'), col('lat', 'float8')],
};

/** Every table imports write, for row counts and tests. */
export const ALL_TABLES: TableSpec[] = [EUROSTAT_TABLE, ...Object.values(UNHCR_TABLES), FRONTEX_TABLE, IOM_TABLE];
