/**
 * @module law/finding
 * The words an assessment answers in (../shared/DOMAIN.md): findings with an outcome, a basis that is
 * never empty, and `because` naming the facts and values that decided; deadlines with their basis.
 */
import type { Citation } from '../src/rules/engine/parameters.ts';
import { NON_REFOULEMENT } from './cite.ts';
import { riskAssessmentFor, type Situation } from './situation.ts';

export const QUESTIONS = ['sco-presumption', 'stc-inadmissibility', 'fca-inadmissibility', 'subsequent-inadmissibility',
  'accelerated-procedure', 'border-procedure-allowed', 'border-procedure-mandatory', 'appeal-suspensive', 'offshore-processing',
  'return-hub-transfer', 'one-to-one-return', 'removal', 'access-to-procedure'] as const;
export type Question = (typeof QUESTIONS)[number];

export type Outcome = 'yes' | 'no' | 'review' | 'uncertain';

/** What a rule concludes, before it is labelled with its question and subject. */
export interface Conclusion {
  outcome: Outcome;
  basis: Citation[];
  because: string[];
}

export interface Finding {
  question: Question;
  country?: string;
  agreement?: string;
  outcome: Outcome;
  /** The titles of the provisions, each once. Frozen and shared by every finding on the same citations: copy it to change it. */
  basis: string[];
  because: string[];
}

export interface Deadline {
  name: string;
  date: string;
  basis: string[];
  because?: string[];
}

export function conclude(outcome: Outcome, basis: Citation[], ...because: string[]): Conclusion {
  return { outcome, basis, because };
}

/**
 * The non-refoulement gate (DOMAIN.md): a movement the law's conditions allow is `yes` only with an
 * individual risk assessment for that destination on record finding no real risk; a finding of real
 * risk bars it; with none on record the outcome is `review`.
 */
export function gate(s: Situation, destination: string, allowed: Conclusion): Conclusion {
  if (allowed.outcome !== 'yes') return allowed;
  const assessment = riskAssessmentFor(s, destination);
  const basis = allowed.basis.concat(NON_REFOULEMENT);
  if (!assessment) {
    return { outcome: 'review', basis, because: [...allowed.because, `no individual non-refoulement assessment for ${destination} is on record`] };
  }
  if (assessment.outcome === 'real-risk') {
    return { outcome: 'no', basis, because: [...allowed.because, `the individual assessment of ${assessment.on} found a real risk of refoulement or ill-treatment in ${destination}`] };
  }
  return { outcome: 'yes', basis, because: [...allowed.because, `the individual assessment of ${assessment.on} found no real risk in ${destination}`] };
}

/**
 * The other half of the gate: a real risk found by an individual assessment for the destination bars
 * the movement whatever else is still open (a condition under review, a pending case), because no
 * condition of the law can be met for a country where the person faces such a risk.
 */
export function barredByRealRisk(s: Situation, destination: string, c: Conclusion): Conclusion {
  if (c.outcome === 'no') return c;
  const assessment = riskAssessmentFor(s, destination);
  if (assessment?.outcome !== 'real-risk') return c;
  return { outcome: 'no', basis: c.basis.concat(NON_REFOULEMENT), because: [...c.because, `the individual assessment of ${assessment.on} found a real risk of refoulement or ill-treatment in ${destination}`] };
}
