/**
 * @module domain/cases/check-transition
 * Whether one transition of the procedure table may be taken on a case, on the date assessed: the
 * findings it names must have one of the outcomes that permit it, and its guards must hold. The
 * answer lists every refusal with its citations and reasons, so a refused step says why. Pure.
 */
import type { Finding, Outcome, Question } from '../../../law/finding.ts';
import type { CaseAssessment, CaseSubject } from './assess-case.ts';
import type { Case, CaseStage } from './case.ts';
import type { TransitionInput } from './effects.ts';
import { checkGuards } from './guards.ts';
import type { GuardName, Requirement, TransitionDef } from './procedure.ts';

/** Why a transition is refused. */
export interface Refusal {
  /**
   * `FINDING`: a finding's outcome does not permit it; `NOT_ASKED`: the engine did not ask that question
   * on these facts; `GUARD`: a condition of the case; `SUBJECT_REQUIRED`: name the country or agreement;
   * `NO_ASSESSMENT`: the facts could not be assessed.
   */
  code: 'FINDING' | 'NOT_ASKED' | 'GUARD' | 'SUBJECT_REQUIRED' | 'NO_ASSESSMENT';
  message: string;
  question?: Question;
  country?: string;
  agreement?: string;
  outcome?: Outcome;
  guard?: GuardName;
  basis: string[];
  because: string[];
}

export interface TransitionCheck {
  transition: string;
  label: string;
  to: CaseStage;
  subject?: { country?: string; agreement?: string };
  allowed: boolean;
  /** A supervisor other than the proposer must approve it. */
  fourEyes: boolean;
  /** The permission-table action the proposer needs. */
  action: TransitionDef['action'];
  /** The provisions the step rests on. */
  basis: readonly string[];
  /** The findings the transition consulted, as the engine gave them. */
  findings: Finding[];
  refusals: Refusal[];
}

export interface CheckTransitionOptions {
  def: TransitionDef;
  case: Pick<Case, 'stage' | 'kind' | 'facts'>;
  subject: CaseSubject;
  input: TransitionInput;
  assessed: CaseAssessment;
}

function findingFor(findings: readonly Finding[], requirement: Requirement, input: TransitionInput): Finding | undefined {
  return findings.find((f) => f.question === requirement.question
    && (requirement.per !== 'country' || f.country === input.country)
    && (requirement.per !== 'agreement' || f.agreement === input.agreement));
}

function subjectLabel(requirement: Requirement, input: TransitionInput): string {
  if (requirement.per === 'country') return ` for ${input.country}`;
  if (requirement.per === 'agreement') return ` under ${input.agreement}`;
  return '';
}

/** The refusal of one requirement, or null when its finding permits the transition. */
function checkRequirement(requirement: Requirement, findings: readonly Finding[], input: TransitionInput): { finding?: Finding; refusal?: Refusal } {
  const finding = findingFor(findings, requirement, input);
  const subject = { ...(requirement.per === 'country' ? { country: input.country } : {}), ...(requirement.per === 'agreement' ? { agreement: input.agreement } : {}) };
  if (!finding) {
    return {
      refusal: {
        code: 'NOT_ASKED', question: requirement.question, ...subject, basis: [],
        message: `the law engine did not ask ${requirement.question}${subjectLabel(requirement, input)} on these facts`, because: [],
      },
    };
  }
  if (requirement.allow.includes(finding.outcome)) return { finding };
  return {
    finding,
    refusal: {
      code: 'FINDING', question: finding.question, ...subject, outcome: finding.outcome, basis: finding.basis, because: finding.because,
      message: `${finding.question}${subjectLabel(requirement, input)} is ${finding.outcome}; the transition needs ${requirement.allow.join(' or ')}`,
    },
  };
}

/**
 * The law's and the case's answer on one transition.
 * @example checkTransition({ def: transitionById('examine-in-border-procedure')!, case: c, subject, input: {}, assessed })
 */
export function checkTransition({ def, case: c, subject, input, assessed }: CheckTransitionOptions): TransitionCheck {
  const refusals: Refusal[] = [];
  const findings: Finding[] = [];
  const missing = def.subject && !input[def.subject];
  if (missing) {
    refusals.push({ code: 'SUBJECT_REQUIRED', message: `name the ${def.subject} (${def.subject === 'country' ? 'ISO 3166-1 alpha-2' : 'the agreement\'s id'})`, basis: [], because: [] });
  }
  const all = assessed.assessment?.findings ?? [];
  // Every transition naming a finding needs an assessment, even where its requirement is limited to a regime.
  if (def.requires.length > 0 && !assessed.assessment) {
    refusals.push({
      code: 'NO_ASSESSMENT', message: 'the law engine could not assess the case on this date', basis: [],
      because: assessed.errors.map((e) => `${e.path}: ${e.message}`),
    });
  } else if (!missing) {
    const regime = assessed.assessment?.regime;
    for (const requirement of def.requires.filter((r) => !r.regimes || (regime !== undefined && r.regimes.includes(regime)))) {
      const { finding, refusal } = checkRequirement(requirement, all, input);
      if (finding) findings.push(finding);
      if (refusal) refusals.push(refusal);
    }
  }
  for (const g of checkGuards({
    def, case: c, person: subject.person, age: assessed.age, family: subject.family, input, on: assessed.on,
    regime: assessed.assessment?.regime ?? null, findings: all, deadlines: assessed.assessment?.deadlines ?? [],
  })) {
    refusals.push({ code: 'GUARD', guard: g.guard, message: g.message, basis: g.basis, because: g.because });
  }
  const subjectOf = def.subject && input[def.subject] ? { subject: { [def.subject]: input[def.subject] } } : {};
  return {
    transition: def.id, label: def.label, to: def.to, ...subjectOf, allowed: refusals.length === 0, fourEyes: def.fourEyes,
    action: def.action, basis: def.basis, findings, refusals,
  };
}
