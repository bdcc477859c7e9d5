/**
 * @module cli/commands/case
 * `waypoint case …` and `waypoint person …`: the procedures and people from the command line. Every
 * command acts as a named person (`--as USER`, a user of this installation), through the same domain
 * operations, permission table and row-level security as the API; each write is an audited event.
 *   case transitions CASE --as USER [--on DATE] [--json]     where the case may go, with the law's reasons
 *   case take CASE TRANSITION --as USER --reason R [--on DATE] [--country CC] [--agreement ID]
 *        [--moving-with ID,…] [--voluntary-departure-days N] [--entry-ban-years N] [--reception-assured]
 *   case approve|reject CASE --as USER --reason R           the transition waiting for approval (four eyes)
 *   person search QUERY --as USER [--birth-date D] [--nationality CC] [--json]
 *   person merge DUPLICATE --into SURVIVOR --as USER --reason R
 * CASE is a case id or reference (IT-2026-000012). Exit codes: 0 done, 1 the law or the procedure
 * refused (the findings are printed with their citations), 2 invalid input.
 */
import type { Command } from 'commander';
import { isRole, type Actor } from '../../domain/access/roles.ts';
import { approveTransition, rejectTransition } from '../../domain/cases/approve-transition.ts';
import { loadCaseLaw } from '../../domain/cases/law-context.ts';
import { listTransitions, type TransitionsView } from '../../domain/cases/list-transitions.ts';
import { takeTransition } from '../../domain/cases/take-transition.ts';
import { pendingTransition } from '../../domain/cases/transition-record.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { mergePersons } from '../../domain/persons/merge-persons.ts';
import { searchPersons } from '../../domain/persons/search-persons.ts';
import { normaliseCountry } from '../../lib/country-codes.ts';
import { isIsoDate } from '../../rules/engine/dates.ts';
import type { Storage } from '../../storage/providers/index.ts';
import { asActor, type Tx } from '../../storage/transaction.ts';
import { withStorage } from '../context.ts';
import { UsageError } from '../usage-error.ts';

export function dateArg(value: string): string {
  if (!isIsoDate(value)) throw new UsageError(`not a date: ${value} (expected YYYY-MM-DD)`);
  return value;
}

export function countryArg(value: string): string {
  const code = normaliseCountry(value.toUpperCase());
  if (!code) throw new UsageError(`not a country code: ${value} (ISO 3166-1 alpha-2)`);
  return code;
}

function countArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 120) throw new UsageError(`not a whole number from 0 to 120: ${value}`);
  return n;
}

function idsArg(value: string): string[] {
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) if (!isUuid(id)) throw new UsageError(`not a person id: ${id}`);
  return ids;
}

export function reasonArg(value: string): string {
  if (value.trim().length < 3) throw new UsageError('--reason: say why, in at least 3 characters');
  return value.trim();
}

/** The named person a command acts as: a user of this installation, with their tenant, unit and roles. */
export async function actorOf(storage: Storage, username: string): Promise<Actor> {
  const user = await storage.db.selectFrom('users').selectAll().where('id', '=', username).executeTakeFirst();
  if (!user) throw new UsageError(`--as: no user ${username} in this installation`);
  return { id: user.id, displayName: user.display_name, tenantId: user.tenant_id, unitId: user.unit_id, roles: user.roles.filter(isRole) };
}

/** A case id, or the id of the case with that reference in the actor's tenant. */
export async function caseIdOf(tx: Tx, actor: Actor, ref: string): Promise<string> {
  if (isUuid(ref)) return ref;
  const row = await tx.selectFrom('cases').select('id').where('tenant_id', '=', actor.tenantId).where('reference', '=', ref).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `case ${ref} not found`);
  return row.id;
}

async function currentVersion(tx: Tx, actor: Actor, caseId: string): Promise<number> {
  const row = await tx.selectFrom('cases').select('version').where('tenant_id', '=', actor.tenantId).where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `case ${caseId} not found`);
  return row.version;
}

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** The view as lines a caseworker reads: each transition allowed or refused, why, and on what basis. */
function printView(view: TransitionsView): void {
  out(`case ${view.caseId}  stage ${view.stage}  version ${view.version}  law on ${view.on}${view.regime ? ` (${view.regime})` : ''}`);
  for (const e of view.assessmentErrors) out(`  the engine could not assess: ${e.path}: ${e.message}`);
  for (const a of view.available) {
    const subject = a.subject ? ` ${Object.values(a.subject).join(' ')}` : '';
    const flags = [a.fourEyes ? 'four eyes' : '', a.permitted ? '' : 'not permitted to you'].filter(Boolean).join(', ');
    out(`  ${a.allowed ? 'allowed' : 'refused'}  ${a.transition}${subject} → ${a.to}${flags ? `  [${flags}]` : ''}`);
    for (const r of a.refusals) {
      out(`      ${r.message}`);
      if (r.basis.length) out(`        basis: ${r.basis.join('; ')}`);
      for (const b of r.because) out(`        because: ${b}`);
    }
  }
  if (view.pending) out(`  pending: ${view.pending.transition} proposed by ${view.pending.proposedBy} on ${view.pending.proposedAt.slice(0, 10)} (${view.pending.id})${view.pending.refusal ? ` — ${view.pending.refusal}` : ''}`);
  for (const d of view.deadlines) out(`  deadline ${d.name}: ${d.date} (${d.basis.join('; ')})`);
}

/** Prints a refusal of the law with every finding and citation, and marks the run as a failed check (exit 1). */
function reportRefusal(error: unknown): void {
  if (!isDomainError(error, 'TRANSITION_REFUSED', 'INVALID_TRANSITION', 'TRANSITION_PENDING', 'FOUR_EYES', 'MERGED')) throw error;
  process.stderr.write(`waypoint: ${error.message}\n`);
  for (const r of (error.extensions.refusals ?? []) as Array<{ message: string; basis: string[]; because: string[] }>) {
    process.stderr.write(`  ${r.message}\n`);
    if (r.basis.length) process.stderr.write(`    basis: ${r.basis.join('; ')}\n`);
    for (const b of r.because) process.stderr.write(`    because: ${b}\n`);
  }
  process.exitCode = 1;
}

interface TakeOptions {
  as: string; reason: string; on?: string; country?: string; agreement?: string; movingWith?: string[];
  voluntaryDepartureDays?: number; entryBanYears?: number; receptionAssured?: boolean; json?: boolean;
}

function registerCase(program: Command): void {
  const cases = program.command('case').description('case procedures: transitions gated by the law, four eyes');
  cases.command('transitions').description('where a case may go now: each transition allowed or refused, with findings, citations and reasons')
    .argument('<case>', 'case id or reference').requiredOption('--as <user>', 'the user you act as')
    .option('--on <date>', 'apply the law in force on this date (default today)', dateArg).option('--json', 'one JSON document')
    .action((ref: string, opts: { as: string; on?: string; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const law = await loadCaseLaw(storage.db);
      const view = await asActor(storage.db, actor, async (tx) => listTransitions({ tx, actor, caseId: await caseIdOf(tx, actor, ref), on: opts.on, law }));
      if (opts.json) out(JSON.stringify(view, null, 2)); else printView(view);
    }));

  cases.command('take').description('take a transition, or propose it when it needs a supervisor\'s approval')
    .argument('<case>', 'case id or reference').argument('<transition>', 'a transition leaving the case\'s stage (see `case transitions`)')
    .requiredOption('--as <user>', 'the user you act as').requiredOption('--reason <text>', 'why (recorded in the audit trail)', reasonArg)
    .option('--on <date>', 'the date it takes effect (default today)', dateArg)
    .option('--country <code>', 'the destination, for transitions about a country', countryArg)
    .option('--agreement <id>', 'the agreement, for transitions under one')
    .option('--moving-with <ids>', 'family members moving together (person ids, comma-separated)', idsArg)
    .option('--voluntary-departure-days <n>', 'return decision: period for voluntary departure', countArg)
    .option('--entry-ban-years <n>', 'return decision: entry ban in years', countArg)
    .option('--reception-assured', 'removal of an unaccompanied minor: reception is assured (Directive 2008/115/EC Art. 10(2))')
    .option('--json', 'one JSON document')
    .action((ref: string, transition: string, opts: TakeOptions) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const law = await loadCaseLaw(storage.db);
      try {
        const result = await asActor(storage.db, actor, async (tx) => {
          const caseId = await caseIdOf(tx, actor, ref);
          return takeTransition({ tx, actor, caseId, expectedVersion: await currentVersion(tx, actor, caseId), law, input: {
            transition, reason: opts.reason, on: opts.on, country: opts.country, agreement: opts.agreement, movingWith: opts.movingWith,
            voluntaryDepartureDays: opts.voluntaryDepartureDays, entryBanYears: opts.entryBanYears, receptionAssured: opts.receptionAssured,
          } });
        });
        if (opts.json) { out(JSON.stringify({ status: result.status, case: result.case, transition: result.transition }, null, 2)); return; }
        out(result.status === 'taken'
          ? `${result.case.reference}: ${transition} taken, now ${result.case.stage} (decision record ${result.decision.id})`
          : `${result.case.reference}: ${transition} proposed (${result.transition.id}); it waits for another supervisor's approval`);
      } catch (error) {
        reportRefusal(error);
      }
    }));

  for (const verdict of ['approve', 'reject'] as const) {
    cases.command(verdict).description(`${verdict} the transition waiting for approval (not your own)`)
      .argument('<case>', 'case id or reference').requiredOption('--as <user>', 'the user you act as')
      .requiredOption('--reason <text>', 'why (recorded in the audit trail)', reasonArg)
      .action((ref: string, opts: { as: string; reason: string }) => withStorage(async (storage) => {
        const actor = await actorOf(storage, opts.as);
        const law = await loadCaseLaw(storage.db);
        try {
          const result = await asActor(storage.db, actor, async (tx) => {
            const caseId = await caseIdOf(tx, actor, ref);
            const pending = await pendingTransition(tx, actor.tenantId, caseId, false);
            if (!pending) throw new DomainError('INVALID_STATE', `no transition of case ${ref} waits for approval`);
            const options = { tx, actor, caseId, transitionId: pending.id, expectedVersion: await currentVersion(tx, actor, caseId), reason: opts.reason };
            return verdict === 'approve' ? approveTransition({ ...options, law }) : rejectTransition(options);
          });
          out(`${result.case.reference}: ${result.transition.transition} ${result.transition.status} by ${actor.id}; stage ${result.case.stage}`);
        } catch (error) {
          reportRefusal(error);
        }
      }));
  }
}

function registerPerson(program: Command): void {
  const persons = program.command('person').description('people: fuzzy search, merging duplicates');
  persons.command('search').description('persons whose names match, in any spelling (each person shown is a logged read)')
    .argument('<query>', 'names').requiredOption('--as <user>', 'the user you act as')
    .option('--birth-date <date>', 'only this birth date', dateArg).option('--nationality <code>', 'only this nationality', (v: string) => v.toUpperCase())
    .option('--json', 'one JSON document')
    .action((q: string, opts: { as: string; birthDate?: string; nationality?: string; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const hits = await asActor(storage.db, actor, (tx) => searchPersons({ tx, actor, q, birthDate: opts.birthDate, nationality: opts.nationality, requestId: 'cli' }));
      if (opts.json) { out(JSON.stringify(hits, null, 2)); return; }
      for (const { person, score } of hits) {
        const d = person.data!;
        out(`${score.toFixed(3)}  ${person.id}  ${d.givenNames} ${d.familyName}  ${d.nationality}  ${d.birthDate ?? (d.assessedAge ? `~${d.assessedAge.years} (${d.assessedAge.method})` : 'birth date unknown')}`);
      }
      if (hits.length === 0) out('no person found');
    }));

  persons.command('merge').description('merge a duplicate into the person it is: its cases move, both histories stay')
    .argument('<duplicate>', 'the duplicate\'s person id').requiredOption('--into <person>', 'the person that survives')
    .requiredOption('--as <user>', 'the user you act as').requiredOption('--reason <text>', 'why (recorded in the audit trail)', reasonArg)
    .action((duplicate: string, opts: { as: string; into: string; reason: string }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      try {
        const result = await asActor(storage.db, actor, async (tx) => {
          const row = await tx.selectFrom('persons').select('version').where('tenant_id', '=', actor.tenantId).where('id', '=', isUuid(duplicate) ? duplicate : '00000000-0000-0000-0000-000000000000').executeTakeFirst();
          if (!row) throw new DomainError('NOT_FOUND', `person ${duplicate} not found`);
          return mergePersons({ tx, actor, personId: duplicate, intoId: opts.into, expectedVersion: row.version, reason: opts.reason, requestId: 'cli' });
        });
        out(`merged ${duplicate} into ${opts.into}: ${result.movedCases.length} case(s) moved`);
      } catch (error) {
        reportRefusal(error);
      }
    }));
}

export function registerCaseCommands(program: Command): void {
  registerCase(program);
  registerPerson(program);
}
