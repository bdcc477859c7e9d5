/**
 * @module test/support/browser
 * What the browser suites share: Debian's Chromium launched by playwright-core (no browser download)
 * with the flags a closed network needs, the page's reported errors collected, waits that fail with
 * those errors, axe-core's WCAG 2.1 A/AA check, and screenshots kept under
 * test-results/screenshots/<engine>/ (CI artefacts). Without /usr/bin/chromium, `SKIP_WITHOUT_CHROMIUM`
 * says why and the suites skip, so `npm test` still passes on a machine that has none; CI installs it.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ROOT } from './child.ts';
import { ENGINE } from './storage.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** Flags that keep Chromium quiet on a closed network (STACK.md, "Browser tests with Debian's Chromium"). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SKIP_WITHOUT_CHROMIUM: string | false = existsSync(CHROMIUM) ? false
  : `${CHROMIUM} is missing: browser tests skipped (install it with \`apt-get install -y chromium\`)`;
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots', ENGINE);
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Headless Chromium, and the screenshots folder made. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Collects what the page reports as errors: console errors (a CSP violation is one) and uncaught exceptions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** Waits until the locator is visible; on time-out, fails with what the page reported, which usually says why. */
export async function visible(locator: Locator, errors: string[], timeout = 15_000): Promise<void> {
  try {
    await locator.first().waitFor({ timeout });
  } catch (error) {
    assert.fail(`${(error as Error).message.split('\n')[0]}\npage errors: ${errors.length ? errors.join('\n') : 'none'}`);
  }
}

/**
 * A fresh browser session (its own sessionStorage) that opens `baseUrl + path`, is sent to the sign-in
 * page, and signs in there as the demo user shown as `displayName`. Closing the browser closes it.
 * @example const { page, errors } = await signInAs(browser, server.url, 'Demo caseworker (IT)', '/law');
 */
export async function signInAs(browser: Browser, baseUrl: string, displayName: string, path = '/'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl}${path}`);
  await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }), errors);
  await page.getByRole('button', { name: `Sign in as ${displayName}` }).click();
  await visible(page.getByText(displayName), errors);
  return { context, page, errors };
}

/** Polls a condition until it holds (or fails after 15 s with what it was waiting for). */
export async function eventually(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) assert.fail(`timed out waiting until ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Runs axe-core on the page as it is: no serious or critical violation of the WCAG 2.1 A/AA rules. */
export async function assertAccessible(page: Page, screen: string): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(severe, [], `${screen}: ${JSON.stringify(severe, null, 2)}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
