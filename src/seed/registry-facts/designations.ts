/**
 * @module seed/registry-facts/designations
 * The designations Waypoint starts with, each with the documents it rests on:
 *
 * - the Union list of safe countries of origin (Annex II APR, inserted by Regulation (EU) 2026/464):
 *   Bangladesh, Colombia, Egypt, India, Kosovo, Morocco, Tunisia, from 12 June 2026 — the same list,
 *   date and citation as the law package's `eu-list.yaml` (law/VERIFICATION.md §3);
 * - Germany's list (Anlage II zu § 29a AsylG, as it stands since 23 December 2023), with the
 *   statutory two-yearly report as its review date;
 * - Italy's list set by Decree-Law No 158 of 23 October 2024 (19 countries), with the yearly report
 *   due by 15 January as its review date;
 * - Greece's designation of Türkiye as a safe third country for applicants from Syria, Afghanistan,
 *   Pakistan, Bangladesh and Somalia (joint ministerial decision of 7 June 2021, the act at issue in
 *   C-134/23).
 *
 * EU candidate countries are not seeded as designations: under Art. 62(1) APR as amended they are
 * safe countries of origin only if none of three exceptions applies (armed conflict, restrictive
 * measures, recognition rate above 20 %), which the law engine decides from the countries registry's
 * candidate status and its own parameters. A designation here would skip those exceptions.
 */
import type { Designation } from '../../domain/designations/designation.ts';
import type { Source } from '../../domain/registries/fields.ts';

const src = (title: string, url: string, date: string | null = null): Source => ({ title, url, date });

const EU_LIST_SOURCES = [
  src('Regulation (EU) 2026/464 amending Regulation (EU) 2024/1348 as regards the establishment of a list of safe countries of origin at Union level (Art. 62(1a) and Annex II)', 'https://eur-lex.europa.eu/eli/reg/2026/464/oj', '2026-02-24'),
  src('Council of the EU: final green light to the list of safe countries of origin and the safe third country concept (as reproduced)', 'https://www.pubaffairsbruxelles.eu/eu-institution-news/council-gives-final-greenlight-to-measures-to-make-the-eus-asylum-system-more-efficient-and-robust'),
];

const euList = (country: string): Designation => ({
  kind: 'safe-country-of-origin', level: 'eu', memberState: null, country, from: '2026-06-12', to: null,
  exceptions: { regions: [], categories: [] }, appliesTo: null, sources: EU_LIST_SOURCES, reviewDue: null, suspensions: [], verified: true,
  note: country === 'XK'
    ? 'Kosovo is coded XK, as the EU and Eurostat do. Applies with Regulation (EU) 2024/1348 from 12 June 2026; the date of publication in the OJ is not verified (law/VERIFICATION.md).'
    : 'Applies with Regulation (EU) 2024/1348 from 12 June 2026; the date of publication in the OJ is not verified (law/VERIFICATION.md).',
});

const ANLAGE_II = src('Asylgesetz (AsylG), Anlage II (zu § 29a): sichere Herkunftsstaaten', 'https://www.gesetze-im-internet.de/asylvfg_1992/anlage_ii.html');
const ANLAGE_II_2023 = src('Sicherer Herkunftsstaat (Deutschland): list as it stands on 23 December 2023 — Western Balkans, Ghana, Senegal, Georgia, Moldova', 'https://de.wikipedia.org/wiki/Sicherer_Herkunftsstaat_(Deutschland)');
const DE_2015 = src('Bundestag, Kleine Anfrage 19/2597: the Asylverfahrensbeschleunigungsgesetz, in force on 24 October 2015, designated Albania, Kosovo and Montenegro; Bosnia and Herzegovina, North Macedonia and Serbia in 2014', 'https://www.linksfraktion.de/nc/parlament/parlamentarische-initiativen/detail/die-menschenrechtliche-situation-in-den-westbalkanstaaten/');
const DE_REPORT = src('§ 29a Abs. 2a AsylG: the Federal Government reports to the Bundestag every two years, first by 23 October 2017, whether the conditions for the states of Anlage II still hold (as quoted)', 'http://www.aktionbleiberecht.de/?p=12349');
const DE_2023 = src('Bundesrat, 15 December 2023: Georgia and Moldova designated safe countries of origin (epd)', 'https://evangelisch.de/inhalte/224488/15-12-2023/georgien-und-moldau-als-sichere-herkunftsstaaten-eingestuft', '2023-12-15');

/** The next two-yearly report under § 29a(2a) AsylG after 21 November 2026 (2017, 2019, … 2025, 2027). */
const DE_REVIEW = '2027-10-23';

const germany = (country: string, from: string, extra: Source[], note: string | null): Designation => ({
  kind: 'safe-country-of-origin', level: 'national', memberState: 'DE', country, from, to: null,
  exceptions: { regions: [], categories: [] }, appliesTo: null, sources: [ANLAGE_II, ...extra, DE_REPORT], reviewDue: DE_REVIEW, suspensions: [], verified: true,
  note: note ?? 'Review date: the next two-yearly report under § 29a(2a) AsylG; whether the 2025 report was made is not verified.',
});

const IT_DL_158 = [
  src('Decreto-legge 23 ottobre 2024, n. 158, Disposizioni urgenti in materia di procedure per il riconoscimento della protezione internazionale (Normattiva)', 'https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:decreto.legge:2024-10-23;158', '2024-10-23'),
  src('Decree-Law 158/2024 published in the Gazzetta Ufficiale on 23 October 2024: the 19 safe countries of origin, and the yearly report due by 15 January', 'https://permessidisoggiorno.info/News.aspx?id=0&idSez=0&nid=12357', '2024-10-23'),
  src('Council of Ministers No 101 of 21 October 2024: list of safe countries of origin (Government communiqué, as reproduced)', 'http://cafpatronatocdl.it/?p=27906', '2024-10-21'),
];
const IT_COUNTRIES = ['AL', 'DZ', 'BD', 'BA', 'CV', 'CI', 'EG', 'GM', 'GE', 'GH', 'XK', 'MK', 'MA', 'ME', 'PE', 'SN', 'RS', 'LK', 'TN'];

const italy = (country: string): Designation => ({
  kind: 'safe-country-of-origin', level: 'national', memberState: 'IT', country, from: '2024-10-23', to: null,
  exceptions: { regions: [], categories: [] }, appliesTo: null, sources: IT_DL_158, reviewDue: '2027-01-15', suspensions: [], verified: true,
  note: 'In force from publication on 23 October 2024 (the entry-into-force clause itself was not read). It replaced the list of the interministerial decree of May 2024, which also named Cameroon, Colombia and Nigeria. Review date: the yearly report by 15 January; whether the 2026 report was adopted is not verified.',
});

const GR_TR = [
  src('Greek Ministry of Migration and Asylum: joint ministerial decision designating Türkiye a safe third country for applicants from Syria, Afghanistan, Pakistan, Bangladesh and Somalia', 'https://migration.gov.gr/en/asfali-triti-chora-charaktirizei-gia-proti-fora-i-elliniki-nomothesia-tin-toyrkia-afora-aitoyntes-asylo-apo-syria-afganistan-pakistan-mpagklantes-kai-somalia/', '2021-06-07'),
  src('Court of Justice, C-134/23 Elliniko Symvoulio gia tous Prosfyges, judgment of 4 October 2024 (ECLI:EU:C:2024:838)', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62023CJ0134', '2024-10-04'),
  src('Greek Council of State, 177/2023: reference for a preliminary ruling on the designation (FRA case-law database)', 'https://fra.europa.eu/en/caselaw-reference/greece-council-state-1772023', '2023-02-03'),
];

/** Every designation the seed offers. */
export function seedDesignations(): Designation[] {
  return [
    ...['BD', 'CO', 'EG', 'IN', 'XK', 'MA', 'TN'].map(euList),
    germany('GH', '1993-07-01', [], 'Designated with the asylum compromise of 1993 (§ 29a AsylG in force 1 July 1993); the year is verified, the day is not. Review date: the next two-yearly report under § 29a(2a) AsylG.'),
    germany('SN', '1993-07-01', [], 'Designated with the asylum compromise of 1993 (§ 29a AsylG in force 1 July 1993); the year is verified, the day is not. Review date: the next two-yearly report under § 29a(2a) AsylG.'),
    ...['BA', 'MK', 'RS'].map((c) => germany(c, '2014-11-06', [DE_2015], 'Designated in 2014 (verified); the day of entry into force, 6 November 2014, is not verified. Review date: the next two-yearly report under § 29a(2a) AsylG.')),
    ...['AL', 'XK', 'ME'].map((c) => germany(c, '2015-10-24', [DE_2015], null)),
    ...['GE', 'MD'].map((c) => germany(c, '2023-12-23', [DE_2023, ANLAGE_II_2023], null)),
    ...IT_COUNTRIES.map(italy),
    {
      kind: 'safe-third-country', level: 'national', memberState: 'GR', country: 'TR', from: '2021-06-07', to: null,
      exceptions: { regions: [], categories: [] }, appliesTo: { nationalities: ['SY', 'AF', 'PK', 'BD', 'SO'] },
      sources: GR_TR, reviewDue: null, suspensions: [], verified: true,
      note: 'Joint ministerial decision of the Ministries of Foreign Affairs and of Migration and Asylum (announced 7 June 2021). Türkiye has not readmitted applicants from Greece since March 2020 (see the readmission registry): under C-134/23 an application cannot be declared inadmissible on this ground while that lasts. Whether the decision was renewed or replaced after 2021 is not verified.',
    },
  ];
}
