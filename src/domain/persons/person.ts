/**
 * @module domain/persons/person
 * Personal data, kept apart from cases and events. The fields are the minimum a procedure needs;
 * anything else belongs to a national system, not here.
 */
import type { Selectable } from 'kysely';
import type { PersonRow } from '../../storage/schema.ts';

export interface PersonData {
  givenNames: string;
  familyName: string;
  /** ISO date, when known. */
  birthDate?: string | null;
  sex?: 'M' | 'F' | 'X' | null;
  /** ISO 3166-1 alpha-2; `XX` for stateless. */
  nationality: string;
}

export interface Person {
  id: string;
  tenantId: string;
  recordType: string;
  /** `null` once erased. */
  data: PersonData | null;
  createdAt: string;
  retainUntil: string | null;
  erasedAt: string | null;
}

export function personFromRow(row: Selectable<PersonRow>): Person {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    recordType: row.record_type,
    data: (row.data as unknown as PersonData | null) ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    retainUntil: row.retain_until,
    erasedAt: row.erased_at ? new Date(row.erased_at).toISOString() : null,
  };
}
