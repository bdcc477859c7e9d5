/**
 * @module domain/statistics/codes
 * One code per country across publishers. Waypoint stores ISO 3166-1 alpha-2 (as the law engine and
 * case files do): Eurostat's `EL` and `UK` become `GR` and `GB`, UNHCR's and Frontex's alpha-3 codes
 * become alpha-2, Eurostat's English labels (in the tidied extracts) become codes. What is not a
 * country keeps Eurostat's code, so that every publisher says "stateless" and "unknown" the same way:
 * `STLS`, `UNK`, `RNC` (recognised non-citizens), and the aggregates `TOTAL`, `EU27_2020`, `EU28`,
 * `EXT_EU27_2020`, `EXT_EU28`, `UK_OCT`. Codes of other publishers that name no country and have no
 * Eurostat equivalent are kept as published (UNHCR's `TIB`, Frontex's `OOS`).
 */
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { normaliseCountry } from '../../lib/country-codes.ts';

countries.registerLocale(en);

/** The 27 Member States since 1 February 2020 (Eurostat's EU27_2020), alpha-2. */
export const EU27 = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'] as const;
const EU27_SET: ReadonlySet<string> = new Set(EU27);

/** Eurostat codes that are not countries: aggregates, stateless, unknown. Stored as they are. */
export const AGGREGATES: ReadonlySet<string> = new Set([
  'TOTAL', 'EU27_2020', 'EU28', 'EU27_2007', 'EU25', 'EU15', 'EU', 'EA', 'EFTA', 'EXT_EU27_2020', 'EXT_EU28', 'EXT_EU27_2007',
  'EU27_2020_FOR', 'EU28_FOR', 'NEU27_2020_FOR', 'NEU28_FOR', 'STLS', 'UNK', 'RNC', 'UK_OCT', 'FOR', 'NAT',
]);

/** Aggregates that stand for the European Union (for "EU-wide" figures), preferred first. */
export const EU_AGGREGATES = ['EU27_2020', 'EU28', 'EU27_2007'] as const;

/** Whether `code` is a stored country code (not an aggregate or a non-country). */
export function isCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && normaliseCountry(code) !== null;
}

export function isEu27(code: string): boolean {
  return EU27_SET.has(code);
}

/**
 * A Eurostat geo or citizen code as stored: EL → GR, UK → GB, aggregates unchanged; `null` when it is
 * neither a country nor a known aggregate.
 * @example fromEurostat('EL') // 'GR'
 */
export function fromEurostat(code: string): string | null {
  if (AGGREGATES.has(code)) return code;
  if (code === 'EU27') return 'EU27_2020';
  return normaliseCountry(code);
}

/** Alpha-3 codes that are not in ISO 3166-1 (or mean no country), as Waypoint stores them. */
const ISO3_SPECIAL: Readonly<Record<string, string>> = {
  XKX: 'XK', XKK: 'XK', KOS: 'XK', // Kosovo (UNSCR 1244)
  XXA: 'STLS', STA: 'STLS', STL: 'STLS', XXX: 'STLS', // stateless
  UNK: 'UNK', UKN: 'UNK', OOO: 'UNK', XXZ: 'UNK', // unknown / not specified
  EU27: 'EU27_2020', EU28: 'EU28',
};

/**
 * An alpha-3 code (UNHCR's `coo_iso`, Frontex's nationality) as stored; a code naming no country is
 * kept as published, so nothing is lost.
 * @example fromIso3('SYR') // 'SY'
 */
export function fromIso3(code: string): string {
  const special = ISO3_SPECIAL[code];
  if (special) return special;
  const alpha2 = countries.alpha3ToAlpha2(code);
  return alpha2 ? (normaliseCountry(alpha2) ?? alpha2) : code;
}

/** Eurostat's English labels that i18n-iso-countries does not know, and the labels of non-countries. */
const LABELS: Readonly<Record<string, string>> = {
  Total: 'TOTAL', 'Extra-EU-28': 'EXT_EU28', 'Extra-EU27 (from 2020)': 'EXT_EU27_2020', Stateless: 'STLS', Unknown: 'UNK',
  'Recognised non-citizens': 'RNC', 'British overseas countries and territories': 'UK_OCT',
  'European Union (28 countries)': 'EU28', 'European Union - 27 countries (from 2020)': 'EU27_2020',
  // A continent named as a citizenship in migr_eirtn (persons whose country was not identified further).
  Asia: 'ASIA',
  'Gambia, The': 'GM', 'Kosovo*': 'XK', 'Kosovo (under United Nations Security Council Resolution 1244/99)': 'XK', Kosovo: 'XK',
  Moldova: 'MD', Syria: 'SY', 'Viet Nam': 'VN', 'Cabo Verde': 'CV', 'Côte d’Ivoire': 'CI', "Côte d'Ivoire": 'CI',
  'Palestine*': 'PS', 'Myanmar/Burma': 'MM', Laos: 'LA', 'São Tomé and Príncipe': 'ST', 'Federated States of Micronesia': 'FM',
  'China (including Hong Kong)': 'CN', 'Cook Islands (NZ)': 'CK', 'Former Yugoslav Republic of Macedonia, the': 'MK',
  'Former Yugoslav Republic of Macedonia': 'MK', Swaziland: 'SZ', 'Vatican City State': 'VA', Türkiye: 'TR', Turkey: 'TR',
  Russia: 'RU', Iran: 'IR', 'North Korea': 'KP', 'South Korea': 'KR', 'Congo, Democratic Republic of': 'CD',
  'Democratic Republic of the Congo': 'CD', Bolivia: 'BO', Venezuela: 'VE', Tanzania: 'TZ', Brunei: 'BN',
};

/**
 * A Eurostat English label (as in the tidied extracts' `citizen_label` and `geo_label`) as a stored
 * code, or `null` when neither the table above nor ISO 3166's English names know it.
 * @example fromLabel('Syria') // 'SY'
 */
export function fromLabel(label: string): string | null {
  const trimmed = label.trim();
  const known = LABELS[trimmed];
  if (known) return known;
  const alpha2 = countries.getAlpha2Code(trimmed, 'en');
  return alpha2 ? normaliseCountry(alpha2) : null;
}

/** English name of a stored code, for presentation (the code itself when unknown). */
export function nameOf(code: string): string {
  const names: Record<string, string> = {
    TOTAL: 'All citizenships', EU27_2020: 'European Union (27, from 2020)', EU28: 'European Union (28, 2013–2020)',
    EXT_EU27_2020: 'Non-EU citizens (EU27_2020)', EXT_EU28: 'Non-EU citizens (EU28)', STLS: 'Stateless', UNK: 'Unknown',
    RNC: 'Recognised non-citizens', UK_OCT: 'UK overseas countries and territories', XK: 'Kosovo (UNSCR 1244/1999)',
  };
  return names[code] ?? countries.getName(code, 'en') ?? code;
}

/**
 * A country filter as a user types it (ISO alpha-2 with EL/UK aliases, alpha-3, or an aggregate code),
 * as stored; `null` when it names nothing.
 * @example parseCountryFilter('el') // 'GR'
 */
export function parseCountryFilter(value: string): string | null {
  const upper = value.trim().toUpperCase();
  if (AGGREGATES.has(upper) || upper === 'EU27') return fromEurostat(upper);
  if (/^[A-Z]{2}$/.test(upper)) return normaliseCountry(upper);
  if (/^[A-Z]{3}$/.test(upper)) {
    const code = fromIso3(upper);
    return code !== upper ? code : null;
  }
  return null;
}
