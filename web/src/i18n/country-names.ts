/**
 * @module web/i18n/country-names
 * Country names in the 24 official languages of the Union, from i18n-iso-countries (CLDR-based).
 * Only the language asked for is loaded, as a chunk of its own (a few kB), so the first screen does
 * not carry 24 name lists.
 */
import countries from 'i18n-iso-countries';

/** The official languages of the EU (Regulation No 1/1958, Art. 1, as amended). */
export const EU_LANGUAGES = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'] as const;
export type EuLanguage = (typeof EU_LANGUAGES)[number];

export function isEuLanguage(value: unknown): value is EuLanguage {
  return typeof value === 'string' && (EU_LANGUAGES as readonly string[]).includes(value);
}

type LocaleData = Parameters<typeof countries.registerLocale>[0];

// One literal import per language, so that the bundler makes each a chunk of its own.
const LOADERS: Record<EuLanguage, () => Promise<{ default: LocaleData }>> = {
  bg: () => import('i18n-iso-countries/langs/bg.json'), cs: () => import('i18n-iso-countries/langs/cs.json'),
  da: () => import('i18n-iso-countries/langs/da.json'), de: () => import('i18n-iso-countries/langs/de.json'),
  el: () => import('i18n-iso-countries/langs/el.json'), en: () => import('i18n-iso-countries/langs/en.json'),
  es: () => import('i18n-iso-countries/langs/es.json'), et: () => import('i18n-iso-countries/langs/et.json'),
  fi: () => import('i18n-iso-countries/langs/fi.json'), fr: () => import('i18n-iso-countries/langs/fr.json'),
  ga: () => import('i18n-iso-countries/langs/ga.json'), hr: () => import('i18n-iso-countries/langs/hr.json'),
  hu: () => import('i18n-iso-countries/langs/hu.json'), it: () => import('i18n-iso-countries/langs/it.json'),
  lt: () => import('i18n-iso-countries/langs/lt.json'), lv: () => import('i18n-iso-countries/langs/lv.json'),
  mt: () => import('i18n-iso-countries/langs/mt.json'), nl: () => import('i18n-iso-countries/langs/nl.json'),
  pl: () => import('i18n-iso-countries/langs/pl.json'), pt: () => import('i18n-iso-countries/langs/pt.json'),
  ro: () => import('i18n-iso-countries/langs/ro.json'), sk: () => import('i18n-iso-countries/langs/sk.json'),
  sl: () => import('i18n-iso-countries/langs/sl.json'), sv: () => import('i18n-iso-countries/langs/sv.json'),
};

/** Names by ISO alpha-2 code, in one language. */
export type CountryNames = (code: string) => string;

const loaded = new Map<EuLanguage, Promise<CountryNames>>();

/**
 * The country names of a language, loading its list on first use. Unknown codes (Eurostat's
 * aggregates, `XX`) come back as the code itself.
 * @example const names = await loadCountryNames('de'); names('TR') // "Türkei"
 */
export function loadCountryNames(language: EuLanguage): Promise<CountryNames> {
  let names = loaded.get(language);
  if (!names) {
    names = LOADERS[language]().then(({ default: data }) => {
      countries.registerLocale(data);
      return (code: string) => countries.getName(code, language, { select: 'official' }) ?? code;
    });
    loaded.set(language, names);
  }
  return names;
}

/** The ISO alpha-2 code of an ISO 3166-1 numeric code (world-atlas ids), or null. */
export function alpha2OfNumeric(numeric: string | number): string | null {
  return countries.numericToAlpha2(numeric) ?? null;
}
