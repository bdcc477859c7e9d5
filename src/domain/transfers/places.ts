/**
 * @module domain/transfers/places
 * Places at a facility. The counting is the database's: a trigger on `transfer_persons` (migration
 * 0026) keeps `facility_days` — held and taken places per facility and day, over every tenant — and
 * refuses, under a per-facility lock, a row that would put more persons on a day than the facility's
 * capacity that day in the facilities registry. This module turns that refusal into a domain error
 * and answers who is present at a facility on a day.
 */
import { sql } from 'kysely';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';

/** The SQLSTATE the trigger raises when a facility is full (a class of Waypoint's own, never PostgreSQL's). */
export const FACILITY_FULL = 'WP409';

interface FullDay { day: string; places: number; persons: number }

/**
 * Runs `work`, which writes places at `facility`; a full day becomes CAPACITY_EXCEEDED naming the day,
 * the places and the persons there would be.
 * @example await withCapacity({ code: 'it-test-centre' }, () => tx.insertInto('transfer_persons').values(rows).execute());
 */
export async function withCapacity<T>(facility: { code: string }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { code, detail } = error as { code?: string; detail?: string };
    if (code !== FACILITY_FULL || !detail) throw error;
    const full = JSON.parse(detail) as FullDay;
    throw new DomainError('CAPACITY_EXCEEDED',
      `${facility.code} has no free place on ${full.day}: ${full.places} places, and ${full.persons} persons would be held or present there with this transfer`,
      [], { facility: facility.code, day: full.day, places: full.places, persons: full.persons });
  }
}

/** Persons of the tenant present at the facility on `on`: arrived, not left, within the range held. */
export async function presentAt(tx: Tx, tenantId: string, facilityId: string, on: string): Promise<Set<string>> {
  const rows = await tx.selectFrom('transfer_persons').select('person_id')
    .where('tenant_id', '=', tenantId).where('facility_id', '=', facilityId).where('status', '=', 'moved')
    .where('arrived_on', '<=', on).where('place_to', '>=', on)
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', on)]))
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/**
 * Takes the place locks of several facilities at once, in id order, before changing places at more
 * than one (an arrival here, a departure there): two such transactions never wait on each other in
 * opposite orders. Taken before any audit event, as every operation on places does, since the audit
 * chain's head is the lock taken last.
 */
export async function lockPlaces(tx: Tx, facilityIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(facilityIds)].sort();
  if (ids.length === 0) return;
  await sql`select waypoint_lock_places(id) from unnest(${ids}::uuid[]) as ids(id) order by id`.execute(tx);
}
