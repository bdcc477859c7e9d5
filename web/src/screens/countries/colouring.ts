/**
 * @module web/screens/countries/colouring
 * What each country's colour on the map means, for each way of colouring it: designations in force
 * on the date (the Union list, else Member States' lists), readmission cooperation (the most
 * restrictive status recorded), the country's place in the Union (member, Schengen, candidate), or an
 * indicator (the EU-wide first-instance recognition rate, banded at the 20 % threshold of Art. 42(1),
 * point (j), APR). Pure: the screen fetches, this decides.
 */
import type { DesignationData, ReadmissionData, RecognitionRow } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/messages/en.ts';

export const MODES = ['safe-country-of-origin', 'safe-third-country', 'readmission', 'eu-status', 'recognition-rate'] as const;
export type Mode = (typeof MODES)[number];

export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}

/** One country's value: its category (a legend entry) and what it rests on. */
export interface Shade {
  category: string;
  /** Member States whose records make the category (national designations, readmission). */
  memberStates?: string[];
  /** The indicator's value (a share, 0–1). */
  rate?: number;
}

export interface Category { id: string; label: MessageKey; colour: string }

/**
 * The legend of each mode, in order. Colours keep at least 3:1 against the white page and the
 * "none" grey (WCAG 1.4.11), and the categories are also written out in the legend and the table.
 */
export const LEGENDS: Record<Mode, Category[]> = {
  'safe-country-of-origin': [
    { id: 'eu', label: 'map.cat.euList', colour: '#1d4e89' },
    { id: 'national', label: 'map.cat.nationalList', colour: '#b35c00' },
  ],
  'safe-third-country': [
    { id: 'eu', label: 'map.cat.euList', colour: '#1d4e89' },
    { id: 'national', label: 'map.cat.nationalList', colour: '#b35c00' },
  ],
  readmission: [
    { id: 'suspended', label: 'map.cat.suspended', colour: '#a4262c' },
    { id: 'partial', label: 'map.cat.partial', colour: '#b35c00' },
    { id: 'cooperating', label: 'map.cat.cooperating', colour: '#1f7a4d' },
  ],
  'eu-status': [
    { id: 'eu-member', label: 'map.cat.euMember', colour: '#1d4e89' },
    { id: 'schengen', label: 'map.cat.schengenOnly', colour: '#6a3d9a' },
    { id: 'candidate', label: 'map.cat.candidate', colour: '#b35c00' },
  ],
  'recognition-rate': [
    { id: 'low', label: 'map.cat.rateLow', colour: '#a4262c' },
    { id: 'medium', label: 'map.cat.rateMedium', colour: '#b35c00' },
    { id: 'high', label: 'map.cat.rateHigh', colour: '#1f7a4d' },
  ],
};

/** The fill of countries without a value. */
export const NONE_COLOUR = '#e6e6e6';

export type Shades = Map<string, Shade>;

/**
 * Designations in force (the API filters by date): a country on the Union list is "eu" (the list
 * binds every Member State); otherwise "national", with the Member States whose lists name it.
 */
export function shadeDesignations(records: readonly DesignationData[]): Shades {
  const byCountry = new Map<string, { eu: boolean; memberStates: Set<string> }>();
  for (const d of records) {
    const entry = byCountry.get(d.country) ?? { eu: false, memberStates: new Set<string>() };
    if (d.level === 'eu') entry.eu = true;
    else entry.memberStates.add(d.memberState ?? '?');
    byCountry.set(d.country, entry);
  }
  return new Map([...byCountry].map(([country, e]) => [country, e.eu ? { category: 'eu' } : { category: 'national', memberStates: [...e.memberStates].sort() }]));
}

const SEVERITY: Record<ReadmissionData['status'], number> = { suspended: 3, partial: 2, cooperating: 1 };

/** Readmission statuses in force: the most restrictive one colours the country; every Member State is listed. */
export function shadeReadmission(records: readonly ReadmissionData[]): Shades {
  const shades: Shades = new Map();
  for (const r of records) {
    const current = shades.get(r.country);
    const memberStates = [...new Set([...(current?.memberStates ?? []), r.memberState ?? 'EU'])].sort();
    const worse = !current || SEVERITY[r.status] > SEVERITY[current.category as ReadmissionData['status']];
    shades.set(r.country, { category: worse ? r.status : current.category, memberStates });
  }
  return shades;
}

/** EU members, then Schengen states outside the Union, then candidates. */
export function shadeEuStatus({ members, schengen, candidates }: { members: readonly string[]; schengen: readonly string[]; candidates: readonly string[] }): Shades {
  const shades: Shades = new Map();
  for (const code of candidates) shades.set(code, { category: 'candidate' });
  for (const code of schengen) shades.set(code, { category: 'schengen' });
  for (const code of members) shades.set(code, { category: 'eu-member' });
  return shades;
}

/** The threshold of Art. 42(1), point (j), and Art. 45(1) APR, and a second band at one half. */
export const RATE_BANDS = { low: 0.2, high: 0.5 } as const;

/** Eurostat's code for the Union as a whole, the scope of the EU-wide rate. */
export const EU_TOTAL = 'EU27_2020';

/** EU-wide recognition rates of one year, by citizenship: below 20 %, 20–50 %, 50 % and above. */
export function shadeRecognition(rows: readonly RecognitionRow[], year: number): Shades {
  const shades: Shades = new Map();
  for (const row of rows) {
    if (row.year !== year || row.geo !== EU_TOTAL || row.rate === null || !/^[A-Z]{2}$/.test(row.citizen)) continue;
    const category = row.rate < RATE_BANDS.low ? 'low' : row.rate < RATE_BANDS.high ? 'medium' : 'high';
    shades.set(row.citizen, { category, rate: row.rate });
  }
  return shades;
}

/** The fill of a country under a mode. */
export function colourOf(mode: Mode, shade: Shade | undefined): string {
  if (!shade) return NONE_COLOUR;
  return LEGENDS[mode].find((c) => c.id === shade.category)?.colour ?? NONE_COLOUR;
}

/** How many countries fall in each category (for the legend). */
export function countByCategory(shades: Shades): Map<string, number> {
  const counts = new Map<string, number>();
  for (const shade of shades.values()) counts.set(shade.category, (counts.get(shade.category) ?? 0) + 1);
  return counts;
}
