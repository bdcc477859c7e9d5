/**
 * @module domain/statistics/fetch-eurostat
 * Downloads a Eurostat dataset from the dissemination API (SDMX 2.1 REST, `format=SDMX-CSV`, the
 * SDMX-CSV 1.0 flat format) into a temporary file, which is then imported like any file with the URL
 * as its provenance. The whole response is written before anything is imported, so a dropped
 * connection imports nothing. Offline (no route to Eurostat) the error says so.
 * API: https://ec.europa.eu/eurostat/web/user-guides/data-browser/api-data-access/api-detailed-guidelines/sdmx2-1/data-query
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../errors.ts';

export const EUROSTAT_API = 'https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1';

/** The SDMX-CSV download URL of a dataset. */
export function eurostatUrl(dataset: string, base = EUROSTAT_API): string {
  if (!/^[a-z][a-z0-9_]{2,40}$/i.test(dataset)) throw new DomainError('VALIDATION_FAILED', `not a Eurostat dataset code: ${JSON.stringify(dataset)}`);
  return `${base.replace(/\/$/, '')}/data/${dataset.toUpperCase()}?format=SDMX-CSV&compressed=false`;
}

export interface Download {
  path: string;
  url: string;
  bytes: number;
  /** Removes the temporary file. */
  remove(): void;
}

export interface DownloadOptions {
  url: string;
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Downloads `url` to a temporary file.
 * @throws DomainError INVALID_IMPORT when the publisher cannot be reached or answers with an error.
 */
export async function downloadDataset({ url, timeoutMs = 120_000, onProgress }: DownloadOptions): Promise<Download> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/csv, text/tab-separated-values, application/octet-stream' } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new DomainError('INVALID_IMPORT', `cannot reach ${new URL(url).host} (${why}): Waypoint looks offline; download the file elsewhere and run \`waypoint stats import FILE\``);
  }
  if (!response.ok || !response.body) {
    throw new DomainError('INVALID_IMPORT', `${new URL(url).host} answered ${response.status} ${response.statusText} for ${url}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-download-'));
  const path = join(dir, 'download');
  const total = Number(response.headers.get('content-length')) || 0;
  let done = 0;
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  body.on('data', (chunk: Buffer) => { done += chunk.length; onProgress?.(done, total || done); });
  try {
    await pipeline(body, createWriteStream(path));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new DomainError('INVALID_IMPORT', `the download from ${url} broke off after ${done} bytes: ${(error as Error).message}`);
  }
  return { path, url, bytes: done, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
