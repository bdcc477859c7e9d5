/**
 * @module domain/swap-ledger/record-return
 * Counts a return under a 1:1 swap mechanism: the case's person was returned to the mechanism's
 * partner country (removed, departed voluntarily, or transferred to it as a safe third country), and
 * the law engine's `one-to-one-return` finding for that agreement, asked on the day of the return, is
 * `yes`. The count opens one resettlement entitlement in the shared ledger. The finding and the law it
 * was given under are kept with the recording tenant's entry.
 *
 * In one transaction: the mechanism's counter is locked (every tenant's writes to this ledger wait
 * there), the person's pseudonym is looked up (counted once per mechanism, whichever tenant asks) and
 * the cap checked; the entitlement is inserted (a trigger moves the counter, a check constraint keeps
 * it within the cap) with an event on the `EU` chain; then the entry and an event on the case, in
 * the recording tenant.
 */
import { randomUUID } from 'node:crypto';
import type { Finding } from '../../../law/finding.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { assessCase, loadCaseSubject, type CaseAssessment } from '../cases/assess-case.ts';
import { caseScope, type Case } from '../cases/case.ts';
import { getCase } from '../cases/get-case.ts';
import type { CaseLaw } from '../cases/law-context.ts';
import { pinLaw } from '../cases/pin-law.ts';
import { DomainError } from '../errors.ts';
import { mechanismOperates, type Mechanism } from '../mechanisms/mechanism.ts';
import { asRegistryWriter } from '../registries/chain.ts';
import type { Tx } from '../../storage/transaction.ts';
import {
  capOf, counterAfter, entitlementFromRow, insertEntry, LEDGER_TENANT, lockCounter, personRef, RETURN_STAGES, swapMechanism,
  type Entitlement, type LedgerCounter, type LedgerEntry,
} from './ledger.ts';

export interface RecordLegInput {
  caseId: string;
  reason: string;
  legalBasis?: string[];
}

export interface RecordReturnOptions {
  tx: Tx;
  actor: Actor;
  /** The mechanism's code (`eu-tr-statement`). */
  mechanism: string;
  input: RecordLegInput;
  law: CaseLaw;
  requestId?: string | null;
  now?: Date;
}

export interface RecordedLeg {
  entry: LedgerEntry;
  entitlement: Entitlement;
  counter: LedgerCounter;
}

/** The return the case records: to the mechanism's partner, on a day the mechanism operated. */
function returnOf(c: Case, m: Mechanism): { on: string; country: string } {
  const outcome = c.facts.outcome;
  if (!outcome || !RETURN_STAGES.includes(outcome.stage)) {
    throw new DomainError('INVALID_STATE', `case ${c.reference} records no return (removal, voluntary departure or transfer to a safe third country): it is at stage ${c.stage}`);
  }
  if (outcome.country !== m.partner) {
    throw new DomainError('INVALID_STATE', `case ${c.reference}: the person was returned to ${outcome.country ?? 'a country not recorded'}, not to ${m.partner}, the partner under ${m.code}`);
  }
  if (!mechanismOperates(m, outcome.on)) {
    throw new DomainError('INVALID_STATE', `${m.code} did not operate on ${outcome.on}, the day case ${c.reference} records the return (it applies ${m.from ?? 'from no date yet'}${m.to ? ` to ${m.to}` : ''})`);
  }
  return { on: outcome.on, country: outcome.country };
}

/** The refusal when the engine does not say `yes`, with the finding (citations and reasons) or why there is none. */
function notCounted(c: Case, m: Mechanism, on: string, finding: Finding | undefined, assessed: CaseAssessment): DomainError {
  const why = finding
    ? `one-to-one-return under ${m.code} is ${finding.outcome}: ${finding.because.join('; ')}`
    : assessed.assessment
      ? `the law engine did not ask one-to-one-return under ${m.code} on these facts`
      : `the law engine could not assess the case: ${assessed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`;
  return new DomainError('LEDGER_RETURN_NOT_COUNTED', `the return of case ${c.reference} on ${on} does not count under ${m.code}: ${why}`, [], {
    mechanism: m.code, on, finding: finding ?? null, assessmentErrors: assessed.errors,
  });
}

/**
 * @throws DomainError NOT_FOUND (case, mechanism), FORBIDDEN, INVALID_STATE (no return to the partner
 * recorded, mechanism not operating), LEDGER_RETURN_NOT_COUNTED, LEDGER_ALREADY_COUNTED, LEDGER_CAP_REACHED.
 * @example await recordReturn({ tx, actor, mechanism: 'eu-tr-statement', input: { caseId, reason: 'readmitted at Dikili' }, law });
 */
export async function recordReturn({ tx, actor, mechanism, input, law, requestId = null, now = new Date() }: RecordReturnOptions): Promise<RecordedLeg> {
  const c = await getCase({ tx, actor, caseId: input.caseId });
  authorize({ actor, action: 'create', resource: 'swap-ledger', record: caseScope(c) });
  const m = await swapMechanism(tx, mechanism);
  const { on } = returnOf(c, m);
  const assessed = assessCase({ case: c, subject: await loadCaseSubject(tx, c, on), on, law, trace: true });
  const finding = assessed.assessment?.findings.find((f) => f.question === 'one-to-one-return' && f.agreement === m.code);
  if (finding?.outcome !== 'yes') throw notCounted(c, m, on, finding, assessed);
  const pinned = pinLaw(law, assessed.assessment?.trace, ['one-to-one-return']);
  const entryId = randomUUID();
  const ref = personRef(m.code, c.personId);
  const cap = capOf(m);

  const { entitlement, counter } = await asRegistryWriter(tx, actor, async () => {
    const current = await lockCounter(tx, m.code, now);
    const counted = await tx.selectFrom('swap_ledger_entitlements').select(['id', 'returned_on', 'returning_state'])
      .where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', m.code).where('return_ref', '=', ref).executeTakeFirst();
    if (counted) {
      throw new DomainError('LEDGER_ALREADY_COUNTED', `person ${c.personId} was already counted as returned under ${m.code} (returned on ${counted.returned_on}, recorded by ${counted.returning_state}): a person counts once`,
        [], { mechanism: m.code, leg: 'return', entitlement: counted.id });
    }
    if (cap !== null && current.returns >= cap) {
      throw new DomainError('LEDGER_CAP_REACHED', `${m.code} has counted ${current.returns} returns, its cap of ${cap}: no further return opens an entitlement`,
        [], { mechanism: m.code, cap, returns: current.returns });
    }
    if (current.cap !== cap) await tx.updateTable('swap_ledger_counters').set({ cap }).where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', m.code).execute();
    const row = await tx.insertInto('swap_ledger_entitlements').values({
      tenant_id: LEDGER_TENANT, id: randomUUID(), mechanism: m.code, return_ref: ref, returning_state: c.tenantId, return_entry: entryId,
      returned_on: on, recorded_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    const after = await counterAfter(tx, m.code);
    await appendEvent({
      tx, tenantId: LEDGER_TENANT, actorId: actor.id, action: 'swap-ledger.return-counted', entityType: 'swap-ledger', entityId: m.code,
      reason: input.reason, legalBasis: finding.basis, requestId, at: now,
      data: { entitlementId: row.id, returningState: c.tenantId, returnedOn: on, returns: after.returns, resettlements: after.resettlements, cap: after.cap, actorTenant: actor.tenantId },
    });
    return { entitlement: entitlementFromRow(row), counter: after };
  });

  const entry: LedgerEntry = {
    id: entryId, tenantId: c.tenantId, mechanism: m.code, leg: 'return', entitlementId: entitlement.id, caseId: c.id, personId: c.personId, on,
    finding, law: pinned, reason: input.reason, recordedBy: actor.id, recordedAt: now.toISOString(),
  };
  await insertEntry(tx, entry);
  await appendEvent({
    tx, tenantId: c.tenantId, actorId: actor.id, action: 'swap-ledger.return-recorded', entityType: 'case', entityId: c.id,
    reason: input.reason, legalBasis: [...new Set([...finding.basis, ...(input.legalBasis ?? [])])], requestId, at: now,
    data: {
      mechanism: m.code, entryId, entitlementId: entitlement.id, personId: c.personId, returnedOn: on, finding: { outcome: finding.outcome, basis: finding.basis },
      lawDigest: pinned.lawDigest, registryRevision: pinned.registryRevision,
    },
  });
  return { entry, entitlement, counter };
}
