/**
 * The one canonical JSON writer is byte-equal to the `canonicalize` package (the RFC 8785
 * implementation every hash stored so far was computed with) on arbitrary values — plain JSON, and
 * the values beyond it that callers hand over (dates, members left `undefined`) — so that no audit
 * hash, decision record hash or row hash of existing data changes; and it refuses what JSON cannot
 * represent, as the package did.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.ts';

type Canonicalize = (input: unknown) => string | undefined;
// Its CommonJS export is typed as an ES default export.
const canonicalize = ((canonicalizeModule as unknown as { default?: Canonicalize }).default ?? canonicalizeModule) as unknown as Canonicalize;

const sameBytes = (value: unknown) => {
  const reference = canonicalize(value);
  assert.ok(reference !== undefined);
  assert.ok(Buffer.from(canonicalJson(value), 'utf8').equals(Buffer.from(reference, 'utf8')), `${canonicalJson(value)} ≠ ${reference}`);
};

/** Values as callers build them: JSON, plus dates, `undefined` members and array holes left undefined. */
const { loose } = fc.letrec((tie) => ({
  loose: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.date({ noInvalidDate: true }),
    fc.constant(undefined),
    fc.array(tie('loose'), { maxLength: 5 }),
    fc.dictionary(fc.string(), tie('loose'), { maxKeys: 6 }),
  ),
}));

describe('canonical JSON (RFC 8785)', () => {
  it('writes exactly the bytes of the canonicalize package for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), sameBytes), { numRuns: 2000 });
  });

  it('writes exactly its bytes for strings of any code units, lone surrogates included, as values and as member names', () => {
    const text = fc.string({ unit: 'binary' });
    fc.assert(fc.property(text, fc.dictionary(fc.string({ unit: 'binary' }), text, { maxKeys: 8 }), (s, o) => { sameBytes(s); sameBytes(o); }), { numRuns: 1000 });
  });

  it('writes exactly its bytes for any double, -0 and the exponent forms included', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), sameBytes), { numRuns: 2000 });
    for (const n of [-0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, 0.1 + 0.2, 333333333.3333333]) sameBytes(n);
  });

  it('writes exactly its bytes for dates and members left undefined, inside objects and arrays', () => {
    fc.assert(fc.property(loose.filter((v) => v !== undefined), sameBytes), { numRuns: 1000 });
    sameBytes({ at: new Date('2026-06-12T08:00:00.000Z'), reason: undefined, list: [undefined, 1] });
  });

  it('sorts members by UTF-16 code units, as RFC 8785 §3.2.3 asks', () => {
    assert.equal(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '\ufb33': 4, '1': 5, 'a': 6 }), '{"\\r":2,"1":5,"a":6,"\u20ac":1,"\ud83d\ude00":3,"\ufb33":4}');
  });

  it('refuses what JSON cannot represent', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, undefined, () => 1, 1n, { a: Number.NEGATIVE_INFINITY }, [Number.NaN]]) {
      assert.throws(() => canonicalJson(value), Error, String(value));
    }
  });
});
