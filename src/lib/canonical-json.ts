/**
 * @module lib/canonical-json
 * RFC 8785 (JSON Canonicalization Scheme) text, the one writer every hash of Waypoint goes through:
 * audit events (`domain/audit/chain.ts`, and the bulk import's batch chain), decision records, the
 * digests of a transfer's findings, import rows, Idempotency-Key request hashes.
 *
 * Written for speed (a bulk import hashes every row and chains an audit event per case: about 2 µs an
 * event here, about 8 µs with the `canonicalize` package this module used to wrap). It relies on what
 * RFC 8785 §3.2.2 itself relies on: strings and numbers are serialised exactly as ECMAScript's
 * `JSON.stringify` does (§3.2.2.2, §3.2.2.3), and object members are sorted by their names' UTF-16
 * code units (§3.2.3), which is the order of JavaScript's default `sort()`. Beyond plain JSON it treats
 * values as `canonicalize` 2.x does, so that no stored hash changes: a value with `toJSON` (a `Date`)
 * is written as what `toJSON` returns, members whose value is `undefined` or a symbol are left out, and
 * such array elements are written as `null`. `canonical-json.test.ts` holds the two byte-equal on
 * arbitrary values.
 */

/**
 * Canonical JSON text of `value`.
 * @throws Error for a value JSON cannot represent (a non-finite number, a function, a bigint, `undefined` alone).
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string': return JSON.stringify(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error('canonical JSON has no representation for a non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return canonicalJson(toJSON.call(value));
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          out += (i > 0 ? ',' : '') + (item === undefined || typeof item === 'symbol' ? 'null' : canonicalJson(item));
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const member = record[key];
        if (member === undefined || typeof member === 'symbol') continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new Error(`canonical JSON has no representation for a ${typeof value}`);
  }
}
