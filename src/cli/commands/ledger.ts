/**
 * @module cli/commands/ledger
 * `waypoint ledger …`: the 1:1 ledger of a swap mechanism from the command line, acting as a named user
 * (`--as USER`) through the same domain operations, permission table and row-level security as the API.
 *   ledger list --as USER [--json]                                  every 1:1 mechanism with its totals
 *   ledger show MECHANISM --as USER [--on DATE] [--json]            both legs, balance, cap, lead times
 *   ledger entitlements MECHANISM --as USER [--status open|used] [--json]
 *   ledger entries MECHANISM --as USER [--json]                     your tenant's cases counted, with findings
 *   ledger return MECHANISM CASE --as USER --reason R               count a return (the law engine must say yes)
 *   ledger resettle MECHANISM CASE --as USER --reason R [--entitlement ID]
 * CASE is a case id or reference. Exit codes: 0 done, 1 the law or the ledger refused (duplicate, cap,
 * finding not yes, no open entitlement: the reason is printed), 2 invalid input.
 */
import type { Command } from 'commander';
import { loadCaseLaw } from '../../domain/cases/law-context.ts';
import { isDomainError } from '../../domain/errors.ts';
import { getLedger, readLedger, type LedgerView } from '../../domain/swap-ledger/get-ledger.ts';
import { listEntitlements } from '../../domain/swap-ledger/list-entitlements.ts';
import { listEntries } from '../../domain/swap-ledger/list-entries.ts';
import { listLedgers } from '../../domain/swap-ledger/list-ledgers.ts';
import type { RecordedLeg } from '../../domain/swap-ledger/record-return.ts';
import { recordResettlement } from '../../domain/swap-ledger/record-resettlement.ts';
import { recordReturn } from '../../domain/swap-ledger/record-return.ts';
import { asActor } from '../../storage/transaction.ts';
import { withStorage } from '../context.ts';
import { UsageError } from '../usage-error.ts';
import { actorOf, caseIdOf, dateArg, reasonArg } from './case.ts';

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function statusArg(value: string): 'open' | 'used' {
  if (value !== 'open' && value !== 'used') throw new UsageError(`--status: open or used, not ${value}`);
  return value;
}

function days(label: string, s: LedgerView['leadTimes']['matched']): string {
  return s.count === 0 ? `${label}: none` : `${label}: ${s.count}, ${s.min}–${s.max} days (median ${s.median}, mean ${s.mean})`;
}

function printView(v: LedgerView): void {
  out(`${v.mechanism.code}  ${v.mechanism.title}  (partner ${v.mechanism.partner}, ${v.mechanism.operating ? 'operating' : 'not operating'} on ${v.on})`);
  out(`  returns ${v.returns}   resettlements ${v.resettlements}   balance ${v.balance}   cap ${v.cap ?? 'none'}${v.remaining === null ? '' : `   remaining ${v.remaining}`}`);
  out(`  returns by state: ${v.legs.returns.map((s) => `${s.state} ${s.count}`).join(', ') || 'none'}`);
  out(`  resettlements by state: ${v.legs.resettlements.map((s) => `${s.state} ${s.count}`).join(', ') || 'none'}`);
  out(`  ${days('lead time, return to resettlement', v.leadTimes.matched)}`);
  out(`  ${days('open entitlements, age', v.leadTimes.open)}`);
}

function printLeg(leg: RecordedLeg): void {
  const e = leg.entitlement;
  out(`${leg.entry.leg} counted under ${leg.entry.mechanism} on ${leg.entry.on} (entitlement ${e.id}, ${e.status}); returns ${leg.counter.returns}, resettlements ${leg.counter.resettlements}, cap ${leg.counter.cap ?? 'none'}`);
  if (leg.entry.finding) out(`  ${leg.entry.finding.question}: ${leg.entry.finding.outcome} — ${leg.entry.finding.basis.join('; ')}`);
}

/** Prints a refusal of the ledger or the law and marks the run as a failed check (exit 1). */
function reportRefusal(error: unknown): void {
  if (!isDomainError(error, 'LEDGER_ALREADY_COUNTED', 'LEDGER_CAP_REACHED', 'LEDGER_RETURN_NOT_COUNTED', 'LEDGER_NO_OPEN_ENTITLEMENT', 'INVALID_STATE')) throw error;
  process.stderr.write(`waypoint: ${error.message}\n`);
  const finding = error.extensions.finding as { basis: string[] } | null | undefined;
  if (finding) process.stderr.write(`  basis: ${finding.basis.join('; ')}\n`);
  process.exitCode = 1;
}

export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('1:1 swap ledgers: returns counted, resettlements, balance, cap, lead times');
  ledger.command('list').description('every 1:1 mechanism with its totals').requiredOption('--as <user>', 'the user you act as').option('--json', 'one JSON document')
    .action((opts: { as: string; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const all = await readLedger(storage.db, actor, (tx) => listLedgers({ tx, actor }));
      if (opts.json) { out(JSON.stringify(all, null, 2)); return; }
      for (const l of all) out(`${l.mechanism.padEnd(28)} returns ${l.returns}  resettlements ${l.resettlements}  balance ${l.balance}  cap ${l.cap ?? 'none'}`);
    }));

  ledger.command('show').description('a ledger: both legs, balance, cap, lead times').argument('<mechanism>', 'the mechanism\'s code')
    .requiredOption('--as <user>', 'the user you act as').option('--on <date>', 'measure open entitlements\' ages on this day (default today)', dateArg).option('--json', 'one JSON document')
    .action((mechanism: string, opts: { as: string; on?: string; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const view = await readLedger(storage.db, actor, (tx) => getLedger({ tx, actor, mechanism, on: opts.on }));
      if (opts.json) out(JSON.stringify(view, null, 2)); else printView(view);
    }));

  ledger.command('entitlements').description('the entitlements, oldest return first (no personal data)').argument('<mechanism>', 'the mechanism\'s code')
    .requiredOption('--as <user>', 'the user you act as').option('--status <status>', 'open or used', statusArg).option('--json', 'one JSON document')
    .action((mechanism: string, opts: { as: string; status?: 'open' | 'used'; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const page = await readLedger(storage.db, actor, (tx) => listEntitlements({ tx, actor, mechanism, status: opts.status, limit: 500 }));
      if (opts.json) { out(JSON.stringify(page, null, 2)); return; }
      for (const e of page.items) {
        out(`${e.id}  returned ${e.returnedOn} (${e.returningState})  ${e.status === 'used' ? `resettled ${e.resettledOn} (${e.resettlingState}), ${e.days} days` : `open, ${e.days} days`}`);
      }
    }));

  ledger.command('entries').description('your tenant\'s entries: the cases counted, with the findings').argument('<mechanism>', 'the mechanism\'s code')
    .requiredOption('--as <user>', 'the user you act as').option('--json', 'one JSON document')
    .action((mechanism: string, opts: { as: string; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const entries = await asActor(storage.db, actor, (tx) => listEntries({ tx, actor, mechanism }));
      if (opts.json) { out(JSON.stringify(entries, null, 2)); return; }
      for (const e of entries) out(`${e.on}  ${e.leg.padEnd(12)} case ${e.caseId}  person ${e.personId}${e.finding ? `  ${e.finding.question} ${e.finding.outcome}` : ''}`);
    }));

  ledger.command('return').description('count a return under the mechanism (the law engine\'s one-to-one-return must be yes on the day of the return)')
    .argument('<mechanism>', 'the mechanism\'s code').argument('<case>', 'case id or reference')
    .requiredOption('--as <user>', 'the user you act as').requiredOption('--reason <text>', 'why (recorded in the audit trail)', reasonArg)
    .action((mechanism: string, ref: string, opts: { as: string; reason: string }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const law = await loadCaseLaw(storage.db);
      try {
        printLeg(await asActor(storage.db, actor, async (tx) => recordReturn({ tx, actor, mechanism, input: { caseId: await caseIdOf(tx, actor, ref), reason: opts.reason }, law })));
      } catch (error) {
        reportRefusal(error);
      }
    }));

  ledger.command('resettle').description('record a resettlement against an open entitlement (the oldest, or the one named)')
    .argument('<mechanism>', 'the mechanism\'s code').argument('<case>', 'case id or reference of the resettlement case')
    .requiredOption('--as <user>', 'the user you act as').requiredOption('--reason <text>', 'why (recorded in the audit trail)', reasonArg)
    .option('--entitlement <id>', 'the entitlement to use')
    .action((mechanism: string, ref: string, opts: { as: string; reason: string; entitlement?: string }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      try {
        printLeg(await asActor(storage.db, actor, async (tx) => recordResettlement({
          tx, actor, mechanism, input: { caseId: await caseIdOf(tx, actor, ref), reason: opts.reason, entitlementId: opts.entitlement },
        })));
      } catch (error) {
        reportRefusal(error);
      }
    }));
}
