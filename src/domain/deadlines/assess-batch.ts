/**
 * @module domain/deadlines/assess-batch
 * The law engine's answer for a batch of open cases, as the deadline changes to write: each case
 * assessed exactly as a single case is (`assessCase`) and diffed with what it keeps. Pure: storage is
 * `recompute-deadlines.ts`'s.
 */
import { assessCase } from '../cases/assess-case.ts';
import type { CaseFacts } from '../cases/case-facts.ts';
import type { CaseKind, CaseStage } from '../cases/case.ts';
import type { CaseLaw } from '../cases/law-context.ts';
import type { FamilyMember } from '../persons/family.ts';
import type { PersonData } from '../persons/person.ts';
import { diffDeadlines, type CaseDeadline } from './deadline.ts';
import type { CaseDeadlineWrite } from './write-deadlines.ts';

/** An open case as the recomputation reads it. */
export interface OpenCaseRow {
  id: string;
  version: number;
  stage: string;
  kind: string;
  unit_id: string | null;
  person_id: string;
  facts: CaseFacts;
  /** The fields of the person the facts read; `null` once erased. */
  person: PersonData | null;
  deadlines: CaseDeadline[];
}

export interface CaseBatch {
  tenantId: string;
  /** The date the law is applied at. */
  on: string;
  rows: OpenCaseRow[];
  /** Family members by person id. */
  family: Map<string, FamilyMember[]>;
}

/** A case's change, with the version it was read at (a case changed meanwhile is not written). */
export type AssessedCase = CaseDeadlineWrite & { version: number };

export interface AssessedBatch {
  cases: AssessedCase[];
  /** Cases the engine could not assess: their deadlines stand. */
  unassessable: number;
}

/**
 * @example const { cases } = assessBatch({ tenantId: 'IT', on: '2026-11-21', rows, family }, law);
 */
export function assessBatch(batch: CaseBatch, law: CaseLaw): AssessedBatch {
  const { tenantId, on } = batch;
  let unassessable = 0;
  const cases = batch.rows.map((row): AssessedCase => {
    const subject = { person: row.person, family: batch.family.get(row.person_id) ?? [] };
    const assessed = assessCase({ case: { tenantId, facts: row.facts ?? {} }, subject, on, law });
    if (!assessed.assessment) unassessable += 1;
    const change = diffDeadlines({ previous: row.deadlines, computed: assessed.assessment?.deadlines ?? null, stage: row.stage as CaseStage, on, movedTo: null });
    return { caseId: row.id, version: row.version, unitId: row.unit_id, kind: row.kind as CaseKind, change, cause: 'law' };
  });
  return { cases, unassessable };
}
