/**
 * @module domain/registries/get-record
 * One registry record, by id (a UUID) or by its natural key (`TR`, `readmission` `TR:GR:2020-03-01`).
 */
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizeRead } from './authorize-record.ts';
import type { RegistryKind } from './kind.ts';
import { recordFromRow, type RegistryRecord } from './record.ts';

/** Keys are printable ASCII (codes, kinds, dates and `:`); anything else names no record. */
const KEY = /^[\x21-\x7e]{1,300}$/;

export interface GetRegistryRecordOptions<T extends object> {
  tx: Tx;
  actor: Actor;
  kind: RegistryKind<T>;
  /** A record id, or the record's key. */
  idOrKey: string;
  /** Lock the row for an update in the same transaction. */
  forUpdate?: boolean;
}

/**
 * @throws DomainError NOT_FOUND when no record of the kind has that id or key.
 * @example const tr = await getRegistryRecord({ tx, actor, kind: countryKind, idOrKey: 'TR' });
 */
export async function getRegistryRecord<T extends object>({ tx, actor, kind, idOrKey, forUpdate = false }: GetRegistryRecordOptions<T>): Promise<RegistryRecord<T>> {
  authorizeRead(actor, kind);
  if (!isUuid(idOrKey) && !KEY.test(idOrKey)) throw new DomainError('NOT_FOUND', `${kind.name} not found`);
  let query = tx.selectFrom('registry_records').selectAll().where('kind', '=', kind.name);
  query = isUuid(idOrKey) ? query.where('id', '=', idOrKey.toLowerCase()) : query.where('key', '=', idOrKey);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `${kind.name} ${idOrKey} not found`);
  return recordFromRow<T>(row);
}
