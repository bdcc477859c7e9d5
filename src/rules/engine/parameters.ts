/**
 * @module rules/engine/parameters
 * Legal values as dated data with citations, in the shape of OpenFisca's parameter files: `values`
 * keyed by the ISO date each value takes effect, with a mandatory `reference` per dated value. The
 * loader refuses a value without a citation, a duplicate date (YAML duplicate keys), an unknown key, a
 * value of the wrong type for the parameter's `unit`, and a date that is not a real date. `value: null`
 * ends the previous value's validity.
 *
 * ```yaml
 * description: Maximum duration of the border procedure
 * unit: weeks
 * values:
 *   2026-06-12:
 *     value: 12
 *     reference:
 *       - title: Regulation (EU) 2024/1348 Art. 51(2), first subparagraph
 *         href: https://eur-lex.europa.eu/eli/reg/2024/1348/oj
 *     official_journal_date: 2024-05-22
 *     last_value_still_valid_on: 2026-11-21
 * ```
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { isIsoDate, type IsoDate } from './dates.ts';
import { EngineError } from './errors.ts';

/** A citation: the provision's title (instrument, article, paragraph) and where to read it. */
export interface Citation {
  title: string;
  href: string;
}

export type ParameterValue = number | string | boolean | string[];

const UNITS = ['days', 'working-days', 'weeks', 'months', 'years', 'ratio', 'count', 'eur', 'date', 'countries', 'list', 'boolean', 'text'] as const;
export type Unit = (typeof UNITS)[number];

const ZIsoDateString = z.string().refine(isIsoDate, 'not a real ISO date (YYYY-MM-DD)');
const ZCitation = z.strictObject({ title: z.string().min(5), href: z.string().url() });
const ZDatedValue = z.strictObject({
  value: z.union([z.number(), z.string(), z.boolean(), z.array(z.string()), z.null()]),
  reference: z.array(ZCitation).min(1, 'every dated value needs at least one citation'),
  official_journal_date: ZIsoDateString.optional(),
  last_value_still_valid_on: ZIsoDateString.optional(),
  note: z.string().optional(),
});
const ZParameterFile = z.strictObject({
  description: z.string().min(5),
  unit: z.enum(UNITS),
  documentation: z.string().optional(),
  values: z.record(ZIsoDateString, ZDatedValue).refine((v) => Object.keys(v).length > 0, 'at least one dated value'),
});

/** One dated value, as the engine keeps it. */
export interface DatedValue {
  from: IsoDate;
  /** `null` ends the previous value. */
  value: ParameterValue | null;
  reference: Citation[];
  officialJournalDate?: IsoDate;
  lastValueStillValidOn?: IsoDate;
  note?: string;
}

export interface Parameter {
  id: string;
  description: string;
  unit: Unit;
  /** Sorted by `from`. */
  values: DatedValue[];
}

/** A parameter's value in force on a date, with the citation of the dated value that gave it. */
export interface ParameterReading {
  id: string;
  on: IsoDate;
  value: ParameterValue;
  from: IsoDate;
  reference: Citation[];
}

function checkType(unit: Unit, value: ParameterValue): string | null {
  switch (unit) {
    case 'days': case 'working-days': case 'weeks': case 'months': case 'years': case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? null : 'a whole non-negative number';
    case 'ratio':
      return typeof value === 'number' && value >= 0 && value <= 1 ? null : 'a number from 0 to 1';
    case 'eur':
      return typeof value === 'number' && value >= 0 ? null : 'a non-negative amount';
    case 'date':
      return isIsoDate(value) ? null : 'an ISO date';
    case 'countries':
      return Array.isArray(value) && value.every((c) => /^[A-Z]{2}$/.test(c)) && new Set(value).size === value.length ? null : 'a list of distinct ISO 3166-1 alpha-2 codes';
    case 'list':
      return Array.isArray(value) ? null : 'a list of strings';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'text':
      return typeof value === 'string' ? null : 'a string';
  }
}

/**
 * Parses one parameter file.
 * @throws EngineError INVALID_PARAMETER naming the file and the key.
 * @example const p = parseParameter('eu/apr/art-51/max-weeks', yamlText);
 */
export function parseParameter(id: string, text: string): Parameter {
  let raw: unknown;
  try {
    raw = parse(text, { uniqueKeys: true, schema: 'core' });
  } catch (error) {
    throw new EngineError('INVALID_PARAMETER', id, `not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const rawValues = (raw as { values?: unknown } | null)?.values;
  if (rawValues && typeof rawValues === 'object') {
    const bad = Object.keys(rawValues).find((key) => !isIsoDate(key));
    if (bad) throw new EngineError('INVALID_PARAMETER', id, `values.${bad}: not a real ISO date (YYYY-MM-DD)`);
  }
  const result = ZParameterFile.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys].join('.') : issue.path.join('.');
    throw new EngineError('INVALID_PARAMETER', id, `${key || '(root)'}: ${issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message}`);
  }
  const file = result.data;
  const values: DatedValue[] = Object.entries(file.values).sort(([a], [b]) => (a < b ? -1 : 1)).map(([from, v]) => {
    if (v.value !== null) {
      const problem = checkType(file.unit, v.value);
      if (problem) throw new EngineError('INVALID_PARAMETER', id, `values.${from}.value: expected ${problem} for unit ${file.unit}`);
    }
    return {
      from, value: v.value, reference: v.reference,
      ...(v.official_journal_date ? { officialJournalDate: v.official_journal_date } : {}),
      ...(v.last_value_still_valid_on ? { lastValueStillValidOn: v.last_value_still_valid_on } : {}),
      ...(v.note ? { note: v.note } : {}),
    };
  });
  if (values[0]!.value === null) throw new EngineError('INVALID_PARAMETER', id, `values.${values[0]!.from}: the first value cannot be null`);
  return { id, description: file.description, unit: file.unit, values };
}

/**
 * The dated value in force on `on`, or `null` when none is (before the first value, or ended).
 * Dates compare as ISO strings.
 */
export function valueEntryAt(parameter: Parameter, on: IsoDate): DatedValue | null {
  let found: DatedValue | null = null;
  for (const entry of parameter.values) {
    if (entry.from > on) break;
    found = entry;
  }
  return found && found.value !== null ? found : null;
}

/** Reads a parameter on a date. @throws EngineError PARAMETER_NOT_IN_FORCE. */
export function readParameter(parameter: Parameter, on: IsoDate): ParameterReading {
  const entry = valueEntryAt(parameter, on);
  if (!entry) {
    const first = parameter.values[0]!.from;
    const reason = on < first ? `its first value applies from ${first}` : 'its last value was ended';
    throw new EngineError('PARAMETER_NOT_IN_FORCE', parameter.id, `no value in force on ${on}: ${reason}`);
  }
  return { id: parameter.id, on, value: entry.value as ParameterValue, from: entry.from, reference: entry.reference };
}

/** Every date on which some value of the parameter changes (for the straddle check of legal tests). */
export function changeDates(parameter: Parameter): IsoDate[] {
  return parameter.values.map((v) => v.from);
}
