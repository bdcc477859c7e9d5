/**
 * @module domain/persons/update-person
 * Changes a person's data, only if the caller saw its current version (If-Match), with an audit event
 * naming the fields changed — never their values, which are personal data and stay in `persons`.
 */
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { listFamily } from './family.ts';
import { logAccess } from './log-access.ts';
import type { PersonRecord } from './read-person.ts';
import { authorizePerson, findPersonRow, personScopes } from './person-scope.ts';
import { personFromRow, type PersonData } from './person.ts';

export interface UpdatePersonOptions {
  tx: Tx;
  actor: Actor;
  personId: string;
  expectedVersion: number;
  /** The fields to replace; `null` clears an optional field. */
  changes: Partial<{ [K in keyof PersonData]: PersonData[K] | null }>;
  reason: string;
  requestId?: string | null;
  now?: Date;
}

/** Refuses a write to an erased record or to a duplicate that was merged into another person. */
export function assertWritable(row: { id: string; erased_at: unknown; merged_into: string | null }): void {
  if (row.erased_at) throw new DomainError('ERASED', `the data of person ${row.id} was erased`);
  if (row.merged_into) {
    throw new DomainError('MERGED', `person ${row.id} was merged into person ${row.merged_into}: act on that person`, [], { mergedInto: row.merged_into });
  }
}

/** The fields whose value differs, in `changes`' order. */
function changedFields(current: PersonData, changes: UpdatePersonOptions['changes']): string[] {
  return Object.entries(changes).filter(([key, value]) =>
    canonicalJson((current as unknown as Record<string, unknown>)[key] ?? null) !== canonicalJson(value ?? null)).map(([key]) => key);
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN, ERASED, MERGED, VERSION_CONFLICT.
 * @example await updatePerson({ tx, actor, personId, expectedVersion: 1, changes: { languages: ['ar', 'fr'] }, reason: 'interview' });
 */
export async function updatePerson({ tx, actor, personId, expectedVersion, changes, reason, requestId = null, now = new Date() }: UpdatePersonOptions): Promise<PersonRecord> {
  const row = await findPersonRow(tx, actor, personId, true);
  authorizePerson(actor, 'update', await personScopes(tx, actor.tenantId, personId));
  assertWritable(row);
  if (row.version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', `person ${personId} is at version ${row.version}, not ${expectedVersion}: reload and try again`);
  }
  const current = row.data as unknown as PersonData;
  const fields = changedFields(current, changes);
  const family = await listFamily(tx, actor.tenantId, personId, now.toISOString().slice(0, 10));
  // The answer shows the person's data: that is a read, and is logged like one.
  await logAccess({ tx, actor, personIds: [personId, ...family.map((m) => m.personId)], purpose: 'update of the person\'s data', requestId });
  if (fields.length === 0) return { ...personFromRow(row), family };
  const next: Record<string, unknown> = { ...current };
  for (const field of fields) {
    const value = (changes as Record<string, unknown>)[field];
    if (value === null) delete next[field]; else next[field] = value;
  }
  const updated = await tx.updateTable('persons').set({ data: JSON.stringify(next), version: row.version + 1 })
    .where('tenant_id', '=', actor.tenantId).where('id', '=', personId).where('version', '=', expectedVersion).returningAll().executeTakeFirstOrThrow();
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'person.updated', entityType: 'person', entityId: personId,
    reason, requestId, at: now, data: { version: updated.version, fields },
  });
  return { ...personFromRow(updated), family };
}
