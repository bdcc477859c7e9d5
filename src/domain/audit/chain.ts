/**
 * @module domain/audit/chain
 * How an audit event is hashed. Each event's hash covers the previous event's hash and the event's
 * own fields in RFC 8785 (JSON Canonicalization Scheme) form, so the chain can be recomputed by anyone
 * holding an export, with any JCS implementation and SHA-256.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json.ts';

/** The hashed content of one event. Personal data never appears here: persons are referred to by id. */
export interface ChainedEvent {
  tenantId: string;
  seq: number;
  at: string;
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  reason: string | null;
  legalBasis: string[];
  data: Record<string, unknown>;
  requestId: string | null;
}

/** The hash a tenant's chain starts from. */
export function genesisHash(tenantId: string): string {
  return createHash('sha256').update(`waypoint:audit:genesis:${tenantId}`).digest('hex');
}

/** SHA-256 over `prevHash`, a newline, and the canonical JSON of the event. */
export function hashEvent(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(event)).digest('hex');
}
