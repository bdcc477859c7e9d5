/**
 * @module seed/registry-facts/countries
 * The countries Waypoint starts with: every ISO 3166-1 code the `i18n-iso-countries` package knows
 * (249 and Kosovo, XK), with its names in the 24 official languages of the EU from that package, and
 * the dated facts typed in here, each with its sources and whether it was verified:
 *
 * - EU membership: dates of entry from the EU's "EU countries" page (which gives each day, and the
 *   United Kingdom's withdrawal on 31 January 2020). Verified.
 * - Schengen: the dates checks at internal borders were lifted. Croatia (land and sea 1 January 2023,
 *   air 26 March 2023), Bulgaria and Romania (air and sea 31 March 2024, Council Decision (EU)
 *   2024/210; land 1 January 2025) verified; the earlier dates from a secondary chronology, marked
 *   unverified where sources disagree (Greece) or where the excerpt read did not show them.
 * - EU candidate status: the European Council decisions granting it, matching the law package's
 *   `law/eu/enlargement/candidate-countries.yaml`; days not shown by a source are marked unverified.
 */
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { EU_LANGUAGES, type Country } from '../../domain/countries/country.ts';
import type { Source } from '../../domain/registries/fields.ts';

const require = createRequire(import.meta.url);
for (const lang of EU_LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

const src = (title: string, url: string, date: string | null = null): Source => ({ title, url, date });

const EU_COUNTRIES = [
  src('European Union, "EU countries": year of entry of each Member State', 'https://european-union.europa.eu/principles-countries-history/eu-countries_en'),
  src('European Union, "EU countries" (earlier address of the same page, giving 01/01/1958 … 01/07/2013 and the United Kingdom\'s withdrawal on 31 January 2020)', 'https://europa.eu/european-union/about-eu/countries_en'),
];

const EU_ENTRY: Array<[string, string[]]> = [
  ['1958-01-01', ['BE', 'FR', 'DE', 'IT', 'LU', 'NL']],
  ['1973-01-01', ['DK', 'IE', 'GB']],
  ['1981-01-01', ['GR']],
  ['1986-01-01', ['PT', 'ES']],
  ['1995-01-01', ['AT', 'FI', 'SE']],
  ['2004-05-01', ['CY', 'CZ', 'EE', 'HU', 'LV', 'LT', 'MT', 'PL', 'SK', 'SI']],
  ['2007-01-01', ['BG', 'RO']],
  ['2013-07-01', ['HR']],
];

/** Left the EU: the last day of membership. */
const EU_EXIT: Record<string, { to: string; note: string }> = {
  GB: { to: '2020-01-31', note: 'Withdrew from the European Union on 31 January 2020 (Article 50 TEU)' },
};

const SCHENGEN_CHRONOLOGY = src('Schengen Agreement – history and members (chronology of implementation dates; secondary source)', 'https://www.schengen-visa-info.eu/schengen-agreement');
const SCHENGEN_AREA = src('European Commission, Migration and Home Affairs: Schengen Area', 'https://home-affairs.ec.europa.eu/policies/schengen-borders-and-visa/schengen-area_en');
const CROATIA = src('Invest Croatia (Government of Croatia): Croatia to join the Schengen area from January 2023 — land and sea borders 1 January 2023, air borders 26 March 2023', 'https://investcroatia.gov.hr/en/schengen-area/', '2022-12-08');
const BG_RO_AIR = [
  src('Council Decision (EU) 2024/210 of 30 December 2023 on the full application of the Schengen acquis in Bulgaria and Romania (air and sea borders from 31 March 2024), as summarised', 'https://www.vreemdelingenrecht.be/nieuws/schengengebied-gedeeltelijke-toetreding-bulgarije'),
  src('Council of the EU, 30 December 2023: controls at internal air and maritime borders with Bulgaria and Romania lifted from 31 March 2024 (as reported)', 'https://centreforaviation.com/news/eu-to-lift-air-and-maritime-internal-border-controls-with-bulgaria-and-romania-1241560'),
];
const BG_RO_LAND = [
  src('Council of the EU, Justice and Home Affairs Council of 11–12 December 2024: checks at internal land borders with Bulgaria and Romania lifted from 1 January 2025 (as reported by the French Ministry for Europe and Foreign Affairs)', 'https://ru24.pro/english/393819106?nomobile=1', '2024-12-12'),
];

type SchengenPeriod = Country['schengen'][number];
const full = (from: string, sources: Source[], verified: boolean, note: string | null = null): SchengenPeriod => ({ from, to: null, scope: 'full', sources, verified, note });

const SCHENGEN: Record<string, SchengenPeriod[]> = {
  ...Object.fromEntries(['BE', 'DE', 'FR', 'LU', 'NL', 'PT', 'ES'].map((c) => [c, [full('1995-03-26', [SCHENGEN_CHRONOLOGY, SCHENGEN_AREA], true)]])),
  IT: [full('1997-10-26', [SCHENGEN_CHRONOLOGY, SCHENGEN_AREA], true, 'Checks at internal airports were lifted later (1998): not verified')],
  AT: [full('1997-12-01', [SCHENGEN_CHRONOLOGY, SCHENGEN_AREA], true, 'Checks at internal airports were lifted later (1998): not verified')],
  GR: [full('2000-01-01', [SCHENGEN_CHRONOLOGY, SCHENGEN_AREA], false, 'The chronology read gives 1 January 2000; other accounts give 26 March 2000: not verified')],
  ...Object.fromEntries(['DK', 'FI', 'SE', 'IS', 'NO'].map((c) => [c, [full('2001-03-25', [SCHENGEN_CHRONOLOGY, SCHENGEN_AREA], true)]])),
  ...Object.fromEntries(['CZ', 'EE', 'HU', 'LV', 'LT', 'MT', 'PL', 'SK', 'SI'].map((c) => [c, [
    { from: '2007-12-21', to: '2008-03-29', scope: 'land-and-sea', sources: [SCHENGEN_CHRONOLOGY, SCHENGEN_AREA], verified: true, note: null },
    full('2008-03-30', [SCHENGEN_AREA], false, 'Internal air borders followed at the change of the IATA schedule on 30 March 2008: not verified'),
  ] satisfies SchengenPeriod[]])),
  CH: [full('2008-12-12', [SCHENGEN_CHRONOLOGY, SCHENGEN_AREA], false, 'Date of lifting internal land border checks not shown in the source read; air borders followed on 29 March 2009 (not verified)')],
  LI: [full('2011-12-19', [SCHENGEN_AREA], false, 'Not verified against a source')],
  HR: [
    { from: '2023-01-01', to: '2023-03-25', scope: 'land-and-sea', sources: [CROATIA, SCHENGEN_AREA], verified: true, note: null },
    full('2023-03-26', [CROATIA, SCHENGEN_AREA], true),
  ],
  ...Object.fromEntries(['BG', 'RO'].map((c) => [c, [
    { from: '2024-03-31', to: '2024-12-31', scope: 'air-and-sea', sources: [...BG_RO_AIR, SCHENGEN_AREA], verified: true, note: null },
    full('2025-01-01', [...BG_RO_LAND, SCHENGEN_AREA], true),
  ] satisfies SchengenPeriod[]])),
};

const ENLARGEMENT = src('European Commission, Enlargement policy: candidate countries', 'https://enlargement.ec.europa.eu/enlargement-policy_en');
const EUROSTAT_CANDIDATES = src('Eurostat glossary: Candidate countries (Montenegro a candidate on 17 December 2010, Serbia on 1 March 2012)', 'https://ec.europa.eu/eurostat/statistics-explained/index.php?title=Glossary:Candidate_countries');

type Membership = Country['candidate'][number];
/** A candidacy: the European Council decision (on the Commission's enlargement page) and any other source read. */
const candidate = (from: string, title: string, verified: boolean, extra: Source[] = [], note: string | null = null): Membership[] =>
  [{ from, to: null, sources: [src(title, ENLARGEMENT.url), ...extra], verified, note }];

const CANDIDATES: Record<string, Membership[]> = {
  TR: candidate('1999-12-11', 'Helsinki European Council, 10–11 December 1999, conclusions (Türkiye a candidate)', false, [],
    'Status granted at the Helsinki European Council of 10–11 December 1999; the day is the last of the meeting, not verified'),
  MK: candidate('2005-12-16', 'Brussels European Council, 15–16 December 2005, conclusions (North Macedonia a candidate)', false, [EUROSTAT_CANDIDATES],
    'Eurostat gives "a European Council decision of December 2005"; the day is the last of the meeting, not verified'),
  ME: candidate('2010-12-17', 'European Council, 17 December 2010, conclusions (Montenegro a candidate)', true, [EUROSTAT_CANDIDATES]),
  RS: candidate('2012-03-01', 'European Council, 1–2 March 2012, conclusions (Serbia a candidate)', true, [EUROSTAT_CANDIDATES]),
  AL: candidate('2014-06-27', 'European Council, 26–27 June 2014, conclusions (Albania a candidate)', false, [],
    'Candidate since June 2014 (verified); the day is the last of the meeting, not verified'),
  UA: candidate('2022-06-23', 'European Council, 23–24 June 2022, conclusions (Ukraine and Moldova candidates)', true,
    [src('Anadolu Agency: Ukraine and Moldova granted candidate status on 23 June 2022', 'https://www.anews.com.tr/world/2022/06/24/number-of-countries-waiting-for-eu-membership-rises', '2022-06-24')]),
  MD: candidate('2022-06-23', 'European Council, 23–24 June 2022, conclusions (Ukraine and Moldova candidates)', true,
    [src('Anadolu Agency: Ukraine and Moldova granted candidate status on 23 June 2022', 'https://www.anews.com.tr/world/2022/06/24/number-of-countries-waiting-for-eu-membership-rises', '2022-06-24')]),
  BA: candidate('2022-12-15', 'European Council, 15 December 2022, conclusions (Bosnia and Herzegovina a candidate)', false, [],
    'As the law package has it (law/eu/enlargement/candidate-countries.yaml); no source read states the day'),
  GE: candidate('2023-12-14', 'European Council, 14–15 December 2023, conclusions (Georgia a candidate)', true,
    [src('Eunews: Georgia granted candidate status on 14 December 2023', 'https://newunionpost.eu/2024/07/01/map-potential-eu-enlargement', '2024-07-01')]),
};

const NAMES_NOTE = 'Names from the i18n-iso-countries package (CLDR-based), not typed in';

/** Every country record the seed offers, in code order. */
export function seedCountries(): Country[] {
  const codes = Object.keys(countries.getAlpha2Codes()).sort();
  return codes.map((code): Country => {
    const names = Object.fromEntries(EU_LANGUAGES.flatMap((lang) => {
      const name = countries.getName(code, lang);
      return name ? [[lang, name]] : [];
    })) as Country['names'];
    const entry = EU_ENTRY.find(([, members]) => members.includes(code));
    const exit = EU_EXIT[code];
    return {
      code,
      name: countries.getName(code, 'en') ?? code,
      names,
      otherNames: (countries.getNames('en', { select: 'all' })[code] ?? []).slice(1),
      euMembership: entry ? [{ from: entry[0], to: exit?.to ?? null, sources: EU_COUNTRIES, verified: true, note: exit?.note ?? null }] : [],
      schengen: SCHENGEN[code] ?? [],
      candidate: CANDIDATES[code] ?? [],
      note: code === 'XK' ? `Kosovo: XK is the code the EU and Eurostat use (not an ISO 3166-1 assignment). ${NAMES_NOTE}` : NAMES_NOTE,
    };
  });
}
