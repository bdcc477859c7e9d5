/**
 * @module domain/registries/record
 * A registry record as the domain sees it: its kind, id, natural key, version (for optimistic
 * concurrency), its validated data, and who created and last changed it.
 */
import type { Selectable } from 'kysely';
import type { RegistryRecordRow } from '../../storage/schema.ts';

export interface RegistryRecord<T extends object = Record<string, unknown>> {
  kind: string;
  id: string;
  key: string;
  version: number;
  data: T;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export function recordFromRow<T extends object = Record<string, unknown>>(row: Selectable<RegistryRecordRow>): RegistryRecord<T> {
  return {
    kind: row.kind,
    id: row.id,
    key: row.key,
    version: row.version,
    data: row.data as unknown as T,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}
