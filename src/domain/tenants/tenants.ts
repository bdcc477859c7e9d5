/**
 * @module domain/tenants
 * The organisations whose data Waypoint keeps apart: the 27 Member States, the EU agencies, the
 * Commission and partner bodies. Every tenant-scoped row carries one of these codes in its primary key.
 */

export type TenantKind = 'member-state' | 'agency' | 'commission' | 'partner';

export interface Tenant {
  /** ISO 3166-1 alpha-2 for Member States (GR, not Eurostat's EL); an upper-case acronym otherwise. */
  id: string;
  kind: TenantKind;
  name: string;
  source: string;
}

const EU_COUNTRIES = 'https://european-union.europa.eu/principles-countries-history/eu-countries_en';

const MEMBER_STATES: Array<[string, string]> = [
  ['AT', 'Austria'], ['BE', 'Belgium'], ['BG', 'Bulgaria'], ['HR', 'Croatia'], ['CY', 'Cyprus'],
  ['CZ', 'Czechia'], ['DK', 'Denmark'], ['EE', 'Estonia'], ['FI', 'Finland'], ['FR', 'France'],
  ['DE', 'Germany'], ['GR', 'Greece'], ['HU', 'Hungary'], ['IE', 'Ireland'], ['IT', 'Italy'],
  ['LV', 'Latvia'], ['LT', 'Lithuania'], ['LU', 'Luxembourg'], ['MT', 'Malta'], ['NL', 'Netherlands'],
  ['PL', 'Poland'], ['PT', 'Portugal'], ['RO', 'Romania'], ['SK', 'Slovakia'], ['SI', 'Slovenia'],
  ['ES', 'Spain'], ['SE', 'Sweden'],
];

/** Every tenant, with the public page that establishes it. */
export const TENANTS: readonly Tenant[] = [
  ...MEMBER_STATES.map(([id, name]): Tenant => ({ id, kind: 'member-state', name, source: EU_COUNTRIES })),
  { id: 'FRONTEX', kind: 'agency', name: 'European Border and Coast Guard Agency (Frontex)', source: 'https://www.frontex.europa.eu/about-frontex/who-we-are/' },
  { id: 'EUAA', kind: 'agency', name: 'European Union Agency for Asylum', source: 'https://euaa.europa.eu/about-us' },
  { id: 'FRA', kind: 'agency', name: 'European Union Agency for Fundamental Rights', source: 'https://fra.europa.eu/en/about-fra' },
  { id: 'COM', kind: 'commission', name: 'European Commission (DG HOME)', source: 'https://commission.europa.eu/about/departments-and-executive-agencies/migration-and-home-affairs_en' },
  { id: 'UNHCR', kind: 'partner', name: 'UN Refugee Agency', source: 'https://www.unhcr.org/about-unhcr' },
  { id: 'IOM', kind: 'partner', name: 'International Organization for Migration', source: 'https://www.iom.int/about-iom' },
];

/** Member State codes, for validation. */
export const MEMBER_STATE_CODES: ReadonlySet<string> = new Set(MEMBER_STATES.map(([id]) => id));
export const TENANT_CODES: ReadonlySet<string> = new Set(TENANTS.map((t) => t.id));
