/**
 * @module storage/copy
 * Bulk loading with PostgreSQL's `COPY … FROM STDIN` through Kysely, on either engine, inside the
 * caller's transaction.
 *
 * Kysely has no COPY: it sends every statement as `client.query(text, values)`. So {@link copyText}
 * sends `copy <table> (<columns>) from stdin $1` with the data (COPY's text format) as its one value,
 * and each provider installs {@link carryCopyData} on its pool, which recognises that statement on
 * whichever connection runs it — the transaction's — and carries it out: on the server with
 * `pg-copy-streams` (the COPY sub-protocol of PostgreSQL's "Frontend/Backend Protocol", section "COPY
 * Operations"), on PGlite with `COPY … FROM '/dev/blob'` and the data as a Blob (PGlite crashes on the
 * COPY sub-protocol; `query(…, { blob })` is its documented way). Without the carrier the statement is
 * a plain syntax error, never a hung connection.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from './transaction.ts';

const COPY_STDIN = /^copy ([a-z_][a-z0-9_]*) \(([a-z0-9_, ]+)\) from stdin \$1$/;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Carries out one COPY on a connection: the statement ends `from stdin`; returns the rows copied. */
export type CopyRunner = (query: (...args: unknown[]) => unknown, statement: string, data: string) => Promise<number>;

/** The server's COPY: the data streamed through the COPY sub-protocol on the same connection. */
export const serverCopy: CopyRunner = async (query, statement, data) => {
  const stream = query(copyFrom(statement)) as ReturnType<typeof copyFrom>;
  await pipeline(Readable.from([data]), stream);
  return stream.rowCount;
};

/**
 * Makes every client of `pool` carry out `copy … from stdin $1` statements with `run`; other
 * statements pass through unchanged. Install it after any other wrapper of `client.query`.
 */
export function carryCopyData(pool: pg.Pool, run: CopyRunner): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
      const match = typeof text === 'string' && Array.isArray(values) && values.length === 1 && rest.length === 0 ? COPY_STDIN.exec(text) : null;
      if (!match) return query(text, values, ...rest);
      return run(query, `copy ${match[1]} (${match[2]}) from stdin`, String((values as unknown[])[0]))
        .then((rowCount) => ({ command: 'COPY', rowCount, rows: [], fields: [] }));
    };
  });
}

/** A value in COPY's text format: `\N` for null, backslash escapes for the characters COPY reserves. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}

/** Rows (values in column order) as COPY text. */
export function copyLines(rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  let out = '';
  for (const row of rows) out += `${row.map(copyValue).join('\t')}\n`;
  return out;
}

/**
 * COPYs `rows` into `table` in the transaction `tx`; returns the number of rows copied.
 * @example await copyRows(tx, 'stat_stage_12', ['geo', 'value'], [['AT', 5], ['BE', null]]);
 */
export async function copyRows(tx: Tx, table: string, columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): Promise<number> {
  if (rows.length === 0) return 0;
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${JSON.stringify(name)}`);
  await sql`${sql.raw(`copy ${table} (${columns.join(', ')}) from stdin `)}${copyLines(rows)}`.execute(tx);
  return rows.length;
}
