/**
 * `waypoint stats` as operators run it, in a child process on the selected engine: importing files
 * and folders with progress and provenance, exit code 2 with line and column for a malformed file,
 * `stats list`, offline `--from-publisher`, and `waypoint start` importing the statistics folder on
 * its first run (and saying so, then starting, when there is none).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { runCli, startServer } from '../support/child.ts';
import { SKIP_WITHOUT_DATA, slicer } from '../support/statistics.ts';
import { freshDataTarget, type DataTarget } from '../support/storage.ts';

const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const files = slicer();
let target: DataTarget;
before(async () => { target = await freshDataTarget('stats_cli'); });
after(async () => { await target?.remove(); files.remove(); });

async function sourceCount(): Promise<number> {
  const storage = await target.open();
  try { return Number((await sql<{ n: string }>`select count(*) as n from stat_sources`.execute(storage.db)).rows[0]!.n); } finally { await storage.close(); }
}

describe(`waypoint stats on ${ENGINE}`, { skip: SKIP_WITHOUT_DATA }, () => {
  it('imports files and folders, then finds them unchanged the second time', () => {
    const frontex = files.slice('frontex/frontex_ibc_detections_monthly_by_route_nationality_2009-01_2025-04.csv', { head: 200 });
    files.slice('eurostat/migr_eirfs_refused_entry_totals_2014_2023.csv');
    const first = runCli(['stats', 'import', files.dir], target.env);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /imported frontex_ibc from frontex_ibc_detections_monthly_by_route_nationality_2009-01_2025-04\.csv: 200 rows, 200 new/);
    assert.match(first.stdout, /imported migr_eirfs from migr_eirfs_refused_entry_totals_2014_2023\.csv: 327 rows/);
    assert.match(first.stderr, /frontex_ibc_detections.*(done|\d+\/\d+)/, 'progress on stderr');
    const again = runCli(['stats', 'import', frontex], target.env);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /unchanged frontex_ibc/);
  });

  it('lists the datasets with their provenance', () => {
    const list = runCli(['stats', 'list'], target.env);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /frontex_ibc {2}Frontex: Monthly detections/);
    assert.match(list.stdout, /retrieved 2025-06-03/);
    assert.match(list.stdout, /via GitHub iom\/gdidata/);
    const json = JSON.parse(runCli(['stats', 'list', '--json'], target.env).stdout) as Array<{ dataset: string }>;
    assert.deepEqual(json.map((d) => d.dataset), ['frontex_ibc', 'migr_eirfs']);
  });

  it('exits 2 with the line and column of a malformed file, writing nothing', async () => {
    const before = await sourceCount();
    const bad = files.write('migr_eiord_bad.csv', 'geo,geo_label,year,persons,flag\nAT,Austria,2015,100,\nAT,Austria,2016,1O0,\n');
    const run = runCli(['stats', 'import', bad], target.env);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, /migr_eiord_bad\.csv, line 3, column 4 \(persons\): not a number: "1O0"/);
    assert.equal(await sourceCount(), before);
  });

  it('exits 2 for a path that does not exist or no path at all, and 1 when the publisher cannot be reached', () => {
    assert.equal(runCli(['stats', 'import', '/nonexistent/file.csv'], target.env).status, 2);
    assert.equal(runCli(['stats', 'import'], target.env).status, 2);
    const offline = runCli(['stats', 'import', '--from-publisher', 'migr_eiord', '--timeout', '5'], { ...target.env, WAYPOINT_EUROSTAT_API: 'http://127.0.0.1:9/sdmx/2.1' });
    assert.equal(offline.status, 1, offline.stderr);
    assert.match(offline.stderr, /cannot reach 127\.0\.0\.1:9 .*offline/);
  });

  it('writes a partnership\'s monthly report as PDF or HTML, and exits 2 for a bad month or partnership', () => {
    const out = `${files.dir}/it-al-2025-04.pdf`;
    const pdf = runCli(['stats', 'report', '--partnership', 'it-al-protocol', '--month', '2025-04', '--format', 'pdf', '--out', out], target.env);
    assert.equal(pdf.status, 0, pdf.stderr);
    assert.match(pdf.stderr, /wrote the PDF report of it-al-protocol for 2025-04 to .*it-al-2025-04\.pdf/);
    assert.equal(readFileSync(out).subarray(0, 5).toString('latin1'), '%PDF-');
    const html = runCli(['stats', 'report', '--partnership', 'eu-tn-mou', '--month', '2024-01'], target.env);
    assert.equal(html.status, 0, html.stderr);
    assert.match(html.stdout, /<h1>EU–Tunisia Memorandum of Understanding on a strategic and comprehensive partnership<\/h1>/);
    assert.match(html.stdout, /<section id="flows"/);
    assert.equal(runCli(['stats', 'report', '--partnership', 'eu-tn-mou', '--month', '2024-13'], target.env).status, 2);
    assert.equal(runCli(['stats', 'report', '--partnership', 'eu-tn-mou', '--month', '2024-01', '--format', 'docx'], target.env).status, 2);
    const unknown = runCli(['stats', 'report', '--partnership', 'no-such-partnership', '--month', '2024-01'], target.env);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no partnership no-such-partnership/);
  });

  it('imports the statistics folder on the first start, and starts without one, saying so', async () => {
    const fresh = await freshDataTarget('stats_start');
    const folder = slicer();
    try {
      folder.slice('eurostat/legacy_2017_extract/migr_eiord_ordered_to_leave_totals_2008_2016.csv');
      folder.write('locations.csv', '#name,region\nA,B\n');
      const server = await startServer({ ...fresh.env, WAYPOINT_DEMO: 'off', WAYPOINT_STATS_DIR: folder.dir });
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
      assert.match(server.stderr(), /statistics: imported migr_eiord from migr_eiord_ordered_to_leave_totals_2008_2016\.csv: 238 rows/);
      assert.match(server.stderr(), /skipped 1 files that are not statistics tables/);
      const without = await startServer({ ...fresh.env, WAYPOINT_DEMO: 'off', WAYPOINT_STATS_DIR: `${folder.dir}/absent` });
      without.child.kill('SIGTERM');
      await new Promise((resolve) => without.child.once('exit', resolve));
      assert.match(without.stderr(), /no statistics folder at .*absent.*starting without public statistics/);
    } finally {
      folder.remove();
      await fresh.remove();
    }
  });
});
