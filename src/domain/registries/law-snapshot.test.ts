/**
 * The law engine's view of the registries: in the exact shapes of `law/facts.ts`, agreeing with the
 * law package's own parameters and registry defaults, read anew exactly when a registry write has
 * committed, and usable as an assessment's context.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { assess } from '../../../law/assess.ts';
import { rulesOn } from '../../../law/catalog.ts';
import { ZContext, parseFacts } from '../../../law/facts.ts';
import { DEFAULT_REGISTRY as REGISTRY } from '../../../law/registry.ts';
import type { Actor } from '../access/roles.ts';
import { designationKind, type Designation } from '../designations/designation.ts';
import { readmissionKind, type Readmission } from '../readmission/readmission.ts';
import type { IsoDate } from '../../rules/engine/dates.ts';
import { asActor } from '../../storage/transaction.ts';
import { createRegistryRecord } from './create-record.ts';
import { buildLawSnapshot, loadLawSnapshot } from './law-snapshot.ts';
import { updateRegistryRecord } from './update-record.ts';
import { crisisAuthorisationKind } from '../border-situations/crisis-authorisation.ts';
import { mechanismKind, type Mechanism } from '../mechanisms/mechanism.ts';
import { partnershipKind, type Partnership } from '../partnerships/partnership.ts';
import { lawAgreement } from './law-snapshot.ts';

const comAdministrator: Actor = { id: 'com-administrator', displayName: 'COM administrator', tenantId: 'COM', unitId: null, roles: ['administrator'] };
const itAdministrator: Actor = { id: 'it-administrator', displayName: 'IT administrator', tenantId: 'IT', unitId: null, roles: ['administrator'] };
const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };

let storage: TestStorage;
before(async () => { storage = await openTestStorage(); });
after(() => storage.close());

function parameter(id: string, on: string): unknown {
  return rulesOn(on as IsoDate).parameters.find((p) => p.id === id)?.value;
}

describe(`the law snapshot on ${ENGINE}`, () => {
  it('has the shapes of law/facts.ts ZContext on every date', async () => {
    const snapshot = await loadLawSnapshot({ db: storage.db });
    for (const on of ['2015-07-21', '2020-03-01', '2021-06-07', '2026-06-11', '2026-06-12', '2026-11-21', '2030-01-01']) {
      const context = snapshot.contextOn(on, { nationality: 'SY' });
      assert.deepEqual(ZContext.parse(context), context, on);
    }
  });

  it('agrees with the law package: the Union list and the candidate countries on 12 June 2026', async () => {
    const snapshot = await loadLawSnapshot({ db: storage.db });
    for (const on of ['2026-06-12', '2026-11-21']) {
      assert.deepEqual(snapshot.euSafeCountriesOfOriginOn(on), [...parameter('eu/reg-2024-1348-apr/annex-ii-safe-countries-of-origin/eu-list', on) as string[]].sort(), on);
      assert.deepEqual(snapshot.candidatesOn(on), [...parameter('eu/enlargement/candidate-countries', on) as string[]].sort(), on);
    }
    assert.deepEqual(snapshot.euSafeCountriesOfOriginOn('2026-06-11'), []);
  });

  it('holds the readmission facts the law package has as defaults, with the same date and source', async () => {
    const snapshot = await loadLawSnapshot({ db: storage.db });
    const context = snapshot.contextOn('2026-07-01');
    for (const fact of REGISTRY.readmission) {
      assert.ok(context.readmission.some((r) => r.country === fact.country && r.from === fact.from && r.status === fact.status && r.since === fact.since && r.source === fact.source), JSON.stringify(fact));
    }
    assert.deepEqual(snapshot.contextOn('2020-02-29').readmission, [], 'not before March 2020');
  });

  it('is read anew when a registry write commits, and reused until then', async () => {
    const first = await loadLawSnapshot({ db: storage.db });
    assert.equal(await loadLawSnapshot({ db: storage.db }), first, 'the same object while nothing changed');
    await asActor(storage.db, itAdministrator, (tx) => createRegistryRecord({
      tx, actor: itAdministrator, kind: designationKind, reason: 'test',
      data: { kind: 'safe-country-of-origin', level: 'national', memberState: 'IT', country: 'MN', from: '2026-07-01', sources: [SOURCE], verified: true } satisfies Partial<Designation>,
    }));
    const second = await loadLawSnapshot({ db: storage.db });
    assert.notEqual(second, first);
    assert.ok(second.revision > first.revision);
    assert.ok(second.contextOn('2026-07-01').designations.some((d) => d.country === 'MN' && d.memberState === 'IT'));
    assert.ok(!first.contextOn('2026-07-01').designations.some((d) => d.country === 'MN'));
    // A write that fails leaves the snapshot as it was.
    await assert.rejects(asActor(storage.db, itAdministrator, (tx) => updateRegistryRecord({ tx, actor: itAdministrator, kind: designationKind, idOrKey: 'safe-country-of-origin:IT:MN:2026-07-01', expectedVersion: 9, changes: { to: '2026-12-31' }, reason: 'stale' })));
    assert.equal(await loadLawSnapshot({ db: storage.db }), second);
  });

  it('yields at least the agreements law/registry/defaults.yaml yields, with the same fields, on each side of their dates', async () => {
    const snapshot = await loadLawSnapshot({ db: storage.db });
    const dates = ['2016-03-19', '2016-03-20', '2020-03-01', '2024-02-21', '2024-02-22', '2024-10-16', '2026-06-11', '2026-06-12', '2026-11-21', '2030-01-01'];
    let compared = 0;
    for (const on of dates) {
      const agreements = snapshot.contextOn(on).agreements;
      for (const fact of REGISTRY.agreements.filter((a) => a.from <= on && (a.to == null || on <= a.to))) {
        const ours = agreements.find((a) => a.id === fact.id);
        assert.ok(ours, `${fact.id} on ${on}`);
        for (const [field, value] of Object.entries(fact)) if (value !== undefined) assert.deepEqual((ours as Record<string, unknown>)[field], value, `${fact.id}.${field} on ${on}`);
        compared++;
      }
      for (const a of agreements) assert.ok(a.from <= on && (a.to == null || on <= a.to), `${a.id} is in force on ${on}`);
    }
    assert.ok(compared >= 12, 'both defaults compared on the dates they hold');
    assert.deepEqual(snapshot.contextOn('2016-03-19').agreements, [], 'the day before the Statement');
    assert.deepEqual(snapshot.contextOn('2024-02-22').agreements.map((a) => a.id), ['eu-tr-statement', 'it-al-protocol']);
  });

  it('gives the engine only mechanisms it reasons on: started, with a Member State taking part, of its agreement kinds', async () => {
    const snapshot = await loadLawSnapshot({ db: storage.db });
    const ids = snapshot.contextOn('2023-01-01').agreements.map((a) => a.id);
    assert.ok(!ids.includes('uk-rw-relocation'), 'no Member State takes part');
    assert.ok(!snapshot.contextOn('2026-11-21').agreements.some((a) => a.id === 'nl-ug-transit-hub'), 'planned: no first day');
    assert.ok(!snapshot.contextOn('2026-11-21').agreements.some((a) => a.id === 'rw-etm'), 'emergency transit is not an agreement kind of the engine');
    const partnership = { code: 'x', legallyBinding: null, monitoring: { body: 'Independent monitor', independent: true, designatedOn: null, reports: [] } } as unknown as Partnership;
    const mechanism = { code: 'x-hub', kind: 'return-hub', partner: 'UG', memberStates: ['NL'], from: '2027-01-01', to: null, sources: [SOURCE], partnership: 'x' } as unknown as Mechanism;
    assert.deepEqual(lawAgreement(mechanism, partnership), { id: 'x-hub', kind: 'return-hub', partner: 'UG', memberStates: ['NL'], from: '2027-01-01', to: null, source: SOURCE.url, independentMonitoring: true });
    assert.equal(lawAgreement(mechanism, undefined), null);
    assert.equal(partnershipKind.name, 'partnership');
    assert.equal(mechanismKind.name, 'mechanism');
  });

  it('gives the engine the Council\'s crisis authorisations, so that an assessment applies their derogations', async () => {
    await asActor(storage.db, comAdministrator, (tx) => createRegistryRecord({
      tx, actor: comAdministrator, kind: crisisAuthorisationKind, reason: 'test',
      data: { memberState: 'LT', kind: 'instrumentalisation', from: '2026-09-01', to: '2026-11-30', derogations: ['registration-4-weeks'], decision: SOURCE, verified: true },
    }));
    await asActor(storage.db, comAdministrator, (tx) => createRegistryRecord({
      tx, actor: comAdministrator, kind: crisisAuthorisationKind, reason: 'test',
      data: { memberState: 'PL', kind: 'instrumentalisation', from: '2026-09-01', to: '2026-11-30', derogations: ['registration-4-weeks'], decision: SOURCE, verified: false },
    }));
    const snapshot = await loadLawSnapshot({ db: storage.db });
    const on = '2026-09-15';
    const context = snapshot.contextOn(on);
    assert.deepEqual(context.crisisAuthorisations, [{ memberState: 'LT', kind: 'instrumentalisation', from: '2026-09-01', to: '2026-11-30', derogations: ['registration-4-weeks'] }], 'the unverified one is left out');
    assert.deepEqual(ZContext.parse(context), context);
    const registration = (memberState: string) => {
      const parsed = parseFacts({ memberState, person: { nationality: 'IQ' }, application: { madeOn: '2026-09-10' }, context }, on);
      assert.ok(parsed.ok, JSON.stringify(parsed));
      return assess({ facts: parsed.facts, on }).deadlines.find((d) => d.name === 'registration')?.date;
    };
    assert.equal(registration('LT'), '2026-10-08', 'four weeks under the authorisation (law/tests/deadlines.yaml)');
    assert.equal(registration('LV'), '2026-09-15', 'five days elsewhere');
  });

  it('spreads an EU-wide readmission status to every Member State without its own, and leaves out what nobody verified', () => {
    const status = (overrides: Partial<Readmission>): Readmission => ({
      country: 'GM', memberState: null, status: 'partial', from: '2021-10-07', to: null, evidence: [{ ...SOURCE }], verified: true, note: null, ...overrides,
    });
    const snapshot = buildLawSnapshot({
      revision: 1, countries: [], designations: [],
      readmission: [status({}), status({ memberState: 'ES', status: 'cooperating', from: '2022-01-01' }), status({ country: 'ET', memberState: 'IT', status: 'suspended', verified: false })],
    });
    const context = snapshot.contextOn('2023-01-01');
    const gambia = context.readmission.filter((r) => r.country === 'GM');
    assert.equal(gambia.length, 27);
    assert.deepEqual(gambia.find((r) => r.from === 'ES'), { country: 'GM', from: 'ES', status: 'cooperating', since: '2022-01-01', source: SOURCE.url });
    assert.ok(gambia.filter((r) => r.from !== 'ES').every((r) => r.status === 'partial'));
    assert.ok(!context.readmission.some((r) => r.country === 'ET'), 'unverified');
    assert.ok(buildLawSnapshot({ revision: 1, countries: [], designations: [], readmission: [status({ country: 'ET', memberState: 'IT', verified: false })], includeUnverified: true })
      .contextOn('2023-01-01').readmission.some((r) => r.country === 'ET'));
    assert.equal(readmissionKind.name, 'readmission');
  });

  it('gives the law engine what it needs to answer from the registries: a national designation, and a suspension of a Union one', async () => {
    const snapshot = await loadLawSnapshot({ db: storage.db });
    const on = '2026-07-01';
    /** An application made on `date` by a national of `nationality`, in `memberState`. */
    const facts = (memberState: string, nationality: string, date: string) => {
      const parsed = parseFacts({ memberState, person: { nationality, age: 30 }, application: { madeOn: date } }, date);
      assert.ok(parsed.ok, JSON.stringify(parsed));
      return parsed.facts;
    };
    const sco = (memberState: string, nationality: string, context?: object, date = on) =>
      assess({ facts: { ...facts(memberState, nationality, date), ...(context ? { context } : {}) }, on: date }).findings.find((f) => f.question === 'sco-presumption')?.outcome;
    // Ghana is on Germany's list, not Italy's, not the Union's: only the registries say so.
    assert.equal(sco('DE', 'GH'), 'no');
    assert.equal(sco('DE', 'GH', snapshot.contextOn(on)), 'yes');
    assert.equal(sco('IT', 'GH', snapshot.contextOn(on)), 'yes', 'Italy lists Ghana too');
    assert.equal(sco('FR', 'GH', snapshot.contextOn(on)), 'no');
    const created = await asActor(storage.db, comAdministrator, (tx) => createRegistryRecord({
      tx, actor: comAdministrator, kind: designationKind, reason: 'test',
      data: { kind: 'safe-third-country', level: 'eu', country: 'CV', from: '2026-06-12', to: '2026-12-31', sources: [SOURCE], verified: true, suspensions: [{ from: '2026-07-01', to: null, reason: 'test', sources: [SOURCE] }] },
    }));
    assert.ok(created);
    const after = await loadLawSnapshot({ db: storage.db });
    const stc = after.contextOn(on).designations.filter((d) => d.country === 'CV' && d.kind === 'safe-third-country');
    assert.deepEqual(stc.map((d) => [d.from, d.to, d.suspensions]), [['2026-06-12', '2026-12-31', [{ from: '2026-07-01', to: null, source: SOURCE.url }]]],
      'the designation goes to the engine with its suspension');
    // Egypt is on the Union list (Annex II) and on Italy's own list (both seeded); a (hypothetical)
    // Commission suspension from 1 August 2026 (APR Art. 63(1)) takes both away (Art. 64(2)).
    await asActor(storage.db, comAdministrator, (tx) => updateRegistryRecord({
      tx, actor: comAdministrator, kind: designationKind, idOrKey: 'safe-country-of-origin:EU:EG:2026-06-12', expectedVersion: 1, reason: 'test',
      changes: { suspensions: [{ from: '2026-08-01', to: '2026-10-31', reason: 'test: deterioration of the situation', sources: [SOURCE] }] },
    }));
    const suspended = await loadLawSnapshot({ db: storage.db });
    for (const [date, expected] of [['2026-07-31', 'yes'], ['2026-08-01', 'no'], ['2026-10-31', 'no'], ['2026-11-01', 'yes']] as const) {
      assert.equal(sco('IT', 'EG', suspended.contextOn(date), date), expected, `Egypt on ${date}`);
    }
    assert.deepEqual(suspended.euSafeCountriesOfOriginOn('2026-08-01').includes('EG'), false);
    assert.deepEqual(suspended.euSafeCountriesOfOriginOn('2026-11-01').includes('EG'), true);
  });
});
