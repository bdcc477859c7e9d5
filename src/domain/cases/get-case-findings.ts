/**
 * @module domain/cases/get-case-findings
 * Everything the law engine says about a case on a date, not only what its next steps consult: every
 * finding (question, country or agreement, outcome, basis, `because`) with the version of the rule
 * that answered it, the statutory deadlines, the regime, and the law the answer rests on — the law
 * package's and engine's digests, the registries' revision and every rule version that answered
 * (`pin-law.ts`, `law-version.ts`) — so that what a person was shown can be told apart from what a
 * later law would say.
 *
 * The reasons (`because`) name facts about the person (nationality, age, vulnerabilities): the view
 * says whether the caller may read the person (`personal`), the read is logged when so, and the
 * presenter leaves the reasons out otherwise (as decision records are presented).
 */
import type { Deadline, Finding } from '../../../law/finding.ts';
import { can } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { logAccess } from '../persons/log-access.ts';
import { assessCase, loadCaseSubject } from './assess-case.ts';
import { caseScope, type Case } from './case.ts';
import { getCase } from './get-case.ts';
import type { CaseLaw } from './law-context.ts';
import { firedRules, type FiredRule } from './law-version.ts';
import { pinLawVersion, type PinnedLawVersion } from './pin-law.ts';

/** A finding with the rule version that answered its question on the date. */
export interface CaseFinding extends Finding {
  /** The question's rule and the version (its start date) in force; null when the trace has none. */
  rule: { id: string; version: string } | null;
}

export interface CaseFindingsView {
  caseId: string;
  stage: Case['stage'];
  version: number;
  on: string;
  /** `apd-2013` or `apr-2024`; null when the case could not be assessed. */
  regime: string | null;
  /** Why the law engine could not assess the case (field paths), when it could not. */
  assessmentErrors: Array<{ path: string; message: string }>;
  findings: CaseFinding[];
  deadlines: Deadline[];
  /** The law package, engine and registries the answer was given under. */
  law: PinnedLawVersion;
  /** Every rule version that answered (the questions' rules and the rules they asked), once each. */
  rules: FiredRule[];
  /** Whether the caller may read the person, and so the reasons (the read was logged). */
  personal: boolean;
}

export interface GetCaseFindingsOptions {
  tx: Tx;
  actor: Actor;
  caseId: string;
  /** Default today. */
  on?: string;
  law: CaseLaw;
  requestId?: string | null;
  now?: Date;
}

/**
 * @throws DomainError NOT_FOUND (also for other tenants' ids), FORBIDDEN (no `case.read` in scope).
 * @example const view = await getCaseFindings({ tx, actor, caseId, on: '2026-07-15', law: await loadCaseLaw(db) });
 */
export async function getCaseFindings({ tx, actor, caseId, on, law, requestId = null, now = new Date() }: GetCaseFindingsOptions): Promise<CaseFindingsView> {
  const c = await getCase({ tx, actor, caseId });
  const date = on ?? now.toISOString().slice(0, 10);
  const subject = await loadCaseSubject(tx, c, date);
  const assessed = assessCase({ case: c, subject, on: date, law, trace: true });
  const trace = assessed.assessment?.trace ?? [];
  // Each question is one rule, asked at its root of the trace; on one date one version of it is in force.
  const versions = new Map(trace.map((node) => [node.rule, node.version]));
  const findings = (assessed.assessment?.findings ?? []).map((f): CaseFinding => {
    const version = versions.get(f.question);
    return { ...f, rule: version === undefined ? null : { id: f.question, version } };
  });
  const personal = can({ actor, action: 'read', resource: 'person', record: caseScope(c) });
  if (personal) await logAccess({ tx, actor, personIds: [c.personId], purpose: 'the law\'s findings on the case, with their reasons', requestId });
  return {
    caseId: c.id, stage: c.stage, version: c.version, on: date, regime: assessed.assessment?.regime ?? null, assessmentErrors: assessed.errors,
    findings, deadlines: assessed.assessment?.deadlines ?? [], law: pinLawVersion(law), rules: firedRules(trace), personal,
  };
}
