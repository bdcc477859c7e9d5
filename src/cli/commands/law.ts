/**
 * @module cli/commands/law
 * `waypoint law …`: the law engine from the command line. The law package is data and code shipped
 * with Waypoint; `law assess` also reads the registries and statistics of the configured database (as
 * `POST /api/law/assess` does) when there is one, and says on stderr where its registry facts came from.
 *   law assess FACTS.json [--on DATE] [--trace] [--registry auto|database|law-package]
 *                                                  one JSON document on stdout; exit 2 on invalid facts
 *   law rules [--on DATE]                          rules and parameters in force, with citations
 *   law instruments [--on DATE]                    instruments and their dates
 *   law test [FILES…]                              the legal test cases; exit 1 if any fails
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { LawRegistry } from '../../../law/registry.ts';
import { loadConfig } from '../../config.ts';
import { isIsoDate } from '../../rules/engine/dates.ts';
import { UsageError } from '../usage-error.ts';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function dateArg(value: string): string {
  if (!isIsoDate(value)) throw new UsageError(`--on: not a date: ${value} (expected YYYY-MM-DD)`);
  return value;
}

type RegistrySource = 'auto' | 'database' | 'law-package';

function registryArg(value: string): RegistrySource {
  if (value !== 'auto' && value !== 'database' && value !== 'law-package') throw new UsageError(`--registry: ${value} is not one of auto, database, law-package`);
  return value;
}

/** The registry facts for `law assess`, read from the configured database unless there is none or `law-package` is asked for. */
async function registryFor(source: RegistrySource, on: string, nationality: string): Promise<LawRegistry | undefined> {
  const config = loadConfig();
  const hasDatabase = Boolean(config.databaseUrl) || existsSync(join(config.dataDir, 'pgdata'));
  if (source === 'law-package' || (source === 'auto' && !hasDatabase)) {
    process.stderr.write('registry facts: the law package\'s defaults (law/registry/defaults.yaml); no database read\n');
    return undefined;
  }
  const { withStorage } = await import('../context.ts');
  const { lawRegistryFor } = await import('../../domain/registries/law-registry.ts');
  return withStorage(async (storage) => {
    const registry = await lawRegistryFor({ db: storage.db, on, nationality });
    process.stderr.write(`registry facts: the registries and statistics of ${storage.location}\n`);
    return registry;
  });
}

export function registerLawCommands(program: Command): void {
  const law = program.command('law').description('the law engine: assess facts, list the rules in force, run the legal test cases');

  law.command('assess').description('assess a facts file (../shared/DOMAIN.md) and print the findings as JSON')
    .argument('<facts>', 'JSON file with the facts')
    .option('--on <date>', 'apply the law in force on this date (default: assessedOn in the file, else today)', dateArg)
    .option('--trace', 'add the full evaluation trace')
    .option('--registry <source>', 'registry facts from the configured database, or the law package\'s own defaults; auto: the database when DATABASE_URL is set or the data folder holds one', registryArg, 'auto')
    .action(async (file: string, opts: { on?: string; trace?: boolean; registry: RegistrySource }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
      }
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (error) {
        throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
      }
      const { parseFacts } = await import('../../../law/facts.ts');
      const { assess } = await import('../../../law/assess.ts');
      const assessedOn = typeof (input as { assessedOn?: unknown })?.assessedOn === 'string' ? (input as { assessedOn: string }).assessedOn : undefined;
      const on = opts.on ?? (assessedOn && isIsoDate(assessedOn) ? assessedOn : today());
      const parsed = parseFacts(input, on);
      if (!parsed.ok) throw new UsageError(`invalid facts in ${file}:\n${parsed.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
      const registry = await registryFor(opts.registry, on, parsed.facts.person.nationality);
      let result;
      try {
        result = assess({ facts: parsed.facts, on, trace: opts.trace === true, registry });
      } catch (error) {
        if ((error as { code?: string }).code === 'RULE_NOT_IN_FORCE') throw new UsageError((error as Error).message);
        throw error;
      }
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });

  law.command('rules').description('list the rules and parameters in force on a date, with citations')
    .option('--on <date>', 'date (default today)', dateArg)
    .option('--json', 'print JSON instead of text')
    .action(async (opts: { on?: string; json?: boolean }) => {
      const { rulesOn } = await import('../../../law/catalog.ts');
      const catalog = rulesOn(opts.on ?? today());
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(catalog, null, 2)}\n`);
        return;
      }
      const lines = [`Law in force on ${catalog.on}`, '', 'Rules:'];
      for (const r of catalog.rules) {
        lines.push(`  ${r.id.padEnd(28)} ${r.inForce ? `version of ${r.version}` : 'not in force'}`);
        for (const b of r.basis) lines.push(`      ${b.title}  <${b.href}>`);
      }
      lines.push('', 'Parameters:');
      for (const p of catalog.parameters) {
        lines.push(`  ${p.id}`, `      ${p.inForce ? `${JSON.stringify(p.value)} ${p.unit} since ${p.from}` : 'not in force'} — ${p.description}`);
        for (const ref of p.reference) lines.push(`      ${ref.title}  <${ref.href}>`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  law.command('instruments').description('the instruments the law package cites, with their dates')
    .option('--on <date>', 'mark which apply on this date (default today)', dateArg)
    .action(async (opts: { on?: string }) => {
      const { instrumentsWithStatus } = await import('../../../law/catalog.ts');
      process.stdout.write(`${JSON.stringify(instrumentsWithStatus(opts.on ?? today()), null, 2)}\n`);
    });

  law.command('test').description('run the legal test cases (law/tests/*.yaml); exit 1 if any fails')
    .argument('[files...]', 'case files (default: all)')
    .action(async (files: string[]) => {
      const { loadLawCases, runLawCases, missingStraddles } = await import('../../../law/catalog.ts');
      const cases = loadLawCases(files.length ? files : undefined);
      const results = runLawCases(cases);
      const failed = results.filter((r) => !r.passed);
      for (const r of failed) process.stdout.write(`FAIL ${r.case.name} (${r.case.on}, ${r.case.file})\n     ${r.problem}\n`);
      const missing = files.length ? [] : missingStraddles(cases);
      for (const d of missing) process.stdout.write(`MISSING cases on the day before and the day of ${d}\n`);
      process.stdout.write(`${results.length - failed.length} passed, ${failed.length} failed\n`);
      if (failed.length || missing.length) process.exitCode = 1;
    });
}
