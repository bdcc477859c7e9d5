/**
 * @module domain/cases/list-transitions
 * Where a case may go now: every transition leaving its stage, each with the law engine's answer on
 * the date (allowed, or refused with the findings, citations and reasons), whether it needs a
 * supervisor's approval, and whether this caller may take or propose it; the proposal waiting for
 * approval, if any; the statutory deadlines. Transitions about a country or an agreement are listed
 * once per country or agreement the engine asked about.
 *
 * The reasons (`because`) name facts about the person (nationality, age, vulnerabilities): they are
 * shown only to callers who may read the person, and showing them is logged as a read.
 */
import type { Deadline } from '../../../law/finding.ts';
import { can } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { logAccess } from '../persons/log-access.ts';
import { assessCase, loadCaseSubject, type CaseAssessment } from './assess-case.ts';
import { caseScope, type Case } from './case.ts';
import { checkTransition, type TransitionCheck } from './check-transition.ts';
import type { TransitionInput } from './effects.ts';
import { getCase } from './get-case.ts';
import type { CaseLaw } from './law-context.ts';
import { transitionsFrom, type TransitionDef } from './procedure.ts';
import { pendingTransition, type TransitionRecord } from './transition-record.ts';

export interface AvailableTransition extends TransitionCheck {
  /** Whether the permission table lets this caller take (or propose) it on this case. */
  permitted: boolean;
}

export interface PendingView extends TransitionRecord {
  /** Whether this caller may approve or reject it: holds the grant and is not the proposer. */
  mayDecide: boolean;
  /** Why not, when not. */
  refusal: string | null;
}

export interface TransitionsView {
  caseId: string;
  stage: Case['stage'];
  version: number;
  on: string;
  regime: string | null;
  /** Why the law engine could not assess the case (field paths), when it could not. */
  assessmentErrors: Array<{ path: string; message: string }>;
  available: AvailableTransition[];
  pending: PendingView | null;
  deadlines: Deadline[];
  /** Whether `because` texts are included (the caller may read the person). */
  reasonsShown: boolean;
}

/** The subjects a transition is listed for: each country or agreement the engine asked its question about. */
function subjectsOf(def: TransitionDef, assessed: CaseAssessment): TransitionInput[] {
  if (!def.subject) return [{}];
  const requirement = def.requires.find((r) => r.per === def.subject);
  if (!requirement || !assessed.assessment) return [{}];
  const values = assessed.assessment.findings.filter((f) => f.question === requirement.question)
    .map((f) => (def.subject === 'country' ? f.country : f.agreement)).filter((v): v is string => v !== undefined);
  return values.length > 0 ? [...new Set(values)].map((v) => ({ [def.subject!]: v })) : [{}];
}

/** The view without the `because` texts (for callers who may not read the person). */
function withoutReasons(view: TransitionsView): TransitionsView {
  return {
    ...view, reasonsShown: false,
    available: view.available.map((a) => ({
      ...a, findings: a.findings.map((f) => ({ ...f, because: [] })), refusals: a.refusals.map((r) => ({ ...r, because: [] })),
    })),
    deadlines: view.deadlines.map(({ because: _b, ...d }) => d),
  };
}

function pendingView(actor: Actor, c: Case, pending: TransitionRecord | null): PendingView | null {
  if (!pending) return null;
  const granted = can({ actor, action: 'approve', resource: 'case', record: caseScope(c) });
  const refusal = !granted ? `${actor.id} may not approve transitions on this case` : pending.proposedBy === actor.id ? 'the proposer may not approve or reject (four eyes)' : null;
  return { ...pending, mayDecide: refusal === null, refusal };
}

export interface ListTransitionsOptions {
  tx: Tx;
  actor: Actor;
  caseId: string;
  /** Default today. */
  on?: string;
  law: CaseLaw;
  /** Include the reasons (logged as a read of the person) when the caller may read the person; default true. */
  reasons?: boolean;
  requestId?: string | null;
  now?: Date;
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN (no `case.read` in scope).
 * @example const view = await listTransitions({ tx, actor, caseId, law: await loadCaseLaw(db) });
 */
export async function listTransitions({ tx, actor, caseId, on, law, reasons = true, requestId = null, now = new Date() }: ListTransitionsOptions): Promise<TransitionsView> {
  const c = await getCase({ tx, actor, caseId });
  const date = on ?? now.toISOString().slice(0, 10);
  const subject = await loadCaseSubject(tx, c, date);
  const assessed = assessCase({ case: c, subject, on: date, law });
  const scope = caseScope(c);
  const available = transitionsFrom(c.stage, c.kind).flatMap((def) => subjectsOf(def, assessed).map((input) => ({
    ...checkTransition({ def, case: c, subject, input, assessed }),
    permitted: can({ actor, action: def.action, resource: 'case', record: scope }),
  })));
  const view: TransitionsView = {
    caseId: c.id, stage: c.stage, version: c.version, on: date, regime: assessed.assessment?.regime ?? null, assessmentErrors: assessed.errors,
    available, pending: pendingView(actor, c, await pendingTransition(tx, c.tenantId, c.id, false)), deadlines: assessed.assessment?.deadlines ?? [], reasonsShown: true,
  };
  if (!reasons || !can({ actor, action: 'read', resource: 'person', record: scope })) return withoutReasons(view);
  await logAccess({ tx, actor, personIds: [c.personId], purpose: 'the law\'s reasons on the case\'s transitions', requestId });
  return view;
}
