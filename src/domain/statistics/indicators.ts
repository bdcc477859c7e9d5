/**
 * @module domain/statistics/indicators
 * The indicators Waypoint publishes from public data, each with its definition, its sources and what
 * it cannot tell (shown next to every figure), and the pieces every indicator answer shares: the
 * provenance of the figures it holds and its coverage.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';

export interface IndicatorDefinition {
  id: string;
  title: string;
  definition: string;
  unit: string;
  /** Datasets the indicator is computed from, in order of preference. */
  datasets: string[];
  /** Known limits of the figures, independent of what was imported. */
  caveats: string[];
}

export const INDICATORS: Readonly<Record<string, IndicatorDefinition>> = {
  arrivals: {
    id: 'arrivals', title: 'Irregular arrivals: detections of illegal border-crossings',
    definition: 'Detections of illegal border-crossings at the EU external borders reported by Member States to Frontex, by migratory route, month and nationality of the person detected.',
    unit: 'detections', datasets: ['frontex_ibc'],
    caveats: [
      'Detections, not persons: the same person may be detected more than once, on one route or several.',
      'Zero cells are not published: a missing month × route × nationality means no detection reported.',
      'Nationality is as declared or assumed at detection; codes for unknown nationality are kept (UNK; Frontex OOS).',
      'The latest months are preliminary and revised by Frontex.',
    ],
  },
  'asylum-applications': {
    id: 'asylum-applications', title: 'Asylum applicants by citizenship, Member State and year',
    definition: 'Persons who lodged an application for international protection (or were included in one as family members) in the reporting country during the year (Eurostat migr_asyappctza, ASY_APP); first-time applicants (NASY_APP) where published.',
    unit: 'persons', datasets: ['migr_asyappctza'],
    caveats: [
      'Eurostat rounds these figures to the nearest 5.',
      'Where several extracts give a figure, the one of the latest vintage is shown; a total computed as the sum over sex is used only when it is the newer figure.',
      'Reporting countries include the EFTA states and the United Kingdom (until 2019); EU27_2020 is Eurostat\'s EU aggregate.',
    ],
  },
  'recognition-rates': {
    id: 'recognition-rates', title: 'EU-wide first-instance recognition rate by nationality and year',
    definition: 'Positive first-instance decisions (refugee status, subsidiary protection and humanitarian status) divided by all first-instance decisions, over the EU. From Eurostat migr_asydcfsta (positive / total decisions, EU aggregate) where imported; otherwise from UNHCR\'s asylum decisions summed over the 27 Member States: (recognised + complementary protection) / (recognised + complementary protection + rejected), first-instance levels FI, NA and RA, persons only.',
    unit: 'share of decisions (0–1)', datasets: ['migr_asydcfsta', 'unhcr_asylum_decisions'],
    caveats: [
      'Eurostat and UNHCR differ: UNHCR leaves "otherwise closed" cases out of the denominator and its levels do not map exactly onto Eurostat\'s first instance; Eurostat counts national humanitarian status as positive.',
      'UNHCR\'s combined first-instance-and-appeal level (FA) is left out, so countries reporting only FA are missing from the UNHCR-based rate.',
      'Each row names its publisher and EU aggregate (EU28 until 2019 in Eurostat\'s 2017 extract; EU27_2020 for the UNHCR-based rate).',
    ],
  },
  'return-rates': {
    id: 'return-rates', title: 'Return rate by nationality and Member State',
    definition: 'Third-country nationals who left following an order (Eurostat migr_eirtn) divided by third-country nationals ordered to leave (migr_eiord) in the same year and country; also for returns to a third country only.',
    unit: 'share of orders (0–1)', datasets: ['migr_eiord', 'migr_eirtn'],
    caveats: [
      'Not a cohort measure: a person ordered to leave in one year may leave in another, and one person may receive several orders; rates above 1 occur.',
      'Member States count orders and returns differently (e.g. whether voluntary departures and Dublin transfers are included); compare countries with care.',
      'Orders to leave by citizenship are only in the 2017 extract (2012–2016): later returns have no matching orders, so no rate.',
    ],
  },
  'deaths-and-missing': {
    id: 'deaths-and-missing', title: 'Migrants dead and missing by route and year',
    definition: 'Persons who died or went missing in the process of migration towards an international destination, as recorded by IOM\'s Missing Migrants Project, by IOM migration route and year of the incident.',
    unit: 'persons dead or missing', datasets: ['iom_mmp'],
    caveats: [
      'Minimum estimates: many deaths, at sea and in deserts, are never recorded.',
      'IOM route names differ from Frontex\'s (e.g. IOM\'s Western African Atlantic Route is Frontex\'s Western African route).',
      'This version does not split dead from missing.',
    ],
  },
  'visa-suspension-monitor': {
    id: 'visa-suspension-monitor', title: 'Visa suspension mechanism monitor (Regulation (EU) 2018/1806 Art. 8 as revised in 2025)',
    definition: 'For every country whose nationals are exempt from the visa requirement (Annex II), the quantitative grounds of the revised suspension mechanism computed from the data: an increase of 30 % or more in asylum applications, irregular stays or refusals of entry compared with the same period a year before, and a recognition rate of 20 % or less.',
    unit: 'change (share) and rate (share)', datasets: ['migr_asyappctza', 'migr_eipre', 'migr_eirfs', 'migr_asydcfsta', 'unhcr_asylum_decisions'],
    caveats: [
      'The Regulation compares periods (e.g. two months) with the same period a year before; the data here are annual, so whole years are compared.',
      'A met threshold is a signal for the Commission\'s assessment, not a suspension: the Commission may depart from the thresholds in duly justified cases.',
      'Irregular stays are summed over the Member States that report them by citizenship; refusals of entry need migr_eirfs by citizenship.',
    ],
  },
};

/** Where a figure came from, as every indicator answer lists it. */
export interface SourceRef {
  id: string;
  publisher: string;
  dataset: string;
  title: string;
  file: string;
  location: string;
  upstream: string | null;
  retrievedOn: string;
  licence: string;
  credit: string;
}

/** The provenance of the sources `ids`. */
export async function sourcesFor(db: Kysely<Database>, ids: Iterable<string>): Promise<SourceRef[]> {
  const list = [...new Set([...ids].map(String))];
  if (list.length === 0) return [];
  const rows = await db.selectFrom('stat_sources')
    .select(['id', 'publisher', 'dataset', 'title', 'file_name', 'location', 'upstream', 'retrieved_on', 'licence', 'credit'])
    .where(sql<boolean>`id = any(${list}::bigint[])`).orderBy('id').execute();
  return rows.map((r) => ({
    id: String(r.id), publisher: r.publisher, dataset: r.dataset, title: r.title, file: r.file_name, location: r.location,
    upstream: r.upstream, retrievedOn: r.retrieved_on, licence: r.licence, credit: r.credit,
  }));
}

/** Coverage recorded when the indicator was last rebuilt (empty before any import). */
export async function coverageFor(db: Kysely<Database>, indicator: string): Promise<Record<string, unknown>> {
  const row = await db.selectFrom('stat_indicator_meta').select(['coverage', 'refreshed_at']).where('indicator', '=', indicator).executeTakeFirst();
  if (!row) return { imported: false, note: 'no data imported for this indicator: run `npx waypoint stats import`' };
  return { ...(row.coverage as Record<string, unknown>), refreshedAt: new Date(row.refreshed_at).toISOString() };
}

export interface Page {
  limit: number;
  offset: number;
}

/** An indicator answer: definition, coverage and provenance next to the figures. */
export interface IndicatorResult<T> {
  indicator: string;
  title: string;
  definition: string;
  unit: string;
  caveats: string[];
  coverage: Record<string, unknown>;
  sources: SourceRef[];
  items: T[];
  /** Rows matching the filters (the page shows `limit` of them from `offset`). */
  total: number;
  limit: number;
  offset: number;
}

/** Builds the answer from an indicator's definition, its rows and their source ids. */
export async function answer<T extends { sources: string[] }>(db: Kysely<Database>, indicator: string, items: T[], total: number, page: Page, coverage?: Record<string, unknown>): Promise<IndicatorResult<T>> {
  const definition = INDICATORS[indicator]!;
  const [sources, stored] = await Promise.all([sourcesFor(db, items.flatMap((i) => i.sources)), coverage ? Promise.resolve(coverage) : coverageFor(db, indicator)]);
  return {
    indicator, title: definition.title, definition: definition.definition, unit: definition.unit, caveats: definition.caveats,
    coverage: stored, sources, items, total, limit: page.limit, offset: page.offset,
  };
}

/** Rounds a share to 4 decimals (a rate of 0.6079… shows as 0.6079). */
export function share(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : Math.round(value * 10_000) / 10_000;
}
