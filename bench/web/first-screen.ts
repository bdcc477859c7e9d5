/**
 * First-screen benchmark (issue 7, "the first screen interactive in ≤ 1 s on loopback"): Debian's
 * Chromium (playwright-core) against `waypoint start` with the demo caseload, on the embedded PGlite (or
 * the server named by DATABASE_URL). Two measures, each over `--runs` loads:
 *   - **sign-in, cold**: a new browser context (empty cache, no session) opens `/` and waits until the
 *     first demo user's button is visible and enabled — the screen answers a click from then on;
 *   - **queue, signed in**: a signed-in tab reloads `/queue` (the browser cache warm, as on a second visit)
 *     and waits until the first case row of the queue is shown — the API's answer included.
 * Times are from just before navigation to the moment the element is ready, read in Node, so they
 * include Playwright's polling (at most one animation frame). Also printed: the navigation timing of
 * the page (response end, DOMContentLoaded) and the JavaScript the cold load fetched (gzipped bytes on
 * the wire, from the resource timing entries).
 *
 *   node --import tsx bench/web/first-screen.ts [--runs 20]
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '../../test/support/child.ts';
import { ENGINE, freshDataTarget } from '../../test/support/storage.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const USER = 'Demo caseworker (IT)';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const RUNS = Number(args.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a positive integer');
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const summary = (values: number[]) => `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;

interface PageTiming { responseEnd: number; domContentLoaded: number; scriptBytes: number; scripts: number }

async function pageTiming(page: Page): Promise<PageTiming> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.endsWith('.js'));
    return {
      responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd,
      scriptBytes: scripts.reduce((sum, r) => sum + r.transferSize, 0), scripts: scripts.length,
    };
  });
}

async function coldSignIn(browser: Browser, url: string): Promise<{ ms: number; timing: PageTiming }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    const button = page.getByRole('button', { name: `Sign in as ${USER}` });
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    if (!(await button.isEnabled())) throw new Error('the sign-in button is disabled');
    const ms = performance.now() - started;
    return { ms, timing: await pageTiming(page) };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  process.stdout.write(`# First screen: ${RUNS} loads each, engine ${ENGINE}\n`);
  process.stdout.write(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}); node ${process.version}; ${new Date().toISOString()}\n`);
  const target = await freshDataTarget('bench_web');
  const server = await startServer({ ...target.env, WAYPOINT_DEMO: 'on' }, 300_000);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    process.stdout.write(`server ${server.url}; load average ${load()}\n`);
    await coldSignIn(browser, server.url); // the server's first answers (file cache, JIT) are not a user's
    const cold: number[] = [];
    const timings: PageTiming[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await coldSignIn(browser, server.url);
      cold.push(run.ms);
      timings.push(run.timing);
    }
    const t = timings[timings.length - 1]!;
    process.stdout.write(`sign-in, cold (new context, empty cache): ${summary(cold)}\n`);
    process.stdout.write(`  navigation: response end p50 ${percentile(timings.map((x) => x.responseEnd), 50).toFixed(0)} ms, DOMContentLoaded p50 ${percentile(timings.map((x) => x.domContentLoaded), 50).toFixed(0)} ms; JavaScript fetched ${t.scripts} files, ${(t.scriptBytes / 1024).toFixed(1)} kB on the wire\n`);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/queue`);
    await page.getByRole('button', { name: `Sign in as ${USER}` }).click();
    const firstRow = page.locator('main table tbody tr').first();
    await firstRow.waitFor({ timeout: 30_000 });
    const queue: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const started = performance.now();
      await page.reload({ waitUntil: 'commit' });
      await page.locator('main table tbody tr').first().waitFor({ timeout: 30_000 });
      if (i > 0) queue.push(performance.now() - started);
    }
    await context.close();
    process.stdout.write(`queue, signed in (reload, warm cache, first case row shown): ${summary(queue)}\n`);
    process.stdout.write(`load average at the end ${load()}\n`);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await new Promise((done) => server.child.once('exit', done));
    await target.remove();
  }
}

await main();
