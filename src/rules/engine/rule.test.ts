import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, fromDayNumber, toDayNumber } from './dates.ts';
import { parseParameter, readParameter } from './parameters.ts';
import { decideDefault, defineDefault, defineRule, evaluate, ParameterSet } from './rule.ts';
import { Tracer } from './trace.ts';

const REF = `    reference:
      - title: Regulation (EU) 2024/1348 Art. 51(2)
        href: https://eur-lex.europa.eu/eli/reg/2024/1348/oj`;

const weeks = parseParameter('weeks', `description: Border procedure maximum
unit: weeks
values:
  2026-06-12:
    value: 12
${REF}
  2027-01-01:
    value: 14
${REF}
`);
const repealed = parseParameter('repealed', `description: A repealed limit
unit: days
values:
  2015-07-20:
    value: 28
${REF}
  2026-06-12:
    value: null
${REF}
  2028-01-01:
    value: 30
${REF}
`);
const list = parseParameter('list', `description: Listed countries
unit: countries
values:
  2023-12-14:
    value: [TR, RS]
${REF}
`);
const SET = new ParameterSet([weeks, repealed, list]);

/** What reading a parameter gives: its value, or the error's code and message. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
}

const arbDate = fc.integer({ min: toDayNumber('2014-01-01'), max: toDayNumber('2029-12-31') }).map(fromDayNumber);

describe('ParameterSet', () => {
  it('reads on every date exactly what readParameter reads, errors included', () => {
    const dates = ['2015-07-19', '2015-07-20', '2023-12-13', '2023-12-14', '2026-06-11', '2026-06-12', '2026-12-31', '2027-01-01', '2027-12-31', '2028-01-01'];
    fc.assert(fc.property(fc.oneof(fc.constantFrom(...dates), arbDate), fc.constantFrom('weeks', 'repealed', 'list'), (on, id) => {
      const expected = outcome(() => readParameter(SET.get(id), on).value);
      assert.deepEqual(outcome(() => SET.value(id, on, null)), expected);
      assert.deepEqual(outcome(() => SET.at(on).param(id)), expected);
    }), { numRuns: 2_000 });
  });

  it('names a missing parameter', () => {
    assert.throws(() => SET.at('2026-08-01').param('nope'), { code: 'PARAMETER_MISSING' });
    assert.throws(() => SET.value('nope', '2026-08-01', null), { code: 'PARAMETER_MISSING' });
  });

  it('sends the reading with its citation to the tracer', () => {
    const tracer = new Tracer();
    tracer.enter({ rule: 'r', version: '2026-06-12', on: '2026-08-01', basis: [] });
    assert.equal(SET.value('weeks', '2026-08-01', tracer), 12);
    assert.equal(tracer.roots[0]!.parameters[0]!.reference[0]!.title, 'Regulation (EU) 2024/1348 Art. 51(2)');
  });

  it('replaces parameters in an overlay and leaves the baseline alone', () => {
    const overlay = SET.withOverrides([parseParameter('weeks', `description: Border procedure maximum
unit: weeks
values:
  2026-06-12:
    value: 20
${REF}
`)]);
    assert.equal(overlay.at('2027-06-01').param('weeks'), 20);
    assert.equal(SET.at('2027-06-01').param('weeks'), 14);
    assert.deepEqual(overlay.at('2027-06-01').param('list'), ['TR', 'RS']);
  });
});

describe('evaluate', () => {
  const limit = defineRule<{ extra: number }, number>({
    id: 'limit', label: 'Limit plus extra',
    versions: {
      '2026-06-12': { basis: [{ title: 'Regulation (EU) 2024/1348 Art. 51(2)', href: 'https://eur-lex.europa.eu/eli/reg/2024/1348/oj' }], evaluate: (facts, { param }) => param<number>('weeks') + facts.extra },
    },
    end: '2030-12-31',
  });

  it('answers the same from the set and from its values on the date', () => {
    for (const on of ['2026-06-12', '2026-12-31', '2027-01-01', '2030-12-31']) {
      const fromSet = evaluate(limit, { on, facts: { extra: 1 }, parameters: SET });
      assert.equal(evaluate(limit, { on, facts: { extra: 1 }, parameters: SET.at(on) }), fromSet);
      // Values of another date are not used for this one.
      assert.equal(evaluate(limit, { on, facts: { extra: 1 }, parameters: SET.at(addDays(on, -400)) }), fromSet);
    }
  });

  it('refuses a date outside the rule, whatever parameters it gets', () => {
    assert.throws(() => evaluate(limit, { on: '2026-06-11', facts: { extra: 0 }, parameters: SET.at('2026-06-11') }), { code: 'RULE_NOT_IN_FORCE' });
    assert.throws(() => evaluate(limit, { on: '2031-01-01', facts: { extra: 0 }, parameters: SET }), /ended on 2030-12-31/);
  });

  it('traces the rule, its version and the parameters it read', () => {
    const tracer = new Tracer();
    assert.equal(evaluate(limit, { on: '2027-02-01', facts: { extra: 2 }, parameters: SET.at('2027-02-01'), tracer }), 16);
    const node = tracer.roots[0]!;
    assert.equal(node.rule, 'limit');
    assert.equal(node.version, '2026-06-12');
    assert.deepEqual(node.parameters.map((p) => [p.id, p.value, p.from]), [['weeks', 14, '2027-01-01']]);
    assert.equal(node.result, 16);
  });
});

describe('decideDefault', () => {
  const built: string[] = [];
  const conclusion = (name: string) => () => {
    built.push(name);
    return name;
  };
  const leave = defineDefault<{ minor: boolean; family: boolean; danger: boolean }, string>({
    id: 'leave', otherwise: conclusion('no'),
    exceptions: [
      { id: 'minor', priority: 1, applies: (f) => f.minor, then: conclusion('yes') },
      { id: 'family', priority: 1, applies: (f) => f.family, then: conclusion('yes') },
      { id: 'danger', priority: 2, applies: (f) => f.danger, then: conclusion('barred') },
    ],
  });

  it('concludes the default when no exception applies, and builds nothing else', () => {
    built.length = 0;
    assert.equal(decideDefault(leave, { minor: false, family: false, danger: false }, null), 'no');
    assert.deepEqual(built, ['no']);
  });

  it('lets the applicable exception of highest priority decide, building only its conclusion', () => {
    built.length = 0;
    assert.equal(decideDefault(leave, { minor: true, family: false, danger: true }, null), 'barred');
    assert.deepEqual(built, ['barred']);
  });

  it('accepts applicable exceptions of equal priority that agree, and refuses ones that disagree', () => {
    assert.equal(decideDefault(leave, { minor: true, family: true, danger: false }, null), 'yes');
    const split = defineDefault<boolean, string>({ id: 'split', otherwise: () => 'no', exceptions: [
      { id: 'a', priority: 1, applies: (f) => f, then: () => 'yes' },
      { id: 'b', priority: 1, applies: (f) => f, then: () => 'review' },
    ] });
    assert.throws(() => decideDefault(split, true, null), { code: 'INVALID_RULE' });
  });

  it('traces every exception with whether it applied', () => {
    const tracer = new Tracer();
    tracer.enter({ rule: 'leave', version: '2026-06-12', on: '2026-08-01', basis: [] });
    decideDefault(leave, { minor: true, family: false, danger: false }, tracer);
    assert.deepEqual(tracer.roots[0]!.exceptions, [{ id: 'minor', applied: true }, { id: 'family', applied: false }, { id: 'danger', applied: false }]);
  });

  it('refuses two exceptions with one id', () => {
    assert.throws(() => defineDefault<boolean, string>({ id: 'twice', otherwise: () => 'no', exceptions: [
      { id: 'a', priority: 1, applies: (f) => f, then: () => 'yes' },
      { id: 'a', priority: 2, applies: (f) => f, then: () => 'no' },
    ] }), { code: 'INVALID_RULE' });
  });
});
