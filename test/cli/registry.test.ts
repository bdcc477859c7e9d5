/**
 * `waypoint registry …` as operators run it, in a child process on the engine the environment selects:
 * lists and searches, history, export then import of the same file (nothing changes), a malformed
 * file refused with exit 2 naming line and column (nothing written), review reminders with exit 1
 * under --fail-if-due, the funding and asylum-access checks with exit 1 under --fail-on-error, and
 * exit 2 on bad input.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { runCli, type CliRun } from '../support/child.ts';
import { ENGINE, freshDataTarget, type DataTarget } from '../support/storage.ts';

function expectStatus(run: CliRun, status: number): CliRun {
  assert.equal(run.status, status, `exit ${run.status}, expected ${status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

describe(`waypoint registry on ${ENGINE}`, { timeout: 240_000 }, () => {
  let target: DataTarget;
  let work: string;
  const waypoint = (...args: string[]) => runCli(args, target.env);

  /** Registry rows and the registries' chain head: what a refused import must leave as it was. */
  async function state() {
    const storage = await target.open();
    try {
      const rows = await sql<{ n: string; v: string }>`select count(*) as n, coalesce(sum(version), 0) as v from registry_records`.execute(storage.db);
      const head = await sql`select seq::text, hash from audit_heads where tenant_id = 'EU'`.execute(storage.db);
      return { rows: rows.rows[0], head: head.rows[0] };
    } finally { await storage.close(); }
  }

  before(async () => {
    target = await freshDataTarget('cli_registry');
    work = mkdtempSync(join(tmpdir(), 'waypoint-registry-files-'));
  });
  after(async () => {
    await target.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('lists and searches, and says which kinds and filters there are', () => {
    assert.match(expectStatus(waypoint('registry', 'kinds'), 0).stdout, /designations .*\n.*filters: country, kind, level, memberState, appliesIn/);
    const eu = expectStatus(waypoint('registry', 'list', 'designations', '--on', '2026-06-12', '--where', 'level=eu'), 0).stdout;
    assert.match(eu, /safe-country-of-origin:EU:BD:2026-06-12 .*\[in-force\]/);
    assert.match(eu, /^7 designations$/m);
    assert.match(expectStatus(waypoint('registry', 'list', 'countries', '--q', 'türkei'), 0).stdout, /^TR .*Türkiye \(TR\)/m);
    assert.match(expectStatus(waypoint('registry', 'list', 'countries', '--where', 'status=candidate', '--on', '2026-06-12'), 0).stdout, /^9 countries$/m);
  });

  it('shows a record\'s history with who, when and what changed', () => {
    const history = expectStatus(waypoint('registry', 'history', 'readmission', 'TR:GR:2020-03-01'), 0).stdout;
    assert.match(history, /created v1 by system:seed \(EU, seed\)/);
    assert.match(history, /status: null → "suspended"/);
  });

  it('exports a file that imports back changing nothing', async () => {
    const file = join(work, 'designations.csv');
    expectStatus(waypoint('registry', 'export', 'designations', '--where', 'memberState=IT', '--out', file), 0);
    assert.ok(readFileSync(file, 'utf8').startsWith('\uFEFFid,version,kind,level,memberState'));
    const before = await state();
    assert.match(expectStatus(waypoint('registry', 'import', 'designations', file, '--tenant', 'IT'), 0).stdout, /imported 19 designations: 0 created, 0 updated, 19 unchanged/);
    assert.deepEqual(await state(), before);
  });

  it('refuses a malformed file with exit 2, naming line and column, and writes nothing', async () => {
    const file = join(work, 'bad.csv');
    writeFileSync(file, 'country,memberState,status,from,evidence,verified\r\nLY,IT,sometimes,2031-01-01,"[{""title"":""Report"",""url"":""https://example.org/r""}]",true\r\n');
    const before = await state();
    const run = expectStatus(waypoint('registry', 'import', 'readmission', file, '--tenant', 'IT'), 2);
    assert.match(run.stderr, /rows\.2\.status: line 2, column 3 \(status\)/);
    assert.deepEqual(await state(), before);
  });

  it('imports for one tenant only: rows of another are refused with exit 2', async () => {
    const file = join(work, 'greek.json');
    writeFileSync(file, JSON.stringify([{ country: 'LY', memberState: 'GR', status: 'partial', from: '2031-01-01', evidence: [{ title: 'Report', url: 'https://example.org/r' }], verified: false }]));
    const before = await state();
    assert.match(expectStatus(waypoint('registry', 'import', 'readmission', file, '--tenant', 'IT'), 2).stderr, /belongs to GR/);
    assert.deepEqual(await state(), before);
    assert.match(expectStatus(waypoint('registry', 'import', 'readmission', file, '--tenant', 'GR'), 0).stdout, /1 created/);
  });

  it('lists reviews due, and exits 1 with --fail-if-due when there are any', () => {
    assert.match(expectStatus(waypoint('registry', 'reviews-due', '--on', '2027-10-22', '--kind', 'designations'), 0).stdout, /^19 review\(s\) due on 2027-10-22$/m);
    const due = expectStatus(waypoint('registry', 'reviews-due', '--on', '2027-10-24', '--fail-if-due'), 1).stdout;
    assert.match(due, /2027-10-23 {2}OVERDUE by 1 days +DE /);
    expectStatus(waypoint('registry', 'reviews-due', '--on', '2026-11-21', '--kind', 'designations', '--fail-if-due'), 0);
    assert.match(expectStatus(waypoint('registry', 'reviews-due', '--on', '2026-11-21', '--kind', 'partnerships'), 0).stdout, /2025-12-31 {2}OVERDUE by 325 days +UNHCR Emergency Transit Mechanism in Rwanda/);
  });

  it('runs the funding and asylum-access checks, and exits 1 with --fail-on-error when an error is found', () => {
    const funding = expectStatus(waypoint('registry', 'funding-checks', '--on', '2026-11-21', '--fail-on-error'), 1).stdout;
    assert.match(funding, /^ERROR +implementation-without-funding +mechanism rw-etm: /m);
    assert.match(funding, /^\d+ error\(s\), \d+ warning\(s\) on 2026-11-21$/m);
    const access = expectStatus(waypoint('registry', 'asylum-access', '--on', '2024-01-15', '--member-state', 'FI', '--fail-on-error'), 1).stdout;
    assert.match(access, /^FI instrumentalisation at Land border between Finland and Russia: measures crossing-points-closed; applications at no place recorded$/m);
    assert.match(access, /^ERROR +no-access-point: .*\(C-808\/18 Commission v Hungary; C-72\/22 PPU M\.A\.\)$/m);
    expectStatus(waypoint('registry', 'asylum-access', '--on', '2026-11-21', '--member-state', 'FI', '--fail-on-error'), 0);
    const gjader = JSON.parse(expectStatus(waypoint('registry', 'show', 'facilities', 'al-gjader', '--on', '2025-04-11'), 0).stdout) as { summary: { capacity: number } };
    assert.equal(gjader.summary.capacity, 440);
  });

  it('prints the law engine\'s registry facts for a date', () => {
    const snapshot = JSON.parse(expectStatus(waypoint('registry', 'law-snapshot', '--on', '2026-07-01'), 0).stdout) as { candidates: string[]; context: { readmission: unknown[] } };
    assert.deepEqual(snapshot.candidates, ['AL', 'BA', 'GE', 'MD', 'ME', 'MK', 'RS', 'TR', 'UA']);
    assert.deepEqual(snapshot.context.readmission, [{ country: 'TR', from: 'GR', status: 'suspended', since: '2020-03-01', source: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62023CJ0134' }]);
  });

  it('exits 2 on an unknown kind, a bad date, an unknown filter, a missing file or tenant', () => {
    for (const args of [
      ['registry', 'list', 'planets'], ['registry', 'list', 'designations', '--on', '2026-02-30'],
      ['registry', 'list', 'designations', '--where', 'colour=red'], ['registry', 'import', 'designations', join(work, 'nope.csv'), '--tenant', 'IT'],
      ['registry', 'import', 'designations', join(work, 'designations.csv')], ['registry', 'import', 'designations', join(work, 'designations.csv'), '--tenant', 'XY'],
      ['registry', 'show', 'countries', 'QQ'],
    ]) expectStatus(waypoint(...args), 2);
  });

  it('leaves every audit chain verifiable, the registries\' included', () => {
    // 33 tenants' chains and the registries' (EU).
    assert.match(expectStatus(waypoint('audit', 'verify'), 0).stdout, /^ok: 34 chains, [1-9]\d* events verified/);
  });
});
