/**
 * @module domain/registries/search
 * Full-text search over registry records, the same on PGlite and on a PostgreSQL server: each record
 * keeps its words folded (lower case, diacritics removed, so that "turkiye" finds "Türkiye" and
 * "cote" finds "Côte d'Ivoire") in `search_text`, indexed as a `simple` tsvector; a query becomes a
 * conjunction of prefix terms (`turk:* & rep:*`).
 *
 * Why not pg_trgm: PGlite 0.5 ships it in `@electric-sql/pglite/contrib/pg_trgm`, but only as an
 * extension handed to the PGlite constructor, which the storage provider does not load (yet). The
 * folded text column is what a trigram index would be built on too, so switching is one migration.
 */

/** Folds text for search: Unicode compatibility decomposition, combining marks dropped, lower case. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The distinct folded words of some texts (letters and digits of any script). */
export function searchWords(texts: Iterable<string>): string[] {
  const words = new Set<string>();
  for (const text of texts) for (const word of fold(text).match(/[\p{L}\p{N}]+/gu) ?? []) words.add(word);
  return [...words];
}

/** The text stored in `search_text`. */
export function searchText(texts: Iterable<string>): string {
  return searchWords(texts).join(' ');
}

/**
 * A `to_tsquery('simple', …)` text: every word of the query as a prefix, all required. Only letters
 * and digits reach it, so no query syntax can be injected. `null` when the query has no word.
 * @example prefixQuery("Côte d'Iv") // "cote:* & d:* & iv:*"
 */
export function prefixQuery(query: string): string | null {
  const words = searchWords([query]).slice(0, 16);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}
