/**
 * Transfers, on the engine the environment selects: the law engine's hard gate when planning (no
 * movement without a permitting answer, nobody taken offshore while the Court of Justice has the
 * question), the family moved together, four eyes, the last-moment check that blocks an execution when
 * an answer changed since planning (a new risk assessment, a designation ended), execution moving the
 * cases with decision records, places held and taken within capacity with occupancy following
 * arrivals and departures, and the tenant wall and permission table on every operation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import {
  actorOf, caseworker, confirmer, createItalianCentre, man, openWith, plan, planConfirmed, removableCase, supervisor,
} from '../../../test/support/transfers.ts';
import type { Actor } from '../access/roles.ts';
import { getCase } from '../cases/get-case.ts';
import { BASELINE_LAW, caseLawWith, type CaseLaw } from '../cases/law-context.ts';
import { listDecisions } from '../cases/list-decisions.ts';
import { approveTransition } from '../cases/approve-transition.ts';
import { takeTransition } from '../cases/take-transition.ts';
import { updateCase } from '../cases/update-case.ts';
import { isDomainError, type DomainError } from '../errors.ts';
import { linkFamily } from '../persons/link-family.ts';
import { exportTenant, importTenant } from '../tenants/tenant-data.ts';
import { asActor } from '../../storage/transaction.ts';
import { cancelTransfer } from './cancel-transfer.ts';
import { confirmTransfer } from './confirm-transfer.ts';
import { executeTransfer } from './execute-transfer.ts';
import { getFacilityOccupancy } from './get-facility-occupancy.ts';
import { listTransfers } from './list-transfers.ts';
import { recordDeparture } from './record-departure.ts';
import { loadTransfer, type Transfer } from './transfer.ts';

let storage: TestStorage;

const refusedWith = (...codes: Parameters<typeof isDomainError>[1][]) => (e: unknown) => isDomainError(e, ...codes);

function execute(transfer: Transfer, on: string, law: CaseLaw = BASELINE_LAW, by: Actor = supervisor(transfer.tenantId)): Promise<Transfer> {
  return asActor(storage.db, by, (tx) => executeTransfer({ tx, actor: by, transferId: transfer.id, expectedVersion: transfer.version, input: { reason: 'boarded', on }, law }));
}

async function caseOf(tenantId: string, caseId: string) {
  const by = supervisor(tenantId);
  return asActor(storage.db, by, (tx) => getCase({ tx, actor: by, caseId }));
}

async function occupancy(on: string, code = 'it-test-centre', by: Actor = supervisor('GR')) {
  const view = await asActor(storage.db, by, (tx) => getFacilityOccupancy({ tx, actor: by, facility: code, from: on, to: on }));
  return view.days[0]!;
}

describe(`transfers on ${ENGINE}`, () => {
  before(async () => {
    storage = await openTestStorage();
    await createItalianCentre(storage.db, 'it-test-centre', 5, 3);
  });
  after(() => storage.close());

  describe('the hard gate when planning', () => {
    it('plans a removal only where the engine answers yes, storing the findings, their digest and the law seen', async () => {
      const c = await removableCase(storage.db, 'IT');
      const early = await plan(storage.db, supervisor('IT'), { purpose: 'removal', country: 'BD', on: '2026-07-31', cases: [{ caseId: c.id }] }).then(() => null, (e: unknown) => e as DomainError);
      assert.ok(isDomainError(early, 'TRANSITION_REFUSED'), 'the voluntary departure period may still run on 31 July');
      const refusal = (early.extensions.refusals as Array<{ caseId: string; question?: string; outcome?: string; basis: string[] }>)[0]!;
      assert.deepEqual([refusal.caseId, refusal.question, refusal.outcome], [c.id, 'removal', 'review']);
      assert.ok(refusal.basis.some((b) => b.includes('2008/115/EC')), 'the refusal cites the Return Directive');
      const planned = await plan(storage.db, supervisor('IT'), { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: c.id }] });
      assert.equal(planned.status, 'planned');
      assert.match(planned.reference, /^IT-T2026-\d{6}$/);
      const [person] = planned.persons;
      assert.deepEqual(person!.findings.map((f) => [f.question, f.country, f.outcome]), [['removal', 'BD', 'yes']]);
      assert.match(person!.findingsDigest, /^sha256:[0-9a-f]{64}$/);
      assert.match(planned.lawPlanned.lawDigest, /^sha256:[0-9a-f]{64}$/);
      assert.equal(person!.place, null, 'no facility, no place');
    });

    it('takes nobody to the offshore facility while the Court of Justice has the question pending', async () => {
      const c = await openWith(storage.db, 'IT', man('BD'), { application: { atExternalBorder: true }, journey: { interception: { date: '2026-07-01', area: 'international-waters', byMemberStateAuthorities: true } } });
      const by = caseworker('IT');
      let version = c.version;
      for (const transition of ['make-application', 'register-application']) {
        version = (await asActor(storage.db, by, (tx) => takeTransition({ tx, actor: by, caseId: c.id, expectedVersion: version, input: { transition, reason: 'test', on: '2026-07-01' }, law: BASELINE_LAW }))).case.version;
      }
      const refused = await plan(storage.db, supervisor('IT'), { purpose: 'offshore-processing', facility: 'al-gjader', on: '2026-07-02', until: '2026-07-30', cases: [{ caseId: c.id }] })
        .then(() => null, (e: unknown) => e as DomainError);
      assert.ok(isDomainError(refused, 'TRANSITION_REFUSED'));
      const [refusal] = refused.extensions.refusals as Array<{ question: string; agreement: string; outcome: string; because: string[] }>;
      assert.deepEqual([refusal!.question, refusal!.agreement, refusal!.outcome], ['offshore-processing', 'it-al-protocol', 'uncertain']);
      assert.ok(refusal!.because.some((b) => b.includes('C-706/25')));
      assert.equal((await occupancy('2026-07-02', 'al-gjader')).reserved, 0, 'no place was taken');
    });

    it('refuses a placement abroad, a facility the Member State has no part in, and a range without capacity', async () => {
      const c = await openWith(storage.db, 'GR', man('AF'));
      await assert.rejects(plan(storage.db, supervisor('GR'), { purpose: 'placement', facility: 'it-test-centre', on: '2026-08-01', until: '2026-08-02', cases: [{ caseId: c.id }] }),
        (e: unknown) => isDomainError(e, 'VALIDATION_FAILED') && (e as DomainError).fields[0]!.path === 'facility');
      const it = await openWith(storage.db, 'IT', man('BD'));
      await assert.rejects(plan(storage.db, supervisor('IT'), { purpose: 'placement', facility: 'al-gjader', on: '2026-08-01', until: '2026-08-02', cases: [{ caseId: it.id }] }),
        (e: unknown) => isDomainError(e, 'VALIDATION_FAILED') && /stays in IT/.test((e as Error).message));
      await assert.rejects(plan(storage.db, supervisor('IT'), { purpose: 'placement', facility: 'it-test-centre', on: '2025-12-31', until: '2026-01-02', cases: [{ caseId: it.id }] }),
        (e: unknown) => isDomainError(e, 'VALIDATION_FAILED') && /no capacity recorded on 2025-12-31/.test((e as Error).message));
    });
  });

  describe('families', () => {
    it('moves a mother and her child together or not at all, and executes as the planner proposed and the confirmer approved', async () => {
      const mother = await removableCase(storage.db, 'IT', { ...man('BD', '1990-04-04'), sex: 'F' });
      const child = await removableCase(storage.db, 'IT', { ...man('BD', '2018-09-09'), givenNames: 'Child' });
      const by = caseworker('IT');
      await asActor(storage.db, by, (tx) => linkFamily({ tx, actor: by, personId: mother.personId, relatedId: child.personId, relation: 'child', reason: 'birth certificate' }));
      const alone = await plan(storage.db, supervisor('IT'), { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: mother.id }] }).then(() => null, (e: unknown) => e as DomainError);
      assert.ok(isDomainError(alone, 'TRANSITION_REFUSED'));
      assert.deepEqual((alone.extensions.refusals as Array<{ guard?: string }>).map((r) => r.guard), ['family-together']);
      const together = await planConfirmed(storage.db, 'IT', { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: mother.id }, { caseId: child.id }] });
      assert.deepEqual(together.persons.map((p) => p.input.movingWith).sort(), [[child.personId], [mother.personId]].sort());
      const done = await execute(together, '2026-08-03');
      assert.equal(done.status, 'executed');
      assert.equal(done.executedOn, '2026-08-03');
      for (const c of [mother, child]) {
        const moved = await caseOf('IT', c.id);
        assert.equal(moved.stage, 'removed');
        assert.deepEqual(moved.facts.outcome, { stage: 'removed', on: '2026-08-03', country: 'BD' });
        const reader = supervisor('IT');
        const { decisions } = await asActor(storage.db, reader, (tx) => listDecisions({ tx, actor: reader, caseId: c.id }));
        const last = decisions.at(-1)!;
        assert.deepEqual([last.transition, last.proposedBy, last.approvedBy, last.effectiveOn], ['remove', supervisor('IT').id, confirmer('IT').id, '2026-08-03']);
      }
    });
  });

  describe('four eyes and permissions', () => {
    it('lets neither the planner nor a caseworker confirm, and only those who may decide on every case plan, execute or cancel', async () => {
      const mine = await removableCase(storage.db, 'IT');
      const planned = await plan(storage.db, caseworker('IT'), { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: mine.id }] });
      const confirm = (by: Actor, version = planned.version) => asActor(storage.db, by, (tx) => confirmTransfer({ tx, actor: by, transferId: planned.id, expectedVersion: version, reason: 'ok' }));
      await assert.rejects(confirm(caseworker('IT')), refusedWith('FORBIDDEN'));
      await assert.rejects(confirm(supervisor('IT'), 0), refusedWith('VERSION_CONFLICT'));
      const confirmed = await confirm(supervisor('IT'));
      await assert.rejects(execute(confirmed, '2026-08-01', BASELINE_LAW, actorOf('IT', 'other-caseworker', ['caseworker'])), refusedWith('FORBIDDEN'));
      await assert.rejects(execute(confirmed, '2026-08-01', BASELINE_LAW, actorOf('IT', 'analyst', ['policy-analyst'], null)), refusedWith('FORBIDDEN'));
      const monitor = actorOf('IT', 'monitor', ['fundamental-rights-monitor'], null);
      assert.equal((await asActor(storage.db, monitor, (tx) => loadTransfer({ tx, actor: monitor, transferId: planned.id }))).id, planned.id);
      await assert.rejects(asActor(storage.db, monitor, (tx) => cancelTransfer({ tx, actor: monitor, transferId: planned.id, expectedVersion: confirmed.version, reason: 'no' })), refusedWith('FORBIDDEN'));
      const returnUnit = actorOf('IT', 'return-caseworker', ['caseworker'], 'return');
      await assert.rejects(asActor(storage.db, returnUnit, (tx) => loadTransfer({ tx, actor: returnUnit, transferId: planned.id })), refusedWith('FORBIDDEN'));
      assert.ok(!(await asActor(storage.db, returnUnit, (tx) => listTransfers({ tx, actor: returnUnit }))).items.some((t) => t.id === planned.id));
      const self = supervisor('IT');
      const ownPlan = await plan(storage.db, self, { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: (await removableCase(storage.db, 'IT')).id }] });
      await assert.rejects(asActor(storage.db, self, (tx) => confirmTransfer({ tx, actor: self, transferId: ownPlan.id, expectedVersion: 1, reason: 'mine' })), refusedWith('FOUR_EYES'));
      const other = await removableCase(storage.db, 'IT');
      await assert.rejects(plan(storage.db, actorOf('IT', 'other-caseworker', ['caseworker']), { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: other.id }] }), refusedWith('FORBIDDEN'));
      await assert.rejects(plan(storage.db, supervisor('IT'), { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: mine.id }] }), refusedWith('INVALID_STATE'),
        'a person is on one planned movement at a time');
    });
  });

  describe('the last-moment check', () => {
    it('blocks the execution when a new risk assessment changed the answer, writing nothing, and names what changed', async () => {
      const c = await removableCase(storage.db, 'IT');
      const confirmed = await planConfirmed(storage.db, 'IT', { purpose: 'removal', country: 'BD', on: '2026-08-01', cases: [{ caseId: c.id }] });
      const by = caseworker('IT');
      await asActor(storage.db, by, async (tx) => updateCase({ tx, actor: by, caseId: c.id, expectedVersion: (await getCase({ tx, actor: by, caseId: c.id })).version,
        input: { facts: { riskAssessments: [{ destination: 'BD', on: '2026-07-02', outcome: 'no-real-risk' }, { destination: 'BD', on: '2026-08-02', outcome: 'real-risk' }] }, reason: 'new country information' } }));
      const blocked = await execute(confirmed, '2026-08-03').then(() => null, (e: unknown) => e as DomainError);
      assert.ok(isDomainError(blocked, 'TRANSFER_BLOCKED'), String(blocked));
      const [person] = blocked.extensions.persons as Array<{ caseId: string; changes: Array<{ question: string; country: string; planned: string; now: string; basis: string[]; because: string[] }> }>;
      assert.equal(person!.caseId, c.id);
      assert.deepEqual(person!.changes.map((x) => [x.question, x.country, x.planned, x.now]), [['removal', 'BD', 'yes', 'no']]);
      assert.ok(person!.changes[0]!.because.some((b) => b.includes('2026-08-02') && b.includes('real risk')));
      assert.ok(person!.changes[0]!.basis.length > 0);
      assert.equal((await caseOf('IT', c.id)).stage, 'return-decision', 'the case did not move');
      const unchanged = await asActor(storage.db, supervisor('IT'), (tx) => loadTransfer({ tx, actor: supervisor('IT'), transferId: confirmed.id }));
      assert.deepEqual([unchanged.status, unchanged.version], ['confirmed', confirmed.version]);
      assert.equal((await execute(confirmed, '2026-08-01')).status, 'executed', 'the day before that assessment, the answer is still the planned one');
    });

    it('blocks a transfer to a safe third country once its designation ended, and executes it while the designation stands', async () => {
      const designated = (to: string | null) => caseLawWith({ designations: [{ country: 'RS', kind: 'safe-third-country', level: 'national', memberState: 'HU', from: '2015-08-01', to }] });
      const serbia = designated(null);
      const c = await openWith(storage.db, 'HU', man('SY', '1990-01-01'), {
        journey: { transits: [{ country: 'RS', days: 21, couldHaveSoughtProtection: true }] }, riskAssessments: [{ destination: 'RS', on: '2026-06-12', outcome: 'no-real-risk' }],
      });
      const by = caseworker('HU');
      let version = c.version;
      for (const transition of ['make-application', 'register-application', 'lodge-application', 'examine-admissibility']) {
        version = (await asActor(storage.db, by, (tx) => takeTransition({ tx, actor: by, caseId: c.id, expectedVersion: version, input: { transition, reason: 'test', on: '2026-06-12' }, law: serbia }))).case.version;
      }
      const proposed = await asActor(storage.db, by, (tx) => takeTransition({ tx, actor: by, caseId: c.id, expectedVersion: version, law: serbia,
        input: { transition: 'declare-inadmissible-safe-third-country', reason: 'transited Serbia', on: '2026-06-20', country: 'RS' } }));
      await asActor(storage.db, supervisor('HU'), (tx) => approveTransition({ tx, actor: supervisor('HU'), caseId: c.id, transitionId: proposed.transition.id, expectedVersion: proposed.case.version, reason: 'ok', law: serbia }));
      const confirmed = await planConfirmed(storage.db, 'HU', { purpose: 'safe-third-country', country: 'RS', on: '2026-06-22', cases: [{ caseId: c.id }] }, serbia);
      assert.deepEqual(confirmed.persons[0]!.findings.map((f) => [f.question, f.country, f.outcome]), [['stc-inadmissibility', 'RS', 'yes']]);
      const blocked = await execute(confirmed, '2026-06-22', designated('2026-06-21')).then(() => null, (e: unknown) => e as DomainError);
      assert.ok(isDomainError(blocked, 'TRANSFER_BLOCKED'), String(blocked));
      const [person] = blocked.extensions.persons as Array<{ changes: Array<{ question: string; planned: string; now: string; because: string[] }> }>;
      assert.deepEqual(person!.changes.map((x) => [x.question, x.planned, x.now]), [['stc-inadmissibility', 'yes', 'review']]);
      assert.ok(person!.changes[0]!.because.some((b) => b.includes('not designated')));
      assert.equal((blocked.extensions.law as { lawPackageChanged: boolean }).lawPackageChanged, false);
      const done = await execute(confirmed, '2026-06-22', designated('2026-06-22'));
      assert.equal(done.status, 'executed', 'still designated on the day of execution');
      assert.equal((await caseOf('HU', c.id)).stage, 'transferred-third-country');
    });
  });

  describe('places and occupancy', () => {
    it('holds places within capacity on every day, turns them into occupancy on arrival and frees them on departure', async () => {
      const on = '2026-08-01';
      const single = async (from = on, until = '2026-08-31') => {
        const c = await openWith(storage.db, 'IT', man('BD'));
        return plan(storage.db, supervisor('IT'), { purpose: 'placement', facility: 'it-test-centre', on: from, until, cases: [{ caseId: c.id }] });
      };
      const held: Transfer[] = [];
      for (let i = 0; i < 5; i++) held.push(await single());
      const full = await single().then(() => null, (e: unknown) => e as DomainError);
      assert.ok(isDomainError(full, 'CAPACITY_EXCEEDED'));
      assert.deepEqual([full.extensions.day, full.extensions.places, full.extensions.persons], [on, 5, 6]);
      await assert.rejects(single('2026-09-01', '2026-09-05').then(() => single('2026-09-01', '2026-09-05')).then(() => single('2026-09-01', '2026-09-05')).then(() => single('2026-09-01', '2026-09-05')),
        (e: unknown) => isDomainError(e, 'CAPACITY_EXCEEDED') && (e as DomainError).extensions.places === 3, 'three places from 1 September');
      assert.deepEqual(await occupancy(on), { on, capacity: 5, reserved: 5, occupied: 0, free: 0, overCapacity: false });

      const by = confirmer('IT');
      const confirmed = await asActor(storage.db, by, (tx) => confirmTransfer({ tx, actor: by, transferId: held[0]!.id, expectedVersion: 1, reason: 'ok' }));
      const arrived = await execute(confirmed, '2026-08-03');
      assert.deepEqual(await occupancy('2026-08-02'), { on: '2026-08-02', capacity: 5, reserved: 4, occupied: 0, free: 1, overCapacity: false }, 'days held before arrival are released');
      assert.deepEqual(await occupancy('2026-08-03'), { on: '2026-08-03', capacity: 5, reserved: 4, occupied: 1, free: 0, overCapacity: false });
      const left = await asActor(storage.db, supervisor('IT'), (tx) => recordDeparture({ tx, actor: supervisor('IT'), transferId: arrived.id, expectedVersion: arrived.version, on: '2026-08-10', reason: 'released by the court' }));
      assert.equal(left.persons[0]!.leftOn, '2026-08-10');
      assert.equal((await occupancy('2026-08-09')).occupied, 1);
      assert.equal((await occupancy('2026-08-10')).occupied, 0, 'not counted from the day of departure');
      const cancelled = await asActor(storage.db, supervisor('IT'), (tx) => cancelTransfer({ tx, actor: supervisor('IT'), transferId: held[1]!.id, expectedVersion: 1, reason: 'transferred elsewhere' }));
      assert.deepEqual([cancelled.status, cancelled.persons[0]!.status], ['cancelled', 'released']);
      assert.deepEqual((await occupancy('2026-08-05')).reserved, 3);
      await single('2026-08-05', '2026-08-20');
    });

    it('keeps a family together in a placement unless the rest of the family is already there', async () => {
      const parent = await openWith(storage.db, 'IT', { ...man('BD', '1985-01-01'), sex: 'F' });
      const minor = await openWith(storage.db, 'IT', man('BD', '2015-01-01'));
      const by = caseworker('IT');
      await asActor(storage.db, by, (tx) => linkFamily({ tx, actor: by, personId: parent.personId, relatedId: minor.personId, relation: 'child', reason: 'declared' }));
      const range = { purpose: 'placement' as const, facility: 'it-test-centre', on: '2026-10-01', until: '2026-10-05' };
      await assert.rejects(plan(storage.db, supervisor('IT'), { ...range, cases: [{ caseId: minor.id }] }),
        (e: unknown) => isDomainError(e, 'TRANSITION_REFUSED') && (e as DomainError).extensions.refusals instanceof Array && ((e as DomainError).extensions.refusals as Array<{ guard: string }>)[0]!.guard === 'family-together');
      const first = await planConfirmed(storage.db, 'IT', { ...range, cases: [{ caseId: parent.id }] }).then(() => null, (e: unknown) => e as DomainError);
      assert.ok(isDomainError(first, 'TRANSITION_REFUSED'), 'the parent neither');
      const both = await planConfirmed(storage.db, 'IT', { ...range, cases: [{ caseId: parent.id }, { caseId: minor.id }] });
      assert.equal((await execute(both, '2026-10-01')).status, 'executed');
      assert.equal((await caseOf('IT', parent.id)).stage, 'registered', 'a placement leaves the stage');
      const sibling = await openWith(storage.db, 'IT', man('BD', '2017-01-01'));
      await asActor(storage.db, by, (tx) => linkFamily({ tx, actor: by, personId: parent.personId, relatedId: sibling.personId, relation: 'child', reason: 'declared' }));
      const joining = await plan(storage.db, supervisor('IT'), { ...range, on: '2026-10-02', cases: [{ caseId: sibling.id }] });
      assert.equal(joining.status, 'planned', 'the parent is already there');
    });
  });

  describe('the tenant wall', () => {
    it('shows another Member State neither a transfer nor whose places are held, only the numbers', async () => {
      const c = await openWith(storage.db, 'IT', man('BD'));
      const planned = await plan(storage.db, supervisor('IT'), { purpose: 'placement', facility: 'it-test-centre', on: '2026-11-02', until: '2026-11-03', cases: [{ caseId: c.id }] });
      const greek = supervisor('GR');
      await assert.rejects(asActor(storage.db, greek, (tx) => loadTransfer({ tx, actor: greek, transferId: planned.id })), refusedWith('NOT_FOUND'));
      await assert.rejects(asActor(storage.db, greek, (tx) => cancelTransfer({ tx, actor: greek, transferId: planned.id, expectedVersion: 1, reason: 'x' })), refusedWith('NOT_FOUND'));
      assert.deepEqual((await asActor(storage.db, greek, (tx) => listTransfers({ tx, actor: greek }))).items.filter((t) => t.tenantId !== 'GR'), []);
      const view = await occupancy('2026-11-02', 'it-test-centre', greek);
      assert.deepEqual([view.capacity, view.reserved], [3, 1]);
      assert.doesNotMatch(JSON.stringify(view), new RegExp(`${c.id}|${planned.id}|${planned.reference}`));
    });
  });

  describe('export and import', () => {
    it('travels with its tenant\'s export, and the facility\'s counts are rebuilt from the places imported', async () => {
      const lines: string[] = [];
      for await (const line of exportTenant({ db: storage.db, tenantId: 'IT' })) lines.push(JSON.stringify(line));
      const elsewhere = await openTestStorage();
      try {
        // The facility is registry data the other installation holds too (here: copied with its id).
        const centre = await storage.db.selectFrom('registry_records').selectAll().where('key', '=', 'it-test-centre').executeTakeFirstOrThrow();
        await elsewhere.db.insertInto('registry_records').values({ ...centre, data: JSON.stringify(centre.data), search: undefined } as never).execute();
        const result = await importTenant({ db: elsewhere.db, lines });
        for (const table of ['transfers', 'transfer_persons'] as const) {
          const here = await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', 'IT').executeTakeFirstOrThrow();
          assert.equal(result.inserted[table], Number(here.n), table);
        }
        const counts = (db: typeof storage.db) => db.selectFrom('facility_days').select(['day', 'reserved', 'occupied']).where('facility_id', '=', centre.id)
          .where((eb) => eb.or([eb('reserved', '>', 0), eb('occupied', '>', 0)])).orderBy('day').execute();
        assert.deepEqual(await counts(elsewhere.db), await counts(storage.db));
      } finally {
        await elsewhere.close();
      }
    });
  });
});
