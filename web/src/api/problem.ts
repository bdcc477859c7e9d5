/**
 * @module web/api/problem
 * What went wrong with a request, as the user is shown it: the server's RFC 9457 problem document
 * when there is one, otherwise a problem made up from the status and the request id header, or from
 * the network failure. Never thrown away: every error a screen shows carries its request id.
 */

export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  status: number;
  /** The API's stable code (`VALIDATION_FAILED`, `VERSION_CONFLICT`, …), or `NETWORK` / `HTTP_<status>`. */
  code: string;
  title: string;
  detail: string;
  /** The id to quote to support: the problem's own, else the response's `x-request-id`. */
  requestId: string | null;
  errors: FieldProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e) => (isRecord(e) && typeof e.path === 'string' && typeof e.message === 'string' ? [{ path: e.path, message: e.message }] : []));
}

/**
 * The problem an error response describes. The body may be anything (a proxy's HTML page, nothing):
 * what cannot be read is replaced by what the status says.
 * @example problemFromResponse(412, 'req-1', '{"code":"VERSION_CONFLICT","title":"…","status":412}')
 */
export function problemFromResponse(status: number, requestIdHeader: string | null, body: string): Problem {
  let parsed: unknown = null;
  try { parsed = body ? JSON.parse(body) : null; } catch { parsed = null; }
  const doc = isRecord(parsed) ? parsed : {};
  const text = (key: string) => (typeof doc[key] === 'string' && doc[key] !== '' ? (doc[key] as string) : null);
  return {
    status,
    code: text('code') ?? `HTTP_${status}`,
    title: text('title') ?? `HTTP ${status}`,
    detail: text('detail') ?? (parsed === null && body ? body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300) : ''),
    requestId: text('requestId') ?? requestIdHeader,
    errors: fieldProblems(doc.errors),
  };
}

/** The problem of a request that got no answer (server down, network cut). */
export function networkProblem(error: unknown): Problem {
  return { status: 0, code: 'NETWORK', title: 'NETWORK', detail: error instanceof Error ? error.message : String(error), requestId: null, errors: [] };
}

/** A stale write: the record changed since it was read (412), or the write conflicts with its state (409). */
export function isConflict(problem: Problem): boolean {
  return problem.status === 412 || problem.status === 409;
}

/** Thrown by the API client for every answer that is not a success. */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(`${problem.title}: ${problem.detail}`);
    this.name = 'ApiError';
    this.problem = problem;
  }
}
