/**
 * @module domain/transfers/record-departure
 * Persons brought to a facility by an executed transfer leave it — released, taken elsewhere without
 * a transfer here, or gone — on a day: from that day they no longer count at the facility, so its
 * occupancy falls and the place is free again. Recorded with reasons by a person who may update their
 * cases — all the cases on the transfer, as every action on it. (Executing another transfer of the
 * person records the departure by itself.)
 */
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { TransferChangeOptions } from './confirm-transfer.ts';
import { authorizeOnCases, checkStatus, checkVersion, loadTransfer, type Transfer } from './transfer.ts';

export interface RecordDepartureOptions extends TransferChangeOptions {
  /** The day they left (no longer counted from that day). */
  on: string;
  /** The cases of the persons who left; all those still present when omitted. */
  caseIds?: string[];
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN (no `update` on a case), INVALID_STATE (not executed, or no
 * facility), VERSION_CONFLICT, VALIDATION_FAILED (a person not present, a date outside the stay).
 * @example await recordDeparture({ tx, actor, transferId, expectedVersion: 3, on: '2026-09-01', reason: 'released by the court' });
 */
export async function recordDeparture({ tx, actor, transferId, expectedVersion, on, caseIds, reason, requestId = null, now = new Date() }: RecordDepartureOptions): Promise<Transfer> {
  const transfer = await loadTransfer({ tx, actor, transferId, forUpdate: true });
  authorizeOnCases(actor, 'update', transfer);
  checkStatus(transfer, ['executed'], 'left');
  if (!transfer.facility) throw new DomainError('INVALID_STATE', `transfer ${transfer.reference} took nobody to a facility`);
  const present = transfer.persons.filter((p) => p.status === 'moved' && p.leftOn === null);
  const leaving = caseIds ? caseIds.map((id, i) => {
    const found = present.find((p) => p.caseId === id.toLowerCase());
    if (!found) throw new DomainError('VALIDATION_FAILED', `case ${id} has no person present at the facility under transfer ${transfer.reference}`, [{ path: `caseIds.${i}`, message: 'not present' }]);
    return found;
  }) : present;
  if (leaving.length === 0) throw new DomainError('INVALID_STATE', `nobody of transfer ${transfer.reference} is still present at the facility`);
  checkVersion(transfer, expectedVersion);
  const today = now.toISOString().slice(0, 10);
  for (const p of leaving) {
    if (on < p.arrivedOn! || on > today) {
      throw new DomainError('VALIDATION_FAILED', `${on} is not between the arrival (${p.arrivedOn}) and today (${today})`, [{ path: 'on', message: 'outside the stay' }]);
    }
  }
  await tx.updateTable('transfer_persons').set({ left_on: on })
    .where('tenant_id', '=', actor.tenantId).where('transfer_id', '=', transfer.id).where('case_id', 'in', leaving.map((p) => p.caseId)).execute();
  await tx.updateTable('transfers').set({ version: transfer.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', transfer.id).execute();
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'transfer.departed', entityType: 'transfer', entityId: transfer.id, reason, requestId, at: now,
    data: { version: transfer.version + 1, reference: transfer.reference, on, cases: leaving.map((p) => p.caseId) },
  });
  return loadTransfer({ tx, actor, transferId: transfer.id });
}
