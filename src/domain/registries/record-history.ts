/**
 * @module domain/registries/record-history
 * A record's history, field by field, derived from the audit events of the registries' chain: who
 * changed what, when, from which tenant, by which way (API, import, seed, CLI), with the reason and
 * the legal basis given. Nothing is stored twice: the chain is the history.
 */
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { REGISTRY_CHAIN } from './chain.ts';
import type { FieldChange } from './diff.ts';
import { getRegistryRecord } from './get-record.ts';
import type { RegistryKind } from './kind.ts';
import type { RegistryRecord } from './record.ts';

export interface HistoryEntry {
  /** Position in the registries' audit chain. */
  seq: number;
  at: string;
  actorId: string;
  actorTenant: string | null;
  action: 'created' | 'updated';
  version: number;
  reason: string | null;
  legalBasis: string[];
  via: string | null;
  /** The line or record number, for a write made by an import. */
  row: number | null;
  requestId: string | null;
  changes: FieldChange[];
}

export interface RecordHistory<T extends object> {
  record: RegistryRecord<T>;
  entries: HistoryEntry[];
}

type EventData = { version?: number; actorTenant?: string; via?: string; row?: number; changes?: Record<string, { from: unknown; to: unknown }> };

/**
 * Oldest first. The transaction must see the registries' chain ({@link readRegistries}).
 * @example const { entries } = await getRegistryHistory({ tx, actor, kind: designationKind, idOrKey: id });
 */
export async function getRegistryHistory<T extends object>({ tx, actor, kind, idOrKey }: { tx: Tx; actor: Actor; kind: RegistryKind<T>; idOrKey: string }): Promise<RecordHistory<T>> {
  const record = await getRegistryRecord({ tx, actor, kind, idOrKey });
  const rows = await tx.selectFrom('audit_events').select(['seq', 'at', 'actor_id', 'action', 'reason', 'legal_basis', 'data', 'request_id'])
    .where('tenant_id', '=', REGISTRY_CHAIN).where('entity_type', '=', kind.name).where('entity_id', '=', record.id)
    .orderBy('seq').execute();
  // Changes in the kind's field order (the event's JSON keeps no order).
  const rank = (field: string) => {
    const i = kind.columns.indexOf(field.split('.')[0]!);
    return i < 0 ? kind.columns.length : i;
  };
  const byColumn = (a: FieldChange, b: FieldChange) => rank(a.field) - rank(b.field) || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0);
  const entries = rows.map((row): HistoryEntry => {
    const data = row.data as unknown as EventData;
    return {
      seq: Number(row.seq),
      at: new Date(row.at).toISOString(),
      actorId: row.actor_id,
      actorTenant: data.actorTenant ?? null,
      action: row.action.endsWith('.created') ? 'created' : 'updated',
      version: data.version ?? 0,
      reason: row.reason,
      legalBasis: row.legal_basis as unknown as string[],
      via: data.via ?? null,
      row: data.row ?? null,
      requestId: row.request_id,
      changes: Object.entries(data.changes ?? {}).map(([field, c]) => ({ field, from: c.from, to: c.to })).sort(byColumn),
    };
  });
  return { record, entries };
}
