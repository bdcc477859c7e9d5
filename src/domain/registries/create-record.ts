/**
 * @module domain/registries/create-record
 * Creates a registry record: validated by its kind, written only by a role whose scope covers the
 * record's owner, refused when its key is taken or its period overlaps another of its exclusive
 * group, and recorded as an event on the registries' chain, all in the caller's transaction.
 */
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizeWrite } from './authorize-record.ts';
import { asRegistryWriter } from './chain.ts';
import { parseRecordData, type RegistryKind } from './kind.ts';
import { linkIssues, refusedChange } from './links.ts';
import { describePeriod, findOverlap } from './overlap.ts';
import { recordFromRow, type RegistryRecord } from './record.ts';
import { insertRecord, type WriteVia } from './write-record.ts';

export interface CreateRegistryRecordOptions<T extends object> {
  tx: Tx;
  actor: Actor;
  kind: RegistryKind<T>;
  /** The record's fields (validated here; the API has validated their shape already). */
  data: unknown;
  reason?: string | null;
  legalBasis?: string[];
  requestId?: string | null;
  via?: WriteVia;
  now?: Date;
}

/** Throws VALIDATION_FAILED with every issue, each path under `data.`. */
export function invalidData(kind: RegistryKind<any>, issues: Array<{ path: string; message: string }>): DomainError {
  const fields = issues.map((i) => ({ path: `data.${i.path}`, message: i.message }));
  return new DomainError('VALIDATION_FAILED', `invalid ${kind.name}: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, fields);
}

/** Refuses a period that overlaps another record of the same exclusive group. */
export async function assertNoOverlap<T extends object>(tx: Tx, kind: RegistryKind<T>, self: { id: string | null; key: string; data: T }): Promise<void> {
  if (!kind.exclusiveGroupOf) return;
  const rows = await tx.selectFrom('registry_records').selectAll().where('kind', '=', kind.name).execute();
  const clash = findOverlap(kind, self, rows.map((r) => recordFromRow<T>(r)));
  if (clash) {
    throw new DomainError('ALREADY_EXISTS', `${describePeriod(kind, self)} overlaps ${describePeriod(kind, clash)}: end that one first`,
      [{ path: 'data.from', message: `overlaps ${clash.key}` }]);
  }
}

/**
 * @throws DomainError FORBIDDEN (role or owner), VALIDATION_FAILED (fields, or a link naming no record),
 *   ALREADY_EXISTS (key or period taken), INVALID_STATE (the kind's change check: a lifecycle gate).
 * @example await createRegistryRecord({ tx, actor, kind: designationKind, data: { kind: 'safe-country-of-origin', ... }, reason: 'Decree of …' });
 */
export async function createRegistryRecord<T extends object>({ tx, actor, kind, data, reason = null, legalBasis = [], requestId = null, via = 'api', now = new Date() }: CreateRegistryRecordOptions<T>): Promise<RegistryRecord<T>> {
  authorizeWrite(actor, kind, 'create');
  if (!kind.creatable) throw new DomainError('INVALID_STATE', `${kind.plural} are not created: they are the fixed list (update one instead)`);
  const parsed = parseRecordData(kind, data);
  if (!parsed.ok) throw invalidData(kind, parsed.issues);
  authorizeWrite(actor, kind, 'create', [kind.ownerOf(parsed.data)]);
  const key = kind.keyOf(parsed.data);
  const taken = await tx.selectFrom('registry_records').select('id').where('kind', '=', kind.name).where('key', '=', key).executeTakeFirst();
  if (taken) throw new DomainError('ALREADY_EXISTS', `a ${kind.name} with key ${key} already exists (id ${taken.id}): update it instead`);
  await assertNoOverlap(tx, kind, { id: null, key, data: parsed.data });
  const broken = await linkIssues(tx, kind, parsed.data);
  if (broken.length) throw invalidData(kind, broken);
  const refused = kind.checkChange?.(null, parsed.data) ?? [];
  if (refused.length) throw refusedChange(kind, key, refused);
  return asRegistryWriter(tx, actor, () => insertRecord({ tx, actor, reason, legalBasis, requestId, via, now }, kind, parsed.data));
}
