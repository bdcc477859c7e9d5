/**
 * @module web/screens/partnerships/types
 * The API shapes the Partnerships screens read, written from the OpenAPI document: a partnership
 * record's fields, its profile (`GET /api/registries/partnerships/{id}/profile`), the records hung on
 * it (mechanisms, facilities, funding lines, outreach events) and a 1:1 ledger
 * (`GET /api/swap-ledgers/{mechanism}`). The client imports nothing from the server's sources.
 */
import type { RegistryRecord, Source } from '../../api/types.ts';

export const PHASES = ['exploration', 'design', 'implementation', 'monitoring', 'suspended', 'ended'] as const;
export type Phase = (typeof PHASES)[number];

export const CHECKLIST_ITEMS = ['legalReview', 'fundamentalRightsImpactAssessment', 'fundingSecured', 'monitoringBodyDesignated', 'partnerConsent'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface ChecklistEntry { done: boolean; on: string | null; evidence: Source[]; note: string | null }

export interface Lifecycle {
  phases: Array<{ phase: Phase; from: string; reason: string | null; sources: Source[] }>;
  checklist: Record<ChecklistItem, ChecklistEntry>;
  roles: Array<{ phase: Phase; actor: string; role: 'responsible' | 'accountable' | 'consulted' | 'informed'; note: string | null }>;
}

export interface Money { amount: number; currency: string }

export interface PartnershipData {
  code: string;
  title: string;
  kind: string;
  legallyBinding: boolean | null;
  parties: { eu: boolean; memberStates: string[]; partner: string; otherStates: string[]; organisations: string[] };
  dates: { signed: string | null; inForce: string | null; suspensions: Array<{ from: string; to: string | null; reason: string }>; ended: string | null };
  pillars: Array<{ title: string; commitments: Array<{ side: string; text: string; amount: Money | null }> }>;
  humanRights: { nonRefoulementClause: boolean | null; humanRightsClause: boolean | null; text: string | null };
  monitoring: { body: string | null; independent: boolean | null; designatedOn: string | null; reports: Array<Source & { findings: string | null }> };
  violations: string | null;
  documents: Source[];
  lifecycle: Lifecycle;
  owner: string;
  verified: boolean;
  unverified: Array<{ field: string; note: string }>;
  note: string | null;
}

/** A partnership's `summary` on a date (the server's lifecycle summary). */
export interface PartnershipSummary {
  phase: Phase | null;
  since: string | null;
  gateMissing: ChecklistItem[];
  next: { phase: Phase; missing: string[]; items: ChecklistItem[] } | null;
  roles: Array<{ actor: string; role: string }>;
  /** What each phase's gate needs (the server's rule, the same for every partnership). */
  gates: Record<Phase, ChecklistItem[]>;
  /** The migratory routes the partnership follows (Frontex's names; none when no route starts in the partner country). */
  routes: string[];
  legallyBinding: boolean | null;
  suspendedOn: boolean;
}

export interface MechanismData {
  code: string; title: string; kind: string; partnership: string; partner: string; memberStates: string[]; from: string | null; to: string | null;
  parameters: {
    capacity: number | null; cap: { total: number; note: string | null } | null; quotas: Array<{ year: number; quota: number; note: string | null }>;
    categoriesExcluded: string[]; eligibility: string | null;
  };
  indicators: Array<{ name: string; unit: string; value: number; from: string; to: string; source: Source }>;
  sources: Source[];
  note: string | null;
}

export interface FacilityData {
  code: string; name: string; mechanisms: string[];
  location: { lat: number; lon: number; place: string; country: string };
  jurisdiction: string; operator: string;
  capacity: Array<{ section: string; from: string; to: string | null; places: number; note: string | null }>;
  occupancy: Array<{ on: string; persons: number; via: 'reported' | 'case-processing'; source: Source | null }>;
  sources: Source[];
  note: string | null;
}

export interface FacilitySummary {
  capacity: number | null;
  sections: Array<{ section: string; places: number; verified: boolean }>;
  occupancy: { on: string; persons: number; via: 'reported' | 'case-processing' } | null;
  overCapacity: boolean;
}

export interface FundingData {
  code: string; instrument: string; type: 'pledge' | 'commitment' | 'disbursement'; measure: string;
  recipients: { partnership: string | null; mechanism: string | null; facility: string | null };
  amount: Money; date: string; commitment: string | null; sources: Source[];
}

export interface OutreachEventData {
  code: string; type: string; title: string; partner: string; partnership: string | null; from: string; to: string | null; place: string | null;
  participants: { memberStates: string[]; eu: string[]; others: string[] };
  asks: Array<{ by: string; text: string; status: string }>;
  commitments: Array<{ by: string; text: string; status: string }>;
  sources: Source[];
}

export interface PartnershipProfile {
  on: string;
  partnership: RegistryRecord<PartnershipData>;
  related: Record<string, RegistryRecord[]>;
}

interface Days { count: number; min: number | null; median: number | null; mean: number | null; max: number | null }

export interface LedgerView {
  mechanism: { code: string; title: string; partner: string; memberStates: string[]; from: string | null; to: string | null; operating: boolean; sources: Array<{ title: string; url: string }> };
  on: string;
  cap: number | null;
  returns: number;
  resettlements: number;
  balance: number;
  remaining: number | null;
  legs: { returns: Array<{ state: string; count: number }>; resettlements: Array<{ state: string; count: number }> };
  leadTimes: { matched: Days; open: Days };
  updatedAt: string;
}
