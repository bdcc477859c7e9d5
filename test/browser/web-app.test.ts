/**
 * The web app in a real browser: Playwright (playwright-core, no browser download) driving Debian's
 * Chromium against `waypoint start` on a fresh database of the engine the run selects (embedded PGlite,
 * or PostgreSQL with DATABASE_URL) with the demo caseload. Each journey signs in as a demo user of a
 * role, uses a screen by keyboard and mouse as that user would, checks it with axe-core (no serious or
 * critical violation, WCAG 2.1 A and AA rules) and saves a screenshot to
 * test-results/screenshots/<engine>/ (CI artefacts). Without /usr/bin/chromium the suite is skipped
 * with a message, so `npm test` still passes on a machine that has none; CI installs it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { assertAccessible, eventually, launchChromium, screenshot, signInAs, SKIP_WITHOUT_CHROMIUM, visible, watchErrors } from '../support/browser.ts';
import { startServer, stopServer, type StartedServer } from '../support/child.ts';
import { OIDC_RESOURCE, OIDC_USERS, startOidcProvider } from '../support/oidc-provider.ts';
import { freshDataTarget, type DataTarget } from '../support/storage.ts';

const SKIP = SKIP_WITHOUT_CHROMIUM;
/** A date on which the demo facts and registries say something (the Pact applies from 12 June 2026). */
const ON = '2026-07-15';

describe('the web app', { timeout: 300_000 }, () => {
  let target: DataTarget;
  let server: StartedServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** A fresh browser session signed in as a demo user from the sign-in page, closed after the suite. */
  async function signedIn(displayName: string, path = '/'): Promise<{ page: Page; errors: string[] }> {
    const { context, page, errors } = await signInAs(browser, server.url, displayName, path);
    contexts.push(context);
    return { page, errors };
  }

  before(async () => {
    if (SKIP) return;
    target = await freshDataTarget('browser');
    [server, browser] = await Promise.all([
      startServer({ ...target.env, WAYPOINT_DEMO: 'on' }, 120_000),
      launchChromium(),
    ]);
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stopServer(server);
    await target?.remove();
  });

  it('signs a caseworker in from a deep link, back to the screen asked for, with user, tenant and role in the header', { skip: SKIP }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/law?on=${ON}`);
    await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }), errors);
    assert.match(page.url(), /\/signin\?next=%2Flaw%3Fon%3D2026-07-15$/);
    await assertAccessible(page, 'sign-in');
    await screenshot(page, 'signin');
    // Keyboard only: the skip link comes first, then the language, then the demo users' buttons.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.getByRole('button', { name: 'Sign in as Demo caseworker (IT)' }).focus();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { level: 1, name: 'Law in force' }), errors);
    assert.equal(new URL(page.url()).search, `?on=${ON}`);
    const header = page.getByLabel('Signed-in user');
    assert.match(await header.innerText(), /Demo caseworker \(IT\)[\s\S]*Tenant:\s*IT[\s\S]*Roles:\s*caseworker/);
    // The caseworker's navigation has no Audit: the permission table does not give it to them.
    const nav = page.getByRole('navigation', { name: 'Main' });
    const links = await nav.getByRole('link').allInnerTexts();
    for (const link of ['Law in force', 'Countries']) assert.ok(links.includes(link), `${link} in ${links.join(', ')}`);
    assert.ok(!links.includes('Audit'), `no Audit in ${links.join(', ')}`);
    await page.goto(`${server.url}/audit`);
    await visible(page.getByText('Your role does not give access to this screen.'), errors);
    assert.deepEqual(errors, []);
  });

  it('shows the law in force on a date with citations, and assesses facts with findings, "because" and trace', { skip: SKIP }, async () => {
    const { page, errors } = await signedIn('Demo caseworker (IT)', `/law?on=${ON}`);
    await visible(page.getByRole('heading', { level: 3, name: 'Safe-country-of-origin presumption' }), errors);
    await visible(page.getByRole('link', { name: 'Regulation (EU) 2024/1348 Art. 61(1)' }), errors);
    await visible(page.getByRole('cell', { name: '12 weeks' }), errors);
    await assertAccessible(page, 'law');
    await screenshot(page, 'law');

    await page.getByRole('navigation', { name: 'Law' }).getByRole('link', { name: 'Assess facts' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Assess facts' }), errors);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the new screen\'s heading');
    await page.getByLabel('Include the evaluation trace').check();
    await page.getByRole('button', { name: 'Assess', exact: true }).click();
    const finding = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Safe-country-of-origin presumption — Bangladesh (BD)' }) });
    await visible(finding, errors);
    assert.match(await finding.innerText(), /Outcome: Yes[\s\S]*BD is on the Union list of safe countries of origin[\s\S]*Regulation \(EU\) 2024\/1348 Art\. 61\(1\)/);
    await visible(page.getByRole('heading', { name: 'Evaluation trace' }), errors);
    await visible(page.getByRole('cell', { name: 'End of the border procedure' }), errors);
    await assertAccessible(page, 'assess');
    await screenshot(page, 'assess');

    // A wrong field comes back from the API by path, beside its guided field, with the request id.
    await page.getByLabel(/^Nationality/).fill('ZZ');
    await page.getByRole('button', { name: 'Assess', exact: true }).click();
    await visible(page.getByText('unknown country code (ISO 3166-1 alpha-2, XX for stateless)'), errors);
    assert.equal(await page.getByLabel(/^Nationality/).getAttribute('aria-invalid'), 'true');
    await visible(page.getByText(/^Request id: [0-9a-f-]{36}/), errors);
    // Broken JSON is located before anything is sent.
    await page.getByLabel('All facts (JSON)').fill('{\n  "memberState": "IT",\n  "person": }');
    await visible(page.getByText(/cannot be read at line 3, column 13/), errors);
    assert.equal(await page.getByRole('button', { name: 'Assess', exact: true }).isDisabled(), true);
    assert.deepEqual(errors.filter((e) => !e.includes('400 (Bad Request)')), []);
  });

  it('draws the offline world map coloured by designations, reachable by keyboard, and a country\'s page with its timeline', { skip: SKIP }, async () => {
    const { page, errors } = await signedIn('Demo policy analyst (IT)', `/countries?on=${ON}`);
    const map = page.getByTestId('world-map');
    await visible(map, errors);
    assert.ok(await map.getByRole('link').count() >= 170, 'every country of the atlas with a code is a link');
    const bangladesh = map.locator('a[data-code="BD"]');
    assert.equal(await bangladesh.getAttribute('aria-label'), 'Bangladesh: On the Union list');
    assert.equal(await bangladesh.locator('path').getAttribute('fill'), '#1d4e89');
    assert.match(await map.locator('a[data-code="AL"]').getAttribute('aria-label') ?? '', /^Albania: On Member States' lists only · by DE, IT$/);
    await visible(page.getByRole('row', { name: /Bangladesh BD On the Union list/ }), errors);
    await assertAccessible(page, 'countries');
    await screenshot(page, 'countries-map');

    await page.getByLabel('Colour by').selectOption('readmission');
    await visible(page.getByRole('row', { name: /Türkiye TR Readmissions suspended · by GR/ }), errors);
    await bangladesh.waitFor();
    // Keyboard: focus a country on the map and press Enter.
    await map.locator('a[data-code="TR"]').focus();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { level: 1, name: 'Türkiye (TR)' }), errors);
    const timeline = page.getByRole('list', { name: 'Designations, oldest first' });
    await visible(timeline.getByText(/Safe third country — GR: since Jun 7, 2021/), errors);
    await visible(page.getByRole('heading', { name: 'TR suspended for returns from GR since 2020-03-01' }), errors);
    await visible(page.getByRole('heading', { name: /EU–Turkey Statement/ }), errors);
    await assertAccessible(page, 'country');
    await screenshot(page, 'country-TR');

    // Country names in any of the 24 EU languages.
    await page.goto(`${server.url}/countries?on=${ON}`);
    await page.getByLabel('Country names in').selectOption('el');
    await visible(page.getByRole('link', { name: 'Μπανγκλαντές' }), errors);
    await page.getByLabel('Country names in').selectOption('en');
    // An unknown country is the API's 404, shown with its request id, not a blank page.
    await page.goto(`${server.url}/countries/QQ`);
    await visible(page.getByText(/^Request id: /), errors);
    assert.deepEqual(errors.filter((e) => !e.includes('404 (Not Found)')), []);
  });

  it('shows the audit trail and an intact chain to an auditor; a monitor reads the trail without verifying', { skip: SKIP }, async () => {
    const { page, errors } = await signedIn('Demo auditor (IT)', '/audit');
    await visible(page.getByText('Intact'), errors);
    assert.match(await page.getByRole('region', { name: 'Chain verification' }).innerText(), /All \d+ events of IT were recomputed/);
    await visible(page.getByRole('cell', { name: 'case.opened' }), errors);
    // Filter by one case: the page is replaced by that case's events only.
    const opened = page.locator('tbody tr').filter({ has: page.getByRole('cell', { name: 'case.opened' }) }).first();
    const caseId = (await opened.locator('td:nth-child(5) code').innerText()).trim();
    await page.getByLabel('Entity type').fill('case');
    await page.getByLabel('Entity id').fill(caseId);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // (Polled from here: waitForFunction evaluates its predicate with eval, which the app's CSP forbids.)
    const ids = page.locator('tbody td:nth-child(5) code');
    await eventually(async () => {
      const shown = await ids.allInnerTexts();
      return shown.length > 0 && shown.length < 50 && shown.every((text) => text === caseId);
    }, 'only the chosen case\'s events are listed');
    await assertAccessible(page, 'audit');
    await screenshot(page, 'audit');

    const monitor = await signedIn('Demo fundamental rights monitor (IT)', '/audit');
    await visible(monitor.page.getByText('Your role may read the audit trail but not verify the chain.'), monitor.errors);
    await visible(monitor.page.getByRole('cell', { name: 'case.opened' }), monitor.errors);
    assert.deepEqual([...errors, ...monitor.errors], []);
  });

  it('switches the interface to French: strings, dates and country names follow', { skip: SKIP }, async () => {
    const { page, errors } = await signedIn('Demo caseworker (IT)', `/countries/TR?on=${ON}`);
    await visible(page.getByRole('heading', { level: 1, name: 'Türkiye (TR)' }), errors);
    await page.getByLabel('Language').selectOption('fr');
    await visible(page.getByRole('heading', { level: 1, name: 'Turquie (TR)' }), errors);
    await visible(page.getByRole('heading', { name: 'Statut au 15 juil. 2026' }), errors);
    await visible(page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Droit en vigueur' }), errors);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await assertAccessible(page, 'country (fr)');
    await screenshot(page, 'country-TR-fr');
    await page.getByRole('link', { name: 'Droit en vigueur' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Droit en vigueur' }), errors);
    await page.reload();
    await visible(page.getByRole('heading', { level: 1, name: 'Droit en vigueur' }), errors);
    assert.deepEqual(errors, []);
  });

  it('shows a stale edit as a conflict to merge, never overwriting the other person\'s save', { skip: SKIP }, async () => {
    const first = await signedIn('Demo administrator (GR)', `/countries/TR?on=${ON}`);
    const second = await signedIn('Demo administrator (GR)', `/countries/TR?on=${ON}`);
    const edit = (page: Page) => page.getByRole('button', { name: /^Edit the note of TR suspended for returns from GR/ });
    for (const { page, errors } of [first, second]) {
      await visible(edit(page), errors);
      await edit(page).click();
    }
    await first.page.getByLabel('Note', { exact: true }).fill('Checked with the Greek asylum service.');
    await first.page.getByLabel(/^Reason for the change/).fill('review');
    await first.page.getByRole('button', { name: 'Save the note' }).click();
    await visible(first.page.getByText('Checked with the Greek asylum service.'), first.errors);

    await second.page.getByLabel('Note', { exact: true }).fill('Suspension confirmed by the Commission.');
    await second.page.getByLabel(/^Reason for the change/).fill('review');
    await second.page.getByRole('button', { name: 'Save the note' }).click();
    const conflict = second.page.getByRole('region', { name: 'Somebody changed this record while you were editing it' });
    await visible(conflict, second.errors);
    assert.match(await conflict.innerText(), /gr-administrator saved a newer version/);
    await visible(conflict.getByText('Checked with the Greek asylum service.'), second.errors);
    await assertAccessible(second.page, 'conflict');
    await screenshot(second.page, 'conflict');
    await conflict.getByRole('radio', { name: 'Suspension confirmed by the Commission.' }).check();
    await conflict.getByRole('button', { name: 'Save the merged version' }).click();
    await visible(second.page.getByText('Suspension confirmed by the Commission.'), second.errors);
    assert.deepEqual(first.errors, []);
    assert.deepEqual(second.errors.filter((e) => !e.includes('412 (Precondition Failed)')), []);
  });

  it('works a caseworker\'s queue and case: deadline badges, bulk flags, findings with citations, a step with reasons in the history, four eyes, no other Member State', { skip: SKIP }, async () => {
    const { page, errors } = await signedIn('Demo caseworker (IT)', '/queue');
    await visible(page.getByRole('heading', { level: 1, name: 'My queue' }), errors);
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My queue' }).getAttribute('aria-current'), 'page');
    await page.getByLabel('Assigned to').selectOption('me');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(async () => page.url().endsWith('/queue?assignedTo=me'), 'the filter is in the address');
    const rows = page.locator('tbody tr');
    await visible(rows.first().getByRole('link', { name: /^IT-2026-\d{6}$/ }), errors);
    // Most urgent first: the first row keeps a deadline, with its days left in words beside the colour.
    const firstBadge = rows.first().locator('[data-urgency]');
    assert.match(await firstBadge.innerText(), /^(\d+ days left|Due today|Passed \d+ days ago)$/);
    assert.match(await rows.first().innerText(), /Admissibility decision|Registration|Lodging/);
    assert.ok((await page.getByRole('status').first().innerText()).startsWith('25 cases on page 1'), 'a page of 25');
    await page.getByRole('button', { name: 'Next page' }).click();
    await visible(page.getByText(/cases on page 2\./), errors);
    // Cases without a running deadline come after those with one (the demo's caseworker has more than a page of those).
    await visible(page.getByText('No deadline running'), errors);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await visible(page.getByText('25 cases on page 1.'), errors);

    // Bulk: flag the two most urgent cases; every record gets its own result.
    const references = [await rows.nth(0).getByRole('link').innerText(), await rows.nth(1).getByRole('link').innerText()];
    for (const reference of references) await page.getByLabel(`Select case ${reference}`).check();
    await page.getByLabel('Flag', { exact: true }).selectOption('priority');
    await page.getByLabel('Reason (recorded in the audit trail)').fill('Monday triage');
    await page.getByRole('button', { name: 'Apply to 2 selected cases' }).click();
    await visible(page.getByText('2 cases: 2 done (2 changed), 0 refused, 0 not found.'), errors);
    const results = page.getByRole('table', { name: 'Result for each case' });
    for (const reference of references) assert.match(await results.getByRole('row', { name: new RegExp(reference) }).innerText(), /Done\s+changed/);
    await assertAccessible(page, 'queue');
    await screenshot(page, 'queue');

    // Keyboard: open the most urgent case waiting for the choice of its procedure.
    await page.getByLabel('Stage').selectOption('application-lodged');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(async () => page.url().includes('stage=application-lodged') && (await rows.first().innerText()).includes('Application lodged'), 'the stage filter is applied');
    const reference = await rows.first().getByRole('link').innerText();
    await rows.first().getByRole('link').focus();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { level: 1, name: `Case ${reference}` }), errors);
    const caseUrl = new URL(page.url()).pathname;
    assert.match(caseUrl, /^\/cases\/[0-9a-f-]{36}$/);
    await visible(page.getByRole('heading', { level: 2, name: 'The person' }), errors);
    await visible(page.getByText('Your reading of these data is recorded in the access log.'), errors);
    const finding = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Accelerated procedure required' }) });
    await visible(finding, errors);
    assert.match(await finding.innerText(), /Outcome: Yes[\s\S]*Because[\s\S]*safe country of origin/);
    const citation = finding.getByRole('link', { name: 'Regulation (EU) 2024/1348 Art. 42(1)' });
    assert.match(await citation.getAttribute('href') ?? '', /^https:\/\/eur-lex\.europa\.eu\//);
    // Refused steps say why, with the law's reasons.
    const notNow = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Examine in the regular procedure/ }) });
    assert.match(await notNow.innerText(), /The law does not permit it: accelerated-procedure is yes/);

    await page.getByLabel('Step', { exact: true }).selectOption('examine-in-accelerated-procedure');
    await page.getByLabel('Reason', { exact: true }).fill('National of a safe country of origin: examined in the accelerated procedure');
    await page.getByRole('button', { name: 'Take the step' }).focus();
    await page.keyboard.press('Enter');
    await visible(page.getByText('Step taken: Examine in the accelerated procedure. The case is now at: Accelerated procedure.'), errors);
    const history = page.getByRole('table', { name: /^Changes to the case from the audit trail/ });
    await visible(history.getByRole('row', { name: /National of a safe country of origin/ }), errors);
    assert.match(await history.getByRole('row', { name: /National of a safe country of origin/ }).innerText(), /it-caseworker[\s\S]*Application lodged → Accelerated procedure/);

    // A decision needs four eyes: proposed by the caseworker, approved by a supervisor.
    await page.getByLabel('Step', { exact: true }).selectOption('reject-application');
    await page.getByLabel('Reason', { exact: true }).fill('No well-founded fear established at the interview');
    await page.getByRole('button', { name: 'Propose for approval' }).click();
    await visible(page.getByText('Proposed: Reject the application on the merits. It waits for a supervisor\'s approval.'), errors);
    const pending = page.getByRole('region', { name: 'Waiting for approval (four eyes)' });
    assert.match(await pending.innerText(), /You may not approve or reject it/);
    await assertAccessible(page, 'case');
    await screenshot(page, 'case');

    const supervisor = await signedIn('Demo supervisor (IT)', caseUrl);
    const approval = supervisor.page.getByRole('region', { name: 'Waiting for approval (four eyes)' });
    await visible(approval, supervisor.errors);
    assert.match(await approval.innerText(), /it-caseworker proposed "Reject the application on the merits"/);
    await approval.getByLabel('Reason for your decision (recorded in the audit trail)').fill('Interview record reviewed: the rejection stands');
    await approval.getByRole('button', { name: 'Approve' }).click();
    await visible(supervisor.page.getByText('Step taken: Reject the application on the merits. The case is now at: Decided.'), supervisor.errors);
    await visible(supervisor.page.getByRole('row', { name: /Interview record reviewed/ }), supervisor.errors);
    await assertAccessible(supervisor.page, 'case (supervisor)');

    // A step on a stale version is shown as a conflict and overwrites nothing.
    const stale = await signedIn('Demo supervisor (IT)', caseUrl);
    await visible(stale.page.getByLabel('Step', { exact: true }), stale.errors);
    await supervisor.page.getByLabel('Step', { exact: true }).selectOption('lodge-appeal');
    await supervisor.page.getByLabel('Reason', { exact: true }).fill('Appeal lodged with the court');
    await supervisor.page.getByRole('button', { name: 'Take the step' }).click();
    await visible(supervisor.page.getByText('Step taken: Record an appeal against the decision. The case is now at: Appeal.'), supervisor.errors);
    await stale.page.getByLabel('Step', { exact: true }).selectOption('issue-return-decision');
    await stale.page.getByLabel('Reason', { exact: true }).fill('Rejected: return decision');
    await stale.page.getByRole('button', { name: 'Propose for approval' }).click();
    const conflict = stale.page.getByRole('region', { name: 'Somebody changed this record while you were editing it' });
    await visible(conflict, stale.errors);
    assert.match(await conflict.getByRole('row', { name: /stage/ }).innerText(), /stage\s+appeal\s+return-decision/);
    await assertAccessible(stale.page, 'case (stale step)');
    await conflict.getByRole('button', { name: 'Save the merged version' }).click();
    await eventually(async () => (await stale.page.locator('dl.facts dd strong').allInnerTexts()).join() === 'Appeal', 'the case shows the other person\'s step');
    assert.equal(await stale.page.getByRole('region', { name: 'Waiting for approval (four eyes)' }).count(), 0, 'nothing was proposed');
    assert.deepEqual(stale.errors.filter((e) => !/(409 \(Conflict\)|412 \(Precondition Failed\))/.test(e)), []);

    // Another Member State's caseworker gets the API's answer, not the case.
    const greek = await signedIn('Demo caseworker (GR)', caseUrl);
    await visible(greek.page.getByText('Not found', { exact: true }), greek.errors);
    await visible(greek.page.getByText(/^Request id: /), greek.errors);
    assert.equal(await greek.page.getByText(reference).count(), 0, 'nothing of the Italian case is shown');
    assert.deepEqual([...errors, ...supervisor.errors], []);
    assert.deepEqual(greek.errors.filter((e) => !e.includes('404 (Not Found)')), []);
  });

  it('lists the partnerships with a map of partners, and opens the Italy–Albania Protocol: phase, gates, mechanisms, facility capacity, funding and the monthly report', { skip: SKIP }, async () => {
    const { page, errors } = await signedIn('Demo partnership officer (IT)', `/partnerships?on=${ON}`);
    await visible(page.getByRole('heading', { level: 1, name: 'Partnerships' }), errors);
    assert.ok((await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).includes('Partnerships'));
    const map = page.getByTestId('world-map');
    await visible(map, errors);
    assert.match(await map.locator('a[data-code="AL"]').getAttribute('aria-label') ?? '', /^Albania: In effect \(implementation, monitoring\) · Protocol between Italy and Albania/);
    assert.equal(await map.locator('a[data-code="AL"] path').getAttribute('fill'), '#1f7a4d');
    const row = page.getByRole('row', { name: /Protocol between Italy and Albania on strengthening cooperation on migration Albania AL Protocol Central Mediterranean Route Implementation/ });
    await visible(row, errors);
    await visible(page.getByRole('heading', { level: 3, name: 'Central Mediterranean Route' }), errors);
    await assertAccessible(page, 'partnerships');
    await screenshot(page, 'partnerships');

    // Keyboard: the partnership's link in the table, then Enter.
    await row.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { level: 1, name: 'Protocol between Italy and Albania on strengthening cooperation on migration' }), errors);
    assert.equal(new URL(page.url()).pathname, '/partnerships/it-al-protocol');
    assert.match(await page.getByTestId('current-phase').innerText(), /Phase on Jul 15, 2026: Implementation, since Oct 16, 2024\./);
    const gates = page.getByRole('table', { name: 'Gate checklist' });
    await visible(gates.getByRole('row', { name: /Partner's consent recorded Done on Nov 6, 2023/ }), errors);
    await visible(gates.getByRole('row', { name: /Legal review Not done · needed for Monitoring/ }), errors);
    await visible(page.getByText('To move to Monitoring, still missing: Legal review, Fundamental-rights impact assessment, Monitoring body designated.'), errors);
    await visible(page.getByRole('heading', { level: 3, name: /^Italy–Albania offshore processing/ }), errors);
    const facilities = page.getByRole('table', { name: 'Facilities' });
    await visible(facilities.getByRole('row', { name: /Gjadër centre \(former air base\).*440 places.*40 persons on Apr 11, 2025/ }), errors);
    await visible(facilities.getByRole('row', { name: /Shëngjin.*No capacity recorded.*Occupancy not reported/ }), errors);
    await visible(page.getByRole('region', { name: 'Monitoring and human rights' }).getByText('None designated'), errors);
    // The monthly report, fetched with the bearer token and saved as a file.
    assert.equal(await page.getByLabel('Month', { exact: true }).inputValue(), '2026-06');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the report (HTML)' }).click()]);
    assert.equal(download.suggestedFilename(), 'waypoint-it-al-protocol-2026-06.html');
    assert.match(readFileSync((await download.path())!, 'utf8'), /Gjadër/);
    await visible(page.getByText('Report downloaded: waypoint-it-al-protocol-2026-06.html'), errors);
    await assertAccessible(page, 'partnership');
    await screenshot(page, 'partnership');

    // A one-to-one mechanism shows the shared 1:1 ledger with its cap.
    await page.goto(`${server.url}/partnerships/eu-tr-statement?on=${ON}`);
    const ledger = page.getByRole('group', { name: '1:1 ledger' });
    await visible(ledger.getByText(/^72,000: /), errors);
    assert.deepEqual(errors, []);
  });

  it('runs the simulator: a shipped scenario with a changed knob is recorded, its progress shown, and its failure explained when no statistics are configured', { skip: SKIP }, async () => {
    const { page, errors } = await signedIn('Demo policy analyst (IT)', '/simulator');
    await visible(page.getByRole('heading', { level: 1, name: 'Simulator' }), errors);
    await visible(page.getByRole('heading', { level: 2, name: 'Recorded simulations' }), errors);
    await page.getByLabel('Scenario', { exact: true }).selectOption('return-hub-3000');
    await visible(page.getByRole('note').getByText(/assumes readings of the law beyond the law package as encoded: return-hubs-under-return-regulation/), errors);
    const places = page.getByLabel(/^Places held at once — change 2/);
    assert.equal(await places.inputValue(), '3000');
    await places.fill('-5');
    await visible(page.getByText('Between 0 and 1,000,000'), errors);
    assert.equal(await page.getByRole('button', { name: 'Start the simulation' }).isDisabled(), true);
    await places.fill('5000');
    await page.getByLabel('Monte Carlo runs').fill('2');
    await page.getByRole('button', { name: 'Start the simulation' }).click();
    const shown = page.getByTestId('simulation');
    await visible(shown.getByRole('heading', { level: 2, name: /A return hub of 3,000 places in Uganda.*\(adjusted\)/ }), errors);
    assert.match(new URL(page.url()).search, /^\?id=[0-9a-f-]{36}$/);
    // The test server runs without statistics (WAYPOINT_STATS_DIR=off): the run fails and says why.
    await visible(shown.getByTestId('simulation-error'), errors, 30_000);
    assert.match(await shown.getByTestId('simulation-error').innerText(), /no statistics folder is configured \(WAYPOINT_STATS_DIR\)/);
    await visible(page.getByRole('row', { name: /\(adjusted\) Failed 2/ }), errors);
    await assertAccessible(page, 'simulator');
    await screenshot(page, 'simulator');

    // A caseworker may not run simulations: no Simulator in the navigation.
    const caseworker = await signedIn('Demo caseworker (IT)');
    assert.ok(!(await caseworker.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).includes('Simulator'));
    assert.deepEqual([...errors, ...caseworker.errors], []);
  });

  it('shows a policy analyst the dashboards: deadline compliance from the demo cases drawn with its table, coverage and sources, "no data" said plainly, and the CSV downloaded', { skip: SKIP }, async () => {
    const { page, errors } = await signedIn('Demo policy analyst (IT)', '/dashboards');
    await visible(page.getByRole('heading', { level: 1, name: 'Dashboards' }), errors);
    await visible(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboards' }), errors);
    // The demo caseload's deadlines (Italy's, the analyst's own Member State) are drawn from the case-data indicator.
    const compliance = page.getByRole('region', { name: 'Deadline compliance' });
    await visible(compliance.getByRole('img', { name: 'Deadline compliance' }), errors);
    assert.ok(await compliance.locator('svg.dash-svg rect[fill="#0072B2"], svg.dash-svg rect[stroke="#0072B2"], svg.dash-svg rect[fill="#AA4499"]').count() > 0, 'bars are drawn');
    // An Italian analyst sees Italy's figures only (the Commission's would choose among the Member States).
    assert.match(await compliance.innerText(), /authorities in Italy \(IT\)/);
    assert.equal(await compliance.getByLabel('Member State').count(), 0);
    assert.match(await compliance.innerText(), /Source: Waypoint case data/);
    // Without imported public statistics (the test server imports none) the other charts say so instead of drawing.
    for (const chart of ['Arrivals by route and month', 'Recognition rates by nationality', 'Return rates', 'Deaths and missing by route', 'Visa suspension monitor']) {
      await visible(page.getByRole('region', { name: chart }).getByText(/No data: public statistics have not been imported/), errors);
    }
    // The table alternative, opened by keyboard.
    await compliance.getByText('Table: Deadline compliance').focus();
    await page.keyboard.press('Enter');
    const table = compliance.getByRole('table', { name: 'Deadline compliance' });
    await visible(table, errors);
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Month', 'Met on time', 'Met late', 'Missed', 'Open past their day', 'Open, not yet due']);
    const rows = await table.locator('tbody tr').count();
    assert.ok(rows > 0);
    // The CSV download, from the keyboard: a row per month, a column per outcome, the source on each row.
    const [download] = await Promise.all([page.waitForEvent('download'), compliance.getByRole('button', { name: 'Download CSV' }).press('Enter')]);
    assert.equal(download.suggestedFilename(), 'waypoint-compliance.csv');
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(csv[0], 'Month,Met on time,Met late,Missed,Open past their day,"Open, not yet due",source');
    assert.equal(csv.length, rows + 1);
    assert.ok(csv.slice(1).every((line) => /^\d{4}-\d{2},/.test(line) && line.includes('Source: Waypoint case data')), csv.slice(0, 3).join('\n'));
    const [svg] = await Promise.all([page.waitForEvent('download'), compliance.getByRole('button', { name: 'Download SVG' }).click()]);
    assert.match(readFileSync(await svg.path(), 'utf8'), /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>.*<title[^>]*>Deadline compliance<\/title>/s);
    const [png] = await Promise.all([page.waitForEvent('download'), compliance.getByRole('button', { name: 'Download PNG' }).click()]);
    assert.deepEqual([...readFileSync(await png.path()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    await assertAccessible(page, 'dashboards');
    await screenshot(page, 'dashboards');
    assert.deepEqual(errors, []);
  });

  it('signs a supervisor in through the organisation\'s OpenID Connect provider (a real redirect, PKCE, back to the queue asked for), says plainly why when it does not, renews expired access tokens with the refresh token, and signs out at the provider too', { skip: SKIP }, async () => {
    // Waypoint's port is chosen first: the provider registers the web app's redirect address, and
    // Waypoint discovers the provider when it starts.
    const port = await new Promise<number>((resolve) => {
      const probe = createNetServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const appUrl = `http://127.0.0.1:${port}`;
    // Access tokens of a few seconds, so that the test outlives some (Keycloak's default is five minutes),
    // issued for Waypoint's API only to requests that name it (RFC 8707).
    const accessTokenTtl = 4;
    const op = await startOidcProvider({ appUrl, accessTokenTtl, requireResource: true });
    const oidcTarget = await freshDataTarget('browser_oidc');
    let oidcServer: StartedServer | undefined;
    try {
      oidcServer = await startServer({
        ...oidcTarget.env, PORT: String(port), WAYPOINT_DEMO: 'on', WAYPOINT_DEMO_CASES: '60',
        WAYPOINT_OIDC_ISSUER: op.issuer, WAYPOINT_OIDC_CLIENT_ID: op.clientId, WAYPOINT_OIDC_SCOPE: 'openid profile', WAYPOINT_OIDC_RESOURCE: OIDC_RESOURCE,
      }, 120_000);
      assert.equal(oidcServer.url, appUrl);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      contexts.push(context);
      const page = await context.newPage();
      const errors = watchErrors(page);
      const signInButton = page.getByRole('button', { name: 'Sign in with your organisation\'s account' });
      const providerHeading = page.getByRole('heading', { level: 1, name: 'Test provider sign-in' });

      await page.goto(`${appUrl}/queue`);
      await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }), errors);
      await visible(signInButton, errors);
      assert.equal(await page.getByRole('button', { name: /^Sign in as / }).count(), 0, 'no demo users beside an organisation\'s provider');
      await assertAccessible(page, 'sign-in with a provider');
      await screenshot(page, 'signin-oidc');

      // The redirect: Authorization Code with PKCE (S256), state and nonce, to the provider's authorization endpoint.
      const [authorization] = await Promise.all([page.waitForRequest((r) => r.url().startsWith(`${op.issuer}/auth?`)), signInButton.click()]);
      const asked = new URL(authorization.url()).searchParams;
      assert.deepEqual([asked.get('response_type'), asked.get('client_id'), asked.get('redirect_uri'), asked.get('scope'), asked.get('code_challenge_method'), asked.get('resource')],
        ['code', op.clientId, `${appUrl}/signin/callback`, 'openid profile', 'S256', OIDC_RESOURCE]);
      for (const name of ['state', 'nonce', 'code_challenge']) assert.match(asked.get(name) ?? '', /^[A-Za-z0-9_-]{43}$/, name);
      await visible(providerHeading, errors);

      // Cancelled at the provider: back on the sign-in screen, told so, with the screen asked for kept.
      await page.getByRole('button', { name: 'Cancel' }).click();
      await visible(page.getByText('Sign-in was cancelled or refused at your identity provider. You are not signed in.'), errors);
      await visible(page.getByText('The user cancelled the sign-in'), errors);
      assert.equal(page.url(), `${appUrl}/signin?next=%2Fqueue`, 'no code, state or error left in the address');

      // An answer that is not this tab's sign-in (a forged or replayed state) is not used.
      await signInButton.click();
      await visible(providerHeading, errors);
      await page.goto(`${appUrl}/signin/callback?code=stolen-code&state=forged-state`);
      await visible(page.getByText('The answer from the identity provider does not belong to a sign-in started in this tab, so it was not used. Start again.'), errors);
      assert.equal(page.url(), `${appUrl}/signin?next=%2Fqueue`);
      assert.ok(!op.requests.includes('POST /token'), 'the forged code was never exchanged');
      await assertAccessible(page, 'sign-in failure');

      // A wrong password is the provider's business; the right one brings the user back, signed in, to the queue.
      await signInButton.click();
      await visible(providerHeading, errors);
      await page.getByLabel('User name').fill('maria.rossi');
      await page.getByLabel('Password').fill('wrong');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await visible(page.getByText('Wrong user name or password.'), errors);
      await page.getByLabel('User name').fill('maria.rossi');
      await page.getByLabel('Password').fill(OIDC_USERS['maria.rossi']!.password);
      const [exchange] = await Promise.all([
        page.waitForRequest((r) => r.url() === `${op.issuer}/token` && r.method() === 'POST'),
        page.getByRole('button', { name: 'Sign in', exact: true }).click(),
      ]);
      const sent = new URLSearchParams(exchange.postData() ?? '');
      assert.equal(sent.get('grant_type'), 'authorization_code');
      assert.match(sent.get('code_verifier') ?? '', /^[A-Za-z0-9_-]{43}$/, 'the PKCE verifier goes with the code');
      assert.equal(sent.get('client_secret'), null, 'a public client has no secret');
      assert.equal(sent.get('resource'), OIDC_RESOURCE, 'the resource indicator is named again in the exchange');
      await visible(page.getByRole('heading', { level: 1, name: 'My queue' }), errors);
      assert.equal(page.url(), `${appUrl}/queue`, 'back to the screen asked for, no code in the address');
      assert.match(await page.getByLabel('Signed-in user').innerText(), /Maria Rossi[\s\S]*Tenant:\s*IT[\s\S]*Roles:\s*supervisor/);
      await visible(page.locator('tbody tr').first().getByRole('link', { name: /^IT-\d{4}-\d{6}$/ }), errors);
      // The session keeps the provider's own access token, as a demo sign-in keeps the demo issuer's,
      // and its refresh token.
      const kept = () => page.evaluate(() => ({ token: window.sessionStorage.getItem('waypoint.token')!, refresh: window.sessionStorage.getItem('waypoint.refresh') }));
      const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      const first = await kept();
      const claims = claimsOf(first.token);
      assert.deepEqual([claims.iss, claims.aud, claims.sub, claims.waypoint_tenant], [op.issuer, 'waypoint', 'maria.rossi', 'IT']);
      assert.equal(Number(claims.exp) - Number(claims.iat), accessTokenTtl);
      const firstGrant = JSON.parse(first.refresh ?? 'null') as { refreshToken: string; clientId: string } | null;
      assert.equal(firstGrant?.clientId, op.clientId, 'the refresh token is kept with the client it was issued to');
      await assertAccessible(page, 'queue after a provider sign-in');
      await screenshot(page, 'queue-oidc');

      // Once the access token has expired, the API answers 401; the web app trades the refresh token for a
      // new access token and sends the call again. The user stays where they were, told of nothing.
      const refreshRequest = (request: { url(): string; method(): string; postData(): string | null }) =>
        request.url() === `${op.issuer}/token` && request.method() === 'POST' && new URLSearchParams(request.postData() ?? '').get('grant_type') === 'refresh_token';
      const waitUntilExpired = (token: string) => sleep(Math.max(0, Number(claimsOf(token).exp) * 1000 - Date.now() + 1100));
      /** Takes the expected failed loads out of the page's console errors, and says how many there were. */
      const expectedFailures = (pattern: RegExp) => {
        const matching = errors.filter((e) => pattern.test(e));
        errors.splice(0, errors.length, ...errors.filter((e) => !pattern.test(e)));
        return matching.length;
      };
      const current = await kept();
      await waitUntilExpired(current.token);
      const [renewal] = await Promise.all([page.waitForRequest(refreshRequest), page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Countries' }).click()]);
      assert.equal(new URLSearchParams(renewal.postData() ?? '').get('refresh_token'), (JSON.parse(current.refresh!) as { refreshToken: string }).refreshToken);
      assert.equal(new URLSearchParams(renewal.postData() ?? '').get('resource'), OIDC_RESOURCE);
      await visible(page.getByRole('row', { name: /^Bangladesh BD / }), errors);
      await eventually(async () => (await kept()).token !== current.token, 'the renewed token is kept');
      const renewed = await kept();
      assert.ok(Number(claimsOf(renewed.token).exp) > Number(claimsOf(current.token).exp), 'a later expiry');
      assert.notEqual((JSON.parse(renewed.refresh!) as { refreshToken: string }).refreshToken, (JSON.parse(current.refresh!) as { refreshToken: string }).refreshToken, 'the provider rotated the refresh token');
      assert.ok(expectedFailures(/status of 401/) >= 1, 'the expired token was refused before the renewal');
      assert.equal(new URL(page.url()).pathname, '/countries', 'still where the user went, not sent to sign in');
      // A reload with an expired token is renewed the same way.
      await waitUntilExpired(renewed.token);
      await Promise.all([page.waitForRequest(refreshRequest), page.reload()]);
      await visible(page.getByRole('row', { name: /^Bangladesh BD / }), errors);
      assert.match(await page.getByLabel('Signed-in user').innerText(), /Maria Rossi/);
      expectedFailures(/status of 401/);

      // Signing out ends Waypoint's session and the provider's (RP-Initiated Logout), then comes back.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Sign out of the test provider' }), errors);
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }), errors);
      assert.equal(new URL(page.url()).pathname, '/signin');
      assert.deepEqual(await page.evaluate(() => [window.sessionStorage.getItem('waypoint.token'), window.sessionStorage.getItem('waypoint.refresh')]), [null, null]);

      // A refresh token the provider refuses (here, one already used: rotated out) ends the session
      // when the access token expires: back to sign in, told the session has ended.
      await signInButton.click();
      await visible(providerHeading, errors);
      await page.getByLabel('User name').fill('maria.rossi');
      await page.getByLabel('Password').fill(OIDC_USERS['maria.rossi']!.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await visible(page.getByLabel('Signed-in user'), errors);
      const again = await kept();
      await page.evaluate((used) => {
        const grant = JSON.parse(window.sessionStorage.getItem('waypoint.refresh')!) as Record<string, unknown>;
        window.sessionStorage.setItem('waypoint.refresh', JSON.stringify({ ...grant, refreshToken: used }));
      }, firstGrant!.refreshToken);
      await waitUntilExpired(again.token);
      const [refused] = await Promise.all([page.waitForResponse((response) => refreshRequest(response.request())), page.reload()]);
      assert.equal(refused.status(), 400);
      await visible(page.getByText('Your session has ended. Sign in again to continue.'), errors);
      assert.deepEqual(await page.evaluate(() => [window.sessionStorage.getItem('waypoint.token'), window.sessionStorage.getItem('waypoint.refresh')]), [null, null]);
      expectedFailures(/status of (401|400)/);
      assert.deepEqual(errors, []);
    } finally {
      await stopServer(oidcServer);
      await op.close();
      await oidcTarget.remove();
    }
  });

  it('shows every finding of a case on a date the user picks, grouped by question, with linked citations, rule versions and the law pinned, and names the steps in French', { skip: SKIP }, async () => {
    // A case of its own, whatever the demo caseload holds: a Tunisian applicant who crossed Libya and
    // stayed in Türkiye, the application made on the Pact's first day, opened and moved through the API.
    const token = ((await (await fetch(`${server.url}/oidc/demo-token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'it-caseworker' }),
    })).json()) as { access_token: string }).access_token;
    const call = async (method: string, path: string, body: unknown, version?: number) => {
      const response = await fetch(`${server.url}${path}`, {
        method, body: JSON.stringify(body),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(version ? { 'if-match': `"${version}"` } : {}) },
      });
      assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
      return response.json() as Promise<Record<string, any>>;
    };
    const opened = await call('POST', '/api/cases', { kind: 'asylum', person: { givenNames: 'Amine', familyName: 'Trabelsi', nationality: 'TN', birthDate: '1994-02-03', sex: 'M' } });
    let version = opened.version as number;
    for (const [transition, on] of [['make-application', '2026-06-12'], ['register-application', '2026-06-13'], ['lodge-application', '2026-06-20']]) {
      version = (await call('POST', `/api/cases/${opened.id}/transitions`, { transition, on, reason: 'browser journey' }, version)).case.version;
    }
    await call('PATCH', `/api/cases/${opened.id}`, { facts: { journey: { transits: [{ country: 'LY', days: 30 }], stays: [{ country: 'TR', months: 8 }] } }, reason: 'interview' }, version);

    const { page, errors } = await signedIn('Demo caseworker (IT)', `/cases/${opened.id}`);
    await visible(page.getByRole('heading', { level: 1, name: `Case ${opened.reference}` }), errors);
    const lawSays = page.getByRole('region', { name: 'What the law says', exact: true });
    for (const family of ['Access and procedure', 'Admissibility', 'Removal and transfers']) {
      await visible(lawSays.getByRole('heading', { level: 3, name: family, exact: true }), errors);
    }
    const stc = lawSays.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 4, name: /^Inadmissible: safe third country — .*\(TR\)$/ }) });
    assert.match(await stc.innerText(), /Outcome: \w+[\s\S]*Legal basis[\s\S]*Rule stc-inadmissibility, version in force since/);
    const links = lawSays.locator('a[href^="https://eur-lex.europa.eu/"]');
    assert.ok(await links.count() >= 1, 'citations linked to their source');
    const accelerated = lawSays.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 4, name: 'Accelerated procedure required' }) });
    await visible(accelerated.getByText(/^Next steps that depend on it: .*Examine in the accelerated procedure/), errors);
    assert.match(await lawSays.innerText(), /Answered under law package [0-9a-f]{12}, engine [0-9a-f]{12}/);
    await assertAccessible(page, 'case findings');
    await screenshot(page, 'case-findings');

    // Another date, kept in the address: before the application was made, the engine says why it cannot answer.
    await lawSays.getByLabel('Apply the law in force on').fill('2026-06-01');
    await eventually(async () => page.url().endsWith(`/cases/${opened.id}?on=2026-06-01`), 'the date is in the address');
    await visible(lawSays.getByRole('alert').getByText('application.madeOn'), errors);
    await visible(lawSays.getByText('The law engine answered no question on this date.'), errors);
    await lawSays.getByLabel('Apply the law in force on').fill('2026-07-15');
    await visible(lawSays.getByRole('heading', { level: 3, name: 'Admissibility', exact: true }), errors);
    assert.equal(await lawSays.getByRole('alert').count(), 0);

    // In French, the findings and the steps — offered in the form or refused with why, and in the history — are named in French.
    await page.getByLabel('Language').selectOption('fr');
    await visible(page.getByRole('heading', { level: 2, name: 'Ce que dit le droit', exact: true }), errors);
    await visible(page.getByRole('heading', { level: 3, name: 'Accès et procédure', exact: true }), errors);
    const steps = page.getByRole('region', { name: 'Prochaines étapes', exact: true });
    await eventually(async () => /Examiner en procédure accélérée/.test(await steps.textContent() ?? ''), 'the steps are named in French');
    assert.doesNotMatch(await steps.textContent() ?? '', /Examine in the accelerated procedure/);
    await visible(page.getByRole('row', { name: /Enregistrer l'introduction de la demande/ }), errors);
    await assertAccessible(page, 'case findings (fr)');
    assert.deepEqual(errors, []);
  });

  it('gives a Frontex officer the agency\'s own queue and the Member States\' compliance figures, and no Member State\'s case by URL', { skip: SKIP }, async () => {
    // An Italian case, opened through the API as the Italian caseworker would.
    const token = ((await (await fetch(`${server.url}/oidc/demo-token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'it-caseworker' }),
    })).json()) as { access_token: string }).access_token;
    const response = await fetch(`${server.url}/api/cases`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'return', person: { givenNames: 'Karim', familyName: 'Haddad', nationality: 'MA', birthDate: '1990-09-09', sex: 'M' } }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    const italian = await response.json() as { id: string; reference: string };

    const { page, errors } = await signedIn('Demo Frontex return officer', '/queue');
    await visible(page.getByRole('heading', { level: 1, name: 'My queue' }), errors);
    const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
    for (const link of ['My queue', 'Dashboards', 'Law in force', 'Countries']) assert.ok(links.includes(link), `${link} in ${links.join(', ')}`);
    for (const link of ['Audit', 'Simulator']) assert.ok(!links.includes(link), `no ${link} in ${links.join(', ')}`);
    // The agency holds no case of its own yet: its queue says so; no Member State's case is listed.
    await visible(page.getByText('No open case matches.'), errors);
    assert.equal(await page.getByText(italian.reference).count(), 0);
    await assertAccessible(page, 'queue (agency officer)');
    await screenshot(page, 'queue-agency-officer');

    // Dashboards: the case-data indicators across the Member States the agency supports, small cells suppressed.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboards' }).click();
    const compliance = page.getByRole('region', { name: 'Deadline compliance' });
    await visible(compliance.getByRole('img', { name: 'Deadline compliance' }), errors);
    assert.match(await compliance.innerText(), /Source: Waypoint case data/);

    // The Italian case by its address: the API's 404, nothing of the case.
    await page.goto(`${server.url}/cases/${italian.id}`);
    await visible(page.getByText('Not found', { exact: true }), errors);
    assert.equal(await page.getByText(italian.reference).count(), 0, 'nothing of the Italian case is shown');
    assert.deepEqual(errors.filter((e) => !e.includes('404 (Not Found)')), []);
  });

  it('still renders the API reference with Swagger UI at /api/docs', { skip: SKIP }, async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/api/docs`);
    await visible(page.getByText('Open a case', { exact: true }), errors, 30_000);
    assert.ok(await page.getByRole('heading', { name: /Waypoint API/ }).count() > 0, 'the document title is shown');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
