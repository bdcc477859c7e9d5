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
  /** Migration 0020: optimistic concurrency, the merge pointer, and search keys the trigger derives from `data`. */
  version: ColumnType<number, number | undefined, number>;
  merged_into: string | null;
  merged_at: Timestamp | null;
  search_names: ColumnType<string | null, never, never>;
  phonetic: ColumnType<string[] | null, never, never>;
  /** Migration 0029: nationality and birth date, the block duplicate detection searches (kept by the trigger). */
  duplicate_block: ColumnType<string | null, never, never>;
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
  /** Migration 0022: the procedural facts the law engine reads (`CaseFacts`). */
  facts: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Migration 0025: the case's next deadline, copied from `case_deadlines` for the queue. */
  next_due_on: ColumnType<string | null, string | null | undefined, string | null>;
  next_deadline: string | null;
}
/** Migration 0021: family links, stored in both directions. */
export interface PersonLinkRow { tenant_id: string; person_id: string; related_id: string; relation: string; created_by: string; created_at: Timestamp }
/** Migration 0023: transitions taken or proposed (four eyes). */
export interface CaseTransitionRow {
  tenant_id: string; id: string; case_id: string; transition: string; from_stage: string; to_stage: string;
  effective_on: ColumnType<string, string, string>; input: Json<Record<string, unknown>>; status: string;
  proposed_by: string; proposed_at: Timestamp; reason: string; legal_basis: Json<string[]>;
  decided_by: string | null; decided_at: Timestamp | null; decision_reason: string | null;
}
/** Migration 0024: immutable decision records pinning the law they were taken under. */
export interface CaseDecisionRow {
  tenant_id: string; id: string; case_id: string; transition_id: string; transition: string; from_stage: string; to_stage: string;
  effective_on: ColumnType<string, string, string>; assessed_on: ColumnType<string, string, string>; regime: string;
  proposed_by: string; approved_by: string | null; reason: string;
  law: Json<Record<string, unknown>>; rules: Json<unknown[]>; findings: Json<unknown[]>; deadlines: Json<unknown[]>;
  facts: Json<Record<string, unknown>> | null; trace: Json<unknown[]> | null;
  content_hash: string; created_at: Timestamp; erased_at: Timestamp | null;
}
/** Migration 0025: each open case's current deadlines, how past ones ended, and the tasks they raise. */
export interface CaseDeadlineRow {
  tenant_id: string; case_id: string; name: string; due_on: ColumnType<string, string, string>; basis: Json<string[]>;
  assessed_on: ColumnType<string, string, string>; law_digest: string; registry_revision: ColumnType<string | null, number | string | null, number | string | null>;
  computed_at: Timestamp;
  escalation: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface CaseDeadlineEndingRow {
  tenant_id: string; id: string; case_id: string; name: string; due_on: ColumnType<string, string, string>; basis: Json<string[]>;
  party: string; unit_id: string | null; kind: string; outcome: string; ended_on: ColumnType<string, string, string>; cause: string; recorded_at: Timestamp;
}
export interface CaseTaskRow {
  tenant_id: string; id: string; case_id: string; kind: string; deadline: string; due_on: ColumnType<string, string, string>;
  assignee: string | null; role: string | null; unit_id: string | null; status: string;
  raised_on: ColumnType<string, string, string>; raised_at: Timestamp;
  acknowledged_by: string | null; acknowledged_at: Timestamp | null; resolved_by: string | null; resolved_at: Timestamp | null; resolution: string | null;
  version: ColumnType<number, number | undefined, number>;
}
/** Migration 0026: transfers (manifests), the persons on them with their places, and places per facility and day. */
export interface TransferRow {
  tenant_id: string; id: string; reference: string; purpose: string; facility_id: string | null; country: string | null; agreement: string | null;
  transfer_on: ColumnType<string, string, string>; until: ColumnType<string | null, string | null, string | null>; status: string;
  planned_by: string; planned_at: Timestamp; reason: string; legal_basis: ColumnType<string[], string | undefined, string>; law_planned: Json<Record<string, unknown>>;
  confirmed_by: string | null; confirmed_at: Timestamp | null; confirm_reason: string | null;
  executed_by: string | null; executed_at: Timestamp | null; executed_on: ColumnType<string | null, string | null, string | null>;
  execute_reason: string | null; law_executed: Json<Record<string, unknown>> | null;
  cancelled_by: string | null; cancelled_at: Timestamp | null; cancel_reason: string | null;
  version: ColumnType<number, number | undefined, number>;
}
export interface TransferPersonRow {
  tenant_id: string; transfer_id: string; case_id: string; person_id: string; facility_id: string | null;
  place_from: ColumnType<string | null, string | null, string | null>; place_to: ColumnType<string | null, string | null, string | null>;
  status: string; arrived_on: ColumnType<string | null, string | null, string | null>; left_on: ColumnType<string | null, string | null, string | null>;
  input: ColumnType<Record<string, unknown>, string | undefined, string>; findings: Json<unknown[]>; findings_digest: string;
}
export interface FacilityDayRow { facility_id: string; day: ColumnType<string, string, string>; reserved: number; occupied: number }
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
/** One record of a shared registry (countries, designations, readmission, …); `data` is validated by its kind. */
export interface RegistryRecordRow {
  kind: string;
  id: string;
  key: string;
  version: number;
  data: Json<Record<string, unknown>>;
  search_text: string;
  search: ColumnType<string, never, never>;
  refs: string[];
  valid_from: ColumnType<string | null, string | null, string | null>;
  valid_to: ColumnType<string | null, string | null, string | null>;
  review_due: ColumnType<string | null, string | null, string | null>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
}
export interface LocalIssuerKeyRow { kid: string; private_jwk: Json<Record<string, unknown>>; public_jwk: Json<Record<string, unknown>>; created_at: ColumnType<Date, never, never> }

/** Statistics (migration 0010): where each imported file came from, and the pre-aggregated indicators. */
export interface StatSourceRow {
  id: Generated<string>;
  dataset: string;
  publisher: string;
  title: string;
  layout: string;
  location: string;
  file_name: string;
  sha256: string;
  bytes: ColumnType<string, number, number>;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  retrieved_on: ColumnType<string, string, string>;
  imported_at: Timestamp;
  licence: string;
  credit: string;
  upstream: string | null;
  caveats: string[];
  coverage: Json<Record<string, unknown>>;
}
export interface StatIndApplicationsRow { year: number; geo: string; citizen: string; applicants: number; first_time: number | null; source_ids: string[] }
export interface StatIndRecognitionRow { year: number; citizen: string; geo: string; publisher: string; positive: number; decisions: number; rate: number | null; source_ids: string[] }
export interface StatIndReturnsRow {
  year: number; geo: string; citizen: string; ordered: number | null; returned: number | null; returned_third_country: number | null;
  rate: number | null; rate_third_country: number | null; source_ids: string[];
}
export interface StatIndArrivalsRow { month: string; route: string; nationality: string; detections: number; source_ids: string[] }
export interface StatIndicatorMetaRow { indicator: string; coverage: Json<Record<string, unknown>>; refreshed_at: Timestamp }
export interface StatFrontexRow { month: string; route: string; border_type: string; nationality: string; detections: number; source_id: string; vintage: string }
export interface StatIomIncidentRow {
  id: Generated<string>; incident_date: string | null; month: string; incident_type: string; route: string; country: string | null;
  dead_and_missing: number; cause_of_death: string | null; survivors: number | null; origin: string | null; location: string | null;
  lon: number | null; lat: number | null; source_id: string;
}
export interface StatEurostatRow {
  dataset: string; breakdown: string; geo: string; citizen: string; period: string; dims: string; value: number | null; flag: string | null;
  source_id: string; vintage: string;
}

/** Migration 0027: the 1:1 ledger — shared counters and entitlements (tenant `EU`), and each tenant's entries. */
export interface SwapLedgerCounterRow {
  tenant_id: string; mechanism: string; cap: number | null; returns: ColumnType<number, number | undefined, number>;
  resettlements: ColumnType<number, number | undefined, number>; updated_at: Timestamp;
}
export interface SwapLedgerEntitlementRow {
  tenant_id: string; id: string; mechanism: string; return_ref: string; returning_state: string; return_entry: string;
  returned_on: ColumnType<string, string, string>; recorded_at: Timestamp; resettlement_ref: string | null; resettling_state: string | null;
  resettlement_entry: string | null; resettled_on: ColumnType<string | null, string | null | undefined, string | null>; resettled_at: Timestamp | null;
}
export interface SwapLedgerEntryRow {
  tenant_id: string; id: string; mechanism: string; leg: string; entitlement_id: string; case_id: string; person_id: string;
  happened_on: ColumnType<string, string, string>; finding: Json<Record<string, unknown>> | null; law: Json<Record<string, unknown>> | null;
  reason: string; recorded_by: string; recorded_at: Timestamp;
}
/** Migration 0028: rescue and interception events, the persons on board, their assignments. */
export interface RescueEventRow {
  tenant_id: string; id: string; reference: string; kind: string; occurred_at: Timestamp; latitude: number; longitude: number;
  vessel_name: string; vessel_flag: string; vessel_operator: string; waters: string; waters_state: string | null; sar_region: string | null;
  coordinating_centre: string | null; people_on_board: number; deceased: ColumnType<number, number | undefined, number>;
  missing: ColumnType<number, number | undefined, number>; note: string | null; unit_id: string | null; assigned_to: string | null;
  created_by: string; created_at: Timestamp; updated_at: Timestamp; version: ColumnType<number, number | undefined, number>;
}
export interface RescueEventPersonRow { tenant_id: string; event_id: string; person_id: string; case_id: string | null; linked_by: string; linked_at: Timestamp }
export interface RescueAssignmentRow {
  tenant_id: string; id: string; event_id: string; person_id: string; destination: string; country: string; place: string | null; mechanism: string | null;
  assessed_on: ColumnType<string, string, string>; findings: Json<unknown[]>; law: Json<Record<string, unknown>>; reason: string;
  legal_basis: Json<string[]>; decided_by: string; decided_at: Timestamp;
}

/** A counter column with a default of 0. */
type Counted = ColumnType<number, number | undefined, number>;
/** Migration 0029: case imports (jobs with their checkpoint, the report, external references) and case flags. */
export interface CaseImportJobRow {
  tenant_id: string; id: string; file_name: string; file_sha256: string; format: string; status: string;
  total_rows: number; checkpoint: Counted; created: Counted; unchanged: Counted; refused: Counted; duplicates: Counted;
  created_by: string; created_at: Timestamp; updated_at: Timestamp; finished_at: Timestamp | null;
}
export interface CaseImportIssueRow {
  tenant_id: string; job_id: string; row_number: number; seq: number; line: number | null; path: string; code: string;
  severity: string; message: string; detail: Json<Record<string, unknown>> | null;
}
export interface CaseExternalRefRow { tenant_id: string; external_ref: string; case_id: string; row_hash: string; job_id: string; row_number: number }
export interface CaseFlagRow { tenant_id: string; case_id: string; flag: string; flagged_by: string; flagged_at: Timestamp; reason: string }
/** Migration 0031: policy simulations run in the background, with their summary when done. */
export interface SimulationRow {
  tenant_id: string; id: string; scenario: Json<Record<string, unknown>>; runs: number; seed: ColumnType<string, number, number>; scale: number;
  status: string; progress: Counted; error: string | null; results: Json<Record<string, unknown>> | null;
  created_by: string; created_at: Timestamp; started_at: Timestamp | null; finished_at: Timestamp | null;
  /** Migration 0032: the instance holding a running simulation, until when, and how many claims so far. */
  claimed_by: string | null; lease_until: Timestamp | null; attempts: Counted;
}

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
  person_links: PersonLinkRow;
  case_transitions: CaseTransitionRow;
  case_decisions: CaseDecisionRow;
  case_deadlines: CaseDeadlineRow;
  case_deadline_endings: CaseDeadlineEndingRow;
  case_tasks: CaseTaskRow;
  idempotency_keys: IdempotencyKeyRow;
  local_issuer_keys: LocalIssuerKeyRow;
  registry_records: RegistryRecordRow;
  transfers: TransferRow;
  transfer_persons: TransferPersonRow;
  facility_days: FacilityDayRow;
  stat_sources: StatSourceRow;
  stat_eurostat: StatEurostatRow;
  stat_frontex_detections: StatFrontexRow;
  stat_iom_incidents: StatIomIncidentRow;
  stat_ind_applications: StatIndApplicationsRow;
  stat_ind_recognition: StatIndRecognitionRow;
  stat_ind_returns: StatIndReturnsRow;
  stat_ind_arrivals: StatIndArrivalsRow;
  stat_indicator_meta: StatIndicatorMetaRow;
  swap_ledger_counters: SwapLedgerCounterRow;
  swap_ledger_entitlements: SwapLedgerEntitlementRow;
  swap_ledger_entries: SwapLedgerEntryRow;
  rescue_events: RescueEventRow;
  rescue_event_persons: RescueEventPersonRow;
  rescue_assignments: RescueAssignmentRow;
  case_import_jobs: CaseImportJobRow;
  case_import_issues: CaseImportIssueRow;
  case_external_refs: CaseExternalRefRow;
  case_flags: CaseFlagRow;
  simulations: SimulationRow;
}
