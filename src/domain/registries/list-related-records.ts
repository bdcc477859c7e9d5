/**
 * @module domain/registries/list-related-records
 * The records of every kind that name a record (`country:TR`): a country's designations, readmission
 * status and, as their kinds arrive, agreements, mechanisms, facilities and funding — a page-worth of
 * data in one query over the `refs` index.
 */
import { sql } from 'kysely';
import { can } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { RegistryKind } from './kind.ts';
import { recordFromRow, type RegistryRecord } from './record.ts';

export interface ListRelatedOptions {
  tx: Tx;
  actor: Actor;
  kinds: ReadonlyArray<RegistryKind<any>>;
  /** The record named, as `kind:key`. */
  ref: string;
}

/**
 * Related records by kind (plural), in key order; kinds the actor may not read are left out.
 * @example const related = await listRelatedRecords({ tx, actor, kinds: REGISTRY_KINDS, ref: 'country:TR' });
 */
export async function listRelatedRecords({ tx, actor, kinds, ref }: ListRelatedOptions): Promise<Map<RegistryKind<any>, RegistryRecord[]>> {
  const readable = kinds.filter((k) => can({ actor, action: 'read', resource: k.resource }));
  const out = new Map<RegistryKind<any>, RegistryRecord[]>(readable.map((k) => [k, []]));
  if (readable.length === 0) return out;
  const rows = await tx.selectFrom('registry_records').selectAll()
    .where('kind', 'in', readable.map((k) => k.name))
    .where(sql<boolean>`refs @> array[${ref}]::text[]`)
    .orderBy(sql`key collate "C"`).execute();
  for (const row of rows) out.get(readable.find((k) => k.name === row.kind)!)!.push(recordFromRow(row));
  return out;
}
