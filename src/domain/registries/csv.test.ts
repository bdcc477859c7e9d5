/**
 * The CSV cell rules of the registries: field values survive a trip through a guarded cell (the
 * guard itself is tested in `lib/csv-safe.test.ts`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { guardFormula, unguardFormula } from '../../lib/csv-safe.ts';
import { decodeCell, encodeCell, fieldShape } from './csv.ts';

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
