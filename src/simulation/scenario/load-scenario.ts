/**
 * @module simulation/scenario/load-scenario
 * Reads a scenario (YAML or JSON text, or an object from an API body) and validates it: the strict
 * schema, then what the schema cannot say alone — a capacity names exactly one of places, perMonth
 * or factor, and the one its resource counts in; a return hub's capacity names an agreement the
 * scenario or the registry knows; a national designation names its Member State. Every problem is
 * reported with the path of its field (`changes.2.places`).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ZScenario, type Scenario } from './schema.ts';

export interface ScenarioProblem {
  path: string;
  message: string;
}

export type ParsedScenario = { ok: true; scenario: Scenario } | { ok: false, errors: ScenarioProblem[] };

export interface ParseScenarioOptions {
  /** Agreement ids the registry already holds (a return hub's capacity may name one of these). */
  knownAgreements?: readonly string[];
}

const STOCKS = new Set(['border-procedure', 'return-hub']);

/** Cross-field checks on a scenario the schema accepted. */
function check(scenario: Scenario, knownAgreements: readonly string[]): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const agreements = new Set([...knownAgreements, ...scenario.changes.flatMap((c) => (c.kind === 'agreement' ? [c.agreement.id] : []))]);
  scenario.changes.forEach((c, i) => {
    const at = (field: string) => `changes.${i}.${field}`;
    if (c.kind === 'capacity') {
      const given = (['places', 'perMonth', 'factor'] as const).filter((f) => c[f] !== undefined);
      if (given.length !== 1) problems.push({ path: at('factor'), message: 'give exactly one of places, perMonth or factor' });
      const unit = STOCKS.has(c.resource) ? 'places' : 'perMonth';
      const wrong = unit === 'places' ? 'perMonth' : 'places';
      if (c[wrong] !== undefined) problems.push({ path: at(wrong), message: `${c.resource} is counted in ${unit}, not ${wrong}` });
      if (c.resource === 'return-hub') {
        if (!c.agreement) problems.push({ path: at('agreement'), message: 'a return hub\'s capacity names its agreement' });
        else if (!agreements.has(c.agreement)) problems.push({ path: at('agreement'), message: `no agreement ${c.agreement} in the scenario or the registry` });
      } else if (c.agreement !== undefined) problems.push({ path: at('agreement'), message: `only a return-hub capacity names an agreement` });
      if (c.resource === 'stc-admissions' && !c.partner) problems.push({ path: at('partner'), message: 'stc-admissions names the admitting country' });
      if (c.resource !== 'stc-admissions' && c.partner !== undefined) problems.push({ path: at('partner'), message: 'only stc-admissions names a partner country' });
      if ((c.resource === 'return-hub' || c.resource === 'stc-admissions') && c.memberState !== undefined) {
        problems.push({ path: at('memberState'), message: `${c.resource} is shared by the Member States of the agreement or designation` });
      }
    }
    if (c.kind === 'designation') {
      const d = c.designation;
      if (d.level === 'national' && !d.memberState) problems.push({ path: at('designation.memberState'), message: 'a national designation names its Member State' });
      if (d.level === 'eu' && d.memberState) problems.push({ path: at('designation.memberState'), message: 'an EU designation names no Member State' });
      if (d.to && d.to < c.from) problems.push({ path: at('designation.to'), message: `${d.to} is before from (${c.from})` });
    }
    if (c.kind === 'agreement' && c.agreement.to && c.agreement.to < c.from) problems.push({ path: at('agreement.to'), message: `${c.agreement.to} is before from (${c.from})` });
  });
  return problems;
}

/**
 * Validates a scenario object.
 * @example const parsed = parseScenario({ id: 'baseline', title: 'Baseline', changes: [] }); parsed.ok // true
 */
export function parseScenario(input: unknown, { knownAgreements = [] }: ParseScenarioOptions = {}): ParsedScenario {
  const result = ZScenario.safeParse(input);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.flatMap((issue) => issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => ({ path: [...issue.path, k].join('.'), message: 'unknown field' }))
        : [{ path: issue.path.join('.') || '(root)', message: issue.message }]),
    };
  }
  const errors = check(result.data, knownAgreements);
  return errors.length ? { ok: false, errors } : { ok: true, scenario: result.data };
}

/**
 * Reads and validates a scenario file (`.yaml`, `.yml` or `.json`).
 * @throws Error when the file cannot be read or is not YAML/JSON (the message names the file).
 */
export function loadScenarioFile(path: string, options: ParseScenarioOptions = {}): ParsedScenario {
  const text = readFileSync(path, 'utf8');
  let input: unknown;
  try {
    input = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    return { ok: false, errors: [{ path: '(file)', message: `${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}` }] };
  }
  return parseScenario(input, options);
}
