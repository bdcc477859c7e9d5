/**
 * @module domain/persons/create-person
 * Stores a person's data with the retention date its record type's policy gives.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DomainError } from '../errors.ts';
import type { RetentionPolicyRow } from '../../storage/schema.ts';
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

/** The policy facts a retention date depends on. */
export type RetentionTerms = Pick<RetentionPolicyRow, 'retain_months' | 'counted_from'>;

/** The refusal for a record type without a retention policy. */
export function unknownRecordType(recordType: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `no retention policy for record type ${recordType}`, [{ path: 'recordType', message: 'unknown record type' }]);
}

/** The retention date of data created at `now`; `null` while it runs from an event still to come (case closure). */
export function retainUntil(policy: RetentionTerms, now: Date): string | null {
  return policy.counted_from === 'created' ? addMonths(now, policy.retain_months) : null;
}

export interface NewPerson {
  tenantId: string;
  id: string;
  recordType: string;
  data: PersonData;
  createdAt: Date;
  retainUntil: string | null;
}

/** A person record with its retention date, not yet stored (see {@link insertPersonsCte}). */
export function newPerson({ tenantId, recordType, data, now, policy }: { tenantId: string; recordType: string; data: PersonData; now: Date; policy: RetentionTerms }): NewPerson {
  return { tenantId, id: randomUUID(), recordType, data, createdAt: now, retainUntil: retainUntil(policy, now) };
}

/** A data-modifying CTE (`inserted_person`) storing new persons, for a statement that writes more than the persons. */
export function insertPersonsCte(persons: readonly NewPerson[]) {
  if (persons.length === 0) throw new Error('insertPersonsCte needs at least one person');
  const rows = persons.map((p) => sql`(${p.tenantId}, ${p.id}, ${p.recordType}, ${JSON.stringify(p.data)}, ${p.createdAt}, ${p.retainUntil})`);
  return sql`
    inserted_person as (
      insert into persons (tenant_id, id, record_type, data, created_at, retain_until)
      values ${sql.join(rows)}
    )`;
}

export async function createPerson({ tx, tenantId, recordType, data, now = new Date() }: CreatePersonOptions): Promise<Person> {
  const policy = await tx.selectFrom('retention_policies').selectAll().where('record_type', '=', recordType).executeTakeFirst();
  if (!policy) throw unknownRecordType(recordType);
  const person = newPerson({ tenantId, recordType, data, now, policy });
  const row = await tx.insertInto('persons').values({
    tenant_id: tenantId, id: person.id, record_type: recordType, data: JSON.stringify(data), created_at: now, retain_until: person.retainUntil,
  }).returningAll().executeTakeFirstOrThrow();
  return personFromRow(row);
}
