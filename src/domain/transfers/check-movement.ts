/**
 * @module domain/transfers/check-movement
 * The law's and the case's answer on moving one person of a transfer, on a date: for a purpose that
 * takes a procedure transition, that transition's check (`domain/cases/check-transition.ts`) — the
 * findings it rests on (removal, stc-inadmissibility, offshore-processing, return-hub-transfer, each
 * behind the engine's non-refoulement gate) and its guards, with the persons on the manifest as the
 * family moving along; for a placement, that the family is not split. Also how the findings of two
 * checks differ, which is what the last-moment check before execution looks at. Pure. (The law a
 * plan and an execution saw is pinned by `cases/pin-law.ts`, as every other record pins it.)
 */
import { createHash } from 'node:crypto';
import type { Finding, Outcome } from '../../../law/finding.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { CaseAssessment, CaseSubject } from '../cases/assess-case.ts';
import type { Case } from '../cases/case.ts';
import type { Refusal, TransitionCheck } from '../cases/check-transition.ts';
import type { TransitionInput } from '../cases/effects.ts';
import { familyLeftBehind } from '../cases/guards.ts';
import type { CaseLaw } from '../cases/law-context.ts';
import { TERMINAL_STAGES, type TransitionDef } from '../cases/procedure.ts';
import { evaluate, resolveTransition } from '../cases/take-transition.ts';
import { DomainError } from '../errors.ts';
import { ageOf } from '../persons/family.ts';
import { PURPOSE_TRANSITION, type TransferPurpose } from './transfer.ts';

export interface CheckMovementOptions {
  case: Case;
  subject: CaseSubject;
  purpose: TransferPurpose;
  /** The subject (country or agreement), the persons moving along, a minor's reception. */
  input: TransitionInput;
  on: string;
  law: CaseLaw;
  /** For a placement: persons already present at the facility on the date (the family may be there). */
  present?: ReadonlySet<string>;
}

export interface MovementCheck {
  /** The procedure's transition the movement takes; null for a placement. */
  def: TransitionDef | null;
  /** The findings the movement rests on, as the engine gave them. */
  findings: Finding[];
  refusals: Refusal[];
  /** The transition's check and the traced assessment (for its decision record); null for a placement. */
  check: TransitionCheck | null;
  assessed: CaseAssessment | null;
}

/**
 * @throws DomainError INVALID_TRANSITION when the purpose's transition does not leave the case's stage (a placement: a closed case).
 * @example checkMovement({ case: c, subject, purpose: 'removal', input: { country: 'BD' }, on: '2026-08-01', law })
 */
export function checkMovement({ case: c, subject, purpose, input, on, law, present = new Set() }: CheckMovementOptions): MovementCheck {
  const transition = PURPOSE_TRANSITION[purpose];
  if (transition) {
    const def = resolveTransition(c, transition);
    const { check, assessed } = evaluate(c, def, subject, input, on, law);
    return { def, findings: check.findings, refusals: check.refusals, check, assessed };
  }
  if (TERMINAL_STAGES.includes(c.stage)) throw new DomainError('INVALID_TRANSITION', `case ${c.reference} is ${c.stage}: nobody is placed under a closed case`);
  const moving = input.movingWith ?? [];
  const family = familyLeftBehind(ageOf(subject.person, on), subject.family, (m) => moving.includes(m.personId) || present.has(m.personId));
  const refusals: Refusal[] = family ? [{ code: 'GUARD', guard: family.guard, message: family.message, basis: family.basis, because: family.because }] : [];
  return { def: null, findings: [], refusals, check: null, assessed: null };
}

/** SHA-256 of the findings as canonical JSON (RFC 8785): what a planned movement rested on, to the letter. */
export function findingsDigest(findings: readonly Finding[]): string {
  return `sha256:${createHash('sha256').update(canonicalJson(findings)).digest('hex')}`;
}

/** An answer of the law engine that is not what it was when the transfer was planned. */
export interface FindingChange {
  question: Finding['question'];
  country?: string;
  agreement?: string;
  planned: Outcome | 'not-asked';
  now: Outcome | 'not-asked';
  /** The current finding's citations and reasons (the planned ones when it is no longer asked). */
  basis: string[];
  because: string[];
}

const keyOf = (f: Pick<Finding, 'question' | 'country' | 'agreement'>) => `${f.question}|${f.country ?? ''}|${f.agreement ?? ''}`;

/**
 * Each question whose outcome differs between the planned and the current findings, including one
 * asked on only one side.
 * @example changedAnswers(planned, now) // [{ question: 'removal', country: 'BD', planned: 'yes', now: 'no', … }]
 */
export function changedAnswers(planned: readonly Finding[], now: readonly Finding[]): FindingChange[] {
  const current = new Map(now.map((f) => [keyOf(f), f]));
  const before = new Map(planned.map((f) => [keyOf(f), f]));
  const changes: FindingChange[] = [];
  const subject = (f: Finding) => ({ ...(f.country ? { country: f.country } : {}), ...(f.agreement ? { agreement: f.agreement } : {}) });
  for (const p of planned) {
    const n = current.get(keyOf(p));
    if (n?.outcome === p.outcome) continue;
    changes.push({ question: p.question, ...subject(p), planned: p.outcome, now: n?.outcome ?? 'not-asked', basis: (n ?? p).basis, because: (n ?? p).because });
  }
  for (const n of now) {
    if (!before.has(keyOf(n))) changes.push({ question: n.question, ...subject(n), planned: 'not-asked', now: n.outcome, basis: n.basis, because: n.because });
  }
  return changes;
}
