/**
 * The operators' CLI as operators run it: `node bin/waypoint.mjs …` in a child process, on the engine
 * the environment selects (a temporary PGlite folder, or fresh databases on the PostgreSQL server named
 * by DATABASE_URL). Checks the exit-code contract (0 done, 1 a failed check, 2 invalid input or usage),
 * the audit chain's tamper evidence, and that a tenant export imports whole or not at all.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Storage } from '../../src/storage/providers/index.ts';
import { ROOT, runCli, type CliRun } from '../support/child.ts';
import { freshDataTarget, type DataTarget } from '../support/storage.ts';

const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const SUBCOMMANDS = ['start', 'migrate', 'seed', 'token', 'audit', 'export', 'import', 'retention'];
/** Tables an import may write to, and the reference tables around them. */
const TABLES = ['tenants', 'units', 'users', 'retention_policies', 'persons', 'counters', 'cases', 'audit_events', 'access_log',
  'audit_heads', 'idempotency_keys', 'local_issuer_keys'];

type Target = DataTarget;


type Run = CliRun;

/** Runs the CLI to completion against a target (or none, for commands that open no storage). */
function waypoint(target: Target | null, ...args: string[]): Run {
  return runCli(args, target?.env ?? {});
}

/** Asserts an exit status, showing the output when it differs. */
function expectStatus(run: Run, status: number): Run {
  assert.equal(run.status, status, `exit ${run.status}, expected ${status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

/** Opens the target's storage in this process (the CLI has exited, so the PGlite folder is free), runs `work`, closes. */
async function withDb<T>(target: Target, work: (db: Storage['db']) => Promise<T>): Promise<T> {
  const storage = await target.open();
  try { return await work(storage.db); } finally { await storage.close(); }
}

/** Row counts of every table, and IT's chain head: what an all-or-nothing import must leave unchanged when it fails. */
function snapshot(target: Target): Promise<Record<string, unknown>> {
  return withDb(target, async (db) => {
    const counts: Record<string, unknown> = {};
    for (const table of TABLES) {
      counts[table] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
    }
    counts.itHead = (await sql`select seq::text, hash from audit_heads where tenant_id = 'IT'`.execute(db)).rows[0];
    return counts;
  });
}

function jsonLines(file: string): Array<Record<string, any>> {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>);
}

describe(`the waypoint CLI on ${ENGINE}`, { timeout: 240_000 }, () => {
  let work: string;
  let source: Target;
  let copy: Target;
  let exportFile: string;
  let itPersons = 0;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'waypoint-cli-files-'));
    exportFile = join(work, 'it.jsonl');
    source = await freshDataTarget('cli_source');
    copy = await freshDataTarget('cli_copy');
  });
  after(async () => {
    await source?.remove();
    await copy?.remove();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('lists its subcommands with --help', () => {
    const run = expectStatus(waypoint(null, '--help'), 0);
    for (const command of SUBCOMMANDS) assert.match(run.stdout, new RegExp(`^\\s+${command}\\b`, 'm'), `--help lists ${command}`);
  });

  it('can be run as `npx --no-install waypoint` from the project root', () => {
    const result = spawnSync('npx', ['--no-install', 'waypoint', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, result.stderr);
    for (const command of SUBCOMMANDS) assert.match(result.stdout, new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('applies the migrations, then says the database is up to date', () => {
    assert.match(expectStatus(waypoint(source, 'migrate'), 0).stdout, /^applied: 0001_/);
    assert.equal(expectStatus(waypoint(source, 'migrate'), 0).stdout, 'up to date\n');
  });

  it('seeds the reference data, the demo users and the demo caseload', async () => {
    const run = expectStatus(waypoint(source, 'seed', '--demo'), 0);
    assert.match(run.stdout, /reference data and demo users seeded/);
    assert.match(run.stdout, /opened \d+ demo cases/);
    itPersons = await withDb(source, async (db) => Number((await sql<{ n: string }>`select count(*) as n from persons where tenant_id = 'IT'`.execute(db)).rows[0]!.n));
    assert.ok(itPersons > 0, 'the demo caseload has persons in IT');
  });

  it('prints a signed token for a demo user', () => {
    const token = expectStatus(waypoint(source, 'token', '--user', 'it-caseworker'), 0).stdout.trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a compact JWS');
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    assert.equal(header.alg, 'ES256');
    assert.equal(payload.sub, 'it-caseworker');
    assert.equal(payload.waypoint_tenant, 'IT');
  });

  it('refuses a token for an unknown user with exit 2 and a message', () => {
    const run = expectStatus(waypoint(source, 'token', '--user', 'nobody'), 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /no user nobody/);
  });

  it('verifies the audit chains (exit 0), and exits 1 naming the tenant and event after one is tampered with', async () => {
    assert.match(expectStatus(waypoint(source, 'audit', 'verify'), 0).stdout, /^ok: 34 chains, [1-9]\d* events verified/);
    const seq = 3;
    const tamper = (reason: string | null) => withDb(source, (db) => db.transaction().execute(async (tx) => {
      // As the tables' owner: the append-only trigger is what stops everyone else.
      await sql`alter table audit_events disable trigger audit_events_append_only`.execute(tx);
      const old = await sql<{ reason: string | null }>`select reason from audit_events where tenant_id = 'IT' and seq = ${seq}`.execute(tx);
      await sql`update audit_events set reason = ${reason} where tenant_id = 'IT' and seq = ${seq}`.execute(tx);
      await sql`alter table audit_events enable trigger audit_events_append_only`.execute(tx);
      return old.rows[0]!.reason;
    }));
    const original = await tamper('nothing to see here');
    const broken = expectStatus(waypoint(source, 'audit', 'verify'), 1);
    assert.match(broken.stdout, new RegExp(`^BROKEN IT at event ${seq}: hash does not match`, 'm'));
    await tamper(original);
    expectStatus(waypoint(source, 'audit', 'verify'), 0);
  });

  it('exports a tenant as JSON lines: a header, every row, a trailer with the counts', async () => {
    expectStatus(waypoint(source, 'export', '--tenant', 'IT', '--out', exportFile), 0);
    const lines = jsonLines(exportFile);
    assert.deepEqual({ format: lines[0]!.format, tenantId: lines[0]!.tenantId }, { format: 'waypoint-tenant-export', tenantId: 'IT' });
    const trailer = lines.at(-1)!;
    assert.equal(trailer.end, true);
    const inFile: Record<string, number> = {};
    for (const line of lines.slice(1, -1)) inFile[line.table] = (inFile[line.table] ?? 0) + 1;
    for (const [table, n] of Object.entries(trailer.counts as Record<string, number>)) assert.equal(inFile[table] ?? 0, n, `${table} rows`);
    assert.equal(trailer.counts.persons, itPersons);
    assert.ok(trailer.counts.audit_events > 0);
  });

  describe('importing the export into another database', () => {
    let empty: Record<string, unknown>;
    const variant = (name: string, lines: string[] | string) => {
      const file = join(work, name);
      writeFileSync(file, typeof lines === 'string' ? lines : `${lines.join('\n')}\n`);
      return file;
    };

    before(async () => {
      expectStatus(waypoint(copy, 'seed'), 0);
      empty = await snapshot(copy);
    });

    it('refuses an export without its trailer (exit 2) and writes nothing', async () => {
      const lines = readFileSync(exportFile, 'utf8').trimEnd().split('\n');
      const run = expectStatus(waypoint(copy, 'import', variant('no-trailer.jsonl', lines.slice(0, -1))), 2);
      assert.match(run.stderr, /no trailer/);
      assert.deepEqual(await snapshot(copy), empty);
    });

    it('refuses an export cut in the middle of a line (exit 2) and writes nothing', async () => {
      const text = readFileSync(exportFile, 'utf8');
      const cut = text.indexOf('\n', Math.floor(text.length / 2)) + 6; // a few characters into a line
      expectStatus(waypoint(copy, 'import', variant('cut.jsonl', text.slice(0, cut))), 2);
      assert.deepEqual(await snapshot(copy), empty);
    });

    it('refuses an export with one altered audit event (non-zero exit) and writes nothing', async () => {
      const lines = readFileSync(exportFile, 'utf8').trimEnd().split('\n');
      const index = lines.findIndex((l) => l.startsWith('{"table":"audit_events"'));
      const line = JSON.parse(lines[index]!) as { table: string; row: Record<string, unknown> };
      line.row.actor_id = 'somebody-else';
      lines[index] = JSON.stringify(line);
      const run = waypoint(copy, 'import', variant('altered.jsonl', lines));
      assert.notEqual(run.status, 0, run.stdout);
      assert.match(run.stderr, /audit chain of IT is broken at event 1/);
      assert.deepEqual(await snapshot(copy), empty);
    });

    it('refuses a missing file with exit 2', () => {
      const run = expectStatus(waypoint(copy, 'import', join(work, 'missing.jsonl')), 2);
      assert.match(run.stderr, /cannot read .*missing\.jsonl/);
    });

    it('imports every row, and the imported chain verifies', async () => {
      const run = expectStatus(waypoint(copy, 'import', exportFile), 0);
      assert.match(run.stdout, /^imported IT: [1-9]\d* rows inserted/);
      const again = join(work, 'again.jsonl');
      expectStatus(waypoint(copy, 'export', '--tenant', 'IT', '--out', again), 0);
      const withoutTime = (file: string) => jsonLines(file).map((l) => (l.format ? { ...l, exportedAt: null } : l));
      assert.deepEqual(withoutTime(again), withoutTime(exportFile), 'the copy exports the same rows');
      expectStatus(waypoint(copy, 'audit', 'verify', '--tenant', 'IT'), 0);
    });

    it('imports the same file again as a no-op', async () => {
      const before = await snapshot(copy);
      const run = expectStatus(waypoint(copy, 'import', exportFile), 0);
      assert.match(run.stdout, /^imported IT: 0 rows inserted, [1-9]\d* already present/);
      assert.deepEqual(await snapshot(copy), before);
    });
  });

  it('erases every IT person when retention runs on 2100-01-01, leaving the chains verifiable', async () => {
    const others = () => withDb(source, async (db) => Number((await sql<{ n: string }>`select count(*) as n from persons where tenant_id <> 'IT' and data is not null`.execute(db)).rows[0]!.n));
    const othersBefore = await others();
    const run = expectStatus(waypoint(source, 'retention', 'run', '--tenant', 'IT', '--on', '2100-01-01'), 0);
    assert.equal(run.stdout, `erased ${itPersons} records in IT\n`);
    await withDb(source, async (db) => {
      const left = await sql<{ n: string }>`select count(*) as n from persons where tenant_id = 'IT' and (data is not null or erased_at is null)`.execute(db);
      assert.equal(Number(left.rows[0]!.n), 0, 'IT persons still holding data');
      const tombstones = await sql<{ n: string }>`select count(*) as n from audit_events where tenant_id = 'IT' and action = 'person.erased'`.execute(db);
      assert.equal(Number(tombstones.rows[0]!.n), itPersons);
    });
    assert.equal(await others(), othersBefore, 'other tenants keep their persons');
    expectStatus(waypoint(source, 'audit', 'verify'), 0);
  });

  it('exits 2 with a message on bad arguments', () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', '--tenant', 'XX'], /unknown tenant XX/],
      [['retention', 'run', '--tenant', 'IT', '--on', '2026-02-30'], /not a date: 2026-02-30/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['token'], /required option '--user <name>'/],
    ];
    for (const [args, message] of cases) {
      const run = expectStatus(waypoint(source, ...args), 2);
      assert.match(run.stderr, message, args.join(' '));
    }
  });
});
