/**
 * The demo sign-in and the API reference in a real browser: Playwright (playwright-core, no browser
 * download) driving Debian's Chromium against `waypoint start` on a temporary data folder. Without
 * /usr/bin/chromium the suite is skipped with a message, so `npm test` still passes on a machine that
 * has none; CI installs it (`apt-get install -y chromium`).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startServer, type StartedServer } from '../support/child.ts';

const CHROMIUM = '/usr/bin/chromium';
/** Flags that keep Chromium quiet on a closed network (STACK.md, "Browser tests with Debian's Chromium"). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SKIP = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: browser tests skipped (install it with \`apt-get install -y chromium\`)`;

/** Collects what the page reports as errors: console errors and uncaught exceptions. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** Waits until the locator is visible; on time-out, fails with what the page reported, which usually says why. */
async function visible(locator: Locator, errors: string[], timeout = 15_000): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (error) {
    assert.fail(`${(error as Error).message.split('\n')[0]}\npage errors: ${errors.length ? errors.join('\n') : 'none'}`);
  }
}

describe('the browser', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: StartedServer;
  let browser: Browser;

  before(async () => {
    if (SKIP) return;
    dataDir = mkdtempSync(join(tmpdir(), 'waypoint-browser-'));
    [server, browser] = await Promise.all([
      startServer({ WAYPOINT_DATA_DIR: dataDir, WAYPOINT_DEMO: 'on' }),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }),
    ]);
  });
  after(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      const exited = new Promise((done) => server.child.once('exit', done));
      server.child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in as a demo user from /signin and shows who is signed in on the home page', { skip: SKIP }, async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/signin`);
    await visible(page.getByRole('heading', { level: 1, name: 'Sign in as a demo user' }), errors);
    await page.getByRole('button', { name: 'Sign in as Demo caseworker (IT)' }).click();
    await page.waitForURL(`${server.url}/`);
    const signedIn = page.getByRole('region', { name: 'Signed in as' });
    await visible(signedIn.getByText('"id": "it-caseworker"'), errors);
    const me = JSON.parse((await signedIn.locator('pre').textContent())!) as { id: string; tenantId: string; roles: string[]; permissions: Array<{ resource: string; action: string }> };
    assert.equal(me.id, 'it-caseworker');
    assert.equal(me.tenantId, 'IT');
    assert.deepEqual(me.roles, ['caseworker']);
    assert.ok(me.permissions.some((p) => p.resource === 'case' && p.action === 'create'), 'a caseworker may open cases');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('renders the API reference with Swagger UI at /api/docs', { skip: SKIP }, async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/api/docs`);
    await visible(page.getByText('Open a case', { exact: true }), errors, 30_000);
    await visible(page.getByText('Read a case', { exact: true }), errors);
    assert.ok(await page.getByRole('heading', { name: /Waypoint API/ }).count() > 0, 'the document title is shown');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
