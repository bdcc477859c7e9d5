/**
 * @module domain/transfers/get-facility-occupancy
 * A facility's places over time, as every user may see them: per day, its capacity (the registry's
 * dated sections), the places held by planned or confirmed transfers and those taken by persons
 * present, over all tenants, and what is free — aggregate numbers only, never whose. The occupancy
 * figures the registry record itself holds (reported publicly, or entered by hand) come alongside.
 */
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { capacityOn, facilityKind, type Facility } from '../facilities/facility.ts';
import { getRegistryRecord } from '../registries/get-record.ts';
import { addDays, daysBetween } from '../../rules/engine/dates.ts';
import type { Tx } from '../../storage/transaction.ts';

/** The longest range one answer covers. */
export const MAX_OCCUPANCY_DAYS = 366;

export interface OccupancyDay {
  on: string;
  /** Places that day; null when the registry records no capacity covering it. */
  capacity: number | null;
  /** Places held by planned or confirmed transfers. */
  reserved: number;
  /** Persons present, brought by executed transfers and not yet left. */
  occupied: number;
  free: number | null;
  overCapacity: boolean;
}

export interface FacilityOccupancy {
  facility: { id: string; code: string; name: string; owner: string; country: string };
  from: string;
  to: string;
  days: OccupancyDay[];
  /** The figures in the facility's registry record within the range (public reports, or entered by hand). */
  recorded: Facility['occupancy'];
}

export interface GetFacilityOccupancyOptions {
  tx: Tx;
  actor: Actor;
  /** The facility's id or code. */
  facility: string;
  from: string;
  to: string;
}

/**
 * @throws DomainError NOT_FOUND (no such facility), VALIDATION_FAILED (the range).
 * @example await getFacilityOccupancy({ tx, actor, facility: 'al-gjader', from: '2026-08-01', to: '2026-08-31' })
 */
export async function getFacilityOccupancy({ tx, actor, facility, from, to }: GetFacilityOccupancyOptions): Promise<FacilityOccupancy> {
  const record = await getRegistryRecord<Facility>({ tx, actor, kind: facilityKind, idOrKey: facility });
  if (to < from) throw new DomainError('VALIDATION_FAILED', `${to} is before ${from}`, [{ path: 'to', message: `before from (${from})` }]);
  const length = daysBetween(from, to) + 1;
  if (length > MAX_OCCUPANCY_DAYS) throw new DomainError('VALIDATION_FAILED', `ask for ${MAX_OCCUPANCY_DAYS} days at most`, [{ path: 'to', message: `more than ${MAX_OCCUPANCY_DAYS} days after from` }]);
  const rows = await tx.selectFrom('facility_days').select(['day', 'reserved', 'occupied'])
    .where('facility_id', '=', record.id).where('day', '>=', from).where('day', '<=', to).execute();
  const counted = new Map(rows.map((r) => [r.day, r]));
  const f = record.data;
  const days = Array.from({ length }, (_, i): OccupancyDay => {
    const on = addDays(from, i);
    const capacity = capacityOn(f, on).places;
    const { reserved = 0, occupied = 0 } = counted.get(on) ?? {};
    return { on, capacity, reserved, occupied, free: capacity === null ? null : Math.max(0, capacity - reserved - occupied), overCapacity: capacity !== null && reserved + occupied > capacity };
  });
  return {
    facility: { id: record.id, code: f.code, name: f.name, owner: f.owner, country: f.location.country },
    from, to, days, recorded: f.occupancy.filter((o) => o.on >= from && o.on <= to),
  };
}
