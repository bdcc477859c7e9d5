/**
 * @module domain/registries/kind
 * What a registry kind declares, and everything the generic machinery derives from it. A kind is
 * data plus a handful of small functions: its fields (a strict zod object), the checks across fields,
 * its natural key, the tenant that owns a record, the words it is found by, the records it names, its
 * validity period and review date, and its list filters. Listing, search, reading, creating, updating
 * with optimistic concurrency, field-by-field history, CSV/JSON export and import, review reminders
 * and the API and CLI are then the same code for every kind (see ARCHITECTURE.md, "Registries").
 *
 * @example
 * export const designationKind = defineRegistryKind<Designation>({
 *   name: 'designation', plural: 'designations', resource: 'designation', fields: ZDesignationFields,
 *   keyOf: (d) => `${d.kind}:${d.memberState ?? 'EU'}:${d.country}:${d.from}`, ownerOf: (d) => d.memberState ?? 'COM', ...
 * });
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Resource } from '../access/permissions.ts';
import type { FieldError } from '../errors.ts';

/** A check across fields that failed: the field it concerns and what is wrong. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A list filter: `?country=TR`. `where` gets the validated value and the date the list is asked for. */
export interface RegistryFilter {
  description: string;
  schema: z.ZodType<string, string>;
  where(value: string, context: { on: string }): RawBuilder<SqlBool>;
}

/**
 * A record another one names and needs: a mechanism's partnership, a funding line's instrument. The
 * machinery refuses a write whose links name no record, or whose `check` against the linked record's
 * data says it does not fit (a mechanism kept by another tenant than its partnership).
 */
export interface RegistryLink {
  /** The field naming the record, for the error's path. */
  path: string;
  /** The linked record's kind (singular) and key. */
  kind: string;
  key: string;
  /** A message when the linked record's data does not fit this one, else null. */
  check?(linked: any): string | null;
}

/** The period a record holds: both ends optional (a country record has none). */
export interface Validity {
  from: string | null;
  to: string | null;
}

export interface RegistryKindSpec<T extends object> {
  /** Singular, as stored in `registry_records.kind` and as the audit events' entity type. */
  name: string;
  /** The URL segment and CLI word: `/api/registries/designations`, `waypoint registry designations list`. */
  plural: string;
  title: string;
  description: string;
  /** The permission-table resource its reads and writes are checked against. */
  resource: Resource;
  /** Every field, as a strict object without refinements (the update schema is derived from it). */
  fields: z.ZodObject<z.ZodRawShape>;
  /** Checks across fields, each with the path of the field it concerns. */
  refine?(data: T): FieldIssue[];
  /** The natural key within the kind: stable, unique, how an import recognises a record. */
  keyOf(data: T): string;
  /** The tenant the record belongs to (its Member State, or `COM` for Union-level facts). */
  ownerOf(data: T): string;
  /** A one-line label for lists and messages. */
  labelOf(data: T): string;
  /** The words a record is found by (names, codes, titles); folded for search by the machinery. */
  searchTermsOf(data: T): string[];
  /** Records this one names, as `kind:key` (`country:TR`), for a country's page-worth of data. */
  refsOf?(data: T): string[];
  validityOf?(data: T): Validity;
  reviewDueOf?(data: T): string | null;
  /**
   * Records of the kind whose periods must not overlap share a group (one readmission status per
   * country and Member State at a time). Omit when overlaps are allowed.
   */
  exclusiveGroupOf?(data: T): string;
  /** A condition on `data` for "in force on a date" beyond the validity period (e.g. not suspended). */
  inForceOn?(on: string): RawBuilder<SqlBool>;
  /** The state of a record on a date, for readers (`in-force`, `suspended`, …); default from its validity. */
  stateOf?(data: T, on: string): string;
  /** Records this one needs (they must exist, and fit): checked on every create, update and import. */
  linksOf?(data: T): RegistryLink[];
  /**
   * Checks on a change, given the record before (null for a new one) and after: a lifecycle gate, a
   * list that only grows. Run on create, update and import; not by the seed, which records history as
   * it happened. A failed check refuses the write as INVALID_STATE (an import: with the row).
   */
  checkChange?(before: T | null, after: T): FieldIssue[];
  /** What the record says on a date, for readers: a facility's capacity, a partnership's phase and next gate. */
  summaryOn?(data: T, on: string): Record<string, unknown>;
  /** Whether records may be created (countries are the ISO 3166-1 list: updated, never created). */
  creatable?: boolean;
  filters?: Record<string, RegistryFilter>;
  /** A valid record, for the API documentation and tests; must not collide with seeded records. */
  example: T;
}

export interface RegistryKind<T extends object = Record<string, unknown>> extends Required<Pick<RegistryKindSpec<T>, 'filters' | 'creatable'>>,
  Omit<RegistryKindSpec<T>, 'filters' | 'creatable'> {
  /** `fields` with the cross-field checks: what a stored record satisfies. */
  schema: z.ZodType<T>;
  /** Every field optional and without defaults: the body of an update (top-level fields replace). */
  patchSchema: z.ZodObject<z.ZodRawShape>;
  /** Field names in declaration order: the columns of a CSV export after `id` and `version`. */
  columns: string[];
}

/** Removes the `default`s of a field schema, so that an absent field stays absent in an update. */
function withoutDefault(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

/**
 * Builds a kind from its declaration.
 * @example export const readmissionKind = defineRegistryKind<Readmission>({ name: 'readmission', ... });
 */
export function defineRegistryKind<T extends object>(spec: RegistryKindSpec<T>): RegistryKind<T> {
  const refine = spec.refine;
  const schema = (refine
    ? spec.fields.superRefine((data, ctx) => {
      for (const issue of refine(data as T)) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path.split('.') });
    })
    : spec.fields) as unknown as z.ZodType<T>;
  const shape = spec.fields.shape;
  const patchSchema = z.strictObject(Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, withoutDefault(field as z.ZodType).optional()])));
  return { filters: {}, creatable: true, ...spec, schema, patchSchema, columns: Object.keys(shape) };
}

/** The state of a record on `on`: the kind's own answer, else from its validity period (null without one). */
export function recordState<T extends object>(kind: RegistryKind<T>, data: T, on: string): string | null {
  if (kind.stateOf) return kind.stateOf(data, on);
  const v = kind.validityOf?.(data);
  if (!v) return null;
  if (v.from !== null && on < v.from) return 'not-yet';
  if (v.to !== null && on > v.to) return 'ended';
  return 'in-force';
}

/** The result of validating a record's data: the parsed data, or the issues with field paths. */
export type ParsedRecord<T> = { ok: true; data: T } | { ok: false; issues: FieldError[] };

/** Validates data against a kind (fields, then the cross-field checks). */
export function parseRecordData<T extends object>(kind: RegistryKind<T>, input: unknown): ParsedRecord<T> {
  const result = kind.schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.flatMap((issue) => issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key].map(String).join('.'), message: 'unknown field' }))
      : [{ path: issue.path.map(String).join('.') || '(record)', message: /received undefined$/.test(issue.message) ? 'required' : issue.message }]),
  };
}

// ---------------------------------------------------------------------------------------------------
// Filters most kinds need, over the JSON fields of `data`.
// ---------------------------------------------------------------------------------------------------

/** `?field=value` on a top-level string field. */
export function fieldEquals(field: string, schema: z.ZodType<string, string>, description: string): RegistryFilter {
  return { description, schema, where: (value) => sql<SqlBool>`data ->> ${field} = ${value}` };
}

/** A condition on an array of dated periods (`[{ from, to }]`) of `data`: one of them covers `on`. */
export function periodCovers(field: string, on: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from jsonb_array_elements(coalesce(data -> ${field}, '[]'::jsonb)) p
    where p ->> 'from' <= ${on} and (p ->> 'to' is null or p ->> 'to' >= ${on}))`;
}
