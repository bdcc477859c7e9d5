/**
 * @module api/problem
 * The one place errors become HTTP responses: RFC 9457 problem details with a stable `code`, the
 * request id, and for validation errors the path of every offending field. Unknown errors are logged
 * and answered as a plain 500 that reveals nothing.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, type DomainErrorCode, type FieldError } from '../domain/errors.ts';

const STATUS: Record<DomainErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BODY_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 412,
  PRECONDITION_REQUIRED: 428,
  IDEMPOTENCY_KEY_REUSED: 422,
  ALREADY_EXISTS: 409,
  ERASED: 410,
  INVALID_STATE: 409,
  LOCAL_ISSUER_DISABLED: 404,
  IMPORT_CONFLICT: 409,
  INVALID_IMPORT: 400,
  INVALID_TRANSITION: 409,
  TRANSITION_REFUSED: 422,
  TRANSITION_PENDING: 409,
  FOUR_EYES: 403,
  DUPLICATE_SUSPECTED: 409,
  MERGED: 409,
  LEDGER_ALREADY_COUNTED: 409,
  LEDGER_CAP_REACHED: 409,
  LEDGER_RETURN_NOT_COUNTED: 422,
  LEDGER_NO_OPEN_ENTITLEMENT: 409,
  ASSIGNMENT_REFUSED: 422,
  CAPACITY_EXCEEDED: 409,
  TRANSFER_BLOCKED: 422,
};

const TITLE: Record<DomainErrorCode, string> = {
  VALIDATION_FAILED: 'The request is not valid',
  MALFORMED_JSON: 'The request body is not valid JSON',
  UNSUPPORTED_MEDIA_TYPE: 'Send the body as application/json',
  BODY_TOO_LARGE: 'The request body is too large',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  VERSION_CONFLICT: 'The record changed since you read it',
  PRECONDITION_REQUIRED: 'If-Match is required',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key reused with a different request',
  ALREADY_EXISTS: 'Already exists',
  ERASED: 'The personal data was erased',
  INVALID_STATE: 'Not possible in the record\'s current state',
  LOCAL_ISSUER_DISABLED: 'The local issuer is disabled',
  IMPORT_CONFLICT: 'The import conflicts with existing data',
  INVALID_IMPORT: 'The import is not valid',
  INVALID_TRANSITION: 'Not a transition from the case\'s current stage',
  TRANSITION_REFUSED: 'The law does not permit this transition',
  TRANSITION_PENDING: 'A transition awaits approval',
  FOUR_EYES: 'A different person must approve or reject',
  DUPLICATE_SUSPECTED: 'The person may already be registered',
  MERGED: 'The person record was merged into another',
  LEDGER_ALREADY_COUNTED: 'The person is already counted on this leg of the 1:1 ledger',
  LEDGER_CAP_REACHED: 'The mechanism\'s cap is reached',
  LEDGER_RETURN_NOT_COUNTED: 'The law does not count this return under the mechanism',
  LEDGER_NO_OPEN_ENTITLEMENT: 'No open resettlement entitlement',
  ASSIGNMENT_REFUSED: 'The law does not permit this assignment',
  CAPACITY_EXCEEDED: 'No free place at the facility',
  TRANSFER_BLOCKED: 'The law no longer permits the transfer as planned',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

export function statusOf(code: DomainErrorCode): number {
  return STATUS[code];
}

/** Builds the problem document for a domain error. */
export function problemOf(error: DomainError, instance: string, requestId: string): Problem {
  const problem: Problem = {
    // Extension members first, so that none can replace a member RFC 9457 defines.
    ...error.extensions,
    type: `urn:waypoint:problem:${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLE[error.code],
    status: STATUS[error.code],
    detail: error.message,
    code: error.code,
    instance,
    requestId,
  };
  if (error.fields.length > 0) problem.errors = error.fields;
  return problem;
}

/** Converts anything thrown into a DomainError, or `null` for an unexpected failure. */
export function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 415) return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'the body must be sent with Content-Type: application/json');
    if (error.status === 413) return new DomainError('BODY_TOO_LARGE', error.message);
    if (error.status === 400 && /json/i.test(error.message)) return new DomainError('MALFORMED_JSON', 'the request body is not valid JSON');
    if (error.status === 401) return new DomainError('UNAUTHENTICATED', error.message);
    if (error.status === 404) return new DomainError('NOT_FOUND', error.message);
    return new DomainError('VALIDATION_FAILED', error.message);
  }
  return null;
}

/** Sends a problem+json response. */
export function sendProblem(c: Context, error: DomainError): Response {
  const body = problemOf(error, new URL(c.req.url).pathname, c.get('requestId') ?? '');
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (error.code === 'UNAUTHENTICATED') headers['www-authenticate'] = 'Bearer realm="waypoint"';
  return new Response(JSON.stringify(body), { status: body.status, headers });
}
