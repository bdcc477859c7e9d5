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
import type { Actor } from '../domain/access/roles.ts';
import { inTenant, type Tx } from '../storage/transaction.ts';
import type { AppEnv } from './env.ts';

export interface WriteResult {
  status: 200 | 201 | 202 | 204;
  body: unknown;
  headers?: Record<string, string>;
}

const KEY = /^[\x21-\x7e]{1,255}$/;
export const UNIQUE_VIOLATION = '23505';

/** A request's `Idempotency-Key` and the hash of what it asks, when it sent one. */
export interface Idempotency {
  key: string;
  requestHash: string;
}

/** What a write answered, and whether that answer was a stored one replayed for a repeated key. */
export interface WriteOutcome {
  result: WriteResult;
  replayed: boolean;
}

/**
 * The request's `Idempotency-Key` with the hash of its method, path, `If-Match` and body; null without one.
 * @throws DomainError VALIDATION_FAILED for a malformed key.
 */
export function idempotencyOf(c: Context<AppEnv>, body: unknown): Idempotency | null {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return null;
  if (!KEY.test(key)) {
    throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 visible ASCII characters', [{ path: 'header.Idempotency-Key', message: 'invalid' }]);
  }
  const requestHash = createHash('sha256').update(`${c.req.method} ${new URL(c.req.url).pathname}\n${c.req.header('if-match') ?? ''}\n${canonicalJson(body ?? null)}`).digest('hex');
  return { key, requestHash };
}

/**
 * The response stored for the actor's key, when there is one.
 * @throws DomainError IDEMPOTENCY_KEY_REUSED when the key was used for a different request.
 */
export async function storedResponse(tx: Tx, actor: Actor, { key, requestHash }: Idempotency): Promise<WriteResult | null> {
  const stored = await tx.selectFrom('idempotency_keys').selectAll()
    .where('tenant_id', '=', actor.tenantId).where('actor_id', '=', actor.id).where('key', '=', key).executeTakeFirst();
  if (!stored) return null;
  if (stored.request_hash !== requestHash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} was already used for a different request`);
  }
  return { status: stored.status as WriteResult['status'], body: stored.body, headers: stored.headers as unknown as Record<string, string> };
}

/** Stores first responses to keys, in the transaction of their effects (one statement for all). */
export async function storeResponses(tx: Tx, responses: ReadonlyArray<{ actor: Actor; idempotency: Idempotency; result: WriteResult }>): Promise<void> {
  if (responses.length === 0) return;
  await tx.insertInto('idempotency_keys').values(responses.map(({ actor, idempotency, result }) => ({
    tenant_id: actor.tenantId, actor_id: actor.id, key: idempotency.key, request_hash: idempotency.requestHash, status: result.status,
    headers: JSON.stringify(result.headers ?? {}), body: JSON.stringify(result.body ?? null),
  }))).execute();
}

/** The HTTP answer of a write's outcome. */
export function respond(outcome: WriteOutcome): Response {
  const { result, replayed } = outcome;
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
  const idempotency = idempotencyOf(c, body);
  // One transaction in the actor's tenant; BEGIN and the tenant settings share one round trip.
  const attempt = () => inTenant(storage.db, { tenantId: actor.tenantId }, async (tx): Promise<WriteOutcome> => {
    const stored = idempotency ? await storedResponse(tx, actor, idempotency) : null;
    if (stored) return { result: stored, replayed: true };
    const result = await work(tx);
    if (idempotency) await storeResponses(tx, [{ actor, idempotency, result }]);
    return { result, replayed: false };
  });
  let outcome: WriteOutcome;
  try {
    outcome = await attempt();
  } catch (error) {
    // Two requests with one key raced: the loser's insert hit the primary key. Its transaction rolled
    // back whole; the retry finds the winner's stored response.
    if (idempotency && (error as { code?: string }).code === UNIQUE_VIOLATION) outcome = await attempt();
    else throw error;
  }
  if (!outcome.replayed) metrics.writes.inc({ tenant: actor.tenantId });
  return respond(outcome);
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
