/**
 * @module web/screens/law/facts-editor
 * The logic of the facts editor: reading the JSON the user typed (with the line and column of a
 * syntax error), reading and writing the few fields the form offers by path, and sorting the API's
 * validation errors between those fields and the JSON editor. The API (POST /api/law/assess) remains
 * the judge of what is valid; this only places its answers where the user is looking.
 */
import type { FieldProblem } from '../../api/problem.ts';
import type { MessageKey } from '../../i18n/messages/en.ts';

export type Facts = Record<string, unknown>;

export type ParsedFacts =
  | { ok: true; facts: Facts }
  | { ok: false; reason: 'syntax'; detail: string; line: number | null; column: number | null }
  | { ok: false; reason: 'not-object' };

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * Where JSON text first goes wrong (RFC 8259 grammar), or null when it is valid. Engines word syntax
 * errors differently and some give no position at all, so the editor finds it itself.
 */
export function locateJsonError(text: string): number | null {
  let i = 0;
  const space = () => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1; };
  const match = (pattern: RegExp) => {
    pattern.lastIndex = i;
    const found = pattern.exec(text);
    if (!found) return false;
    i += found[0].length;
    return true;
  };
  const value = (): boolean => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i += 1;
      space();
      if (text[i] === close) { i += 1; return true; }
      for (;;) {
        if (c === '{') {
          space();
          if (!match(STRING)) return false;
          space();
          if (text[i] !== ':') return false;
          i += 1;
        }
        if (!value()) return false;
        space();
        if (text[i] === close) { i += 1; return true; }
        if (text[i] !== ',') return false;
        i += 1;
      }
    }
    if (c === '"') return match(STRING);
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) { i += literal.length; return true; }
    }
    return match(NUMBER);
  };
  const ok = value();
  space();
  return ok && i === text.length ? null : i;
}

/**
 * Parses the editor's text; a syntax error comes with its line and column.
 * @example parseFactsText('{"a": }') // { ok: false, reason: 'syntax', line: 1, column: 7, … }
 */
export function parseFactsText(text: string): ParsedFacts {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = locateJsonError(text);
    const where = position === null ? null : lineAndColumn(text, position);
    return { ok: false, reason: 'syntax', detail: (error as Error).message, line: where?.line ?? null, column: where?.column ?? null };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not-object' };
  return { ok: true, facts: value as Facts };
}

/** The value at a dotted path (`person.nationality`), or undefined. */
export function getAt(facts: Facts, path: string): unknown {
  let node: unknown = facts;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * A copy of the facts with the value at `path` set, or removed when `value` is undefined — and then
 * any section left empty removed too, since a missing field means "not known".
 * @example setAt({}, 'application.madeOn', '2026-07-12') // { application: { madeOn: '2026-07-12' } }
 */
export function setAt(facts: Facts, path: string, value: unknown): Facts {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const copy: Facts = { ...facts };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = copy[head];
  const updated = setAt(typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Facts) : {}, rest.join('.'), value);
  if (Object.keys(updated).length === 0) delete copy[head];
  else copy[head] = updated;
  return copy;
}

export type GuidedKind = 'country' | 'nationality' | 'date' | 'known-boolean';

export interface GuidedField {
  path: string;
  kind: GuidedKind;
  label: MessageKey;
}

/** The fields the form offers next to the JSON: the two required ones and the ones most cases turn on. */
export const GUIDED_FIELDS: readonly GuidedField[] = [
  { path: 'memberState', kind: 'country', label: 'facts.memberState' },
  { path: 'person.nationality', kind: 'nationality', label: 'facts.nationality' },
  { path: 'application.madeOn', kind: 'date', label: 'facts.madeOn' },
  { path: 'application.atExternalBorder', kind: 'known-boolean', label: 'facts.atExternalBorder' },
  { path: 'application.subsequent', kind: 'known-boolean', label: 'facts.subsequent' },
  { path: 'person.unaccompaniedMinor', kind: 'known-boolean', label: 'facts.unaccompaniedMinor' },
];

/** The API's field errors split: those of a guided field (by its path) and the rest. */
export function placeErrors(errors: readonly FieldProblem[], fields: readonly GuidedField[] = GUIDED_FIELDS): { byField: Map<string, string[]>; others: FieldProblem[] } {
  const byField = new Map<string, string[]>();
  const others: FieldProblem[] = [];
  for (const error of errors) {
    if (fields.some((f) => f.path === error.path)) byField.set(error.path, [...(byField.get(error.path) ?? []), error.message]);
    else others.push(error);
  }
  return { byField, others };
}

/** Facts to start from, after ../shared/DOMAIN.md's example. */
export const EXAMPLES: ReadonlyArray<{ label: MessageKey; facts: Facts }> = [
  {
    label: 'facts.exampleBorder',
    facts: {
      memberState: 'IT',
      person: { nationality: 'BD', age: 29, sex: 'M', vulnerabilities: [] },
      journey: { transits: [{ country: 'RS', days: 21, couldHaveSoughtProtection: true }], interception: { date: '2026-07-10', area: 'international-waters', byMemberStateAuthorities: true } },
      application: { madeOn: '2026-07-12', registeredOn: '2026-07-13', atExternalBorder: true },
    },
  },
  {
    label: 'facts.exampleAppeal',
    facts: {
      memberState: 'GR',
      person: { nationality: 'SY' },
      journey: { stays: [{ country: 'TR', months: 14 }] },
      application: { madeOn: '2026-06-20' },
      decision: { kind: 'stc-inadmissibility', on: '2026-08-01' },
    },
  },
];
