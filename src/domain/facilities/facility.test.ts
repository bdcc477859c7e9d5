/**
 * Facilities' capacity over time, on the engine the environment selects: the capacity on a date is
 * the sum of the sections' entries covering it — checked the day before and the day of every change
 * of the seeded series — entries of one section may not overlap, occupancy is the latest figure, and
 * a list asked for a date presents each facility's capacity on that date.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { isDomainError } from '../errors.ts';
import { createRegistryRecord } from '../registries/create-record.ts';
import { getRegistryRecord } from '../registries/get-record.ts';
import { parseRecordData } from '../registries/kind.ts';
import { listRegistryRecords } from '../registries/list-records.ts';
import { updateRegistryRecord } from '../registries/update-record.ts';
import { asActor } from '../../storage/transaction.ts';
import { capacityOn, facilityKind, occupancyOn, type Facility } from './facility.ts';

const itOfficer: Actor = { id: 'it-partnership-officer', displayName: 'IT officer', tenantId: 'IT', unitId: null, roles: ['partnership-officer'] };
const reader: Actor = { id: 'gr-caseworker', displayName: 'GR caseworker', tenantId: 'GR', unitId: 'asylum', roles: ['caseworker'] };
const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };

let storage: TestStorage;
before(async () => { storage = await openTestStorage(); });
after(() => storage.close());

async function seeded(code: string): Promise<Facility> {
  return (await asActor(storage.db, reader, (tx) => getRegistryRecord<Facility>({ tx, actor: reader, kind: facilityKind, idOrKey: code }))).data;
}

describe(`facilities on ${ENGINE}`, () => {
  describe('capacity over time', () => {
    it('follows Gashora from 500 to 700 places on 14 October 2021, not the day before', async () => {
      const gashora = await seeded('rw-gashora');
      assert.equal(capacityOn(gashora, '2019-09-09').places, null, 'before the Memorandum');
      assert.equal(capacityOn(gashora, '2019-09-10').places, 500);
      assert.equal(capacityOn(gashora, '2021-10-13').places, 500);
      assert.equal(capacityOn(gashora, '2021-10-14').places, 700);
      assert.equal(capacityOn(gashora, '2026-11-21').places, 700);
    });

    it('adds Gjadër\'s sections: 400 from 16 October 2024, 440 once the pre-removal section opens on 11 April 2025', async () => {
      const gjader = await seeded('al-gjader');
      assert.equal(capacityOn(gjader, '2024-10-15').places, null);
      assert.equal(capacityOn(gjader, '2024-10-16').places, 400);
      assert.equal(capacityOn(gjader, '2025-04-10').places, 400);
      assert.deepEqual(capacityOn(gjader, '2025-04-11'), { places: 440, sections: [{ section: 'asylum-detention', places: 400, verified: false }, { section: 'pre-removal-detention', places: 40, verified: false }] });
      assert.deepEqual(occupancyOn(gjader, '2025-04-10'), null);
      assert.equal(occupancyOn(gjader, '2025-06-01')?.persons, 40);
    });

    it('follows Hamdallaye from 1,100 to 1,500 places on the EU Trust Fund\'s date', async () => {
      const hamdallaye = await seeded('ne-hamdallaye');
      assert.equal(capacityOn(hamdallaye, '2020-08-03').places, 1_100);
      assert.equal(capacityOn(hamdallaye, '2020-08-04').places, 1_500);
    });

    it('presents each facility\'s capacity on the date a list is asked for', async () => {
      const page = (on: string) => asActor(storage.db, reader, (tx) => listRegistryRecords({ tx, actor: reader, kind: facilityKind, on, filters: { country: 'RW' } }));
      const [before] = (await page('2021-10-13')).items;
      assert.deepEqual(facilityKind.summaryOn!(before!.data, '2021-10-13').capacity, 500);
      assert.equal(facilityKind.stateOf!(before!.data, '2019-01-01'), 'not-yet');
      assert.deepEqual((await page('2019-01-01')).items, [], 'not in force before its first capacity');
    });

    it('refuses two entries of one section covering the same day, and allows sections side by side', () => {
      const base = {
        code: 'test-centre', name: 'Test centre', mechanisms: ['it-al-protocol'], location: { lat: 41.9, lon: 19.6, place: 'Test', country: 'AL' }, jurisdiction: 'IT',
        operator: 'Test operator', sources: [SOURCE], owner: 'IT', verified: false,
      };
      const overlapping = parseRecordData(facilityKind, { ...base, capacity: [{ section: 'a', from: '2030-01-01', places: 10, verified: false }, { section: 'a', from: '2030-06-01', places: 20, verified: false }] });
      assert.ok(!overlapping.ok && overlapping.issues.some((i) => i.path === 'capacity.1.from' && /overlaps the entry from 2030-01-01/.test(i.message)));
      const sideBySide = parseRecordData(facilityKind, { ...base, capacity: [{ section: 'a', from: '2030-01-01', places: 10, verified: false }, { section: 'b', from: '2030-06-01', places: 20, verified: false }] });
      assert.ok(sideBySide.ok);
      assert.equal(capacityOn(sideBySide.data, '2030-06-01').places, 30);
    });
  });

  describe('occupancy', () => {
    it('takes the latest figure, case processing\'s over a report of the same day, and flags occupancy over capacity', async () => {
      const created = await asActor(storage.db, itOfficer, (tx) => createRegistryRecord({
        tx, actor: itOfficer, kind: facilityKind, reason: 'test',
        data: {
          code: 'test-occupied', name: 'Test occupied centre', mechanisms: ['it-al-protocol'], location: { lat: 41.9, lon: 19.6, place: 'Test', country: 'AL' }, jurisdiction: 'IT',
          operator: 'Test operator', capacity: [{ from: '2030-01-01', places: 50, verified: false }],
          occupancy: [{ on: '2030-02-01', persons: 40, via: 'reported' }, { on: '2030-02-01', persons: 55, via: 'case-processing' }], sources: [SOURCE], owner: 'IT', verified: false,
        },
      }));
      assert.deepEqual(facilityKind.summaryOn!(created.data, '2030-03-01'), {
        capacity: 50, sections: [{ section: 'whole', places: 50, verified: false }], occupancy: { on: '2030-02-01', persons: 55, via: 'case-processing' }, overCapacity: true,
      });
      const grOfficer: Actor = { ...itOfficer, id: 'gr-partnership-officer', tenantId: 'GR' };
      await assert.rejects(asActor(storage.db, grOfficer, (tx) => updateRegistryRecord({ tx, actor: grOfficer, kind: facilityKind, idOrKey: 'test-occupied', expectedVersion: 1, changes: { note: 'x' }, reason: 'not theirs' })),
        (e) => isDomainError(e, 'FORBIDDEN'));
    });
  });
});
