/**
 * @module domain/transfers/execute-transfer
 * The last moment: a named person executes a confirmed transfer, with reasons, on the day it happens.
 * The law engine is asked again for every person, on that day, with the case's facts and the
 * registries as they are now. If any answer the movement rests on is not what it was when the
 * transfer was planned — a designation suspended, a court judgment in a new law package, a new risk
 * assessment on the case — or no longer permits it, or the case has moved on meanwhile, nothing is
 * written and the refusal lists each change with its citations (TRANSFER_BLOCKED).
 *
 * Otherwise, in one transaction: each case takes the purpose's transition (proposed by the planner,
 * approved by the confirmer: the four eyes the procedure asks for, with a decision record pinning the
 * law), each person's held place becomes a place taken from that day (days held before it are
 * released), any stay of theirs at another facility ends that day (a departure), and one audit event
 * records the execution with the law compared.
 */
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { applyTransition } from '../cases/apply-transition.ts';
import { loadCaseSubject } from '../cases/assess-case.ts';
import type { Case } from '../cases/case.ts';
import type { Refusal } from '../cases/check-transition.ts';
import type { CaseLaw } from '../cases/law-context.ts';
import { pinLawVersion } from '../cases/pin-law.ts';
import { insertTransition, lastEffectiveDate, pendingTransition } from '../cases/transition-record.ts';
import { DomainError, isDomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { changedAnswers, checkMovement, type FindingChange, type MovementCheck } from './check-movement.ts';
import { lockManifestCases } from './manifest-cases.ts';
import { lockPlaces, presentAt } from './places.ts';
import { authorizeOnCases, checkStatus, checkVersion, loadTransfer, type LawSeen, type Transfer, type TransferPerson } from './transfer.ts';

export interface ExecuteTransferOptions {
  tx: Tx;
  actor: Actor;
  transferId: string;
  expectedVersion: number;
  input: { reason: string; /** The day it happens; default today. */ on?: string };
  law: CaseLaw;
  requestId?: string | null;
  now?: Date;
}

/** Why one person's movement may not go ahead now. */
export interface PersonBlock {
  caseId: string;
  reference: string;
  /** Answers of the law engine that differ from the plan. */
  changes: FindingChange[];
  /** What the law or the case refuses now, with citations. */
  refusals: Refusal[];
  /** The case itself moved on: another stage, a proposal waiting, a later step on record. */
  procedure: string[];
}

interface Checked {
  person: TransferPerson;
  case: Case;
  movement: MovementCheck | null;
  block: PersonBlock;
}

function executionDate(transfer: Transfer, on: string | undefined, now: Date): string {
  const today = now.toISOString().slice(0, 10);
  const date = on ?? today;
  const invalid = (message: string) => new DomainError('VALIDATION_FAILED', message, [{ path: 'on', message }]);
  if (date > today) throw invalid(`${date} is in the future`);
  if (date < transfer.on) throw invalid(`${date} is before the transfer's date ${transfer.on}`);
  if (transfer.until && date > transfer.until) throw invalid(`${date} is after ${transfer.until}, the last day a place is held`);
  return date;
}

/** The last-moment check of one person: asked again on `on`, compared with the plan. */
async function recheck(tx: Tx, transfer: Transfer, person: TransferPerson, c: Case, on: string, law: CaseLaw, present: ReadonlySet<string>): Promise<Checked> {
  const block: PersonBlock = { caseId: c.id, reference: c.reference, changes: [], refusals: [], procedure: [] };
  const pending = await pendingTransition(tx, c.tenantId, c.id, false);
  if (pending) block.procedure.push(`${pending.transition}, proposed by ${pending.proposedBy}, awaits approval on case ${c.reference}`);
  const last = await lastEffectiveDate(tx, c.tenantId, c.id);
  if (last && on < last) block.procedure.push(`case ${c.reference} has a transition on ${last}, after ${on}`);
  let movement: MovementCheck | null = null;
  try {
    movement = checkMovement({ case: c, subject: await loadCaseSubject(tx, c, on), purpose: transfer.purpose, input: person.input, on, law, present });
  } catch (error) {
    if (!isDomainError(error, 'INVALID_TRANSITION')) throw error;
    block.procedure.push(error.message);
  }
  if (movement) {
    block.changes = changedAnswers(person.findings, movement.findings);
    block.refusals = movement.refusals;
  }
  return { person, case: c, movement, block };
}

function blockedError(transfer: Transfer, on: string, blocks: PersonBlock[], law: { planned: LawSeen; now: LawSeen }): DomainError {
  const lines = blocks.map((b) => `${b.reference}: ${[...b.changes.map((x) => `${x.question}${x.country ? ` for ${x.country}` : ''}${x.agreement ? ` under ${x.agreement}` : ''} was ${x.planned}, is now ${x.now}`),
    ...b.refusals.map((r) => r.message), ...b.procedure].join('; ')}`);
  return new DomainError('TRANSFER_BLOCKED', `transfer ${transfer.reference} is not executed on ${on}: ${lines.join(' | ')}`, [], {
    transfer: transfer.id, reference: transfer.reference, on, persons: blocks,
    law: { ...law, lawPackageChanged: law.planned.lawDigest !== law.now.lawDigest || law.planned.engineDigest !== law.now.engineDigest, registriesChanged: law.planned.registryRevision !== law.now.registryRevision },
  });
}

/** Each case takes the purpose's transition, proposed by the planner and approved by the confirmer. */
async function moveCase(tx: Tx, actor: Actor, transfer: Transfer, checked: Checked, on: string, reason: string, law: CaseLaw, requestId: string | null, now: Date) {
  const { movement, case: c, person } = checked;
  if (!movement?.def || !movement.check || !movement.assessed) return null;
  const record = await insertTransition({
    tx, tenantId: c.tenantId, caseId: c.id, transition: movement.def.id, from: c.stage, to: movement.def.to, effectiveOn: on, input: person.input,
    status: 'pending', proposedBy: transfer.plannedBy, reason: transfer.reason, legalBasis: transfer.legalBasis, now,
  });
  await tx.updateTable('case_transitions').set({ status: 'approved', decided_by: transfer.confirmedBy, decided_at: now, decision_reason: transfer.confirmReason })
    .where('tenant_id', '=', c.tenantId).where('id', '=', record.id).execute();
  const applied = await applyTransition({
    tx, actor, current: c, def: movement.def, check: movement.check, assessed: movement.assessed, input: person.input, on, transitionId: record.id,
    proposedBy: transfer.plannedBy, approvedBy: transfer.confirmedBy, reason: transfer.reason, eventReason: reason, legalBasis: transfer.legalBasis, law, requestId, now,
  });
  return { transition: movement.def.id, decisionId: applied.decision.id };
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN (no `decide` on a case), INVALID_STATE (not confirmed),
 * VERSION_CONFLICT, VALIDATION_FAILED (the date), TRANSFER_BLOCKED.
 * @example await executeTransfer({ tx, actor, transferId, expectedVersion: 2, input: { reason: 'boarded at 06:10' }, law });
 */
export async function executeTransfer({ tx, actor, transferId, expectedVersion, input, law, requestId = null, now = new Date() }: ExecuteTransferOptions): Promise<Transfer> {
  const transfer = await loadTransfer({ tx, actor, transferId, forUpdate: true });
  authorizeOnCases(actor, 'decide', transfer);
  checkStatus(transfer, ['confirmed'], 'executed');
  checkVersion(transfer, expectedVersion);
  const on = executionDate(transfer, input.on, now);
  const cases = await lockManifestCases(tx, actor, transfer.persons.map((p) => p.caseId), 'decide');
  const present = transfer.facility && transfer.purpose === 'placement' ? await presentAt(tx, actor.tenantId, transfer.facility.id, on) : new Set<string>();
  const checked: Checked[] = [];
  for (const person of transfer.persons) checked.push(await recheck(tx, transfer, person, cases.get(person.caseId)!, on, law, present));
  const seen = { planned: transfer.lawPlanned, now: pinLawVersion(law) };
  const blocks = checked.map((c) => c.block).filter((b) => b.changes.length + b.refusals.length + b.procedure.length > 0);
  if (blocks.length > 0) throw blockedError(transfer, on, blocks, seen);

  const caseIds = transfer.persons.map((p) => p.caseId);
  // Places first (their locks, in facility order), the cases' events after: the audit head is locked last.
  const stays = await tx.selectFrom('transfer_persons').select(['transfer_id', 'case_id', 'facility_id'])
    .where('tenant_id', '=', actor.tenantId).where('case_id', 'in', caseIds).where('transfer_id', '<>', transfer.id)
    .where('status', '=', 'moved').where('left_on', 'is', null).where('arrived_on', '<=', on).where('facility_id', 'is not', null).execute();
  await lockPlaces(tx, [...(transfer.facility ? [transfer.facility.id] : []), ...stays.map((s) => s.facility_id!)]);
  // Their stays elsewhere end today: a departure from each other facility (unless one was recorded meanwhile).
  const departed = [];
  for (const stay of stays) {
    const left = await tx.updateTable('transfer_persons').set({ left_on: on }).where('tenant_id', '=', actor.tenantId)
      .where('transfer_id', '=', stay.transfer_id).where('case_id', '=', stay.case_id).where('left_on', 'is', null).returning(['transfer_id', 'case_id']).execute();
    departed.push(...left);
  }
  // A place held turns into a place taken from today: a subset of the days held, so never over capacity.
  await tx.updateTable('transfer_persons').set({ status: 'moved', arrived_on: on })
    .where('tenant_id', '=', actor.tenantId).where('transfer_id', '=', transfer.id).execute();
  const moved = [];
  for (const c of checked) moved.push({ caseId: c.case.id, ...(await moveCase(tx, actor, transfer, c, on, input.reason, law, requestId, now)) });
  await tx.updateTable('transfers').set({
    status: 'executed', executed_by: actor.id, executed_at: now, executed_on: on, execute_reason: input.reason, law_executed: JSON.stringify(seen.now), version: transfer.version + 1,
  }).where('tenant_id', '=', actor.tenantId).where('id', '=', transfer.id).execute();
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'transfer.executed', entityType: 'transfer', entityId: transfer.id, reason: input.reason,
    legalBasis: [...new Set(checked.flatMap((c) => c.movement?.findings.flatMap((f) => f.basis) ?? []))], requestId, at: now,
    data: {
      version: transfer.version + 1, reference: transfer.reference, on, plannedBy: transfer.plannedBy, confirmedBy: transfer.confirmedBy, law: seen,
      cases: moved, departures: departed.map((d) => ({ transferId: d.transfer_id, caseId: d.case_id, on })),
    },
  });
  return loadTransfer({ tx, actor, transferId: transfer.id });
}
