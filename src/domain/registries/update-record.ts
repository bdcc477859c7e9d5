/**
 * @module domain/registries/update-record
 * Changes a registry record only if the caller saw its current version (optimistic concurrency: a
 * stale write is refused, never silently overwritten). The given fields replace the record's fields
 * of the same name; the result is validated as a whole, written with version + 1, and recorded with
 * every changed field and the reason.
 */
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizeWrite } from './authorize-record.ts';
import { asRegistryWriter } from './chain.ts';
import { assertNoOverlap, invalidData } from './create-record.ts';
import { sameData } from './diff.ts';
import { getRegistryRecord } from './get-record.ts';
import { parseRecordData, type RegistryKind } from './kind.ts';
import { assertKeyFree, linkIssues, refusedChange } from './links.ts';
import type { RegistryRecord } from './record.ts';
import { replaceRecord, type WriteVia } from './write-record.ts';

export interface UpdateRegistryRecordOptions<T extends object> {
  tx: Tx;
  actor: Actor;
  kind: RegistryKind<T>;
  idOrKey: string;
  /** The version the caller last saw (from `If-Match`). */
  expectedVersion: number;
  /** Fields to replace (top-level); others keep their value. */
  changes: Record<string, unknown>;
  reason: string;
  legalBasis?: string[];
  requestId?: string | null;
  via?: WriteVia;
  now?: Date;
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT (stale version), VALIDATION_FAILED, ALREADY_EXISTS,
 *   INVALID_STATE (the kind's change check, e.g. a lifecycle gate; or a new key for a record others name).
 * @example await updateRegistryRecord({ tx, actor, kind: designationKind, idOrKey: id, expectedVersion: 3, changes: { to: '2027-06-30' }, reason: 'Repealed by …' });
 */
export async function updateRegistryRecord<T extends object>(options: UpdateRegistryRecordOptions<T>): Promise<RegistryRecord<T>> {
  const { tx, actor, kind, idOrKey, expectedVersion, changes, reason, legalBasis = [], requestId = null, via = 'api', now = new Date() } = options;
  authorizeWrite(actor, kind, 'update');
  const current = await getRegistryRecord({ tx, actor, kind, idOrKey, forUpdate: true });
  authorizeWrite(actor, kind, 'update', [kind.ownerOf(current.data)]);
  if (current.version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', `${kind.name} ${current.key} is at version ${current.version}, not ${expectedVersion}: reload and try again`);
  }
  const parsed = parseRecordData(kind, { ...current.data, ...changes });
  if (!parsed.ok) throw invalidData(kind, parsed.issues);
  authorizeWrite(actor, kind, 'update', [kind.ownerOf(parsed.data)]);
  if (sameData(current.data as Record<string, unknown>, parsed.data as Record<string, unknown>)) return current;
  const key = kind.keyOf(parsed.data);
  if (key !== current.key) {
    const taken = await tx.selectFrom('registry_records').select('id').where('kind', '=', kind.name).where('key', '=', key).executeTakeFirst();
    if (taken) throw new DomainError('ALREADY_EXISTS', `a ${kind.name} with key ${key} already exists (id ${taken.id})`);
    await assertKeyFree(tx, kind, current.key, key);
  }
  await assertNoOverlap(tx, kind, { id: current.id, key, data: parsed.data });
  const broken = await linkIssues(tx, kind, parsed.data);
  if (broken.length) throw invalidData(kind, broken);
  const refused = kind.checkChange?.(current.data, parsed.data) ?? [];
  if (refused.length) throw refusedChange(kind, current.key, refused);
  return asRegistryWriter(tx, actor, () => replaceRecord({ tx, actor, reason, legalBasis, requestId, via, now }, kind, current, parsed.data));
}
