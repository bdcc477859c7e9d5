/**
 * @module domain/transfers/cancel-transfer
 * A planned or confirmed transfer is cancelled, with reasons, by a person who may decide on every case
 * on it: the places held at the facility are released (the database's counts follow).
 */
import { appendEvent } from '../audit/append-event.ts';
import type { TransferChangeOptions } from './confirm-transfer.ts';
import { authorizeOnCases, checkStatus, checkVersion, loadTransfer, type Transfer } from './transfer.ts';

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN, INVALID_STATE (executed or cancelled already), VERSION_CONFLICT.
 * @example await cancelTransfer({ tx, actor, transferId, expectedVersion: 2, reason: 'flight cancelled by the carrier' });
 */
export async function cancelTransfer({ tx, actor, transferId, expectedVersion, reason, requestId = null, now = new Date() }: TransferChangeOptions): Promise<Transfer> {
  const transfer = await loadTransfer({ tx, actor, transferId, forUpdate: true });
  authorizeOnCases(actor, 'decide', transfer);
  checkStatus(transfer, ['planned', 'confirmed'], 'cancelled');
  checkVersion(transfer, expectedVersion);
  await tx.updateTable('transfer_persons').set({ status: 'released' })
    .where('tenant_id', '=', actor.tenantId).where('transfer_id', '=', transfer.id).where('status', '=', 'held').execute();
  await tx.updateTable('transfers').set({ status: 'cancelled', cancelled_by: actor.id, cancelled_at: now, cancel_reason: reason, version: transfer.version + 1 })
    .where('tenant_id', '=', actor.tenantId).where('id', '=', transfer.id).execute();
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'transfer.cancelled', entityType: 'transfer', entityId: transfer.id, reason, requestId, at: now,
    data: { version: transfer.version + 1, reference: transfer.reference, from: transfer.status, released: transfer.persons.map((p) => p.caseId) },
  });
  return loadTransfer({ tx, actor, transferId: transfer.id });
}
