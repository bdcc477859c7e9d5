/**
 * A family disembarked together is assigned together, on the engine the environment selects: a
 * mother and her child registered from one rescue go to the same place of safety — the child's
 * assignment elsewhere than the mother's (or the mother's elsewhere than the child's) is refused
 * with the family-unity basis of the procedure's `family-together` guard, and nothing is stored; a
 * person outside the family goes where the law permits; a family already assigned moves by naming
 * the others (`movingWith`) and assigning each in turn. The rule itself, pure: a refusal exactly when
 * a member assigned elsewhere is not moving along.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Actor } from '../access/roles.ts';
import { verifyChains } from '../audit/verify-chain.ts';
import { FAMILY_BASIS } from '../cases/guards.ts';
import { loadCaseLaw, type CaseLaw } from '../cases/law-context.ts';
import { openCase } from '../cases/open-case.ts';
import { isDomainError } from '../errors.ts';
import { linkFamily } from '../persons/link-family.ts';
import type { PersonData } from '../persons/person.ts';
import { asActor } from '../../storage/transaction.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { userOf } from '../../../test/support/swap-ledger.ts';
import { assignRescuedPerson, type AssignRescuedPersonInput } from './assign-rescued-person.ts';
import { checkFamilyUnity, samePlacement, type FamilyOnBoard, type Placement } from './assignment-rules.ts';
import { linkRescuedPerson } from './link-rescued-person.ts';
import { registerRescueEvent } from './register-rescue-event.ts';

const caseworker = userOf('IT', 'caseworker');

const MOTHER: PersonData = { givenNames: 'Amina', familyName: 'Family-Testperson', nationality: 'ER', birthDate: '1992-05-01', sex: 'F', vulnerabilities: [] };
const CHILD: PersonData = { givenNames: 'Selam', familyName: 'Family-Testperson', nationality: 'ER', birthDate: '2017-03-10', sex: 'F', vulnerabilities: [] };
const OTHER: PersonData = { givenNames: 'Dawit', familyName: 'Unrelated-Testperson', nationality: 'ER', birthDate: '1988-11-11', sex: 'M', vulnerabilities: [] };

const lampedusa: Placement = { destination: 'place-of-safety', country: 'IT', place: 'Lampedusa', mechanism: null };
const pozzallo: Placement = { destination: 'place-of-safety', country: 'IT', place: 'Pozzallo', mechanism: null };

describe('the family-unity rule of an assignment', () => {
  const placement = fc.record({
    destination: fc.constantFrom('place-of-safety' as const, 'mechanism' as const), country: fc.constantFrom('IT', 'MT', 'AL'),
    place: fc.constantFrom(null, 'Lampedusa', 'Pozzallo', ' lampedusa '), mechanism: fc.constantFrom(null, 'it-al-protocol'),
  });
  const member = fc.record({ personId: fc.uuid(), relation: fc.constantFrom('parent', 'child', 'guardian'), age: fc.option(fc.nat({ max: 60 })), assignment: fc.option(placement) });

  it('refuses exactly when a member assigned elsewhere is not named as moving along, citing the family-unity basis', () => {
    fc.assert(fc.property(placement, fc.array(member, { maxLength: 4 }), fc.func(fc.boolean()), (target, members, moving) => {
      const movingWith = members.filter((m, i) => moving(i)).map((m) => m.personId);
      const refusal = checkFamilyUnity(target, members as FamilyOnBoard[], movingWith);
      const apart = members.filter((m) => m.assignment !== null && !movingWith.includes(m.personId) && !samePlacement(target, m.assignment));
      assert.equal(refusal !== null, apart.length > 0);
      if (refusal) {
        assert.deepEqual([refusal.code, refusal.guard, refusal.basis, refusal.members], ['FAMILY', 'family-together', FAMILY_BASIS, apart.map((m) => m.personId)]);
      }
    }), { numRuns: 300 });
  });

  it('holds one place the same whether or not both name the port, and apart when they name two ports, states or mechanisms', () => {
    assert.equal(samePlacement(lampedusa, { ...lampedusa, place: ' LAMPEDUSA ' }), true);
    assert.equal(samePlacement(lampedusa, { ...lampedusa, place: null }), true);
    assert.equal(samePlacement(lampedusa, pozzallo), false);
    assert.equal(samePlacement(lampedusa, { ...lampedusa, country: 'MT' }), false);
    assert.equal(samePlacement({ destination: 'mechanism', country: 'AL', place: null, mechanism: 'it-al-protocol' }, { destination: 'place-of-safety', country: 'AL', place: null, mechanism: null }), false);
  });
});

let storage: TestStorage;
let law: CaseLaw;

async function refusal(promise: Promise<unknown>, code: string) {
  try {
    await promise;
  } catch (error) {
    assert.ok(isDomainError(error), `expected ${code}, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return { message: error.message, fields: error.fields, ...error.extensions } as { message: string; fields: Array<{ path: string }>; refusals?: Array<Record<string, unknown>> };
  }
  return assert.fail(`expected ${code}, but it succeeded`);
}

async function versionOf(eventId: string): Promise<number> {
  return (await storage.db.selectFrom('rescue_events').select('version').where('id', '=', eventId).executeTakeFirstOrThrow()).version;
}

async function assign(eventId: string, input: Omit<AssignRescuedPersonInput, 'reason' | 'destination' | 'country'>, actor: Actor = caseworker) {
  const expectedVersion = await versionOf(eventId);
  return asActor(storage.db, actor, (tx) => assignRescuedPerson({
    tx, actor, eventId, expectedVersion, law, input: { destination: 'place-of-safety', country: 'IT', reason: 'coordinated with IMRCC Rome', ...input },
  }));
}

async function assignmentsOf(personId: string): Promise<number> {
  return (await storage.db.selectFrom('rescue_assignments').select('id').where('person_id', '=', personId).execute()).length;
}

describe(`assigning a family rescued together on ${ENGINE}`, { timeout: 120_000 }, () => {
  let eventId: string;
  let mother: string;
  let child: string;
  let other: string;

  before(async () => {
    storage = await openTestStorage();
    law = await loadCaseLaw(storage.db);
    const event = await asActor(storage.db, caseworker, (tx) => registerRescueEvent({ tx, actor: caseworker, input: {
      kind: 'rescue', occurredAt: '2026-09-20T03:40:00Z', position: { lat: 35.1, lon: 12.6 }, vessel: { name: 'CP 327', flag: 'IT', operator: 'coastguard' },
      waters: { kind: 'international', state: null }, sarRegion: 'MT', coordinatingCentre: 'MRCC Rome', peopleOnBoard: 3, deceased: 0, missing: 0, note: null, reason: 'distress call',
    } }));
    eventId = event.id;
    const ids: string[] = [];
    for (const data of [MOTHER, CHILD, OTHER]) {
      const opened = await asActor(storage.db, caseworker, (tx) => openCase({ tx, actor: caseworker, input: { kind: 'asylum', person: data } }));
      const expectedVersion = await versionOf(eventId);
      await asActor(storage.db, caseworker, (tx) => linkRescuedPerson({ tx, actor: caseworker, eventId, expectedVersion, input: { personId: opened.personId, caseId: opened.id } }));
      ids.push(opened.personId);
    }
    [mother, child, other] = ids as [string, string, string];
    await asActor(storage.db, caseworker, (tx) => linkFamily({ tx, actor: caseworker, personId: mother, relatedId: child, relation: 'child', reason: 'birth certificate shown on board' }));
  });
  after(() => storage.close());

  it('refuses the child to another port than her mother\'s, citing the family-unity basis, and stores nothing', async () => {
    const { assignment } = await assign(eventId, { personId: mother, place: 'Lampedusa' });
    assert.equal(assignment.place, 'Lampedusa');
    const version = await versionOf(eventId);
    const refused = await refusal(assign(eventId, { personId: child, place: 'Pozzallo' }), 'ASSIGNMENT_REFUSED');
    const family = refused.refusals!.find((r) => r.code === 'FAMILY')!;
    assert.deepEqual([family.guard, family.basis, family.members], ['family-together', FAMILY_BASIS, [mother]]);
    assert.match(family.message as string, new RegExp(`parent ${mother} is assigned to place-of-safety IT \\(Lampedusa\\)`));
    assert.match(refused.message, /would separate a family disembarked together/);
    assert.equal(refused.refusals!.length, 1, 'the law itself permits Pozzallo: the family is the only reason');
    assert.deepEqual([await assignmentsOf(child), await versionOf(eventId)], [0, version], 'nothing stored, the event unchanged');
  });

  it('assigns the child with her mother, and a person outside the family wherever the law permits', async () => {
    const { assignment } = await assign(eventId, { personId: child, place: 'Lampedusa' });
    assert.deepEqual([assignment.personId, assignment.place], [child, 'Lampedusa']);
    assert.equal((await assign(eventId, { personId: other, place: 'Pozzallo' })).assignment.place, 'Pozzallo');
  });

  it('moves the family only together: the mother alone is refused; named with her child, she moves, then the child follows', async () => {
    const alone = await refusal(assign(eventId, { personId: mother, place: 'Pozzallo' }), 'ASSIGNMENT_REFUSED');
    assert.deepEqual(alone.refusals!.map((r) => [r.code, r.members]), [['FAMILY', [child]]]);
    assert.match(alone.refusals![0]!.message as string, new RegExp(`child ${child} \\(minor, \\d+\\) is assigned to place-of-safety IT \\(Lampedusa\\)`));
    await refusal(assign(eventId, { personId: mother, place: 'Pozzallo', movingWith: [other] }), 'ASSIGNMENT_REFUSED');
    const bad = await refusal(assign(eventId, { personId: mother, place: 'Pozzallo', movingWith: ['00000000-0000-4000-8000-000000000000'] }), 'VALIDATION_FAILED');
    assert.deepEqual(bad.fields.map((f) => f.path), ['movingWith.0']);
    const moved = await assign(eventId, { personId: mother, place: 'Pozzallo', movingWith: [child] });
    assert.equal(moved.assignment.place, 'Pozzallo');
    const audited = await storage.db.selectFrom('audit_events').select('data').where('tenant_id', '=', 'IT').where('entity_id', '=', eventId).where('action', '=', 'rescue.person-assigned').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.deepEqual((audited.data as { movingWith?: string[] }).movingWith, [child]);
    await refusal(assign(eventId, { personId: child, place: 'Lampedusa' }), 'ASSIGNMENT_REFUSED');
    assert.equal((await assign(eventId, { personId: child, place: 'Pozzallo' })).assignment.place, 'Pozzallo');
    assert.deepEqual((await verifyChains({ db: storage.db, tenantIds: ['IT'] })).map((r) => r.ok), [true]);
  });
});
