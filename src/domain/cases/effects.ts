/**
 * @module domain/cases/effects
 * What each transition records in the case's facts, so that the next assessment reads it: the dates
 * of the application (the date it was made picks the regime: Directive 2013/32/EU before 12 June 2026,
 * Regulation (EU) 2024/1348 from that day), the decision in force, the appeal with the right to remain
 * the law gave it, the terms of a return decision, and how the procedure ended. Pure functions.
 */
import type { Finding } from '../../../law/finding.ts';
import type { CaseStage } from './case.ts';
import type { CaseFacts, DecisionKind } from './case-facts.ts';
import type { EffectName } from './procedure.ts';

/** What the transition was asked with. */
export interface TransitionInput {
  country?: string;
  agreement?: string;
  /** For a return decision: the period for voluntary departure (Directive 2008/115/EC Art. 7(1): 7 to 30 days; 0 under Art. 7(4)). */
  voluntaryDepartureDays?: number;
  /** For a return decision: the entry ban in years (Directive 2008/115/EC Art. 11(2): not above 5 as a rule). */
  entryBanYears?: number;
  /** Family members who move with the person (`guards.ts`, family-together). */
  movingWith?: string[];
  /** Removal of an unaccompanied minor: the authority is satisfied of the reception (Directive 2008/115/EC Art. 10(2)). */
  receptionAssured?: boolean;
}

export interface EffectContext {
  facts: CaseFacts;
  from: CaseStage;
  to: CaseStage;
  on: string;
  input: TransitionInput;
  /** The findings of the assessment on `on` (for the appeal's right to remain). */
  findings: readonly Finding[];
}

/** The rejection decided in each examination procedure (DOMAIN.md's `decision.kind`). */
const REJECTION: Partial<Record<CaseStage, DecisionKind>> = {
  accelerated: 'accelerated-rejection', 'border-procedure': 'border-rejection', examination: 'regular-rejection', 'offshore-procedure': 'border-rejection',
};

function decide(facts: CaseFacts, kind: DecisionKind, on: string, country?: string): CaseFacts {
  const { appeal: _appeal, ...rest } = facts;
  return { ...rest, decision: country ? { kind, on, country } : { kind, on } };
}

const EFFECTS: Record<EffectName, (c: EffectContext) => CaseFacts> = {
  none: (c) => c.facts,
  'application-made': (c) => ({ ...c.facts, application: { ...c.facts.application, madeOn: c.on } }),
  'application-registered': (c) => ({ ...c.facts, application: { ...c.facts.application, registeredOn: c.on } }),
  'application-lodged': (c) => ({ ...c.facts, application: { ...c.facts.application, lodgedOn: c.on } }),
  'inadmissible-stc': (c) => decide(c.facts, 'stc-inadmissibility', c.on, c.input.country),
  'inadmissible-fca': (c) => decide(c.facts, 'fca-inadmissibility', c.on, c.input.country),
  'inadmissible-subsequent': (c) => decide(c.facts, 'subsequent-inadmissibility', c.on),
  rejected: (c) => decide(c.facts, REJECTION[c.from] ?? 'regular-rejection', c.on),
  'appeal-lodged': (c) => ({
    ...c.facts,
    appeal: {
      lodgedOn: c.on, against: c.facts.decision?.kind ?? 'regular-rejection',
      suspensive: c.findings.find((f) => f.question === 'appeal-suspensive')?.outcome ?? 'not-asked',
    },
  }),
  'appeal-allowed': (c) => {
    const { appeal: _appeal, decision: _decision, ...rest } = c.facts;
    return rest;
  },
  'appeal-dismissed': (c) => {
    const { appeal: _appeal, ...rest } = c.facts;
    return rest;
  },
  'return-decision': (c) => ({
    ...decide(c.facts, 'return-decision', c.on),
    returnDecision: { on: c.on, voluntaryDepartureDays: c.input.voluntaryDepartureDays ?? null, entryBanYears: c.input.entryBanYears ?? null },
  }),
  outcome: (c) => ({
    ...c.facts,
    outcome: { stage: c.to, on: c.on, ...(c.input.country ? { country: c.input.country } : {}), ...(c.input.agreement ? { agreement: c.input.agreement } : {}) },
  }),
};

/** The case's facts after the transition's effect. */
export function applyEffect(name: EffectName, context: EffectContext): CaseFacts {
  return EFFECTS[name](context);
}
