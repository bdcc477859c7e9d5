/**
 * The simulation runner's leases, on both engines. A run left `running` by a process that stopped (the
 * row written as a dead instance leaves it) is taken over — at start and by the periodic sweep — and
 * ends with one outcome event; a run whose lease is live is left alone, also while its owner is
 * working on it; two runners racing for the same abandoned runs take each exactly once; a run out of
 * attempts is failed; a runner whose run was taken over writes nothing more; a runner closed while it
 * runs releases its lease, and the next runner takes the run over. The runs without the shared data
 * fail at once (no history), which is an outcome as good as any for the bookkeeping; the tests of a
 * live run need the data, and are skipped without it.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { asActor } from '../../storage/transaction.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import { SHARED_DATA, SKIP_WITHOUT_DATA } from '../../../test/support/statistics.ts';
import type { Actor } from '../access/roles.ts';
import { SimulationRunner, type SimulationRunnerOptions } from './simulation-runner.ts';
import { startSimulation } from './start-simulation.ts';

let storage: TestStorage;
let tenants: string[];
const runners: SimulationRunner[] = [];

before(async () => {
  storage = await openTestStorage();
  tenants = (await storage.db.selectFrom('tenants').select('id').orderBy('id').execute()).map((t) => t.id);
});
// Each test's runners stop with it: an idle runner's sweep would otherwise take over the next test's runs.
afterEach(async () => {
  for (const r of runners.splice(0)) await r.close();
});
after(() => storage?.close());

const source = { assumption: 'a test change, no source needed beyond this sentence' };

function analyst(tenantId: string): Actor {
  return { id: `${tenantId.toLowerCase()}-policy-analyst`, displayName: 'Analyst', tenantId, unitId: null, roles: ['policy-analyst'] };
}

/** A simulation recorded as the API records it (queued, `simulation.started`), never handed to a runner. */
async function record(tenantId = 'IT', runs = 1, months = 3): Promise<string> {
  const actor = analyst(tenantId);
  const scenario = {
    id: 'lease-test', title: 'Lease test', period: { start: '2026-01-01', months },
    changes: [{ kind: 'capacity', resource: 'returns', factor: 2, from: '2026-02-01', source }],
  };
  const simulation = await asActor(storage.db, actor, (tx) => startSimulation({ tx, actor, input: { scenario, runs, seed: 7, scale: 0.002 } }));
  return simulation.id;
}

/** Writes the row as a runner that claimed it leaves it: running, held by `claimedBy` until now + `leaseSeconds` (negative: passed). */
async function leaveRunning(id: string, { claimedBy, attempts = 1, leaseSeconds }: { claimedBy: string; attempts?: number; leaseSeconds: number }) {
  await sql`update simulations set status = 'running', claimed_by = ${claimedBy}, attempts = ${attempts}, started_at = now(),
    lease_until = now() + make_interval(secs => ${leaseSeconds}::double precision) where id = ${id}`.execute(storage.db);
}

async function rowOf(id: string) {
  return storage.db.selectFrom('simulations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function eventsOf(id: string) {
  return storage.db.selectFrom('audit_events').select(['action', 'actor_id', 'data']).where('entity_id', '=', id).orderBy('seq').execute();
}

const OUTCOMES = ['simulation.finished', 'simulation.failed'];

function runner(options: Partial<SimulationRunnerOptions> = {}): SimulationRunner {
  const r = new SimulationRunner({ db: storage.db, statsDir: null, logger: pino({ level: 'silent' }), leaseMs: 1000, threads: 1, ...options });
  runners.push(r);
  return r;
}

/** Holds the rows locked (on the server) until released, as a transaction about to update them would. */
async function lockRows(ids: string[]): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => { locked = resolve; });
  const held = storage.db.connection().execute(async (connection) => {
    await sql`begin`.execute(connection);
    await sql`select id from simulations where id in (${sql.join(ids)}) for update`.execute(connection);
    locked();
    await released;
    await sql`commit`.execute(connection);
  });
  await isLocked;
  return { async release() { release(); await held; } };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('SimulationRunner leases', () => {
  it('takes over, when it starts, the runs of every tenant whose lease has passed, and runs each again to one outcome', async () => {
    const ids = [await record('IT'), await record('GR')];
    for (const id of ids) await leaveRunning(id, { claimedBy: 'dead-instance', leaseSeconds: -5 });
    const a = runner({ instanceId: 'runner-a' });
    assert.equal(await a.resume(tenants), 2);
    await a.idle();
    for (const id of ids) {
      const row = await rowOf(id);
      assert.equal(row.status, 'failed', 'without a statistics folder, the run fails — once');
      assert.match(row.error ?? '', /no statistics folder/);
      assert.equal(row.attempts, 2);
      assert.equal(row.claimed_by, 'runner-a');
      assert.equal(row.lease_until, null);
      const events = await eventsOf(id);
      assert.deepEqual(events.map((e) => e.action), ['simulation.started', 'simulation.resumed', 'simulation.failed']);
      assert.equal(events[1]!.actor_id, 'system:simulator');
      assert.deepEqual(events[1]!.data, { previousClaimant: 'dead-instance', attempt: 2, maxAttempts: 3 });
    }
  });

  it('leaves alone a run whose lease is live: no claim, no write, no event', async () => {
    const id = await record('IT');
    await leaveRunning(id, { claimedBy: 'live-instance', leaseSeconds: 3600 });
    const before = await rowOf(id);
    const a = runner();
    assert.equal(await a.resume(tenants), 0);
    assert.equal(await a.takeOverExpired(), 0);
    await a.idle();
    assert.deepEqual(await rowOf(id), before);
    assert.deepEqual((await eventsOf(id)).map((e) => e.action), ['simulation.started']);
  });

  it('gives each abandoned run to exactly one of two runners racing for it', async () => {
    const ids: string[] = [];
    for (const tenantId of ['IT', 'GR', 'DE', 'IT', 'GR', 'DE']) ids.push(await record(tenantId));
    for (const id of ids) await leaveRunning(id, { claimedBy: 'dead-instance', leaseSeconds: -5 });
    const [a, b] = [runner({ instanceId: 'racer-a' }), runner({ instanceId: 'racer-b' })];
    // On the server, the rows stay locked until both runners have read them, so that both go for each
    // one (their claims wait on the lock); PGlite, with one connection, serves the two reads first anyway.
    const locked = ENGINE === 'postgres' ? await lockRows(ids) : null;
    const seen = await Promise.all([a.resume(tenants), b.resume(tenants)]);
    await locked?.release();
    assert.deepEqual(seen, [6, 6], 'both runners saw every run abandoned, so they raced for each');
    await Promise.all([a.idle(), b.idle()]);
    for (const id of ids) {
      const actions = (await eventsOf(id)).map((e) => e.action);
      assert.deepEqual(actions, ['simulation.started', 'simulation.resumed', 'simulation.failed'], `run ${id}: taken over once, one outcome`);
      const row = await rowOf(id);
      assert.equal(row.attempts, 2);
      assert.ok(['racer-a', 'racer-b'].includes(row.claimed_by ?? ''), String(row.claimed_by));
    }
  });

  it('fails, instead of running it again, a run that has had its attempts', async () => {
    const id = await record('IT');
    await leaveRunning(id, { claimedBy: 'dead-instance', attempts: 3, leaseSeconds: -5 });
    const a = runner({ instanceId: 'runner-a' });
    await a.resume(tenants);
    await a.idle();
    const row = await rowOf(id);
    assert.equal(row.status, 'failed');
    assert.match(row.error ?? '', /started 3 times .* not run again/);
    assert.equal(row.attempts, 3, 'not claimed again');
    assert.equal(row.claimed_by, 'dead-instance');
    assert.equal(row.lease_until, null);
    assert.ok(row.finished_at);
    const events = await eventsOf(id);
    assert.deepEqual(events.map((e) => e.action), ['simulation.started', 'simulation.failed']);
    assert.equal((events[1]!.data as { attempts: number }).attempts, 3);
    assert.equal((events[1]!.data as { previousClaimant: string }).previousClaimant, 'dead-instance');
  });

  it('takes over, with its periodic sweep, a run whose lease passes while it is idle', async () => {
    const id = await record('GR');
    await leaveRunning(id, { claimedBy: 'dying-instance', leaseSeconds: 0.4 });
    const a = runner({ instanceId: 'sweeper', takeoverEveryMs: 50 });
    await a.resume(tenants);
    assert.equal((await rowOf(id)).attempts, 1, 'still live at start: not taken');
    await until('the sweep takes the run over', async () => (await rowOf(id)).attempts === 2);
    await a.idle();
    const row = await rowOf(id);
    assert.equal(row.status, 'failed');
    assert.equal(row.claimed_by, 'sweeper');
    assert.deepEqual((await eventsOf(id)).map((e) => e.action), ['simulation.started', 'simulation.resumed', 'simulation.failed']);
  });

  describe('with a live run', { skip: SKIP_WITHOUT_DATA }, () => {
    it('stops, and writes nothing more, once another instance has taken its run over', async () => {
      const id = await record('IT', 12);
      const owner = runner({ instanceId: 'owner', statsDir: SHARED_DATA, leaseMs: 600 });
      owner.start({ tenantId: 'IT', id });
      await until('the owner has written progress', async () => (await rowOf(id)).progress >= 1, 60_000);
      // What a takeover writes: another claimant, the next attempt, a fresh lease.
      await sql`update simulations set claimed_by = 'usurper', attempts = attempts + 1, progress = 0,
        lease_until = now() + interval '1 hour' where id = ${id}`.execute(storage.db);
      const taken = await rowOf(id);
      await owner.idle();
      assert.deepEqual(await rowOf(id), taken, 'the owner wrote nothing after losing the run');
      assert.equal(taken.status, 'running');
      assert.equal(taken.results, null);
      assert.deepEqual((await eventsOf(id)).map((e) => e.action).filter((a) => OUTCOMES.includes(a)), []);
    });

    it('releases its lease when it is closed while running, and the next runner takes the run over and finishes it', async () => {
      const id = await record('GR', 12);
      const first = runner({ instanceId: 'first', statsDir: SHARED_DATA });
      first.start({ tenantId: 'GR', id });
      await until('the run is under way', async () => (await rowOf(id)).progress >= 1, 60_000);
      await first.close();
      const released = await rowOf(id);
      assert.equal(released.status, 'running');
      assert.equal(released.claimed_by, 'first');
      const passed = await sql<{ passed: boolean }>`select lease_until <= now() as passed from simulations where id = ${id}`.execute(storage.db);
      assert.equal(passed.rows[0]!.passed, true, 'the lease passes at once');
      const second = runner({ instanceId: 'second', statsDir: SHARED_DATA });
      await second.resume(tenants);
      await second.idle();
      const row = await rowOf(id);
      assert.equal(row.status, 'done', row.error ?? '');
      assert.equal(row.attempts, 2);
      assert.equal(row.progress, 12);
      const events = await eventsOf(id);
      assert.deepEqual(events.map((e) => e.action), ['simulation.started', 'simulation.resumed', 'simulation.finished']);
      assert.equal((events[1]!.data as { previousClaimant: string }).previousClaimant, 'first');
    });

    it('keeps its lease ahead while it runs, so that a sweeping runner never takes the run over', async () => {
      const sweeper = runner({ instanceId: 'sweeper', takeoverEveryMs: 20 });
      await sweeper.resume(tenants);
      // Recorded once the sweeper has started (it would otherwise queue it, as a restarted server does).
      const id = await record('IT', 40);
      const owner = runner({ instanceId: 'owner', statsDir: SHARED_DATA, leaseMs: 2000 });
      owner.start({ tenantId: 'IT', id });
      await owner.idle();
      const row = await rowOf(id);
      assert.equal(row.status, 'done', row.error ?? '');
      assert.equal(row.claimed_by, 'owner');
      assert.equal(row.attempts, 1);
      const ranMs = new Date(row.finished_at!).getTime() - new Date(row.started_at!).getTime();
      assert.ok(ranMs > 2000, `the run outlasted its lease (${ranMs} ms), so it was renewed`);
      const events = await eventsOf(id);
      assert.deepEqual(events.map((e) => e.action), ['simulation.started', 'simulation.finished']);
    });
  });
});
