/**
 * @module cli/commands/stats
 * `waypoint stats …`: public statistics.
 *   stats import PATH [PATH…]                 files or folders (the dataset is told by each file's name and header)
 *   stats import --from-publisher DATASET     download a Eurostat dataset (SDMX-CSV) from the dissemination API
 *   stats list [--json]                       imported datasets with provenance and coverage
 *   stats report --partnership ID --month YYYY-MM [--format html|pdf] [--out FILE]
 *                                             a partnership's monthly monitoring report
 * Each file is imported in its own transaction, shows its progress, and is refused with its line and
 * column when malformed (exit 2 once the others are done). `waypoint start` imports the statistics
 * folder (WAYPOINT_STATS_DIR) the same way before it listens: new files only, offline-safe.
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from '../../config.ts';
import { systemActor } from '../../domain/access/roles.ts';
import { isDomainError } from '../../domain/errors.ts';
import { readRegistries, REGISTRY_CHAIN } from '../../domain/registries/chain.ts';
import { getPartnershipMonthlyReport } from '../../domain/reports/get-partnership-monthly-report.ts';
import { FRONTEX_ROUTES, type FrontexRoute } from '../../domain/partnerships/partnership-routes.ts';
import { renderReportHtml } from '../../domain/reports/render-html.ts';
import { renderReportPdf } from '../../domain/reports/render-pdf.ts';
import { downloadDataset, eurostatUrl } from '../../domain/statistics/fetch-eurostat.ts';
import { collectFiles, importFiles, type FileOutcome } from '../../domain/statistics/import-files.ts';
import { importStatistics } from '../../domain/statistics/import-statistics.ts';
import { listDatasets } from '../../domain/statistics/list-datasets.ts';
import type { Database } from '../../storage/schema.ts';
import { withStorage } from '../context.ts';
import { progress } from '../progress.ts';
import { UsageError } from '../usage-error.ts';

function dateArg(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) throw new UsageError(`--retrieved-on: not a date: ${value}`);
  return value;
}

function monthArg(value: string): string {
  if (!/^(19|20)\d{2}-(0[1-9]|1[0-2])$/.test(value)) throw new UsageError(`--month: not a month (YYYY-MM): ${value}`);
  return value;
}

function routesArg(value: string): FrontexRoute[] {
  const routes = value.split(',').map((r) => r.trim());
  const unknown = routes.filter((r) => !(FRONTEX_ROUTES as readonly string[]).includes(r));
  if (unknown.length) throw new UsageError(`--route: unknown route ${unknown.join(', ')} (Frontex routes: ${FRONTEX_ROUTES.join(', ')})`);
  return routes as FrontexRoute[];
}

function describe(outcome: FileOutcome): string {
  switch (outcome.status) {
    case 'imported': {
      const r = outcome.result;
      const periods = r.coverage.periods ? `${r.coverage.periods.from}–${r.coverage.periods.to}` : 'no periods';
      return `imported ${r.dataset} from ${r.file}: ${r.rows} rows, ${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged (${periods}, ${r.coverage.geo.length} countries)`;
    }
    case 'unchanged': return `unchanged ${outcome.result.dataset}: ${outcome.result.file} was imported before (same content)`;
    case 'skipped': return `skipped ${outcome.path}: ${outcome.reason}`;
    case 'failed': return `REFUSED ${outcome.path}: ${outcome.error.message}`;
  }
}

interface RunImportOptions {
  db: Kysely<Database>;
  paths: string[];
  /** Print skipped files one by one (explicit imports) or as a count (start). */
  quietSkips?: boolean;
  write?: (line: string) => void;
}

/** Imports files and folders, printing one line per file; returns the outcomes. */
export async function runImport({ db, paths, quietSkips = false, write = (l) => process.stdout.write(`${l}\n`) }: RunImportOptions): Promise<FileOutcome[]> {
  const files = collectFiles(paths);
  let bar: ReturnType<typeof progress> | null = null;
  const outcomes = await importFiles({
    db, files,
    onFile: (path, i, total) => { bar = progress(`[${i + 1}/${total}] ${path.split('/').pop()}`, 0); },
    onProgress: (done, total) => bar?.update(done, total),
    onOutcome: (outcome) => {
      bar?.stop();
      bar = null;
      if (outcome.status === 'skipped' && quietSkips) return;
      write(describe(outcome));
    },
  });
  const skipped = outcomes.filter((o) => o.status === 'skipped').length;
  if (quietSkips && skipped > 0) write(`skipped ${skipped} files that are not statistics tables (simulation inputs, reference tables)`);
  return outcomes;
}

/**
 * What `waypoint start` does before listening: imports the statistics folder's new files; says so and
 * carries on when the folder is absent or a file is refused.
 */
export async function importStatisticsAtStart({ db, config, write = (l: string) => process.stderr.write(`${l}\n`) }: { db: Kysely<Database>; config: Config; write?: (line: string) => void }): Promise<void> {
  if (!config.statsDir) return;
  if (!existsSync(config.statsDir)) {
    write(`Waypoint: no statistics folder at ${config.statsDir} (WAYPOINT_STATS_DIR): starting without public statistics; import them later with \`npx waypoint stats import PATH\``);
    return;
  }
  const started = Date.now();
  const outcomes = await runImport({ db, paths: [config.statsDir], quietSkips: true, write: (l) => write(`Waypoint: statistics: ${l}`) });
  const imported = outcomes.filter((o) => o.status === 'imported').length;
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  write(`Waypoint: statistics from ${config.statsDir}: ${imported} files imported, ${outcomes.filter((o) => o.status === 'unchanged').length} already there${failed ? `, ${failed} refused` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

export function registerStatsCommands(program: Command): void {
  const stats = program.command('stats').description('public statistics (Eurostat, UNHCR, Frontex, IOM): import with provenance, list');

  stats.command('import').description('import statistics files or folders, or download a Eurostat dataset; each file all or nothing, safe to run again')
    .argument('[paths...]', 'files or folders (CSV, TSV, .gz)')
    .option('--from-publisher <dataset>', 'download a Eurostat dataset (e.g. migr_asyappctza) from the dissemination API')
    .option('--retrieved-on <date>', 'the date the data was retrieved (default: known for the shared files, else the file date)', dateArg)
    .option('--timeout <seconds>', 'download timeout', '120')
    .action((paths: string[], opts: { fromPublisher?: string; retrievedOn?: string; timeout: string }) => {
      if (paths.length === 0 && !opts.fromPublisher) throw new UsageError('name files or folders to import, or --from-publisher DATASET');
      for (const path of paths) if (!existsSync(path)) throw new UsageError(`cannot read ${path}: no such file or folder`);
      const config = loadConfig();
      const url = opts.fromPublisher ? eurostatUrl(opts.fromPublisher, config.eurostatApi) : null;
      return withStorage(async (storage) => {
        let refused = 0;
        if (url) {
          const bar = progress(`download ${opts.fromPublisher}`, 0);
          let download;
          try {
            download = await downloadDataset({ url, timeoutMs: Number(opts.timeout) * 1000, onProgress: (d, t) => bar.update(d, t) });
          } catch (error) {
            bar.stop();
            // Offline or the publisher refused: not the user's input, so exit 1 rather than 2.
            throw new Error(isDomainError(error) ? error.message : String(error));
          }
          bar.stop();
          try {
            const importBar = progress(`import ${opts.fromPublisher}`, download.bytes);
            const result = await importStatistics({ db: storage.db, path: download.path, location: url, retrievedOn: opts.retrievedOn, onProgress: (d, t) => importBar.update(d, t) });
            importBar.stop();
            process.stdout.write(`${describe({ path: url, status: result.status, result })}\n`);
          } finally {
            download.remove();
          }
        }
        if (paths.length > 0) {
          const outcomes = await runImport({ db: storage.db, paths });
          refused = outcomes.filter((o) => o.status === 'failed').length;
        }
        if (refused > 0) {
          process.stderr.write(`waypoint: ${refused} file(s) refused; nothing of them was imported\n`);
          process.exitCode = 2;
        }
      });
    });

  stats.command('report').description('a partnership\'s monthly monitoring report as HTML or PDF (mechanisms, capacity, flows, returns, deaths, funding, sources)')
    .requiredOption('--partnership <id>', 'the partnership\'s code or id (eu-tn-mou, it-al-protocol)')
    .requiredOption('--month <YYYY-MM>', 'the month reported', monthArg)
    .option('--format <format>', 'html or pdf', 'html')
    .option('--route <routes>', 'Frontex routes to follow instead of the partnership\'s own, comma-separated', routesArg)
    .option('--out <file>', 'write to this file (default: standard output)')
    .action((opts: { partnership: string; month: string; format: string; route?: FrontexRoute[]; out?: string }) => {
      if (opts.format !== 'html' && opts.format !== 'pdf') throw new UsageError(`--format: html or pdf, not ${opts.format}`);
      if (opts.format === 'pdf' && !opts.out && process.stdout.isTTY) throw new UsageError('a PDF is not for the terminal: name a file with --out');
      return withStorage(async (storage) => {
        const actor = systemActor(REGISTRY_CHAIN, 'cli');
        let report;
        try {
          report = await getPartnershipMonthlyReport({ read: (work) => readRegistries(storage.db, actor, work), db: storage.db, actor, idOrKey: opts.partnership, month: opts.month, routes: opts.route });
        } catch (error) {
          if (isDomainError(error) && error.code === 'NOT_FOUND') throw new UsageError(`no partnership ${opts.partnership}: see \`waypoint registry list partnerships\``);
          throw error;
        }
        const body = opts.format === 'pdf' ? await renderReportPdf(report) : renderReportHtml(report);
        if (opts.out) {
          try { writeFileSync(opts.out, body); } catch (error) { throw new UsageError(`cannot write ${opts.out}: ${(error as Error).message}`); }
          process.stderr.write(`wrote the ${opts.format.toUpperCase()} report of ${report.partnership.code} for ${report.month} to ${opts.out}\n`);
        } else process.stdout.write(body);
      });
    });

  stats.command('list').description('the imported datasets, with provenance and coverage')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => withStorage(async (storage) => {
      const datasets = await listDatasets({ db: storage.db });
      if (opts.json) { process.stdout.write(`${JSON.stringify(datasets, null, 2)}\n`); return; }
      if (datasets.length === 0) { process.stdout.write('no statistics imported yet: npx waypoint stats import PATH\n'); return; }
      const lines: string[] = [];
      for (const d of datasets) {
        lines.push(`${d.dataset}  ${d.publisher}: ${d.title}`, `  periods ${d.periods ? `${d.periods.from}–${d.periods.to}` : '-'}; licence: ${d.licence}; credit: "${d.credit}"`);
        for (const f of d.files) {
          const cov = f.coverage as { geo?: string[]; citizens?: number };
          lines.push(`  #${f.sourceId} ${f.file} (${f.layout}), retrieved ${f.retrievedOn}, imported ${f.importedAt.slice(0, 19)}Z: ${f.rows} rows, ${cov.geo?.length ?? 0} countries, ${cov.citizens ?? 0} citizenships`);
          if (f.upstream) lines.push(`      via ${f.upstream}`);
          for (const c of f.caveats) lines.push(`      caveat: ${c}`);
        }
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }));
}
