/**
 * @module cli/commands/deadlines
 * `waypoint case deadlines …`: the operator's deadline work, as the system actor `system:deadlines`
 * of each tenant (every tenant, or `--tenant`):
 *   case deadlines recompute [--tenant X] [--on DATE] [--json]   every open case's deadlines after a change of the law
 *   case deadlines sweep [--tenant X] [--on DATE] [--json]       raise the tasks and escalations deadlines call for
 * Both are safe to run again: a recompute writes only what changed, a sweep raises each task once.
 * Exit codes: 0 done, 2 invalid input.
 */
import type { Command } from 'commander';
import { systemActor } from '../../domain/access/roles.ts';
import { loadCaseLaw } from '../../domain/cases/law-context.ts';
import { recomputeDeadlines, type RecomputeReport } from '../../domain/deadlines/recompute-deadlines.ts';
import { sweepTenants } from '../../domain/deadlines/schedule-sweeps.ts';
import { TENANT_CODES } from '../../domain/tenants/tenants.ts';
import { isIsoDate } from '../../rules/engine/dates.ts';
import { withStorage } from '../context.ts';
import { progress } from '../progress.ts';
import { UsageError } from '../usage-error.ts';

function tenantArg(value: string): string {
  const id = value.toUpperCase();
  if (!TENANT_CODES.has(id)) throw new UsageError(`unknown tenant ${value}: use a Member State code (IT, GR, …) or FRONTEX, EUAA, FRA, COM, UNHCR, IOM`);
  return id;
}

function dateArg(value: string): string {
  if (!isIsoDate(value)) throw new UsageError(`not a date: ${value} (expected YYYY-MM-DD)`);
  return value;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

interface Options { tenant?: string; on?: string; json?: boolean }

/** Adds `deadlines` under the `case` command (registered before). */
export function registerDeadlineCommands(program: Command): void {
  const cases = program.commands.find((c) => c.name() === 'case');
  if (!cases) throw new Error('register the case commands first');
  const deadlines = cases.command('deadlines').description('statutory deadlines of open cases: recompute after a change of the law, sweep for tasks');

  deadlines.command('recompute').description('recompute the deadlines of every open case (after a new law package or new registry facts)')
    .option('--tenant <id>', 'only this tenant', tenantArg).option('--on <date>', 'apply the law in force on this date (default today)', dateArg)
    .option('--json', 'one JSON document')
    .action((opts: Options) => withStorage(async (storage) => {
      const law = await loadCaseLaw(storage.db);
      const tenants = opts.tenant ? [opts.tenant] : (await storage.db.selectFrom('cases').select('tenant_id').distinct().orderBy('tenant_id').execute()).map((r) => r.tenant_id);
      const reports: RecomputeReport[] = [];
      for (const tenantId of tenants) {
        const bar = opts.json ? null : progress(`deadlines ${tenantId}`, 0);
        reports.push(await recomputeDeadlines({ db: storage.db, actor: systemActor(tenantId, 'deadlines'), on: opts.on, law, onProgress: (n) => bar?.update(n, n) }));
        bar?.stop();
      }
      if (opts.json) { out(JSON.stringify(reports, null, 2)); return; }
      for (const r of reports) {
        out(`${r.tenantId}: ${r.assessed} open cases assessed on ${r.on}, ${r.changed} changed, ${r.ended} deadlines ended, ${r.tasksClosed} tasks closed`
          + `${r.unassessable ? `, ${r.unassessable} could not be assessed (their deadlines stand)` : ''}${r.skipped ? `, ${r.skipped} changed meanwhile (left to their own recomputation)` : ''}`);
      }
      if (reports.length === 0) out('no cases');
    }));

  deadlines.command('sweep').description('raise tasks for deadlines approaching (to the assignee) and passed (to the unit\'s supervisors); raises each once')
    .option('--tenant <id>', 'only this tenant', tenantArg).option('--on <date>', 'the day swept (default today)', dateArg)
    .option('--json', 'one JSON document')
    .action((opts: Options) => withStorage(async (storage, config) => {
      const reports = await sweepTenants({ db: storage.db, warningDays: config.deadlineWarningDays, tenantIds: opts.tenant ? [opts.tenant] : undefined, on: opts.on });
      if (opts.json) { out(JSON.stringify(reports, null, 2)); return; }
      const raised = reports.filter((r) => r.approaching + r.passed > 0);
      for (const r of raised) out(`${r.tenantId}: ${r.approaching} approaching (to assignees), ${r.passed} passed (escalated to supervisors)`);
      if (raised.length === 0) out(`no new tasks (warning window ${config.deadlineWarningDays} days)`);
    }));
}
