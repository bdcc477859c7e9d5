/**
 * @module web/screens/partnerships/partners
 * The partnerships list's map and groups: each partner country shaded by where its partnerships
 * stand on the date (in effect, being prepared, stopped), and the migratory routes each partnership
 * follows. The routes mirror domain/reports/partnership-routes.ts (the monthly report's choice: the
 * routes Frontex's migratory map counts departures from the partner on, unless the partnership
 * concerns another route); test/web/partnerships-mirror.test.ts keeps the two equal.
 *
 * The map is the Countries screen's world map, given shades in the categories of its readmission
 * legend (three colours that keep 3:1 contrast): in effect = green, being prepared = amber, stopped =
 * red. The legend here names them for partnerships.
 */
import type { RegistryRecord } from '../../api/types.ts';
import type { Shades } from '../countries/colouring.ts';
import type { PartnershipData, PartnershipSummary, Phase } from './types.ts';

/** Frontex's routes (domain/reports/partnership-routes.ts FRONTEX_ROUTES). */
export const FRONTEX_ROUTES = [
  'Central Mediterranean Route', 'Eastern Mediterranean Route', 'Western Mediterranean Route', 'Western African Route', 'Western Balkan Route',
  'Eastern Borders Route', 'Circular Route from Albania to Greece', 'Black Sea Route', 'Other',
] as const;
export type FrontexRoute = (typeof FRONTEX_ROUTES)[number];

/** Routes by country of departure or transit (partnership-routes.ts BY_PARTNER). */
export const ROUTES_BY_PARTNER: Readonly<Record<string, readonly FrontexRoute[]>> = {
  LY: ['Central Mediterranean Route'], TN: ['Central Mediterranean Route'], EG: ['Central Mediterranean Route'], NE: ['Central Mediterranean Route'],
  DZ: ['Western Mediterranean Route', 'Central Mediterranean Route'], MA: ['Western Mediterranean Route', 'Western African Route'],
  MR: ['Western African Route'], SN: ['Western African Route'], GM: ['Western African Route'],
  TR: ['Eastern Mediterranean Route'], LB: ['Eastern Mediterranean Route'],
  AL: ['Circular Route from Albania to Greece', 'Western Balkan Route'], RS: ['Western Balkan Route'], MK: ['Western Balkan Route'],
  BA: ['Western Balkan Route'], ME: ['Western Balkan Route'], XK: ['Western Balkan Route'],
  BY: ['Eastern Borders Route'], UA: ['Eastern Borders Route'], MD: ['Eastern Borders Route'], RU: ['Eastern Borders Route'],
};

/** Partnerships whose persons come by another route than the partner's own departures (partnership-routes.ts BY_PARTNERSHIP). */
export const ROUTES_BY_PARTNERSHIP: Readonly<Record<string, readonly FrontexRoute[]>> = {
  'it-al-protocol': ['Central Mediterranean Route'],
  'ne-unhcr-etm': ['Central Mediterranean Route'],
  'rw-unhcr-au-etm': ['Central Mediterranean Route'],
};

/** The routes a partnership follows (none when no Frontex route starts in the partner country). */
export function routesOf(code: string, partner: string): FrontexRoute[] {
  return [...(ROUTES_BY_PARTNERSHIP[code] ?? ROUTES_BY_PARTNER[partner] ?? [])];
}

/** Partnerships grouped by route, routes in Frontex's order; those with none last, under `null`. */
export function groupByRoute<T extends { code: string; partner: string }>(items: readonly T[]): Array<{ route: FrontexRoute | null; items: T[] }> {
  const groups = new Map<FrontexRoute | null, T[]>();
  for (const item of items) {
    const routes = routesOf(item.code, item.partner);
    for (const route of routes.length ? routes : [null]) groups.set(route, [...(groups.get(route) ?? []), item]);
  }
  const order = (r: FrontexRoute | null) => (r === null ? FRONTEX_ROUTES.length : FRONTEX_ROUTES.indexOf(r));
  return [...groups].sort(([a], [b]) => order(a) - order(b)).map(([route, list]) => ({ route, items: list }));
}

export type Standing = 'in-effect' | 'preparing' | 'stopped';

/** Where a partnership in a phase stands: in effect (implementation, monitoring), being prepared (exploration, design), stopped (suspended, ended). */
export function standingOf(phase: Phase | null): Standing | null {
  if (phase === null) return null;
  if (phase === 'implementation' || phase === 'monitoring') return 'in-effect';
  if (phase === 'exploration' || phase === 'design') return 'preparing';
  return 'stopped';
}

/** The map's category (of the readmission legend) of each standing. */
export const STANDING_CATEGORY: Record<Standing, 'cooperating' | 'partial' | 'suspended'> = {
  'in-effect': 'cooperating', preparing: 'partial', stopped: 'suspended',
};

const RANK: Record<Standing, number> = { 'in-effect': 3, preparing: 2, stopped: 1 };

/**
 * Each partner country's shade: the most advanced standing of its partnerships on the date (a country
 * with one partnership in effect and one ended is "in effect"). Partnerships not yet begun are left out.
 */
export function shadePartners(records: ReadonlyArray<Pick<RegistryRecord<PartnershipData>, 'data' | 'summary'>>): { shades: Shades; standing: Map<string, Standing> } {
  const standing = new Map<string, Standing>();
  for (const r of records) {
    const s = standingOf((r.summary as PartnershipSummary | null)?.phase ?? null);
    if (s === null) continue;
    const partner = r.data.parties.partner;
    const current = standing.get(partner);
    if (!current || RANK[s] > RANK[current]) standing.set(partner, s);
  }
  const shades: Shades = new Map([...standing].map(([code, s]) => [code, { category: STANDING_CATEGORY[s] }]));
  return { shades, standing };
}
