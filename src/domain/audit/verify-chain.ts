/**
 * @module domain/audit/verify-chain
 * Recomputes each tenant's chain from its first event and reports the first broken link: a gap in the
 * sequence, a `prev_hash` that is not the previous event's hash, a hash that does not match the event's
 * content, or a head that does not point at the last event (a truncated chain).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { genesisHash, hashEvent, type ChainedEvent } from './chain.ts';

export interface BrokenLink {
  tenantId: string;
  seq: number;
  problem: string;
}

export interface ChainReport {
  tenantId: string;
  events: number;
  ok: boolean;
  broken: BrokenLink | null;
}

export interface VerifyChainOptions {
  db: Kysely<Database>;
  /** Tenants to verify; default every tenant with a chain head. */
  tenantIds?: string[];
  /** Called after each batch with the number of events checked so far (progress bars). */
  onProgress?: (tenantId: string, checked: number, total: number) => void;
  batchSize?: number;
}

type EventRow = { seq: string; at: Date; actor_id: string; action: string; entity_type: string; entity_id: string;
  reason: string | null; legal_basis: string[]; data: Record<string, unknown>; request_id: string | null;
  prev_hash: string; hash: string };

/** Verifies one tenant's chain, reading it in keyset-paginated batches. */
async function verifyTenant(db: Kysely<Database>, tenantId: string, options: VerifyChainOptions): Promise<ChainReport> {
  const head = await db.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).executeTakeFirst();
  const total = Number(head?.seq ?? 0);
  const batchSize = options.batchSize ?? 5000;
  let expectedPrev = genesisHash(tenantId);
  let expectedSeq = 1;
  const fail = (seq: number, problem: string): ChainReport => ({ tenantId, events: expectedSeq - 1, ok: false, broken: { tenantId, seq, problem } });
  for (;;) {
    const rows = (await db.selectFrom('audit_events')
      .select(['seq', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'reason', 'legal_basis', 'data', 'request_id', 'prev_hash', 'hash'])
      .where('tenant_id', '=', tenantId).where('seq', '>=', String(expectedSeq))
      .orderBy('seq').limit(batchSize).execute()) as unknown as EventRow[];
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return fail(expectedSeq, `event ${expectedSeq} is missing (next is ${seq})`);
      if (row.prev_hash !== expectedPrev) return fail(seq, 'prev_hash does not match the previous event\'s hash');
      const event: ChainedEvent = {
        tenantId, seq, at: new Date(row.at).toISOString(), actorId: row.actor_id, action: row.action,
        entityType: row.entity_type, entityId: row.entity_id, reason: row.reason, legalBasis: row.legal_basis,
        data: row.data, requestId: row.request_id,
      };
      if (hashEvent(row.prev_hash, event) !== row.hash) return fail(seq, 'hash does not match the event\'s content');
      expectedPrev = row.hash;
      expectedSeq = seq + 1;
    }
    options.onProgress?.(tenantId, expectedSeq - 1, total);
    if (rows.length < batchSize) break;
  }
  const last = expectedSeq - 1;
  if (last !== total) return fail(last + 1, `chain head says ${total} events but ${last} were found`);
  if (head && last > 0 && head.hash !== expectedPrev) return fail(last, 'chain head hash does not match the last event');
  return { tenantId, events: last, ok: true, broken: null };
}

/**
 * Verifies every requested tenant's chain. Runs as the connection's own user (operators' command),
 * not through row-level security.
 * @example const reports = await verifyChains({ db }); const broken = reports.find((r) => !r.ok);
 */
export async function verifyChains(options: VerifyChainOptions): Promise<ChainReport[]> {
  const tenantIds = options.tenantIds
    ?? (await options.db.selectFrom('audit_heads').select('tenant_id').orderBy('tenant_id').execute()).map((r) => r.tenant_id);
  const reports: ChainReport[] = [];
  for (const tenantId of tenantIds) reports.push(await verifyTenant(options.db, tenantId, options));
  return reports;
}
