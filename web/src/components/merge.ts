/**
 * @module web/components/merge
 * Three-way merge of a stale edit, field by field: what the user read (`base`), what they wanted to
 * save (`mine`) and what the server holds now (`theirs`). A field only one side changed takes that
 * side's value; a field both changed differently is a conflict the user settles. Nested objects are
 * compared by dotted path, lists as a whole — as the registries' history records changes.
 */

type Json = unknown;
type Fields = Map<string, Json>;

export interface FieldConflict {
  path: string;
  base: Json;
  mine: Json;
  theirs: Json;
}

export interface MergePlan {
  /** Fields both sides changed, to different values. */
  conflicts: FieldConflict[];
  /** Fields only the user changed: their value is applied on top of the current record. */
  mineOnly: string[];
  /** Fields only somebody else changed: their value is kept. */
  theirsOnly: string[];
  theirs: Record<string, Json>;
  mine: Record<string, Json>;
  base: Record<string, Json>;
}

export type Choice = 'mine' | 'theirs';

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatten(value: Record<string, Json>, prefix = '', into: Fields = new Map()): Fields {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(child) && Object.keys(child).length > 0) flatten(child, path, into);
    else into.set(path, child);
  }
  return into;
}

/** Structural equality of JSON values (key order ignored). */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameJson(a[k], b[k]));
  }
  return false;
}

function setPath(target: Record<string, Json>, path: string, value: Json): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(node[part])) node[part] = {};
    node = node[part] as Record<string, Json>;
  }
  const last = parts[parts.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/**
 * Compares the three versions.
 * @example planMerge({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 }) // mineOnly ['a'], theirsOnly ['b'], no conflict
 */
export function planMerge(base: Record<string, Json>, mine: Record<string, Json>, theirs: Record<string, Json>): MergePlan {
  const [b, m, t] = [flatten(base), flatten(mine), flatten(theirs)];
  const paths = [...new Set([...b.keys(), ...m.keys(), ...t.keys()])].sort();
  const plan: MergePlan = { conflicts: [], mineOnly: [], theirsOnly: [], base, mine, theirs };
  for (const path of paths) {
    const [bv, mv, tv] = [b.get(path), m.get(path), t.get(path)];
    const mineChanged = !sameJson(bv, mv);
    const theirsChanged = !sameJson(bv, tv);
    if (mineChanged && theirsChanged && !sameJson(mv, tv)) plan.conflicts.push({ path, base: bv, mine: mv, theirs: tv });
    else if (mineChanged && !theirsChanged) plan.mineOnly.push(path);
    else if (theirsChanged && !mineChanged) plan.theirsOnly.push(path);
  }
  return plan;
}

/**
 * The merged record: the current one, with the user's own changes and, for each conflict, the side
 * chosen (the current value when no choice is given: nothing is overwritten by default).
 */
export function applyMerge(plan: MergePlan, choices: Record<string, Choice> = {}): Record<string, Json> {
  const merged = structuredClone(plan.theirs);
  const mine = flatten(plan.mine);
  for (const path of plan.mineOnly) setPath(merged, path, mine.get(path));
  for (const conflict of plan.conflicts) {
    if (choices[conflict.path] === 'mine') setPath(merged, conflict.path, conflict.mine);
  }
  return merged;
}
