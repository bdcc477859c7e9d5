/**
 * @module cli/commands/simulate
 * `waypoint simulate SCENARIO` runs a scenario against its baseline (Monte Carlo, worker threads) and
 * writes a results folder (CSV and an HTML report); `waypoint backtest` fits the model on training
 * years and reports its error on held-back years. Both read the history from the statistics folder
 * (`--data`, else WAYPOINT_STATS_DIR, else ../shared/data). A scenario that is not valid is refused
 * with each field's path and exit code 2, before anything is read or run.
 *   simulate SCENARIO [--runs N] [--seed S] [--threads T] [--out DIR] [--scale F] [--data DIR] [--registry auto|database|law-package]
 *   backtest [--train-last YEAR] [--test YEARS] [--runs N] [--seed S] [--scale F] [--threads T] [--out FILE] [--data DIR]
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { progress } from '../progress.ts';
import { UsageError } from '../usage-error.ts';

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name}: ${value} is not a whole number from ${min} to ${max}`);
    return n;
  };
}

function scaleArg(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new UsageError(`--scale: ${value} is not a number above 0 and at most 1`);
  return n;
}

function yearsArg(value: string): number[] {
  const years = value.split(',').map((y) => Number(y.trim()));
  if (years.some((y) => !Number.isInteger(y) || y < 2000 || y > 2100)) throw new UsageError(`--test: ${value} is not a list of years (2022,2023)`);
  return years;
}

type RegistrySource = 'auto' | 'database' | 'law-package';

function registryArg(value: string): RegistrySource {
  if (value !== 'auto' && value !== 'database' && value !== 'law-package') throw new UsageError(`--registry: ${value} is not one of auto, database, law-package`);
  return value;
}

/** The statistics folder: `--data`, else the configured one. */
function dataDir(option: string | undefined): string {
  const dir = option ?? loadConfig().statsDir ?? '../shared/data';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`no statistics folder at ${dir}: give --data DIR (the public files of ../shared/data)`);
  return dir;
}

async function history(dir: string) {
  const { loadHistory } = await import('../../simulation/history/load-history.ts');
  process.stderr.write(`reading the history from ${dir}…\n`);
  const { history: h, missing } = await loadHistory(dir);
  if (missing.length) process.stderr.write(`history: no file found for ${missing.join(', ')}; those parts of the model use defaults\n`);
  return h;
}

export function registerSimulateCommands(program: Command): void {
  program.command('simulate').description('run a scenario (baseline + overlay) against the baseline: Monte Carlo bands, results folder with CSV and an HTML report')
    .argument('<scenario>', 'scenario file (YAML or JSON; see scenarios/ and docs/simulation.md)')
    .option('--runs <n>', 'Monte Carlo runs', integer('runs', 1, 10_000), 20)
    .option('--seed <s>', 'seed: the same seed gives the same numbers whatever the threads', integer('seed', 0, 2 ** 31 - 1), 1)
    .option('--threads <t>', 'worker threads (default: the machine\'s cores)', integer('threads', 1, 256))
    .option('--out <dir>', 'results folder (default: results/<scenario id>)')
    .option('--scale <f>', 'persons simulated per real person, 0 < f ≤ 1 (figures stay at full scale)', scaleArg, 1)
    .option('--data <dir>', 'statistics folder (default: WAYPOINT_STATS_DIR or ../shared/data)')
    .option('--registry <source>', 'registry facts from the configured database, or the law package\'s own defaults', registryArg, 'auto')
    .action(async (file: string, opts: { runs: number; seed: number; threads?: number; out?: string; scale: number; data?: string; registry: RegistrySource }) => {
      const { loadScenarioFile } = await import('../../simulation/scenario/load-scenario.ts');
      if (!existsSync(file)) throw new UsageError(`cannot read ${file}: no such file`);
      const { DEFAULT_REGISTRY } = await import('../../../law/registry.ts');
      const parsed = loadScenarioFile(file, { knownAgreements: DEFAULT_REGISTRY.agreements.map((a) => a.id) });
      if (!parsed.ok) throw new UsageError(`invalid scenario ${file}:\n${parsed.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
      const scenario = parsed.scenario;
      const dir = dataDir(opts.data);
      const { runStudy, packageRegistry } = await import('../../simulation/study.ts');
      const { DEFAULT_PERIOD } = await import('../../simulation/scenario/schema.ts');
      const registry = await registryFor(opts.registry, (scenario.period ?? DEFAULT_PERIOD).start, packageRegistry);
      const h = await history(dir);
      const threads = opts.threads ?? availableParallelism();
      const bar = progress(`simulate ${scenario.id}`, opts.runs);
      const study = await runStudy({ history: h, scenario, runs: opts.runs, seed: opts.seed, threads, scale: opts.scale, registry, onProgress: (d, t) => bar.update(d, t) });
      bar.stop();
      const { writeResults } = await import('../../simulation/report/write-results.ts');
      const out = opts.out ?? join('results', scenario.id);
      const files = writeResults(out, { scenario, summary: study.summary, inputs: study.inputs, generatedAt: new Date().toISOString(), seconds: study.seconds, threads });
      process.stdout.write(`${scenario.id}: ${opts.runs} runs in ${study.seconds.toFixed(1)} s on ${threads} thread${threads > 1 ? 's' : ''}; books balanced: ${study.summary.conservation ? 'yes' : 'NO'}\n`);
      for (const f of files) process.stdout.write(`  ${f}\n`);
      if (!study.summary.conservation) process.exitCode = 1;
    });

  program.command('backtest').description('fit the simulator on training years and report its error on held-back years (applications and returns per Member State)')
    .option('--train-last <year>', 'last training year', integer('train-last', 2010, 2100), 2021)
    .option('--test <years>', 'held-back years, comma-separated', yearsArg, [2022, 2023])
    .option('--runs <n>', 'Monte Carlo runs', integer('runs', 1, 1000), 5)
    .option('--seed <s>', 'seed', integer('seed', 0, 2 ** 31 - 1), 1)
    .option('--scale <f>', 'persons simulated per real person', scaleArg, 0.25)
    .option('--threads <t>', 'worker threads (default: the machine\'s cores)', integer('threads', 1, 256))
    .option('--out <file>', 'write the Markdown table to this file (default: standard output)')
    .option('--data <dir>', 'statistics folder (default: WAYPOINT_STATS_DIR or ../shared/data)')
    .action(async (opts: { trainLast: number; test: number[]; runs: number; seed: number; scale: number; threads?: number; out?: string; data?: string }) => {
      if (opts.test.some((y) => y <= opts.trainLast)) throw new UsageError(`--test: held-back years must come after the last training year ${opts.trainLast}`);
      const h = await history(dataDir(opts.data));
      const { backtest, backtestMarkdown } = await import('../../simulation/backtest.ts');
      const bar = progress('backtest', opts.runs);
      const result = await backtest({ history: h, lastTrainYear: opts.trainLast, testYears: opts.test, runs: opts.runs, seed: opts.seed, scale: opts.scale, threads: opts.threads ?? availableParallelism(), onProgress: (d, t) => bar.update(d, t) });
      bar.stop();
      const markdown = backtestMarkdown(result, new Date().toISOString().slice(0, 10));
      if (opts.out) {
        mkdirSync(dirname(opts.out), { recursive: true });
        writeFileSync(opts.out, markdown);
        process.stdout.write(`${opts.out}\n`);
      } else process.stdout.write(markdown);
      for (const m of result.measures.filter((x) => x.year === 'all')) process.stderr.write(`${m.metric}: sMAPE ${(m.smape * 100).toFixed(1)} % over ${m.cells} Member State-years\n`);
    });
}

/** The baseline's registry facts: the configured database's registries, or the law package's defaults. */
async function registryFor(source: RegistrySource, on: string, fallback: () => import('../../simulation/model/build-inputs.ts').RegistryInput) {
  const config = loadConfig();
  const hasDatabase = Boolean(config.databaseUrl) || existsSync(join(config.dataDir, 'pgdata'));
  if (source === 'law-package' || (source === 'auto' && !hasDatabase)) {
    process.stderr.write('registry facts: the law package\'s defaults (law/registry/defaults.yaml)\n');
    return fallback();
  }
  const { withStorage } = await import('../context.ts');
  const { simulationRegistry } = await import('../../domain/simulations/registry-input.ts');
  return withStorage(async (storage) => {
    const registry = await simulationRegistry({ db: storage.db, on });
    process.stderr.write(`registry facts: the registries of ${storage.location}\n`);
    return registry;
  });
}
