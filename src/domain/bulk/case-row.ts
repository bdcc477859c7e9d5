/**
 * @module domain/bulk/case-row
 * One row of a case import: a case to open (kind, unit, assignee, retention class) with the person
 * it concerns, and the reference the row carries in the system it comes from (`externalRef`), which
 * makes importing it twice harmless. The person's fields and rules are those of the API's
 * `PersonData`; the domain keeps its own schema because imported files never pass through the
 * API's schemas (as `registries/fields.ts` does for registry files).
 *
 * The same row can be written as a JSON line (`{"externalRef": …, "person": {"givenNames": …}}`) or
 * as CSV whose header names the same paths (`externalRef,kind,person.givenNames,…`): text as it is,
 * booleans as `true`/`false`, lists and objects as JSON in the cell, an empty cell for "not given".
 * Either way a row is normalised (what is not given is left out) before it is hashed, so the same
 * row in either format has the same hash.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { normaliseCountry } from '../../lib/country-codes.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { unguardFormula } from '../../lib/csv-safe.ts';
import { CASE_KINDS, type CaseKind } from '../cases/case.ts';
import { AGE_METHODS, ALIAS_KINDS, SECURITY_MARKER_KINDS, VULNERABILITIES, type PersonData } from '../persons/person.ts';
import { decodeCell, fieldShape } from '../registries/csv.ts';
import { safeText, ZCountryCode, ZDate } from '../registries/fields.ts';

const ZName = safeText().trim().min(1).max(200);

/** ISO 3166-1 alpha-2, `XX` for stateless; EL/UK read as GR/GB (the API's `ZNationality`). */
const ZNationality = z.string()
  .regex(/^[A-Z]{2}$/, { message: 'ISO 3166-1 alpha-2 code in capitals', abort: true })
  .refine((code) => normaliseCountry(code, { allowStateless: true }) !== null, 'unknown country code')
  .transform((code) => normaliseCountry(code, { allowStateless: true })!);

const ZImportPerson = z.strictObject({
  givenNames: ZName,
  familyName: ZName,
  nationality: ZNationality,
  aliases: z.array(z.strictObject({ givenNames: ZName.nullable().optional(), familyName: ZName, kind: z.enum(ALIAS_KINDS).optional() })).max(20).optional(),
  birthDate: ZDate.nullable().optional(),
  assessedAge: z.strictObject({ years: z.number().int().min(0).max(120), on: ZDate, method: z.enum(AGE_METHODS) }).nullable().optional(),
  sex: z.enum(['M', 'F', 'X']).nullable().optional(),
  formerHabitualResidence: ZCountryCode.nullable().optional(),
  regionOfOrigin: safeText().trim().min(1).max(200).nullable().optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'ISO 639 code in lower case')).max(20).optional(),
  unaccompaniedMinor: z.boolean().nullable().optional(),
  vulnerabilities: z.array(z.enum(VULNERABILITIES)).max(10).optional(),
  specialNeeds: z.array(safeText().trim().min(1).max(200)).max(20).optional(),
  securityMarkers: z.array(z.strictObject({
    kind: z.enum(SECURITY_MARKER_KINDS), since: ZDate, source: safeText().trim().min(1).max(200).nullable().optional(),
  })).max(20).optional(),
});

/** The retention classes an imported person may be registered under (`seed/reference.ts`). */
export const IMPORT_RECORD_TYPES = ['applicant', 'irregular-arrival', 'illegal-stay'] as const;

export const ZCaseImportRow = z.strictObject({
  externalRef: safeText().trim().min(1).max(120).describe('The row\'s reference in the system it comes from; unique per tenant'),
  kind: z.enum(CASE_KINDS),
  unitId: safeText().trim().min(1).max(64).nullable().optional().describe('Default: the importer\'s unit'),
  assignedTo: safeText().trim().min(1).max(200).nullable().optional().describe('Default: nobody (the queue of the unit)'),
  recordType: z.enum(IMPORT_RECORD_TYPES).optional(),
  person: ZImportPerson,
});

/** A valid row, normalised: nothing `null` or absent in it. */
export interface CaseImportRow {
  externalRef: string;
  kind: CaseKind;
  unitId?: string;
  assignedTo?: string;
  recordType?: (typeof IMPORT_RECORD_TYPES)[number];
  person: PersonData;
}

/** One problem found in a row: where (`person.birthDate`), a stable code, and what is wrong. */
export interface RowIssue {
  path: string;
  code: string;
  message: string;
  severity: 'error' | 'warning';
  detail?: Record<string, unknown>;
}

export type ParsedRow = { ok: true; row: CaseImportRow; hash: string } | { ok: false; externalRef: string | null; issues: RowIssue[] };

/** Every leaf path a CSV header may name, with its schema (for decoding the cell). */
export const CSV_COLUMNS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  ...Object.entries(ZCaseImportRow.shape).filter(([name]) => name !== 'person').map(([name, schema]): [string, z.ZodType] => [name, schema]),
  ...Object.entries(ZImportPerson.shape).map(([name, schema]): [string, z.ZodType] => [`person.${name}`, schema]),
]);

/** Columns a CSV import must have. */
export const REQUIRED_COLUMNS = ['externalRef', 'kind', 'person.givenNames', 'person.familyName', 'person.nationality'] as const;

/** Drops `null` and `undefined` members of a plain object, one level deep ("not given" either way). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** SHA-256 of the row's canonical JSON: the same row has the same hash whatever the file's format. */
export function rowHash(row: CaseImportRow): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

function issuesOf(error: z.ZodError): RowIssue[] {
  return error.issues.flatMap((issue) => {
    const at = (path: PropertyKey[]) => path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: at([...issue.path, key]), code: 'VALIDATION_FAILED', message: 'unknown field', severity: 'error' as const }));
    return [{ path: at(issue.path) || 'row', code: 'VALIDATION_FAILED', message: issue.message, severity: 'error' as const }];
  });
}

/** The row's external reference as written, if it is usable to name the row in the report. */
function refOf(value: unknown): string | null {
  const ref = (value as { externalRef?: unknown } | null)?.externalRef;
  return typeof ref === 'string' && ref.trim() !== '' ? ref.trim().slice(0, 120) : null;
}

/**
 * Validates a row given as a value (a parsed JSON line, or a CSV record already decoded).
 * @example parseRowValue({ externalRef: 'A-1', kind: 'asylum', person: { givenNames: 'Amal', familyName: 'Haddad', nationality: 'SY' } })
 */
export function parseRowValue(value: unknown): ParsedRow {
  const result = ZCaseImportRow.safeParse(value);
  if (!result.success) return { ok: false, externalRef: refOf(value), issues: issuesOf(result.error) };
  const { person, ...rest } = result.data;
  const row = { ...compact(rest), person: compact(person) } as CaseImportRow;
  return { ok: true, row, hash: rowHash(row) };
}

/** A JSON line as a row. */
export function parseJsonLine(text: string): ParsedRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, externalRef: null, issues: [{ path: 'row', code: 'MALFORMED_JSON', message: 'not a JSON object on one line', severity: 'error' }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, externalRef: null, issues: [{ path: 'row', code: 'VALIDATION_FAILED', message: 'a row is a JSON object', severity: 'error' }] };
  }
  return parseRowValue(value);
}

/**
 * A CSV record (cells in the header's order) as a row. Cells are decoded by the schema of the path the
 * header names; a cell guarded against formula injection (`'=…`) is read back as written.
 */
export function parseCsvRecord(header: readonly string[], cells: readonly string[]): ParsedRow {
  if (cells.length !== header.length) {
    return { ok: false, externalRef: null, issues: [{ path: 'row', code: 'VALIDATION_FAILED', message: `expected ${header.length} cells, found ${cells.length}`, severity: 'error' }] };
  }
  const value: Record<string, unknown> = {};
  const person: Record<string, unknown> = {};
  const issues: RowIssue[] = [];
  header.forEach((path, i) => {
    const decoded = decodeCell(unguardFormula(cells[i]!), fieldShape(CSV_COLUMNS.get(path)!));
    if (!decoded.ok) { issues.push({ path, code: 'VALIDATION_FAILED', message: decoded.message, severity: 'error' }); return; }
    if (decoded.value === undefined) return;
    if (path.startsWith('person.')) person[path.slice('person.'.length)] = decoded.value;
    else value[path] = decoded.value;
  });
  value.person = person;
  if (issues.length > 0) return { ok: false, externalRef: refOf(value), issues };
  return parseRowValue(value);
}

/**
 * Problems with a CSV header: unknown or repeated columns, required ones missing. Empty when usable.
 * @example checkCsvHeader(['externalRef', 'kind', 'person.givenNames']) // ['missing column person.familyName', …]
 */
export function checkCsvHeader(header: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const column of header) {
    if (!CSV_COLUMNS.has(column)) problems.push(`unknown column ${JSON.stringify(column.slice(0, 60))}`);
    else if (seen.has(column)) problems.push(`column ${column} appears twice`);
    seen.add(column);
  }
  for (const column of REQUIRED_COLUMNS) if (!seen.has(column)) problems.push(`missing column ${column}`);
  return problems;
}
