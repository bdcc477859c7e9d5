/**
 * @module cli/commands/rescue
 * `waypoint rescue …`: rescue and interception events from the command line, acting as a named user
 * (`--as USER`) through the same domain operations, permission table and row-level security as the API.
 *   rescue register --as USER --kind rescue|interception --at DATETIME --lat N --lon N --vessel NAME --flag CC
 *        --operator OP --waters international|territorial [--waters-state CC] [--sar-region CC] [--centre NAME]
 *        --on-board N [--deceased N] [--missing N] [--note TEXT] [--reason R]
 *   rescue list --as USER [--json]
 *   rescue show EVENT --as USER [--json]                     the event, its persons and their assignments
 *   rescue link EVENT PERSON --as USER [--case CASE]         a person registered from it
 *   rescue assign EVENT PERSON --as USER --to place-of-safety|mechanism (--country CC | --mechanism CODE)
 *        [--place NAME] [--on DATE] --reason R               as the law engine's findings permit
 * EVENT is an event id or reference (IT-SAR-2026-000001). Exit codes: 0 done, 1 the law refused the
 * assignment (each refusal printed with its citations), 2 invalid input.
 */
import type { Command } from 'commander';
import type { Actor } from '../../domain/access/roles.ts';
import { loadCaseLaw } from '../../domain/cases/law-context.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { assignRescuedPerson } from '../../domain/rescue/assign-rescued-person.ts';
import { getRescueEvent, type RescueEventView } from '../../domain/rescue/get-rescue-event.ts';
import { linkRescuedPerson } from '../../domain/rescue/link-rescued-person.ts';
import { listRescueEvents } from '../../domain/rescue/list-rescue-events.ts';
import { registerRescueEvent } from '../../domain/rescue/register-rescue-event.ts';
import { DESTINATIONS, RESCUE_KINDS, VESSEL_OPERATORS, WATERS, type Destination, type RescueEvent } from '../../domain/rescue/rescue-event.ts';
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

function numberArg(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${name}: a number from ${min} to ${max}, not ${value}`);
    return n;
  };
}

function countArg(name: string) {
  const parse = numberArg(name, 0, 100_000);
  return (value: string): number => {
    const n = parse(value);
    if (!Number.isInteger(n)) throw new UsageError(`${name}: a whole number, not ${value}`);
    return n;
  };
}

function instantArg(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`--at: an ISO 8601 date and time with offset (2026-07-10T03:40:00Z), not ${value}`);
  }
  return value;
}

function textArg(name: string) {
  return (value: string): string => {
    if (value.trim().length < 1 || value.length > 200) throw new UsageError(`${name}: 1 to 200 characters`);
    return value.trim();
  };
}

/** An event id, or the id of the event with that reference in the actor's tenant. */
async function eventIdOf(tx: Tx, actor: Actor, ref: string): Promise<string> {
  if (isUuid(ref)) return ref;
  const row = await tx.selectFrom('rescue_events').select('id').where('tenant_id', '=', actor.tenantId).where('reference', '=', ref).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `rescue event ${ref} not found`);
  return row.id;
}

function printEvent(e: RescueEvent | RescueEventView): void {
  const waters = e.waters.kind === 'international' ? 'international waters' : `territorial waters of ${e.waters.state}`;
  out(`${e.reference}  ${e.kind} at ${e.occurredAt}  ${e.position.lat}, ${e.position.lon}  ${waters}  version ${e.version}`);
  out(`  vessel ${e.vessel.name} (${e.vessel.flag}, ${e.vessel.operator})  SAR region ${e.sarRegion ?? 'not known'}  coordinated by ${e.coordinatingCentre ?? 'not known'}`);
  out(`  on board ${e.peopleOnBoard}, dead ${e.deceased}, missing ${e.missing}`);
  for (const p of 'persons' in e ? e.persons : []) {
    const a = p.assignment;
    out(`  person ${p.personId}${p.caseId ? ` case ${p.caseId}` : ''}: ${a ? `${a.destination} ${a.mechanism ?? a.country}${a.place ? ` (${a.place})` : ''} on ${a.assessedOn} by ${a.decidedBy}` : 'not assigned'}`);
  }
}

/** Prints the law's refusal with every finding and citation, and marks the run as a failed check (exit 1). */
function reportRefusal(error: unknown): void {
  if (!isDomainError(error, 'ASSIGNMENT_REFUSED', 'INVALID_STATE', 'ALREADY_EXISTS')) throw error;
  process.stderr.write(`waypoint: ${error.message}\n`);
  for (const r of (error.extensions.refusals ?? []) as Array<{ message: string; basis: string[]; because: string[] }>) {
    process.stderr.write(`  ${r.message}\n`);
    if (r.basis.length) process.stderr.write(`    basis: ${r.basis.join('; ')}\n`);
    for (const b of r.because) process.stderr.write(`    because: ${b}\n`);
  }
  process.exitCode = 1;
}

interface RegisterOptions {
  as: string; kind: RescueEvent['kind']; at: string; lat: number; lon: number; vessel: string; flag: string; operator: RescueEvent['vessel']['operator'];
  waters: RescueEvent['waters']['kind']; watersState?: string; sarRegion?: string; centre?: string; onBoard: number; deceased?: number; missing?: number;
  note?: string; reason?: string; json?: boolean;
}

interface AssignOptions { as: string; to: Destination; country?: string; mechanism?: string; place?: string; on?: string; reason: string }

export function registerRescueCommands(program: Command): void {
  const rescue = program.command('rescue').description('rescue at sea and interceptions: events, persons on board, places of safety');
  rescue.command('register').description('register a search-and-rescue or interception event')
    .requiredOption('--as <user>', 'the user you act as')
    .requiredOption('--kind <kind>', 'rescue or interception', oneOf('--kind', RESCUE_KINDS))
    .requiredOption('--at <datetime>', 'when (ISO 8601 with offset)', instantArg)
    .requiredOption('--lat <degrees>', 'latitude', numberArg('--lat', -90, 90)).requiredOption('--lon <degrees>', 'longitude', numberArg('--lon', -180, 180))
    .requiredOption('--vessel <name>', 'the vessel', textArg('--vessel')).requiredOption('--flag <code>', 'its flag state', countryArg)
    .requiredOption('--operator <operator>', VESSEL_OPERATORS.join(', '), oneOf('--operator', VESSEL_OPERATORS))
    .requiredOption('--waters <waters>', 'international or territorial', oneOf('--waters', WATERS))
    .option('--waters-state <code>', 'the coastal state, for territorial waters', countryArg)
    .option('--sar-region <code>', 'the search-and-rescue region, by its state', countryArg)
    .option('--centre <name>', 'the coordinating rescue centre', textArg('--centre'))
    .requiredOption('--on-board <n>', 'survivors taken aboard or persons intercepted', countArg('--on-board'))
    .option('--deceased <n>', 'dead', countArg('--deceased')).option('--missing <n>', 'missing', countArg('--missing'))
    .option('--note <text>', 'a note').option('--reason <text>', 'why (recorded in the audit trail)', reasonArg).option('--json', 'one JSON document')
    .action((opts: RegisterOptions) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const event = await asActor(storage.db, actor, (tx) => registerRescueEvent({ tx, actor, input: {
        kind: opts.kind, occurredAt: opts.at, position: { lat: opts.lat, lon: opts.lon }, vessel: { name: opts.vessel, flag: opts.flag, operator: opts.operator },
        waters: { kind: opts.waters, state: opts.watersState ?? null }, sarRegion: opts.sarRegion ?? null, coordinatingCentre: opts.centre ?? null,
        peopleOnBoard: opts.onBoard, deceased: opts.deceased ?? 0, missing: opts.missing ?? 0, note: opts.note ?? null, reason: opts.reason ?? null,
      } }));
      if (opts.json) out(JSON.stringify(event, null, 2)); else printEvent(event);
    }));

  rescue.command('list').description('the events you may read, newest first').requiredOption('--as <user>', 'the user you act as').option('--json', 'one JSON document')
    .action((opts: { as: string; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const page = await asActor(storage.db, actor, (tx) => listRescueEvents({ tx, actor, limit: 500 }));
      if (opts.json) { out(JSON.stringify(page.items, null, 2)); return; }
      for (const e of page.items) out(`${e.reference}  ${e.kind.padEnd(12)} ${e.occurredAt}  ${e.vessel.name} (${e.vessel.flag})  on board ${e.peopleOnBoard}`);
    }));

  rescue.command('show').description('an event, the persons registered from it and their assignments').argument('<event>', 'event id or reference')
    .requiredOption('--as <user>', 'the user you act as').option('--json', 'one JSON document')
    .action((ref: string, opts: { as: string; json?: boolean }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const view = await asActor(storage.db, actor, async (tx) => getRescueEvent({ tx, actor, eventId: await eventIdOf(tx, actor, ref) }));
      if (opts.json) out(JSON.stringify(view, null, 2)); else printEvent(view);
    }));

  rescue.command('link').description('link a person registered from the event, with their case').argument('<event>', 'event id or reference').argument('<person>', 'person id')
    .requiredOption('--as <user>', 'the user you act as').option('--case <case>', 'the person\'s case (id or reference)')
    .action((ref: string, personId: string, opts: { as: string; case?: string }) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      try {
        const view = await asActor(storage.db, actor, async (tx) => {
          const eventId = await eventIdOf(tx, actor, ref);
          const { version } = await getRescueEvent({ tx, actor, eventId });
          const caseId = opts.case ? await caseIdOf(tx, actor, opts.case) : null;
          return linkRescuedPerson({ tx, actor, eventId, expectedVersion: version, input: { personId, caseId } });
        });
        out(`${view.reference}: ${view.persons.length} of ${view.peopleOnBoard} on board registered`);
      } catch (error) {
        reportRefusal(error);
      }
    }));

  rescue.command('assign').description('assign a rescued person to a place of safety or a mechanism, as the law engine\'s findings permit')
    .argument('<event>', 'event id or reference').argument('<person>', 'person id')
    .requiredOption('--as <user>', 'the user you act as').requiredOption('--to <destination>', DESTINATIONS.join(' or '), oneOf('--to', DESTINATIONS))
    .option('--country <code>', 'the state of the place of safety', countryArg).option('--mechanism <code>', 'the mechanism, for --to mechanism')
    .option('--place <name>', 'the port or place', textArg('--place')).option('--on <date>', 'apply the law in force on this day (default today)', dateArg)
    .requiredOption('--reason <text>', 'why (recorded in the audit trail)', reasonArg)
    .action((ref: string, personId: string, opts: AssignOptions) => withStorage(async (storage) => {
      const actor = await actorOf(storage, opts.as);
      const law = await loadCaseLaw(storage.db);
      try {
        const { assignment, event } = await asActor(storage.db, actor, async (tx) => {
          const eventId = await eventIdOf(tx, actor, ref);
          const { version } = await getRescueEvent({ tx, actor, eventId });
          return assignRescuedPerson({ tx, actor, eventId, expectedVersion: version, law, input: {
            personId, destination: opts.to, country: opts.country, mechanism: opts.mechanism, place: opts.place ?? null, on: opts.on, reason: opts.reason,
          } });
        });
        out(`${event.reference}: person ${personId} assigned to ${assignment.destination} ${assignment.mechanism ?? assignment.country}${assignment.place ? ` (${assignment.place})` : ''} on ${assignment.assessedOn}`);
        for (const f of assignment.findings) out(`  ${f.question}${f.country ? ` ${f.country}` : ''}${f.agreement ? ` ${f.agreement}` : ''}: ${f.outcome} — ${f.basis.join('; ')}`);
      } catch (error) {
        reportRefusal(error);
      }
    }));
}
