/**
 * @module domain/bulk/read-rows
 * Reading an import file, twice. The first pass ({@link scanSource}) checks what would make the whole
 * file unreadable — a CSV header naming unknown columns or lacking required ones, a quote never
 * closed — counts the rows and computes the file's SHA-256 (which names the job, so a rerun of the same
 * file finds it). The second pass ({@link readSourceRows}) streams the rows, each validated on its
 * own: a bad row is reported and the others go on.
 *
 * Rows are numbered from 1 in the order of the file (blank lines are not rows); `line` is the line a
 * row starts on, for people reading the file in an editor.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse, CsvError } from 'csv-parse';
import { DomainError } from '../errors.ts';
import { checkCsvHeader, parseCsvRecord, parseJsonLine, type ParsedRow } from './case-row.ts';

export const IMPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportSource {
  /** The file's name, kept with the job. */
  name: string;
  format: ImportFormat;
  /** A fresh stream of the file's content; called once per pass. */
  open(): AsyncIterable<Buffer | string>;
}

export interface SourceSummary {
  sha256: string;
  rows: number;
}

export interface SourceRow {
  row: number;
  line: number;
  parsed: ParsedRow;
}

/**
 * The format a file's name says: `.csv`, or `.ndjson` / `.jsonl` for JSON lines; null otherwise.
 * @example formatOfName('cases.jsonl') // 'ndjson'
 */
export function formatOfName(name: string): ImportFormat | null {
  const ext = extname(name).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.ndjson' || ext === '.jsonl' ? 'ndjson' : null;
}

/** A file on disk as an import source. */
export function fileSource(path: string, format: ImportFormat): ImportSource {
  return { name: basename(path), format, open: () => createReadStream(path) };
}

/** Text already in memory (an API request's body) as an import source. */
export function textSource(name: string, format: ImportFormat, text: string): ImportSource {
  return { name, format, open: () => (async function* () { yield text; })() };
}

interface RawRecord {
  line: number;
  /** CSV cells, or a JSON line's text. */
  cells?: string[];
  text?: string;
}

function invalidFile(name: string, problem: string): DomainError {
  return new DomainError('INVALID_IMPORT', `${name}: ${problem}`, [{ path: 'file', message: problem }]);
}

/** The lines of a stream (LF or CRLF), with their numbers, without a leading byte-order mark. */
async function* linesOf(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<{ line: number; text: string }> {
  let rest = '';
  let line = 0;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (line === 0 && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
    let at: number;
    while ((at = rest.indexOf('\n')) >= 0) {
      const text = rest.slice(0, at);
      rest = rest.slice(at + 1);
      yield { line: ++line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    }
  }
  rest += decoder.decode();
  if (rest !== '') yield { line: ++line, text: rest.endsWith('\r') ? rest.slice(0, -1) : rest };
}

/** JSON lines: every non-blank line is a record. */
async function* jsonRecords(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<RawRecord> {
  for await (const { line, text } of linesOf(chunks)) {
    if (text.trim() !== '') yield { line, text };
  }
}

/**
 * CSV records (RFC 4180 with a header line): the header first (line 1), then each record with the
 * line it starts on. A record may span lines (a quoted cell with a line break).
 */
async function* csvRecords(chunks: AsyncIterable<Buffer | string>, name: string): AsyncGenerator<RawRecord> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) {
        if (parser.destroyed) return;
        if (!parser.write(chunk)) await new Promise((resolve) => { parser.once('drain', resolve); parser.once('close', resolve); });
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let lastLine = 0;
  let lastEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines;
      lastEmpty = info.empty_lines;
      yield { line, cells: record };
    }
  } catch (error) {
    if (error instanceof CsvError) throw invalidFile(name, `line ${(error as CsvError & { lines?: number }).lines ?? '?'}: ${error.message}`);
    throw error;
  } finally {
    // Also when the reader stops early: stop feeding the parser, then let the feeder finish.
    if (!parser.writableFinished) parser.destroy();
    await feeding;
  }
}

function recordsOf(source: ImportSource, chunks: AsyncIterable<Buffer | string>): AsyncGenerator<RawRecord> {
  return source.format === 'csv' ? csvRecords(chunks, source.name) : jsonRecords(chunks);
}

/** The source's chunks, each also fed to `hash`. */
async function* hashing(chunks: AsyncIterable<Buffer | string>, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer | string> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}

/**
 * Checks a file's structure, counts its rows and computes its SHA-256.
 * @throws DomainError INVALID_IMPORT naming the line (an unreadable CSV) or the header's problems.
 */
export async function scanSource(source: ImportSource): Promise<SourceSummary> {
  const hash = createHash('sha256');
  let rows = 0;
  let header = source.format !== 'csv';
  for await (const record of recordsOf(source, hashing(source.open(), hash))) {
    if (!header) {
      const problems = checkCsvHeader(record.cells!);
      if (problems.length > 0) throw invalidFile(source.name, `header: ${problems.join('; ')}`);
      header = true;
      continue;
    }
    rows++;
  }
  if (!header) throw invalidFile(source.name, 'empty: a CSV import starts with a header line naming its columns');
  return { sha256: hash.digest('hex'), rows };
}

/**
 * The file's rows after the first `skip`, each parsed and validated. Rows up to `skip` are read (a
 * CSV record's extent is only known by reading it) but not validated.
 */
export async function* readSourceRows(source: ImportSource, skip = 0): AsyncGenerator<SourceRow> {
  let header: string[] | null = null;
  let row = 0;
  for await (const record of recordsOf(source, source.open())) {
    if (source.format === 'csv' && header === null) { header = record.cells!; continue; }
    row++;
    if (row <= skip) continue;
    const parsed = record.cells ? parseCsvRecord(header!, record.cells) : parseJsonLine(record.text!);
    yield { row, line: record.line, parsed };
  }
}
