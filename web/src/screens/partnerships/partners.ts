/**
 * @module web/screens/partnerships/partners
 * The partnerships list's map and groups: each partner country shaded by where its partnerships
 * stand on the date (in effect, being prepared, stopped), and the migratory routes each partnership
 * follows — as the server names them in each record's summary (`summary.routes`, the monthly
 * report's choice: domain/partnerships/partnership-routes.ts), so the page has no rule of its own.
 *
 * The map is the Countries screen's world map, given shades in the categories of its readmission
 * legend (three colours that keep 3:1 contrast): in effect = green, being prepared = amber, stopped =
 * red. The legend here names them for partnerships.
 */
import type { RegistryRecord } from '../../api/types.ts';
import type { Shades } from '../countries/colouring.ts';
import type { PartnershipData, PartnershipSummary, Phase } from './types.ts';

/** Partnerships grouped by route, routes in alphabetical order; those with none last, under `null`. */
export function groupByRoute<T extends { routes: readonly string[] }>(items: readonly T[]): Array<{ route: string | null; items: T[] }> {
  const groups = new Map<string | null, T[]>();
  for (const item of items) {
    for (const route of item.routes.length ? item.routes : [null]) groups.set(route, [...(groups.get(route) ?? []), item]);
  }
  return [...groups].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b))).map(([route, list]) => ({ route, items: list }));
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
