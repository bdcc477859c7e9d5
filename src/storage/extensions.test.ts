/**
 * @module storage/extensions.test
 * Both engines offer the contrib extensions migrations may create: `pg_trgm` (trigram similarity for
 * fuzzy name search), `unaccent` and `fuzzystrmatch` (phonetic codes). PGlite only has them when they
 * are loaded at start (providers/pglite.ts); the server has them from postgresql-contrib.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ENGINE, openEmptyStorage, type TestStorage } from '../../test/support/storage.ts';

describe(`contrib extensions on ${ENGINE}`, () => {
  let storage: TestStorage;
  before(async () => { storage = await openEmptyStorage(); });
  after(() => storage.close());

  it('creates pg_trgm, unaccent and fuzzystrmatch and answers with them', async () => {
    for (const name of ['pg_trgm', 'unaccent', 'fuzzystrmatch']) await sql`create extension if not exists ${sql.id(name)}`.execute(storage.db);
    const { rows } = await sql<{ close: number; far: number; folded: string; code: string }>`
      select similarity('Mohammed', 'Muhammad') as close, similarity('Mohammed', 'Olga') as far,
             unaccent('Ğül Çelik') as folded, dmetaphone('Mohammed') as code`.execute(storage.db);
    const row = rows[0]!;
    assert.ok(row.close > row.far, `similarity ranks a spelling variant above another name (${row.close} vs ${row.far})`);
    assert.equal(row.folded, 'Gul Celik');
    assert.equal(row.code, 'MHMT');
  });
});
