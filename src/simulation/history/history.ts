/**
 * @module simulation/history/history
 * The history the simulator is calibrated and driven with: the public series of ../shared/data reduced
 * to what the model reads, as plain tuples (cheap to hand to worker threads). Countries are ISO alpha-2
 * as the statistics importers store them; non-countries keep their codes (`STLS`, `UNK`, `ASIA`).
 */

/** One file read, for the report's provenance. */
export interface HistoryFile {
  path: string;
  dataset: string;
  rows: number;
}

export interface History {
  /** Folder the files were read from. */
  dir: string;
  files: HistoryFile[];
  /** Frontex detections of irregular border crossings: month (YYYY-MM), Frontex route, nationality, detections (land and sea summed). */
  frontex: Array<[string, string, string, number]>;
  /** IOM Missing Migrants: month, IOM route, dead and missing. */
  deaths: Array<[string, string, number]>;
  /** Eurostat migr_asyappctza: year, Member State, citizenship, applicants (sexes summed). */
  applications: Array<[number, string, string, number]>;
  /** Eurostat migr_asyappctza: year, citizenship, female applicants (EU27 Member States summed). */
  femaleApplications: Array<[number, string, number]>;
  /** Eurostat migr_asyappctza by age: year, Member State, applicants under 18, all applicants. */
  minors: Array<[number, string, number, number]>;
  /** Eurostat migr_eirtn (returned to a third country): year, Member State, citizenship, persons. */
  returns: Array<[number, string, string, number]>;
  /** Eurostat migr_eipre (found illegally present): year, Member State, citizenship, persons. */
  illegalStay: Array<[number, string, string, number]>;
  /** UNHCR decisions on asylum claims: year, Member State, origin, level (FI, AR, JR, …), positive (recognised + other protection), rejected. */
  decisions: Array<[number, string, string, string, number, number]>;
  /** UNHCR end-year stock of asylum-seekers (pending claims): year, Member State, origin, persons. */
  pending: Array<[number, string, string, number]>;
  /** UNHCR resettlement arrivals: year, Member State, origin, persons. */
  resettlement: Array<[number, string, string, number]>;
}

/** The years present in a table's first column. */
export function yearsOf(rows: ReadonlyArray<readonly [number, ...unknown[]]>): number[] {
  return [...new Set(rows.map((r) => r[0]))].sort((a, b) => a - b);
}
