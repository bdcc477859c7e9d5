/**
 * @module seed/caseload-distribution
 * What a realistic caseload looks like, from the public statistics: who applies for asylum where
 * (Eurostat `migr_asyappctza`: applicants by Member State × citizenship × sex, latest year), how old
 * they are (the same dataset by Member State × sex × age class, latest year with ages), and who is
 * returned from where (Eurostat `migr_eirtn`: persons returned to a third country by Member State ×
 * citizenship, latest year). The files of the shared data folder (../shared/data, SOURCES.md) are read
 * through the statistics importer's own format readers (`domain/statistics/formats`), so codes come out
 * as everywhere else in Waypoint (ISO alpha-2, GR not EL, stateless `STLS`).
 *
 * Without the folder, a small built-in distribution serves ({@link BUILT_IN_DISTRIBUTION}): the five
 * Member States with most applicants in 2024, their eight main citizenships by sex, EU-wide ages of
 * 2022 and the main nationalities returned in 2023, copied from the same files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { detectFormat } from '../domain/statistics/formats/detect.ts';
import { EU27 } from '../domain/statistics/codes.ts';

export type Sex = 'M' | 'F';

export interface DistributionSource {
  title: string;
  url: string;
  /** The year (or years) the figures are of. */
  period: string;
  /** The file read, when read from the shared data folder. */
  file?: string;
}

/** An age class in whole years, both ends included. */
export interface AgeBand { from: number; to: number; weight: number }

export interface CaseloadDistribution {
  sources: DistributionSource[];
  /** Asylum applicants: each Member State × nationality × sex (null: not recorded), with its count. */
  applicants: ReadonlyArray<{ memberState: string; nationality: string; sex: Sex | null; weight: number }>;
  /** Ages by `${memberState}:${M|F|T}`, and EU-wide by `EU:${M|F|T}` for Member States without their own. */
  ages: Readonly<Record<string, readonly AgeBand[]>>;
  /** Persons returned to a third country: each Member State × nationality, with its count. */
  returns: ReadonlyArray<{ memberState: string; nationality: string; weight: number }>;
}

const EUROSTAT_TABLE_URL = (dataset: string) => `https://ec.europa.eu/eurostat/databrowser/view/${dataset}/default/table`;

export const APPLICANTS_FILE = 'eurostat/migr_asyappctza_asylum_applicants_by_citizenship_sex_2011_2024.csv';
export const AGES_FILE = 'eurostat/migr_asyappctza_applicants_by_sex_age_2008_2022.csv';
export const RETURNS_FILE = 'eurostat/migr_eirtn_returned_to_third_country_by_citizenship_2014_2023.csv';

/** Eurostat's age classes (disjoint ones only; `Y_LT18` overlaps them). The oldest class ends at 85 here. */
const AGE_CLASSES: Readonly<Record<string, [number, number]>> = {
  Y_LT14: [0, 13], 'Y14-17': [14, 17], 'Y18-34': [18, 34], 'Y35-64': [35, 64], Y_GE65: [65, 85],
};

const MEMBER_STATES: ReadonlySet<string> = new Set(EU27);

/** One figure of a Eurostat file, as the statistics importer reads it. */
interface Figure { geo: string; citizen: string; period: string; dims: Record<string, string>; value: number }

/** Every figure of a file, through the importer's reader for its layout; rows it cannot read are left out. */
function readFigures(path: string): Figure[] {
  const records = parse(readFileSync(path, 'utf8'), { bom: true, relax_column_count: true }) as string[][];
  const [header, ...rows] = records;
  const format = detectFormat({ name: path, header: header!, firstRecord: rows[0] ?? null });
  const figures: Figure[] = [];
  for (const fields of rows) {
    let read: unknown[][];
    try { read = format.read(fields); } catch { continue; }
    for (const [, , geo, citizen, period, dims, value] of read) {
      if (typeof value !== 'number' || value <= 0) continue;
      figures.push({
        geo: geo as string, citizen: citizen as string, period: period as string, value,
        dims: Object.fromEntries((dims as string).split(';').filter(Boolean).map((kv) => kv.split('=') as [string, string])),
      });
    }
  }
  return figures;
}

/** The latest period with figures for Member States. */
function latest(figures: Figure[]): string {
  return figures.filter((f) => MEMBER_STATES.has(f.geo)).reduce((max, f) => (f.period > max ? f.period : max), '');
}

/** A nationality a person can hold: a country, or stateless (`XX` in person records); unknown is left out. */
function nationalityOf(citizen: string): string | null {
  if (citizen === 'STLS') return 'XX';
  return /^[A-Z]{2}$/.test(citizen) ? citizen : null;
}

function sexOf(code: string | undefined): Sex | null {
  return code === 'M' || code === 'F' ? code : null;
}

/**
 * Reads the distribution from the shared data folder, or returns the built-in one when the folder
 * (or one of its three files) is missing.
 * @example const d = loadCaseloadDistribution('../shared/data'); d.sources[0].period // '2024'
 */
export function loadCaseloadDistribution(dataDir: string | null): CaseloadDistribution {
  if (!dataDir || ![APPLICANTS_FILE, AGES_FILE, RETURNS_FILE].every((f) => existsSync(join(dataDir, f)))) return BUILT_IN_DISTRIBUTION;
  const applicantFigures = readFigures(join(dataDir, APPLICANTS_FILE));
  const applicantsYear = latest(applicantFigures);
  const applicants = applicantFigures
    .filter((f) => f.period === applicantsYear && MEMBER_STATES.has(f.geo) && nationalityOf(f.citizen))
    .map((f) => ({ memberState: f.geo, nationality: nationalityOf(f.citizen)!, sex: sexOf(f.dims.sex), weight: f.value }));

  const ageFigures = readFigures(join(dataDir, AGES_FILE))
    .filter((f) => f.citizen === 'EXT_EU27_2020' && f.dims.asyl_app === 'ASY_APP' && AGE_CLASSES[f.dims.age ?? '']);
  const agesYear = latest(ageFigures);
  const ages: Record<string, AgeBand[]> = {};
  for (const f of ageFigures.filter((x) => x.period === agesYear && (MEMBER_STATES.has(x.geo) || x.geo === 'EU27_2020'))) {
    const [from, to] = AGE_CLASSES[f.dims.age!]!;
    const key = `${f.geo === 'EU27_2020' ? 'EU' : f.geo}:${f.dims.sex}`;
    (ages[key] ??= []).push({ from, to, weight: f.value });
  }

  const returnFigures = readFigures(join(dataDir, RETURNS_FILE));
  const returnsYear = latest(returnFigures);
  const returns = returnFigures
    .filter((f) => f.period === returnsYear && MEMBER_STATES.has(f.geo) && nationalityOf(f.citizen))
    .map((f) => ({ memberState: f.geo, nationality: nationalityOf(f.citizen)!, weight: f.value }));

  return {
    sources: [
      { title: 'Eurostat, Asylum applicants by type, citizenship, age and sex (migr_asyappctza), by citizenship and sex', url: EUROSTAT_TABLE_URL('migr_asyappctza'), period: applicantsYear, file: APPLICANTS_FILE },
      { title: 'Eurostat, Asylum applicants by type, citizenship, age and sex (migr_asyappctza), by sex and age', url: EUROSTAT_TABLE_URL('migr_asyappctza'), period: agesYear, file: AGES_FILE },
      { title: 'Eurostat, Third-country nationals returned following an order to leave (migr_eirtn), to a third country', url: EUROSTAT_TABLE_URL('migr_eirtn'), period: returnsYear, file: RETURNS_FILE },
    ],
    applicants, ages, returns,
  };
}

/** Rows of the built-in table: Member State, nationality, men, women. */
const BUILT_IN_APPLICANTS: ReadonlyArray<[string, string, number, number]> = [
  ['DE', 'SY', 57765, 21565], ['DE', 'AF', 25270, 10840], ['DE', 'TR', 20895, 10105], ['DE', 'IQ', 5370, 3640], ['DE', 'SO', 4300, 3045], ['DE', 'IR', 3485, 2310], ['DE', 'RU', 3200, 2405],
  ['ES', 'VE', 31925, 34145], ['ES', 'CO', 20680, 19410], ['ES', 'ML', 10405, 260], ['ES', 'PE', 5070, 5335], ['ES', 'SN', 7090, 585], ['ES', 'MA', 3595, 625], ['ES', 'NI', 1100, 1015], ['ES', 'HN', 985, 910],
  ['IT', 'BD', 33250, 165], ['IT', 'PE', 7705, 8000], ['IT', 'PK', 12085, 275], ['IT', 'EG', 11760, 205], ['IT', 'MA', 9495, 865], ['IT', 'TN', 8075, 1980], ['IT', 'IN', 4340, 540], ['IT', 'LK', 3390, 975],
  ['FR', 'UA', 5865, 7745], ['FR', 'AF', 8920, 3995], ['FR', 'HT', 5615, 6030], ['FR', 'CD', 5065, 5135], ['FR', 'GN', 4315, 4925], ['FR', 'TR', 6340, 2475], ['FR', 'CI', 2970, 5060], ['FR', 'BD', 5500, 925],
  ['GR', 'SY', 16525, 5770], ['GR', 'AF', 9060, 6475], ['GR', 'EG', 7455, 95], ['GR', 'TR', 3280, 995], ['GR', 'PS', 2175, 405], ['GR', 'IQ', 1590, 815], ['GR', 'ER', 1435, 865], ['GR', 'PK', 2090, 15],
];

/** EU27 asylum applicants of 2022 (citizens of non-EU countries) by sex and age class. */
const BUILT_IN_AGES: Readonly<Record<Sex, Record<string, number>>> = {
  M: { Y_LT14: 87335, 'Y14-17': 52265, 'Y18-34': 408195, 'Y35-64': 128295, Y_GE65: 2875 },
  F: { Y_LT14: 83005, 'Y14-17': 13785, 'Y18-34': 105250, 'Y35-64': 69335, Y_GE65: 4790 },
};

/** Persons returned to a third country in 2023: Member State, nationality, persons. */
const BUILT_IN_RETURNS: ReadonlyArray<[string, string, number]> = [
  ['DE', 'GE', 1455], ['DE', 'MK', 1180], ['DE', 'AL', 1120], ['DE', 'MD', 1000], ['DE', 'TR', 875],
  ['ES', 'CO', 1320], ['ES', 'MA', 1260], ['ES', 'HN', 380], ['ES', 'PE', 355], ['ES', 'AL', 280],
  ['IT', 'TN', 930], ['IT', 'AL', 765], ['IT', 'MA', 400], ['IT', 'GE', 180], ['IT', 'EG', 165],
  ['FR', 'DZ', 2135], ['FR', 'GE', 1545], ['FR', 'AL', 1385], ['FR', 'TN', 770], ['FR', 'MA', 720],
  ['GR', 'GE', 2305], ['GR', 'AL', 2245], ['GR', 'PK', 490], ['GR', 'BD', 85], ['GR', 'IN', 85],
];

/**
 * The distribution used without the shared data folder: the five Member States with most asylum
 * applicants in 2024 (Germany, Spain, Italy, France, Greece: 81 % of the EU's), each with its main
 * citizenships by sex (Eurostat `migr_asyappctza`, 2024, as in the folder's file of IOM GDI's
 * download); EU-wide ages by sex of 2022; the main nationalities returned by the same five in 2023
 * (`migr_eirtn`). Rounded to 5 by Eurostat.
 */
export const BUILT_IN_DISTRIBUTION: CaseloadDistribution = {
  sources: [
    { title: 'Eurostat, migr_asyappctza (built-in excerpt: 5 Member States × 8 citizenships × sex)', url: EUROSTAT_TABLE_URL('migr_asyappctza'), period: '2024' },
    { title: 'Eurostat, migr_asyappctza (built-in excerpt: EU27 by sex and age class)', url: EUROSTAT_TABLE_URL('migr_asyappctza'), period: '2022' },
    { title: 'Eurostat, migr_eirtn (built-in excerpt: 5 Member States × 5 nationalities returned to a third country)', url: EUROSTAT_TABLE_URL('migr_eirtn'), period: '2023' },
  ],
  applicants: BUILT_IN_APPLICANTS.flatMap(([memberState, nationality, men, women]) => [
    { memberState, nationality, sex: 'M' as const, weight: men }, { memberState, nationality, sex: 'F' as const, weight: women },
  ]),
  ages: Object.fromEntries((['M', 'F'] as const).map((sex) => [`EU:${sex}`, Object.entries(BUILT_IN_AGES[sex]).map(([code, weight]) => ({ from: AGE_CLASSES[code]![0], to: AGE_CLASSES[code]![1], weight }))])),
  returns: BUILT_IN_RETURNS.map(([memberState, nationality, weight]) => ({ memberState, nationality, weight })),
};
