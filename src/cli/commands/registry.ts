/**
 * @module cli/commands/registry
 * `waypoint registry …`: the shared registries from the command line, for every kind of the
 * catalogue (countries, designations, readmission, and the kinds added later).
 *   registry kinds                                   the kinds, their filters and fields
 *   registry list KIND [--q W] [--on D] [--where F=V]… [--json]
 *   registry show KIND ID|KEY [--on D]               one record as JSON
 *   registry history KIND ID|KEY [--json]            who changed which field, when, why
 *   registry export KIND [--format csv|json] [--out FILE] [--q W] [--on D] [--where F=V]…
 *   registry import KIND FILE --tenant T [--format csv|json] [--reason R] [--dry-run]
 *   registry reviews-due [--on D] [--within N] [--kind KIND] [--fail-if-due]
 *   registry law-snapshot [--on D] [--nationality XX]
 *   registry funding-checks [--on D] [--json] [--fail-on-error]     funding consistency findings
 *   registry asylum-access [--on D] [--member-state XX] [--json] [--fail-on-error]   border measures vs. access to asylum
 * Reads act as an operator; an import acts as the administration of one tenant (`--tenant`), so the
 * permission table decides which rows it may write, as it does for a user. Exit codes: 0 done, 1 a
 * check failed (reviews due with --fail-if-due, errors found with --fail-on-error), 2 invalid input (unknown kind, bad option, a
 * malformed file: every problem is printed with its line and column, and nothing is written).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../../domain/access/roles.ts';
import { REGISTRY_KINDS, findRegistryKind } from '../../domain/registries/catalog.ts';
import { readRegistries, REGISTRY_CHAIN } from '../../domain/registries/chain.ts';
import { exportRegistry, type RegistryFormat } from '../../domain/registries/export-records.ts';
import { getRegistryRecord } from '../../domain/registries/get-record.ts';
import { importRegistry } from '../../domain/registries/import-records.ts';
import { recordState, type RegistryKind } from '../../domain/registries/kind.ts';
import { loadLawSnapshot } from '../../domain/registries/law-snapshot.ts';
import { listRegistryRecords } from '../../domain/registries/list-records.ts';
import { listReviewsDue } from '../../domain/registries/list-reviews-due.ts';
import { getRegistryHistory } from '../../domain/registries/record-history.ts';
import { checkAsylumAccess } from '../../domain/border-situations/check-asylum-access.ts';
import { checkFunding } from '../../domain/funding/check-funding.ts';
import { MEMBER_STATE_CODES, TENANT_CODES } from '../../domain/tenants/tenants.ts';
import { isIsoDate } from '../../rules/engine/dates.ts';
import { inTenant } from '../../storage/transaction.ts';
import { withStorage } from '../context.ts';
import { UsageError } from '../usage-error.ts';

/** Operators read as the registries themselves: every kind is readable by every role. */
const reader = () => systemActor(REGISTRY_CHAIN, 'cli');

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function kindArg(value: string): RegistryKind<any> {
  const kind = findRegistryKind(value);
  if (!kind) throw new UsageError(`no registry ${value}: use one of ${REGISTRY_KINDS.map((k) => k.plural).join(', ')}`);
  return kind;
}

function dateArg(value: string): string {
  if (!isIsoDate(value)) throw new UsageError(`not a date: ${value} (expected YYYY-MM-DD)`);
  return value;
}

function tenantArg(value: string): string {
  const id = value.toUpperCase();
  if (!TENANT_CODES.has(id)) throw new UsageError(`unknown tenant ${value}: a Member State code (IT, GR, …) or COM for Union-level facts`);
  return id;
}

function countArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 3650) throw new UsageError(`not a number of days: ${value}`);
  return n;
}

function formatArg(value: string): RegistryFormat {
  if (value !== 'csv' && value !== 'json') throw new UsageError(`--format: csv or json, not ${value}`);
  return value;
}

/** `--where country=TR`, repeatable. */
function whereArg(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new UsageError(`--where: FILTER=VALUE, not ${value}`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

function checkFilters(kind: RegistryKind<any>, where: Record<string, string> = {}): Record<string, string> {
  for (const name of Object.keys(where)) {
    if (!kind.filters[name]) throw new UsageError(`${kind.plural} have no filter ${name}; filters: ${Object.keys(kind.filters).join(', ') || 'none'}`);
  }
  return where;
}

function readableFile(file: string): string {
  try {
    if (!statSync(file).isFile()) throw new UsageError(`cannot read ${file}: not a file`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

interface ListOpts { q?: string; on?: string; where?: Record<string, string>; json?: boolean; limit?: string }

export function registerRegistryCommands(program: Command): void {
  const registry = program.command('registry').description('the shared registries: countries, designations, readmission … (list, show, history, export, import, reviews due)');

  registry.command('kinds').description('the registry kinds, with their filters and fields').action(() => {
    for (const kind of REGISTRY_KINDS) {
      process.stdout.write(`${kind.plural.padEnd(22)} ${kind.description}\n`);
      process.stdout.write(`${''.padEnd(22)} filters: ${Object.keys(kind.filters).join(', ') || 'none'}; fields: ${kind.columns.join(', ')}\n`);
    }
  });

  registry.command('list').description('list or search the records of a kind')
    .argument('<kind>', 'countries, designations, readmission, …', kindArg)
    .option('--q <words>', 'words the records contain (prefixes; case and accents ignored)')
    .option('--on <date>', 'only records in force on this date', dateArg)
    .option('--where <filter=value>', 'a filter of the kind (repeatable), e.g. country=TR', whereArg)
    .option('--limit <n>', 'at most this many records (default 500)')
    .option('--json', 'print JSON')
    .action((kind: RegistryKind<any>, opts: ListOpts) => withStorage(async (storage) => {
      const actor = reader();
      const limit = opts.limit === undefined ? 500 : Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw new UsageError(`--limit: 1 to 5000, not ${opts.limit}`);
      const page = await readRegistries(storage.db, actor, (tx) => listRegistryRecords({ tx, actor, kind, q: opts.q, on: opts.on, filters: checkFilters(kind, opts.where), limit }));
      const on = opts.on ?? today();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(page.items, null, 2)}\n`);
        return;
      }
      for (const r of page.items) {
        const state = recordState(kind, r.data, on);
        process.stdout.write(`${r.key.padEnd(48)} ${kind.labelOf(r.data)}${state ? `  [${state}]` : ''}\n`);
      }
      process.stdout.write(`${page.items.length} ${kind.plural}${page.next ? ' (more: narrow the search or raise --limit)' : ''}\n`);
    }));

  registry.command('show').description('one record, as JSON, with its state and what it says on a date (a facility\'s capacity, a partnership\'s phase)')
    .argument('<kind>', 'the kind', kindArg)
    .argument('<id>', 'the record\'s id or key (TR, safe-country-of-origin:EU:BD:2026-06-12)')
    .option('--on <date>', 'the date for state and summary (default today)', dateArg)
    .action((kind: RegistryKind<any>, id: string, opts: { on?: string }) => withStorage(async (storage) => {
      const actor = reader();
      const on = opts.on ?? today();
      const record = await readRegistries(storage.db, actor, (tx) => getRegistryRecord({ tx, actor, kind, idOrKey: id }));
      process.stdout.write(`${JSON.stringify({ ...record, owner: kind.ownerOf(record.data), state: recordState(kind, record.data, on), summary: kind.summaryOn?.(record.data, on) ?? null }, null, 2)}\n`);
    }));

  registry.command('history').description('a record\'s history: who changed which field from what to what, when, why')
    .argument('<kind>', 'the kind', kindArg)
    .argument('<id>', 'the record\'s id or key')
    .option('--json', 'print JSON')
    .action((kind: RegistryKind<any>, id: string, opts: { json?: boolean }) => withStorage(async (storage) => {
      const actor = reader();
      const history = await readRegistries(storage.db, actor, (tx) => getRegistryHistory({ tx, actor, kind, idOrKey: id }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(history, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${kind.name} ${history.record.key} (${history.record.id}), version ${history.record.version}\n`);
      for (const e of history.entries) {
        process.stdout.write(`\n#${e.seq} ${e.at} ${e.action} v${e.version} by ${e.actorId} (${e.actorTenant ?? '?'}, ${e.via ?? '?'}${e.row !== null ? `, row ${e.row}` : ''})${e.reason ? `: ${e.reason}` : ''}\n`);
        for (const c of e.changes) process.stdout.write(`    ${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}\n`);
      }
    }));

  registry.command('export').description('export the records of a kind as CSV (guarded against formula injection) or JSON')
    .argument('<kind>', 'the kind', kindArg)
    .option('--format <format>', 'csv (default) or json', formatArg)
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--q <words>', 'only records with these words')
    .option('--on <date>', 'only records in force on this date', dateArg)
    .option('--where <filter=value>', 'a filter of the kind (repeatable)', whereArg)
    .action((kind: RegistryKind<any>, opts: ListOpts & { format?: RegistryFormat; out?: string }) => withStorage(async (storage) => {
      const actor = reader();
      const file = await readRegistries(storage.db, actor, (tx) => exportRegistry({ tx, actor, kind, format: opts.format ?? 'csv', q: opts.q, on: opts.on, filters: checkFilters(kind, opts.where) }));
      if (!opts.out) {
        process.stdout.write(file.body);
        return;
      }
      try {
        writeFileSync(opts.out, file.body);
      } catch (error) {
        throw new UsageError(`cannot write ${opts.out}: ${(error as Error).message}`);
      }
      process.stderr.write(`${file.count} ${kind.plural} written to ${opts.out}\n`);
    }));

  registry.command('import').description('import a CSV or JSON file of one kind: all or nothing, safe to run again')
    .argument('<kind>', 'the kind', kindArg)
    .argument('<file>', 'a file as `registry export` writes it')
    .requiredOption('--tenant <tenant>', 'the administration the import acts for (IT, DE, … or COM for Union-level facts): rows it does not own are refused', tenantArg)
    .option('--format <format>', 'csv or json (default: from the file name)', formatArg)
    .option('--reason <text>', 'why: recorded on every change', 'imported with waypoint registry import')
    .option('--dry-run', 'validate and report what would change, write nothing')
    .action((kind: RegistryKind<any>, file: string, opts: { tenant: string; format?: RegistryFormat; reason: string; dryRun?: boolean }) => {
      const content = readableFile(file);
      const format = opts.format ?? (extname(file).toLowerCase() === '.json' ? 'json' : extname(file).toLowerCase() === '.csv' ? 'csv' : null);
      if (!format) throw new UsageError(`${file}: say --format csv or --format json`);
      if (opts.reason.trim().length < 3) throw new UsageError('--reason: at least 3 characters');
      return withStorage(async (storage) => {
        const actor = systemActor(opts.tenant, 'registry-import');
        const result = await inTenant(storage.db, { tenantId: actor.tenantId }, (tx) =>
          importRegistry({ tx, actor, kind, format, content, reason: opts.reason.trim(), dryRun: opts.dryRun === true, via: 'cli' }));
        process.stdout.write(`${result.dryRun ? 'would import' : 'imported'} ${result.total} ${kind.plural}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged\n`);
      });
    });

  registry.command('reviews-due').description('records whose review date has come (reminders), most overdue first')
    .option('--on <date>', 'the day of the check (default today)', dateArg)
    .option('--within <days>', 'also reviews due within this many days', countArg)
    .option('--kind <kind>', 'only this kind', kindArg)
    .option('--fail-if-due', 'exit 1 when any review is due (for a scheduled check)')
    .option('--json', 'print JSON')
    .action((opts: { on?: string; within?: number; kind?: RegistryKind<any>; failIfDue?: boolean; json?: boolean }) => withStorage(async (storage) => {
      const actor = reader();
      const on = opts.on ?? today();
      const due = await readRegistries(storage.db, actor, (tx) => listReviewsDue({ tx, actor, kinds: opts.kind ? [opts.kind] : REGISTRY_KINDS, on, within: opts.within ?? 0 }));
      if (opts.json) process.stdout.write(`${JSON.stringify(due, null, 2)}\n`);
      else {
        for (const d of due) {
          const when = d.daysOverdue > 0 ? `OVERDUE by ${d.daysOverdue} days` : d.daysOverdue === 0 ? 'due today' : `due in ${-d.daysOverdue} days`;
          process.stdout.write(`${d.reviewDue}  ${when.padEnd(22)} ${d.owner.padEnd(4)} ${d.label}  (${d.kind} ${d.key})\n`);
        }
        process.stdout.write(`${due.length} review(s) due on ${on}${opts.within ? ` or within ${opts.within} days` : ''}\n`);
      }
      if (opts.failIfDue && due.length > 0) process.exitCode = 1;
    }));

  registry.command('funding-checks').description('funding consistency findings on a date: NDICI money without a development objective, disbursed above committed, a mechanism in implementation with no funding …')
    .option('--on <date>', 'the date of the check (default today)', dateArg)
    .option('--json', 'print JSON')
    .option('--fail-on-error', 'exit 1 when any finding is an error (for a scheduled check)')
    .action((opts: { on?: string; json?: boolean; failOnError?: boolean }) => withStorage(async (storage) => {
      const actor = reader();
      const on = opts.on ?? today();
      const findings = await readRegistries(storage.db, actor, (tx) => checkFunding({ tx, actor, on }));
      if (opts.json) process.stdout.write(`${JSON.stringify({ on, findings }, null, 2)}\n`);
      else {
        for (const f of findings) process.stdout.write(`${f.severity.toUpperCase().padEnd(8)} ${f.check.padEnd(32)} ${f.subject.kind} ${f.subject.key}: ${f.message}\n`);
        process.stdout.write(`${findings.filter((f) => f.severity === 'error').length} error(s), ${findings.filter((f) => f.severity === 'warning').length} warning(s) on ${on}\n`);
      }
      if (opts.failOnError && findings.some((f) => f.severity === 'error')) process.exitCode = 1;
    }));

  registry.command('asylum-access').description('whether the border measures in force leave effective access to the asylum procedure (C-808/18, C-72/22)')
    .option('--on <date>', 'the date of the check (default today)', dateArg)
    .option('--member-state <code>', 'only this Member State', (value: string) => {
      if (!MEMBER_STATE_CODES.has(value.toUpperCase())) throw new UsageError(`--member-state: not a Member State code: ${value}`);
      return value.toUpperCase();
    })
    .option('--json', 'print JSON')
    .option('--fail-on-error', 'exit 1 when any finding is an error')
    .action((opts: { on?: string; memberState?: string; json?: boolean; failOnError?: boolean }) => withStorage(async (storage) => {
      const actor = reader();
      const on = opts.on ?? today();
      const result = await readRegistries(storage.db, actor, (tx) => checkAsylumAccess({ tx, actor, on, memberState: opts.memberState }));
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        for (const s of result.situations) process.stdout.write(`${s.memberState} ${s.type} at ${s.section}: measures ${s.measures.join(', ') || 'none'}; applications at ${s.accessPoints.join(', ') || 'no place recorded'}\n`);
        for (const a of result.authorisations) process.stdout.write(`${a.memberState} ${a.kind} authorisation ${a.from} to ${a.to}: ${a.derogations.join(', ')}\n`);
        for (const f of result.findings) process.stdout.write(`${f.severity.toUpperCase().padEnd(8)} ${f.check}: ${f.message} (${f.basis.map((b) => b.title.split(',')[0]).join('; ')})\n`);
        process.stdout.write(`${result.findings.length} finding(s) on ${on}\n`);
      }
      if (opts.failOnError && result.findings.some((f) => f.severity === 'error')) process.exitCode = 1;
    }));

  registry.command('law-snapshot').description('the registry facts the law engine reads on a date, in its shapes (JSON)')
    .option('--on <date>', 'the assessment date (default today)', dateArg)
    .option('--nationality <code>', 'the applicant\'s nationality (for designations made only for some nationalities)')
    .action((opts: { on?: string; nationality?: string }) => withStorage(async (storage) => {
      const snapshot = await loadLawSnapshot({ db: storage.db });
      const on = opts.on ?? today();
      process.stdout.write(`${JSON.stringify({ on, revision: snapshot.revision, candidates: snapshot.candidatesOn(on), context: snapshot.contextOn(on, opts.nationality ? { nationality: opts.nationality.toUpperCase() } : {}) }, null, 2)}\n`);
    }));
}
