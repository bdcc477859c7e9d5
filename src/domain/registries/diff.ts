/**
 * @module domain/registries/diff
 * Field-by-field differences between two versions of a record's data, as stored in the audit event
 * of each write and read back as the record's history. Nested objects are compared field by field
 * (`names.de`, `exceptions.regions`); arrays and scalars are compared whole, by their canonical JSON.
 */
import { canonicalJson } from '../../lib/canonical-json.ts';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Leaf values by dotted path. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

/**
 * What changed from `before` to `after` (`before` null for a new record), in field order.
 * @example diffFields({ to: null }, { to: '2027-01-01' }) // [{ field: 'to', from: null, to: '2027-01-01' }]
 */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChange[] {
  const a = flatten(before ?? {}, '', new Map());
  const b = flatten(after, '', new Map());
  const changes: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const from = a.has(field) ? a.get(field) : null;
    const to = b.has(field) ? b.get(field) : null;
    if (canonicalJson(from ?? null) !== canonicalJson(to ?? null)) changes.push({ field, from: from ?? null, to: to ?? null });
  }
  return changes;
}

/** Whether two versions of a record's data are the same (key order and absent-vs-null aside). */
export function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return diffFields(a, b).length === 0;
}
