/**
 * @module domain/cases/case-facts
 * The procedural facts a case keeps for the law engine, in the words of ../shared/DOMAIN.md where it
 * has them: the journey (transits, stays, interception), the application's dates and features, the
 * decision, the appeal and any request to remain, the return decision's terms, individual
 * non-refoulement risk assessments, detention, and the outcome. Transitions write the dates and
 * decisions (`effects.ts`); caseworkers record the rest (`update-case.ts`).
 */
import type { Facts } from '../../../law/facts.ts';
import type { Outcome } from '../../../law/finding.ts';

export type DecisionKind = NonNullable<Facts['decision']>['kind'];
export type Journey = NonNullable<Facts['journey']>;
export type RiskAssessment = NonNullable<NonNullable<Facts['context']>['riskAssessments']>[number];

export interface CaseFacts {
  journey?: Journey;
  application?: NonNullable<Facts['application']>;
  /** The decision in force on the case (the last one taken); `country` for a safe-third-country or first-country-of-asylum ground. */
  decision?: { kind: DecisionKind; on: string; country?: string };
  appeal?: {
    lodgedOn: string;
    against: DecisionKind;
    /** The engine's `appeal-suspensive` outcome when the appeal was lodged. */
    suspensive: Outcome | 'not-asked';
    /** Where the appeal has no automatic suspensive effect: the applicant's request to remain (APR Art. 68(4)–(5)). */
    requestToRemain?: { madeOn: string; outcome: 'pending' | 'granted' | 'refused' };
  };
  /** Terms of the return decision (Directive 2008/115/EC Arts. 7 and 11). */
  returnDecision?: { on: string; voluntaryDepartureDays: number | null; entryBanYears: number | null };
  riskAssessments?: RiskAssessment[];
  detention?: NonNullable<Facts['detention']>;
  /** How the procedure ended: protection, departure, removal or transfer, and where to. */
  outcome?: { stage: string; on: string; country?: string; agreement?: string };
}

/** What a caseworker records directly; dates of the procedure and decisions come from transitions. */
export interface CaseFactsPatch {
  journey?: Journey | null;
  application?: Pick<NonNullable<Facts['application']>, 'atExternalBorder' | 'subsequent' | 'newElements' | 'claims' | 'relocationExtension'>;
  riskAssessments?: RiskAssessment[];
  detention?: NonNullable<Facts['detention']> | null;
  requestToRemain?: { madeOn: string; outcome: 'pending' | 'granted' | 'refused' } | null;
}

/**
 * The facts after a patch: `journey`, `riskAssessments`, `detention` replaced whole (`null` removes),
 * `application` fields merged into the recorded application, the request to remain set on the appeal.
 * Returns the paths that changed.
 */
export function patchFacts(current: CaseFacts, patch: CaseFactsPatch): { facts: CaseFacts; changed: string[] } {
  const next: CaseFacts = structuredClone(current);
  const changed: string[] = [];
  const set = <K extends keyof CaseFacts>(key: K, value: CaseFacts[K] | null | undefined) => {
    if (value === undefined) return;
    if (JSON.stringify(next[key] ?? null) === JSON.stringify(value)) return;
    if (value === null) delete next[key]; else next[key] = value;
    changed.push(key);
  };
  set('journey', patch.journey);
  set('riskAssessments', patch.riskAssessments);
  set('detention', patch.detention);
  if (patch.application) {
    for (const [field, value] of Object.entries(patch.application)) {
      if (value === undefined || JSON.stringify((next.application as Record<string, unknown> | undefined)?.[field]) === JSON.stringify(value)) continue;
      next.application = { ...next.application, [field]: value };
      changed.push(`application.${field}`);
    }
  }
  if (patch.requestToRemain !== undefined && next.appeal) {
    if (JSON.stringify(next.appeal.requestToRemain ?? null) !== JSON.stringify(patch.requestToRemain)) {
      if (patch.requestToRemain === null) delete next.appeal.requestToRemain; else next.appeal.requestToRemain = patch.requestToRemain;
      changed.push('appeal.requestToRemain');
    }
  }
  return { facts: next, changed };
}
