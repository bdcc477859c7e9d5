/**
 * @module rules/engine/rule
 * Rules with versions by date (after OpenFisca's `formula_YYYY_MM_DD` and `end`): every rule declares
 * its legal basis per version and the window it is in force; the version in force on the evaluation
 * date answers. A date before the first version or after `end` is an explicit RULE_NOT_IN_FORCE,
 * never a silent default. Definitions are checked when they are made: `end` must follow every version.
 *
 * Exceptions are written as exceptions (after Catala's `exception … under condition`): a default
 * conclusion and named exceptions with priorities and their own citations, declared once with
 * `defineDefault` (or, for conclusions already built, passed to `decide`). The applicable exception
 * of highest priority wins; two applicable exceptions of equal priority that disagree are a conflict
 * in the law's encoding, reported as an error rather than resolved by order.
 *
 * Many rules are evaluated on one date: `evaluateIn` takes a context made once for that date
 * (`ParameterSet.at(on)`, or `tracedContext`), so that evaluating a rule builds nothing.
 */
import { isIsoDate, type IsoDate } from './dates.ts';
import { EngineError } from './errors.ts';
import { readParameter, valueEntryAt, type Citation, type Parameter, type ParameterValue } from './parameters.ts';
import type { Tracer } from './trace.ts';

/**
 * What a rule's evaluation receives besides its facts: the date, the parameters in force on it and the
 * tracer. One context serves every rule evaluated on a date (untraced, `ParameterSet.at(on)` is one).
 */
export interface RuleContext {
  on: IsoDate;
  /** Reads a parameter on `on` (traced with its citation). */
  param<T extends ParameterValue = ParameterValue>(id: string): T;
  /** Records that a fact was read (only when tracing). */
  input(path: string, value: unknown): void;
  tracer: Tracer | null;
}

export interface RuleVersion<F, R> {
  /** The provisions this version rests on, in the version in force. */
  basis: Citation[];
  evaluate(facts: F, ctx: RuleContext, version: ResolvedVersion<F, R>): R;
}

export interface RuleDefinition<F, R> {
  id: string;
  label: string;
  /** Versions keyed by the ISO date they take effect. */
  versions: Record<IsoDate, RuleVersion<F, R>>;
  /** Last day in force, when the rule was repealed. */
  end?: IsoDate;
}

export interface ResolvedVersion<F, R> extends RuleVersion<F, R> {
  from: IsoDate;
  rule: Rule<F, R>;
}

export interface Rule<F, R> {
  id: string;
  label: string;
  /** Last day in force, `undefined` while the rule is not repealed. */
  end: IsoDate | undefined;
  /** Sorted by `from`. */
  versions: ResolvedVersion<F, R>[];
  /** The version in force on `on`, or `null`. */
  versionOn(on: IsoDate): ResolvedVersion<F, R> | null;
}

/**
 * Defines a rule. @throws EngineError INVALID_RULE when a date is malformed or `end` precedes a version.
 * @example
 * const maxWeeks = defineRule({ id: 'border-max', label: 'Maximum border procedure', versions: {
 *   '2026-06-12': { basis: [APR_51_2], evaluate: (facts, { param }) => param<number>('eu/apr/art-51/max-weeks') } } });
 */
export function defineRule<F, R>(definition: RuleDefinition<F, R>): Rule<F, R> {
  const dates = Object.keys(definition.versions).sort();
  if (dates.length === 0) throw new EngineError('INVALID_RULE', definition.id, 'a rule needs at least one version');
  for (const date of dates) {
    if (!isIsoDate(date)) throw new EngineError('INVALID_RULE', definition.id, `version key ${date} is not an ISO date`);
    if (definition.versions[date]!.basis.length === 0) throw new EngineError('INVALID_RULE', definition.id, `version ${date} cites no legal basis`);
  }
  if (definition.end !== undefined) {
    if (!isIsoDate(definition.end)) throw new EngineError('INVALID_RULE', definition.id, `end ${definition.end} is not an ISO date`);
    const late = dates.find((d) => d > definition.end!);
    if (late) throw new EngineError('INVALID_RULE', definition.id, `end ${definition.end} is before version ${late}`);
  }
  const rule: Rule<F, R> = {
    id: definition.id,
    label: definition.label,
    end: definition.end,
    versions: [],
    versionOn: (on) => versionIn(rule, on),
  };
  rule.versions = dates.map((from) => ({ ...definition.versions[from]!, from, rule }));
  return rule;
}

/** The version of `rule` in force on `on`, or `null` (one function for every rule, so that `evaluate` can inline it). */
function versionIn<F, R>(rule: Rule<F, R>, on: IsoDate): ResolvedVersion<F, R> | null {
  if (rule.end !== undefined && on > rule.end) return null;
  // Latest first: most dates fall under the latest version, found with one comparison.
  const versions = rule.versions;
  for (let k = versions.length - 1; k >= 0; k--) if (versions[k]!.from <= on) return versions[k]!;
  return null;
}

/** Marks a parameter that has no value in force in a period (before its first value, or ended). */
const NOT_IN_FORCE: unique symbol = Symbol('not in force');
/**
 * A period's values by parameter id. A plain object without prototype rather than a Map: its keys are
 * internalised strings, so a lookup with an id written in the law's code compares pointers, where a
 * Map keyed by the ids the loader computed compares every character of the id.
 */
type PeriodValues = Readonly<Record<string, ParameterValue | typeof NOT_IN_FORCE>>;

/**
 * Parameters by id. Values change only on the dates some dated value takes effect, so the set splits
 * time into periods between those dates and holds, for each period, every parameter's value in force:
 * reading a parameter on a date is finding the date's period (a few string comparisons) and one
 * lookup, with nothing built per read and nothing cached per date.
 */
export class ParameterSet {
  private readonly byId: Map<string, Parameter>;
  /** Every date on which some parameter's value changes, ascending. */
  private readonly changes: IsoDate[];
  /** `periods[k]` holds the values in force from `changes[k]` until the next change; `before` those before the first. */
  private readonly periods: PeriodValues[];
  private readonly before: PeriodValues;

  constructor(parameters: Iterable<Parameter>) {
    this.byId = new Map([...parameters].map((p) => [p.id, p]));
    this.changes = [...new Set([...this.byId.values()].flatMap((p) => p.values.map((v) => v.from)))].sort();
    const valuesOn = (on: IsoDate | null): PeriodValues => {
      const values: Record<string, ParameterValue | typeof NOT_IN_FORCE> = Object.create(null);
      for (const p of this.byId.values()) {
        const entry = on === null ? null : valueEntryAt(p, on);
        values[p.id] = entry ? entry.value as ParameterValue : NOT_IN_FORCE;
      }
      return values;
    };
    this.periods = this.changes.map(valuesOn);
    this.before = valuesOn(null);
  }

  get(id: string): Parameter {
    const p = this.byId.get(id);
    if (!p) throw new EngineError('PARAMETER_MISSING', id, 'no such parameter');
    return p;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): Parameter[] {
    return [...this.byId.values()];
  }

  /** The values in force in the period that contains `on`. */
  private period(on: IsoDate): PeriodValues {
    for (let k = this.changes.length - 1; k >= 0; k--) {
      if (this.changes[k]! <= on) return this.periods[k]!;
    }
    return this.before;
  }

  /** Value on a date; the reading with its citation goes to `tracer` when tracing is on. */
  value(id: string, on: IsoDate, tracer: Tracer | null): ParameterValue {
    if (tracer) {
      const reading = readParameter(this.get(id), on);
      tracer.parameter(reading);
      return reading.value;
    }
    return valueIn(this, this.period(on), id, on);
  }

  /**
   * The parameters as in force on one date, for a caller that evaluates many rules on that date.
   * @example const values = BASELINE.at('2026-08-01'); values.param('eu/apr/art-51/max-weeks') // 12
   */
  at(on: IsoDate): ParameterValues {
    return new ParameterValues(this, on, this.period(on));
  }

  /** A copy with some parameters replaced (what-if overlays never touch the baseline). */
  withOverrides(overrides: Iterable<Parameter>): ParameterSet {
    const merged = new Map(this.byId);
    for (const p of overrides) merged.set(p.id, p);
    return new ParameterSet(merged.values());
  }
}

/** The value of `id` in `period`, read on `on`. @throws EngineError PARAMETER_MISSING, PARAMETER_NOT_IN_FORCE. */
function valueIn(set: ParameterSet, period: PeriodValues, id: string, on: IsoDate): ParameterValue {
  const value = period[id];
  // Missing or not in force: readParameter throws the error that names the parameter, the date and why.
  if (value === undefined || value === NOT_IN_FORCE) return readParameter(set.get(id), on).value;
  return value;
}

const NOOP_INPUT = () => {};

/**
 * The parameters of a set as in force on one date (see `ParameterSet.at`). It is also the untraced
 * context of every rule evaluated on that date, so that evaluating a rule allocates no context.
 */
export class ParameterValues implements RuleContext {
  readonly set: ParameterSet;
  readonly on: IsoDate;
  readonly tracer = null;
  readonly input = NOOP_INPUT;
  /** Reads a parameter on `on`, untraced; a plain function, so rules may take it out of their context. */
  readonly param: <T extends ParameterValue = ParameterValue>(id: string) => T;

  constructor(set: ParameterSet, on: IsoDate, period: PeriodValues) {
    this.set = set;
    this.on = on;
    this.param = <T extends ParameterValue>(id: string) => valueIn(set, period, id, on) as T;
  }
}

export interface EvaluateOptions<F> {
  on: IsoDate;
  facts: F;
  /** The parameter set, or its values on `on` (`set.at(on)`) when evaluating many rules on one date. */
  parameters: ParameterSet | ParameterValues;
  tracer?: Tracer | null;
}

/**
 * Evaluates a rule on a date with the version in force. With tracing off nothing is built for the
 * trace: the rule's context is the date's `ParameterValues`, shared by every rule evaluated on it.
 * @throws EngineError RULE_NOT_IN_FORCE.
 */
export function evaluate<F, R>(rule: Rule<F, R>, { on, facts, parameters, tracer = null }: EvaluateOptions<F>): R {
  const set = parameters instanceof ParameterSet ? parameters : parameters.set;
  const ctx = tracer ? tracedContext(set, on, tracer) : parameters instanceof ParameterValues && parameters.on === on ? parameters : set.at(on);
  return evaluateIn(rule, facts, ctx);
}

/**
 * The context in which rules evaluated on one date record their parameter readings and inputs in
 * `tracer` (each under the node of the rule being evaluated). Untraced, the context is `set.at(on)`.
 */
export function tracedContext(set: ParameterSet, on: IsoDate, tracer: Tracer): RuleContext {
  return {
    on, tracer,
    input: (path, value) => tracer.input(path, value),
    param: (id) => set.value(id, on, tracer) as never,
  };
}

/**
 * Evaluates a rule in a context made once for every rule evaluated on its date (`set.at(on)`, or
 * `tracedContext(set, on, tracer)`), with the version in force on that date: what `evaluate` does,
 * without building a context per rule.
 * @throws EngineError RULE_NOT_IN_FORCE.
 * @example const values = BASELINE.at(on); evaluateIn(accessRule, situation, values);
 */
export function evaluateIn<F, R>(rule: Rule<F, R>, facts: F, ctx: RuleContext): R {
  const version = versionIn(rule, ctx.on) ?? notInForce(rule, ctx.on);
  if (ctx.tracer === null) return version.evaluate(facts, ctx, version);
  return evaluateTraced(version, facts, ctx, ctx.tracer);
}

function notInForce(rule: Rule<unknown, unknown>, on: IsoDate): never {
  const first = rule.versions[0]!.from;
  throw new EngineError('RULE_NOT_IN_FORCE', rule.id, on < first ? `not in force on ${on}: first version applies from ${first}` : `not in force on ${on}: ended on ${rule.end}`);
}

/** The traced evaluation: the rule's node in the trace, with what it concluded or the error it raised. */
function evaluateTraced<F, R>(version: ResolvedVersion<F, R>, facts: F, ctx: RuleContext, tracer: Tracer): R {
  tracer.enter({ rule: version.rule.id, version: version.from, on: ctx.on, basis: version.basis });
  try {
    const result = version.evaluate(facts, ctx, version);
    tracer.exit(result);
    return result;
  } catch (error) {
    tracer.exit({ error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/** A default conclusion with named exceptions. */
export interface Exception<C> {
  id: string;
  /** Higher wins. */
  priority: number;
  applies: boolean;
  then: C;
}

const IDENTICAL = (a: unknown, b: unknown) => a === b;

/**
 * Resolves a default and its exceptions whose conclusions are already built (`decideDefault` builds only
 * the winner's). Pass `same` to compare conclusions (default: ===).
 * @throws EngineError INVALID_RULE when two applicable exceptions of equal priority disagree.
 * @example decide(ctx, 'stc', defaultNo, [{ id: 'transit', priority: 1, applies: transited, then: yes }])
 */
export function decide<C>(tracer: Tracer | null, where: string, fallback: C, exceptions: Array<Exception<C>>, same: (a: C, b: C) => boolean = IDENTICAL): C {
  let best: Exception<C> | null = null;
  for (const e of exceptions) {
    if (tracer) tracer.exception(e.id, e.applies);
    if (!e.applies) continue;
    if (!best || e.priority > best.priority) best = e;
    else if (e.priority === best.priority && !same(e.then, best.then)) {
      throw new EngineError('INVALID_RULE', where, `exceptions ${best.id} and ${e.id} both apply with priority ${e.priority} and disagree`);
    }
  }
  return best ? best.then : fallback;
}

/** One exception to a default, declared once: when it applies to the facts, and what it concludes then. */
export interface ExceptionRule<F, C> {
  id: string;
  /** Higher wins. */
  priority: number;
  applies(facts: F): boolean;
  /** Called only when this exception is the one that decides, so only the winning conclusion is built. */
  then(facts: F): C;
}

/**
 * A default conclusion and its named exceptions, declared once beside the law they encode (Catala's
 * `exception … under condition …`): `otherwise` is the default, each exception names the carve-out
 * and concludes with its own citation.
 */
export interface DefaultRule<F, C> {
  id: string;
  otherwise(facts: F): C;
  exceptions: ReadonlyArray<ExceptionRule<F, C>>;
}

/**
 * Declares a default with exceptions. @throws EngineError INVALID_RULE when two exceptions share an id.
 * @example
 * const stc = defineDefault<Facts, Conclusion>({ id: 'stc', otherwise: () => no, exceptions: [
 *   { id: 'connection', priority: 1, applies: (f) => f.connected, then: (f) => yes(f) }] });
 */
export function defineDefault<F, C>(definition: DefaultRule<F, C>): DefaultRule<F, C> {
  const ids = definition.exceptions.map((e) => e.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new EngineError('INVALID_RULE', definition.id, `exception ${twice} is declared twice`);
  return definition;
}

/**
 * What a declared default concludes on `facts`: the applicable exception of highest priority, else the
 * default. Every exception is considered (and traced with whether it applied); only the winner's
 * conclusion is built. Pass `same` to compare conclusions (default: ===).
 * @throws EngineError INVALID_RULE when two applicable exceptions of equal priority disagree.
 */
export function decideDefault<F, C>(rule: DefaultRule<F, C>, facts: F, tracer: Tracer | null, same: (a: C, b: C) => boolean = IDENTICAL): C {
  let best: ExceptionRule<F, C> | null = null;
  for (const e of rule.exceptions) {
    const applies = e.applies(facts);
    if (tracer) tracer.exception(e.id, applies);
    if (!applies) continue;
    if (!best || e.priority > best.priority) best = e;
    else if (e.priority === best.priority && !same(e.then(facts), best.then(facts))) {
      throw new EngineError('INVALID_RULE', rule.id, `exceptions ${best.id} and ${e.id} both apply with priority ${e.priority} and disagree`);
    }
  }
  return best ? best.then(facts) : rule.otherwise(facts);
}
