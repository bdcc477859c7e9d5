/**
 * The generic registry machinery, on the engine the environment selects: concurrent edits of one
 * record are detected, history is derived field by field from the audit chain, search ignores case
 * and accents, and import/export: a malformed file is refused with its line and column and nothing
 * is written, the same file imported twice changes nothing, an export imports back unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { verifyChains } from '../audit/verify-chain.ts';
import { countryKind } from '../countries/country.ts';
import { designationKind, type Designation } from '../designations/designation.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { readmissionKind } from '../readmission/readmission.ts';
import { asActor, inTenant } from '../../storage/transaction.ts';
import { readRegistries, REGISTRY_CHAIN } from './chain.ts';
import { createRegistryRecord } from './create-record.ts';
import { exportRegistry, type RegistryFormat } from './export-records.ts';
import { importRegistry } from './import-records.ts';
import { listRegistryRecords } from './list-records.ts';
import { getRegistryHistory } from './record-history.ts';
import { updateRegistryRecord } from './update-record.ts';

const itAdministrator: Actor = { id: 'it-administrator', displayName: 'IT administrator', tenantId: 'IT', unitId: null, roles: ['administrator'] };
const grAdministrator: Actor = { id: 'gr-administrator', displayName: 'GR administrator', tenantId: 'GR', unitId: null, roles: ['administrator'] };
const comAdministrator: Actor = { id: 'com-administrator', displayName: 'COM administrator', tenantId: 'COM', unitId: null, roles: ['administrator'] };
const itPolicyAnalyst: Actor = { id: 'it-policy-analyst', displayName: 'IT analyst', tenantId: 'IT', unitId: null, roles: ['policy-analyst'] };
const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };

let storage: TestStorage;
before(async () => { storage = await openTestStorage(); });
after(() => storage.close());

function designation(overrides: Partial<Designation> = {}): Designation {
  return {
    kind: 'safe-country-of-origin', level: 'national', memberState: 'IT', country: 'UY', from: '2030-01-01', to: null,
    exceptions: { regions: [], categories: [] }, appliesTo: null, sources: [SOURCE], reviewDue: null, suspensions: [], verified: true, note: null,
    ...overrides,
  };
}

/** What an import must leave alone when it fails: every registry row and the registries' chain head. */
async function registryState() {
  const rows = await sql<{ n: string; v: string }>`select count(*) as n, coalesce(sum(version), 0) as v from registry_records`.execute(storage.db);
  const head = await storage.db.selectFrom('audit_heads').selectAll().where('tenant_id', '=', REGISTRY_CHAIN).executeTakeFirstOrThrow();
  const events = await sql<{ n: string }>`select count(*) as n from audit_events`.execute(storage.db);
  return { rows: rows.rows[0], head, events: events.rows[0]!.n };
}

async function exportFile(actor: Actor, kind: typeof designationKind | typeof readmissionKind | typeof countryKind, format: RegistryFormat, filters: Record<string, string> = {}) {
  return readRegistries(storage.db, actor, (tx) => exportRegistry({ tx, actor, kind: kind as never, format, filters }));
}

async function importFile(actor: Actor, kind: typeof designationKind | typeof readmissionKind | typeof countryKind, format: RegistryFormat, content: string, dryRun = false) {
  return inTenant(storage.db, { tenantId: actor.tenantId }, (tx) => importRegistry({ tx, actor, kind: kind as never, format, content, reason: 'test import', dryRun }));
}

describe(`registry records on ${ENGINE}`, () => {
  describe('concurrent edits', () => {
    it('lets one of two edits made from the same version through, and refuses the other', async () => {
      const created = await asActor(storage.db, itAdministrator, (tx) => createRegistryRecord({ tx, actor: itAdministrator, kind: designationKind, data: designation({ country: 'CU' }) }));
      const attempts = await Promise.allSettled(['2031-01-01', '2032-01-01'].map((to) => asActor(storage.db, itAdministrator, (tx) =>
        updateRegistryRecord({ tx, actor: itAdministrator, kind: designationKind, idOrKey: created.id, expectedVersion: 1, changes: { to }, reason: `ends on ${to}` }))));
      assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1);
      const lost = attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult;
      assert.ok(isDomainError(lost.reason, 'VERSION_CONFLICT'), String(lost.reason));
      const history = await readRegistries(storage.db, itAdministrator, (tx) => getRegistryHistory({ tx, actor: itAdministrator, kind: designationKind, idOrKey: created.id }));
      assert.deepEqual(history.entries.map((e) => [e.action, e.version]), [['created', 1], ['updated', 2]]);
      assert.equal(history.record.version, 2);
    });

    it('refuses an edit made from a version that is no longer current, and writes nothing', async () => {
      const created = await asActor(storage.db, itAdministrator, (tx) => createRegistryRecord({ tx, actor: itAdministrator, kind: designationKind, data: designation({ country: 'DO' }) }));
      await asActor(storage.db, itAdministrator, (tx) => updateRegistryRecord({ tx, actor: itAdministrator, kind: designationKind, idOrKey: created.key, expectedVersion: 1, changes: { note: 'first' }, reason: 'first edit' }));
      const before = await registryState();
      await assert.rejects(asActor(storage.db, itAdministrator, (tx) => updateRegistryRecord({ tx, actor: itAdministrator, kind: designationKind, idOrKey: created.key, expectedVersion: 1, changes: { note: 'stale' }, reason: 'stale edit' })),
        (e) => isDomainError(e, 'VERSION_CONFLICT'));
      assert.deepEqual(await registryState(), before);
    });
  });

  describe('history', () => {
    it('says who changed which field from what to what, when, from which tenant and why', async () => {
      const created = await asActor(storage.db, itAdministrator, (tx) => createRegistryRecord({ tx, actor: itAdministrator, kind: designationKind, data: designation({ country: 'HT', exceptions: { regions: ['Nord'], categories: [] } }), reason: 'decree 1' }));
      await asActor(storage.db, itAdministrator, (tx) => updateRegistryRecord({
        tx, actor: itAdministrator, kind: designationKind, idOrKey: created.id, expectedVersion: 1, legalBasis: ['Decree 2, art. 1'],
        changes: { to: '2030-12-31', exceptions: { regions: ['Nord', 'Sud'], categories: ['lgbti'] } }, reason: 'decree 2 ends it and adds exceptions',
      }));
      const { entries } = await readRegistries(storage.db, itPolicyAnalyst, (tx) => getRegistryHistory({ tx, actor: itPolicyAnalyst, kind: designationKind, idOrKey: created.id }));
      assert.equal(entries.length, 2);
      const [first, second] = entries as [typeof entries[number], typeof entries[number]];
      assert.deepEqual([first.action, first.actorId, first.actorTenant, first.via, first.reason], ['created', 'it-administrator', 'IT', 'api', 'decree 1']);
      assert.ok(first.changes.some((c) => c.field === 'country' && c.from === null && c.to === 'HT'));
      assert.deepEqual(second.changes, [
        { field: 'to', from: null, to: '2030-12-31' },
        { field: 'exceptions.categories', from: [], to: ['lgbti'] },
        { field: 'exceptions.regions', from: ['Nord'], to: ['Nord', 'Sud'] },
      ]);
      assert.deepEqual([second.version, second.reason, second.legalBasis], [2, 'decree 2 ends it and adds exceptions', ['Decree 2, art. 1']]);
      assert.ok(second.seq > first.seq);
    });

    it('starts every seeded record\'s history with the seed, on a chain that verifies', async () => {
      const { entries } = await readRegistries(storage.db, itPolicyAnalyst, (tx) => getRegistryHistory({ tx, actor: itPolicyAnalyst, kind: readmissionKind, idOrKey: 'TR:GR:2020-03-01' }));
      assert.deepEqual([entries[0]?.actorId, entries[0]?.via], ['system:seed', 'seed']);
      const [report] = await verifyChains({ db: storage.db, tenantIds: [REGISTRY_CHAIN] });
      assert.equal(report?.ok, true, JSON.stringify(report?.broken));
    });

    it('refuses an edit that changes nothing, without writing an event', async () => {
      const before = await registryState();
      const same = await asActor(storage.db, grAdministrator, (tx) => updateRegistryRecord({ tx, actor: grAdministrator, kind: readmissionKind, idOrKey: 'TR:GR:2020-03-01', expectedVersion: 1, changes: { status: 'suspended' }, reason: 'no change' }));
      assert.equal(same.version, 1);
      assert.deepEqual(await registryState(), before);
    });
  });

  describe('search', () => {
    it('finds countries by any of their names, ignoring case and accents, by word prefixes', async () => {
      const find = async (q: string) => (await asActor(storage.db, itPolicyAnalyst, (tx) => listRegistryRecords({ tx, actor: itPolicyAnalyst, kind: countryKind, q, limit: 500 }))).items.map((r) => r.key);
      assert.ok((await find('turkiye')).includes('TR'));
      assert.ok((await find('Turkey')).includes('TR'));
      assert.ok((await find('Türkei')).includes('TR'), 'German name');
      assert.ok((await find('ΤΟΥΡΚΙΑ')).includes('TR'), 'Greek name, in capitals, without the accent');
      assert.deepEqual(await find("cote d'iv"), ['CI']);
      assert.deepEqual(await find('XK'), ['XK']);
      assert.deepEqual(await find('%'), (await find('')).slice(0, 500), 'no query syntax reaches the database');
    });
  });

  describe('import and export', () => {
    it('refuses a malformed CSV file with the line and column of every problem, and writes nothing', async () => {
      const before = await registryState();
      const csv = [
        'country,memberState,status,from,to,evidence,verified,note',
        'LY,IT,partial,2031-01-01,,"[{""title"":""Report"",""url"":""https://example.org/r""}]",false,fine',
        'QQ,IT,partial,2031-01-01,,"[{""title"":""Report"",""url"":""https://example.org/r""}]",false,bad country',
        'LY,IT,sometimes,2031-02-30,,"[{""title"":""Report"",""url"":""javascript:alert(1)""}]",maybe,"=HYPERLINK(""x"")"',
      ].join('\r\n');
      await assert.rejects(importFile(itAdministrator, readmissionKind, 'csv', csv), (error) => {
        assert.ok(error instanceof DomainError && error.code === 'INVALID_IMPORT', String(error));
        const paths = error.fields.map((f) => f.path);
        assert.deepEqual(paths, ['rows.3.country', 'rows.4.status', 'rows.4.from', 'rows.4.evidence.0.url', 'rows.4.verified']);
        assert.match(error.fields[0]!.message, /^line 3, column 1 \(country\): unknown country code/);
        assert.match(error.fields[4]!.message, /^line 4, column 7 \(verified\): expected true or false/);
        return true;
      });
      assert.deepEqual(await registryState(), before);
    });

    it('refuses a file whose header, quoting or JSON is broken, saying where', async () => {
      const before = await registryState();
      const cases: Array<[RegistryFormat, string, string]> = [
        ['csv', 'country,colour\r\nLY,red', 'rows.1'],
        ['csv', 'country,memberState\r\n"LY,IT', 'rows.2'],
        ['csv', '', 'rows.1'],
        ['json', '[{"country": "LY"', 'records.1'],
        ['json', '{"kind": "designation", "records": []}', 'records.1'],
        ['json', '[{"country": "LY", "memberState": "IT", "status": "partial", "from": "2031-01-01", "evidence": [], "verified": true, "colour": "red"}]', 'records.1.colour'],
      ];
      for (const [format, content, path] of cases) {
        await assert.rejects(importFile(itAdministrator, readmissionKind, format, content), (error) => {
          assert.ok(isDomainError(error, 'INVALID_IMPORT'), `${content}: ${String(error)}`);
          assert.ok(error.fields.some((f) => f.path.startsWith(path)), `${content}: ${JSON.stringify(error.fields)}`);
          return true;
        });
      }
      assert.deepEqual(await registryState(), before);
    });

    it('imports a file, then imports the same file again without changing anything', async () => {
      const rows = ['PY', 'EC', 'BO'].map((country, i) => ({ ...designation({ country, from: `2036-0${i + 1}-01`, note: i === 0 ? '=1+2, a note that looks like a formula' : null }) }));
      const first = await importFile(itAdministrator, designationKind, 'json', JSON.stringify(rows));
      assert.deepEqual([first.created, first.updated, first.unchanged], [3, 0, 0]);
      const after = await registryState();
      const again = await importFile(itAdministrator, designationKind, 'json', JSON.stringify(rows));
      assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 3]);
      assert.deepEqual(await registryState(), after, 'the second import wrote nothing, not even an event');
    });

    for (const format of ['csv', 'json'] as const) {
      it(`exports ${format.toUpperCase()} that imports back unchanged, formulas guarded`, async () => {
        const file = await exportFile(itAdministrator, designationKind, format, { memberState: 'IT' });
        assert.ok(file.count >= 19);
        if (format === 'csv') {
          assert.ok(file.body.startsWith('\uFEFFid,version,kind,'));
          assert.ok(file.body.includes(`"'=1+2, a note that looks like a formula"`) || file.body.includes(`'=1+2, a note that looks like a formula`));
          const cells = (parse(file.body, { bom: true }) as string[][]).flat();
          for (const cell of cells) assert.ok(!/^[=+\-@\t\r]/.test(cell), `unguarded cell ${cell}`);
        }
        const before = await registryState();
        const result = await importFile(itAdministrator, designationKind, format, file.body);
        assert.deepEqual([result.created, result.updated, result.unchanged], [0, 0, file.count]);
        assert.deepEqual(await registryState(), before);
      });
    }

    it('updates what changed, names the row in the history, and refuses a row edited from an outdated export', async () => {
      const file = await exportFile(itAdministrator, designationKind, 'csv', { memberState: 'IT', country: 'PY' });
      const edited = file.body.replace(',2036-01-01,,', ',2036-01-01,2036-12-31,');
      assert.notEqual(edited, file.body);
      const result = await importFile(itAdministrator, designationKind, 'csv', edited);
      assert.deepEqual([result.created, result.updated, result.unchanged], [0, 1, 0]);
      const { entries } = await readRegistries(storage.db, itAdministrator, (tx) => getRegistryHistory({ tx, actor: itAdministrator, kind: designationKind, idOrKey: result.rows[0]!.id! }));
      assert.deepEqual([entries.at(-1)?.via, entries.at(-1)?.row, entries.at(-1)?.changes], ['import', 2, [{ field: 'to', from: null, to: '2036-12-31' }]]);
      // The same file, edited again from the old version 1, is refused whole.
      const before = await registryState();
      await assert.rejects(importFile(itAdministrator, designationKind, 'csv', file.body.replace(',2036-01-01,,', ',2036-01-01,2036-06-30,')), (e) => isDomainError(e, 'IMPORT_CONFLICT'));
      assert.deepEqual(await registryState(), before);
    });

    it('refuses rows owned by a tenant the importer may not write for, and writes none of the file', async () => {
      const before = await registryState();
      const rows = [designation({ country: 'GY', from: '2037-01-01' }), designation({ memberState: 'DE', country: 'GY', from: '2037-01-01' })];
      await assert.rejects(importFile(itAdministrator, designationKind, 'json', JSON.stringify(rows)), (e) => isDomainError(e, 'FORBIDDEN') && /row 2/.test(e.message));
      assert.deepEqual(await registryState(), before);
      const dry = await importFile(itAdministrator, designationKind, 'json', JSON.stringify(rows.slice(0, 1)), true);
      assert.deepEqual([dry.dryRun, dry.created], [true, 1]);
      assert.deepEqual(await registryState(), before, 'a dry run writes nothing');
    });

    it('never creates a country, only updates one (the ISO list is fixed)', async () => {
      const file = await exportFile(comAdministrator, countryKind, 'json');
      const records = (JSON.parse(file.body) as { records: Array<Record<string, unknown>> }).records;
      assert.equal(records.length, 250);
      await assert.rejects(importFile(comAdministrator, countryKind, 'json', JSON.stringify([{ code: 'QQ', name: 'Nowhere', names: {} }])), (e) => isDomainError(e, 'INVALID_IMPORT'));
      const kosovo = records.find((r) => r.code === 'XK')!;
      const { id: _id, version: _version, ...data } = kosovo;
      const result = await importFile(comAdministrator, countryKind, 'json', JSON.stringify([{ ...data, note: 'Kosovo: checked' }]));
      assert.deepEqual([result.updated, result.rows[0]?.key], [1, 'XK']);
    });

    it('exports and re-imports generated values unchanged, whatever their text', async () => {
      let n = 0;
      await fc.assert(fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('=SUM(A1)', '+1', '-1', '@x', '\t=1', "'=1", "''+2", 'a,b', 'line\nbreak', '"quoted"')),
        fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 3 }),
        async (note, regions) => {
          n += 1;
          const clean = (s: string) => s.trim().replace(/[\u0000\uD800-\uDFFF]/g, 'x') || 'x';
          const data = designation({ country: 'SR', from: `2${String(100 + n).padStart(3, '0')}-01-01`, to: `2${String(100 + n).padStart(3, '0')}-12-31`, note: clean(note), exceptions: { regions: regions.map(clean), categories: [] } });
          await importFile(itAdministrator, designationKind, 'json', JSON.stringify([data]));
          const file = await exportFile(itAdministrator, designationKind, 'csv', { country: 'SR' });
          const result = await importFile(itAdministrator, designationKind, 'csv', file.body);
          assert.equal(result.unchanged, result.total, `${JSON.stringify(note)} did not survive the CSV round trip`);
        }), { numRuns: ENGINE === 'pglite' ? 25 : 50 });
    });
  });
});
