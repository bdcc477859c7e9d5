/**
 * @module api/routes/stats/schema
 * Query and response shapes of the open-data statistics routes. Queries are strict: an unknown or
 * malformed filter is a 400 problem+json naming the parameter, never ignored.
 */
import { z } from '@hono/zod-openapi';
import { CASE_INDICATOR_IDS } from '../../../domain/statistics/case-indicators.ts';
import { parseCountryFilter } from '../../../domain/statistics/codes.ts';
import { ARRIVAL_GROUPS } from '../../../domain/statistics/get-arrivals.ts';
import { DEATH_GROUPS } from '../../../domain/statistics/get-deaths-and-missing.ts';
import { text } from '../../schemas.ts';

/** A country filter: ISO alpha-2 (EL/UK accepted), alpha-3, or an aggregate code (EU27_2020, TOTAL, STLS…). */
export const ZCountryFilter = z.string().max(20)
  .refine((v) => parseCountryFilter(v) !== null, 'unknown country or aggregate code (ISO 3166-1 alpha-2 or alpha-3, or EU27_2020, EU28, TOTAL, STLS, UNK …)')
  .transform((v) => parseCountryFilter(v)!)
  .openapi({ example: 'SY' });

const ZYear = z.coerce.number().int().min(1950).max(2100).openapi({ example: 2016 });
const ZMonth = z.string().regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM').openapi({ example: '2023-01' });

/** Pagination and output format, shared by every indicator. */
const paging = {
  limit: z.coerce.number().int().min(1).max(10_000).optional().describe('Rows per page (default 1000, at most 10000)'),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional().describe('Rows to skip'),
  format: z.enum(['json', 'csv']).optional().describe('csv for a spreadsheet (or send Accept: text/csv)'),
};

function groups<T extends readonly string[]>(allowed: T, fallback: string) {
  return z.string().max(100)
    .refine((v) => v.split(',').every((g) => (allowed as readonly string[]).includes(g.trim())), `comma-separated list of ${allowed.join(', ')}`)
    .transform((v) => v.split(',').map((g) => g.trim()) as Array<T[number]>)
    .optional().describe(`Dimensions to keep, comma-separated (${allowed.join(', ')}); default ${fallback}`);
}

export const ZArrivalsQuery = z.strictObject({
  route: text().max(100).optional().describe('Frontex route, e.g. Central Mediterranean Route'),
  borderType: z.enum(['Sea', 'Land']).optional(),
  nationality: ZCountryFilter.optional(),
  from: ZMonth.optional(), to: ZMonth.optional(),
  groupBy: groups(ARRIVAL_GROUPS, 'month,route,nationality'),
  ...paging,
});

export const ZApplicationsQuery = z.strictObject({
  geo: ZCountryFilter.optional().describe('Reporting country or EU27_2020'),
  citizen: ZCountryFilter.optional().describe('Citizenship, or TOTAL'),
  from: ZYear.optional(), to: ZYear.optional(),
  ...paging,
});

export const ZRecognitionQuery = z.strictObject({
  citizen: ZCountryFilter.optional(),
  from: ZYear.optional(), to: ZYear.optional(),
  maxRate: z.coerce.number().min(0).max(1).optional().describe('Only rates at or below this share, e.g. 0.2'),
  ...paging,
});

export const ZReturnsQuery = z.strictObject({
  geo: ZCountryFilter.optional(), citizen: ZCountryFilter.optional(),
  from: ZYear.optional(), to: ZYear.optional(),
  withRate: z.enum(['true', 'false']).optional().describe('Only rows with a rate'),
  ...paging,
});

export const ZDeathsQuery = z.strictObject({
  route: text().max(100).optional().describe('IOM route, e.g. Central Mediterranean Route'),
  country: ZCountryFilter.optional().describe('Country of the incident'),
  origin: ZCountryFilter.optional().describe('Country of origin of the dead and missing'),
  from: ZYear.optional(), to: ZYear.optional(),
  groupBy: groups(DEATH_GROUPS, 'year,route'),
  ...paging,
});

export const ZMonitorQuery = z.strictObject({
  year: ZYear.optional().describe('Reference year (compared with the year before); default the latest with data'),
  country: ZCountryFilter.optional(),
  ...paging,
});

const ZSource = z.object({
  id: z.string(), publisher: z.string(), dataset: z.string(), title: z.string(), file: z.string(), location: z.string(),
  upstream: z.string().nullable(), retrievedOn: z.string(), licence: z.string(), credit: z.string(),
}).openapi('StatisticsSource');

/** An indicator answer with its rows typed by `item`. */
export function indicatorResult<T extends z.ZodTypeAny>(name: string, item: T) {
  return z.object({
    indicator: z.string(), title: z.string(), definition: z.string(), unit: z.string(), caveats: z.array(z.string()),
    coverage: z.record(z.string(), z.unknown()).describe('Years, countries and what is missing'),
    sources: z.array(ZSource).describe('Provenance of every figure in items (each item lists its source ids)'),
    items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int(),
  }).openapi(name);
}

const sources = z.array(z.string()).describe('Ids of the sources (see `sources`) the figure comes from');

export const ZArrivalRow = z.object({
  month: z.string().optional(), year: z.number().int().optional(), route: z.string().optional(), borderType: z.string().optional(),
  nationality: z.string().optional(), detections: z.number(), sources,
}).openapi('ArrivalRow');
export const ZApplicationRow = z.object({ year: z.number().int(), geo: z.string(), citizen: z.string(), applicants: z.number(), firstTime: z.number().nullable(), sources }).openapi('ApplicationRow');
export const ZRecognitionRow = z.object({
  year: z.number().int(), citizen: z.string(), geo: z.string(), publisher: z.string(), positive: z.number(), decisions: z.number(), rate: z.number().nullable(), sources,
}).openapi('RecognitionRow');
export const ZReturnRow = z.object({
  year: z.number().int(), geo: z.string(), citizen: z.string(), ordered: z.number().nullable(), returned: z.number().nullable(),
  returnedThirdCountry: z.number().nullable(), rate: z.number().nullable(), rateThirdCountry: z.number().nullable(), sources,
}).openapi('ReturnRow');
export const ZDeathRow = z.object({
  year: z.number().int().optional(), month: z.string().optional(), route: z.string().optional(), country: z.string().nullable().optional(),
  origin: z.string().nullable().optional(), deadAndMissing: z.number(), incidents: z.number().int(), survivors: z.number(), sources,
}).openapi('DeathRow');
const ZIncrease = z.object({ year: z.number().int(), value: z.number().nullable(), previous: z.number().nullable(), change: z.number().nullable(), status: z.enum(['met', 'not-met', 'no-data']), dataset: z.string() });
export const ZMonitorRow = z.object({
  country: z.string(), name: z.string(), annexPart: z.number().int(), note: z.string().nullable(),
  asylumApplications: ZIncrease, irregularStays: ZIncrease, refusalsOfEntry: ZIncrease,
  recognitionRate: z.object({ year: z.number().int().nullable(), rate: z.number().nullable(), publisher: z.string().nullable(), status: z.enum(['met', 'not-met', 'no-data']) }),
  grounds: z.array(z.object({ ground: z.string(), description: z.string(), status: z.enum(['met', 'not-met', 'incomplete']) })),
  missing: z.array(z.string()), sources,
}).openapi('VisaMonitorRow');

export const ZDatasets = z.array(z.object({
  dataset: z.string(), publisher: z.string(), title: z.string(), url: z.string().nullable(), licence: z.string(), credit: z.string(),
  periods: z.object({ from: z.string(), to: z.string() }).nullable(),
  files: z.array(z.record(z.string(), z.unknown())),
})).openapi('StatisticsDatasets');

export const ZIndicatorCatalog = z.array(z.object({
  id: z.string(), title: z.string(), definition: z.string(), unit: z.string(), datasets: z.array(z.string()), caveats: z.array(z.string()),
  path: z.string(), coverage: z.record(z.string(), z.unknown()),
  source: z.string().optional().describe('"Waypoint case data" for the indicators computed from case data (small cells suppressed)'),
})).openapi('IndicatorCatalog');

export const ZCaseIndicatorParams = z.object({
  indicator: z.enum(CASE_INDICATOR_IDS).openapi({ param: { name: 'indicator', in: 'path' }, example: 'deadline-compliance' }),
});

export const ZCaseIndicatorQuery = z.strictObject({
  from: ZMonth.optional().describe('First month, YYYY-MM'),
  to: ZMonth.optional().describe('Last month, YYYY-MM'),
  memberState: z.string().regex(/^[A-Z]{2,3}$/, 'a Member State code, e.g. IT (COM for Union-level facilities)').optional(),
  mechanism: text().max(100).optional().describe('ledger-balance: one 1:1 mechanism, by code'),
  facility: text().max(100).optional().describe('facility-occupancy: one facility, by code or id'),
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD').optional().describe('deadline-compliance: the day open deadlines are judged on (default today)'),
  format: z.enum(['json', 'csv']).optional().describe('csv for a spreadsheet (or send Accept: text/csv)'),
});

const protection = z.record(z.string(), z.enum(['suppressed', 'rounded'])).optional().describe('Cells suppressed (null) or rounded, by field');

export const ZCaseIndicatorResult = z.object({
  indicator: z.enum(CASE_INDICATOR_IDS), title: z.string(), definition: z.string(), unit: z.string(), source: z.string(), caveats: z.array(z.string()),
  coverage: z.object({
    source: z.string(), months: z.object({ from: z.string(), to: z.string() }).nullable(), memberStates: z.array(z.string()),
    scope: z.string(), view: z.array(z.string()), threshold: z.number().int(), suppressedCells: z.number().int(), note: z.string(),
  }),
  sources: z.array(ZSource),
  items: z.array(z.object({ memberState: z.string(), month: z.string(), protection, sources }).catchall(z.union([z.string(), z.number(), z.null()]))
    .describe('ledger-balance: mechanism, returns, resettlements, balance; facility-occupancy: facility, name, country, capacity, peakOccupied, personDays, peakUse; deadline-compliance: metOnTime, metLate, missed, openOverdue, openNotDue, onTimeRate')),
  total: z.number().int(),
}).openapi('CaseIndicatorResult');
