/**
 * @module domain/statistics/import-statistics
 * Imports one publisher file: detects what it is, streams it through a CSV parser, validates every cell,
 * stages the validated rows with COPY and merges them into the figures by natural key
 * (`write-rows.ts`), records where they came from, and rebuilds the indicators the dataset feeds — all
 * in one transaction, so a malformed or truncated file (reported with its line and column) leaves
 * nothing behind. Validation happens before staging: nothing invalid reaches the database.
 *
 * Idempotent: the file's SHA-256 is computed first, and a file whose bytes were already imported for
 * the same dataset is not read again (`unchanged`). A file with new bytes that repeats figures already
 * stored leaves them as they are; only figures that differ are rewritten, and never by a file of an
 * older vintage than the stored figure's.
 *
 * Truncation: besides the parser's own checks (a record with too few fields, an unclosed quote), a file
 * must end with a line break, so a file cut in the middle of its last number is refused rather than
 * imported with a wrong figure.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import type { Tx } from '../../storage/transaction.ts';
import { datasetInfo, KNOWN_FILES } from './catalog.ts';
import { detectFormat } from './formats/detect.ts';
import type { FileFormat } from './formats/format.ts';
import { CellError, StatisticsImportError } from './import-error.ts';
import { invalidateStatisticsCaches } from './law-recognition-rates.ts';
import { refreshIndicators } from './refresh-indicators.ts';
import { createStage, replaceMonths, upsertRows, type WriteCounts } from './write-rows.ts';

export interface ImportStatisticsOptions {
  db: Kysely<Database>;
  /** The file to read (a downloaded file too). */
  path: string;
  /** Where the data came from when not from `path` itself: the download URL. */
  location?: string;
  /** The date the publisher's data was retrieved; default: known for the shared files, else the file's date (today for a download). */
  retrievedOn?: string;
  /** Called as the file is read: bytes read so far and the file's size. */
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

export interface DatasetCoverage {
  periods: { from: string; to: string; count: number } | null;
  /** Reporting (or asylum, or incident) countries and aggregates present. */
  geo: string[];
  /** Number of distinct citizenships (or origins, nationalities). */
  citizens: number;
}

export interface ImportStatisticsResult {
  status: 'imported' | 'unchanged';
  dataset: string;
  publisher: string;
  file: string;
  location: string;
  layout: string;
  sourceId: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  coverage: DatasetCoverage;
  retrievedOn: string;
}

/**
 * Rows per COPY into the stage and merge. While one chunk is written, the next is parsed: on the server
 * the database works in its own process meanwhile.
 */
const CHUNK = 25_000;

function isGzip(path: string): boolean {
  const head = Buffer.alloc(2);
  const handle = openSync(path, 'r');
  try { readSync(handle, head, 0, 2, 0); } finally { closeSync(handle); }
  return head[0] === 0x1f && head[1] === 0x8b;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The first two lines of the (decompressed) file, parsed, for detection. */
async function headOf(path: string, gzip: boolean, file: string): Promise<{ delimiter: ',' | '\t'; header: string[]; first: string[] | null }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(path, { end: 1 << 20 })) { chunks.push(chunk as Buffer); size += (chunk as Buffer).length; if (size > 256 * 1024) break; }
  let text: string;
  try {
    text = (gzip ? gunzipSync(Buffer.concat(chunks), { finishFlush: 2 }) : Buffer.concat(chunks)).toString('utf8');
  } catch {
    throw new StatisticsImportError({ file, line: 0, column: 0 }, 'not a readable gzip file', { unrecognised: true });
  }
  text = text.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (!lines[0]) throw new StatisticsImportError({ file, line: 1, column: 0 }, 'the file is empty or has no header line', { unrecognised: true });
  const delimiter = lines[0].includes('\t') ? '\t' : ',';
  const parseLine = (line: string, n: number) => {
    try {
      return (parseSync(line, { delimiter, relax_quotes: false }) as string[][])[0] ?? [];
    } catch (error) {
      throw new StatisticsImportError({ file, line: n, column: 0 }, `not CSV: ${(error as Error).message}`, { unrecognised: true });
    }
  };
  const header = parseLine(lines[0], 1);
  // The second line is complete only if a third line starts after it.
  const first = lines.length > 2 && lines[1] ? parseLine(lines[1], 2) : null;
  return { delimiter, header, first };
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Collects what a file covers. */
class CoverageCollector {
  private from: string | null = null;
  private to: string | null = null;
  private readonly periods = new Set<string>();
  private readonly geo = new Set<string>();
  private readonly citizens = new Set<string>();
  constructor(private readonly at: { period: number; geo: number; citizen: number }) {}

  add(row: unknown[]): void {
    const period = String(row[this.at.period]);
    if (!this.periods.has(period)) {
      this.periods.add(period);
      if (this.from === null || period < this.from) this.from = period;
      if (this.to === null || period > this.to) this.to = period;
    }
    if (this.at.geo >= 0 && row[this.at.geo] != null) this.geo.add(String(row[this.at.geo]));
    if (this.at.citizen >= 0 && row[this.at.citizen] != null) this.citizens.add(String(row[this.at.citizen]));
  }

  result(): DatasetCoverage {
    return {
      periods: this.from && this.to ? { from: this.from, to: this.to, count: this.periods.size } : null,
      geo: [...this.geo].sort(), citizens: this.citizens.size,
    };
  }
}

/**
 * Imports a statistics file in one transaction.
 * @throws StatisticsImportError (INVALID_IMPORT) naming the file, line and column; nothing is written.
 * @example const result = await importStatistics({ db, path: '../shared/data/frontex/frontex_ibc_….csv' });
 */
export async function importStatistics(options: ImportStatisticsOptions): Promise<ImportStatisticsResult> {
  const { db, path, onProgress } = options;
  const now = options.now ?? new Date();
  const location = options.location ?? path;
  const file = basename(options.location ? new URL(options.location).pathname : path) || 'download';
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch (error) {
    throw new StatisticsImportError({ file, line: 0, column: 0 }, `cannot read ${path}: ${(error as Error).message}`);
  }
  const gzip = isGzip(path);
  const { delimiter, header, first } = await headOf(path, gzip, file);
  let format: FileFormat;
  try {
    format = detectFormat({ name: options.location ?? path, header, firstRecord: first });
  } catch (error) {
    if (error instanceof CellError) throw new StatisticsImportError({ file, line: 1, column: error.column }, error.message, { unrecognised: error.column === 0 });
    throw error;
  }
  if (format.delimiter !== delimiter) throw new StatisticsImportError({ file, line: 1, column: 0 }, `expected ${format.delimiter === '\t' ? 'tab' : 'comma'}-separated values`);
  const info = datasetInfo(format.dataset);
  if (!info) throw new StatisticsImportError({ file, line: 1, column: 0 }, `unknown dataset ${format.dataset}`);

  const sha256 = await sha256Of(path);
  const known = options.location ? undefined : KNOWN_FILES[basename(path)];
  const retrievedOn = options.retrievedOn ?? known?.retrievedOn ?? (options.location ? today(now) : statSync(path).mtime.toISOString().slice(0, 10));
  const existing = await db.selectFrom('stat_sources').selectAll().where('dataset', '=', format.dataset).where('sha256', '=', sha256).executeTakeFirst();
  if (existing) {
    return {
      status: 'unchanged', dataset: existing.dataset, publisher: existing.publisher, file: existing.file_name, location: existing.location,
      layout: existing.layout, sourceId: String(existing.id), rows: existing.rows, inserted: 0, updated: 0, unchanged: existing.rows,
      coverage: existing.coverage as unknown as DatasetCoverage, retrievedOn: existing.retrieved_on,
    };
  }

  const result = await db.transaction().execute(async (tx) => {
    const source = await tx.insertInto('stat_sources').values({
      dataset: format.dataset, publisher: info.publisher, title: info.title, layout: format.layout, location, file_name: file, sha256, bytes: size,
      rows: 0, inserted: 0, updated: 0, unchanged: 0, retrieved_on: retrievedOn, imported_at: now, licence: info.licence, credit: info.credit,
      upstream: known?.upstream ?? null, caveats: [...(known?.caveats ?? []), ...format.caveats.filter((c) => !(known?.caveats ?? []).includes(c))],
      coverage: JSON.stringify({}),
    }).returning('id').executeTakeFirstOrThrow();
    const sourceId = String(source.id);
    const counts = await readAndWrite({ tx, path, gzip, size, file, format, sourceId, vintage: retrievedOn, onProgress });
    await tx.updateTable('stat_sources').set({
      rows: counts.rows, inserted: counts.inserted, updated: counts.updated, unchanged: counts.rows - counts.inserted - counts.updated,
      coverage: JSON.stringify(counts.coverage),
    }).where('id', '=', sourceId).execute();
    await refreshIndicators({ tx, datasets: [format.dataset], changed: { sourceId, figures: counts.inserted + counts.updated }, now });
    return { sourceId, ...counts };
  });
  invalidateStatisticsCaches(db);
  return {
    status: 'imported', dataset: format.dataset, publisher: info.publisher, file, location, layout: format.layout, sourceId: result.sourceId,
    rows: result.rows, inserted: result.inserted, updated: result.updated, unchanged: result.rows - result.inserted - result.updated,
    coverage: result.coverage, retrievedOn,
  };
}

interface ReadAndWriteOptions {
  tx: Tx;
  path: string;
  gzip: boolean;
  size: number;
  file: string;
  format: FileFormat;
  sourceId: string;
  vintage: string;
  onProgress?: (done: number, total: number) => void;
}

/** Streams the file's records into the table; returns the counts and the coverage. */
async function readAndWrite({ tx, path, gzip, size, file, format, sourceId, vintage, onProgress }: ReadAndWriteOptions): Promise<WriteCounts & { rows: number; coverage: DatasetCoverage }> {
  const spec = format.table;
  // Before the file starts flowing: the parser's errors must meet the loop below, not an await.
  const stage = await createStage(tx, spec, sourceId);
  const names = spec.columns.map((c) => c.name);
  const keyAt = spec.key.map((k) => names.indexOf(k));
  const coverage = new CoverageCollector({
    period: names.indexOf(spec.coverage.period),
    geo: spec.coverage.geo ? names.indexOf(spec.coverage.geo) : -1,
    citizen: spec.coverage.citizen ? names.indexOf(spec.coverage.citizen) : -1,
  });
  const monthAt = names.indexOf('month');
  const place = (line: number, column: number) => ({ file, line, column, columnName: column > 0 ? format.columns[column - 1] : undefined });

  let bytes = 0;
  let lastByte = -1;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      onProgress?.(bytes, size);
      done(null, chunk);
    },
  });
  const tail = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (chunk.length > 0) lastByte = chunk[chunk.length - 1]!;
      done(null, chunk);
    },
  });
  const parser = parse({ delimiter: format.delimiter, bom: true, info: true, skip_empty_lines: true, relax_column_count: false });
  // Errors of any stage (an unreadable file, a truncated gzip stream) end the parser, so the loop below sees them.
  const stages = [createReadStream(path), counter, ...(gzip ? [createGunzip()] : []), tail];
  stages.forEach((stage, i) => {
    stage.on('error', (error: Error) => parser.destroy(error));
    (stage as NodeJS.ReadableStream).pipe(i + 1 < stages.length ? stages[i + 1]! as NodeJS.WritableStream : parser);
  });

  const seen = new Map<string, number>();
  const clearedMonths = new Set<string>();
  let batch: unknown[][] = [];
  let batchMonths: string[] = [];
  let rows = 0;
  let inserted = 0;
  let updated = 0;
  // The chunk being written; its failure surfaces at the next flush or at the end.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    const [chunk, months] = [batch, batchMonths];
    batch = [];
    batchMonths = [];
    writing = (spec.mode === 'months' ? replaceMonths(tx, stage, chunk, sourceId, months) : upsertRows(tx, stage, chunk, sourceId, vintage))
      .then((counts) => { inserted += counts.inserted; updated += counts.updated; });
    // Observed by the next flush, or settled before a refusal is thrown (below).
    writing.catch(() => {});
  };
  // A refused file rolls the transaction back: its connection must be idle by then, or the chunk's
  // remaining statements would run after the rollback, on a connection back in the pool.
  const refuse = async (error: unknown): Promise<never> => {
    await writing.catch(() => {});
    throw error;
  };

  let line = 1;
  let isHeader = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      line = info.lines;
      if (isHeader) { isHeader = false; continue; }
      rows += 1;
      let out: unknown[][];
      try {
        out = format.read(record);
      } catch (error) {
        if (error instanceof CellError) throw new StatisticsImportError(place(line, error.column), error.message);
        throw error;
      }
      for (const row of out) {
        if (keyAt.length > 0) {
          const key = keyAt.map((i) => row[i]).join('\u0001');
          const before = seen.get(key);
          if (before !== undefined) throw new StatisticsImportError(place(line, 0), `the same figure as line ${before} (${spec.key.map((k, i) => `${k} ${row[keyAt[i]!]}`).join(', ')})`);
          seen.set(key, line);
        }
        if (monthAt >= 0 && spec.mode === 'months') {
          const month = String(row[monthAt]);
          if (!clearedMonths.has(month)) { clearedMonths.add(month); batchMonths.push(month); }
        }
        coverage.add(row);
        batch.push(row);
      }
      if (batch.length >= CHUNK) await flush();
    }
  } catch (error) {
    await writing.catch(() => {});
    if (error instanceof StatisticsImportError) throw error;
    if (error instanceof CsvError) {
      const at = error as CsvError & { lines?: number; column?: number | string; record?: unknown[] };
      const column = typeof at.column === 'number' ? at.column + 1 : Array.isArray(at.record) ? at.record.length + 1 : 0;
      throw new StatisticsImportError(place(at.lines ?? line + 1, column), csvProblem(error, format.columns.length));
    }
    if ((error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((error as Error).message)) {
      throw new StatisticsImportError(place(line + 1, 0), 'the compressed file ends early (truncated)');
    }
    throw error;
  }
  if (isHeader) return refuse(new StatisticsImportError(place(1, 0), 'the file has no header line'));
  if (lastByte !== 0x0a) return refuse(new StatisticsImportError(place(line, 0), 'the last line does not end with a line break: the file looks truncated'));
  if (rows === 0) return refuse(new StatisticsImportError(place(2, 0), 'the file has a header but no data'));
  await flush();
  await writing;
  return { inserted, updated, rows, coverage: coverage.result() };
}

function csvProblem(error: CsvError, expected: number): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const found = Array.isArray((error as { record?: unknown[] }).record) ? (error as unknown as { record: unknown[] }).record.length : '?';
      return `expected ${expected} fields, found ${found} (a truncated or malformed line)`;
    }
    case 'CSV_QUOTE_NOT_CLOSED': return 'a quoted field is not closed (the file looks truncated)';
    case 'CSV_INVALID_CLOSING_QUOTE': return 'a quote inside an unquoted field or after a closing quote';
    default: return error.message;
  }
}
