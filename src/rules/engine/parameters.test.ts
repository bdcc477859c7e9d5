import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseParameter, readParameter } from './parameters.ts';

const REF = `    reference:
      - title: Regulation (EU) 2024/1348 Art. 51(2)
        href: https://eur-lex.europa.eu/eli/reg/2024/1348/oj`;

describe('parameters', () => {
  it('reads the value in force on a date and its citation', () => {
    const p = parseParameter('x', `description: Border procedure maximum
unit: weeks
values:
  2026-06-12:
    value: 12
${REF}
  2027-01-01:
    value: 14
${REF}
`);
    assert.equal(readParameter(p, '2026-06-12').value, 12);
    assert.equal(readParameter(p, '2026-12-31').value, 12);
    assert.equal(readParameter(p, '2027-01-01').value, 14);
    assert.equal(readParameter(p, '2027-01-01').reference[0]!.title, 'Regulation (EU) 2024/1348 Art. 51(2)');
    assert.throws(() => readParameter(p, '2026-06-11'), /PARAMETER_NOT_IN_FORCE|no value in force on 2026-06-11/);
  });

  it('ends a value with null', () => {
    const p = parseParameter('x', `description: A repealed limit
unit: days
values:
  2015-07-20:
    value: 28
${REF}
  2026-06-12:
    value: null
${REF}
`);
    assert.equal(readParameter(p, '2026-06-11').value, 28);
    assert.throws(() => readParameter(p, '2026-06-12'), /ended/);
  });

  it('refuses a value without a citation', () => {
    assert.throws(() => parseParameter('x', `description: No citation here
unit: days
values:
  2026-06-12:
    value: 3
`), /reference/);
    assert.throws(() => parseParameter('x', `description: Empty citation list
unit: days
values:
  2026-06-12:
    value: 3
    reference: []
`), /citation/);
  });

  it('refuses a duplicate date', () => {
    assert.throws(() => parseParameter('x', `description: Twice the same date
unit: days
values:
  2026-06-12:
    value: 3
${REF}
  2026-06-12:
    value: 4
${REF}
`), /INVALID_PARAMETER|duplicate|unique/i);
  });

  it('refuses unknown keys, impossible dates and values of the wrong type', () => {
    assert.throws(() => parseParameter('x', `description: Unknown key
unit: days
colour: blue
values:
  2026-06-12:
    value: 3
${REF}
`), /colour: unknown key/);
    assert.throws(() => parseParameter('x', `description: Bad date
unit: days
values:
  2026-02-30:
    value: 3
${REF}
`), /not a real ISO date/);
    assert.throws(() => parseParameter('x', `description: Ratio over one
unit: ratio
values:
  2026-06-12:
    value: 20
${REF}
`), /from 0 to 1/);
  });
});
