/**
 * @module domain/cases/pin-law
 * The law a single finding was given under, for records that keep a finding rather than a whole
 * decision (a return counted under a 1:1 swap, a rescued person's assignment): the law package's and
 * engine's digests, the registries' revision, and the rule versions that answered the questions kept.
 */
import type { Question } from '../../../law/finding.ts';
import type { TraceNode } from '../../rules/engine/trace.ts';
import type { CaseLaw } from './law-context.ts';
import { firedRules, lawPackageVersion, type FiredRule } from './law-version.ts';
import type { PinnedLaw } from './record-decision.ts';

export interface PinnedFindingLaw extends PinnedLaw {
  /** The rule versions (and the rules they asked) that answered the questions kept. */
  rules: FiredRule[];
}

/**
 * @example pinLaw(law, assessment.trace, ['one-to-one-return'])
 */
export function pinLaw(law: CaseLaw, trace: readonly TraceNode[] | undefined, questions: readonly Question[]): PinnedFindingLaw {
  const roots = (trace ?? []).filter((node) => (questions as readonly string[]).includes(node.rule));
  return { ...lawPackageVersion(), registryRevision: law.registryRevision, rules: firedRules(roots) };
}
