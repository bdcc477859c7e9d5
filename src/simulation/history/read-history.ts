/**
 * @module simulation/history/read-history
 * Reads the history from a folder of public statistics files (../shared/data by default) with the
 * statistics importers' own readers (`domain/statistics/formats`): the same header detection, code
 * mapping (EL → GR, alpha-3 → alpha-2, Eurostat labels → codes) and cell validation as an import into
 * the database, so that the simulator and the statistics pages read the same figures. Files are
 * found by the names ../shared/data/SOURCES.md gives them; a missing file leaves its table empty and
 * is listed in `missing`, so that a caller can say which part of the model lacks its data.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { detectFormat } from '../../domain/statistics/formats/detect.ts';
import { MEMBER_STATES } from '../model/parameters.ts';
import type { History } from './history.ts';

const EU = new Set<string>(MEMBER_STATES);

/** The files the model reads, by name. */
const FILES = {
  frontex: /^frontex_ibc_detections_monthly_by_route_nationality_.*\.csv$/,
  iom: /^iom_missing_migrants_incidents_.*\.csv$/,
  applications: /^migr_asyappctza_asylum_applicants_by_citizenship_sex_.*\.csv$/,
  ages: /^migr_asyappctza_applicants_by_sex_age_.*\.csv$/,
  returns: /^migr_eirtn_returned_to_third_country_by_citizenship_.*\.csv$/,
  illegalStay: /^migr_eipre_illegally_present_by_citizenship_.*\.csv$/,
  decisions: /^unhcr_asylum_decisions_.*\.csv$/,
  population: /^unhcr_population_.*\.csv$/,
  solutions: /^unhcr_solutions_.*\.csv$/,
} as const;
type FileKey = keyof typeof FILES;

export interface ReadHistoryResult {
  history: History;
  /** Tables whose file was not found. */
  missing: FileKey[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? walk(path) : [path];
  });
}

/** The data rows of a file, through the statistics reader its header selects. */
function readRows(path: string): { dataset: string; rows: unknown[][] } {
  const records = parse(readFileSync(path), { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  const [header, ...body] = records;
  if (!header) return { dataset: 'empty', rows: [] };
  const format = detectFormat({ name: basename(path), header, firstRecord: body[0] ?? null });
  const rows: unknown[][] = [];
  for (const record of body) for (const row of format.read(record)) rows.push(row);
  return { dataset: format.dataset, rows };
}

/** The value of one dimension in a Eurostat row's `dims` (`age=Y_LT18;sex=T`). */
function dim(dims: string, name: string): string | undefined {
  for (const part of dims.split(';')) {
    const [k, v] = part.split('=');
    if (k === name) return v;
  }
  return undefined;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Reads the history from `dir`.
 * @throws Error when `dir` is not a folder.
 * @example const { history, missing } = readHistory('../shared/data');
 */
export function readHistory(dir: string): ReadHistoryResult {
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  const found = new Map<FileKey, string>();
  for (const path of walk(dir)) {
    for (const [key, pattern] of Object.entries(FILES) as Array<[FileKey, RegExp]>) {
      if (pattern.test(basename(path)) && !found.has(key)) found.set(key, path);
    }
  }
  const history: History = {
    dir, files: [], frontex: [], deaths: [], applications: [], femaleApplications: [], minors: [], returns: [], illegalStay: [], decisions: [], pending: [], resettlement: [],
  };
  const read = (key: FileKey): unknown[][] => {
    const path = found.get(key);
    if (!path) return [];
    const { dataset, rows } = readRows(path);
    history.files.push({ path: relative(dir, path), dataset, rows: rows.length });
    return rows;
  };

  const frontex = new Map<string, number>();
  for (const [month, route, , nationality, detections] of read('frontex') as Array<[string, string, string, string, number]>) {
    const key = `${month}|${route}|${nationality}`;
    frontex.set(key, (frontex.get(key) ?? 0) + num(detections));
  }
  for (const [key, value] of frontex) {
    const [month, route, nationality] = key.split('|') as [string, string, string];
    history.frontex.push([month, route, nationality, value]);
  }

  const deaths = new Map<string, number>();
  for (const row of read('iom')) {
    const key = `${row[1]}|${row[3]}`;
    deaths.set(key, (deaths.get(key) ?? 0) + num(row[5]));
  }
  for (const [key, value] of deaths) {
    const [month, route] = key.split('|') as [string, string];
    history.deaths.push([month, route, value]);
  }

  // Eurostat rows: [dataset, breakdown, geo, citizen, period, dims, value, flag].
  const applications = new Map<string, number>();
  const female = new Map<string, number>();
  for (const row of read('applications')) {
    const [geo, citizen, period, dims, value] = [row[2] as string, row[3] as string, row[4] as string, row[5] as string, num(row[6])];
    if (!EU.has(geo)) continue;
    const key = `${period}|${geo}|${citizen}`;
    applications.set(key, (applications.get(key) ?? 0) + value);
    if (dim(dims, 'sex') === 'F') female.set(`${period}|${citizen}`, (female.get(`${period}|${citizen}`) ?? 0) + value);
  }
  for (const [key, value] of applications) {
    const [year, geo, citizen] = key.split('|') as [string, string, string];
    history.applications.push([Number(year), geo, citizen, value]);
  }
  for (const [key, value] of female) {
    const [year, citizen] = key.split('|') as [string, string];
    history.femaleApplications.push([Number(year), citizen, value]);
  }

  const ages = new Map<string, [number, number]>();
  for (const row of read('ages')) {
    const [geo, citizen, period, dims, value] = [row[2] as string, row[3] as string, row[4] as string, row[5] as string, num(row[6])];
    if (!EU.has(geo) || citizen !== 'EXT_EU27_2020' || dim(dims, 'sex') !== 'T' || dim(dims, 'asyl_app') !== 'ASY_APP') continue;
    const age = dim(dims, 'age');
    const key = `${period}|${geo}`;
    const pair = ages.get(key) ?? [0, 0];
    if (age === 'Y_LT18') pair[0] += value;
    if (age === 'TOTAL') pair[1] += value;
    ages.set(key, pair);
  }
  for (const [key, [under18, total]] of ages) {
    const [year, geo] = key.split('|') as [string, string];
    if (total > 0) history.minors.push([Number(year), geo, under18, total]);
  }

  for (const [target, key] of [[history.returns, 'returns'], [history.illegalStay, 'illegalStay']] as const) {
    for (const row of read(key)) {
      const geo = row[2] as string;
      if (EU.has(geo) && row[6] !== null) target.push([Number(row[4]), geo, row[3] as string, num(row[6])]);
    }
  }

  // UNHCR rows: [year, coo, coa, origin, asylum, …table columns].
  for (const row of read('decisions')) {
    const [year, origin, asylum, , level, pc] = [row[0] as number, row[3] as string, row[4] as string, row[5], row[6] as string, row[7] as string];
    if (!EU.has(asylum) || pc !== 'P') continue;
    history.decisions.push([year, asylum, origin, level, num(row[8]) + num(row[9]), num(row[10])]);
  }
  for (const row of read('population')) {
    const [year, origin, asylum] = [row[0] as number, row[3] as string, row[4] as string];
    if (EU.has(asylum) && num(row[6]) > 0) history.pending.push([year, asylum, origin, num(row[6])]);
  }
  for (const row of read('solutions')) {
    const [year, origin, asylum] = [row[0] as number, row[3] as string, row[4] as string];
    if (EU.has(asylum) && num(row[6]) > 0) history.resettlement.push([year, asylum, origin, num(row[6])]);
  }
  const missing = (Object.keys(FILES) as FileKey[]).filter((k) => !found.has(k));
  return { history, missing };
}
