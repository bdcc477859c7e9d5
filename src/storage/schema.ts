/**
 * @module storage/schema
 * Row types of every table, for Kysely. Migrations in `migrations/` are the source of truth; these
 * types follow them.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface TenantRow { id: string; kind: string; name: string; source: string }
export interface UnitRow { tenant_id: string; id: string; name: string }
export interface UserRow { id: string; tenant_id: string; unit_id: string | null; display_name: string; roles: string[] }

export interface AuditHeadRow { tenant_id: string; seq: ColumnType<string, number | string, number | string>; hash: string }
export interface AuditEventRow {
  tenant_id: string;
  seq: ColumnType<string, number | string, never>;
  at: Timestamp;
  actor_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  reason: string | null;
  legal_basis: Json<string[]>;
  data: Json<Record<string, unknown>>;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}
export interface AccessLogRow {
  tenant_id: string;
  id: Generated<string>;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_id: string;
  entity_type: string;
  entity_id: string;
  purpose: string;
  request_id: string | null;
}
export interface RetentionPolicyRow { record_type: string; retain_months: number; counted_from: 'created' | 'case-closed'; basis: string; source: string }
export interface PersonRow {
  tenant_id: string;
  id: string;
  record_type: string;
  data: Json<Record<string, unknown>> | null;
  created_at: Timestamp;
  retain_until: ColumnType<string | null, string | null | undefined, string | null>;
  erased_at: Timestamp | null;
}
export interface CounterRow { tenant_id: string; name: string; value: ColumnType<string, number, number> }
export interface CaseRow {
  tenant_id: string;
  id: string;
  reference: string;
  person_id: string;
  kind: string;
  stage: string;
  unit_id: string | null;
  assigned_to: string | null;
  opened_by: string;
  opened_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  version: ColumnType<number, number | undefined, number>;
}
export interface IdempotencyKeyRow {
  tenant_id: string;
  actor_id: string;
  key: string;
  request_hash: string;
  status: number;
  headers: Json<Record<string, string>>;
  body: Json<unknown>;
  created_at: ColumnType<Date, never, never>;
}
export interface LocalIssuerKeyRow { kid: string; private_jwk: Json<Record<string, unknown>>; public_jwk: Json<Record<string, unknown>>; created_at: ColumnType<Date, never, never> }

export interface Database {
  tenants: TenantRow;
  units: UnitRow;
  users: UserRow;
  audit_heads: AuditHeadRow;
  audit_events: AuditEventRow;
  access_log: AccessLogRow;
  retention_policies: RetentionPolicyRow;
  persons: PersonRow;
  counters: CounterRow;
  cases: CaseRow;
  idempotency_keys: IdempotencyKeyRow;
  local_issuer_keys: LocalIssuerKeyRow;
}
