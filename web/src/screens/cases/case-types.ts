/**
 * @module web/screens/cases/case-types
 * The shapes of the case-work answers the queue and case screens read (GET /api/queue, /api/cases/{id},
 * its transitions, findings, deadlines, events and decisions, GET /api/persons/{id}, POST /api/case-actions),
 * written from the OpenAPI document: the client's side of the HTTP contract, as `api/types.ts` is for
 * the other screens. The lists of kinds, stages and flags are the API's enums (`domain/cases/case.ts`,
 * `domain/bulk/bulk-action.ts`); the client imports nothing from the server's sources.
 */
import type { Outcome } from '../../api/types.ts';

export const CASE_KINDS = ['asylum', 'return', 'resettlement', 'transfer', 'screening'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STAGES = [
  'registered', 'screening', 'application-made', 'application-registered', 'application-lodged',
  'admissibility', 'accelerated', 'border-procedure', 'examination', 'offshore-procedure', 'decided', 'appeal',
  'protection-granted', 'return-decision', 'voluntary-return', 'removed', 'transferred-return-hub', 'transferred-third-country',
  'transferred-member-state', 'resettled', 'closed',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const CASE_FLAGS = ['priority', 'vulnerability', 'age-dispute', 'family-tracing', 'security-check', 'data-quality', 'legal-review'] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];

export const BULK_ACTIONS = ['assign', 'reassign', 'flag', 'unflag'] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

export interface NextDeadline { name: string; dueOn: string; daysLeft: number; overdue: boolean }

export interface QueueItem {
  id: string; reference: string; kind: string; stage: string; unitId: string | null; assignedTo: string | null;
  openedAt: string; version: number; next: NextDeadline | null;
}

export interface QueuePage { items: QueueItem[]; next: string | null }

export interface BulkRecordResult { caseId: string; reference: string | null; status: 'ok' | 'refused' | 'not-found'; changed?: boolean; code?: string; reason?: string }

export interface BulkActionResult {
  id: string; action: BulkActionName; total: number; ok: number; changed: number; refused: number; notFound: number; results: BulkRecordResult[];
}

export interface CaseAction {
  kind: 'transition' | 'approve' | 'reject'; transition: string; to?: string; subject?: Record<string, string>;
  possible: boolean; permitted: boolean; needsApproval?: boolean;
  refusedBy: Array<{ code: string; message: string; question?: string; outcome?: string; guard?: string; basis: string[] }>;
}

export interface CaseRecord {
  id: string; tenantId: string; reference: string; personId: string; kind: string; stage: string; unitId: string | null;
  assignedTo: string | null; openedBy: string; openedAt: string; updatedAt: string; closedAt: string | null; version: number;
  facts: Record<string, unknown>; allowed: string[]; actions?: CaseAction[];
}

export interface CaseFinding { question: string; country?: string; agreement?: string; outcome: Outcome; basis: string[]; because: string[] }

export interface TransitionRefusal {
  code: 'FINDING' | 'NOT_ASKED' | 'GUARD' | 'SUBJECT_REQUIRED' | 'NO_ASSESSMENT'; message: string;
  question?: string; country?: string; agreement?: string; outcome?: string; guard?: string; basis: string[]; because: string[];
}

export interface AvailableTransition {
  transition: string; label: string; to: string; subject?: Record<string, string>; allowed: boolean; fourEyes: boolean;
  action: string; permitted: boolean; basis: string[]; findings: CaseFinding[]; refusals: TransitionRefusal[];
}

export interface TransitionRecord {
  id: string; caseId: string; transition: string; from: string; to: string; effectiveOn: string; input: Record<string, unknown>;
  status: 'pending' | 'approved' | 'rejected' | 'taken'; proposedBy: string; proposedAt: string; reason: string; legalBasis: string[];
  decidedBy: string | null; decidedAt: string | null; decisionReason: string | null;
}

export interface TransitionsView {
  caseId: string; stage: string; version: number; on: string; regime: string | null;
  assessmentErrors: Array<{ path: string; message: string }>;
  available: AvailableTransition[];
  pending: (TransitionRecord & { mayDecide: boolean; refusal: string | null }) | null;
  deadlines: Array<{ name: string; date: string; basis: string[]; because?: string[] }>;
  reasonsShown: boolean;
}

/** GET /api/cases/{id}/findings: everything the law engine finds on the case's facts on a date, and the law it rests on. */
export interface CaseFindingsView {
  caseId: string; stage: string; version: number; on: string; regime: string | null;
  assessmentErrors: Array<{ path: string; message: string }>;
  findings: Array<CaseFinding & { rule: { id: string; version: string } | null }>;
  deadlines: Array<{ name: string; date: string; basis: string[]; because?: string[] }>;
  law: { lawDigest: string; engineDigest: string; registryRevision: number | null };
  rules: Array<{ rule: string; version: string; basis: string[] }>;
  reasonsShown: boolean;
}

export interface TransitionResult { status: 'taken' | 'pending' | 'approved' | 'rejected'; case: CaseRecord; transition: TransitionRecord }

export interface CaseDeadlines {
  caseId: string;
  current: Array<{ name: string; dueOn: string; basis: string[]; party: 'authority' | 'person'; assessedOn: string; lawDigest: string; computedAt: string }>;
  ended: Array<{ name: string; dueOn: string; basis: string[]; party: 'authority' | 'person'; outcome: 'met' | 'missed' | 'lapsed'; endedOn: string; cause: string }>;
  tasks: Array<{ id: string; kind: string; deadline: string; dueOn: string; status: string; assignee: string | null; role: string | null }>;
}

export interface PersonRecord {
  id: string; recordType: string; erasedAt: string | null; version: number;
  data: {
    givenNames: string; familyName: string; nationality: string; birthDate?: string | null; sex?: 'M' | 'F' | 'X' | null;
    languages?: string[]; unaccompaniedMinor?: boolean | null; vulnerabilities?: string[]; specialNeeds?: string[];
    assessedAge?: { years: number; on: string; method: string } | null;
  } | null;
}
