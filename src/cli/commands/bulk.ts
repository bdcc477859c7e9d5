/**
 * @module cli/commands/bulk
 * Bulk work on cases from the command line, as a named user (`--as USER`), through the same domain
 * operations, permission table and row-level security as the API:
 *   case import FILE --as USER [--format csv|ndjson] [--batch-size N] [--report FILE] [--json]
 *        cases with their persons, batch by batch, with progress; run it again to resume after a crash
 *   case import-report JOB --as USER [--report FILE] [--json]   a job's progress, counts and report
 *   case bulk assign|reassign|flag|unflag --as USER (--ids ID,… | --kind K --stage S --unit U
 *        --assigned-to USER|none --flagged F --import JOB) [--to USER] [--from USER] [--move-to-unit U]
 *        [--flag F] --reason R [--json]                        one result per case
 * Exit codes: 0 done, 1 done but some rows or cases were refused (or not found), 2 invalid input.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { BULK_ACTIONS, BULK_LIMIT, CASE_FLAGS, runBulkAction, type BulkActionName, type BulkActionResult, type BulkCaseFilter, type CaseFlag } from '../../domain/bulk/bulk-action.ts';
import { getCaseImport, type ImportIssue, type ImportJob } from '../../domain/bulk/import-job.ts';
import { fileSource, formatOfName, IMPORT_FORMATS, type ImportFormat } from '../../domain/bulk/read-rows.ts';
import { DEFAULT_BATCH_SIZE, runCaseImport } from '../../domain/bulk/run-import.ts';
import { CASE_KINDS, CASE_STAGES, type CaseKind, type CaseStage } from '../../domain/cases/case.ts';
import { isUuid } from '../../domain/ids.ts';
import type { Storage } from '../../storage/providers/index.ts';
import { asActor } from '../../storage/transaction.ts';
import { withStorage } from '../context.ts';
import { progress } from '../progress.ts';
import { readableFile, UsageError } from '../usage-error.ts';
import { actorOf, reasonArg } from './case.ts';

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function oneOf<T extends string>(name: string, values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new UsageError(`${name}: one of ${values.join(', ')}, not ${value}`);
    return value as T;
  };
}

function batchSizeArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50_000) throw new UsageError(`--batch-size: a whole number from 1 to 50000, not ${value}`);
  return n;
}

function caseIdsArg(value: string): string[] {
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0 || ids.length > BULK_LIMIT) throw new UsageError(`--ids: 1 to ${BULK_LIMIT} case ids, comma-separated`);
  for (const id of ids) if (!isUuid(id)) throw new UsageError(`--ids: not a case id: ${id}`);
  return ids;
}

function jobArg(value: string): string {
  if (!isUuid(value)) throw new UsageError(`not an import job id: ${value}`);
  return value;
}

function summary(job: ImportJob): string {
  return `import ${job.id} (${job.fileName}): ${job.status}, ${job.checkpoint}/${job.totalRows} rows — ${job.created} created, ${job.unchanged} unchanged, ${job.refused} refused, ${job.duplicates} with suspected duplicates`;
}

/** Every issue of a job's report, page by page. */
async function* allIssues(storage: Storage, actor: Awaited<ReturnType<typeof actorOf>>, jobId: string): AsyncGenerator<ImportIssue> {
  let afterRow: number | null = 0;
  while (afterRow !== null) {
    const page = await asActor(storage.db, actor, (tx) => getCaseImport({ tx, actor, jobId, afterRow: afterRow!, limit: 5000 }));
    yield* page.issues;
    afterRow = page.nextAfterRow;
  }
}

/** Prints a job's summary and report (the first issues on screen, all of them to `--report`), and sets the exit code. */
async function report(storage: Storage, actor: Awaited<ReturnType<typeof actorOf>>, job: ImportJob, opts: { report?: string; json?: boolean }): Promise<void> {
  const file = opts.report ? createWriteStream(opts.report) : null;
  const shown: ImportIssue[] = [];
  let count = 0;
  for await (const issue of allIssues(storage, actor, job.id)) {
    count++;
    if (shown.length < 50) shown.push(issue);
    if (file && !file.write(`${JSON.stringify(issue)}\n`)) await once(file, 'drain');
  }
  if (file) { file.end(); await once(file, 'finish'); }
  if (opts.json) {
    out(JSON.stringify({ job, issues: shown, more: count - shown.length }, null, 2));
  } else {
    out(summary(job));
    for (const i of shown) out(`  row ${i.row}${i.line !== null ? ` (line ${i.line})` : ''}  ${i.severity}  ${i.path}  ${i.code}: ${i.message}`);
    if (count > shown.length) out(`  … ${count - shown.length} more${opts.report ? `, all in ${opts.report}` : ' (--report FILE writes them all)'}`);
  }
  if (job.refused > 0 || job.status !== 'done') process.exitCode = 1;
}

interface ImportOptions { as: string; format?: ImportFormat; batchSize: number; report?: string; json?: boolean }

interface BulkOptions {
  as: string; reason: string; ids?: string[]; kind?: CaseKind; stage?: CaseStage; unit?: string; assignedTo?: string; flagged?: CaseFlag;
  import?: string; to?: string; from?: string; moveToUnit?: string; flag?: CaseFlag; json?: boolean;
}

function filterOf(opts: BulkOptions): BulkCaseFilter | undefined {
  const filter: BulkCaseFilter = {
    ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.stage ? { stage: opts.stage } : {}), ...(opts.unit ? { unitId: opts.unit } : {}),
    ...(opts.assignedTo ? { assignedTo: opts.assignedTo === 'none' ? null : opts.assignedTo } : {}),
    ...(opts.flagged ? { flag: opts.flagged } : {}), ...(opts.import ? { importJobId: opts.import } : {}),
  };
  if (opts.ids && Object.keys(filter).length > 0) throw new UsageError('--ids or filter options, not both');
  if (!opts.ids && Object.keys(filter).length === 0) throw new UsageError('name the cases: --ids, or at least one of --kind --stage --unit --assigned-to --flagged --import');
  return opts.ids ? undefined : filter;
}

function printBulk(result: BulkActionResult): void {
  out(`${result.action} (${result.id}): ${result.total} cases — ${result.ok} ok (${result.changed} changed), ${result.refused} refused, ${result.notFound} not found`);
  for (const r of result.results) {
    if (r.status === 'ok') continue;
    out(`  ${r.reference ?? r.caseId}  ${r.status}${r.code ? `  ${r.code}: ${r.reason}` : ''}`);
  }
}

/** Adds `import`, `import-report` and `bulk` under the `case` command (registered before). */
export function registerBulkCommands(program: Command): void {
  const cases = program.commands.find((c) => c.name() === 'case');
  if (!cases) throw new Error('register the case commands first');

  cases.command('import').description('import cases with their persons from CSV or JSON lines; run again to resume after a crash (exit 1 when rows were refused)')
    .argument('<file>', 'a .csv file (header of field paths: externalRef,kind,person.givenNames,…) or .ndjson/.jsonl (one JSON object per line)', readableFile)
    .requiredOption('--as <user>', 'the user you act as')
    .option('--format <format>', 'csv or ndjson (default: from the file name)', oneOf('--format', IMPORT_FORMATS))
    .option('--batch-size <n>', 'rows per transaction', batchSizeArg, DEFAULT_BATCH_SIZE)
    .option('--report <file>', 'write every problem of the report to this file (JSON lines)')
    .option('--json', 'one JSON document')
    .action((file: string, opts: ImportOptions) => withStorage(async (storage) => {
      const format = opts.format ?? formatOfName(file);
      if (!format) throw new UsageError(`cannot tell the format of ${file}: name it .csv, .ndjson or .jsonl, or give --format`);
      const actor = await actorOf(storage, opts.as);
      const bar = progress(`import ${file}`, 0);
      const job = await runCaseImport({
        db: storage.db, actor, source: fileSource(file, format), batchSize: opts.batchSize, requestId: 'cli',
        onProgress: (j) => bar.update(j.checkpoint, j.totalRows),
      });
      bar.stop();
      await report(storage, actor, job, opts);
    }));

  cases.command('import-report').description('an import job\'s progress, counts and report')
    .argument('<job>', 'the import job\'s id', jobArg).requiredOption('--as <user>', 'the user you act as')
    .option('--report <file>', 'write every problem of the report to this file (JSON lines)').option('--json', 'one JSON document')
    .action((jobId: string, opts: { as: string; report?: string; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const { job } = await asActor(storage.db, actor, (tx) => getCaseImport({ tx, actor, jobId, limit: 1 }));
      await report(storage, actor, job, opts);
    }));

  cases.command('bulk').description('assign, reassign, flag or unflag many cases; one result per case (exit 1 when some were refused or not found)')
    .argument('<action>', BULK_ACTIONS.join(', '), oneOf('action', BULK_ACTIONS))
    .requiredOption('--as <user>', 'the user you act as').requiredOption('--reason <text>', 'why (recorded in the audit trail)', reasonArg)
    .option('--ids <ids>', 'the cases, by id, comma-separated', caseIdsArg)
    .option('--kind <kind>', 'filter: kind of case', oneOf('--kind', CASE_KINDS))
    .option('--stage <stage>', 'filter: stage', oneOf('--stage', CASE_STAGES))
    .option('--unit <unit>', 'filter: unit')
    .option('--assigned-to <user>', 'filter: assignee, or none')
    .option('--flagged <flag>', 'filter: cases with this flag', oneOf('--flagged', Object.keys(CASE_FLAGS) as CaseFlag[]))
    .option('--import <job>', 'filter: cases opened by this import job', jobArg)
    .option('--to <user>', 'assign, reassign: the new assignee')
    .option('--from <user>', 'reassign: only cases now assigned to this user')
    .option('--move-to-unit <unit>', 'assign, reassign: the unit the cases move to')
    .option('--flag <flag>', `flag, unflag: ${Object.keys(CASE_FLAGS).join(', ')}`, oneOf('--flag', Object.keys(CASE_FLAGS) as CaseFlag[]))
    .option('--json', 'one JSON document')
    .action((action: BulkActionName, opts: BulkOptions) => withStorage(async (storage) => {
      const filter = filterOf(opts);
      const actor = await actorOf(storage, opts.as);
      const result = await asActor(storage.db, actor, (tx) => runBulkAction({
        tx, actor, requestId: 'cli',
        input: {
          action, reason: opts.reason, ...(opts.ids ? { caseIds: opts.ids } : { filter }),
          ...(opts.to ? { to: opts.to } : {}), ...(opts.from ? { from: opts.from } : {}), ...(opts.moveToUnit ? { unitId: opts.moveToUnit } : {}),
          ...(opts.flag ? { flag: opts.flag } : {}),
        },
      }));
      if (opts.json) out(JSON.stringify(result, null, 2)); else printBulk(result);
      if (result.refused > 0 || result.notFound > 0) process.exitCode = 1;
    }));
}
