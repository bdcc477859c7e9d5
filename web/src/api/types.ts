/**
 * @module web/api/types
 * The shapes of the API answers the screens read, written from the OpenAPI document
 * (`/api/openapi.json`). The client imports nothing from the server's sources: these types are its
 * side of the HTTP contract.
 */

export interface Permission { resource: string; action: string; scope: string }

export interface Me {
  id: string;
  displayName: string;
  tenantId: string;
  unitId: string | null;
  roles: string[];
  permissions: Permission[];
}

export interface DemoUser { id: string; displayName: string; tenantId: string; unitId: string | null; roles: string[] }

export interface Citation { title: string; href?: string }

export interface Instrument {
  id: string; short: string; title: string; status: string; url?: string; celex?: string;
  published?: string; in_force?: string; applies_from?: string; applies_until?: string; note?: string; appliesOn: boolean;
}

export interface LawRule { id: string; label: string; inForce: boolean; version: string | null; end: string | null; basis: Citation[]; versions: string[] }

export interface LawParameter {
  id: string; description: string; unit: string; inForce: boolean; value: unknown; from: string | null;
  reference: Citation[]; lastValueStillValidOn?: string;
}

export interface LawCatalog { on: string; rules: LawRule[]; parameters: LawParameter[] }

export type Outcome = 'yes' | 'no' | 'review' | 'uncertain';

export interface Finding { question: string; country?: string; agreement?: string; outcome: Outcome; basis: string[]; because: string[] }

export interface Deadline { name: string; date: string; basis: string[]; because?: string[] }

export interface TraceNode {
  rule: string; version?: string; on?: string; basis?: Citation[];
  parameters?: Array<{ id: string; on?: string; value: unknown; from?: string | null; reference?: Citation[] }>;
  inputs?: Record<string, unknown>; exceptions?: unknown[]; children?: TraceNode[];
  result?: { outcome?: Outcome; because?: string[] };
}

export interface Assessment { assessedOn: string; regime: string; findings: Finding[]; deadlines: Deadline[]; trace?: TraceNode[] }

export interface Source { url?: string; title: string; date?: string | null }

export interface RegistryRecord<D = Record<string, unknown>> {
  id: string; kind: string; key: string; version: number; owner: string; label: string;
  state: string | null; reviewDue: string | null; reviewOverdue: boolean; summary: Record<string, unknown> | null;
  data: D; updatedAt: string; updatedBy: string; allowed: string[];
}

export interface Page<T> { items: T[]; next: string | number | null }

export interface CountryData { code: string; name: string; names: Record<string, string> }

export interface DesignationData {
  country: string; kind: 'safe-country-of-origin' | 'safe-third-country'; level: 'eu' | 'national'; memberState: string | null;
  from: string; to: string | null; suspensions?: Array<{ from: string; to: string | null }>;
  exceptions?: { regions?: string[]; categories?: string[] }; appliesTo?: { nationalities: string[] } | null; sources?: Source[]; note?: string;
}

export interface ReadmissionData { country: string; memberState: string | null; status: 'cooperating' | 'partial' | 'suspended'; from: string; to: string | null; evidence?: Source[]; note?: string }

export interface CountryProfile {
  on: string;
  country: RegistryRecord<CountryData>;
  status: { euMember: boolean; schengen: string | null; candidate: boolean };
  related: Record<string, RegistryRecord[]>;
}

export interface IndicatorResult<T> { indicator: string; title: string; unit: string; coverage: Record<string, unknown>; items: T[]; total: number }

export interface RecognitionRow { year: number; citizen: string; geo: string; publisher: string; positive: number; decisions: number; rate: number | null }

export interface AuditEvent {
  tenantId: string; seq: number; at: string; actorId: string; action: string; entityType: string; entityId: string;
  reason: string | null; legalBasis: string[]; data: Record<string, unknown>; requestId: string | null; prevHash: string; hash: string;
}

export interface ChainReport { tenantId: string; events: number; ok: boolean; broken: { tenantId: string; seq: number; problem: string } | null }
