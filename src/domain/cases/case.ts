/**
 * @module domain/cases/case
 * A case: one procedure (screening, asylum, return, resettlement, transfer) concerning one person,
 * owned by one tenant. It holds procedural facts only; the person's personal data sits in `persons`
 * and is read through `read-person.ts`, which logs every read. A person may have several cases.
 *
 * The stage is where the case stands in its procedure; it moves only by the transitions of
 * `procedure.ts`, each allowed by the law engine's findings on its date.
 */
import type { Selectable } from 'kysely';
import type { CaseRow } from '../../storage/schema.ts';
import type { CaseFacts } from './case-facts.ts';

export const CASE_KINDS = ['asylum', 'return', 'resettlement', 'transfer', 'screening'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/**
 * The stages, in procedural order. `registered` is the case as opened: an arrival, interception,
 * rescue or apprehension recorded (the journey in the case's facts). The older coarse stages
 * (`registered`, `screening`, `admissibility`, `examination`, `decided`, `appeal`, `closed`) keep
 * their meaning.
 */
export const CASE_STAGES = [
  'registered', 'screening',
  'application-made', 'application-registered', 'application-lodged',
  'admissibility', 'accelerated', 'border-procedure', 'examination', 'offshore-procedure',
  'decided', 'appeal',
  'protection-granted', 'return-decision',
  'voluntary-return', 'removed', 'transferred-return-hub', 'transferred-third-country', 'transferred-member-state', 'resettled',
  'closed',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export interface Case {
  id: string;
  tenantId: string;
  reference: string;
  personId: string;
  kind: CaseKind;
  stage: CaseStage;
  unitId: string | null;
  assignedTo: string | null;
  openedBy: string;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
  /** What the law engine reads of the case: dates, journey, decision, appeal, risk assessments. */
  facts: CaseFacts;
}

export function caseFromRow(row: Selectable<CaseRow>): Case {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    reference: row.reference,
    personId: row.person_id,
    kind: row.kind as CaseKind,
    stage: row.stage as CaseStage,
    unitId: row.unit_id,
    assignedTo: row.assigned_to,
    openedBy: row.opened_by,
    openedAt: new Date(row.opened_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    version: row.version,
    facts: (row.facts ?? {}) as CaseFacts,
  };
}

/** The scope facts of a case, for `authorize`. */
export function caseScope(c: Pick<Case, 'tenantId' | 'unitId' | 'assignedTo' | 'openedBy'>) {
  return { tenantId: c.tenantId, unitId: c.unitId, ownerIds: [c.assignedTo, c.openedBy] };
}
