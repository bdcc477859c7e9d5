/**
 * @module domain/reports/report-statistics
 * The sections of a partnership's report that come from public statistics: flows on its routes
 * (Frontex), returns of the partner's nationals (Eurostat) and deaths and missing on its routes (IOM).
 * Each reads the same indicator functions as the open-data API (`/api/stats/…`), so the report's
 * figures are the endpoints' figures; a section without data says what its data covers instead.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { EU_AGGREGATES, isCountry, nameOf } from '../statistics/codes.ts';
import { getArrivals } from '../statistics/get-arrivals.ts';
import { getDeathsAndMissing } from '../statistics/get-deaths-and-missing.ts';
import { getReturnRates } from '../statistics/get-return-rates.ts';
import type { SourceRef } from '../statistics/indicators.ts';
import type { ReportDeaths, ReportFlows, ReportReturns, ReportReturnYear } from './monthly-report.ts';

const ALL = { limit: 10_000, offset: 0 };
/** Years of returns shown, ending with the report's year. */
const RETURN_YEARS = 10;

interface SectionInput {
  db: Kysely<Database>;
  month: string;
  window: string[];
  /** Sources met, collected for the report's source list. */
  sources: Map<string, SourceRef>;
}

type MonthRange = { from: string; to: string } | null;

function note(sources: Map<string, SourceRef>, refs: SourceRef[]): void {
  for (const s of refs) sources.set(s.id, s);
}

function monthsCovered(coverage: Record<string, unknown>): MonthRange {
  const months = coverage.months as MonthRange | undefined;
  return months ?? null;
}

/** A figure per month of the window: the value, 0 inside the publisher's coverage, null outside it. */
function series(window: string[], values: Map<string, number>, covered: MonthRange): Array<number | null> {
  return window.map((m) => values.get(m) ?? (covered && m >= covered.from && m <= covered.to ? 0 : null));
}

function coverageLine(what: string, covered: MonthRange, month: string): string {
  if (!covered) return `No ${what} imported: run \`npx waypoint stats import\`.`;
  const inside = month >= covered.from && month <= covered.to;
  return `${what} cover ${covered.from} to ${covered.to}${inside ? '' : `: nothing for ${month}`}.`;
}

function change(now: number | null, before: number | null): number | null {
  return now === null || before === null || before === 0 ? null : (now - before) / before;
}

/** Frontex detections on the routes: the window by month and route, nationalities and the partner's nationals in the month. */
export async function flowsSection({ db, month, window, sources, routes, partner }: SectionInput & { routes: string[]; partner: string }): Promise<ReportFlows> {
  const [first, last] = [window[0]!, window.at(-1)!];
  const byRoute: ReportFlows['byRoute'] = [];
  const nationalities = new Map<string, number>();
  let covered: MonthRange = null;
  for (const route of routes) {
    const [monthly, byNationality] = await Promise.all([
      getArrivals({ db, route, from: first, to: last, groupBy: ['month'], ...ALL }),
      getArrivals({ db, route, from: month, to: month, groupBy: ['nationality'], ...ALL }),
    ]);
    covered = monthsCovered(monthly.coverage);
    note(sources, [...monthly.sources, ...byNationality.sources]);
    byRoute.push({ route, detections: series(window, new Map(monthly.items.map((r) => [r.month!, r.detections])), covered) });
    for (const r of byNationality.items) nationalities.set(r.nationality!, (nationalities.get(r.nationality!) ?? 0) + r.detections);
  }
  const partnerRows = await getArrivals({ db, nationality: partner, from: month, to: month, groupBy: ['route'], ...ALL });
  note(sources, partnerRows.sources);
  covered ??= monthsCovered(partnerRows.coverage);
  const detections = window.map((_, i) => (byRoute.length === 0 || byRoute.some((r) => r.detections[i] === null) ? null : byRoute.reduce((s, r) => s + r.detections[i]!, 0)));
  const monthValue = detections.at(-1) ?? null;
  const yearBefore = detections[0] ?? null;
  const coverage = [coverageLine('Frontex detections', covered, month)];
  if (routes.length === 0) coverage.push('No route is assigned to this partnership, so only the partner\'s nationals are shown.');
  return {
    routes, detections, byRoute, month: monthValue, sameMonthLastYear: yearBefore, change: change(monthValue, yearBefore),
    nationalities: [...nationalities].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10).map(([code, n]) => ({ nationality: code, name: nameOf(code), detections: n })),
    partnerNationals: partnerRows.items.map((r) => ({ route: r.route!, detections: r.detections })).sort((a, b) => b.detections - a.detections),
    coverage,
  };
}

/** IOM Missing Migrants on the routes: dead and missing per month of the window, and the year to date. */
export async function deathsSection({ db, month, window, sources, routes }: SectionInput & { routes: string[] }): Promise<ReportDeaths> {
  const year = Number(month.slice(0, 4));
  const dead = new Map<string, number>();
  const incidents = new Map<string, number>();
  let covered: MonthRange = null;
  for (const route of routes) {
    const result = await getDeathsAndMissing({ db, route, from: year - 1, to: year, groupBy: ['month'], ...ALL });
    covered = monthsCovered(result.coverage);
    note(sources, result.sources);
    for (const r of result.items) {
      dead.set(r.month!, (dead.get(r.month!) ?? 0) + r.deadAndMissing);
      incidents.set(r.month!, (incidents.get(r.month!) ?? 0) + r.incidents);
    }
  }
  const coverage = routes.length === 0
    ? ['IOM keeps no route of its own for these Frontex routes: no deaths and missing shown.']
    : [coverageLine('IOM Missing Migrants incidents', covered, month), 'Minimum estimates: many deaths are never recorded.'];
  const inCoverage = (m: string) => covered !== null && m >= covered.from && m <= covered.to;
  const ytd = [...Array(Number(month.slice(5, 7))).keys()].map((i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return {
    routes,
    deadAndMissing: routes.length ? series(window, dead, covered) : window.map(() => null),
    incidents: routes.length ? series(window, incidents, covered) : window.map(() => null),
    month: routes.length && inCoverage(month) ? dead.get(month) ?? 0 : null,
    yearToDate: routes.length && inCoverage(month) ? ytd.reduce((s, m) => s + (dead.get(m) ?? 0), 0) : null,
    coverage,
  };
}

function sum(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((s, v) => s + v, 0) : null;
}

/** Eurostat orders to leave and returns of the partner's nationals, per year: the EU aggregate where published, else the sum over reporting countries. */
export async function returnsSection({ db, month, sources, partner }: SectionInput & { partner: string }): Promise<ReportReturns> {
  const year = Number(month.slice(0, 4));
  const result = await getReturnRates({ db, citizen: partner, from: year - RETURN_YEARS + 1, to: year, ...ALL });
  note(sources, result.sources);
  const years: ReportReturnYear[] = [];
  for (let y = year - RETURN_YEARS + 1; y <= year; y++) {
    const rows = result.items.filter((r) => r.year === y);
    const eu = EU_AGGREGATES.map((code) => rows.find((r) => r.geo === code)).find((r) => r !== undefined);
    if (eu) {
      years.push({ year: y, basis: eu.geo, countries: rows.filter((r) => isCountry(r.geo)).length, ordered: eu.ordered, returned: eu.returned, returnedThirdCountry: eu.returnedThirdCountry, rate: eu.rate });
      continue;
    }
    const countries = rows.filter((r) => isCountry(r.geo));
    if (countries.length === 0) continue;
    years.push({
      year: y, basis: 'sum of reporting countries', countries: countries.length, ordered: sum(countries.map((r) => r.ordered)),
      returned: sum(countries.map((r) => r.returned)), returnedThirdCountry: sum(countries.map((r) => r.returnedThirdCountry)), rate: null,
    });
  }
  const coverage: string[] = [];
  const stored = result.coverage.years as { from: number; to: number } | null | undefined;
  if (!stored) coverage.push('No Eurostat returns data imported: run `npx waypoint stats import`.');
  else coverage.push(`Eurostat returns data cover ${stored.from} to ${stored.to} (yearly figures only; the year of ${month} is shown when published).`);
  if (stored && years.length === 0) coverage.push(`No figures for citizens of ${nameOf(partner)} in ${year - RETURN_YEARS + 1}–${year}.`);
  if (years.some((y) => y.rate === null && y.basis !== 'sum of reporting countries')) coverage.push('A rate needs both orders to leave and returns for the same year and aggregate.');
  if (years.some((y) => y.basis === 'sum of reporting countries')) coverage.push('Where Eurostat publishes no EU aggregate, figures are summed over the countries reporting them, and no rate is computed (the countries reporting orders and returns differ).');
  coverage.push('Not a cohort measure: a person ordered to leave in one year may leave in another.');
  return { citizen: partner, years, coverage };
}
