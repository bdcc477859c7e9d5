/**
 * The formula-injection guard shared by every CSV Waypoint writes: no guarded cell can start a
 * formula, and guarding is undone exactly on import.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { guardFormula, unguardFormula } from './csv-safe.ts';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/** Strings that look like formulas, or like guarded formulas, or like nothing in particular. */
const cellText = fc.oneof(
  fc.string(),
  fc.tuple(fc.constantFrom(...TRIGGERS, "'", "''"), fc.string()).map(([head, tail]) => `${head}${tail}`),
  fc.tuple(fc.stringMatching(/^'{0,3}$/), fc.constantFrom(...TRIGGERS), fc.string()).map(([quotes, trigger, tail]) => `${quotes}${trigger}${tail}`),
  fc.constantFrom('=HYPERLINK("http://evil.example","x")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1', "'=1", "''=1", "'x", ''),
);

describe('the CSV formula-injection guard', () => {
  it('never lets an exported cell start with = + - @, a tab or a carriage return', () => {
    fc.assert(fc.property(cellText, (value) => {
      const cell = guardFormula(value);
      assert.ok(!TRIGGERS.some((t) => cell.startsWith(t)), JSON.stringify(cell));
    }));
  });

  it('gives back exactly the value on import (guarding is undone, once)', () => {
    fc.assert(fc.property(cellText, (value) => {
      assert.equal(unguardFormula(guardFormula(value)), value);
    }));
  });

  it('leaves ordinary text alone', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/^'*[=+\-@\t\r]/.test(s)), (value) => {
      assert.equal(guardFormula(value), value);
    }));
  });

  it('guards the examples OWASP lists', () => {
    assert.equal(guardFormula('=1+2'), "'=1+2");
    assert.equal(guardFormula('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(guardFormula('-10'), "'-10");
    assert.equal(guardFormula("'=1"), "''=1");
  });
});
