/**
 * `waypoint case import` and `waypoint case bulk` as operators run them, in a child process, on the
 * engine the environment selects. The crash test: an import killed with SIGKILL in the middle, then run
 * again, must end exactly as the same import run through on fresh data — the same cases, persons,
 * references, events, job counts and report — and every audit chain must verify. Exit codes: 0 done,
 * 1 rows or cases refused, 2 invalid input.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { BUILT_IN_DISTRIBUTION } from '../../src/seed/caseload-distribution.ts';
import { generateCaseload } from '../../src/seed/generate-caseload.ts';
import type { Storage } from '../../src/storage/providers/index.ts';
import { childEnv, ROOT, runCli, type CliRun } from '../support/child.ts';
import { freshDataTarget, type DataTarget } from '../support/storage.ts';

const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';
/** Enough batches that the import outlasts a progress line or two, so that the kill lands in the middle. */
const ROWS = ENGINE === 'postgres' ? 8000 : 3000;
const BATCH = ENGINE === 'postgres' ? '100' : '50';

function expectStatus(run: CliRun, status: number): CliRun {
  assert.equal(run.status, status, `exit ${run.status}, expected ${status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

async function withDb<T>(target: DataTarget, work: (db: Storage['db']) => Promise<T>): Promise<T> {
  const storage = await target.open();
  try { return await work(storage.db); } finally { await storage.close(); }
}

/** Everything an import leaves behind, without the ids and times that differ between runs. */
function outcome(target: DataTarget) {
  return withDb(target, async (db) => {
    const count = async (query: ReturnType<typeof sql>) => Number((await sql<{ n: string }>`select count(*) as n from (${query}) as x`.execute(db)).rows[0]!.n);
    const job = await db.selectFrom('case_import_jobs').select(['status', 'total_rows', 'checkpoint', 'created', 'unchanged', 'refused', 'duplicates'])
      .where('tenant_id', '=', 'IT').orderBy('created_at').executeTakeFirstOrThrow();
    const issues = await db.selectFrom('case_import_issues').select(['row_number', 'seq', 'line', 'path', 'code', 'severity', 'message'])
      .where('tenant_id', '=', 'IT').orderBy('row_number').orderBy('seq').execute();
    const cases = await sql<{ external_ref: string; kind: string; unit_id: string; stage: string; data: unknown; record_type: string }>`
      select r.external_ref, c.kind, c.unit_id, c.stage, p.data, p.record_type from case_external_refs r
      join cases c on c.tenant_id = r.tenant_id and c.id = r.case_id join persons p on p.tenant_id = c.tenant_id and p.id = c.person_id
      where r.tenant_id = 'IT' order by r.external_ref`.execute(db);
    return {
      job, issues: issues.map((i) => ({ ...i, message: i.message.replace(/[0-9a-f-]{36}/g, '<id>') })), cases: cases.rows,
      counts: {
        cases: await count(sql`select 1 from cases where tenant_id = 'IT'`),
        persons: await count(sql`select 1 from persons where tenant_id = 'IT'`),
        opened: await count(sql`select 1 from audit_events where tenant_id = 'IT' and action = 'case.opened'`),
        finished: await count(sql`select 1 from audit_events where tenant_id = 'IT' and action = 'case-import.finished'`),
      },
    };
  });
}

/**
 * Starts the import in a child process and kills it (SIGKILL) at its first progress line past row 0
 * (the progress goes to stderr every two seconds when it is not a terminal): some batches are committed,
 * the next may be half-written.
 */
async function importAndKill(target: DataTarget, file: string): Promise<void> {
  const child = spawn(process.execPath, ['bin/waypoint.mjs', 'case', 'import', file, '--as', 'it-supervisor', '--batch-size', BATCH], {
    cwd: ROOT, env: childEnv({ LOG_LEVEL: 'warn', ...target.env }), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  const ended = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no progress in four minutes:\n${err}`)), 240_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if ([...err.matchAll(/: (\d+)\/(\d+)\n/g)].some((m) => Number(m[1]) > 0 && Number(m[1]) < Number(m[2]))) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        done();
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`the import ended (${code}) before it could be killed:\n${err}`)); });
  });
  await ended;
}

describe(`waypoint case import and bulk on ${ENGINE}`, { timeout: 600_000 }, () => {
  let folder: string;
  let file: string;
  let killed: DataTarget;
  let whole: DataTarget;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'waypoint-case-import-'));
    file = join(folder, 'cases.ndjson');
    const rows = [...generateCaseload({ distribution: BUILT_IN_DISTRIBUTION, seed: 11, count: ROWS, memberStates: ['IT'], returnShare: 0.2 })]
      .map(({ row }, i) => JSON.stringify(i % 500 === 7 ? { ...row, person: { ...row.person, birthDate: '2026-02-30' } } : row));
    rows.splice(100, 0, rows[99]!);
    writeFileSync(file, `${rows.join('\n')}\n`);
    [killed, whole] = await Promise.all([freshDataTarget('import_killed'), freshDataTarget('import_whole')]);
    for (const target of [killed, whole]) expectStatus(runCli(['seed'], target.env), 0);
  });
  after(async () => {
    await Promise.all([killed?.remove(), whole?.remove()]);
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('ends an import killed in the middle and run again exactly as one run through, with every chain whole', async () => {
    const run = expectStatus(runCli(['case', 'import', file, '--as', 'it-supervisor', '--batch-size', BATCH], whole.env, 300_000), 1);
    assert.match(run.stdout, new RegExp(`done, ${ROWS + 1}/${ROWS + 1} rows — \\d+ created, 1 unchanged, \\d+ refused`));
    assert.match(run.stdout, /row 8 \(line 8\)  error  person\.birthDate  VALIDATION_FAILED/);

    await importAndKill(killed, file);
    const stopped = (await outcome(killed)).job;
    assert.equal(stopped.status, 'running');
    assert.ok(stopped.checkpoint > 0 && stopped.checkpoint < ROWS, `killed at row ${stopped.checkpoint}`);
    const resumed = expectStatus(runCli(['case', 'import', file, '--as', 'it-supervisor', '--batch-size', BATCH], killed.env, 300_000), 1);
    assert.equal(resumed.stdout.split('\n')[0], run.stdout.split('\n')[0]!.replace(/import [0-9a-f-]{36}/, resumed.stdout.match(/import [0-9a-f-]{36}/)![0]));

    const [a, b] = [await outcome(killed), await outcome(whole)];
    assert.deepEqual(a, b);
    assert.equal(a.counts.opened, a.job.created);
    for (const target of [killed, whole]) assert.match(expectStatus(runCli(['audit', 'verify'], target.env), 0).stdout, /^ok: /);
  });

  it('reports every row unchanged when the same file runs again (exit 1 only for the refused rows)', () => {
    const again = expectStatus(runCli(['case', 'import', file, '--as', 'it-supervisor', '--json'], whole.env, 300_000), 1);
    const { job } = JSON.parse(again.stdout) as { job: { created: number; unchanged: number; refused: number; totalRows: number } };
    assert.deepEqual([job.created, job.unchanged + job.refused], [0, job.totalRows]);
  });

  it('assigns the imported cases in bulk and says what happened to each', async () => {
    const jobId = await withDb(whole, async (db) => (await db.selectFrom('case_import_jobs').select('id').where('tenant_id', '=', 'IT').orderBy('created_at').executeTakeFirstOrThrow()).id);
    const report = JSON.parse(expectStatus(runCli(['case', 'import-report', jobId, '--as', 'it-caseworker', '--json'], whole.env), 1).stdout) as { job: { id: string; status: string }; issues: unknown[] };
    assert.deepEqual([report.job.id, report.job.status, report.issues.length > 0], [jobId, 'done', true]);
    const run = expectStatus(runCli(['case', 'bulk', 'assign', '--as', 'it-supervisor', '--import', jobId, '--kind', 'asylum', '--unit', 'asylum', '--assigned-to', 'none', '--to', 'it-caseworker', '--reason', 'allocation of the backlog', '--json'], whole.env), 2);
    assert.match(run.stderr, /matches more than 1000 cases/, 'the whole backlog is too many at once');
    const ids = await withDb(whole, async (db) => (await db.selectFrom('cases').select('id').where('tenant_id', '=', 'IT').where('kind', '=', 'return').orderBy('reference').limit(3).execute()).map((r) => r.id));
    const some = expectStatus(runCli(['case', 'bulk', 'assign', '--as', 'it-supervisor', '--ids', ids.join(','), '--to', 'it-caseworker-return', '--reason', 'returns desk'], whole.env), 0);
    assert.match(some.stdout, /^assign \([0-9a-f-]{36}\): 3 cases — 3 ok \(3 changed\), 0 refused, 0 not found/);
    const refused = expectStatus(runCli(['case', 'bulk', 'assign', '--as', 'it-supervisor', '--ids', `${ids[0]},00000000-0000-4000-8000-000000000000`, '--to', 'it-caseworker', '--reason', 'wrong desk'], whole.env), 1);
    assert.match(refused.stdout, /refused  INVALID_STATE: case IT-\d{4}-\d+ is assigned to it-caseworker-return: reassign it/);
    assert.match(refused.stdout, /00000000-0000-4000-8000-000000000000  not-found/);
  });

  it('exits 2 for a file it cannot read, an unknown format or user, and a malformed CSV, writing nothing', () => {
    const csv = join(folder, 'bad.csv');
    writeFileSync(csv, 'externalRef,kind,person.givenNames\r\nA,asylum,X\r\n');
    expectStatus(runCli(['case', 'import', join(folder, 'absent.ndjson'), '--as', 'it-supervisor'], whole.env), 2);
    expectStatus(runCli(['case', 'import', join(folder, 'cases.txt'), '--as', 'it-supervisor'], whole.env), 2);
    writeFileSync(join(folder, 'cases.txt'), 'x');
    assert.match(expectStatus(runCli(['case', 'import', join(folder, 'cases.txt'), '--as', 'it-supervisor'], whole.env), 2).stderr, /cannot tell the format/);
    assert.match(expectStatus(runCli(['case', 'import', file, '--as', 'nobody'], whole.env), 2).stderr, /no user nobody/);
    assert.match(expectStatus(runCli(['case', 'import', csv, '--as', 'it-supervisor'], whole.env), 2).stderr, /missing column person\.familyName/);
  });
});
