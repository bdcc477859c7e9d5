/**
 * @module domain/statistics/visa-exempt-countries
 * Annex II of Regulation (EU) 2018/1806: the third countries (Part 1), special administrative regions
 * (Part 2) and entities and territorial authorities not recognised as states by at least one Member
 * State (Part 4) whose nationals are exempt from the visa requirement for short stays. Typed in from
 * the consolidated text of 4 August 2024 (after Regulation (EU) 2019/592 added the United Kingdom,
 * Regulation (EU) 2023/850 added Kosovo from 1 January 2024, and Commission Delegated Regulations (EU)
 * 2023/222 and 2024/2059 suspended the exemption for nationals of Vanuatu). Part 3 (British nationals
 * who are not UK nationals) names no country and is left out.
 *
 * The list carries names, parts and notes for display; the mechanism's thresholds are the law
 * package's parameters. The monitor cites the sources of both in every answer.
 */
import { BASELINE } from '../../../law/assess.ts';

export const ANNEX_II_SOURCE = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02018R1806-20240804';

const INCREASE = 'eu/reg-2018-1806-visa/art-08-suspension/increase-threshold';
const RECOGNITION = 'eu/reg-2018-1806-visa/art-08-suspension/recognition-rate-threshold';

/** The latest value of a law-package parameter, with its citations. */
function latest(id: string): { value: number; from: string; hrefs: string[] } {
  const parameter = BASELINE.get(id);
  const entry = parameter.values[parameter.values.length - 1]!;
  return { value: Number(entry.value), from: entry.from, hrefs: entry.reference.map((r) => r.href) };
}

/**
 * The 2025 revision of the suspension mechanism (Art. 8) and its thresholds, as the law package holds
 * them (dated, cited parameters under law/eu/reg-2018-1806-visa/art-08-suspension).
 */
export const SUSPENSION_MECHANISM = (() => {
  const increase = latest(INCREASE);
  const recognition = latest(RECOGNITION);
  return {
    instrument: 'Regulation (EU) 2018/1806 Art. 8, as amended by Regulation (EU) 2025/2441',
    /** An increase of this share or more, versus the same period a year before, is substantial. */
    increaseThreshold: increase.value,
    /** A recognition rate at or below this share is low. */
    recognitionThreshold: recognition.value,
    /** The day the thresholds apply from. */
    from: increase.from,
    sources: [...new Set([...increase.hrefs, ...recognition.hrefs])],
  };
})();

export interface VisaExemptCountry {
  code: string;
  name: string;
  part: 1 | 2 | 4;
  note?: string;
}

const PART1: Array<[string, string]> = [
  ['AL', 'Albania'], ['AD', 'Andorra'], ['AG', 'Antigua and Barbuda'], ['AR', 'Argentina'], ['AU', 'Australia'], ['BS', 'Bahamas'],
  ['BB', 'Barbados'], ['BA', 'Bosnia and Herzegovina'], ['BR', 'Brazil'], ['BN', 'Brunei Darussalam'], ['CA', 'Canada'], ['CL', 'Chile'],
  ['CO', 'Colombia'], ['CR', 'Costa Rica'], ['DM', 'Dominica'], ['SV', 'El Salvador'], ['AE', 'United Arab Emirates'], ['GE', 'Georgia'],
  ['GD', 'Grenada'], ['GT', 'Guatemala'], ['VA', 'Holy See'], ['HN', 'Honduras'], ['IL', 'Israel'], ['JP', 'Japan'], ['KI', 'Kiribati'],
  ['MY', 'Malaysia'], ['MH', 'Marshall Islands'], ['MU', 'Mauritius'], ['MX', 'Mexico'], ['FM', 'Micronesia'], ['MD', 'Moldova'],
  ['MC', 'Monaco'], ['ME', 'Montenegro'], ['NR', 'Nauru'], ['NZ', 'New Zealand'], ['NI', 'Nicaragua'], ['MK', 'North Macedonia'],
  ['PW', 'Palau'], ['PA', 'Panama'], ['PY', 'Paraguay'], ['PE', 'Peru'], ['KN', 'Saint Kitts and Nevis'], ['LC', 'Saint Lucia'],
  ['VC', 'Saint Vincent and the Grenadines'], ['WS', 'Samoa'], ['SM', 'San Marino'], ['RS', 'Serbia'], ['SC', 'Seychelles'],
  ['SG', 'Singapore'], ['SB', 'Solomon Islands'], ['KR', 'South Korea'], ['TL', 'Timor-Leste'], ['TO', 'Tonga'], ['TT', 'Trinidad and Tobago'],
  ['TV', 'Tuvalu'], ['UA', 'Ukraine'], ['GB', 'United Kingdom'], ['US', 'United States'], ['UY', 'Uruguay'], ['VU', 'Vanuatu'], ['VE', 'Venezuela'],
];

const NOTES: Readonly<Record<string, string>> = {
  AL: 'biometric passports only', BA: 'biometric passports only', GE: 'biometric passports only', MD: 'biometric passports only',
  ME: 'biometric passports only', MK: 'biometric passports only', RS: 'biometric passports only, not passports issued by the Serbian Coordination Directorate',
  UA: 'biometric passports only', VU: 'exemption suspended for all nationals (Commission Delegated Regulations (EU) 2023/222 and 2024/2059)',
  HK: 'Hong Kong SAR passports only', MO: 'Macao SAR passports only', TW: 'passports including an identity card number only',
  XK: 'from 1 January 2024 (Regulation (EU) 2023/850)',
};

export const VISA_EXEMPT: readonly VisaExemptCountry[] = [
  ...PART1.map(([code, name]) => ({ code, name, part: 1 as const, ...(NOTES[code] ? { note: NOTES[code] } : {}) })),
  { code: 'HK', name: 'Hong Kong SAR', part: 2, note: NOTES.HK },
  { code: 'MO', name: 'Macao SAR', part: 2, note: NOTES.MO },
  { code: 'XK', name: 'Kosovo', part: 4, note: NOTES.XK },
  { code: 'TW', name: 'Taiwan', part: 4, note: NOTES.TW },
];
