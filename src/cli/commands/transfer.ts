/**
 * @module cli/commands/transfer
 * `waypoint transfer …`: transfers and places from the command line, acting as a named user (`--as
 * USER`) through the same domain operations, permission table and row-level security as the API;
 * each write is an audited event.
 *   transfer plan --as USER --purpose P --cases CASE,… --on DATE --reason R [--facility F --until DATE]
 *        [--country CC] [--agreement CODE] [--reception-assured CASE,…] [--json]
 *   transfer list --as USER [--status S] [--json]
 *   transfer show TRANSFER --as USER [--json]                the manifest, places, findings planned
 *   transfer confirm|cancel TRANSFER --as USER --reason R    confirm: not your own plan (four eyes)
 *   transfer execute TRANSFER --as USER --reason R [--on DATE]   the law is asked again first
 *   transfer depart TRANSFER --as USER --on DATE --reason R [--cases CASE,…]
 *   transfer occupancy FACILITY --as USER [--from DATE] [--to DATE] [--json]
 * TRANSFER is a transfer id or reference (IT-T2026-000001), CASE a case id or reference, FACILITY a
 * facility's id or code. Exit codes: 0 done, 1 the law, the family guard or the facility's capacity
 * refused (printed with the citations and what changed), 2 invalid input.
 */
import type { Command } from 'commander';
import type { Actor } from '../../domain/access/roles.ts';
import { loadCaseLaw, type CaseLaw } from '../../domain/cases/law-context.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { cancelTransfer } from '../../domain/transfers/cancel-transfer.ts';
import { confirmTransfer } from '../../domain/transfers/confirm-transfer.ts';
import { executeTransfer } from '../../domain/transfers/execute-transfer.ts';
import { recordingRefusal } from '../../domain/transfers/record-refused-execution.ts';
import { getFacilityOccupancy } from '../../domain/transfers/get-facility-occupancy.ts';
import { listTransfers } from '../../domain/transfers/list-transfers.ts';
import { planTransfer } from '../../domain/transfers/plan-transfer.ts';
import { recordDeparture } from '../../domain/transfers/record-departure.ts';
import { loadTransfer, TRANSFER_PURPOSES, TRANSFER_STATUSES, type Transfer, type TransferPurpose, type TransferStatus } from '../../domain/transfers/transfer.ts';
import { addDays } from '../../rules/engine/dates.ts';
import { asActor, type Tx } from '../../storage/transaction.ts';
import { withStorage } from '../context.ts';
import { UsageError } from '../usage-error.ts';
import { actorOf, caseIdOf, countryArg, dateArg, reasonArg } from './case.ts';

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function oneOf<T extends string>(name: string, values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new UsageError(`${name}: one of ${values.join(', ')}, not ${value}`);
    return value as T;
  };
}

function listArg(value: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError('give at least one case, comma-separated');
  return items;
}

/** A transfer id, or the id of the transfer with that reference in the actor's tenant. */
async function transferIdOf(tx: Tx, actor: Actor, ref: string): Promise<string> {
  if (isUuid(ref)) return ref;
  const row = await tx.selectFrom('transfers').select('id').where('tenant_id', '=', actor.tenantId).where('reference', '=', ref).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `transfer ${ref} not found`);
  return row.id;
}

function printTransfer(t: Transfer): void {
  const where = [t.facility ? `${t.facility.code} (${t.on} to ${t.until})` : null, t.country, t.agreement ? `under ${t.agreement}` : null].filter(Boolean).join(', ');
  out(`${t.reference}  ${t.purpose}  ${t.status}  on ${t.on}  ${where}  version ${t.version}`);
  out(`  planned by ${t.plannedBy}: ${t.reason}`);
  if (t.confirmedBy) out(`  confirmed by ${t.confirmedBy}: ${t.confirmReason}`);
  if (t.executedBy) out(`  executed by ${t.executedBy} on ${t.executedOn}: ${t.executeReason}`);
  if (t.cancelledBy) out(`  cancelled by ${t.cancelledBy}: ${t.cancelReason}`);
  for (const p of t.persons) {
    const stay = p.arrivedOn ? `  arrived ${p.arrivedOn}${p.leftOn ? `, left ${p.leftOn}` : ''}` : '';
    out(`  ${p.reference}  ${p.stage}  ${p.place ? `place ${p.status} ${p.place.from} to ${p.place.to}` : p.status}${stay}`);
    for (const f of p.findings) out(`      ${f.question}${f.country ? ` ${f.country}` : ''}${f.agreement ? ` ${f.agreement}` : ''}: ${f.outcome} (${f.basis.join('; ')})`);
  }
}

/** Prints what the law, the family guard or the capacity refused, with citations, and marks the run as a failed check (exit 1). */
function reportRefusal(error: unknown): void {
  if (!isDomainError(error, 'TRANSITION_REFUSED', 'TRANSFER_BLOCKED', 'CAPACITY_EXCEEDED', 'INVALID_TRANSITION', 'FOUR_EYES')) throw error;
  process.stderr.write(`waypoint: ${error.message}\n`);
  for (const r of (error.extensions.refusals ?? []) as Array<{ message: string; basis: string[]; because: string[] }>) {
    process.stderr.write(`  ${r.message}\n`);
    if (r.basis.length) process.stderr.write(`    basis: ${r.basis.join('; ')}\n`);
    for (const b of r.because) process.stderr.write(`    because: ${b}\n`);
  }
  for (const p of (error.extensions.persons ?? []) as Array<{ reference: string; changes?: Array<{ question: string; planned: string; now: string; basis: string[]; because: string[] }> }>) {
    for (const c of p.changes ?? []) {
      process.stderr.write(`  ${p.reference}: ${c.question} was ${c.planned} when planned, is ${c.now} now\n    basis: ${c.basis.join('; ')}\n`);
      for (const b of c.because) process.stderr.write(`    because: ${b}\n`);
    }
  }
  process.exitCode = 1;
}

interface PlanOptions {
  as: string; purpose: TransferPurpose; cases: string[]; on: string; reason: string; facility?: string; until?: string;
  country?: string; agreement?: string; receptionAssured?: string[]; json?: boolean;
}

export function registerTransferCommands(program: Command): void {
  const transfers = program.command('transfer').description('transfers and places: planned, confirmed by a second person, executed after a last-moment check of the law');

  transfers.command('plan').description('plan a transfer: the law is asked for every person on its date; each holds a place at the facility')
    .requiredOption('--as <user>', 'the user you act as')
    .requiredOption('--purpose <purpose>', TRANSFER_PURPOSES.join(', '), oneOf('--purpose', TRANSFER_PURPOSES))
    .requiredOption('--cases <cases>', 'the persons moved, by case id or reference, comma-separated', listArg)
    .requiredOption('--on <date>', 'the day of the transfer', dateArg)
    .requiredOption('--reason <text>', 'why (recorded in the audit trail)', reasonArg)
    .option('--facility <facility>', 'a facility of the registry (id or code)')
    .option('--until <date>', 'the last day a place is held at the facility', dateArg)
    .option('--country <code>', 'the destination country', countryArg)
    .option('--agreement <code>', 'the agreement (mechanism code)')
    .option('--reception-assured <cases>', 'removal of an unaccompanied minor: reception assured (Directive 2008/115/EC Art. 10(2)), for these cases', listArg)
    .option('--json', 'one JSON document')
    .action((opts: PlanOptions) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const law = await loadCaseLaw(storage.db);
      try {
        const planned = await asActor(storage.db, actor, async (tx) => {
          const assured = new Set(await Promise.all((opts.receptionAssured ?? []).map((ref) => caseIdOf(tx, actor, ref))));
          const cases = await Promise.all(opts.cases.map(async (ref) => {
            const caseId = await caseIdOf(tx, actor, ref);
            return assured.has(caseId) ? { caseId, receptionAssured: true } : { caseId };
          }));
          return planTransfer({ tx, actor, law, requestId: 'cli', input: {
            purpose: opts.purpose, cases, on: opts.on, until: opts.until, facility: opts.facility, country: opts.country, agreement: opts.agreement, reason: opts.reason,
          } });
        });
        if (opts.json) out(JSON.stringify(planned, null, 2)); else printTransfer(planned);
      } catch (error) {
        reportRefusal(error);
      }
    }));

  transfers.command('list').description('the transfers whose every case you may read, latest first')
    .requiredOption('--as <user>', 'the user you act as')
    .option('--status <status>', TRANSFER_STATUSES.join(', '), oneOf('--status', TRANSFER_STATUSES)).option('--json', 'one JSON document')
    .action((opts: { as: string; status?: TransferStatus; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const page = await asActor(storage.db, actor, (tx) => listTransfers({ tx, actor, status: opts.status, limit: 500 }));
      if (opts.json) { out(JSON.stringify(page.items, null, 2)); return; }
      for (const t of page.items) out(`${t.reference}  ${t.purpose}  ${t.status}  ${t.on}  ${t.facility?.code ?? t.country ?? ''}  ${t.persons.length} person(s)`);
      if (page.items.length === 0) out('no transfer');
    }));

  transfers.command('show').description('a transfer: its manifest, places and the findings planned')
    .argument('<transfer>', 'transfer id or reference').requiredOption('--as <user>', 'the user you act as').option('--json', 'one JSON document')
    .action((ref: string, opts: { as: string; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const found = await asActor(storage.db, actor, async (tx) => loadTransfer({ tx, actor, transferId: await transferIdOf(tx, actor, ref) }));
      if (opts.json) out(JSON.stringify(found, null, 2)); else printTransfer(found);
    }));

  const change = (name: 'confirm' | 'cancel' | 'execute' | 'depart', description: string) => transfers.command(name).description(description)
    .argument('<transfer>', 'transfer id or reference').requiredOption('--as <user>', 'the user you act as')
    .requiredOption('--reason <text>', 'why (recorded in the audit trail)', reasonArg);
  type Work = (tx: Tx, actor: Actor, transferId: string, version: number, law: CaseLaw) => Promise<Transfer>;
  // `reason`: the executor's, recorded with an execution the last-moment check refuses.
  const run = (ref: string, as: string, work: Work, reason = '') => withStorage(async (storage) => {
    const actor = await actorOf(storage, as);
    const law = await loadCaseLaw(storage.db);
    try {
      const changed = await recordingRefusal({ db: storage.db, actor, reason, requestId: 'cli' }, () => asActor(storage.db, actor, async (tx) => {
        const transferId = await transferIdOf(tx, actor, ref);
        return work(tx, actor, transferId, (await loadTransfer({ tx, actor, transferId })).version, law);
      }));
      printTransfer(changed);
    } catch (error) {
      reportRefusal(error);
    }
  });

  change('confirm', 'confirm a planned transfer (four eyes: not your own plan)')
    .action((ref: string, opts: { as: string; reason: string }) => run(ref, opts.as, (tx, actor, transferId, expectedVersion) =>
      confirmTransfer({ tx, actor, transferId, expectedVersion, reason: opts.reason, requestId: 'cli' })));
  change('cancel', 'cancel a planned or confirmed transfer: its places are released')
    .action((ref: string, opts: { as: string; reason: string }) => run(ref, opts.as, (tx, actor, transferId, expectedVersion) =>
      cancelTransfer({ tx, actor, transferId, expectedVersion, reason: opts.reason, requestId: 'cli' })));
  change('execute', 'execute a confirmed transfer: the law is asked again on the day; a changed answer blocks it (exit 1)')
    .option('--on <date>', 'the day it happens (default today)', dateArg)
    .action((ref: string, opts: { as: string; reason: string; on?: string }) => run(ref, opts.as, (tx, actor, transferId, expectedVersion, law) =>
      executeTransfer({ tx, actor, transferId, expectedVersion, input: { reason: opts.reason, on: opts.on }, law, requestId: 'cli' }), opts.reason));
  change('depart', 'record that persons left the facility they were transferred to')
    .requiredOption('--on <date>', 'the day they left', dateArg).option('--cases <cases>', 'who left (default: everyone still present)', listArg)
    .action((ref: string, opts: { as: string; reason: string; on: string; cases?: string[] }) => run(ref, opts.as, async (tx, actor, transferId, expectedVersion) => {
      const caseIds = opts.cases ? await Promise.all(opts.cases.map((c) => caseIdOf(tx, actor, c))) : undefined;
      return recordDeparture({ tx, actor, transferId, expectedVersion, on: opts.on, caseIds, reason: opts.reason, requestId: 'cli' });
    }));

  transfers.command('occupancy').description('a facility\'s places per day: capacity, held, taken, free (all Member States, numbers only)')
    .argument('<facility>', 'facility id or code').requiredOption('--as <user>', 'the user you act as')
    .option('--from <date>', 'first day (default today)', dateArg).option('--to <date>', 'last day (default 30 days on)', dateArg).option('--json', 'one JSON document')
    .action((facility: string, opts: { as: string; from?: string; to?: string; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const from = opts.from ?? new Date().toISOString().slice(0, 10);
      const view = await asActor(storage.db, actor, (tx) => getFacilityOccupancy({ tx, actor, facility, from, to: opts.to ?? addDays(from, 30) }));
      if (opts.json) { out(JSON.stringify(view, null, 2)); return; }
      out(`${view.facility.code}  ${view.facility.name}  (${view.facility.country}, kept by ${view.facility.owner})`);
      for (const d of view.days) out(`  ${d.on}  capacity ${d.capacity ?? '-'}  held ${d.reserved}  present ${d.occupied}  free ${d.free ?? '-'}${d.overCapacity ? '  OVER CAPACITY' : ''}`);
    }));
}
