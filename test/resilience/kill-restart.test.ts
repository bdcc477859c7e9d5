/**
 * Crash safety of the real server: a burst of concurrent case openings in three Member States, the
 * server killed with SIGKILL in the middle of it, restarted on the same data. Every write the server
 * acknowledged must still be there, and nothing may be half-written: each case has its person and its
 * `case.opened` audit event, each such event has its case, and every tenant's audit chain verifies.
 * Runs on the engine the environment selects: embedded PGlite in a temporary folder, or a fresh
 * database on the PostgreSQL server named by DATABASE_URL.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { sql, type RawBuilder } from 'kysely';
import type { Storage } from '../../src/storage/providers/index.ts';
import { runCli, startServer, type StartedServer } from '../support/child.ts';
import { freshDataTarget, type DataTarget } from '../support/storage.ts';

const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';
/** Writers per user, each with one request in flight at a time. */
const WRITERS_PER_USER = 3;
/**
 * The server is killed once this many writes were acknowledged, at least {@link KILL_AFTER_ACKS_PER_TENANT}
 * in each tenant (on PGlite the tenants whose requests came first get most of the early throughput).
 * Every writer still has a request in flight then.
 */
const KILL_AFTER_ACKS = 40;
const KILL_AFTER_ACKS_PER_TENANT = 3;
/** Every user that opens cases: two roles in each of three Member States. */
const TENANTS = ['IT', 'GR', 'ES'];
const USERS = ['it-caseworker', 'it-supervisor', 'gr-caseworker', 'gr-supervisor', 'es-caseworker', 'es-supervisor'];

type Target = DataTarget;


/** Starts `waypoint start` on the target (demo off) and resolves once it listens. */
function startWaypoint(target: Target): Promise<StartedServer> {
  return startServer({ ...target.env, WAYPOINT_DEMO: 'off' }, 45_000);
}

/** Resolves with the exit code (or signal) once the process has ended. */
function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode!);
  return new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal!)));
}

async function tokenFor(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/oidc/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  assert.equal(response.status, 200, `token for ${username}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

function openCaseRequest(token: string, n: number): RequestInit {
  return {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'asylum', person: { givenNames: `Burst ${n}`, familyName: 'Person', nationality: 'BD', birthDate: '1996-05-01', sex: 'F' } }),
    signal: AbortSignal.timeout(15_000),
  };
}

interface Acknowledged { user: string; id: string; reference: string; tenantId: string }

async function count(db: Storage['db'], query: RawBuilder<{ n: string }>): Promise<number> {
  return Number((await query.execute(db)).rows[0]!.n);
}

describe(`the server killed mid-burst on ${ENGINE}`, { timeout: 85_000 }, () => {
  let target: Target;
  let server: StartedServer | null = null;
  const tokens = new Map<string, string>();
  const acknowledged: Acknowledged[] = [];
  let unacknowledged = 0;
  const rejectedWhileUp: string[] = [];

  before(async () => { target = await freshDataTarget('kill'); });
  after(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await exited(server.child);
    }
    await target?.remove();
  });

  it('acknowledges concurrent case openings until it is killed with SIGKILL', async (t) => {
    server = await startWaypoint(target);
    for (const user of USERS) tokens.set(user, await tokenFor(server.url, user));
    const { url, child } = server;
    let killed = false;
    let sent = 0;
    const perTenant = new Map<string, number>();
    const writer = async (user: string) => {
      while (!killed) {
        const n = ++sent;
        let response: Response;
        try {
          response = await fetch(`${url}/api/cases`, openCaseRequest(tokens.get(user)!, n));
        } catch {
          unacknowledged++; // the connection died with the server: the outcome is unknown
          continue;
        }
        let body: { id?: string; reference?: string; tenantId?: string } = {};
        try { body = await response.json() as typeof body; } catch { unacknowledged++; continue; }
        if (response.status === 201 && body.id) {
          acknowledged.push({ user, id: body.id, reference: body.reference!, tenantId: body.tenantId! });
          perTenant.set(body.tenantId!, (perTenant.get(body.tenantId!) ?? 0) + 1);
          const everyTenant = TENANTS.every((tenant) => (perTenant.get(tenant) ?? 0) >= KILL_AFTER_ACKS_PER_TENANT);
          if (!killed && acknowledged.length >= KILL_AFTER_ACKS && everyTenant) {
            killed = true;
            child.kill('SIGKILL');
          }
        } else if (!killed) {
          rejectedWhileUp.push(`${user}: ${response.status} ${JSON.stringify(body)}`);
        } else {
          unacknowledged++;
        }
      }
    };
    await Promise.all(USERS.flatMap((user) => Array.from({ length: WRITERS_PER_USER }, () => writer(user))));
    assert.equal(await exited(child), 'SIGKILL');
    t.diagnostic(`${sent} writes sent, ${acknowledged.length} acknowledged, ${unacknowledged} lost with the connection`);
    assert.deepEqual(rejectedWhileUp, [], 'no write was refused while the server was up');
    assert.ok(acknowledged.length >= KILL_AFTER_ACKS, `${acknowledged.length} writes acknowledged`);
    // Requests were still in flight when the server died: the kill landed in the middle of the burst.
    assert.ok(unacknowledged > 0, 'some writes were in flight at the kill');
    for (const tenant of TENANTS) assert.ok((perTenant.get(tenant) ?? 0) >= KILL_AFTER_ACKS_PER_TENANT, `writes acknowledged in ${tenant}`);
  });

  it('restarts on the same data and serves every acknowledged case', async () => {
    const restarted = await startWaypoint(target);
    server = restarted;
    for (const ack of acknowledged) {
      const response = await fetch(`${restarted.url}/api/cases/${ack.id}`, { headers: { authorization: `Bearer ${tokens.get(ack.user)}` } });
      assert.equal(response.status, 200, `case ${ack.reference} (${ack.user}) after the restart`);
      const body = (await response.json()) as { id: string; reference: string };
      assert.equal(body.id, ack.id);
      assert.equal(body.reference, ack.reference);
    }
  });

  it('keeps accepting writes in every tenant after the restart', async () => {
    for (const user of ['it-caseworker', 'gr-caseworker', 'es-caseworker']) {
      const response = await fetch(`${server!.url}/api/cases`, openCaseRequest(tokens.get(user)!, 0));
      assert.equal(response.status, 201, `${user}: ${await response.clone().text()}`);
      const body = (await response.json()) as { id: string; reference: string; tenantId: string };
      acknowledged.push({ user, id: body.id, reference: body.reference, tenantId: body.tenantId });
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    server!.child.kill('SIGTERM');
    assert.equal(await exited(server!.child), 0, server!.stderr());
  });

  it('left nothing half-written: every case has its person and its case.opened event, and the reverse', async (t) => {
    const storage = await target.open();
    try {
      const { db } = storage;
      const ids = (await sql<{ id: string }>`select id::text as id from cases`.execute(db)).rows.map((r) => r.id);
      const stored = new Set(ids);
      t.diagnostic(`${ids.length} cases stored, ${acknowledged.length} acknowledged`);
      const missing = acknowledged.filter((a) => !stored.has(a.id)).map((a) => a.reference);
      assert.deepEqual(missing, [], 'acknowledged cases missing from the database');
      assert.equal(await count(db, sql`select count(*) as n from cases c where not exists (
        select 1 from persons p where p.tenant_id = c.tenant_id and p.id = c.person_id and p.data is not null)`), 0, 'cases without their person');
      assert.equal(await count(db, sql`select count(*) as n from persons p where not exists (
        select 1 from cases c where c.tenant_id = p.tenant_id and c.person_id = p.id)`), 0, 'persons without a case');
      assert.equal(await count(db, sql`select count(*) as n from cases c where (select count(*) from audit_events e
        where e.tenant_id = c.tenant_id and e.action = 'case.opened' and e.entity_id = c.id::text) <> 1`), 0, 'cases without exactly one case.opened event');
      assert.equal(await count(db, sql`select count(*) as n from audit_events e where e.action = 'case.opened' and not exists (
        select 1 from cases c where c.tenant_id = e.tenant_id and c.id::text = e.entity_id)`), 0, 'case.opened events without their case');
      // Case references come from a per-tenant counter bumped in the same transaction: no gaps, no extras.
      const counters = await sql<{ tenant_id: string; cases: string; counted: string | null }>`
        select c.tenant_id, count(*) as cases, (select sum(value) from counters k where k.tenant_id = c.tenant_id and k.name like 'case-%') as counted
        from cases c group by c.tenant_id order by c.tenant_id`.execute(db);
      for (const row of counters.rows) assert.equal(Number(row.counted), Number(row.cases), `reference counter of ${row.tenant_id}`);
      assert.deepEqual(counters.rows.map((r) => r.tenant_id), [...TENANTS].sort());
    } finally {
      await storage.close();
    }
  });

  it('leaves every audit chain verifiable (`waypoint audit verify` exits 0)', () => {
    const result = runCli(['audit', 'verify'], target.env);
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /^ok: \d+ chains, \d+ events verified/m);
  });
});
