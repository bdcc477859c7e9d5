/**
 * @module domain/swap-ledger/ledger
 * The 1:1 ledger of a swap mechanism (the EU–Turkey Statement's "for every Syrian being returned …,
 * another Syrian will be resettled"): each return counted under it opens one resettlement entitlement,
 * each resettlement uses one. What every operation shares: the shapes, the pseudonym of a person,
 * the mechanism read from the registry, and the per-mechanism counter row whose lock serialises every
 * write to one mechanism's ledger, whichever tenant writes.
 *
 * Tenancy (migration 0027): the counter and the entitlements are shared and hold no personal data;
 * they live in the tenant `EU`, the registries' chain, which every user may read. Each leg's entry —
 * the case and the person (by pseudonymous id), the law engine's finding, the law version — stays in
 * the tenant that recorded it.
 */
import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Finding } from '../../../law/finding.ts';
import type { SwapLedgerCounterRow, SwapLedgerEntitlementRow, SwapLedgerEntryRow } from '../../storage/schema.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { PinnedFindingLaw } from '../cases/pin-law.ts';
import { DomainError } from '../errors.ts';
import type { Mechanism } from '../mechanisms/mechanism.ts';
import { REGISTRY_CHAIN } from '../registries/chain.ts';

/** The tenant that keeps the shared half of every ledger. */
export const LEDGER_TENANT = REGISTRY_CHAIN;

export const LEGS = ['return', 'resettlement'] as const;
export type Leg = (typeof LEGS)[number];

/**
 * The stages of a case whose person was returned to a country: removed, departed voluntarily, or
 * transferred to a safe third country (a return under the Statement's point 1 was a readmission of a
 * person whose application was declared inadmissible). Whether the return counts is the law engine's.
 */
export const RETURN_STAGES: readonly string[] = ['removed', 'voluntary-return', 'transferred-third-country'];

/**
 * A person's pseudonym in one mechanism's shared ledger: SHA-256 of the mechanism and the person's id.
 * It is the same for the same person record whoever computes it (so the shared unique constraint refuses
 * a second count), names no other table, and differs between mechanisms, so the shared rows cannot be
 * joined with anything by whoever reads only them.
 * @example personRef('eu-tr-statement', '6f1c2b9e-3b0a-4f7e-9a43-0c1d2e3f4a5b') // 'sha256:…'
 */
export function personRef(mechanism: string, personId: string): string {
  return `sha256:${createHash('sha256').update(`waypoint swap-ledger\n${mechanism}\n${personId.toLowerCase()}`).digest('hex')}`;
}

/** Mechanism codes as the registry writes them (`ZCode`): anything else names no mechanism. */
const CODE = /^(?=.{2,60}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The 1:1 mechanism with that code, from the registry.
 * @throws DomainError NOT_FOUND when no mechanism has that code, or it is not a 1:1 swap.
 */
export async function swapMechanism(tx: Tx, code: string): Promise<Mechanism> {
  const row = CODE.test(code)
    ? await tx.selectFrom('registry_records').select('data').where('kind', '=', 'mechanism').where('key', '=', code).executeTakeFirst()
    : undefined;
  const m = row?.data as Mechanism | undefined;
  if (!m || m.kind !== 'one-to-one') throw new DomainError('NOT_FOUND', `no 1:1 swap mechanism ${code}`);
  return m;
}

/** The mechanism's ceiling over its life (its registry parameter), or null. */
export function capOf(m: Mechanism): number | null {
  return m.parameters.cap?.total ?? null;
}

export interface LedgerCounter {
  mechanism: string;
  cap: number | null;
  returns: number;
  resettlements: number;
  updatedAt: string;
}

function counterFromRow(row: Selectable<SwapLedgerCounterRow>): LedgerCounter {
  return { mechanism: row.mechanism, cap: row.cap, returns: row.returns, resettlements: row.resettlements, updatedAt: new Date(row.updated_at).toISOString() };
}

/**
 * Creates the mechanism's counter if it has none, then locks it until commit: every write to this
 * mechanism's ledger, from any tenant, waits here, so the duplicate and cap checks that follow read a
 * ledger nobody else is changing. Runs with `EU` as the transaction's writable tenant.
 */
export async function lockCounter(tx: Tx, mechanism: string, now: Date): Promise<LedgerCounter> {
  await sql`insert into swap_ledger_counters (tenant_id, mechanism, updated_at) values (${LEDGER_TENANT}, ${mechanism}, ${now})
            on conflict (tenant_id, mechanism) do nothing`.execute(tx);
  const row = await tx.selectFrom('swap_ledger_counters').selectAll().where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', mechanism)
    .forUpdate().executeTakeFirstOrThrow();
  return counterFromRow(row);
}

/** The counter as it is (no lock), or zeros for a mechanism nothing was counted under yet. */
export async function readCounter(tx: Tx, m: Mechanism): Promise<LedgerCounter> {
  const row = await tx.selectFrom('swap_ledger_counters').selectAll().where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', m.code).executeTakeFirst();
  return row ? counterFromRow(row) : { mechanism: m.code, cap: capOf(m), returns: 0, resettlements: 0, updatedAt: new Date(0).toISOString() };
}

/** One return counted, and the resettlement that used it once there is one. No personal data. */
export interface Entitlement {
  id: string;
  mechanism: string;
  returningState: string;
  returnedOn: string;
  recordedAt: string;
  status: 'open' | 'used';
  resettlingState: string | null;
  resettledOn: string | null;
  resettledAt: string | null;
}

export function entitlementFromRow(row: Selectable<SwapLedgerEntitlementRow>): Entitlement {
  return {
    id: row.id, mechanism: row.mechanism, returningState: row.returning_state, returnedOn: row.returned_on,
    recordedAt: new Date(row.recorded_at).toISOString(), status: row.resettled_on === null ? 'open' : 'used',
    resettlingState: row.resettling_state, resettledOn: row.resettled_on, resettledAt: row.resettled_at ? new Date(row.resettled_at).toISOString() : null,
  };
}

/** A leg as the recording tenant keeps it: which case and person, and for a return the finding and the law. */
export interface LedgerEntry {
  id: string;
  tenantId: string;
  mechanism: string;
  leg: Leg;
  entitlementId: string;
  caseId: string;
  personId: string;
  /** The day of the return or of the resettlement. */
  on: string;
  finding: Finding | null;
  law: PinnedFindingLaw | null;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

export function entryFromRow(row: Selectable<SwapLedgerEntryRow>): LedgerEntry {
  return {
    id: row.id, tenantId: row.tenant_id, mechanism: row.mechanism, leg: row.leg as Leg, entitlementId: row.entitlement_id, caseId: row.case_id,
    personId: row.person_id, on: row.happened_on, finding: row.finding as Finding | null, law: row.law as PinnedFindingLaw | null,
    reason: row.reason, recordedBy: row.recorded_by, recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

/** Inserts the recording tenant's entry (unique per mechanism, leg and person within the tenant). */
export async function insertEntry(tx: Tx, e: LedgerEntry): Promise<void> {
  await tx.insertInto('swap_ledger_entries').values({
    tenant_id: e.tenantId, id: e.id, mechanism: e.mechanism, leg: e.leg, entitlement_id: e.entitlementId, case_id: e.caseId, person_id: e.personId,
    happened_on: e.on, finding: e.finding ? JSON.stringify(e.finding) : null, law: e.law ? JSON.stringify(e.law) : null,
    reason: e.reason, recorded_by: e.recordedBy, recorded_at: e.recordedAt,
  }).execute();
}

/** The shared counter after a write, for the audit events and the answer. */
export async function counterAfter(tx: Tx, mechanism: string): Promise<LedgerCounter> {
  const row = await tx.selectFrom('swap_ledger_counters').selectAll().where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', mechanism).executeTakeFirstOrThrow();
  return counterFromRow(row);
}
