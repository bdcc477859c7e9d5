/**
 * @module api/write
 * Runs a write request as one transaction in the actor's tenant, with `Idempotency-Key` support
 * (draft-ietf-httpapi-idempotency-key-header): the first response to a key is stored in the same
 * transaction as the effect, a retry with the same key and body gets that stored response, and the same
 * key with a different body is refused.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../lib/canonical-json.ts';
import type { Context } from 'hono';
import { DomainError } from '../domain/errors.ts';
import { inTenant, type Tx } from '../storage/transaction.ts';
import type { AppEnv } from './env.ts';

export interface WriteResult {
  status: 200 | 201 | 202 | 204;
  body: unknown;
  headers?: Record<string, string>;
}

const KEY = /^[\x21-\x7e]{1,255}$/;
const UNIQUE_VIOLATION = '23505';

function respond(c: Context<AppEnv>, result: WriteResult, replayed: boolean): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(result.headers ?? {}) };
  if (replayed) headers['idempotent-replayed'] = 'true';
  return new Response(result.status === 204 ? null : JSON.stringify(result.body), { status: result.status, headers });
}

/**
 * Executes `work` for the request's actor and answers with its result.
 * @example return runWrite(c, body, (tx) => openCase({ tx, actor, input: body }).then((x) => ({ status: 201, body: presentCase(x) })));
 */
export async function runWrite(c: Context<AppEnv>, body: unknown, work: (tx: Tx) => Promise<WriteResult>): Promise<Response> {
  const { storage, metrics } = c.var.services;
  const actor = c.var.actor;
  const key = c.req.header('idempotency-key');
  if (key !== undefined && !KEY.test(key)) {
    throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 visible ASCII characters', [{ path: 'header.Idempotency-Key', message: 'invalid' }]);
  }
  const requestHash = key
    ? createHash('sha256').update(`${c.req.method} ${new URL(c.req.url).pathname}\n${c.req.header('if-match') ?? ''}\n${canonicalJson(body ?? null)}`).digest('hex')
    : '';
  // One transaction in the actor's tenant; BEGIN and the tenant settings share one round trip.
  const attempt = () => inTenant(storage.db, { tenantId: actor.tenantId }, async (tx) => {
    if (key) {
      const stored = await tx.selectFrom('idempotency_keys').selectAll()
        .where('tenant_id', '=', actor.tenantId).where('actor_id', '=', actor.id).where('key', '=', key).executeTakeFirst();
      if (stored) {
        if (stored.request_hash !== requestHash) {
          throw new DomainError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} was already used for a different request`);
        }
        return { result: { status: stored.status as WriteResult['status'], body: stored.body, headers: stored.headers as unknown as Record<string, string> }, replayed: true };
      }
    }
    const result = await work(tx);
    if (key) {
      await tx.insertInto('idempotency_keys').values({
        tenant_id: actor.tenantId, actor_id: actor.id, key, request_hash: requestHash, status: result.status,
        headers: JSON.stringify(result.headers ?? {}), body: JSON.stringify(result.body ?? null),
      }).execute();
    }
    return { result, replayed: false };
  });
  let outcome: Awaited<ReturnType<typeof attempt>>;
  try {
    outcome = await attempt();
  } catch (error) {
    // Two requests with one key raced: the loser's insert hit the primary key. Its transaction rolled
    // back whole; the retry finds the winner's stored response.
    if (key && (error as { code?: string }).code === UNIQUE_VIOLATION) outcome = await attempt();
    else throw error;
  }
  if (!outcome.replayed) metrics.writes.inc({ tenant: actor.tenantId });
  return respond(c, outcome.result, outcome.replayed);
}

/** Parses `If-Match: "7"` (or `W/"7"`) into a version number. */
export function expectedVersion(c: Context): number {
  const header = c.req.header('if-match');
  if (!header) throw new DomainError('PRECONDITION_REQUIRED', 'send If-Match with the ETag you read, so that concurrent changes are detected');
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw new DomainError('VALIDATION_FAILED', 'If-Match must be an ETag this API issued, like "3"', [{ path: 'header.If-Match', message: 'invalid ETag' }]);
  return Number(match[1]);
}

/** The ETag of a record version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}
