/**
 * Designations over time, on the engine the environment selects: which designations are in force on
 * a date — on the day before and the day of every change (a start, an end, a suspension and its
 * lifting) — for the seeded facts and for generated ones; exceptions; and review reminders.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { isDomainError } from '../errors.ts';
import { createRegistryRecord } from '../registries/create-record.ts';
import { listRegistryRecords } from '../registries/list-records.ts';
import { listReviewsDue } from '../registries/list-reviews-due.ts';
import { applicablePeriods, loadLawSnapshot } from '../registries/law-snapshot.ts';
import { updateRegistryRecord } from '../registries/update-record.ts';
import { REGISTRY_KINDS } from '../registries/catalog.ts';
import { addDays, type IsoDate } from '../../rules/engine/dates.ts';
import { asActor } from '../../storage/transaction.ts';
import { designationInForce, designationKind, designationState, type Designation } from './designation.ts';

const comAdministrator: Actor = { id: 'com-administrator', displayName: 'COM administrator', tenantId: 'COM', unitId: null, roles: ['administrator'] };
const itAdministrator: Actor = { id: 'it-administrator', displayName: 'IT administrator', tenantId: 'IT', unitId: null, roles: ['administrator'] };
const itCaseworker: Actor = { id: 'it-caseworker', displayName: 'IT caseworker', tenantId: 'IT', unitId: 'asylum', roles: ['caseworker'] };
const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };

const day = (date: string, days: number) => addDays(date as IsoDate, days);

/** Countries no other test here designates at Union level, one per generated designation. */
const GENERATED_COUNTRIES = ['AR', 'BR', 'CL', 'CR', 'EC', 'GT', 'HN', 'JM', 'MX', 'NI', 'PA', 'PY', 'SV', 'TT', 'VE', 'AU', 'NZ', 'FJ', 'PG', 'WS',
  'TO', 'VU', 'SB', 'KI', 'TV', 'NR', 'PW', 'FM', 'MH', 'CK', 'NU', 'BS', 'BB', 'LC', 'VC', 'GD', 'DM', 'KN', 'AG', 'SR'];

let storage: TestStorage;
before(async () => { storage = await openTestStorage(); });
after(() => storage.close());

/** Keys of the designations in force on `on`, for the filters given (the list's `on`). */
async function inForce(on: string, filters: Record<string, string> = {}): Promise<string[]> {
  const page = await asActor(storage.db, itCaseworker, (tx) => listRegistryRecords({ tx, actor: itCaseworker, kind: designationKind, on, filters, limit: 500 }));
  return page.items.map((r) => r.key);
}

function designation(overrides: Partial<Designation> = {}): Designation {
  return {
    kind: 'safe-country-of-origin', level: 'national', memberState: 'IT', country: 'UY', from: '2030-01-01', to: null,
    exceptions: { regions: [], categories: [] }, appliesTo: null, sources: [SOURCE], reviewDue: null, suspensions: [], verified: true, note: null,
    ...overrides,
  };
}

async function create(actor: Actor, data: Designation) {
  return asActor(storage.db, actor, (tx) => createRegistryRecord({ tx, actor, kind: designationKind, data, reason: 'test' }));
}

describe(`designations on ${ENGINE}`, () => {
  describe('the seeded facts, the day before and the day of each change', () => {
    it('puts the Union list in force on 12 June 2026, not the day before', async () => {
      const eu = { level: 'eu', kind: 'safe-country-of-origin' };
      assert.deepEqual(await inForce('2026-06-11', eu), []);
      const listed = (await inForce('2026-06-12', eu)).map((k) => k.split(':')[2]).sort();
      assert.deepEqual(listed, ['BD', 'CO', 'EG', 'IN', 'MA', 'TN', 'XK']);
    });

    it('designates Georgia and Moldova in Germany from 23 December 2023', async () => {
      for (const country of ['GE', 'MD']) {
        assert.deepEqual(await inForce('2023-12-22', { memberState: 'DE', country }), []);
        assert.deepEqual(await inForce('2023-12-23', { memberState: 'DE', country }), [`safe-country-of-origin:DE:${country}:2023-12-23`]);
      }
      assert.equal((await inForce('2023-12-22', { memberState: 'DE' })).length, 8);
      assert.equal((await inForce('2023-12-23', { memberState: 'DE' })).length, 10);
    });

    it('applies Italy\'s 19 countries from 23 October 2024, and in Italy also the Union list from 12 June 2026', async () => {
      assert.deepEqual(await inForce('2024-10-22', { memberState: 'IT' }), []);
      assert.equal((await inForce('2024-10-23', { memberState: 'IT' })).length, 19);
      const inItaly = await inForce('2026-06-12', { appliesIn: 'IT', kind: 'safe-country-of-origin' });
      assert.equal(inItaly.length, 19 + 7);
      assert.ok(!inItaly.some((k) => k.includes(':DE:')));
    });

    it('holds Greece\'s designation of Türkiye as a safe third country from 7 June 2021, for five nationalities only', async () => {
      assert.deepEqual(await inForce('2021-06-06', { kind: 'safe-third-country' }), []);
      assert.deepEqual(await inForce('2021-06-07', { kind: 'safe-third-country' }), ['safe-third-country:GR:TR:2021-06-07']);
      const snapshot = await loadLawSnapshot({ db: storage.db });
      assert.deepEqual(snapshot.contextOn('2021-06-07').designations.filter((d) => d.kind === 'safe-third-country'), []);
      assert.deepEqual(snapshot.contextOn('2021-06-07', { nationality: 'SY' }).designations.filter((d) => d.kind === 'safe-third-country').map((d) => d.country), ['TR']);
      assert.deepEqual(snapshot.contextOn('2021-06-07', { nationality: 'IQ' }).designations.filter((d) => d.kind === 'safe-third-country'), []);
    });
  });

  describe('a designation that starts, is suspended, is restored and ends', () => {
    const timeline = {
      from: '2031-03-01', to: '2032-02-29',
      suspensions: [{ from: '2031-07-10', to: '2031-08-31', reason: 'Commission decision: deterioration in the north', sources: [SOURCE] }],
    };
    let key: string;

    before(async () => {
      const created = await create(comAdministrator, designation({ level: 'eu', memberState: null, country: 'GH', ...timeline }));
      key = created.key;
    });

    for (const [label, date, expected] of [
      ['the day before it starts', '2031-02-28', 'not-yet'], ['the day it starts', '2031-03-01', 'in-force'],
      ['the day before the suspension', '2031-07-09', 'in-force'], ['the first day of the suspension', '2031-07-10', 'suspended'],
      ['the last day of the suspension', '2031-08-31', 'suspended'], ['the day it is restored', '2031-09-01', 'in-force'],
      ['its last day (29 February)', '2032-02-29', 'in-force'], ['the day after it ends', '2032-03-01', 'ended'],
    ] as const) {
      it(`is ${expected} on ${label}, in the list, the law snapshot and the state alike`, async () => {
        const listed = (await inForce(date, { country: 'GH', level: 'eu' })).includes(key);
        assert.equal(listed, expected === 'in-force', `list on ${date}`);
        const snapshot = await loadLawSnapshot({ db: storage.db });
        const inLaw = snapshot.contextOn(date).designations.some((d) => d.country === 'GH' && d.level === 'eu' && d.from <= date && (d.to == null || date <= d.to)
          && !(d.suspensions ?? []).some((x) => x.from <= date && (x.to == null || date <= x.to)));
        assert.equal(inLaw, expected === 'in-force', `snapshot on ${date}`);
        const data = designation({ level: 'eu', memberState: null, country: 'GH', ...timeline });
        assert.equal(designationState(data, date), expected);
      });
    }
  });

  describe('generated designations', () => {
    const date = fc.integer({ min: 0, max: 3000 }).map((n) => day('2030-01-01', n));
    const suspension = fc.tuple(date, fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }))
      .map(([from, length]) => ({ from, to: length === null ? null : day(from, length), reason: 'generated', sources: [SOURCE] }));

    it('agree, on every day, between "in force" and the periods the law engine is given', () => {
      fc.assert(fc.property(date, fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }), fc.array(suspension, { maxLength: 3 }), date,
        (from, length, suspensions, on) => {
          const d = { from, to: length === null ? null : day(from, length), suspensions: suspensions.filter((s) => s.from >= from) };
          const covered = applicablePeriods(d).some((p) => p.from <= on && (p.to === null || on <= p.to));
          assert.equal(covered, designationInForce(d, on));
        }), { numRuns: 2000 });
    });

    it('are listed "in force" by the database exactly when the rule says so, around every change', async () => {
      let n = 0;
      await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 2000 }), fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }), fc.option(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 100 })), { nil: null }),
        async (offset, length, pause) => {
          n += 1;
          // A designation of its own each run: a Member State and a country no other run uses.
          const country = GENERATED_COUNTRIES[n % GENERATED_COUNTRIES.length]!;
          const from = day('2040-01-01', offset + n * 3000);
          const to = length === null ? null : day(from, length);
          const suspensions = pause && (to === null || day(from, pause[0]) <= to) ? [{ from: day(from, pause[0]), to: day(from, pause[0] + pause[1]), reason: 'generated', sources: [SOURCE] }] : [];
          const data = designation({ level: 'eu', memberState: null, country, from, to, suspensions });
          const created = await create(comAdministrator, data);
          const changes = [from, ...(to ? [day(to, 1)] : []), ...suspensions.flatMap((s) => [s.from, day(s.to!, 1)])];
          for (const change of changes) {
            for (const on of [day(change, -1), change]) {
              const listed = (await inForce(on, { country, level: 'eu' })).includes(created.key);
              assert.equal(listed, designationInForce(data, on), `${created.key} on ${on}`);
            }
          }
        }), { numRuns: ENGINE === 'pglite' ? 15 : 30, endOnFailure: true });
    });
  });

  describe('exceptions', () => {
    it('keeps the regions and categories excepted, and gives them to the law engine', async () => {
      const created = await create(itAdministrator, designation({ country: 'BO', from: '2030-05-01', exceptions: { regions: ['Chapare'], categories: ['lgbti', 'journalists'] } }));
      const snapshot = await loadLawSnapshot({ db: storage.db });
      const law = snapshot.contextOn('2030-05-01').designations.find((d) => d.country === 'BO');
      assert.deepEqual(law?.exceptions, { regions: ['Chapare'], categories: ['lgbti', 'journalists'] });
      assert.equal(law?.memberState, 'IT');
      const cleared = await asActor(storage.db, itAdministrator, (tx) => updateRegistryRecord({
        tx, actor: itAdministrator, kind: designationKind, idOrKey: created.id, expectedVersion: 1, changes: { exceptions: { regions: [], categories: ['lgbti'] } }, reason: 'Chapare no longer excepted',
      }));
      assert.equal(cleared.version, 2);
      const after = (await loadLawSnapshot({ db: storage.db })).contextOn('2030-05-01').designations.find((d) => d.country === 'BO');
      assert.deepEqual(after?.exceptions, { categories: ['lgbti'] });
    });

    it('refuses designations the law does not know: a national one without its Member State, a Union one suspended by nobody, a suspension outside its period', async () => {
      const cases: Array<[Partial<Designation>, string]> = [
        [{ memberState: null }, 'data.memberState'],
        [{ level: 'eu' }, 'data.memberState'],
        [{ suspensions: [{ from: '2030-02-01', to: null, reason: 'not for national', sources: [SOURCE] }] }, 'data.suspensions'],
        [{ level: 'eu', memberState: null, suspensions: [{ from: '2029-01-01', to: null, reason: 'before it began', sources: [SOURCE] }] }, 'data.suspensions.0.from'],
        [{ to: '2029-12-31' }, 'data.to'],
        [{ country: 'IT' }, 'data.country'],
      ];
      for (const [overrides, path] of cases) {
        await assert.rejects(create(comAdministrator, designation({ country: 'PE', ...overrides })), (error) => {
          assert.ok(isDomainError(error, 'VALIDATION_FAILED', 'FORBIDDEN'), String(error));
          if (isDomainError(error, 'VALIDATION_FAILED')) assert.ok(error.fields.some((f) => f.path === path), `${path} in ${JSON.stringify(error.fields)}`);
          return true;
        });
      }
    });

    it('refuses a second designation of the same country by the same Member State for an overlapping period', async () => {
      await create(itAdministrator, designation({ country: 'BZ', from: '2030-01-01', to: '2030-12-31' }));
      await assert.rejects(create(itAdministrator, designation({ country: 'BZ', from: '2030-06-01' })), (e) => isDomainError(e, 'ALREADY_EXISTS'));
      const next = await create(itAdministrator, designation({ country: 'BZ', from: '2031-01-01' }));
      assert.equal(next.key, 'safe-country-of-origin:IT:BZ:2031-01-01');
    });

    it('lets an administrator write only designations of their own Member State, and only the Commission Union-level ones', async () => {
      await assert.rejects(create(itAdministrator, designation({ memberState: 'DE', country: 'KE' })), (e) => isDomainError(e, 'FORBIDDEN'));
      await assert.rejects(create(itAdministrator, designation({ level: 'eu', memberState: null, country: 'KE' })), (e) => isDomainError(e, 'FORBIDDEN'));
      await assert.rejects(create(itCaseworker, designation({ country: 'KE' })), (e) => isDomainError(e, 'FORBIDDEN'));
      assert.equal((await create(comAdministrator, designation({ level: 'eu', memberState: null, country: 'KE', from: '2035-01-01' }))).key, 'safe-country-of-origin:EU:KE:2035-01-01');
    });
  });

  describe('review reminders', () => {
    async function due(on: string, within = 0) {
      return asActor(storage.db, itCaseworker, (tx) => listReviewsDue({ tx, actor: itCaseworker, kinds: REGISTRY_KINDS, on, within }));
    }

    it('reminds nobody the day before the review date, says "due" on the day and "overdue" after', async () => {
      const created = await create(itAdministrator, designation({ country: 'NA', from: '2030-01-01', reviewDue: '2033-04-15' }));
      assert.ok(!(await due('2033-04-14')).some((d) => d.id === created.id));
      const onTheDay = (await due('2033-04-15')).find((d) => d.id === created.id);
      assert.deepEqual([onTheDay?.daysOverdue, onTheDay?.overdue, onTheDay?.owner], [0, false, 'IT']);
      const later = (await due('2033-05-15')).find((d) => d.id === created.id);
      assert.deepEqual([later?.daysOverdue, later?.overdue], [30, true]);
      assert.ok((await due('2033-04-10', 5)).some((d) => d.id === created.id), 'due within 5 days');
      assert.ok(!(await due('2033-04-09', 5)).some((d) => d.id === created.id));
    });

    it('stops reminding once the designation has ended, and lists the most overdue first', async () => {
      const ended = await create(itAdministrator, designation({ country: 'ZM', from: '2030-01-01', to: '2033-12-31', reviewDue: '2033-06-01' }));
      assert.ok((await due('2033-12-31')).some((d) => d.id === ended.id));
      assert.ok(!(await due('2034-01-01')).some((d) => d.id === ended.id));
      const list = await due('2033-12-31');
      for (let i = 1; i < list.length; i++) assert.ok(list[i - 1]!.reviewDue <= list[i]!.reviewDue);
    });

    it('reminds of the seeded German list\'s two-yearly report on 23 October 2027', async () => {
      const german = (await due('2027-10-23')).filter((d) => d.owner === 'DE');
      assert.equal(german.length, 10);
      assert.deepEqual((await due('2027-10-22')).filter((d) => d.owner === 'DE'), []);
    });
  });
});
