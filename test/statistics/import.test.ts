/**
 * The statistics importers on slices of the real files in ../shared/data: every publisher's layout,
 * Eurostat's codes and aggregates, provenance per figure, idempotent re-import, and refusal of
 * truncated or malformed files with line and column and nothing written. The online path (Eurostat's
 * dissemination API) is exercised against a local HTTP server serving a slice.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { downloadDataset, eurostatUrl } from '../../src/domain/statistics/fetch-eurostat.ts';
import { StatisticsImportError } from '../../src/domain/statistics/import-error.ts';
import { collectFiles, importFiles } from '../../src/domain/statistics/import-files.ts';
import { importStatistics } from '../../src/domain/statistics/import-statistics.ts';
import { ALL_TABLES } from '../../src/domain/statistics/tables.ts';
import { SKIP_WITHOUT_DATA, slicer } from '../support/statistics.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../support/storage.ts';

let storage: TestStorage;
const files = slicer();
before(async () => { storage = await openTestStorage(); });
after(async () => { await storage?.close(); files.remove(); });

/** Row counts of every statistics table and of the sources. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [...ALL_TABLES.map((t) => t.name), 'stat_sources', 'stat_ind_applications', 'stat_ind_recognition', 'stat_ind_returns']) {
    out[table] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(storage.db)).rows[0]!.n);
  }
  return out;
}

async function refused(path: string, expected: { line: number; column?: number; message: RegExp }): Promise<void> {
  const before = await counts();
  await assert.rejects(importStatistics({ db: storage.db, path }), (error: unknown) => {
    assert.ok(error instanceof StatisticsImportError, `a StatisticsImportError, got ${String(error)}`);
    assert.equal(error.code, 'INVALID_IMPORT');
    assert.equal(error.line, expected.line, error.message);
    if (expected.column !== undefined) assert.equal(error.column, expected.column, error.message);
    assert.match(error.message, expected.message);
    assert.match(error.message, /nothing was imported/);
    return true;
  });
  assert.deepEqual(await counts(), before, 'a refused file writes nothing');
}

describe(`statistics importers on ${ENGINE}`, { skip: SKIP_WITHOUT_DATA }, () => {
  it('imports a Eurostat tidy extract (codes), keeping EU aggregates and storing EL and UK as GR and GB', async () => {
    const path = files.slice('eurostat/migr_asyappctza_applicants_by_citizenship_2008_2022.csv', {
      where: (l) => /^"(EL|UK|EU27_2020|AT)","(SY|AF|TOTAL|UK|EL)",(2015|2016),/.test(l),
    });
    const lines = readFileSync(path, 'utf8').trim().split('\n').length - 1;
    const result = await importStatistics({ db: storage.db, path });
    assert.equal(result.status, 'imported');
    assert.equal(result.dataset, 'migr_asyappctza');
    assert.equal(result.publisher, 'Eurostat');
    assert.equal(result.rows, lines);
    assert.equal(result.inserted, lines);
    const geos = (await sql<{ geo: string }>`select distinct geo from stat_eurostat where source_id = ${result.sourceId}::bigint order by geo`.execute(storage.db)).rows.map((r) => r.geo);
    assert.deepEqual(geos, ['AT', 'EU27_2020', 'GB', 'GR']);
    const greekSyrians = await sql<{ value: number; breakdown: string }>`
      select value, breakdown from stat_eurostat where dataset = 'migr_asyappctza' and geo = 'GR' and citizen = 'SY' and period = '2015' order by breakdown`.execute(storage.db);
    const source = readFileSync(path, 'utf8').split('\n').find((l) => l.startsWith('"EL","SY",2015,"ASY_APP"'))!;
    assert.deepEqual(greekSyrians.rows[0], { value: Number(source.split(',').pop()), breakdown: '' }, 'ASY_APP at sex T, age TOTAL is the total series');
    const provenance = await storage.db.selectFrom('stat_sources').selectAll().where('id', '=', result.sourceId).executeTakeFirstOrThrow();
    assert.equal(provenance.credit, 'Source: Eurostat');
    assert.match(provenance.licence, /CC BY 4\.0/);
    assert.equal(provenance.retrieved_on, '2024-01-18');
    assert.match(provenance.upstream ?? '', /bgautijonsson\/asylum/);
    assert.equal(provenance.file_name, 'migr_asyappctza_applicants_by_citizenship_2008_2022.csv');
  });

  it('imports tidy extracts with labels (citizen_label) and with ISO alpha-3 codes', async () => {
    const labels = await importStatistics({ db: storage.db, path: files.slice('eurostat/migr_eirtn_returned_to_third_country_by_citizenship_2014_2023.csv', { head: 400 }) });
    assert.equal(labels.dataset, 'migr_eirtn');
    const thrd = await sql<{ n: string }>`select count(*) as n from stat_eurostat where source_id = ${labels.sourceId}::bigint and breakdown = 'c_dest=THRD'`.execute(storage.db);
    assert.equal(Number(thrd.rows[0]!.n), labels.inserted, 'the returns of this file are returns to a third country (SOURCES.md identity check)');
    const iso3 = await importStatistics({ db: storage.db, path: files.slice('eurostat/migr_asyappctza_asylum_applicants_by_citizenship_sex_2011_2024.csv', { where: (l) => /^"(GRC|EU27)",2024,"(SYR|AFG|XKX|STL)"/.test(l) }) });
    const rows = await sql<{ geo: string; citizen: string; breakdown: string }>`select distinct geo, citizen, breakdown from stat_eurostat where source_id = ${iso3.sourceId}::bigint order by 1, 2, 3`.execute(storage.db);
    assert.ok(rows.rows.some((r) => r.geo === 'EU27_2020'), 'EU27 becomes EU27_2020');
    assert.ok(rows.rows.some((r) => r.geo === 'GR' && r.citizen === 'SY' && r.breakdown === 'sex=F'));
    assert.ok(rows.rows.every((r) => r.breakdown.startsWith('sex=')), 'asyl_app=ASY_APP (from the file\'s known provenance) is a total value');
  });

  it('imports the 2017 extract (labels, decision and return-type breakdowns)', async () => {
    const decisions = await importStatistics({ db: storage.db, path: files.slice('eurostat/legacy_2017_extract/migr_asydcfsta_first_instance_decisions_totals_2008_2016.csv') });
    assert.equal(decisions.rows, 1836);
    const breakdowns = (await sql<{ breakdown: string }>`select distinct breakdown from stat_eurostat where dataset = 'migr_asydcfsta' order by 1`.execute(storage.db)).rows.map((r) => r.breakdown);
    assert.deepEqual(breakdowns, ['', 'decision=REJECTED', 'decision=TOTAL_POS']);
    const totals = await importStatistics({ db: storage.db, path: files.slice('eurostat/legacy_2017_extract/migr_eirtn_returned_totals_2008_2016.csv') });
    assert.equal(totals.rows, 476);
    const eu = await sql<{ breakdown: string; value: number }>`select breakdown, value from stat_eurostat where dataset = 'migr_eirtn' and geo = 'EU28' and citizen = 'TOTAL' and period = '2015' order by 1`.execute(storage.db);
    assert.deepEqual(eu.rows, [{ breakdown: '', value: 227975 }, { breakdown: 'c_dest=THRD', value: 196190 }]);
  });

  it('reads the same figures from Eurostat SDMX-CSV and TSV as from the tidy extract, and changes nothing', async () => {
    const tidy = readFileSync(files.slice('eurostat/migr_asyappctza_applicants_by_citizenship_2008_2022.csv', { where: (l) => /^"(EL|AT)","(SY|AF)",(2015|2016),/.test(l) }), 'utf8').trim().split('\n').slice(1)
      .map((l) => l.replaceAll('"', '').split(','));
    const sdmx = ['DATAFLOW,LAST UPDATE,freq,unit,citizen,sex,age,asyl_app,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
      ...tidy.map(([geo, citizen, year, app, persons]) => `ESTAT:MIGR_ASYAPPCTZA(1.0),18/01/24 11:00:00,A,PER,${citizen},T,TOTAL,${app},${geo},${year},${persons},`)].join('\n');
    const viaSdmx = await importStatistics({ db: storage.db, path: files.write('MIGR_ASYAPPCTZA.csv', `${sdmx}\n`) });
    assert.equal(viaSdmx.layout, 'sdmx-csv');
    assert.deepEqual([viaSdmx.rows, viaSdmx.inserted, viaSdmx.updated, viaSdmx.unchanged], [tidy.length, 0, 0, tidy.length]);
    // TSV: one row per series, one column per year; values may carry flags, ':' is "not available".
    const series = new Map<string, Record<string, string>>();
    for (const [geo, citizen, year, app, persons] of tidy) {
      const key = `A,PER,${citizen},T,TOTAL,${app},${geo}`;
      series.set(key, { ...(series.get(key) ?? {}), [year!]: persons! });
    }
    const tsv = ['freq,unit,citizen,sex,age,asyl_app,geo\\TIME_PERIOD\t2015 \t2016 \t2017 ',
      ...[...series].map(([key, v]) => `${key}\t${v['2015'] ?? ':'} \t${v['2016'] ?? ':'} p\t: `)].join('\n');
    const viaTsv = await importStatistics({ db: storage.db, path: files.write('migr_asyappctza.tsv.gz', gzipSync(`${tsv}\n`)) });
    assert.equal(viaTsv.layout, 'eurostat-tsv');
    assert.equal(viaTsv.rows, series.size);
    assert.equal(viaTsv.inserted, 0, 'no new figure');
    // The 2016 cells carry the flag p: the same value with another flag is a changed figure.
    assert.equal(viaTsv.updated, tidy.filter((t) => t[2] === '2016').length);
  });

  for (const [table, relative] of [
    ['population', 'unhcr/unhcr_population_1951_2025.csv'], ['asylum_applications', 'unhcr/unhcr_asylum_applications_2000_2025.csv'],
    ['asylum_decisions', 'unhcr/unhcr_asylum_decisions_2000_2025.csv'], ['solutions', 'unhcr/unhcr_solutions_1959_2025.csv'],
    ['flows', 'unhcr/unhcr_flows_1962_2025.csv'], ['demographics', 'unhcr/unhcr_demographics_2025.csv'],
  ] as const) {
    it(`imports UNHCR's ${table} table with UNHCR's and ISO codes`, async () => {
      const path = files.slice(relative, { head: 300 });
      const result = await importStatistics({ db: storage.db, path });
      assert.deepEqual([result.dataset, result.publisher, result.rows, result.inserted], [`unhcr_${table}`, 'UNHCR', 300, 300]);
      const source = await storage.db.selectFrom('stat_sources').select(['licence', 'credit', 'upstream', 'retrieved_on']).where('id', '=', result.sourceId).executeTakeFirstOrThrow();
      assert.equal(source.licence, 'CC BY 4.0');
      assert.match(source.credit, /UNHCR Refugee Data Finder/);
      assert.match(source.upstream ?? '', /PopulationStatistics\/refugees/);
      const n = await sql<{ n: string }>`select count(*) as n from ${sql.table(`stat_unhcr_${table}`)} where source_id = ${result.sourceId}::bigint and origin <> '' and asylum <> ''`.execute(storage.db);
      assert.equal(Number(n.rows[0]!.n), 300);
    });
  }

  it('maps UNHCR\'s stateless and unknown origins to STLS and UNK', async () => {
    await importStatistics({ db: storage.db, path: files.slice('unhcr/unhcr_asylum_decisions_2000_2025.csv', { where: (l) => /^2016,"(STA|UKN|SYR)"/.test(l) }) });
    const origins = (await sql<{ origin: string }>`select distinct origin from stat_unhcr_asylum_decisions where year = 2016 order by 1`.execute(storage.db)).rows.map((r) => r.origin);
    for (const code of ['STLS', 'SY', 'UNK']) assert.ok(origins.includes(code), `${code} in ${origins.join(',')}`);
  });

  it('imports Frontex detections and IOM Missing Migrants incidents', async () => {
    const frontex = await importStatistics({ db: storage.db, path: files.slice('frontex/frontex_ibc_detections_monthly_by_route_nationality_2009-01_2025-04.csv', { head: 500 }) });
    assert.deepEqual([frontex.dataset, frontex.publisher, frontex.inserted], ['frontex_ibc', 'Frontex', 500]);
    assert.equal((await storage.db.selectFrom('stat_sources').select('retrieved_on').where('id', '=', frontex.sourceId).executeTakeFirstOrThrow()).retrieved_on, '2025-06-03');
    const iom = await importStatistics({ db: storage.db, path: files.slice('iom/iom_missing_migrants_incidents_2014-01_2025-04.csv', { head: 300 }) });
    assert.deepEqual([iom.dataset, iom.publisher, iom.inserted], ['iom_mmp', 'IOM', 300]);
    assert.equal(Number((await sql<{ n: string }>`select count(*) as n from stat_iom_incidents`.execute(storage.db)).rows[0]!.n), 300);
  });

  it('changes nothing when the same file is imported again, under any name', async () => {
    const path = files.slice('frontex/frontex_ibc_detections_monthly_by_route_nationality_2009-01_2025-04.csv', { head: 500 });
    const before = await counts();
    const again = await importStatistics({ db: storage.db, path });
    assert.equal(again.status, 'unchanged');
    const renamed = await importStatistics({ db: storage.db, path: files.write('frontex-copy.csv', readFileSync(path)) });
    assert.equal(renamed.status, 'unchanged');
    assert.deepEqual(await counts(), before);
  });

  it('replaces the IOM incidents of the months a newer file covers, without doubling them', async () => {
    const rows = readFileSync(files.slice('iom/iom_missing_migrants_incidents_2014-01_2025-04.csv', { head: 300 }), 'utf8');
    // The same incidents with one more line in the file: another file, same months.
    const lines = rows.trim().split('\n');
    const bigger = files.write('iom-bigger.csv', `${[...lines, lines[1]!].join('\n')}\n`);
    const result = await importStatistics({ db: storage.db, path: bigger });
    assert.equal(result.inserted, 301);
    assert.equal(result.updated, 300, 'the 300 incidents of the earlier file were replaced');
    assert.equal(Number((await sql<{ n: string }>`select count(*) as n from stat_iom_incidents`.execute(storage.db)).rows[0]!.n), 301);
  });

  describe('refuses malformed files with line and column, writing nothing', () => {
    const header = '"geo","citizen","year","asyl_app","persons"';
    const good = ['"AT","SY",2019,"ASY_APP",2705', '"AT","AF",2019,"ASY_APP",2980', '"AT","IQ",2019,"ASY_APP",720'];
    const file = (name: string, lines: string[], end = '\n') => files.write(`migr_asyappctza_${name}.csv`, `${[header, ...lines].join('\n')}${end}`);

    it('a value that is not a number', () => refused(file('nan', [good[0]!, good[1]!, '"AT","IQ",2019,"ASY_APP",7x0']), { line: 4, column: 5, message: /line 4, column 5 \(persons\): not a number: "7x0"/ }));
    it('a line with a missing field', () => refused(file('short', [good[0]!, '"AT","AF",2019,2980', good[2]!]), { line: 3, message: /line 3.*expected 5 fields, found 4/ }));
    it('a file cut in the middle of its last line', () => refused(file('cut', [good[0]!, good[1]!, '"AT","IQ",2019,"ASY_APP",72'], ''), { line: 4, message: /truncated/ }));
    it('a file cut inside a quoted field', () => refused(file('quote', [good[0]!, good[1]!, '"AT","IQ",2019,"ASY_A'], ''), { line: 4, message: /not closed|truncated/ }));
    it('an unknown country code', () => refused(file('geo', [good[0]!, '"ZZ","AF",2019,"ASY_APP",2980']), { line: 3, column: 1, message: /unknown geo code: "ZZ"/ }));
    it('an impossible year', () => refused(file('year', [good[0]!, '"AT","AF",20X9,"ASY_APP",2980']), { line: 3, column: 3, message: /not a period/ }));
    it('the same figure twice', () => refused(file('twice', [good[0]!, good[1]!, good[0]!]), { line: 4, message: /the same figure as line 2/ }));
    it('a truncated gzip file', async () => {
      const gz = gzipSync(`${[header, ...good, ...Array.from({ length: 3000 }, (_, i) => `"AT","SY",${1900 + (i % 200)},"X${i}",${i}`)].join('\n')}\n`);
      const before = await counts();
      await assert.rejects(importStatistics({ db: storage.db, path: files.write('migr_asyappctza_cut.csv.gz', gz.subarray(0, Math.floor(gz.length * 0.6))) }), (error: unknown) => {
        assert.ok(error instanceof StatisticsImportError);
        assert.match(error.message, /line \d+.*(truncated|not closed|expected 5 fields)/);
        return true;
      });
      assert.deepEqual(await counts(), before);
    });
    it('a file that is not a statistics table', () => refused(files.write('notes.csv', 'a,b\n1,2\n'), { line: 1, message: /not a statistics table/ }));
    it('a bad line after whole chunks were already staged and merged', async () => {
      // 60,000 real lines (more than two COPY chunks of 25,000), then one bad value.
      const real = readFileSync(files.slice('eurostat/migr_asyappctza_applicants_by_citizenship_2008_2022.csv', { head: 60_000 }), 'utf8').trim().split('\n');
      await refused(files.write('migr_asyappctza_late.csv', `${[...real, '"ZZ","AF",2019,"ASY_APP",2980'].join('\n')}\n`), { line: 60_002, column: 1, message: /unknown geo code/ });
    });
  });

  describe('folders', () => {
    it('imports every statistics file under a folder, skips what is not one, and says which failed', async () => {
      const dir = slicer();
      try {
        dir.slice('eurostat/migr_eirfs_refused_entry_totals_2014_2023.csv');
        dir.write('routes.csv', '#name1,name2,distance\nA,B,10\n');
        dir.write('migr_eiord_broken.csv', 'geo,geo_label,year,persons,flag\nAT,Austria,2015,abc,\n');
        const outcomes = await importFiles({ db: storage.db, files: collectFiles([dir.dir]) });
        const byName = Object.fromEntries(outcomes.map((o) => [o.path.split('/').pop(), o.status]));
        assert.deepEqual(byName, { 'migr_eirfs_refused_entry_totals_2014_2023.csv': 'imported', 'routes.csv': 'skipped', 'migr_eiord_broken.csv': 'failed' });
      } finally { dir.remove(); }
    });
  });

  describe('from the publisher\'s API', () => {
    it('downloads an SDMX-CSV dataset over HTTP and records the URL as its provenance', async () => {
      const body = ['DATAFLOW,LAST UPDATE,freq,unit,citizen,age,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
        ...readFileSync(files.slice('eurostat/legacy_2017_extract/migr_eiord_ordered_to_leave_totals_2008_2016.csv'), 'utf8').trim().split('\n').slice(1)
          .map((l) => l.split(',')).filter((f) => f[3] !== '')
          .map(([geo, , year, persons, flag]) => `ESTAT:MIGR_EIORD(1.0),26/04/17 23:00:00,A,PER,TOTAL,TOTAL,T,${geo},${year},${persons},${flag ?? ''}`)].join('\n');
      const requests: string[] = [];
      const server = createServer((req, res) => {
        requests.push(req.url ?? '');
        if (!req.url?.startsWith('/sdmx/2.1/data/MIGR_EIORD')) { res.writeHead(404).end(); return; }
        res.writeHead(200, { 'content-type': 'text/csv' }).end(`${body}\n`);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/sdmx/2.1`;
      try {
        const url = eurostatUrl('migr_eiord', base);
        assert.equal(url, `${base}/data/MIGR_EIORD?format=SDMX-CSV&compressed=false`);
        const download = await downloadDataset({ url });
        try {
          const result = await importStatistics({ db: storage.db, path: download.path, location: url, now: new Date('2026-11-21T10:00:00Z') });
          assert.deepEqual([result.status, result.dataset, result.layout, result.location, result.retrievedOn], ['imported', 'migr_eiord', 'sdmx-csv', url, '2026-11-21']);
          assert.equal(result.rows, body.split('\n').length - 1);
        } finally { download.remove(); }
        assert.deepEqual(requests, ['/sdmx/2.1/data/MIGR_EIORD?format=SDMX-CSV&compressed=false']);
        await assert.rejects(downloadDataset({ url: `${base}/data/NOPE?format=SDMX-CSV` }), /answered 404/);
      } finally { server.close(); }
    });

    it('fails clearly when the publisher cannot be reached', async () => {
      await assert.rejects(downloadDataset({ url: 'http://127.0.0.1:9/sdmx/2.1/data/MIGR_EIORD?format=SDMX-CSV', timeoutMs: 5000 }), /cannot reach 127\.0\.0\.1:9 .*offline/);
      assert.throws(() => eurostatUrl('migr_eiord; drop table'), /not a Eurostat dataset code/);
    });
  });
});
