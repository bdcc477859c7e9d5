/**
 * @module lib/country-codes
 * ISO 3166-1 alpha-2 country codes (from the i18n-iso-countries package, which tracks the ISO list),
 * with the conventions DOMAIN.md fixes: `XX` for stateless persons, and Eurostat's `EL`/`UK` accepted
 * as aliases of `GR`/`GB`.
 */
import countries from 'i18n-iso-countries';

const ISO_ALPHA2: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));
const ALIASES: Readonly<Record<string, string>> = { EL: 'GR', UK: 'GB' };
/** Kosovo: not in ISO 3166-1, but `XK` is the code the EU, Eurostat and the EU list of safe countries of origin use. */
const USER_ASSIGNED: ReadonlySet<string> = new Set(['XK']);

export const STATELESS = 'XX';

/** The canonical code for `code`, or `null` when it is not a country code. */
export function normaliseCountry(code: string, { allowStateless = false } = {}): string | null {
  const upper = ALIASES[code] ?? code;
  if (allowStateless && upper === STATELESS) return upper;
  return ISO_ALPHA2.has(upper) || USER_ASSIGNED.has(upper) ? upper : null;
}
