/**
 * Partnerships and what hangs on them, on the engine the environment selects: the seeded partnerships
 * carry their sources and say what is unverified; who owns a partnership decides who writes it (only
 * partnership officers and administrators of the owner); mechanisms, facilities and funding must name
 * records that exist and belong to the same owner; a record others name keeps its key; concurrent edits
 * are detected; a partnership's profile gathers its mechanisms, facilities, funding and outreach.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { isDomainError } from '../errors.ts';
import { facilityKind } from '../facilities/facility.ts';
import { fundingKind } from '../funding/funding-line.ts';
import { mechanismKind, type Mechanism } from '../mechanisms/mechanism.ts';
import { outreachEventKind } from '../outreach/outreach-event.ts';
import { createRegistryRecord } from '../registries/create-record.ts';
import { getRegistryRecord } from '../registries/get-record.ts';
import { linkIssues } from '../registries/links.ts';
import { listRegistryRecords } from '../registries/list-records.ts';
import { REGISTRY_KINDS } from '../registries/catalog.ts';
import { readRegistries } from '../registries/chain.ts';
import { exportRegistry } from '../registries/export-records.ts';
import { importRegistry } from '../registries/import-records.ts';
import { updateRegistryRecord } from '../registries/update-record.ts';
import { asActor, inTenant } from '../../storage/transaction.ts';
import { sql } from 'kysely';
import { getPartnershipProfile } from './get-partnership-profile.ts';
import { ownersAllowed, partnershipKind, type Partnership } from './partnership.ts';

const actor = (id: string, tenantId: string, role: Actor['roles'][number]): Actor => ({ id, displayName: id, tenantId, unitId: null, roles: [role] });
const itOfficer = actor('it-partnership-officer', 'IT', 'partnership-officer');
const grOfficer = actor('gr-partnership-officer', 'GR', 'partnership-officer');
const comOfficer = actor('com-partnership-officer', 'COM', 'partnership-officer');
const itAdministrator = actor('it-administrator', 'IT', 'administrator');
const itAnalyst = actor('it-policy-analyst', 'IT', 'policy-analyst');
const itCaseworker = actor('it-caseworker', 'IT', 'caseworker');
const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };

let storage: TestStorage;
before(async () => { storage = await openTestStorage(); });
after(() => storage.close());

const SEEDED = ['eu-tr-statement', 'eu-tn-mou', 'eu-eg-partnership', 'eu-mr-migration-partnership', 'it-al-protocol', 'ne-unhcr-etm', 'rw-unhcr-au-etm', 'nl-ug-loi', 'uk-rw-medp'];

async function read(code: string) {
  return asActor(storage.db, itAnalyst, (tx) => getRegistryRecord<Partnership>({ tx, actor: itAnalyst, kind: partnershipKind, idOrKey: code }));
}

async function note(who: Actor, code: string, text: string) {
  const current = await read(code);
  return asActor(storage.db, who, (tx) => updateRegistryRecord({ tx, actor: who, kind: partnershipKind, idOrKey: code, expectedVersion: current.version, changes: { note: text }, reason: 'annotated' }));
}

describe(`partnerships on ${ENGINE}`, () => {
  describe('the seeded partnerships', () => {
    it('are all there, each with documents, and say which of their facts are unverified', async () => {
      const { items } = await asActor(storage.db, itAnalyst, (tx) => listRegistryRecords({ tx, actor: itAnalyst, kind: partnershipKind, limit: 100 }));
      assert.deepEqual(items.map((r) => r.key).sort(), [...SEEDED].sort());
      for (const { data } of items as Array<{ data: Partnership }>) {
        assert.ok(data.documents.length > 0 && data.documents.every((d) => /^https:\/\//.test(d.url)), data.code);
        assert.ok(data.verified || data.unverified.length > 0, `${data.code}: verified, or saying what is not`);
      }
    });

    it('hold the figures of LAW.md §6–7: 72,000, €6 bn, €105 m / €150 m / €900 m, €7.4 bn with €200 m for migration, 3,000 places', async () => {
      const amounts = (p: Partnership) => p.pillars.flatMap((x) => x.commitments).map((c) => c.amount?.amount).filter((a): a is number => a !== undefined);
      const tunisia = (await read('eu-tn-mou')).data;
      assert.equal(tunisia.pillars.length, 5);
      for (const figure of [105_000_000, 150_000_000, 900_000_000]) assert.ok(amounts(tunisia).includes(figure), String(figure));
      const egypt = (await read('eu-eg-partnership')).data;
      assert.equal(amounts(egypt).reduce((a, b) => a + b, 0), 7_400_000_000);
      assert.ok(egypt.pillars.some((p) => p.commitments.some((c) => /€200 million for migration/.test(c.text))));
      assert.deepEqual(amounts((await read('eu-tr-statement')).data), [3_000_000_000, 3_000_000_000]);
      const oneToOne = await asActor(storage.db, itAnalyst, (tx) => getRegistryRecord<Mechanism>({ tx, actor: itAnalyst, kind: mechanismKind, idOrKey: 'eu-tr-statement' }));
      assert.equal(oneToOne.data.parameters.cap?.total, 72_000);
      const offshore = await asActor(storage.db, itAnalyst, (tx) => getRegistryRecord<Mechanism>({ tx, actor: itAnalyst, kind: mechanismKind, idOrKey: 'it-al-protocol' }));
      assert.equal(offshore.data.parameters.capacity, 3_000);
      const ukRwanda = (await read('uk-rw-medp')).data;
      assert.equal(partnershipKind.stateOf!(ukRwanda, '2024-07-05'), 'implementation');
      assert.equal(partnershipKind.stateOf!(ukRwanda, '2024-07-06'), 'ended');
    });

    it('name only records that exist and fit them (every seeded link holds)', async () => {
      for (const kind of REGISTRY_KINDS.filter((k) => k.linksOf)) {
        const rows = await storage.db.selectFrom('registry_records').selectAll().where('kind', '=', kind.name).execute();
        for (const row of rows) {
          const issues = await asActor(storage.db, itAnalyst, (tx) => linkIssues(tx, kind, row.data as never));
          assert.deepEqual(issues, [], `${kind.name} ${row.key}`);
        }
      }
    });
  });

  describe('who writes', () => {
    it('keeps an EU-level partnership with the Commission, a bilateral one with its Member State, an organisation\'s with it', () => {
      assert.deepEqual(ownersAllowed({ eu: true, memberStates: ['IT'], partner: 'TN', otherStates: [], organisations: [] }), ['COM']);
      assert.deepEqual(ownersAllowed({ eu: false, memberStates: ['IT'], partner: 'AL', otherStates: [], organisations: [] }), ['IT']);
      assert.deepEqual(ownersAllowed({ eu: false, memberStates: [], partner: 'RW', otherStates: [], organisations: ['UNHCR', 'African Union'] }), ['UNHCR', 'COM']);
      assert.deepEqual(ownersAllowed({ eu: false, memberStates: [], partner: 'RW', otherStates: ['GB'], organisations: [] }), ['COM']);
    });

    it('lets only partnership officers and administrators of the owner write a partnership', async () => {
      assert.equal((await note(itOfficer, 'it-al-protocol', 'checked by Italy\'s partnership officer')).data.note, 'checked by Italy\'s partnership officer');
      assert.ok((await note(itAdministrator, 'it-al-protocol', 'checked by Italy\'s administrator')).version > 1);
      assert.ok((await note(comOfficer, 'eu-tr-statement', 'checked by the Commission')).version > 1);
      for (const [who, code] of [[grOfficer, 'it-al-protocol'], [itOfficer, 'eu-tr-statement'], [itAnalyst, 'it-al-protocol'], [itCaseworker, 'it-al-protocol']] as const) {
        await assert.rejects(note(who, code, 'not theirs'), (e) => isDomainError(e, 'FORBIDDEN'), `${who.id} on ${code}`);
      }
    });

    it('refuses a partnership kept by a tenant its parties do not allow', async () => {
      const data = { ...(await read('it-al-protocol')).data, code: 'it-al-copy', owner: 'GR' };
      await assert.rejects(asActor(storage.db, grOfficer, (tx) => createRegistryRecord({ tx, actor: grOfficer, kind: partnershipKind, data })),
        (e) => isDomainError(e, 'VALIDATION_FAILED') && e.fields.some((f) => f.path === 'data.owner' && /kept by IT/.test(f.message)));
    });
  });

  describe('links between records', () => {
    const mechanism = (overrides: Partial<Mechanism> = {}) => ({
      code: 'test-link-mechanism', title: 'Test mechanism', kind: 'return-hub', partnership: 'it-al-protocol', partner: 'AL', memberStates: ['IT'],
      sources: [SOURCE], owner: 'IT', verified: false, ...overrides,
    });

    it('refuses a mechanism of a partnership that does not exist, or kept by another tenant, or with a partner not party to it', async () => {
      const attempt = (data: object, who = itOfficer) => asActor(storage.db, who, (tx) => createRegistryRecord({ tx, actor: who, kind: mechanismKind, data }));
      await assert.rejects(attempt(mechanism({ partnership: 'no-such-partnership' })), (e) => isDomainError(e, 'VALIDATION_FAILED') && e.fields[0]!.path === 'data.partnership' && /no partnership no-such-partnership/.test(e.fields[0]!.message));
      await assert.rejects(attempt(mechanism({ owner: 'GR', memberStates: ['GR'] }), grOfficer), (e) => isDomainError(e, 'VALIDATION_FAILED') && /kept by IT: so is its mechanism/.test(e.message));
      await assert.rejects(attempt(mechanism({ partner: 'TN' })), (e) => isDomainError(e, 'VALIDATION_FAILED') && /TN is not a party to it-al-protocol/.test(e.message));
      const ok = await attempt(mechanism());
      assert.equal(ok.data.partnership, 'it-al-protocol');
    });

    it('keeps the key of a partnership that others name', async () => {
      const current = await read('nl-ug-loi');
      const nlOfficer = actor('nl-partnership-officer', 'NL', 'partnership-officer');
      await assert.rejects(asActor(storage.db, nlOfficer, (tx) => updateRegistryRecord({ tx, actor: nlOfficer, kind: partnershipKind, idOrKey: 'nl-ug-loi', expectedVersion: current.version, changes: { code: 'nl-ug-renamed' }, reason: 'rename' })),
        (e) => isDomainError(e, 'INVALID_STATE') && /mechanism nl-ug-transit-hub/.test(e.message));
    });
  });

  describe('concurrent edits', () => {
    it('lets one of two edits made from the same version through and refuses the other', async () => {
      const current = await read('eu-eg-partnership');
      const attempts = await Promise.allSettled(['first', 'second'].map((text) => asActor(storage.db, comOfficer, (tx) =>
        updateRegistryRecord({ tx, actor: comOfficer, kind: partnershipKind, idOrKey: 'eu-eg-partnership', expectedVersion: current.version, changes: { note: text }, reason: text }))));
      assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1);
      assert.ok(isDomainError((attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult).reason, 'VERSION_CONFLICT'));
      assert.equal((await read('eu-eg-partnership')).version, current.version + 1);
    });
  });

  describe('export and import', () => {
    for (const format of ['csv', 'json'] as const) {
      it(`exports every new kind as ${format.toUpperCase()} that imports back unchanged, writing nothing`, async () => {
        const state = async () => (await sql<{ n: string; v: string }>`select count(*) as n, coalesce(sum(version), 0) as v from registry_records`.execute(storage.db)).rows[0];
        const operator = actor('system:registry-import', 'COM', 'administrator');
        for (const kind of REGISTRY_KINDS.filter((k) => !['country', 'designation', 'readmission'].includes(k.name))) {
          const file = await readRegistries(storage.db, itAnalyst, (tx) => exportRegistry({ tx, actor: itAnalyst, kind, format }));
          const before = await state();
          const result = await inTenant(storage.db, { tenantId: 'COM' }, (tx) => importRegistry({ tx, actor: operator, kind, format, content: file.body, reason: 'round trip' }));
          assert.equal(result.unchanged, result.total, `${kind.plural}: ${JSON.stringify(result.rows.filter((r) => r.outcome !== 'unchanged'))}`);
          assert.deepEqual(await state(), before, kind.plural);
        }
      });
    }

    it('refuses a malformed partnerships file with the line and column of each problem, and writes nothing', async () => {
      const csv = [
        'code,title,kind,legallyBinding,parties,documents,lifecycle,owner,verified',
        'fine-code,A fine title,arrangement,false,"{""eu"":false,""memberStates"":[""IT""],""partner"":""UY""}","[{""title"":""Doc"",""url"":""https://example.org/d""}]","{""phases"":[{""phase"":""exploration"",""from"":""2031-01-01""}]}",IT,false',
        'Bad Code,x,treaty,perhaps,"{""eu"":false,""memberStates"":[""IT""],""partner"":""IT""}",[],"{""phases"":[]}",IT,false',
      ].join('\r\n');
      const before = await sql<{ n: string }>`select count(*) as n from registry_records`.execute(storage.db);
      await assert.rejects(inTenant(storage.db, { tenantId: 'IT' }, (tx) => importRegistry({ tx, actor: itOfficer, kind: partnershipKind, format: 'csv', content: csv, reason: 'bad file' })), (error) => {
        assert.ok(isDomainError(error, 'INVALID_IMPORT'), String(error));
        const paths = error.fields.map((f) => f.path);
        for (const path of ['rows.3.code', 'rows.3.title', 'rows.3.kind', 'rows.3.legallyBinding', 'rows.3.documents', 'rows.3.lifecycle.phases']) assert.ok(paths.includes(path), `${path} in ${paths.join(', ')}`);
        assert.match(error.fields.find((f) => f.path === 'rows.3.kind')!.message, /^line 3, column 3 \(kind\): /);
        return true;
      });
      assert.deepEqual(await sql<{ n: string }>`select count(*) as n from registry_records`.execute(storage.db), before);
    });
  });

  describe('profile', () => {
    it('gathers a partnership\'s mechanisms, their facilities, the funding and the outreach', async () => {
      const italy = await asActor(storage.db, itAnalyst, (tx) => getPartnershipProfile({ tx, actor: itAnalyst, idOrKey: 'it-al-protocol' }));
      const keys = (kind: { name: string }) => [...italy.related].find(([k]) => k.name === kind.name)?.[1].map((r) => r.key) ?? [];
      assert.ok(keys(mechanismKind).includes('it-al-protocol'));
      assert.deepEqual(keys(facilityKind), ['al-gjader', 'al-shengjin']);
      assert.equal(keys(fundingKind).length, 4, 'Law 14/2024 Art. 6(1)(a) and (b), two ministries each');
      const tunisia = await asActor(storage.db, itAnalyst, (tx) => getPartnershipProfile({ tx, actor: itAnalyst, idOrKey: 'eu-tn-mou' }));
      assert.deepEqual([...tunisia.related].find(([k]) => k.name === outreachEventKind.name)?.[1].map((r) => r.key), ['eu-tn-signing-2023-07-16']);
    });
  });
});
