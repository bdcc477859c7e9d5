/**
 * @module domain/transfers/transfer
 * A transfer: the manifest of a planned movement of one or more persons' cases, on one date, for one
 * purpose, to a facility (a transit centre, an offshore facility, a return hub: the facilities
 * registry) and/or a country, under an agreement where the purpose has one. Its lifecycle is
 * planned → confirmed (by a second person: four eyes) → executed, or cancelled. Each person on it
 * holds, where there is a facility, a place there from the transfer's date to its `until`.
 *
 * Each purpose but a placement executes a transition of the procedure (`domain/cases/procedure.ts`)
 * on every case on the manifest, so the law engine's findings that gate that transition are the ones
 * the transfer rests on. A placement moves a person into a facility of the Member State's own
 * territory and leaves the case's stage as it is.
 *
 * Who may act on a transfer is what the permission table lets the actor do on every case on it:
 * `read` to see it, `decide` to plan, execute or cancel it, `approve` to confirm it, `update` to
 * record a departure. A manifest shows its cases, so it is as confined as they are.
 */
import { sql, type Selectable } from 'kysely';
import type { Finding } from '../../../law/finding.ts';
import type { TransferPersonRow, TransferRow } from '../../storage/schema.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { Action } from '../access/permissions.ts';
import type { Actor } from '../access/roles.ts';
import { authorize } from '../access/authorize.ts';
import { caseScope } from '../cases/case.ts';
import type { TransitionInput } from '../cases/effects.ts';
import type { PinnedLawVersion } from '../cases/pin-law.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';

export const TRANSFER_PURPOSES = ['placement', 'removal', 'safe-third-country', 'offshore-processing', 'return-hub', 'member-state'] as const;
export type TransferPurpose = (typeof TRANSFER_PURPOSES)[number];

/** The procedure's transition a purpose takes on every case; a placement takes none. */
export const PURPOSE_TRANSITION: Record<TransferPurpose, string | null> = {
  placement: null,
  removal: 'remove',
  'safe-third-country': 'transfer-to-safe-third-country',
  'offshore-processing': 'take-to-offshore-facility',
  'return-hub': 'transfer-to-return-hub',
  'member-state': 'transfer-to-member-state',
};

export const TRANSFER_STATUSES = ['planned', 'confirmed', 'executed', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export type PlaceStatus = 'held' | 'moved' | 'released';

/** The law an assessment ran under: the package and engine digests, and the registries' revision (pinned by `cases/pin-law.ts`). */
export type LawSeen = PinnedLawVersion;

export interface TransferPerson {
  caseId: string;
  personId: string;
  /** The case as the manifest shows it. */
  reference: string;
  stage: string;
  status: PlaceStatus;
  /** The place held at the facility, when there is one. */
  place: { from: string; to: string } | null;
  arrivedOn: string | null;
  /** The day the person left the facility (no longer counted from that day). */
  leftOn: string | null;
  /** What the movement of this person was asked with: its subject, family moving along, a minor's reception. */
  input: TransitionInput;
  /** The law engine's findings the movement rests on, as planned, and their digest. */
  findings: Finding[];
  findingsDigest: string;
  /** For `authorize`: the case's unit and owners. */
  scope: ReturnType<typeof caseScope>;
}

export interface Transfer {
  id: string;
  tenantId: string;
  reference: string;
  purpose: TransferPurpose;
  /** The facility in the registry, when the transfer goes to one. */
  facility: { id: string; code: string; name: string } | null;
  country: string | null;
  agreement: string | null;
  on: string;
  until: string | null;
  status: TransferStatus;
  plannedBy: string;
  plannedAt: string;
  reason: string;
  legalBasis: string[];
  lawPlanned: LawSeen;
  confirmedBy: string | null;
  confirmedAt: string | null;
  confirmReason: string | null;
  executedBy: string | null;
  executedAt: string | null;
  executedOn: string | null;
  executeReason: string | null;
  lawExecuted: LawSeen | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
  persons: TransferPerson[];
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

type PersonJoin = Selectable<TransferPersonRow> & { reference: string; stage: string; unit_id: string | null; assigned_to: string | null; opened_by: string; case_tenant: string };
type TransferJoin = Selectable<TransferRow> & { facility_code: string | null; facility_name: string | null };

export function transferFromRows(row: TransferJoin, persons: PersonJoin[]): Transfer {
  return {
    id: row.id, tenantId: row.tenant_id, reference: row.reference, purpose: row.purpose as TransferPurpose,
    facility: row.facility_id ? { id: row.facility_id, code: row.facility_code ?? '', name: row.facility_name ?? '' } : null,
    country: row.country, agreement: row.agreement, on: row.transfer_on, until: row.until, status: row.status as TransferStatus,
    plannedBy: row.planned_by, plannedAt: iso(row.planned_at)!, reason: row.reason, legalBasis: row.legal_basis, lawPlanned: row.law_planned as unknown as LawSeen,
    confirmedBy: row.confirmed_by, confirmedAt: iso(row.confirmed_at), confirmReason: row.confirm_reason,
    executedBy: row.executed_by, executedAt: iso(row.executed_at), executedOn: row.executed_on, executeReason: row.execute_reason,
    lawExecuted: row.law_executed as unknown as LawSeen | null,
    cancelledBy: row.cancelled_by, cancelledAt: iso(row.cancelled_at), cancelReason: row.cancel_reason,
    version: row.version,
    persons: persons.map((p) => ({
      caseId: p.case_id, personId: p.person_id, reference: p.reference, stage: p.stage, status: p.status as PlaceStatus,
      place: p.place_from && p.place_to ? { from: p.place_from, to: p.place_to } : null, arrivedOn: p.arrived_on, leftOn: p.left_on,
      input: p.input as TransitionInput, findings: p.findings as Finding[], findingsDigest: p.findings_digest,
      scope: caseScope({ tenantId: p.case_tenant, unitId: p.unit_id, assignedTo: p.assigned_to, openedBy: p.opened_by }),
    })),
  };
}

/** Transfers of a tenant, with their facility's code and name from the registry. */
export function transfersQuery(tx: Tx, tenantId: string) {
  return tx.selectFrom('transfers as t').leftJoin('registry_records as r', 'r.id', 't.facility_id')
    .selectAll('t').select(['r.key as facility_code', sql<string | null>`r.data ->> 'name'`.as('facility_name')])
    .where('t.tenant_id', '=', tenantId);
}

/** The persons of transfers in the actor's tenant, with the case facts a manifest shows and scopes need. */
export function transferPersonsQuery(tx: Tx, tenantId: string) {
  return tx.selectFrom('transfer_persons as tp')
    .innerJoin('cases as c', (j) => j.onRef('c.tenant_id', '=', 'tp.tenant_id').onRef('c.id', '=', 'tp.case_id'))
    .selectAll('tp')
    .select(['c.reference', 'c.stage', 'c.unit_id', 'c.assigned_to', 'c.opened_by', 'c.tenant_id as case_tenant'])
    .where('tp.tenant_id', '=', tenantId);
}

export interface LoadTransferOptions {
  tx: Tx;
  actor: Actor;
  transferId: string;
  /** Lock the transfer's row for a change in the same transaction. */
  forUpdate?: boolean;
}

/**
 * A transfer of the actor's tenant, with its persons, for an actor who may read every case on it.
 * @throws DomainError NOT_FOUND (also for another tenant's id), FORBIDDEN outside a case's read scope.
 */
export async function loadTransfer({ tx, actor, transferId, forUpdate = false }: LoadTransferOptions): Promise<Transfer> {
  if (!isUuid(transferId)) throw new DomainError('NOT_FOUND', `transfer ${transferId} not found`);
  let query = transfersQuery(tx, actor.tenantId).where('t.id', '=', transferId.toLowerCase());
  if (forUpdate) query = query.forUpdate('t');
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `transfer ${transferId} not found`);
  const persons = await transferPersonsQuery(tx, actor.tenantId).where('tp.transfer_id', '=', row.id).orderBy('c.reference').execute();
  const transfer = transferFromRows(row, persons as PersonJoin[]);
  authorizeOnCases(actor, 'read', transfer);
  return transfer;
}

/** Refuses unless the actor may do `action` on every case on the transfer. */
export function authorizeOnCases(actor: Actor, action: Action, transfer: Pick<Transfer, 'persons'>): void {
  for (const p of transfer.persons) authorize({ actor, action, resource: 'case', record: p.scope });
}

/** Refuses a version other than the one the caller read (If-Match). */
export function checkVersion(transfer: Transfer, expectedVersion: number): void {
  if (transfer.version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', `transfer ${transfer.reference} is at version ${transfer.version}, not ${expectedVersion}: reload and try again`);
  }
}

/** Refuses unless the transfer is in one of `statuses`. */
export function checkStatus(transfer: Transfer, statuses: readonly TransferStatus[], doing: string): void {
  if (!statuses.includes(transfer.status)) {
    throw new DomainError('INVALID_STATE', `transfer ${transfer.reference} is ${transfer.status}: it cannot be ${doing} (only when ${statuses.join(' or ')})`,
      [], { status: transfer.status });
  }
}
