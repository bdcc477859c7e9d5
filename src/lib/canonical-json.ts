/**
 * @module lib/canonical-json
 * RFC 8785 JSON Canonicalization Scheme, through the `canonicalize` package (its CommonJS export is
 * typed as an ES default export, hence the unwrapping).
 */
import * as canonicalizeModule from 'canonicalize';

type Canonicalize = (input: unknown) => string | undefined;
const canonicalize = ((canonicalizeModule as unknown as { default?: Canonicalize }).default ?? canonicalizeModule) as unknown as Canonicalize;

/** Canonical JSON text of `value`; throws for values JSON cannot represent. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be represented as JSON');
  return text;
}
