/**
 * @module api/routes/cases/present
 * The JSON shape of a case, with the actions the caller may take on it: `allowed` from the permission
 * table (update, assign, read-person), and on a single case `actions`: each transition leaving its
 * stage and the approval waiting, with whether the law and the case permit it on the date, whether
 * this caller may, and why not — in codes, questions, outcomes and citations, without the reasons
 * that name facts about the person (those are in GET /api/cases/{id}/transitions).
 */
import { can } from '../../../domain/access/authorize.ts';
import type { Actor } from '../../../domain/access/roles.ts';
import { caseScope, type Case } from '../../../domain/cases/case.ts';
import type { CaseFindingsView } from '../../../domain/cases/get-case-findings.ts';
import type { TransitionsView } from '../../../domain/cases/list-transitions.ts';
import type { DecisionRecord } from '../../../domain/cases/record-decision.ts';
import { isIntact } from '../../../domain/cases/record-decision.ts';
import type { DuplicateCandidate } from '../../../domain/persons/find-duplicates.ts';

export interface CaseAction {
  kind: 'transition' | 'approve' | 'reject';
  transition: string;
  to?: string;
  subject?: Record<string, string>;
  possible: boolean;
  permitted: boolean;
  needsApproval?: boolean;
  refusedBy: Array<{ code: string; message: string; question?: string; outcome?: string; guard?: string; basis: string[] }>;
}

/** The caller's actions on the case now, from its transitions view. */
export function actionsOf(view: TransitionsView): CaseAction[] {
  const actions: CaseAction[] = view.available.map((a) => ({
    kind: 'transition', transition: a.transition, to: a.to, ...(a.subject ? { subject: a.subject as Record<string, string> } : {}),
    possible: a.allowed && view.pending === null, permitted: a.permitted, needsApproval: a.fourEyes,
    refusedBy: [
      ...(view.pending ? [{ code: 'PENDING', message: `${view.pending.transition} awaits approval`, basis: [] }] : []),
      ...(a.permitted ? [] : [{ code: 'FORBIDDEN', message: `your role may not ${a.action} on this case`, basis: [] }]),
      ...a.refusals.map(({ code, message, question, outcome, guard, basis }) => ({ code, message, ...(question ? { question } : {}), ...(outcome ? { outcome } : {}), ...(guard ? { guard } : {}), basis })),
    ],
  }));
  if (view.pending) {
    for (const kind of ['approve', 'reject'] as const) {
      actions.push({
        kind, transition: view.pending.transition, to: view.pending.to, possible: true, permitted: view.pending.mayDecide,
        refusedBy: view.pending.refusal ? [{ code: view.pending.refusal.includes('four eyes') ? 'FOUR_EYES' : 'FORBIDDEN', message: view.pending.refusal, basis: [] }] : [],
      });
    }
  }
  return actions;
}

export function presentCase(c: Case, actor: Actor, extra: { view?: TransitionsView; duplicates?: DuplicateCandidate[] } = {}) {
  const record = caseScope(c);
  const allowed = (['update', 'assign'] as const).filter((action) => can({ actor, action, resource: 'case', record }));
  if (can({ actor, action: 'read', resource: 'person', record })) allowed.push('read-person' as never);
  return {
    ...c, allowed: allowed as string[],
    ...(extra.view ? { actions: actionsOf(extra.view) } : {}),
    ...(extra.duplicates ? { duplicates: extra.duplicates } : {}),
  };
}

/** A decision record as shown: its integrity checked; facts and trace only for callers who may read the person. */
export function presentDecision(d: DecisionRecord, options: { personal: boolean; trace: boolean }) {
  const intact = isIntact(d);
  const { trace, facts, findings, ...rest } = d;
  return {
    ...rest, intact,
    findings: options.personal ? findings : findings.map((f) => ({ ...f, because: [] })),
    facts: options.personal ? facts : null,
    ...(options.trace && options.personal ? { trace } : {}),
  };
}

/** A case's findings on a date: the reasons (findings' and deadlines') only for callers who may read the person. */
export function presentCaseFindings(view: CaseFindingsView) {
  const { personal, findings, deadlines, ...rest } = view;
  return {
    ...rest, reasonsShown: personal,
    findings: personal ? findings : findings.map((f) => ({ ...f, because: [] })),
    deadlines: personal ? deadlines : deadlines.map(({ because: _because, ...d }) => d),
  };
}
