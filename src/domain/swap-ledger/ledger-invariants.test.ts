/**
 * Property: whatever sequence of returns, resettlements and repeats, from whichever tenant, reaches a
 * 1:1 mechanism's ledger, each write is answered as a model of the ledger says (counted, or refused
 * with the right code), and afterwards the ledger never passes its cap, never counts a person twice on
 * a leg, never has more resettlements than returns, its balance is returns − resettlements on every
 * view, the counter agrees with the entitlements, and no lead time is negative.
 *
 * The cases are made once, through the procedure (return decisions under four eyes, departures,
 * arrivals); each run counts them under a mechanism of its own, with a cap drawn at random.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { loadCaseLaw, type CaseLaw } from '../cases/law-context.ts';
import { isDomainError } from '../errors.ts';
import { asActor } from '../../storage/transaction.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { createTestMechanism, resettledCase, returnedCase, SYRIAN, userOf } from '../../../test/support/swap-ledger.ts';
import { getLedger, readLedger } from './get-ledger.ts';
import { LEDGER_TENANT } from './ledger.ts';
import { recordResettlement } from './record-resettlement.ts';
import { recordReturn } from './record-return.ts';

let storage: TestStorage;

/** A case of the pool: its tenant, its person, the day it records, and whether the engine counts its return. */
interface PoolCase { caseId: string; tenantId: string; personId: string; on: string; counts: boolean }

const returns: PoolCase[] = [];
const resettlements: PoolCase[] = [];
const TENANTS = ['GR', 'IT', 'ES'] as const;

/** One write: a case of the pool, by its own tenant's caseworker or (`foreign`) by another tenant's. */
type Op =
  | { kind: 'return'; pick: number; foreign: boolean }
  | { kind: 'resettle'; pick: number; foreign: boolean; entitlement: number | null };

const FOREIGN = fc.integer({ min: 0, max: 7 }).map((n) => n === 0);
const OP: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('return' as const), pick: fc.nat(), foreign: FOREIGN }),
  fc.record({ kind: fc.constant('resettle' as const), pick: fc.nat(), foreign: FOREIGN, entitlement: fc.option(fc.nat(), { nil: null, freq: 3 }) }),
);

/** The acting tenant: the case's own, or the next one of the three. */
function actorTenant(c: PoolCase, foreign: boolean): string {
  return foreign ? TENANTS[(TENANTS.indexOf(c.tenantId as (typeof TENANTS)[number]) + 1) % TENANTS.length]! : c.tenantId;
}

/** The ledger as the model keeps it. */
interface Model {
  cap: number | null;
  returned: Set<string>;
  resettled: Set<string>;
  /** Entitlements in the order a first-in-first-out pick sees them (return day, then order recorded). */
  entitlements: Array<{ id: string; returnedOn: string; seq: number; usedOn: string | null }>;
}

function expectReturn(m: Model, c: PoolCase, actor: string): string {
  if (c.tenantId !== actor) return 'NOT_FOUND';
  if (!c.counts) return 'LEDGER_RETURN_NOT_COUNTED';
  if (m.returned.has(c.personId)) return 'LEDGER_ALREADY_COUNTED';
  if (m.cap !== null && m.entitlements.length >= m.cap) return 'LEDGER_CAP_REACHED';
  return 'ok';
}

function expectResettlement(m: Model, c: PoolCase, actor: string, named: Model['entitlements'][number] | undefined): { expected: string; uses?: string } {
  if (c.tenantId !== actor) return { expected: 'NOT_FOUND' };
  if (m.resettled.has(c.personId)) return { expected: 'LEDGER_ALREADY_COUNTED' };
  if (named) return named.usedOn !== null || named.returnedOn > c.on ? { expected: 'LEDGER_NO_OPEN_ENTITLEMENT' } : { expected: 'ok', uses: named.id };
  const open = m.entitlements.filter((e) => e.usedOn === null && e.returnedOn <= c.on)
    .sort((a, b) => a.returnedOn.localeCompare(b.returnedOn) || a.seq - b.seq)[0];
  return open ? { expected: 'ok', uses: open.id } : { expected: 'LEDGER_NO_OPEN_ENTITLEMENT' };
}

async function outcome<T>(work: Promise<T>): Promise<{ code: string; value?: T }> {
  try {
    return { code: 'ok', value: await work };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { code: error.code };
  }
}

/** What the database holds for the mechanism must satisfy every invariant, whatever happened. */
async function checkInvariants(mechanism: string, m: Model): Promise<void> {
  const counter = await storage.db.selectFrom('swap_ledger_counters').selectAll().where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', mechanism).executeTakeFirst();
  const rows = await storage.db.selectFrom('swap_ledger_entitlements').selectAll().where('mechanism', '=', mechanism).execute();
  const returnsCounted = counter?.returns ?? 0;
  const resettlementsCounted = counter?.resettlements ?? 0;
  if (m.cap !== null) assert.ok(returnsCounted <= m.cap, `returns ${returnsCounted} over the cap ${m.cap}`);
  assert.ok(resettlementsCounted <= returnsCounted, 'more resettlements than returns');
  assert.equal(returnsCounted, rows.length, 'the counter agrees with the entitlements');
  assert.equal(resettlementsCounted, rows.filter((r) => r.resettled_on !== null).length);
  assert.equal(new Set(rows.map((r) => r.return_ref)).size, rows.length, 'a person counted twice as returned');
  const used = rows.filter((r) => r.resettlement_ref !== null);
  assert.equal(new Set(used.map((r) => r.resettlement_ref)).size, used.length, 'a person counted twice as resettled');
  for (const r of used) assert.ok(r.resettled_on! >= r.returned_on, 'a negative lead time');
  const entries = await storage.db.selectFrom('swap_ledger_entries').select(['tenant_id', 'leg', 'person_id']).where('mechanism', '=', mechanism).execute();
  for (const leg of ['return', 'resettlement']) {
    const persons = entries.filter((e) => e.leg === leg).map((e) => `${e.tenant_id}:${e.person_id}`);
    assert.equal(new Set(persons).size, persons.length, `a person twice on the ${leg} leg`);
    assert.equal(persons.length, leg === 'return' ? returnsCounted : resettlementsCounted, `one entry per ${leg} counted`);
  }
  // The model agrees with the database.
  assert.equal(rows.length, m.entitlements.length);
  assert.equal(used.length, m.entitlements.filter((e) => e.usedOn !== null).length);
  for (const tenantId of TENANTS) {
    const reader = userOf(tenantId, 'caseworker');
    const view = await readLedger(storage.db, reader, (tx) => getLedger({ tx, actor: reader, mechanism, on: '2017-12-31' }));
    assert.equal(view.balance, view.returns - view.resettlements);
    assert.deepEqual([view.returns, view.resettlements], [returnsCounted, resettlementsCounted], `${tenantId} sees the shared totals`);
    if (view.cap !== null) assert.ok(view.returns <= view.cap);
    assert.equal(view.leadTimes.matched.count, resettlementsCounted);
    assert.equal(view.leadTimes.open.count, returnsCounted - resettlementsCounted);
    for (const s of [view.leadTimes.matched, view.leadTimes.open]) if (s.count > 0) assert.ok(s.min! >= 0, 'a negative lead time or age');
  }
}

describe(`the 1:1 ledger's invariants on ${ENGINE}`, { timeout: 600_000 }, () => {
  before(async () => {
    storage = await openTestStorage();
    // The pool is counted under mechanisms with Greece and Italy returning; made once, under no mechanism of its own.
    const law = await loadCaseLaw(storage.db);
    const days = ['2016-06-01', '2016-07-01', '2016-08-01', '2016-10-01'];
    for (const tenantId of ['GR', 'IT']) {
      for (let i = 0; i < 3; i++) {
        const c = await returnedCase(storage.db, { tenantId, law, returnedOn: days[i]! });
        returns.push({ caseId: c.caseId, tenantId, personId: c.personId, on: days[i]!, counts: true });
        // The first person of each tenant is returned twice (two cases): the second must never count.
        if (i === 0) {
          const again = await returnedCase(storage.db, { tenantId, law, personId: c.personId, crossedOn: '2016-09-01', decidedOn: '2016-09-15', returnedOn: days[3]! });
          returns.push({ caseId: again.caseId, tenantId, personId: c.personId, on: days[3]!, counts: true });
        }
      }
    }
    const afghan = await returnedCase(storage.db, { tenantId: 'GR', law, person: { ...SYRIAN, nationality: 'AF' } });
    returns.push({ caseId: afghan.caseId, tenantId: 'GR', personId: afghan.personId, on: '2016-06-01', counts: false });
    const spanish = await returnedCase(storage.db, { tenantId: 'ES', law });
    returns.push({ caseId: spanish.caseId, tenantId: 'ES', personId: spanish.personId, on: '2016-06-01', counts: false });
    const arrivals: Array<[string, string]> = [['ES', '2016-05-15'], ['ES', '2016-07-15'], ['IT', '2016-08-15'], ['IT', '2016-10-01'], ['GR', '2016-12-01']];
    for (const [tenantId, on] of arrivals) {
      const c = await resettledCase(storage.db, { tenantId, law, arrivedOn: on });
      resettlements.push({ caseId: c.caseId, tenantId, personId: c.personId, on, counts: true });
    }
    const twice = resettlements[1]!;
    const second = await resettledCase(storage.db, { tenantId: twice.tenantId, law, personId: twice.personId, arrivedOn: '2016-11-01' });
    resettlements.push({ caseId: second.caseId, tenantId: twice.tenantId, personId: twice.personId, on: '2016-11-01', counts: true });
  });
  after(() => storage.close());

  it('holds whatever returns, resettlements and repeats arrive, from whichever tenant', async () => {
    let run = 0;
    let clock = Date.UTC(2026, 0, 1);
    const seen = new Map<string, number>();
    await fc.assert(fc.asyncProperty(fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 5 }), fc.array(OP, { minLength: 1, maxLength: 14 }), async (cap, ops) => {
      const mechanism = `prop-run-${++run}`;
      await createTestMechanism(storage.db, { code: mechanism, cap, memberStates: ['GR', 'IT'] });
      const law: CaseLaw = await loadCaseLaw(storage.db);
      const m: Model = { cap, returned: new Set(), resettled: new Set(), entitlements: [] };
      for (const op of ops) {
        const c = op.kind === 'return' ? returns[op.pick % returns.length]! : resettlements[op.pick % resettlements.length]!;
        const tenant = actorTenant(c, op.foreign);
        const actor = userOf(tenant, 'caseworker');
        const now = new Date(clock += 1000);
        if (op.kind === 'return') {
          const expected = expectReturn(m, c, tenant);
          const got = await outcome(asActor(storage.db, actor, (tx) => recordReturn({ tx, actor, mechanism, input: { caseId: c.caseId, reason: 'property' }, law, now })));
          assert.equal(got.code, expected, `return of ${c.tenantId} case by ${tenant}`);
          seen.set(got.code, (seen.get(got.code) ?? 0) + 1);
          if (got.value) {
            m.returned.add(c.personId);
            m.entitlements.push({ id: got.value.entitlement.id, returnedOn: c.on, seq: m.entitlements.length, usedOn: null });
          }
        } else {
          const named = op.entitlement === null || m.entitlements.length === 0 ? undefined : m.entitlements[op.entitlement % m.entitlements.length];
          const { expected, uses } = expectResettlement(m, c, tenant, named);
          const got = await outcome(asActor(storage.db, actor, (tx) => recordResettlement({ tx, actor, mechanism, input: { caseId: c.caseId, reason: 'property', entitlementId: named?.id }, now })));
          assert.equal(got.code, expected, `resettlement of ${c.tenantId} case on ${c.on} by ${tenant}`);
          seen.set(`resettle:${got.code}`, (seen.get(`resettle:${got.code}`) ?? 0) + 1);
          if (got.value) {
            assert.equal(got.value.entitlement.id, uses, 'the entitlement the model picks');
            m.resettled.add(c.personId);
            m.entitlements.find((e) => e.id === uses)!.usedOn = c.on;
          }
        }
      }
      await checkInvariants(mechanism, m);
    }), { numRuns: 30 });
    // The runs met every answer the ledger gives, so that each invariant was under pressure.
    for (const code of ['ok', 'NOT_FOUND', 'LEDGER_RETURN_NOT_COUNTED', 'LEDGER_ALREADY_COUNTED', 'LEDGER_CAP_REACHED', 'resettle:ok', 'resettle:LEDGER_NO_OPEN_ENTITLEMENT']) {
      assert.ok((seen.get(code) ?? 0) > 0, `no run met ${code}: ${JSON.stringify([...seen])}`);
    }
    // No count anywhere names a person outside its tenant's entries.
    const leaked = await sql<{ n: string }>`select count(*) as n from audit_events where tenant_id = ${LEDGER_TENANT} and data::text ~ ${returns.map((r) => r.personId).join('|')}`.execute(storage.db);
    assert.equal(Number(leaked.rows[0]!.n), 0);
  });
});
