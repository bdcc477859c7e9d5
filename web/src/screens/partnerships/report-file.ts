/**
 * @module web/screens/partnerships/report-file
 * A partnership's monthly monitoring report (`GET /api/reports/partnerships/{id}/monthly`) as a file
 * to save: the API wants the bearer token, which a plain link cannot send, so the page fetches the
 * HTML or PDF through the API client and hands the browser the file. A refusal is the API's problem
 * document, shown like any other.
 */
import type { ApiClient } from '../../api/client.ts';

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
 * Fetches a report through the API client (its token, its errors: a refusal is an ApiError with the
 * API's problem).
 * @example const { blob, filename } = await fetchReport({ api, code: 'it-al-protocol', month: '2026-06', format: 'pdf' });
 */
export async function fetchReport({ api, code, month, format }: { api: Pick<ApiClient, 'file'>; code: string; month: string; format: ReportFormat }): Promise<ReportFile> {
  const blob = await api.file(reportPath(code, month, format), format === 'pdf' ? 'application/pdf' : 'text/html');
  return { blob, filename: `waypoint-${code}-${month}.${format}` };
}
