/**
 * @module api/routes/stats/routes
 * The open-data statistics API: one `GET /api/stats/<indicator>` per indicator, filterable, as JSON
 * (definition, coverage and provenance next to the figures) or CSV (`?format=csv` or `Accept:
 * text/csv`; formula-guarded, provenance in a column), plus the imported datasets and the indicator
 * catalogue. Public aggregates: every authenticated user may read them (permission `statistics:read`).
 * Beside them, `GET /api/stats/case-indicators/{indicator}`: indicators computed from Waypoint's own
 * case data (permission `case-statistics:read`, which decides whose Member States' figures; small
 * cells suppressed). Nothing is written.
 */
import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize } from '../../../domain/access/authorize.ts';
import { DomainError } from '../../../domain/errors.ts';
import { CASE_INDICATORS, readCaseStatistics, type CaseIndicatorId } from '../../../domain/statistics/case-indicators.ts';
import { toCsv } from '../../../domain/statistics/csv.ts';
import { getArrivals } from '../../../domain/statistics/get-arrivals.ts';
import { getAsylumApplications } from '../../../domain/statistics/get-asylum-applications.ts';
import { getDeadlineComplianceIndicator } from '../../../domain/statistics/get-deadline-compliance-indicator.ts';
import { getDeathsAndMissing } from '../../../domain/statistics/get-deaths-and-missing.ts';
import { getFacilityUse } from '../../../domain/statistics/get-facility-use.ts';
import { getLedgerBalance } from '../../../domain/statistics/get-ledger-balance.ts';
import { getRecognitionRates } from '../../../domain/statistics/get-recognition-rates.ts';
import { getReturnRates } from '../../../domain/statistics/get-return-rates.ts';
import { getVisaSuspensionMonitor } from '../../../domain/statistics/get-visa-suspension-monitor.ts';
import { coverageFor, INDICATORS, type IndicatorResult } from '../../../domain/statistics/indicators.ts';
import { listDatasets } from '../../../domain/statistics/list-datasets.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, problemResponses } from '../../schemas.ts';
import {
  indicatorResult, ZApplicationRow, ZApplicationsQuery, ZArrivalRow, ZArrivalsQuery, ZCaseIndicatorParams, ZCaseIndicatorQuery, ZCaseIndicatorResult, ZDatasets, ZDeathRow, ZDeathsQuery,
  ZIndicatorCatalog, ZMonitorQuery, ZMonitorRow, ZRecognitionQuery, ZRecognitionRow, ZReturnRow, ZReturnsQuery,
} from './schema.ts';

const DEFAULT_LIMIT = 1000;

function content(schema: z.ZodTypeAny) {
  return { content: { 'application/json': { schema }, 'text/csv': { schema: { type: 'string' as const, description: 'The items as CSV, with a `source` column' } } } };
}

/** CSV when asked with `?format=csv` or an Accept header preferring text/csv. */
function wantsCsv(c: Context, format: string | undefined): boolean {
  if (format) return format === 'csv';
  const accept = c.req.header('accept') ?? '';
  return /text\/csv/i.test(accept) && !/application\/json/i.test(accept.split(/text\/csv/i)[0] ?? '');
}

function send<T extends { sources: string[] }>(c: Context<AppEnv>, result: Pick<IndicatorResult<T>, 'indicator' | 'items' | 'sources' | 'total'>, format: string | undefined): Response {
  c.header('link', '</api/stats/datasets>; rel="describedby"');
  if (wantsCsv(c, format)) {
    c.header('content-disposition', `attachment; filename="waypoint-${result.indicator}.csv"`);
    c.header('x-total-count', String(result.total));
    return c.body(toCsv(result.items as unknown as Array<Record<string, unknown>>, result.sources), 200, { 'content-type': 'text/csv; charset=utf-8' });
  }
  return c.json(result, 200);
}

function page(query: { limit?: number; offset?: number }) {
  return { limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset ?? 0 };
}

const read = (c: Context<AppEnv>) => authorize({ actor: c.var.actor, action: 'read', resource: 'statistics' });

export const statsRoutes = new OpenAPIHono<AppEnv>();

statsRoutes.openapi(createRoute({
  method: 'get', path: '/api/stats/datasets', tags: ['Statistics'], summary: 'Imported datasets with their provenance and coverage', security: bearer,
  responses: { 200: { description: 'One entry per dataset, with every file imported', content: { 'application/json': { schema: ZDatasets } } }, ...problemResponses() },
}), async (c) => {
  read(c);
  return c.json(await listDatasets({ db: c.var.services.storage.db }) as never, 200);
});

statsRoutes.openapi(createRoute({
  method: 'get', path: '/api/stats/indicators', tags: ['Statistics'], summary: 'The indicators: definitions, sources, caveats, coverage', security: bearer,
  responses: { 200: { description: 'Every indicator', content: { 'application/json': { schema: ZIndicatorCatalog } } }, ...problemResponses() },
}), async (c) => {
  read(c);
  const db = c.var.services.storage.db;
  const list = await Promise.all(Object.values(INDICATORS).map(async (d) => ({ ...d, path: `/api/stats/${d.id}`, coverage: await coverageFor(db, d.id) })));
  // The case-data indicators: their coverage depends on who asks, so it comes with each answer.
  const fromCases = Object.values(CASE_INDICATORS).map((d) => ({
    id: d.id, title: d.title, definition: d.definition, unit: d.unit, datasets: d.tables, caveats: d.caveats, source: d.source,
    path: `/api/stats/case-indicators/${d.id}`,
    coverage: { computed: 'per request, from the case data of the Member States the caller may see (small cells suppressed)' },
  }));
  return c.json([...list, ...fromCases], 200);
});

statsRoutes.openapi(createRoute({
  method: 'get', path: '/api/stats/arrivals', tags: ['Statistics'], summary: 'Detections of illegal border-crossings by route, month and nationality (Frontex)', security: bearer,
  request: { query: ZArrivalsQuery },
  responses: { 200: { description: 'Detections', ...content(indicatorResult('Arrivals', ZArrivalRow)) }, ...problemResponses(400) },
}), async (c) => {
  read(c);
  const q = c.req.valid('query');
  const result = await getArrivals({ db: c.var.services.storage.db, route: q.route, borderType: q.borderType, nationality: q.nationality, from: q.from, to: q.to, groupBy: q.groupBy, ...page(q) });
  return send(c, result, q.format) as never;
});

statsRoutes.openapi(createRoute({
  method: 'get', path: '/api/stats/asylum-applications', tags: ['Statistics'], summary: 'Asylum applicants by citizenship, Member State and year (Eurostat)', security: bearer,
  request: { query: ZApplicationsQuery },
  responses: { 200: { description: 'Applicants', ...content(indicatorResult('AsylumApplications', ZApplicationRow)) }, ...problemResponses(400) },
}), async (c) => {
  read(c);
  const q = c.req.valid('query');
  const result = await getAsylumApplications({ db: c.var.services.storage.db, geo: q.geo, citizen: q.citizen, from: q.from, to: q.to, ...page(q) });
  return send(c, result, q.format) as never;
});

statsRoutes.openapi(createRoute({
  method: 'get', path: '/api/stats/recognition-rates', tags: ['Statistics'], summary: 'EU-wide first-instance recognition rate by nationality and year (Eurostat, else UNHCR)', security: bearer,
  request: { query: ZRecognitionQuery },
  responses: { 200: { description: 'Rates, each naming its publisher', ...content(indicatorResult('RecognitionRates', ZRecognitionRow)) }, ...problemResponses(400) },
}), async (c) => {
  read(c);
  const q = c.req.valid('query');
  const result = await getRecognitionRates({ db: c.var.services.storage.db, citizen: q.citizen, from: q.from, to: q.to, maxRate: q.maxRate, ...page(q) });
  return send(c, result, q.format) as never;
});

statsRoutes.openapi(createRoute({
  method: 'get', path: '/api/stats/return-rates', tags: ['Statistics'], summary: 'Return rate (returns / orders to leave) by nationality and Member State (Eurostat)', security: bearer,
  request: { query: ZReturnsQuery },
  responses: { 200: { description: 'Orders, returns and rates', ...content(indicatorResult('ReturnRates', ZReturnRow)) }, ...problemResponses(400) },
}), async (c) => {
  read(c);
  const q = c.req.valid('query');
  const result = await getReturnRates({ db: c.var.services.storage.db, geo: q.geo, citizen: q.citizen, from: q.from, to: q.to, withRate: q.withRate === 'true', ...page(q) });
  return send(c, result, q.format) as never;
});

statsRoutes.openapi(createRoute({
  method: 'get', path: '/api/stats/deaths-and-missing', tags: ['Statistics'], summary: 'Migrants dead and missing by route and year (IOM Missing Migrants Project)', security: bearer,
  request: { query: ZDeathsQuery },
  responses: { 200: { description: 'Dead and missing', ...content(indicatorResult('DeathsAndMissing', ZDeathRow)) }, ...problemResponses(400) },
}), async (c) => {
  read(c);
  const q = c.req.valid('query');
  const result = await getDeathsAndMissing({ db: c.var.services.storage.db, route: q.route, country: q.country, origin: q.origin, from: q.from, to: q.to, groupBy: q.groupBy, ...page(q) });
  return send(c, result, q.format) as never;
});

statsRoutes.openapi(createRoute({
  method: 'get', path: '/api/stats/visa-suspension-monitor', tags: ['Statistics'], summary: 'Visa suspension mechanism monitor for the visa-exempt countries (Regulation (EU) 2018/1806 Annex II)', security: bearer,
  request: { query: ZMonitorQuery },
  responses: { 200: { description: 'Grounds per country, with what data is missing', ...content(indicatorResult('VisaSuspensionMonitor', ZMonitorRow)) }, ...problemResponses(400) },
}), async (c) => {
  read(c);
  const q = c.req.valid('query');
  const result = await getVisaSuspensionMonitor({ db: c.var.services.storage.db, year: q.year, country: q.country, ...page(q) });
  return send(c, result, q.format) as never;
});

statsRoutes.openapi(createRoute({
  method: 'get', path: '/api/stats/case-indicators/{indicator}', tags: ['Statistics'], security: bearer,
  summary: 'Indicators from Waypoint case data: 1:1 ledger legs, facility use against capacity, deadline compliance (per Member State and month, small cells suppressed)',
  request: { params: ZCaseIndicatorParams, query: ZCaseIndicatorQuery },
  responses: { 200: { description: 'Figures with coverage; suppressed cells are null and marked', ...content(ZCaseIndicatorResult) }, ...problemResponses(400) },
}), async (c) => {
  const { indicator } = c.req.valid('param');
  const q = c.req.valid('query');
  if (q.from && q.to && q.from > q.to) throw new DomainError('VALIDATION_FAILED', `${q.from} is after ${q.to}`, [{ path: 'from', message: 'after to' }]);
  const threshold = c.var.services.config.smallCellMin;
  const range = { from: q.from, to: q.to, memberState: q.memberState };
  const result = await readCaseStatistics<unknown>(c.var.services.storage.db, c.var.actor, (tx, view) => {
    const which: CaseIndicatorId = indicator;
    switch (which) {
      case 'ledger-balance': return getLedgerBalance({ tx, view, threshold, ...range, mechanism: q.mechanism });
      case 'facility-occupancy': return getFacilityUse({ tx, view, threshold, ...range, facility: q.facility });
      case 'deadline-compliance': return getDeadlineComplianceIndicator({ tx, view, threshold, ...range, on: q.on });
    }
  });
  return send(c, result as never, q.format) as never;
});
