/**
 * @module law/assess
 * The law engine's one entry point: facts and a date in, the DOMAIN.md answer out. Every question is
 * answered where it can be asked (per nationality, per third country, per agreement), with its basis
 * and reasons; deadlines follow; `trace` adds the rules fired with the parameters read and their
 * citations.
 */
import { EngineError } from '../src/rules/engine/errors.ts';
import { loadParameters } from '../src/rules/engine/loader.ts';
import { evaluateIn, ParameterSet, tracedContext, type Rule, type RuleContext } from '../src/rules/engine/rule.ts';
import { Tracer, type TraceNode } from '../src/rules/engine/trace.ts';
import type { IsoDate } from '../src/rules/engine/dates.ts';
import type { Citation } from '../src/rules/engine/parameters.ts';
import { LAW_DIR } from './cite.ts';
import { computeDeadlines } from './deadlines.ts';
import type { Facts } from './facts.ts';
import type { Conclusion, Deadline, Finding, Question } from './finding.ts';
import { accessToProcedure } from './questions/access.ts';
import { offshoreProcessing, oneToOneReturn, removalRule, returnHubTransfer, type AgreementSubject } from './questions/movements.ts';
import { acceleratedProcedure, appealSuspensive, borderProcedureAllowed, borderProcedureMandatory, subsequentInadmissibility, type ProcedureSubject } from './questions/procedures.ts';
import { scoPresumption } from './questions/safe-country-of-origin.ts';
import { fcaInadmissibility, stcInadmissibility } from './questions/third-countries.ts';
import { buildSituation, EARLIEST_DATE, type Regime, type Situation } from './situation.ts';
import { DEFAULT_REGISTRY, type LawRegistry } from './registry.ts';

/** The baseline parameters of the law package, loaded once. */
export const BASELINE = new ParameterSet(loadParameters({ root: LAW_DIR, folders: ['eu'] }));

/** Every rule of the package, for the catalogue. */
export const RULES: ReadonlyArray<Rule<any, Conclusion>> = [scoPresumption, stcInadmissibility, fcaInadmissibility, subsequentInadmissibility,
  acceleratedProcedure, borderProcedureAllowed, borderProcedureMandatory, appealSuspensive, offshoreProcessing, returnHubTransfer,
  oneToOneReturn, removalRule, accessToProcedure];

/** EU Member States: never a "third country" for the safe-country concepts or removal. */
const MEMBER_STATES = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);

export interface Assessment {
  assessedOn: IsoDate;
  regime: Regime;
  findings: Finding[];
  deadlines: Deadline[];
  trace?: TraceNode[];
}

export interface AssessOptions {
  facts: Facts;
  on: IsoDate;
  trace?: boolean;
  /** Parameters to use (a what-if overlay); default the baseline. */
  parameters?: ParameterSet;
  /**
   * The registry facts in force (designations, readmission, agreements, crisis authorisations,
   * recognition rates), which the facts' own `context` overrides; default the law package's
   * `registry/defaults.yaml`.
   */
  registry?: LawRegistry;
}

/** What the questions of one assessment share: the rules' context on the date (parameters, tracer) and the findings so far. */
interface Asking {
  ctx: RuleContext;
  tracer: Tracer | null;
  findings: Finding[];
}

function ask<F>(asking: Asking, rule: Rule<F, Conclusion>, subject: F): Conclusion {
  return evaluateIn(rule, subject, asking.ctx);
}

function pushOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/** Whether an item of `list` appears twice (lists here are a handful of items, so pairwise). */
function hasRepeats(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) {
    for (let j = 0; j < i; j++) if (list[i] === list[j]) return true;
  }
  return false;
}

/** `list` without repeats, in the order of first appearance, as a new array. */
function distinct(list: readonly string[]): string[] {
  if (!hasRepeats(list)) return list.slice();
  const out: string[] = [];
  for (const item of list) pushOnce(out, item);
  return out;
}

/** A node of {@link titles}' index: the bases that start with the same citations. */
interface BasisNode {
  titles: string[] | null;
  next: Map<Citation, BasisNode> | null;
}

/** Every basis seen, by its citations in order. The law cites from module constants, so the index stays small. */
const BASES: BasisNode = { titles: null, next: null };
/** A bound on the index, should some caller build citations per assessment: past it, titles are listed afresh. */
const MAX_BASES = 10_000;
let basesKept = 0;

/**
 * The titles of `basis`, each once, in the order of first appearance. A finding's basis is one frozen
 * list per distinct basis (the same citations in the same order), shared by every finding that rests
 * on it, so that recording a finding lists no titles.
 */
function titles(basis: readonly Citation[]): string[] {
  let node = BASES;
  for (const citation of basis) {
    let next = node.next?.get(citation);
    if (next === undefined) {
      if (basesKept >= MAX_BASES) return distinct(basis.map((c) => c.title));
      next = { titles: null, next: null };
      (node.next ??= new Map()).set(citation, next);
      basesKept++;
    }
    node = next;
  }
  return node.titles ??= Object.freeze(distinct(basis.map((c) => c.title))) as string[];
}

/**
 * A conclusion's reasons as a finding's `because`, each once. A conclusion is recorded once, so its
 * list becomes the finding's; traced, the trace keeps the conclusion too, and the finding gets a copy.
 */
function reasons(asking: Asking, because: string[]): string[] {
  return asking.tracer || hasRepeats(because) ? distinct(because) : because;
}

/** Records a conclusion as the finding for `question`. */
function record(asking: Asking, question: Question, c: Conclusion): void {
  asking.findings.push({ question, outcome: c.outcome, basis: titles(c.basis), because: reasons(asking, c.because) });
}

/** Records a conclusion as the finding for `question` about one country. */
function recordFor(asking: Asking, question: Question, country: string, c: Conclusion): void {
  asking.findings.push({ question, country, outcome: c.outcome, basis: titles(c.basis), because: reasons(asking, c.because) });
}

/** Records a conclusion as the finding for `question` under one agreement. */
function recordUnder(asking: Asking, question: Question, agreement: string, c: Conclusion): void {
  asking.findings.push({ question, agreement, outcome: c.outcome, basis: titles(c.basis), because: reasons(asking, c.because) });
}

function isThirdCountry(s: Situation, country: string): boolean {
  return !MEMBER_STATES.has(country) && country !== s.origin;
}

/** Countries that may be safe third countries: the journey's, the designated ones, the arrangements' partners; once each, in that order. */
function stcCountries(s: Situation): string[] {
  const out: string[] = [];
  for (const c of s.journeyCountries) if (isThirdCountry(s, c)) pushOnce(out, c);
  for (const d of s.designations) if (d.kind === 'safe-third-country' && isThirdCountry(s, d.country)) pushOnce(out, d.country);
  for (const a of s.agreements) if (a.kind === 'stc-arrangement' && isThirdCountry(s, a.partner)) pushOnce(out, a.partner);
  return out;
}

/** Countries removal to which is asked about: origin, the journey's, readmission and return-hub partners; once each, no Member State. */
function removalCountries(s: Situation): string[] {
  const out: string[] = [];
  if (s.origin && !MEMBER_STATES.has(s.origin)) out.push(s.origin);
  for (const c of s.journeyCountries) if (!MEMBER_STATES.has(c)) pushOnce(out, c);
  for (const a of s.agreements) if ((a.kind === 'readmission' || a.kind === 'return-hub') && !MEMBER_STATES.has(a.partner)) pushOnce(out, a.partner);
  return out;
}

/** @throws EngineError RULE_NOT_IN_FORCE for a date before the earliest law encoded. */
function checkInForce(on: IsoDate): void {
  if (on < EARLIEST_DATE) {
    throw new EngineError('RULE_NOT_IN_FORCE', 'law', `the law package encodes the law from ${EARLIEST_DATE} (Directive 2013/32/EU); ${on} is earlier`);
  }
}

/**
 * Assesses validated facts on a date.
 * @throws EngineError RULE_NOT_IN_FORCE for a date before the earliest law encoded.
 * @example const a = assess({ facts, on: '2026-08-01' }); a.findings.find((f) => f.question === 'removal');
 */
export function assess({ facts, on, trace = false, parameters = BASELINE, registry = DEFAULT_REGISTRY }: AssessOptions): Assessment {
  checkInForce(on);
  const tracer = trace ? new Tracer() : null;
  const result = assessIn(facts, on, tracer ? tracedContext(parameters, on, tracer) : parameters.at(on), tracer, registry);
  if (tracer) result.trace = tracer.roots;
  return result;
}

/** Every question and deadline on `on`, in the rules' context for that date (`ctx`, traced when `tracer` is given). */
function assessIn(facts: Facts, on: IsoDate, ctx: RuleContext, tracer: Tracer | null, registry: LawRegistry): Assessment {
  const s = buildSituation(facts, on, registry);
  const asking: Asking = { ctx, tracer, findings: [] };

  const sco = ask(asking, scoPresumption, s);
  if (s.origin) recordFor(asking, 'sco-presumption', s.origin, sco);
  else record(asking, 'sco-presumption', sco);

  const hasApplication = s.application !== null;
  if (hasApplication) {
    for (const country of stcCountries(s)) recordFor(asking, 'stc-inadmissibility', country, ask(asking, stcInadmissibility, { s, country }));
    for (const country of s.journeyCountries) {
      if (isThirdCountry(s, country)) recordFor(asking, 'fca-inadmissibility', country, ask(asking, fcaInadmissibility, { s, country }));
    }
    record(asking, 'subsequent-inadmissibility', ask(asking, subsequentInadmissibility, s));
  }
  const procedure: ProcedureSubject = { s, sco: sco.outcome, allowed: undefined };
  const accelerated = ask(asking, acceleratedProcedure, procedure);
  const borderAllowed = ask(asking, borderProcedureAllowed, procedure);
  if (hasApplication) {
    record(asking, 'accelerated-procedure', accelerated);
    record(asking, 'border-procedure-allowed', borderAllowed);
    const mandatory: ProcedureSubject = { s, sco: sco.outcome, allowed: borderAllowed };
    record(asking, 'border-procedure-mandatory', ask(asking, borderProcedureMandatory, mandatory));
  }
  if (s.decision) record(asking, 'appeal-suspensive', ask(asking, appealSuspensive, s));
  for (const agreement of s.agreements) {
    const subject: AgreementSubject = { s, agreement, sco: sco.outcome, borderAllowed: borderAllowed.outcome };
    if (agreement.kind === 'offshore-processing') recordUnder(asking, 'offshore-processing', agreement.id, ask(asking, offshoreProcessing, subject));
    if (agreement.kind === 'return-hub') recordUnder(asking, 'return-hub-transfer', agreement.id, ask(asking, returnHubTransfer, subject));
    if (agreement.kind === 'one-to-one' && on >= '2016-03-20') recordUnder(asking, 'one-to-one-return', agreement.id, ask(asking, oneToOneReturn, subject));
  }
  for (const country of removalCountries(s)) recordFor(asking, 'removal', country, ask(asking, removalRule, { s, country }));
  record(asking, 'access-to-procedure', ask(asking, accessToProcedure, s));

  const deadlines = computeDeadlines(s, asking.ctx.param as <T>(id: string) => T, { accelerated: accelerated.outcome, borderAllowed: borderAllowed.outcome });
  return { assessedOn: on, regime: s.regime, findings: asking.findings, deadlines };
}

/** One item of a batch: validated facts and the date to apply the law at. */
export interface AssessItem {
  facts: Facts;
  on: IsoDate;
}

/** Parameters and registry for a batch: one of each serves every item. */
export type BatchOptions = Pick<AssessOptions, 'parameters' | 'registry'>;

/**
 * Assesses a batch of validated facts, untraced, and hands each answer to `each` as soon as it is made,
 * in order, so that a caller keeping only what it needs (a count, a digest, a row) never holds a
 * batch's answers at once. Every answer is the one `assess` gives for the same item. What a batch
 * saves: the rules' context is made once per run of consecutive items on the same date rather than once
 * per item, and the options are read once.
 * @throws EngineError RULE_NOT_IN_FORCE at the first item dated before the earliest law encoded (the
 *   items before it have been handed over).
 * @example let removals = 0; assessEach(items, (a) => { removals += a.findings.filter((f) => f.question === 'removal').length; });
 */
export function assessEach(items: readonly AssessItem[], each: (answer: Assessment, index: number) => void,
  { parameters = BASELINE, registry = DEFAULT_REGISTRY }: BatchOptions = {}): void {
  let ctx: RuleContext | null = null;
  for (let i = 0; i < items.length; i++) {
    const { facts, on } = items[i]!;
    checkInForce(on);
    // Consecutive items on the same date share the rules' context: a batch on one date (a recomputation
    // of every open case, say) makes it once. Looking dates up in a map would cost more than it saves.
    if (ctx === null || ctx.on !== on) ctx = parameters.at(on);
    each(assessIn(facts, on, ctx, null, registry), i);
  }
}

/**
 * The answers to a batch (see {@link assessEach}), all kept: for batches whose answers are all needed.
 * @example const [first] = assessMany([{ facts, on: '2026-08-01' }]);
 */
export function assessMany(items: readonly AssessItem[], options: BatchOptions = {}): Assessment[] {
  const answers: Assessment[] = new Array(items.length);
  assessEach(items, (answer, i) => { answers[i] = answer; }, options);
  return answers;
}
