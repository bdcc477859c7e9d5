/**
 * @module domain/transfers/confirm-transfer
 * Four eyes on a transfer: a person holding `approve` on every case on it (a supervisor), who is not
 * its planner, confirms the plan with reasons. Only a confirmed transfer is executed.
 */
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizeOnCases, checkStatus, checkVersion, loadTransfer, type Transfer } from './transfer.ts';

export interface TransferChangeOptions {
  tx: Tx;
  actor: Actor;
  transferId: string;
  /** The transfer version the caller saw (If-Match). */
  expectedVersion: number;
  reason: string;
  requestId?: string | null;
  now?: Date;
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN, INVALID_STATE (not planned), FOUR_EYES (one's own plan), VERSION_CONFLICT.
 * @example await confirmTransfer({ tx, actor: supervisor, transferId, expectedVersion: 1, reason: 'escort and flight confirmed' });
 */
export async function confirmTransfer({ tx, actor, transferId, expectedVersion, reason, requestId = null, now = new Date() }: TransferChangeOptions): Promise<Transfer> {
  const transfer = await loadTransfer({ tx, actor, transferId, forUpdate: true });
  authorizeOnCases(actor, 'approve', transfer);
  checkStatus(transfer, ['planned'], 'confirmed');
  if (transfer.plannedBy === actor.id) {
    throw new DomainError('FOUR_EYES', `${actor.id} planned transfer ${transfer.reference}: another supervisor must confirm it`);
  }
  checkVersion(transfer, expectedVersion);
  await tx.updateTable('transfers').set({ status: 'confirmed', confirmed_by: actor.id, confirmed_at: now, confirm_reason: reason, version: transfer.version + 1 })
    .where('tenant_id', '=', actor.tenantId).where('id', '=', transfer.id).execute();
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'transfer.confirmed', entityType: 'transfer', entityId: transfer.id, reason, requestId, at: now,
    data: { version: transfer.version + 1, reference: transfer.reference, plannedBy: transfer.plannedBy },
  });
  return loadTransfer({ tx, actor, transferId: transfer.id });
}
