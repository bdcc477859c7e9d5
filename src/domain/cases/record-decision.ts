/**
 * @module domain/cases/record-decision
 * The decision record of a transition applied: immutable (a trigger refuses every change but lawful
 * erasure), it pins the law — the law package's and engine's digests, the registries' revision, every
 * rule version that answered — and keeps the facts assessed, all findings, the deadlines and the
 * engine's full trace (STYLE.md principle 6: "a case decision persists its trace"). Its SHA-256 over
 * the canonical JSON of its content goes into the `case.transitioned` audit event, so the hash chain
 * vouches for the record too.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Deadline, Finding } from '../../../law/finding.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { CaseDecisionRow } from '../../storage/schema.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { CaseAssessment } from './assess-case.ts';
import type { CaseStage } from './case.ts';
import type { CaseLaw } from './law-context.ts';
import { firedRules, lawPackageVersion, type FiredRule, type LawPackageVersion } from './law-version.ts';

export interface PinnedLaw extends LawPackageVersion {
  /** Head of the registries' audit chain when their facts were read; null when the package's own defaults answered. */
  registryRevision: number | null;
}

export interface DecisionRecord {
  id: string;
  caseId: string;
  transitionId: string;
  transition: string;
  from: CaseStage;
  to: CaseStage;
  effectiveOn: string;
  assessedOn: string;
  /** `apd-2013` or `apr-2024`, or `none` when the facts could not be assessed. */
  regime: string;
  proposedBy: string;
  approvedBy: string | null;
  reason: string;
  law: PinnedLaw;
  rules: FiredRule[];
  findings: Finding[];
  deadlines: Deadline[];
  /** `null` once the person's data was erased. */
  facts: Record<string, unknown> | null;
  trace: unknown[] | null;
  contentHash: string;
  createdAt: string;
  erasedAt: string | null;
}

type Content = Omit<DecisionRecord, 'contentHash' | 'erasedAt'>;

/** SHA-256 of the record's content as canonical JSON (RFC 8785). */
export function hashDecision(content: Content): string {
  const { id, caseId, transitionId, transition, from, to, effectiveOn, assessedOn, regime, proposedBy, approvedBy, reason, law, rules, findings, deadlines, facts, trace, createdAt } = content;
  return createHash('sha256').update(canonicalJson({
    id, caseId, transitionId, transition, from, to, effectiveOn, assessedOn, regime, proposedBy, approvedBy, reason, law, rules, findings, deadlines, facts, trace, createdAt,
  })).digest('hex');
}

export interface NewDecisionOptions {
  caseId: string;
  transitionId: string;
  transition: string;
  from: CaseStage;
  to: CaseStage;
  effectiveOn: string;
  assessed: CaseAssessment;
  law: CaseLaw;
  proposedBy: string;
  approvedBy: string | null;
  reason: string;
  now: Date;
}

/** Plain JSON (no `undefined`, no prototypes), as it will read back from `jsonb`. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Builds the record (not yet stored), with its hash. */
export function newDecision(o: NewDecisionOptions): DecisionRecord {
  const assessment = o.assessed.assessment;
  const trace = plain(assessment?.trace ?? []);
  const content: Content = {
    id: randomUUID(), caseId: o.caseId, transitionId: o.transitionId, transition: o.transition, from: o.from, to: o.to,
    effectiveOn: o.effectiveOn, assessedOn: o.assessed.on, regime: assessment?.regime ?? 'none',
    proposedBy: o.proposedBy, approvedBy: o.approvedBy, reason: o.reason,
    law: { ...lawPackageVersion(), registryRevision: o.law.registryRevision },
    rules: firedRules(assessment?.trace ?? []),
    findings: plain(assessment?.findings ?? []), deadlines: plain(assessment?.deadlines ?? []),
    facts: plain(o.assessed.facts ?? { errors: o.assessed.errors }), trace, createdAt: o.now.toISOString(),
  };
  return { ...content, contentHash: hashDecision(content), erasedAt: null };
}

export async function insertDecision(tx: Tx, tenantId: string, d: DecisionRecord): Promise<void> {
  await tx.insertInto('case_decisions').values({
    tenant_id: tenantId, id: d.id, case_id: d.caseId, transition_id: d.transitionId, transition: d.transition, from_stage: d.from, to_stage: d.to,
    effective_on: d.effectiveOn, assessed_on: d.assessedOn, regime: d.regime, proposed_by: d.proposedBy, approved_by: d.approvedBy, reason: d.reason,
    law: JSON.stringify(d.law), rules: JSON.stringify(d.rules), findings: JSON.stringify(d.findings), deadlines: JSON.stringify(d.deadlines),
    facts: JSON.stringify(d.facts), trace: JSON.stringify(d.trace), content_hash: d.contentHash, created_at: new Date(d.createdAt),
  }).execute();
}

export function decisionFromRow(row: Selectable<CaseDecisionRow>): DecisionRecord {
  return {
    id: row.id, caseId: row.case_id, transitionId: row.transition_id, transition: row.transition, from: row.from_stage as CaseStage,
    to: row.to_stage as CaseStage, effectiveOn: row.effective_on, assessedOn: row.assessed_on, regime: row.regime,
    proposedBy: row.proposed_by, approvedBy: row.approved_by, reason: row.reason, law: row.law as unknown as PinnedLaw,
    rules: row.rules as FiredRule[], findings: row.findings as Finding[], deadlines: row.deadlines as Deadline[],
    facts: row.facts, trace: row.trace, contentHash: row.content_hash, createdAt: new Date(row.created_at).toISOString(),
    erasedAt: row.erased_at ? new Date(row.erased_at).toISOString() : null,
  };
}

/** Whether the stored record still hashes to its recorded hash; `null` once erased (the erased parts were in the hash). */
export function isIntact(d: DecisionRecord): boolean | null {
  if (d.erasedAt) return null;
  return hashDecision(d) === d.contentHash;
}
