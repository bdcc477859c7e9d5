/**
 * @module domain/cases/case
 * A case: one procedure (asylum, return, resettlement, transfer) concerning one person, owned by one
 * tenant. It holds procedural facts only; the person's personal data sits in `persons` and is read
 * through `read-person.ts`, which logs every read.
 */
import type { Selectable } from 'kysely';
import type { CaseRow } from '../../storage/schema.ts';

export const CASE_KINDS = ['asylum', 'return', 'resettlement', 'transfer'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STAGES = ['registered', 'screening', 'admissibility', 'examination', 'decided', 'appeal', 'closed'] as const;
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
  };
}

/** The scope facts of a case, for `authorize`. */
export function caseScope(c: Pick<Case, 'tenantId' | 'unitId' | 'assignedTo' | 'openedBy'>) {
  return { tenantId: c.tenantId, unitId: c.unitId, ownerIds: [c.assignedTo, c.openedBy] };
}
