/** The facts editor's logic: syntax errors located, fields set by path, API errors placed by path. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EXAMPLES, getAt, GUIDED_FIELDS, locateJsonError, parseFactsText, placeErrors, setAt } from './facts-editor.ts';

describe('parseFactsText', () => {
  it('reads an object and refuses anything else', () => {
    assert.deepEqual(parseFactsText('{"memberState":"IT"}'), { ok: true, facts: { memberState: 'IT' } });
    assert.deepEqual(parseFactsText('[1]'), { ok: false, reason: 'not-object' });
    assert.deepEqual(parseFactsText('null'), { ok: false, reason: 'not-object' });
  });

  it('gives the line and column of a syntax error', () => {
    const parsed = parseFactsText('{\n  "memberState": "IT",\n  "person": }');
    assert.equal(parsed.ok, false);
    assert.ok(!parsed.ok && parsed.reason === 'syntax');
    assert.deepEqual([parsed.line, parsed.column], [3, 13]);
  });
});

describe('getAt and setAt', () => {
  it('sets nested fields, and removes a field and the sections it leaves empty', () => {
    const facts = setAt({ memberState: 'IT' }, 'application.madeOn', '2026-07-12');
    assert.deepEqual(facts, { memberState: 'IT', application: { madeOn: '2026-07-12' } });
    assert.equal(getAt(facts, 'application.madeOn'), '2026-07-12');
    assert.deepEqual(setAt(facts, 'application.madeOn', undefined), { memberState: 'IT' });
    assert.equal(getAt({ person: 'x' }, 'person.nationality'), undefined);
  });

  it('reads back what it set and leaves the other fields and the input untouched', () => {
    const path = fc.constantFrom(...GUIDED_FIELDS.map((f) => f.path));
    fc.assert(fc.property(fc.constantFrom(...EXAMPLES.map((e) => e.facts)), path, fc.oneof(fc.string({ minLength: 1 }), fc.boolean()), (facts, at, value) => {
      const before = JSON.stringify(facts);
      const after = setAt(facts, at, value);
      const others = GUIDED_FIELDS.filter((f) => f.path !== at).every((f) => JSON.stringify(getAt(after, f.path)) === JSON.stringify(getAt(facts, f.path)));
      return getAt(after, at) === value && others && JSON.stringify(facts) === before;
    }));
  });
});

describe('placeErrors', () => {
  it('puts each error beside its guided field, the rest under the editor', () => {
    const { byField, others } = placeErrors([
      { path: 'person.nationality', message: 'unknown country code' },
      { path: 'journey.transits.0.days', message: 'expected number' },
      { path: 'person.nationality', message: 'second' },
    ]);
    assert.deepEqual([...byField], [['person.nationality', ['unknown country code', 'second']]]);
    assert.deepEqual(others, [{ path: 'journey.transits.0.days', message: 'expected number' }]);
  });
});

describe('locateJsonError', () => {
  it('finds nothing wrong in any JSON, and something wrong in JSON cut short', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const text = JSON.stringify(v, null, 1);
      return locateJsonError(text) === null && (text.length < 2 || locateJsonError(text.slice(0, -1)) !== null || /^-?\d/.test(text));
    }));
  });

  it('points at the first character that cannot be there', () => {
    assert.equal(locateJsonError('{"a": 1,}'), 8);
    assert.equal(locateJsonError('{"a": tru}'), 6);
    assert.equal(locateJsonError('[1 2]'), 3);
    assert.equal(locateJsonError('{"a": 1} x'), 9);
    assert.equal(locateJsonError('"\u0001"'), 0);
  });
});
