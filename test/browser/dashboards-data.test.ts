/**
 * The Dashboards screen with public statistics imported: `waypoint start` on a fresh database of the
 * selected engine, its statistics folder (WAYPOINT_STATS_DIR) holding slices of the real files in
 * ../shared/data (Frontex detections 2024–2025, IOM incidents 2023–2025, UNHCR's asylum decisions of
 * 2024, Eurostat's orders to leave and returns of 2008–2016), imported by the server's first start as an
 * installation's would be. A policy analyst sees each public chart drawn, with its coverage and its
 * publisher named, and downloads a chart's figures as CSV. Skipped without Chromium or without the
 * shared data folder.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchChromium, screenshot, signInAs, SKIP_WITHOUT_CHROMIUM, visible } from '../support/browser.ts';
import { startServer, stopServer, type StartedServer } from '../support/child.ts';
import { slicer, SKIP_WITHOUT_DATA, type Slicer } from '../support/statistics.ts';
import { freshDataTarget, type DataTarget } from '../support/storage.ts';

const SKIP = SKIP_WITHOUT_CHROMIUM || SKIP_WITHOUT_DATA;

describe('the dashboards with public statistics imported', { timeout: 300_000, skip: SKIP }, () => {
  let files: Slicer;
  let target: DataTarget;
  let server: StartedServer;
  let browser: Browser;

  before(async () => {
    files = slicer();
    files.slice('frontex/frontex_ibc_detections_monthly_by_route_nationality_2009-01_2025-04.csv', { where: (l) => /^"(2024|2025)-/.test(l) });
    files.slice('iom/iom_missing_migrants_incidents_2014-01_2025-04.csv', { where: (l) => /^"(2023|2024|2025)-/.test(l) });
    files.slice('unhcr/unhcr_asylum_decisions_2000_2025.csv', { where: (l) => l.startsWith('2024,') });
    files.slice('eurostat/legacy_2017_extract/migr_eiord_ordered_to_leave_totals_2008_2016.csv');
    files.slice('eurostat/legacy_2017_extract/migr_eirtn_returned_totals_2008_2016.csv');
    target = await freshDataTarget('browser_dashboards');
    [server, browser] = await Promise.all([
      startServer({ ...target.env, WAYPOINT_DEMO: 'on', WAYPOINT_DEMO_CASES: '30', WAYPOINT_STATS_DIR: files.dir }, 180_000),
      launchChromium(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await stopServer(server);
    await target?.remove();
    files?.remove();
  });

  it('draws arrivals, recognition rates, return rates and deaths from the imported files, each with its coverage and publisher, and downloads the arrivals as CSV', async () => {
    const { page, errors } = await signInAs(browser, server.url, 'Demo policy analyst (IT)', '/dashboards');
    await visible(page.getByRole('heading', { level: 1, name: 'Dashboards' }), errors);
    const charts: Array<[string, RegExp]> = [
      ['Arrivals by route and month', /Frontex/],
      ['Recognition rates by nationality', /UNHCR/],
      ['Return rates', /Eurostat/],
      ['Deaths and missing by route', /IOM|International Organization for Migration/],
    ];
    for (const [name, publisher] of charts) {
      const region = page.getByRole('region', { name });
      await visible(region, errors);
      await region.getByRole('img', { name }).first().waitFor({ timeout: 15_000 })
        .catch(async () => assert.fail(`${name} is not drawn; the card says: ${await region.innerText()}`));
      assert.ok(await region.locator('svg rect, svg path, svg circle').count() > 0, `${name}: marks are drawn`);
      const text = await region.innerText();
      assert.doesNotMatch(text, /No data: public statistics have not been imported/, name);
      assert.match(text, publisher, `${name}: the publisher is named`);
    }
    // Coverage follows the slices: Frontex months of 2024–2025 only, IOM years 2023–2025 only.
    const arrivals = page.getByRole('region', { name: 'Arrivals by route and month' });
    assert.match(await arrivals.innerText(), /Data held: Jan 2024 to Apr 2025\./);
    const deaths = page.getByRole('region', { name: 'Deaths and missing by route' });
    assert.match(await deaths.innerText(), /Shown: 2023 to 2025\.\nData held: Jan 2023 to Apr 2025\./);

    // The arrivals' figures as CSV: a row per month and route, the source on every row.
    const [download] = await Promise.all([page.waitForEvent('download'), arrivals.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.ok(csv.length > 2, csv.join('\n'));
    assert.ok(csv.slice(1).every((line) => /^(2024|2025)-\d{2}/.test(line) && /Frontex/.test(line)), csv.slice(0, 3).join('\n'));

    await assertAccessible(page, 'dashboards with public statistics');
    await screenshot(page, 'dashboards-public-statistics');
    assert.deepEqual(errors, []);
  });
});
