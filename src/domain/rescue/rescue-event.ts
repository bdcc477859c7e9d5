/**
 * @module domain/rescue/rescue-event
 * A search-and-rescue or interception event at sea: when, where (latitude and longitude), which vessel
 * under which flag and who operated it, in international waters or in the territorial waters of which
 * state, the search-and-rescue region if known (named by the state responsible for it) and the
 * coordinating rescue centre, and the people on board — a count (with the dead and the missing), and
 * links to the persons and cases registered from it. No personal data: persons are named by their
 * pseudonymous id.
 *
 * What the law engine reads of it is DOMAIN.md's `journey.interception`: the date, the area
 * (`international-waters` or `territorial-waters`) and whether the deciding Member State's own
 * authorities carried it out — a state vessel (coast guard, navy, border police) under that state's
 * flag. A private vessel (NGO, merchant, fishing) is not; a Frontex-deployed or other vessel is left
 * unknown, because which state's authorities acted depends on the operational plan.
 */
import type { Selectable } from 'kysely';
import type { Finding } from '../../../law/finding.ts';
import type { RescueAssignmentRow, RescueEventRow } from '../../storage/schema.ts';
import { normaliseCountry } from '../../lib/country-codes.ts';
import type { Journey } from '../cases/case-facts.ts';
import type { PinnedFindingLaw } from '../cases/pin-law.ts';
import type { FieldError } from '../errors.ts';

export const RESCUE_KINDS = ['rescue', 'interception'] as const;
export const VESSEL_OPERATORS = ['coastguard', 'navy', 'border-police', 'frontex', 'ngo', 'merchant', 'fishing', 'other'] as const;
export const WATERS = ['international', 'territorial'] as const;

/** Operators that are a state's authorities. */
const STATE_OPERATORS: ReadonlySet<string> = new Set(['coastguard', 'navy', 'border-police']);
/** Operators that are not any state's authorities. */
const PRIVATE_OPERATORS: ReadonlySet<string> = new Set(['ngo', 'merchant', 'fishing']);

export interface RescueEventFields {
  kind: (typeof RESCUE_KINDS)[number];
  /** ISO 8601 date and time, with its offset. */
  occurredAt: string;
  position: { lat: number; lon: number };
  vessel: { name: string; flag: string; operator: (typeof VESSEL_OPERATORS)[number] };
  waters: { kind: (typeof WATERS)[number]; state: string | null };
  /** The search-and-rescue region, by the state responsible for it (ISO 3166-1 alpha-2), when known. */
  sarRegion: string | null;
  coordinatingCentre: string | null;
  /** Survivors taken aboard or persons intercepted. */
  peopleOnBoard: number;
  deceased: number;
  missing: number;
  note: string | null;
}

export interface RescueEvent extends RescueEventFields {
  id: string;
  tenantId: string;
  reference: string;
  unitId: string | null;
  assignedTo: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function rescueEventFromRow(row: Selectable<RescueEventRow>): RescueEvent {
  return {
    id: row.id, tenantId: row.tenant_id, reference: row.reference, kind: row.kind as RescueEvent['kind'],
    occurredAt: new Date(row.occurred_at).toISOString(), position: { lat: Number(row.latitude), lon: Number(row.longitude) },
    vessel: { name: row.vessel_name, flag: row.vessel_flag, operator: row.vessel_operator as RescueEvent['vessel']['operator'] },
    waters: { kind: row.waters as RescueEvent['waters']['kind'], state: row.waters_state }, sarRegion: row.sar_region,
    coordinatingCentre: row.coordinating_centre, peopleOnBoard: row.people_on_board, deceased: row.deceased, missing: row.missing, note: row.note,
    unitId: row.unit_id, assignedTo: row.assigned_to, createdBy: row.created_by, createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(), version: row.version,
  };
}

/** The columns of the fields, for inserts and updates. */
export function rescueEventColumns(f: RescueEventFields) {
  return {
    kind: f.kind, occurred_at: f.occurredAt, latitude: f.position.lat, longitude: f.position.lon, vessel_name: f.vessel.name,
    vessel_flag: f.vessel.flag, vessel_operator: f.vessel.operator, waters: f.waters.kind, waters_state: f.waters.state,
    sar_region: f.sarRegion, coordinating_centre: f.coordinatingCentre, people_on_board: f.peopleOnBoard, deceased: f.deceased,
    missing: f.missing, note: f.note,
  };
}

/** The scope facts of an event, for `authorize`: its unit, its assignee and the one who registered it. */
export function rescueScope(e: Pick<RescueEvent, 'tenantId' | 'unitId' | 'assignedTo' | 'createdBy'>) {
  return { tenantId: e.tenantId, unitId: e.unitId, ownerIds: [e.assignedTo, e.createdBy] };
}

/** The day of the event (UTC), the date the law is applied at by default. */
export function eventDay(e: Pick<RescueEvent, 'occurredAt'>): string {
  return new Date(e.occurredAt).toISOString().slice(0, 10);
}

/** What the schema cannot say: the waters' state goes with territorial waters only, codes are countries, the event is past. */
export function fieldIssues(f: RescueEventFields, now: Date): FieldError[] {
  const issues: FieldError[] = [];
  if (Number.isNaN(Date.parse(f.occurredAt))) issues.push({ path: 'occurredAt', message: 'not a date and time' });
  else if (Date.parse(f.occurredAt) > now.getTime()) issues.push({ path: 'occurredAt', message: 'in the future' });
  if (f.waters.kind === 'territorial' && f.waters.state === null) issues.push({ path: 'waters.state', message: 'territorial waters belong to a state: name it' });
  if (f.waters.kind === 'international' && f.waters.state !== null) issues.push({ path: 'waters.state', message: 'international waters belong to no state' });
  const codes: Array<[string, string | null]> = [['vessel.flag', f.vessel.flag], ['waters.state', f.waters.state], ['sarRegion', f.sarRegion]];
  for (const [path, code] of codes) {
    if (code !== null && normaliseCountry(code) !== code) issues.push({ path, message: 'not an ISO 3166-1 alpha-2 country code' });
  }
  return issues;
}

/**
 * DOMAIN.md's `journey.interception` for an assessment by `memberState`: the day, the area, and
 * whether that Member State's authorities carried it out (unknown for Frontex-deployed or other vessels).
 */
export function interceptionOf(e: RescueEventFields, memberState: string): NonNullable<Journey['interception']> {
  const area = e.waters.kind === 'international' ? 'international-waters' as const : 'territorial-waters' as const;
  const date = eventDay(e);
  if (PRIVATE_OPERATORS.has(e.vessel.operator)) return { date, area, byMemberStateAuthorities: false };
  if (STATE_OPERATORS.has(e.vessel.operator)) return { date, area, byMemberStateAuthorities: e.vessel.flag === memberState };
  return { date, area };
}

export const DESTINATIONS = ['place-of-safety', 'mechanism'] as const;
export type Destination = (typeof DESTINATIONS)[number];

/** A rescued person's assignment: where to, on which findings, decided by whom and why. */
export interface Assignment {
  id: string;
  eventId: string;
  personId: string;
  destination: Destination;
  /** The country the person goes to: the port's state, or the mechanism's partner. */
  country: string;
  /** The port or place, when named. */
  place: string | null;
  mechanism: string | null;
  assessedOn: string;
  /** The law engine's findings the assignment was decided on. */
  findings: Finding[];
  law: PinnedFindingLaw;
  reason: string;
  legalBasis: string[];
  decidedBy: string;
  decidedAt: string;
}

export function assignmentFromRow(row: Selectable<RescueAssignmentRow>): Assignment {
  return {
    id: row.id, eventId: row.event_id, personId: row.person_id, destination: row.destination as Destination, country: row.country, place: row.place,
    mechanism: row.mechanism, assessedOn: row.assessed_on, findings: row.findings as Finding[], law: row.law as unknown as PinnedFindingLaw,
    reason: row.reason, legalBasis: row.legal_basis as string[], decidedBy: row.decided_by, decidedAt: new Date(row.decided_at).toISOString(),
  };
}
