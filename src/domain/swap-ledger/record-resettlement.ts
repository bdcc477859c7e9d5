/**
 * @module domain/swap-ledger/record-resettlement
 * Records a resettlement under a 1:1 swap mechanism against an open entitlement: the case is a
 * resettlement case whose person arrived (`resettled`) in the recording Member State, on a day the
 * mechanism operated, on or after the return that opened the entitlement. Any Member State may
 * resettle; the entitlement is the one named, or else the oldest open one (first in, first out). A
 * person is resettled under a mechanism once.
 *
 * The law engine has no question on resettlement (eligibility is the resettling state's procedure,
 * Regulation (EU) 2024/1350): what this checks is the ledger's arithmetic, under the counter's lock.
 */
import { randomUUID } from 'node:crypto';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { caseScope, type Case } from '../cases/case.ts';
import { getCase } from '../cases/get-case.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { mechanismOperates, type Mechanism } from '../mechanisms/mechanism.ts';
import { asRegistryWriter } from '../registries/chain.ts';
import { MEMBER_STATE_CODES } from '../tenants/tenants.ts';
import type { Tx } from '../../storage/transaction.ts';
import { counterAfter, entitlementFromRow, insertEntry, LEDGER_TENANT, lockCounter, personRef, swapMechanism, type LedgerEntry } from './ledger.ts';
import type { RecordedLeg, RecordLegInput } from './record-return.ts';

export interface RecordResettlementInput extends RecordLegInput {
  /** The entitlement to use; the oldest open one when omitted. */
  entitlementId?: string;
}

export interface RecordResettlementOptions {
  tx: Tx;
  actor: Actor;
  mechanism: string;
  input: RecordResettlementInput;
  requestId?: string | null;
  now?: Date;
}

/** The arrival the case records: a resettlement case of a Member State, on a day the mechanism operated. */
function resettlementOf(c: Case, m: Mechanism): string {
  if (!MEMBER_STATE_CODES.has(c.tenantId)) throw new DomainError('INVALID_STATE', `${c.tenantId} is not a Member State: persons are resettled to Member States`);
  const outcome = c.facts.outcome;
  if (c.kind !== 'resettlement' || outcome?.stage !== 'resettled') {
    throw new DomainError('INVALID_STATE', `case ${c.reference} records no resettlement (a resettlement case whose person arrived): it is a ${c.kind} case at stage ${c.stage}`);
  }
  if (!mechanismOperates(m, outcome.on)) {
    throw new DomainError('INVALID_STATE', `${m.code} did not operate on ${outcome.on}, the day case ${c.reference} records the arrival`);
  }
  return outcome.on;
}

/** The entitlement to use: the one named if it is open and not younger than the resettlement, else the oldest open one. */
async function pickEntitlement(tx: Tx, m: Mechanism, on: string, id: string | undefined) {
  let query = tx.selectFrom('swap_ledger_entitlements').selectAll().where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', m.code);
  if (id !== undefined) {
    const named = isUuid(id) ? await query.where('id', '=', id).executeTakeFirst() : undefined;
    if (!named) throw new DomainError('NOT_FOUND', `no entitlement ${id} under ${m.code}`);
    if (named.resettled_on !== null) {
      throw new DomainError('LEDGER_NO_OPEN_ENTITLEMENT', `entitlement ${id} was used on ${named.resettled_on} by ${named.resettling_state}`, [], { mechanism: m.code, entitlement: id });
    }
    if (named.returned_on > on) {
      throw new DomainError('LEDGER_NO_OPEN_ENTITLEMENT', `entitlement ${id} was opened by a return on ${named.returned_on}, after the resettlement on ${on}`, [], { mechanism: m.code, entitlement: id });
    }
    return named;
  }
  query = query.where('resettled_on', 'is', null).where('returned_on', '<=', on);
  const oldest = await query.orderBy('returned_on').orderBy('recorded_at').orderBy('id').limit(1).executeTakeFirst();
  if (!oldest) {
    throw new DomainError('LEDGER_NO_OPEN_ENTITLEMENT', `no return counted under ${m.code} on or before ${on} has an unused entitlement: resettlements never outnumber returns`, [], { mechanism: m.code, on });
  }
  return oldest;
}

/**
 * @throws DomainError NOT_FOUND (case, mechanism, entitlement), FORBIDDEN, INVALID_STATE,
 * LEDGER_ALREADY_COUNTED, LEDGER_NO_OPEN_ENTITLEMENT.
 * @example await recordResettlement({ tx, actor, mechanism: 'eu-tr-statement', input: { caseId, reason: 'arrived at Hanover' } });
 */
export async function recordResettlement({ tx, actor, mechanism, input, requestId = null, now = new Date() }: RecordResettlementOptions): Promise<RecordedLeg> {
  const c = await getCase({ tx, actor, caseId: input.caseId });
  authorize({ actor, action: 'create', resource: 'swap-ledger', record: caseScope(c) });
  const m = await swapMechanism(tx, mechanism);
  const on = resettlementOf(c, m);
  const entryId = randomUUID();
  const ref = personRef(m.code, c.personId);
  // The mechanism's own instruments, as the registry cites them, are what the resettlement rests on.
  const basis = [...new Set([...m.sources.map((source) => source.title), ...(input.legalBasis ?? [])])];

  const { entitlement, counter } = await asRegistryWriter(tx, actor, async () => {
    await lockCounter(tx, m.code, now);
    const counted = await tx.selectFrom('swap_ledger_entitlements').select(['id', 'resettled_on', 'resettling_state'])
      .where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', m.code).where('resettlement_ref', '=', ref).executeTakeFirst();
    if (counted) {
      throw new DomainError('LEDGER_ALREADY_COUNTED', `person ${c.personId} was already counted as resettled under ${m.code} (on ${counted.resettled_on}, recorded by ${counted.resettling_state}): a person counts once`,
        [], { mechanism: m.code, leg: 'resettlement', entitlement: counted.id });
    }
    const open = await pickEntitlement(tx, m, on, input.entitlementId);
    const row = await tx.updateTable('swap_ledger_entitlements')
      .set({ resettlement_ref: ref, resettling_state: c.tenantId, resettlement_entry: entryId, resettled_on: on, resettled_at: now })
      .where('tenant_id', '=', LEDGER_TENANT).where('id', '=', open.id).where('resettled_on', 'is', null).returningAll().executeTakeFirstOrThrow();
    const after = await counterAfter(tx, m.code);
    await appendEvent({
      tx, tenantId: LEDGER_TENANT, actorId: actor.id, action: 'swap-ledger.resettlement-counted', entityType: 'swap-ledger', entityId: m.code,
      reason: input.reason, legalBasis: basis, requestId, at: now,
      data: { entitlementId: row.id, resettlingState: c.tenantId, resettledOn: on, returnedOn: row.returned_on, returns: after.returns, resettlements: after.resettlements, cap: after.cap, actorTenant: actor.tenantId },
    });
    return { entitlement: entitlementFromRow(row), counter: after };
  });

  const entry: LedgerEntry = {
    id: entryId, tenantId: c.tenantId, mechanism: m.code, leg: 'resettlement', entitlementId: entitlement.id, caseId: c.id, personId: c.personId, on,
    finding: null, law: null, reason: input.reason, recordedBy: actor.id, recordedAt: now.toISOString(),
  };
  await insertEntry(tx, entry);
  await appendEvent({
    tx, tenantId: c.tenantId, actorId: actor.id, action: 'swap-ledger.resettlement-recorded', entityType: 'case', entityId: c.id,
    reason: input.reason, legalBasis: basis, requestId, at: now,
    data: { mechanism: m.code, entryId, entitlementId: entitlement.id, personId: c.personId, resettledOn: on, returnedOn: entitlement.returnedOn },
  });
  return { entry, entitlement, counter };
}
