/**
 * @module api/schemas
 * Schemas shared by several routes. Objects are strict: an unknown field is a 400, never ignored.
 */
import { z } from '@hono/zod-openapi';
import { normaliseCountry } from '../lib/country-codes.ts';

/**
 * What text PostgreSQL cannot store, or stores differently from what was hashed: NUL (U+0000), which
 * `text` and `jsonb` reject, and unpaired UTF-16 surrogates, which are not Unicode scalar values
 * (RFC 8259 §8.2) and are stored as U+FFFD, so that an audit event's hash, computed over the original
 * string, would no longer match the stored event. A search rather than a whole-string pattern, because
 * a repeated alternation over a megabyte string overflows the regular-expression stack.
 */
export const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string free of {@link UNSAFE_TEXT}; every free-text request field is built on it. Chain `.trim()`, `.min()`, `.max()`. */
export function text() {
  return z.string().refine((value) => !UNSAFE_TEXT.test(value), 'must not contain NUL characters or unpaired surrogates');
}

export const ZIsoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD').openapi({ example: '2026-07-15' });

// `abort` stops at the first failed check, so a malformed code gets one error, not two for one path.
export const ZNationality = z.string().regex(/^[A-Z]{2}$/, { message: 'ISO 3166-1 alpha-2 code in capitals', abort: true })
  .refine((code) => normaliseCountry(code, { allowStateless: true }) !== null, 'unknown country code')
  .transform((code) => normaliseCountry(code, { allowStateless: true })!)
  .describe('ISO 3166-1 alpha-2; XX for stateless; EL/UK accepted for GR/GB')
  .openapi({ example: 'BD' });

export const ZUuidParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path', required: true }, example: '6f1c2b9e-3b0a-4f7e-9a43-0c1d2e3f4a5b' }),
});

export const ZTenantParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path', required: true }, example: 'IT' }),
});

export const ZReason = text().trim().min(3).max(2000).describe('Why: shown in the audit trail');

export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string().describe('Stable machine-readable error code'),
  instance: z.string(),
  requestId: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
}).openapi('Problem');

/** The error responses every authenticated route can give. */
export function problemResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Invalid request', 401: 'Not authenticated', 403: 'Not allowed', 404: 'Not found', 409: 'Conflict',
    410: 'Erased', 412: 'Stale If-Match', 413: 'Body too large', 415: 'Not JSON', 422: 'Idempotency key reused', 428: 'If-Match required',
  };
  return Object.fromEntries([401, 403, ...statuses].map((s) => [s, {
    description: descriptions[s] ?? 'Error',
    content: { 'application/problem+json': { schema: ZProblem } },
  }]));
}

export const bearer = [{ bearerAuth: [] }];

/** A JSON request or response body with `schema`, for `createRoute`. */
export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

/** The `Idempotency-Key` request header of write routes (see write.ts). */
export const idempotencyHeader = { name: 'Idempotency-Key', in: 'header' as const, required: false, schema: { type: 'string' as const }, description: 'Retry-safe key: a retry with the same key and body returns the first response' };

/** The `If-Match` request header of updates: the ETag of the version the caller read. */
export const ifMatchHeader = { name: 'If-Match', in: 'header' as const, required: true, schema: { type: 'string' as const }, description: 'The ETag of the version you read' };
