/**
 * @module web/screens/partnerships/report-file
 * A partnership's monthly monitoring report (`GET /api/reports/partnerships/{id}/monthly`) as a file
 * to save: the API wants the bearer token, which a plain link cannot send, so the page fetches the
 * HTML or PDF with it and hands the browser the file. A refusal is the API's problem document, shown
 * like any other.
 */
import { ApiError, networkProblem, problemFromResponse } from '../../api/problem.ts';

export type ReportFormat = 'html' | 'pdf';

/** `YYYY-MM`, a real month. */
export function isMonth(value: string): boolean {
  return /^(19|20)\d{2}-(0[1-9]|1[0-2])$/.test(value);
}

/**
 * The month before the one a day falls in: the last whole month, the report's default.
 * @example previousMonth('2026-01-15') // '2025-12'
 */
export function previousMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The API path of a report. */
export function reportPath(code: string, month: string, format: ReportFormat): string {
  return `/api/reports/partnerships/${encodeURIComponent(code)}/monthly?month=${month}&format=${format}`;
}

export interface ReportFile { blob: Blob; filename: string }

/**
 * Fetches a report with the bearer token; rejects with an {@link ApiError} holding the API's problem.
 * @example const { blob, filename } = await fetchReport({ fetch, token, code: 'it-al-protocol', month: '2026-06', format: 'pdf' });
 */
export async function fetchReport({ fetch: doFetch, token, code, month, format }: { fetch: typeof fetch; token: string | null; code: string; month: string; format: ReportFormat }): Promise<ReportFile> {
  const headers: Record<string, string> = { accept: format === 'pdf' ? 'application/pdf' : 'text/html' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await doFetch(reportPath(code, month, format), { headers });
  } catch (error) {
    throw new ApiError(networkProblem(error));
  }
  if (!response.ok) throw new ApiError(problemFromResponse(response.status, response.headers.get('x-request-id'), await response.text()));
  return { blob: await response.blob(), filename: `waypoint-${code}-${month}.${format}` };
}
