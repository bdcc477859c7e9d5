/**
 * COPY through Kysely on the engine the environment selects: any text (tabs, line breaks, backslashes,
 * `\N`, accents) and nulls arrive as written, in the caller's transaction, and a rolled-back or failed
 * COPY leaves nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { openEmptyStorage, ENGINE, type TestStorage } from '../../test/support/storage.ts';
import { copyRows } from './copy.ts';

describe(`copyRows (${ENGINE})`, () => {
  let storage: TestStorage;
  before(async () => {
    storage = await openEmptyStorage();
    await sql`create table copy_probe (n int4, t text, x float8)`.execute(storage.db);
  });
  after(() => storage.close());

  it('copies any text and nulls exactly, in the transaction', async () => {
    const row = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.option(fc.string({ unit: 'grapheme' }), { nil: null }), fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }));
    await fc.assert(fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows) => {
      const read = await storage.db.transaction().execute(async (tx) => {
        await sql`truncate copy_probe`.execute(tx);
        assert.equal(await copyRows(tx, 'copy_probe', ['n', 't', 'x'], rows), rows.length);
        return (await sql<{ n: number; t: string | null; x: number | null }>`select n, t, x from copy_probe`.execute(tx)).rows;
      });
      assert.deepEqual(read.map((r) => [r.n, r.t, r.x]), rows.map(([n, t, x]) => [n, t, Object.is(x, -0) ? 0 : x]));
    }), { numRuns: 25 });
    const tricky = [[1, 'a\tb\nc\\d\r', null], [2, '\\N', 1.5], [3, 'Ελλάδα – Türkiye', -2e-300]] as const;
    await storage.db.transaction().execute(async (tx) => {
      await sql`truncate copy_probe`.execute(tx);
      await copyRows(tx, 'copy_probe', ['n', 't', 'x'], tricky);
    });
    const stored = await sql<{ t: string | null }>`select t from copy_probe order by n`.execute(storage.db);
    assert.deepEqual(stored.rows.map((r) => r.t), ['a\tb\nc\\d\r', '\\N', 'Ελλάδα – Türkiye']);
  });

  it('leaves nothing when the transaction rolls back or a value does not fit', async () => {
    await sql`truncate copy_probe`.execute(storage.db);
    await assert.rejects(storage.db.transaction().execute(async (tx) => {
      await copyRows(tx, 'copy_probe', ['n', 't', 'x'], [[1, 'kept?', null]]);
      throw new Error('give up');
    }), /give up/);
    await assert.rejects(storage.db.transaction().execute(async (tx) => {
      await copyRows(tx, 'copy_probe', ['n', 't', 'x'], [[1, 'fine', null]]);
      await copyRows(tx, 'copy_probe', ['n', 't', 'x'], [['not a number', 'bad', null]]);
    }), /invalid input syntax for type integer/);
    const count = await sql<{ n: number }>`select count(*)::int as n from copy_probe`.execute(storage.db);
    assert.equal(count.rows[0]!.n, 0);
    // The connection is usable afterwards.
    assert.equal((await sql<{ one: number }>`select 1 as one`.execute(storage.db)).rows[0]!.one, 1);
  });

  it('refuses names that are not plain identifiers', async () => {
    await assert.rejects(storage.db.transaction().execute((tx) => copyRows(tx, 'copy_probe; drop table x', ['n'], [[1]])), /not a plain identifier/);
  });
});
