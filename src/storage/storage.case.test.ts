/**
 * The storage conformance suite. It runs on whichever engine the environment selects (PGlite by
 * default, the PostgreSQL server with DATABASE_URL); CI runs it on both.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ENGINE, openEmptyStorage, openTestStorage, type TestStorage } from '../../test/support/storage.ts';
import type { Actor } from '../domain/access/roles.ts';
import { verifyChains } from '../domain/audit/verify-chain.ts';
import { openCase } from '../domain/cases/open-case.ts';
import { updateCase } from '../domain/cases/update-case.ts';
import { erasePerson } from '../domain/persons/erase-person.ts';
import { isDomainError } from '../domain/errors.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { seedReference } from '../seed/reference.ts';
import { listMigrations, migrate } from './migrate.ts';
import { openStorage } from './providers/index.ts';
import { asActor } from './transaction.ts';

const itCaseworker: Actor = { id: 'it-caseworker', displayName: 'IT caseworker', tenantId: 'IT', unitId: 'asylum', roles: ['caseworker'] };
const itSupervisor: Actor = { id: 'it-supervisor', displayName: 'IT supervisor', tenantId: 'IT', unitId: 'asylum', roles: ['supervisor'] };
const grCaseworker: Actor = { id: 'gr-caseworker', displayName: 'GR caseworker', tenantId: 'GR', unitId: 'asylum', roles: ['caseworker'] };
const person = { givenNames: 'Test', familyName: 'Person', nationality: 'BD' };

async function count(storage: TestStorage, table: string): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(storage.db);
  return Number(result.rows[0]!.n);
}

describe(`storage on ${ENGINE}`, () => {
  describe('migrations', () => {
    it('apply every migration to an empty database, then find nothing to do', async () => {
      const storage = await openEmptyStorage();
      try {
        const first = await migrate(storage.db);
        assert.deepEqual(first.applied, listMigrations());
        const second = await migrate(storage.db);
        assert.deepEqual(second.applied, []);
        await seedReference(storage.db);
        await seedReference(storage.db);
        // 33 tenants, and the shared registries' audit chain (`EU`).
        assert.equal(await count(storage, 'tenants'), 34);
      } finally {
        await storage.close();
      }
    });
  });

  describe('with the schema in place', () => {
    let storage: TestStorage;
    before(async () => {
      storage = await openTestStorage();
      await seedDemoUsers(storage.db);
    });
    after(() => storage.close());

    it('rolls a transaction back whole when it fails after writing', async () => {
      const before = await Promise.all(['persons', 'cases', 'audit_events', 'counters'].map((t) => count(storage, t)));
      const head = await storage.db.selectFrom('audit_heads').selectAll().where('tenant_id', '=', 'IT').executeTakeFirstOrThrow();
      await assert.rejects(asActor(storage.db, itCaseworker, async (tx) => {
        await openCase({ tx, actor: itCaseworker, input: { kind: 'asylum', person } });
        throw new Error('fails after the writes');
      }), /fails after the writes/);
      const afterCounts = await Promise.all(['persons', 'cases', 'audit_events', 'counters'].map((t) => count(storage, t)));
      assert.deepEqual(afterCounts, before);
      const headAfter = await storage.db.selectFrom('audit_heads').selectAll().where('tenant_id', '=', 'IT').executeTakeFirstOrThrow();
      assert.deepEqual(headAfter, head);
    });

    it('detects concurrent updates of one record: exactly one of two writers of the same version wins', async () => {
      const opened = await asActor(storage.db, itCaseworker, (tx) => openCase({ tx, actor: itCaseworker, input: { kind: 'asylum', person } }));
      const attempts = await Promise.allSettled(['screening', 'application-made'].map((stage) =>
        asActor(storage.db, itSupervisor, (tx) => updateCase({ tx, actor: itSupervisor, caseId: opened.id, expectedVersion: 1, input: { stage: stage as 'screening', reason: 'concurrent test' } }))));
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a) => a.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.ok(isDomainError((lost[0] as PromiseRejectedResult).reason, 'VERSION_CONFLICT'));
      const row = await storage.db.selectFrom('cases').selectAll().where('id', '=', opened.id).executeTakeFirstOrThrow();
      assert.equal(row.version, 2);
      const events = await storage.db.selectFrom('audit_events').select('action').where('entity_id', '=', opened.id).orderBy('seq').execute();
      // One update recorded; the winner's new stage may also start statutory deadlines (its own event).
      const actions = events.map((e) => e.action).filter((a) => a !== 'case.deadlines-changed');
      assert.deepEqual(actions, ['case.opened', 'case.updated']);
      assert.ok(events.filter((e) => e.action === 'case.deadlines-changed').length <= 1);
    });

    it('keeps tenants apart with row-level security even when a query forgets the tenant', async () => {
      await asActor(storage.db, grCaseworker, (tx) => openCase({ tx, actor: grCaseworker, input: { kind: 'asylum', person } }));
      const seen = await asActor(storage.db, itCaseworker, async (tx) => {
        const cases = await sql<{ tenant_id: string }>`select tenant_id from cases`.execute(tx);
        const persons = await sql<{ tenant_id: string }>`select tenant_id from persons`.execute(tx);
        const events = await sql<{ tenant_id: string }>`select tenant_id from audit_events`.execute(tx);
        return [...cases.rows, ...persons.rows, ...events.rows].map((r) => r.tenant_id);
      });
      assert.ok(seen.length > 0);
      assert.ok(seen.every((t) => t === 'IT'), `IT saw rows of ${[...new Set(seen)].join(', ')}`);
      await assert.rejects(asActor(storage.db, itCaseworker, (tx) =>
        sql`insert into counters (tenant_id, name, value) values ('GR', 'forged', 1)`.execute(tx)), /row-level security/);
      await assert.rejects(asActor(storage.db, itCaseworker, (tx) =>
        sql`update cases set stage = 'closed' where tenant_id = 'GR' returning id`.execute(tx).then((r) => { if (r.rows.length === 0) throw new Error('row-level security: nothing visible'); })), /row-level security/);
    });

    it('carries the tenant in the primary key and foreign keys of every tenant table (distribution-ready)', async () => {
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id'`.execute(storage.db);
      const primaryKeys = await sql<{ table_name: string; columns: string[] }>`
        select c.conrelid::regclass::text as table_name, array_agg(a.attname::text) as columns
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
        where c.contype = 'p' and c.connamespace = 'public'::regnamespace group by 1`.execute(storage.db);
      const foreignKeys = await sql<{ table_name: string; target: string; columns: string[] }>`
        select c.conrelid::regclass::text as table_name, c.confrelid::regclass::text as target, array_agg(a.attname::text) as columns
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
        where c.contype = 'f' and c.connamespace = 'public'::regnamespace group by 1, 2, c.oid`.execute(storage.db);
      // Small shared tables (Citus reference tables): tenants, and users, which are keyed by their global id.
      const reference = new Set(['tenants', 'users']);
      const tenantTables = tables.rows.map((r) => r.table_name).filter((t) => !reference.has(t));
      const isTenantTable = (t: string) => tenantTables.includes(t);
      assert.ok(tenantTables.length >= 8);
      for (const table of tenantTables) {
        const pk = primaryKeys.rows.find((r) => r.table_name === table);
        assert.ok(pk?.columns.includes('tenant_id'), `${table}'s primary key lacks tenant_id`);
        for (const fk of foreignKeys.rows.filter((f) => f.table_name === table && isTenantTable(f.target))) {
          assert.ok(fk.columns.includes('tenant_id'), `${table} → ${fk.target} foreign key lacks tenant_id`);
        }
      }
    });

    it('refuses to change or delete an audit event', async () => {
      await assert.rejects(sql`update audit_events set reason = 'rewritten'`.execute(storage.db), /append-only/);
      await assert.rejects(sql`delete from audit_events`.execute(storage.db), /append-only/);
    });

    it('erases personal data with a tombstone event and leaves the chain verifiable', async () => {
      const opened = await asActor(storage.db, itCaseworker, (tx) => openCase({ tx, actor: itCaseworker, input: { kind: 'asylum', person } }));
      const admin: Actor = { id: 'it-administrator', displayName: 'IT admin', tenantId: 'IT', unitId: null, roles: ['administrator'] };
      await asActor(storage.db, admin, (tx) => erasePerson({ tx, actor: admin, personId: opened.personId, reason: 'retention ended', legalBasis: ['Regulation (EU) 2016/679 Art. 17(1)(a)'] }));
      const row = await storage.db.selectFrom('persons').selectAll().where('id', '=', opened.personId).executeTakeFirstOrThrow();
      assert.equal(row.data, null);
      assert.ok(row.erased_at);
      const tombstone = await storage.db.selectFrom('audit_events').selectAll().where('entity_id', '=', opened.personId).executeTakeFirstOrThrow();
      assert.equal(tombstone.action, 'person.erased');
      const reports = await verifyChains({ db: storage.db });
      assert.ok(reports.every((r) => r.ok), JSON.stringify(reports.filter((r) => !r.ok)));
    });

    it('reports the first broken link when an event is altered behind the trigger\'s back', async () => {
      const events = await storage.db.selectFrom('audit_events').select(['seq']).where('tenant_id', '=', 'IT').orderBy('seq').execute();
      assert.ok(events.length >= 3);
      const victim = Number(events[1]!.seq);
      await sql`alter table audit_events disable trigger audit_events_append_only`.execute(storage.db);
      await sql`update audit_events set reason = 'tampered' where tenant_id = 'IT' and seq = ${victim}`.execute(storage.db);
      await sql`alter table audit_events enable trigger audit_events_append_only`.execute(storage.db);
      const [report] = await verifyChains({ db: storage.db, tenantIds: ['IT'] });
      assert.equal(report!.ok, false);
      assert.equal(report!.broken!.seq, victim);
      const [gr] = await verifyChains({ db: storage.db, tenantIds: ['GR'] });
      assert.equal(gr!.ok, true);
    });
  });

  if (ENGINE === 'pglite') {
    it('keeps the embedded database in its folder across restarts', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'waypoint-pglite-'));
      try {
        const first = await openStorage({ dataDir: dir });
        await migrate(first.db);
        await seedReference(first.db);
        await first.close();
        const second = await openStorage({ dataDir: dir });
        assert.deepEqual((await migrate(second.db)).applied, []);
        const tenants = await second.db.selectFrom('tenants').select('id').execute();
        assert.equal(tenants.length, 34);
        await assert.rejects(openStorage({ dataDir: dir }).then(async (s) => { await s.close(); }), /in use by process/);
        await second.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('starts an in-memory database from a dump of another, which then goes its own way', async () => {
      const original = await openEmptyStorage();
      let dump: Blob;
      try {
        await migrate(original.db);
        await seedReference(original.db);
        await asActor(original.db, itCaseworker, (tx) => openCase({ tx, actor: itCaseworker, input: { kind: 'asylum', person } }));
        dump = await original.dump!();
      } finally {
        await original.close();
      }
      const [copy, other] = [await openStorage({ dataDir: 'memory://', snapshot: dump }), await openStorage({ dataDir: 'memory://', snapshot: dump })];
      try {
        assert.deepEqual((await migrate(copy.db)).applied, []);
        assert.equal(await count(copy, 'cases'), 1);
        assert.equal((await verifyChains({ db: copy.db, tenantIds: ['IT'] }))[0]!.ok, true);
        await asActor(copy.db, itCaseworker, (tx) => openCase({ tx, actor: itCaseworker, input: { kind: 'asylum', person } }));
        assert.equal(await count(copy, 'cases'), 2);
        assert.equal(await count(other, 'cases'), 1);
      } finally {
        await copy.close();
        await other.close();
      }
      const dir = mkdtempSync(join(tmpdir(), 'waypoint-pglite-'));
      try {
        await assert.rejects(openStorage({ dataDir: dir, snapshot: dump }), /only start an in-memory database/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
