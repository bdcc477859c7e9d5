/**
 * @module domain/statistics/formats/detect
 * Which publisher's table a file is, from its header (and, for Eurostat files whose header does not
 * name the dataset, from the file name or the download URL: `migr_asyappctza.tsv.gz`, `…/data/MIGR_EIORD?…`).
 */
import { KNOWN_FILES } from '../catalog.ts';
import { CellError } from '../import-error.ts';
import { dataflowId, isSdmxCsvHeader, isTidyHeader, isTsvHeader, sdmxCsvFormat, tidyFormat, tsvFormat } from './eurostat.ts';
import type { FileFormat } from './format.ts';
import { frontexFormat, iomFormat, isFrontexHeader, isIomHeader, unhcrFormat, unhcrTableOf } from './others.ts';

/**
 * The Eurostat dataset a file name or URL names (`migr_asyappctza_applicants_….csv` → `migr_asyappctza`),
 * or null.
 * @example datasetFromName('https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/MIGR_EIORD?format=TSV') // 'migr_eiord'
 */
export function datasetFromName(name: string): string | null {
  if (/^https?:\/\//i.test(name)) {
    const fromUrl = /\/data\/(?:dataflow\/[^/]+\/)?([A-Za-z][A-Za-z0-9_]*)/.exec(new URL(name).pathname);
    if (fromUrl) return fromUrl[1]!.toLowerCase();
  }
  const base = name.split(/[\\/]/).pop()!.toLowerCase();
  const match = /^(migr_[a-z0-9]+)/.exec(base);
  return match ? match[1]! : null;
}

export interface DetectOptions {
  /** The file's name (or the URL it was downloaded from). */
  name: string;
  header: string[];
  /** The first data record (SDMX-CSV names its dataflow there). */
  firstRecord: string[] | null;
}

/**
 * The reader for a file.
 * @throws CellError (column 0) when the file is not a table Waypoint knows.
 */
export function detectFormat({ name, header, firstRecord }: DetectOptions): FileFormat {
  const trimmed = header.map((h) => h.trim());
  if (isSdmxCsvHeader(trimmed)) {
    const flowAt = trimmed.includes('DATAFLOW') ? trimmed.indexOf('DATAFLOW') : trimmed.indexOf('STRUCTURE_ID');
    const dataset = firstRecord ? dataflowId(firstRecord[flowAt] ?? '') : datasetFromName(name);
    if (!dataset) throw new CellError(0, 'an SDMX-CSV file without data rows or without a readable dataflow');
    return sdmxCsvFormat(dataset, trimmed);
  }
  if (isTsvHeader(trimmed)) {
    const dataset = datasetFromName(name);
    if (!dataset) throw new CellError(0, 'a Eurostat TSV file names no dataset: name it after the dataset code (e.g. migr_asyappctza.tsv)');
    return tsvFormat(dataset, header);
  }
  if (isFrontexHeader(trimmed)) return frontexFormat(trimmed);
  if (isIomHeader(trimmed)) return iomFormat(trimmed);
  const table = unhcrTableOf(trimmed);
  if (table) return unhcrFormat(table, trimmed);
  if (isTidyHeader(trimmed)) {
    const dataset = datasetFromName(name);
    if (!dataset) throw new CellError(0, 'a tidy Eurostat extract must be named after its dataset (migr_<code>_….csv)');
    const base = name.split(/[\\/]/).pop()!;
    return tidyFormat(dataset, trimmed, KNOWN_FILES[base]?.defaults ?? {});
  }
  throw new CellError(0, `not a statistics table Waypoint recognises (Eurostat SDMX-CSV or TSV, a Eurostat extract named migr_<code>_…, a UNHCR Refugee Data Finder table, Frontex detections, IOM Missing Migrants incidents); header: ${JSON.stringify(trimmed.join(',').slice(0, 120))}`);
}
