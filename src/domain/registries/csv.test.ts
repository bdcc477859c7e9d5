/**
 * The CSV cell rules: the formula-injection guard (no exported cell can start a formula, and guarding
 * is undone exactly on import), and field values that survive a trip through a cell.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { decodeCell, encodeCell, fieldShape, guardFormula, unguardFormula } from './csv.ts';

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

describe('CSV cells of record fields', () => {
  const shapes = {
    text: fieldShape(z.string().nullable().default(null)),
    number: fieldShape(z.number()),
    boolean: fieldShape(z.boolean()),
    list: fieldShape(z.array(z.strictObject({ title: z.string() })).default([])),
  };

  it('reads back what it wrote, for text, numbers, booleans, lists and null', () => {
    fc.assert(fc.property(
      fc.oneof(fc.string({ minLength: 1 }), fc.constant(null)), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(),
      fc.array(fc.record({ title: fc.string() }).map((o) => ({ ...o })), { maxLength: 3 }),
      (text, number, bool, list) => {
        for (const [shape, value] of [[shapes.text, text], [shapes.number, number], [shapes.boolean, bool], [shapes.list, list]] as const) {
          const cell = unguardFormula(guardFormula(encodeCell(value, shape)));
          const decoded = decodeCell(cell, shape);
          assert.ok(decoded.ok);
          assert.deepEqual(decoded.value, Object.is(value, -0) ? 0 : value);
        }
      },
    ));
  });

  it('says what is wrong with a cell it cannot read', () => {
    assert.deepEqual(decodeCell('yes', shapes.boolean), { ok: false, message: 'expected true or false, not "yes"' });
    assert.equal(decodeCell('[1,', shapes.list).ok, false);
    assert.equal(decodeCell('twelve', shapes.number).ok, false);
    assert.deepEqual(decodeCell('', shapes.text), { ok: true, value: null });
    assert.deepEqual(decodeCell('', shapes.list), { ok: true, value: undefined });
  });
});
