/**
 * The statistics API's CSV cells use the shared formula guard: text that a spreadsheet would run is
 * guarded exactly as in a registry export, numbers stay numbers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { guardFormula, unguardFormula } from '../../lib/csv-safe.ts';
import { guardCell } from './csv.ts';

describe('guardCell', () => {
  it('guards text as the registries do, so that the value reads back', () => {
    fc.assert(fc.property(fc.string(), (value) => {
      assert.equal(guardCell(value), guardFormula(value));
      assert.equal(unguardFormula(String(guardCell(value))), value);
    }));
    assert.equal(guardCell('=HYPERLINK("http://evil.example","x")'), `'=HYPERLINK("http://evil.example","x")`);
    assert.equal(guardCell("'=1"), "''=1");
  });

  it('writes numbers as numbers and lists as guarded text', () => {
    assert.equal(guardCell(-3), -3);
    assert.equal(guardCell(Number.NaN), '');
    assert.equal(guardCell(['-1', '2']), "'-1;2");
    assert.equal(guardCell(null), '');
  });
});
