/**
 * @module domain/partnerships/partnership-routes
 * The migratory routes a partnership's monitoring report follows: Frontex's routes for detections and
 * the matching IOM Missing Migrants routes for deaths. A partnership record does not name a route, so
 * the report reads one from the partner country — the routes Frontex's migratory map counts departures
 * from that country on — unless the partnership concerns another route (the Italy–Albania Protocol
 * applies to persons rescued at sea by Italian vessels: the Central Mediterranean, not Albania's own
 * routes; the emergency transit mechanisms evacuate from Libya). A caller may name the routes instead.
 * Readers get the same routes in each partnership record's summary (`partnership.ts` summaryOn), so the
 * web app groups partnerships by route without a rule of its own.
 */

/** Frontex's migratory routes, as named in its monthly detections. */
export const FRONTEX_ROUTES = [
  'Central Mediterranean Route', 'Eastern Mediterranean Route', 'Western Mediterranean Route', 'Western African Route', 'Western Balkan Route',
  'Eastern Borders Route', 'Circular Route from Albania to Greece', 'Black Sea Route', 'Other',
] as const;
export type FrontexRoute = (typeof FRONTEX_ROUTES)[number];

const MIGRATORY_MAP = 'https://www.frontex.europa.eu/what-we-do/monitoring-and-risk-analysis/migratory-map/';

/**
 * IOM's name of a Frontex route, where IOM keeps one (IOM's Western African Atlantic Route is Frontex's
 * Western African Route; IOM has no Western Balkan, Eastern Borders or Circular route of its own).
 */
const IOM_ROUTE: Partial<Record<FrontexRoute, string>> = {
  'Central Mediterranean Route': 'Central Mediterranean Route',
  'Eastern Mediterranean Route': 'Eastern Mediterranean Route',
  'Western Mediterranean Route': 'Western Mediterranean Route',
  'Western African Route': 'Western African Atlantic Route',
};

/** Routes by country of departure or transit, as Frontex's migratory map describes them. */
const BY_PARTNER: Readonly<Record<string, readonly FrontexRoute[]>> = {
  LY: ['Central Mediterranean Route'], TN: ['Central Mediterranean Route'], EG: ['Central Mediterranean Route'], NE: ['Central Mediterranean Route'],
  DZ: ['Western Mediterranean Route', 'Central Mediterranean Route'], MA: ['Western Mediterranean Route', 'Western African Route'],
  MR: ['Western African Route'], SN: ['Western African Route'], GM: ['Western African Route'],
  TR: ['Eastern Mediterranean Route'], LB: ['Eastern Mediterranean Route'],
  AL: ['Circular Route from Albania to Greece', 'Western Balkan Route'], RS: ['Western Balkan Route'], MK: ['Western Balkan Route'],
  BA: ['Western Balkan Route'], ME: ['Western Balkan Route'], XK: ['Western Balkan Route'],
  BY: ['Eastern Borders Route'], UA: ['Eastern Borders Route'], MD: ['Eastern Borders Route'], RU: ['Eastern Borders Route'],
};

/** Partnerships whose persons come by another route than the partner's own departures. */
const BY_PARTNERSHIP: Readonly<Record<string, { routes: readonly FrontexRoute[]; why: string }>> = {
  'it-al-protocol': { routes: ['Central Mediterranean Route'], why: 'the Protocol applies to persons rescued at sea by Italian authorities\' vessels' },
  'ne-unhcr-etm': { routes: ['Central Mediterranean Route'], why: 'the mechanism evacuates refugees from Libya' },
  'rw-unhcr-au-etm': { routes: ['Central Mediterranean Route'], why: 'the mechanism evacuates refugees from Libya' },
};

export interface ReportRoutes {
  frontex: FrontexRoute[];
  /** IOM route names of those routes (some Frontex routes have none). */
  iom: string[];
  /** Why these routes, in words, with the source. */
  basis: string;
  source: string | null;
}

function withIom(frontex: readonly FrontexRoute[], basis: string, source: string | null): ReportRoutes {
  const iom = [...new Set(frontex.map((r) => IOM_ROUTE[r]).filter((r): r is string => r !== undefined))];
  return { frontex: [...frontex], iom, basis, source };
}

/**
 * The routes a partnership's report follows.
 * @example routesFor({ code: 'eu-tn-mou', partner: 'TN' }).frontex // ['Central Mediterranean Route']
 */
export function routesFor({ code, partner, asked }: { code: string; partner: string; asked?: readonly FrontexRoute[] }): ReportRoutes {
  if (asked && asked.length > 0) return withIom(asked, 'routes named by the reader of this report', null);
  const special = BY_PARTNERSHIP[code];
  if (special) return withIom(special.routes, `${special.why}`, MIGRATORY_MAP);
  const routes = BY_PARTNER[partner];
  if (routes) return withIom(routes, `the routes Frontex counts departures from ${partner} on`, MIGRATORY_MAP);
  return withIom([], `no Frontex route starts in ${partner}: name one with route= for flows and deaths`, null);
}
