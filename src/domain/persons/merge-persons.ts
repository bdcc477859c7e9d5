/**
 * @module domain/persons/merge-persons
 * Merges a duplicate person record into the record that survives, keeping both histories: the
 * duplicate stays, read-only, with a pointer to the survivor (`mergedInto`) and a `person.merged`
 * tombstone event; its names become aliases of the survivor; its cases and family links move to the
 * survivor, each moved case with a `case.person-merged` event. No event is rewritten, so the events
 * of both records stay readable in their chain (`listPersonEvents` reads them together).
 */
import { sql } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { logAccess } from './log-access.ts';
import { authorizePerson, findPersonRow, personScopes } from './person-scope.ts';
import { assertWritable } from './update-person.ts';
import { personFromRow, type Person, type PersonAlias, type PersonData } from './person.ts';

export interface MergePersonsOptions {
  tx: Tx;
  actor: Actor;
  /** The duplicate, which will point to the survivor. */
  personId: string;
  /** The survivor. */
  intoId: string;
  /** The duplicate's version the caller saw (If-Match). */
  expectedVersion: number;
  reason: string;
  requestId?: string | null;
  now?: Date;
}

export interface MergeResult {
  survivor: Person;
  merged: Person;
  movedCases: string[];
}

/** The survivor's aliases plus the duplicate's names and aliases it does not already carry. */
export function mergedAliases(survivor: PersonData, duplicate: PersonData): PersonAlias[] {
  const key = (given: string | null | undefined, family: string) => `${(given ?? '').trim().toLowerCase()}|${family.trim().toLowerCase()}`;
  const known = new Set([key(survivor.givenNames, survivor.familyName), ...(survivor.aliases ?? []).map((a) => key(a.givenNames, a.familyName))]);
  const out = [...(survivor.aliases ?? [])];
  for (const alias of [{ givenNames: duplicate.givenNames, familyName: duplicate.familyName }, ...(duplicate.aliases ?? [])]) {
    const k = key(alias.givenNames, alias.familyName);
    if (known.has(k)) continue;
    known.add(k);
    out.push({ givenNames: alias.givenNames ?? null, familyName: alias.familyName, kind: 'merged' });
  }
  return out;
}

/** Locks both rows in id order (so two merges of the same pair cannot deadlock) and returns them. */
async function lockPair(tx: Tx, actor: Actor, personId: string, intoId: string) {
  const [first, second] = personId < intoId ? [personId, intoId] : [intoId, personId];
  const a = await findPersonRow(tx, actor, first, true);
  const b = await findPersonRow(tx, actor, second, true);
  return personId === first ? { duplicate: a, survivor: b } : { duplicate: b, survivor: a };
}

/** Moves the duplicate's family links to the survivor, dropping links the survivor has already and links between the two. */
async function moveLinks(tx: Tx, tenantId: string, personId: string, intoId: string): Promise<void> {
  await sql`
    with removed as (delete from person_links where tenant_id = ${tenantId} and (person_id = ${personId} or related_id = ${personId}) returning *)
    insert into person_links (tenant_id, person_id, related_id, relation, created_by, created_at)
    select tenant_id, case when person_id = ${personId} then ${intoId}::uuid else person_id end,
           case when related_id = ${personId} then ${intoId}::uuid else related_id end, relation, created_by, created_at
    from removed
    where not (person_id = ${personId} and related_id = ${intoId}) and not (person_id = ${intoId} and related_id = ${personId})
    on conflict do nothing`.execute(tx);
}

/**
 * @throws DomainError NOT_FOUND, FORBIDDEN (no `person.merge` on either), ERASED, MERGED,
 * VERSION_CONFLICT, VALIDATION_FAILED (a person into itself).
 * @example await mergePersons({ tx, actor, personId: duplicateId, intoId: survivorId, expectedVersion: 1, reason: 'same fingerprints' });
 */
export async function mergePersons({ tx, actor, personId, intoId, expectedVersion, reason, requestId = null, now = new Date() }: MergePersonsOptions): Promise<MergeResult> {
  if (personId === intoId) throw new DomainError('VALIDATION_FAILED', 'a person cannot be merged into itself', [{ path: 'into', message: 'the same person' }]);
  await findPersonRow(tx, actor, personId);
  authorizePerson(actor, 'merge', await personScopes(tx, actor.tenantId, personId));
  const survivorFound = await findPersonRow(tx, actor, intoId).catch(() => {
    throw new DomainError('VALIDATION_FAILED', `person ${intoId} not found in ${actor.tenantId}`, [{ path: 'into', message: 'unknown person' }]);
  });
  authorizePerson(actor, 'merge', await personScopes(tx, actor.tenantId, survivorFound.id));
  const { duplicate, survivor } = await lockPair(tx, actor, personId, intoId);
  assertWritable(duplicate);
  assertWritable(survivor);
  if (duplicate.version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', `person ${personId} is at version ${duplicate.version}, not ${expectedVersion}: reload and try again`);
  }
  const survivorData = survivor.data as unknown as PersonData;
  const aliases = mergedAliases(survivorData, duplicate.data as unknown as PersonData);
  const survivorRow = await tx.updateTable('persons').set({ data: JSON.stringify({ ...survivorData, aliases }), version: survivor.version + 1 })
    .where('tenant_id', '=', actor.tenantId).where('id', '=', intoId).returningAll().executeTakeFirstOrThrow();
  const mergedRow = await tx.updateTable('persons').set({ merged_into: intoId, merged_at: now, version: duplicate.version + 1 })
    .where('tenant_id', '=', actor.tenantId).where('id', '=', personId).returningAll().executeTakeFirstOrThrow();
  const moved = await tx.updateTable('cases').set((eb) => ({ person_id: intoId, updated_at: now, version: eb('version', '+', 1) }))
    .where('tenant_id', '=', actor.tenantId).where('person_id', '=', personId).returning('id').execute();
  await moveLinks(tx, actor.tenantId, personId, intoId);
  const movedCases = moved.map((m) => m.id).sort();
  const event = { tx, tenantId: actor.tenantId, actorId: actor.id, reason, requestId, at: now };
  await appendEvent({ ...event, action: 'person.merged', entityType: 'person', entityId: personId, data: { into: intoId, movedCases, version: mergedRow.version } });
  await appendEvent({ ...event, action: 'person.merge-received', entityType: 'person', entityId: intoId, data: { from: personId, movedCases, version: survivorRow.version } });
  for (const caseId of movedCases) {
    await appendEvent({ ...event, action: 'case.person-merged', entityType: 'case', entityId: caseId, data: { from: personId, to: intoId } });
  }
  await logAccess({ tx, actor, personIds: [personId, intoId], purpose: 'merge of duplicate records', requestId });
  return { survivor: personFromRow(survivorRow), merged: personFromRow(mergedRow), movedCases };
}
