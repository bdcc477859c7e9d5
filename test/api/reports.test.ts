/**
 * The monthly monitoring report of seeded partnerships (EU–Tunisia MoU, Italy–Albania Protocol) over
 * slices of the real files: HTML with every section, inline SVG charts and figures equal to the
 * indicator endpoints'; PDF that parses and carries the partnership's title; coverage notes where a
 * section has no data; 400 and 404 problem+json; the route in the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../src/domain/access/roles.ts';
import { readRegistries, REGISTRY_CHAIN } from '../../src/domain/registries/chain.ts';
import { getPartnershipMonthlyReport } from '../../src/domain/reports/get-partnership-monthly-report.ts';
import { renderReportPdf } from '../../src/domain/reports/render-pdf.ts';
import { importStatistics } from '../../src/domain/statistics/import-statistics.ts';
import { SKIP_WITHOUT_DATA, slicer } from '../support/statistics.ts';
import { ENGINE } from '../support/storage.ts';
import { startTestProduct, type TestProduct } from '../support/product.ts';
import { pdfInfo, pdfTexts } from '../support/pdf.ts';

type Json = Record<string, any>;
let t: TestProduct;
const files = slicer();
after(async () => { await t?.close(); files.remove(); });

const get = (path: string, headers: Record<string, string> = {}) => t.call('it-policy-analyst', 'GET', path, { headers });
const CENTRAL = 'Central Mediterranean Route';
/** A figure as the report writes it. */
const shown = (n: number) => Math.round(n).toLocaleString('en-GB');

async function json(path: string): Promise<Json> {
  const response = await get(path);
  assert.equal(response.status, 200, path);
  return response.json() as Promise<Json>;
}

/** The text of the table row whose header cell is `label` in the section `id`. */
function row(html: string, id: string, label: string): string[] {
  const section = html.slice(html.indexOf(`<section id="${id}"`), html.indexOf('</section>', html.indexOf(`<section id="${id}"`)));
  const match = new RegExp(`<tr><th scope="row">${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</th>(.*?)</tr>`).exec(section);
  assert.ok(match, `a row ${label} in #${id}`);
  return [...match[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!);
}

describe(`monthly partnership reports on ${ENGINE}`, { skip: SKIP_WITHOUT_DATA }, () => {
  before(async () => {
    t = await startTestProduct();
    const db = t.storage.db;
    const months = /^"(2022-(09|1[0-2])|2023-|2024-0[1-4]|2025-0[1-4]|2024-04)/;
    await importStatistics({ db, path: files.slice('frontex/frontex_ibc_detections_monthly_by_route_nationality_2009-01_2025-04.csv', { where: (l) => months.test(l) && (l.includes(CENTRAL) || l.includes('"TUN"')) }) });
    await importStatistics({ db, path: files.slice('iom/iom_missing_migrants_incidents_2014-01_2025-04.csv', { where: (l) => /^"(2022|2023|2024|2025)-/.test(l) && l.includes(CENTRAL) }) });
    await importStatistics({ db, path: files.slice('eurostat/legacy_2017_extract/migr_eiord_ordered_to_leave_by_citizenship_2012_2016.csv', { where: (l) => /^[A-Z0-9]+,[^,]*,(Tunisia|Albania),/.test(l) }) });
    await importStatistics({ db, path: files.slice('eurostat/legacy_2017_extract/migr_eirtn_returned_total_by_citizenship_2012_2016.csv', { where: (l) => /^[A-Z0-9]+,[^,]*,(Tunisia|Albania),/.test(l) }) });
    await importStatistics({ db, path: files.slice('eurostat/migr_eirtn_returned_to_third_country_by_citizenship_2014_2023.csv', { where: (l) => /,(Tunisia|Albania),/.test(l) }) });
  });

  it('reports the EU–Tunisia MoU for September 2023 in HTML, with the figures the indicator endpoints give', async () => {
    const response = await get('/api/reports/partnerships/eu-tn-mou/monthly?month=2023-09', { accept: 'text/html' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/html/);
    const html = await response.text();
    assert.match(html, /^<!doctype html><html lang="en">/);
    assert.match(html, /<h1>EU–Tunisia Memorandum of Understanding on a strategic and comprehensive partnership<\/h1>/);
    for (const id of ['partnership', 'mechanisms', 'capacity', 'flows', 'returns', 'deaths', 'funding', 'sources']) assert.match(html, new RegExp(`<section id="${id}" aria-labelledby="${id}-h">`), id);
    assert.match(html, /<svg [^>]*role="img" aria-labelledby="chart-flows-title chart-flows-desc"><title id="chart-flows-title">/);
    assert.match(html, /<svg [^>]*aria-labelledby="chart-returns-title/);

    // Flows: the month and the window equal /api/stats/arrivals on the route.
    const arrivals = await json(`/api/stats/arrivals?route=${encodeURIComponent(CENTRAL)}&from=2022-09&to=2023-09&groupBy=month`);
    const byMonth = new Map<string, number>(arrivals.items.map((i: Json) => [i.month, i.detections]));
    assert.ok(byMonth.get('2023-09')! > 10_000, 'September 2023 was a month of many arrivals in Italy');
    assert.deepEqual(row(html, 'flows', CENTRAL), ['2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09'].map((m) => shown(byMonth.get(m) ?? 0)));
    assert.match(html, new RegExp(`Detections in 2023-09: <strong>${shown(byMonth.get('2023-09')!)}</strong>`));
    const nationals = await json('/api/stats/arrivals?nationality=TN&from=2023-09&to=2023-09&groupBy=route');
    assert.deepEqual(row(html, 'flows', CENTRAL).length, 13);
    const central = nationals.items.find((i: Json) => i.route === CENTRAL)!;
    assert.ok(html.includes(`<tr><th scope="row">${CENTRAL}</th><td class="n">${shown(central.detections)}</td></tr>`), 'Tunisians on the route in the month');

    // Returns: the 2016 EU28 row equals /api/stats/return-rates.
    const returns = await json('/api/stats/return-rates?citizen=TN&geo=EU28&from=2016&to=2016');
    const eu = returns.items[0]!;
    assert.deepEqual(row(html, 'returns', '2016'), ['EU28', shown(eu.ordered), shown(eu.returned), '–', `${(eu.rate * 100).toFixed(1)} %`]);
    const later = await json('/api/stats/return-rates?citizen=TN&from=2023&to=2023');
    const third = later.items.reduce((s: number, i: Json) => s + (i.returnedThirdCountry ?? 0), 0);
    assert.deepEqual(row(html, 'returns', '2023').slice(0, 4), [`sum of ${later.items.length} countries`, '–', '–', shown(third)]);

    // Deaths: the month equals /api/stats/deaths-and-missing on IOM's route.
    const deaths = await json(`/api/stats/deaths-and-missing?route=${encodeURIComponent(CENTRAL)}&from=2023&to=2023&groupBy=month`);
    const september = deaths.items.find((i: Json) => i.month === '2023-09')!;
    assert.match(html, new RegExp(`Dead and missing in 2023-09: <strong>${shown(september.deadAndMissing)}</strong>`));
    assert.equal(row(html, 'deaths', 'Dead and missing').at(-1), shown(september.deadAndMissing));

    // Sections without data say so; the sources are listed.
    assert.match(html, /No pledge, commitment or disbursement to this partnership, its mechanisms or facilities is recorded up to 2023-09-30\./);
    assert.match(html, /No facility of this partnership&#39;s mechanisms is recorded in the registry\./);
    assert.match(html, /Source: Eurostat/);
    assert.match(html, /Frontex/);
    assert.match(html, /<a href="https:\/\/[^"]+">/, 'the partnership\'s documents');
  });

  it('reports the Italy–Albania Protocol as a PDF that parses, with its title, capacity and funding', async () => {
    const response = await get('/api/reports/partnerships/it-al-protocol/monthly?month=2025-04&format=pdf');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF\s*$/);
    assert.equal(pdfInfo(pdf, 'Title'), 'Protocol between Italy and Albania on strengthening cooperation on migration: monthly monitoring report, 2025-04');

    const asked = await get('/api/reports/partnerships/it-al-protocol/monthly?month=2025-04', { accept: 'application/pdf' });
    assert.equal(asked.headers.get('content-type'), 'application/pdf', 'PDF when the Accept header asks for it');
    const html = await (await get('/api/reports/partnerships/it-al-protocol/monthly?month=2025-04', { accept: 'application/pdf;q=0.5, text/html' })).text();
    assert.match(html, /^<!doctype html>/, 'HTML when the Accept header prefers it');
    // Gjadër: 400 places for asylum detention from 16 October 2024, 40 pre-removal places from 11 April 2025.
    const gjader = row(html, 'capacity', 'Gjadër centre (former air base)');
    assert.deepEqual([gjader[0], gjader.at(-2), gjader.at(-1)], ['–', '400', '440']);
    // Law 14/2024 Art. 6(1)(a)–(b): 31.2 + 8 + 7.3 + 1.18 million euro committed, nothing disbursed.
    assert.deepEqual(row(html, 'funding', 'EUR').slice(0, 3), ['0', '47,680,000', '0']);
    assert.match(html, /No disbursement is recorded up to 2025-04-30\./);
    assert.match(html, /the Protocol applies to persons rescued at sea by Italian authorities&#39; vessels/);
  });

  it('says what is missing for a month without data instead of failing', async () => {
    const html = await (await get('/api/reports/partnerships/eu-tn-mou/monthly?month=2030-01')).text();
    assert.match(html, /Frontex detections cover 2022-09 to 2025-04: nothing for 2030-01\./);
    assert.match(html, /IOM Missing Migrants incidents cover \d{4}-\d{2} to \d{4}-\d{2}: nothing for 2030-01\./);
    assert.match(html, /Detections in 2030-01: <strong>–<\/strong>/);
    assert.match(html, /no route|Central Mediterranean Route/);
  });

  it('refuses a bad month or route with problem+json, and an unknown partnership with 404', async () => {
    const bad = await get('/api/reports/partnerships/eu-tn-mou/monthly?month=2023-13');
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type')!, /application\/problem\+json/);
    assert.ok(((await bad.json()) as Json).errors.some((e: Json) => e.path === 'query.month'));
    const route = await get('/api/reports/partnerships/eu-tn-mou/monthly?month=2023-09&route=Atlantis');
    assert.equal(route.status, 400);
    assert.ok(((await route.json()) as Json).errors.some((e: Json) => e.path === 'query.route'));
    assert.equal((await get('/api/reports/partnerships/eu-tn-mou/monthly')).status, 400);
    assert.equal((await get('/api/reports/partnerships/no-such-partnership/monthly?month=2023-09')).status, 404);
    assert.equal((await t.call(null, 'GET', '/api/reports/partnerships/eu-tn-mou/monthly?month=2023-09')).status, 401);
  });

  it('is in the OpenAPI document with both media types', async () => {
    const doc = (await (await t.call(null, 'GET', '/api/openapi.json')).json()) as Json;
    const operation = doc.paths['/api/reports/partnerships/{id}/monthly'].get;
    assert.deepEqual(Object.keys(operation.responses['200'].content).sort(), ['application/pdf', 'text/html']);
    assert.ok(operation.parameters.some((p: Json) => p.name === 'month' && p.in === 'query'));
  });

  it('writes the sections and figures into the PDF\'s page text', async () => {
    const db = t.storage.db;
    const actor = systemActor(REGISTRY_CHAIN, 'test');
    const report = await getPartnershipMonthlyReport({ read: (w) => readRegistries(db, actor, w), db, actor, idOrKey: 'eu-tn-mou', month: '2023-09' });
    const text = pdfTexts(await renderReportPdf(report, { compress: false })).join('\n');
    assert.match(text, /EU–Tunisia Memorandum of Understanding/);
    for (const heading of ['The partnership', 'Mechanisms', 'Capacity of the facilities', 'Flows on the route', 'Returns', 'Deaths and missing on the route', 'Funding', 'Sources']) assert.ok(text.includes(heading), heading);
    assert.ok(text.includes(`Detections in 2023-09: ${shown(report.flows.month!)}`));
  });
});
