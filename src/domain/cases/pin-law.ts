/**
 * @module domain/cases/pin-law
 * The law a single finding was given under, for records that keep a finding rather than a whole
 * decision (a return counted under a 1:1 swap, a rescued person's assignment): the law package's and
 * engine's digests, the registries' revision, and the rule versions that answered the questions kept;
 * and, for records that keep no finding's rules (a transfer's plan and execution), the law version
 * alone. The one way a record pins the law it was decided under, besides a decision record
 * (`record-decision.ts`).
 */
import type { Question } from '../../../law/finding.ts';
import type { TraceNode } from '../../rules/engine/trace.ts';
import type { CaseLaw } from './law-context.ts';
import { firedRules, lawPackageVersion, type FiredRule } from './law-version.ts';
import type { PinnedLaw } from './record-decision.ts';

/** The law version a record saw: the law package's and engine's digests and the registries' revision. */
export interface PinnedLawVersion {
  lawDigest: string;
  engineDigest: string;
  /** Head of the registries' audit chain when their facts were read; null when the package's own defaults answered. */
  registryRevision: number | null;
}

/**
 * The law version an assessment with `law` runs under: this process's law package and engine, and the
 * registries' revision.
 * @example pinLawVersion(law) // { lawDigest: 'sha256:…', engineDigest: 'sha256:…', registryRevision: 42 }
 */
export function pinLawVersion(law: CaseLaw): PinnedLawVersion {
  const { lawDigest, engineDigest } = lawPackageVersion();
  return { lawDigest, engineDigest, registryRevision: law.registryRevision };
}

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
