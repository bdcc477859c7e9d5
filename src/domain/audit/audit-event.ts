/**
 * @module domain/audit/audit-event
 * The audit event as the API and exports show it.
 */
import type { Selectable } from 'kysely';
import type { AuditEventRow } from '../../storage/schema.ts';

export interface AuditEvent {
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
  prevHash: string;
  hash: string;
}

export function eventFromRow(r: Selectable<AuditEventRow>): AuditEvent {
  return {
    tenantId: r.tenant_id, seq: Number(r.seq), at: new Date(r.at).toISOString(), actorId: r.actor_id, action: r.action,
    entityType: r.entity_type, entityId: r.entity_id, reason: r.reason, legalBasis: r.legal_basis, data: r.data,
    requestId: r.request_id, prevHash: r.prev_hash, hash: r.hash,
  };
}
