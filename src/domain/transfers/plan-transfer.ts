/**
 * @module domain/transfers/plan-transfer
 * A named person plans a transfer, with reasons: the destination is resolved from the registries, the
 * law engine is asked for every person on the transfer's date — the hard gate: the movement must be
 * permitted (for a movement to a country, a `yes` behind the non-refoulement gate), and a family that
 * must stay together is on the manifest together — and each person takes a place at the facility for
 * the range, which the database refuses when the facility is full on any day. The findings each
 * movement rests on, their digest and the law's version are stored for the last-moment check.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { authorize } from '../access/authorize.ts';
import { appendEvent } from '../audit/append-event.ts';
import { loadCaseSubject } from '../cases/assess-case.ts';
import type { Refusal } from '../cases/check-transition.ts';
import type { TransitionInput } from '../cases/effects.ts';
import type { CaseLaw } from '../cases/law-context.ts';
import { pinLawVersion } from '../cases/pin-law.ts';
import { lastEffectiveDate } from '../cases/transition-record.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { checkMovement, findingsDigest, type MovementCheck } from './check-movement.ts';
import { resolveDestination, type DestinationRequest } from './destination.ts';
import { lockManifestCases } from './manifest-cases.ts';
import { presentAt, withCapacity } from './places.ts';
import { loadTransfer, type Transfer } from './transfer.ts';

/** The most persons on one manifest: a coach or a charter flight's worth. */
export const MAX_PERSONS = 200;

export interface PlanTransferInput extends DestinationRequest {
  /** The cases of the persons moved; `receptionAssured` for an unaccompanied minor's removal (Directive 2008/115/EC Art. 10(2)). */
  cases: Array<{ caseId: string; receptionAssured?: boolean }>;
  reason: string;
  legalBasis?: string[];
}

export interface PlanTransferOptions {
  tx: Tx;
  actor: Actor;
  input: PlanTransferInput;
  law: CaseLaw;
  requestId?: string | null;
  now?: Date;
}

function checkManifest(cases: PlanTransferInput['cases']): string[] {
  if (cases.length === 0 || cases.length > MAX_PERSONS) {
    throw new DomainError('VALIDATION_FAILED', `a transfer moves 1 to ${MAX_PERSONS} persons`, [{ path: 'cases', message: `1 to ${MAX_PERSONS} cases` }]);
  }
  const seen = new Set<string>();
  cases.forEach(({ caseId }, i) => {
    const path = `cases.${i}.caseId`;
    if (!isUuid(caseId)) throw new DomainError('VALIDATION_FAILED', `${caseId} is not a case id`, [{ path, message: 'not a uuid' }]);
    if (seen.has(caseId.toLowerCase())) throw new DomainError('VALIDATION_FAILED', `case ${caseId} is on the manifest twice`, [{ path, message: 'listed twice' }]);
    seen.add(caseId.toLowerCase());
  });
  return [...seen];
}

/** Refuses a case already held on another planned or confirmed transfer. */
async function refuseHeld(tx: Tx, tenantId: string, caseIds: string[]): Promise<void> {
  const held = await tx.selectFrom('transfer_persons').innerJoin('transfers', (j) => j.onRef('transfers.tenant_id', '=', 'transfer_persons.tenant_id').onRef('transfers.id', '=', 'transfer_persons.transfer_id'))
    .select(['transfer_persons.case_id', 'transfers.reference', 'transfers.status'])
    .where('transfer_persons.tenant_id', '=', tenantId).where('transfer_persons.case_id', 'in', caseIds).where('transfer_persons.status', '=', 'held').execute();
  if (held.length > 0) {
    throw new DomainError('INVALID_STATE', held.map((h) => `case ${h.case_id} is on transfer ${h.reference} (${h.status}): cancel it first`).join('; '), [], { held });
  }
}

/** The refusal of a plan: every person whose movement the law or the case refuses, with each citation. */
function refusedError(checks: Array<{ caseId: string; reference: string; movement: MovementCheck }>, on: string): DomainError {
  const refused = checks.filter((c) => c.movement.refusals.length > 0);
  const persons = refused.map(({ caseId, reference, movement }) => ({ caseId, reference, findings: movement.findings, refusals: movement.refusals }));
  const summary = refused.map(({ reference, movement }) => `${reference}: ${movement.refusals.map((r) => r.message).join('; ')}`).join(' | ');
  return new DomainError('TRANSITION_REFUSED', `the transfer is not permitted on ${on}: ${summary}`, [], {
    on, persons, refusals: refused.flatMap(({ caseId, movement }) => movement.refusals.map((r): Refusal & { caseId: string } => ({ caseId, ...r }))),
  });
}

async function nextReference(tx: Tx, tenantId: string, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const { rows } = await sql<{ value: string }>`
    insert into counters (tenant_id, name, value) values (${tenantId}, ${`transfer-${year}`}, 1)
    on conflict (tenant_id, name) do update set value = counters.value + 1 returning value`.execute(tx);
  return `${tenantId}-T${year}-${String(Number(rows[0]!.value)).padStart(6, '0')}`;
}

/**
 * @throws DomainError VALIDATION_FAILED, NOT_FOUND, FORBIDDEN (no `decide` on a case), INVALID_STATE (a
 * case already on a transfer), INVALID_TRANSITION, TRANSITION_REFUSED (the law or a family guard),
 * CAPACITY_EXCEEDED.
 * @example await planTransfer({ tx, actor, law, input: { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId }], reason: 'flight booked' } });
 */
export async function planTransfer({ tx, actor, input, law, requestId = null, now = new Date() }: PlanTransferOptions): Promise<Transfer> {
  // Moving persons is a decision on their cases: refused at once for a role that decides on none.
  authorize({ actor, action: 'decide', resource: 'case' });
  const caseIds = checkManifest(input.cases);
  const destination = await resolveDestination(tx, actor, input);
  const cases = await lockManifestCases(tx, actor, caseIds, 'decide');
  await refuseHeld(tx, actor.tenantId, caseIds);
  const on = input.on;
  const present = destination.facility && input.purpose === 'placement' ? await presentAt(tx, actor.tenantId, destination.facility.id, on) : new Set<string>();
  const personIds = caseIds.map((id) => cases.get(id)!.personId);
  const checks: Array<{ caseId: string; reference: string; personId: string; input: TransitionInput; movement: MovementCheck }> = [];
  for (const [i, caseId] of caseIds.entries()) {
    const c = cases.get(caseId)!;
    const last = await lastEffectiveDate(tx, actor.tenantId, caseId);
    if (last && on < last) throw new DomainError('VALIDATION_FAILED', `${on} is before ${last}, the date of case ${c.reference}'s last transition`, [{ path: 'on', message: `before ${last}` }]);
    const others = personIds.filter((p) => p !== c.personId);
    const requested = input.cases[i]!.receptionAssured;
    const movementInput: TransitionInput = { ...destination.subject, ...(others.length ? { movingWith: others } : {}), ...(requested !== undefined && input.purpose === 'removal' ? { receptionAssured: requested } : {}) };
    const movement = checkMovement({ case: c, subject: await loadCaseSubject(tx, c, on), purpose: input.purpose, input: movementInput, on, law, present });
    checks.push({ caseId, reference: c.reference, personId: c.personId, input: movementInput, movement });
  }
  if (checks.some((c) => c.movement.refusals.length > 0)) throw refusedError(checks, on);

  const id = randomUUID();
  const reference = await nextReference(tx, actor.tenantId, now);
  const seen = pinLawVersion(law);
  const facility = destination.facility;
  await tx.insertInto('transfers').values({
    tenant_id: actor.tenantId, id, reference, purpose: input.purpose, facility_id: facility?.id ?? null, country: destination.country,
    agreement: destination.agreement, transfer_on: on, until: facility ? input.until! : null, status: 'planned', planned_by: actor.id, planned_at: now,
    reason: input.reason, legal_basis: JSON.stringify(input.legalBasis ?? []), law_planned: JSON.stringify(seen), version: 1,
  }).execute();
  const rows = checks.map((c) => ({
    tenant_id: actor.tenantId, transfer_id: id, case_id: c.caseId, person_id: c.personId, facility_id: facility?.id ?? null,
    place_from: facility ? on : null, place_to: facility ? input.until! : null, status: 'held', input: JSON.stringify(c.input),
    findings: JSON.stringify(c.movement.findings), findings_digest: findingsDigest(c.movement.findings),
  }));
  const insert = () => tx.insertInto('transfer_persons').values(rows).execute();
  await (facility ? withCapacity(facility.data, insert) : insert());
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'transfer.planned', entityType: 'transfer', entityId: id, reason: input.reason,
    legalBasis: [...new Set([...checks.flatMap((c) => [...(c.movement.def?.basis ?? []), ...c.movement.findings.flatMap((f) => f.basis)]), ...(input.legalBasis ?? [])])],
    requestId, at: now,
    data: {
      version: 1, reference, purpose: input.purpose, facility: facility?.key ?? null, country: destination.country, agreement: destination.agreement,
      on, until: facility ? input.until : null, law: seen,
      cases: rows.map((r, i) => ({ caseId: r.case_id, findingsDigest: r.findings_digest, outcomes: checks[i]!.movement.findings.map((f) => `${f.question}${f.country ? `:${f.country}` : ''}${f.agreement ? `:${f.agreement}` : ''}=${f.outcome}`) })),
    },
  });
  return loadTransfer({ tx, actor, transferId: id });
}
