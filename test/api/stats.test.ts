/**
 * The open-data statistics API over slices of the real files: JSON with definition, coverage and
 * provenance; CSV (by `?format=csv` and by `Accept: text/csv`) guarded against formula injection;
 * filters; 400 problem+json naming the bad filter; the routes in the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { importStatistics } from '../../src/domain/statistics/import-statistics.ts';
import { SKIP_WITHOUT_DATA, slicer } from '../support/statistics.ts';
import { ENGINE } from '../support/storage.ts';
import { startTestProduct, type TestProduct } from '../support/product.ts';

type Json = Record<string, any>;
let t: TestProduct;
const files = slicer();
after(async () => { await t?.close(); files.remove(); });

const get = (path: string, headers: Record<string, string> = {}) => t.call('it-policy-analyst', 'GET', path, { headers });

describe(`statistics API on ${ENGINE}`, { skip: SKIP_WITHOUT_DATA }, () => {
  before(async () => {
    t = await startTestProduct();
    const db = t.storage.db;
    await importStatistics({ db, path: files.slice('eurostat/legacy_2017_extract/migr_asydcfsta_first_instance_decisions_totals_2008_2016.csv') });
    await importStatistics({ db, path: files.slice('unhcr/unhcr_asylum_decisions_2000_2025.csv', { where: (l) => /^2016,"(SYR|GEO|AFG|ALB)"/.test(l) }) });
    await importStatistics({ db, path: files.slice('eurostat/legacy_2017_extract/migr_eiord_ordered_to_leave_totals_2008_2016.csv') });
    await importStatistics({ db, path: files.slice('eurostat/legacy_2017_extract/migr_eirtn_returned_totals_2008_2016.csv') });
    await importStatistics({ db, path: files.slice('frontex/frontex_ibc_detections_monthly_by_route_nationality_2009-01_2025-04.csv', { where: (l) => l.startsWith('"2016-') }) });
    await importStatistics({ db, path: files.slice('eurostat/migr_asyappctza_applicants_by_citizenship_2008_2022.csv', { where: (l) => /^"(EL|AT|EU27_2020)","(SY|AF|GE)",2016,/.test(l) }) });
    // A hostile file: an incident whose route is a spreadsheet formula.
    await importStatistics({ db, path: files.write('iom-hostile.csv', [
      '"incident_date","month","incident_type","migration_route","country_of_incident_iso3","dead_and_missing","cause_of_death","survivors","origin_iso3","location","lon","lat"',
      '"2016-05-01","2016-05","Incident","=HYPERLINK(""http://evil.example"",""click"")","LBY",3,"Drowning",,"ERI","off Libya",13.1,33.2',
      '"2016-05-02","2016-05","Incident","Central Mediterranean Route","LBY",5,"Drowning",2,"ERI","off Libya",13.1,33.2',
    ].join('\n') + '\n') });
  });

  it('answers an indicator as JSON with its definition, coverage and the provenance of every figure', async () => {
    const response = await get('/api/stats/recognition-rates?citizen=SY');
    assert.equal(response.status, 200);
    const body = await response.json() as Json;
    assert.equal(body.indicator, 'recognition-rates');
    assert.match(body.definition, /first-instance/);
    assert.ok(body.caveats.length > 0);
    assert.ok(Array.isArray(body.coverage.bySource));
    assert.equal(body.items.length, 1);
    const [row] = body.items;
    assert.deepEqual([row.citizen, row.year, row.publisher], ['SY', 2016, 'UNHCR']);
    const source = body.sources.find((s: Json) => s.id === row.sources[0]);
    assert.deepEqual([source.publisher, source.dataset, source.licence], ['UNHCR', 'unhcr_asylum_decisions', 'CC BY 4.0']);
    assert.match(source.credit, /UNHCR/);
    assert.equal(source.retrievedOn, '2026-06-25');
    assert.match(response.headers.get('link') ?? '', /\/api\/stats\/datasets/);
  });

  it('filters, normalising country codes (EL is GR) and years', async () => {
    const body = await (await get('/api/stats/asylum-applications?geo=EL&citizen=SYR&from=2016&to=2016')).json() as Json;
    assert.equal(body.total, 1);
    assert.deepEqual([body.items[0].geo, body.items[0].citizen, body.items[0].year], ['GR', 'SY', 2016]);
    const returns = await (await get('/api/stats/return-rates?geo=EU28&citizen=TOTAL&from=2014&to=2014')).json() as Json;
    assert.equal(returns.items[0].rate, 0.4175);
    const arrivals = await (await get('/api/stats/arrivals?groupBy=route&route=Central%20Mediterranean%20Route')).json() as Json;
    assert.deepEqual(arrivals.items.map((i: Json) => Object.keys(i).sort()), [['detections', 'route', 'sources']]);
    const paged = await (await get('/api/stats/arrivals?groupBy=month&limit=5&offset=5')).json() as Json;
    assert.deepEqual([paged.items.length, paged.total, paged.limit, paged.offset, paged.items[0].month], [5, 12, 5, 5, '2016-06']);
  });

  it('answers CSV for ?format=csv and for Accept: text/csv, with a source column', async () => {
    for (const [path, headers] of [['/api/stats/recognition-rates?citizen=TOTAL&format=csv', {}], ['/api/stats/recognition-rates?citizen=TOTAL', { accept: 'text/csv' }]] as const) {
      const response = await get(path, headers);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(response.headers.get('content-disposition') ?? '', /waypoint-recognition-rates\.csv/);
      const records = parse(await response.text(), { columns: true }) as Json[];
      assert.ok(records.length >= 9);
      const y2016 = records.find((r) => r.year === '2016')!;
      assert.deepEqual([y2016.publisher, y2016.geo, y2016.rate], ['Eurostat', 'EU28', '0.6079']);
      assert.match(y2016.source, /^Source: Eurostat — migr_asydcfsta \(migr_asydcfsta_first_instance_decisions_totals_2008_2016\.csv, retrieved 2017-04-26; .*CC BY 4\.0\)$/);
    }
  });

  it('guards CSV cells against formula injection', async () => {
    const text = await (await get('/api/stats/deaths-and-missing?format=csv')).text();
    const records = parse(text, { columns: true }) as Json[];
    const hostile = records.find((r) => r.route.includes('HYPERLINK'))!;
    assert.equal(hostile.route, `'=HYPERLINK("http://evil.example","click")`);
    assert.ok(records.every((r) => !/^[=+\-@]/.test(r.route)));
    // JSON keeps the value as published.
    const json = await (await get('/api/stats/deaths-and-missing')).json() as Json;
    assert.ok(json.items.some((i: Json) => i.route === '=HYPERLINK("http://evil.example","click")'));
  });

  it('lists the imported datasets with provenance, and the indicators with coverage', async () => {
    const datasets = await (await get('/api/stats/datasets')).json() as Json[];
    const frontex = datasets.find((d) => d.dataset === 'frontex_ibc')!;
    assert.deepEqual([frontex.publisher, frontex.periods], ['Frontex', { from: '2016-01', to: '2016-12' }]);
    assert.match(frontex.files[0].upstream, /iom\/gdidata/);
    const indicators = await (await get('/api/stats/indicators')).json() as Json[];
    assert.deepEqual(indicators.filter((i) => !i.source).map((i) => i.id).sort(), ['arrivals', 'asylum-applications', 'deaths-and-missing', 'recognition-rates', 'return-rates', 'visa-suspension-monitor']);
    // Beside them, the indicators from case data, with their source and their own route.
    assert.deepEqual(indicators.filter((i) => i.source === 'Waypoint case data').map((i) => i.path).sort(),
      ['/api/stats/case-indicators/deadline-compliance', '/api/stats/case-indicators/facility-occupancy', '/api/stats/case-indicators/ledger-balance']);
    assert.deepEqual(indicators.find((i) => i.id === 'arrivals')!.coverage.months, { from: '2016-01', to: '2016-12' });
  });

  it('serves the visa suspension monitor with thresholds, sources and missing data', async () => {
    const body = await (await get('/api/stats/visa-suspension-monitor?country=GE&year=2016')).json() as Json;
    assert.equal(body.items.length, 1);
    assert.equal(body.coverage.thresholds.increase, 0.3);
    assert.match(body.coverage.annexII, /CELEX:02018R1806/);
    assert.ok(body.items[0].missing.length > 0);
  });

  it('refuses bad filters with 400 problem+json naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['/api/stats/recognition-rates?citizen=ZZZ', 'query.citizen'],
      ['/api/stats/asylum-applications?from=20x6', 'query.from'],
      ['/api/stats/arrivals?from=2016-13', 'query.from'],
      ['/api/stats/arrivals?groupBy=month,planet', 'query.groupBy'],
      ['/api/stats/return-rates?limit=0', 'query.limit'],
      ['/api/stats/deaths-and-missing?format=xml', 'query.format'],
      ['/api/stats/recognition-rates?maxRate=2', 'query.maxRate'],
      ['/api/stats/arrivals?colour=blue', 'query.colour'],
    ];
    for (const [path, field] of cases) {
      const response = await get(path);
      assert.equal(response.status, 400, path);
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const problem = await response.json() as Json;
      assert.equal(problem.code, 'VALIDATION_FAILED');
      assert.ok(problem.errors.some((e: Json) => e.path === field), `${path}: ${JSON.stringify(problem.errors)}`);
    }
  });

  it('documents every statistics route in the OpenAPI document', async () => {
    const document = await (await t.call(null, 'GET', '/api/openapi.json')).json() as Json;
    const paths = Object.keys(document.paths).filter((p) => p.startsWith('/api/stats/'));
    assert.equal(paths.length, 9);
    assert.ok(document.paths['/api/stats/case-indicators/{indicator}'].get.responses['200'].content['text/csv']);
    assert.ok(document.paths['/api/stats/arrivals'].get.responses['200'].content['text/csv']);
  });
});
