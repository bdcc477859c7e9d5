/**
 * @module domain/statistics/list-datasets
 * The datasets imported so far, each with the files it came from (provenance) and what they cover.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { datasetInfo } from './catalog.ts';

export interface ImportedFile {
  sourceId: string;
  file: string;
  location: string;
  layout: string;
  sha256: string;
  retrievedOn: string;
  importedAt: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  upstream: string | null;
  caveats: string[];
  coverage: Record<string, unknown>;
}

export interface ImportedDataset {
  dataset: string;
  publisher: string;
  title: string;
  url: string | null;
  licence: string;
  credit: string;
  /** Periods over all files (YYYY or YYYY-MM). */
  periods: { from: string; to: string } | null;
  files: ImportedFile[];
}

/** @example const datasets = await listDatasets({ db }); */
export async function listDatasets({ db }: { db: Kysely<Database> }): Promise<ImportedDataset[]> {
  const rows = await db.selectFrom('stat_sources').selectAll().orderBy('dataset').orderBy('id').execute();
  const byDataset = new Map<string, ImportedDataset>();
  for (const r of rows) {
    let entry = byDataset.get(r.dataset);
    if (!entry) {
      entry = { dataset: r.dataset, publisher: r.publisher, title: r.title, url: datasetInfo(r.dataset)?.url ?? null, licence: r.licence, credit: r.credit, periods: null, files: [] };
      byDataset.set(r.dataset, entry);
    }
    const coverage = r.coverage as { periods?: { from: string; to: string } | null };
    if (coverage.periods) {
      entry.periods = entry.periods
        ? { from: coverage.periods.from < entry.periods.from ? coverage.periods.from : entry.periods.from, to: coverage.periods.to > entry.periods.to ? coverage.periods.to : entry.periods.to }
        : { from: coverage.periods.from, to: coverage.periods.to };
    }
    entry.files.push({
      sourceId: String(r.id), file: r.file_name, location: r.location, layout: r.layout, sha256: r.sha256, retrievedOn: r.retrieved_on,
      importedAt: new Date(r.imported_at).toISOString(), rows: r.rows, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged,
      upstream: r.upstream, caveats: r.caveats, coverage: r.coverage as Record<string, unknown>,
    });
  }
  return [...byDataset.values()];
}
