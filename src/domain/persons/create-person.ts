/**
 * @module domain/persons/create-person
 * Stores a person's data with the retention date its record type's policy gives.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { personFromRow, type Person, type PersonData } from './person.ts';

export type { PersonData } from './person.ts';

export interface CreatePersonOptions {
  tx: Tx;
  tenantId: string;
  recordType: string;
  data: PersonData;
  now?: Date;
}

/** Adds whole months to a date, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  return new Date(Date.UTC(y, m, day)).toISOString().slice(0, 10);
}

export async function createPerson({ tx, tenantId, recordType, data, now = new Date() }: CreatePersonOptions): Promise<Person> {
  const policy = await tx.selectFrom('retention_policies').selectAll().where('record_type', '=', recordType).executeTakeFirst();
  if (!policy) {
    throw new DomainError('VALIDATION_FAILED', `no retention policy for record type ${recordType}`, [{ path: 'recordType', message: 'unknown record type' }]);
  }
  const retainUntil = policy.counted_from === 'created' ? addMonths(now, policy.retain_months) : null;
  const row = await tx.insertInto('persons').values({
    tenant_id: tenantId, id: randomUUID(), record_type: recordType, data: JSON.stringify(data), created_at: now, retain_until: retainUntil,
  }).returningAll().executeTakeFirstOrThrow();
  return personFromRow(row);
}
