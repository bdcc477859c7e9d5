/**
 * @module domain/transfers/destination
 * Where a transfer goes, resolved from the request and the registries: the facility (by id or code),
 * the country and the agreement, consistent with the purpose — the subject the law engine is asked
 * about. A Member State places persons only at facilities it keeps or whose mechanisms it takes part
 * in. A placement stays inside the Member State's own territory: a facility abroad, even one under
 * its jurisdiction (the centres in Albania under the Italy–Albania Protocol), is reached only by a
 * movement the law engine answers on (offshore processing, removal, return hub, safe third country).
 */
import type { Actor } from '../access/roles.ts';
import type { TransitionInput } from '../cases/effects.ts';
import { DomainError } from '../errors.ts';
import { capacityOn, facilityKind, type Facility } from '../facilities/facility.ts';
import { mechanismKind, type Mechanism } from '../mechanisms/mechanism.ts';
import { getRegistryRecord } from '../registries/get-record.ts';
import type { RegistryRecord } from '../registries/record.ts';
import { MEMBER_STATE_CODES } from '../tenants/tenants.ts';
import { daysBetween } from '../../rules/engine/dates.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { TransferPurpose } from './transfer.ts';

/**
 * The longest range a place is held for: a technical bound on the day counters one reservation
 * writes (two years), not a legal limit; a longer stay is a new transfer.
 */
export const MAX_PLACE_DAYS = 731;

/** The mechanism kind an agreement of each purpose must be (`law/facts.ts` AGREEMENT_KINDS). */
const AGREEMENT_KIND: Partial<Record<TransferPurpose, Mechanism['kind']>> = { 'offshore-processing': 'offshore-processing', 'return-hub': 'return-hub' };

export interface DestinationRequest {
  purpose: TransferPurpose;
  /** A facility's id or code. */
  facility?: string;
  country?: string;
  agreement?: string;
  on: string;
  until?: string;
}

export interface Destination {
  facility: RegistryRecord<Facility> | null;
  country: string | null;
  agreement: string | null;
  /** The transition's subject: the country or the agreement the law engine's findings name. */
  subject: Pick<TransitionInput, 'country' | 'agreement'>;
}

function invalid(path: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, [{ path, message }]);
}

async function facilityOf(tx: Tx, actor: Actor, idOrKey: string): Promise<RegistryRecord<Facility>> {
  try {
    return await getRegistryRecord<Facility>({ tx, actor, kind: facilityKind, idOrKey });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw invalid('facility', `no facility ${idOrKey} in the registry`);
    throw error;
  }
}

async function mechanismOf(tx: Tx, actor: Actor, code: string): Promise<Mechanism | null> {
  return getRegistryRecord<Mechanism>({ tx, actor, kind: mechanismKind, idOrKey: code }).then((r) => r.data, () => null);
}

/** A Member State uses a facility it keeps, or one serving a mechanism it takes part in. */
async function checkUsable(tx: Tx, actor: Actor, facility: Facility): Promise<void> {
  if (facility.owner === actor.tenantId) return;
  const mechanisms = await Promise.all(facility.mechanisms.map((code) => mechanismOf(tx, actor, code)));
  if (mechanisms.some((m) => m?.memberStates.includes(actor.tenantId))) return;
  throw invalid('facility', `${actor.tenantId} neither keeps ${facility.code} (${facility.owner} does) nor takes part in its mechanisms (${facility.mechanisms.join(', ')})`);
}

function checkDates(request: DestinationRequest, facility: Facility | null): void {
  if (!facility) {
    if (request.until !== undefined) throw invalid('until', 'a place is held only at a facility: name one, or leave out until');
    return;
  }
  if (request.until === undefined) throw invalid('until', 'give the last day the place is held at the facility');
  if (request.until < request.on) throw invalid('until', `${request.until} is before the transfer's date ${request.on}`);
  if (daysBetween(request.on, request.until) + 1 > MAX_PLACE_DAYS) throw invalid('until', `a place is held for ${MAX_PLACE_DAYS} days at most; plan a new transfer for a longer stay`);
  if (capacityOn(facility, request.on).places === null) throw invalid('on', `${facility.code} has no capacity recorded on ${request.on}`);
}

/** The country for a purpose about a country: given, or where the facility stands. */
function countryFor(request: DestinationRequest, facility: Facility | null, tenantId: string): string {
  const country = request.country ?? facility?.location.country;
  if (!country) throw invalid('country', `a ${request.purpose} goes to a country: name it, or a facility`);
  if (request.purpose === 'member-state' ? !MEMBER_STATE_CODES.has(country) || country === tenantId : MEMBER_STATE_CODES.has(country)) {
    throw invalid('country', request.purpose === 'member-state' ? `${country} is not another Member State` : `${country} is a Member State: a ${request.purpose} goes to a third country`);
  }
  return country;
}

/** The agreement for a purpose under one: given, or the facility's one mechanism of that kind. */
async function agreementFor(tx: Tx, actor: Actor, request: DestinationRequest, facility: Facility | null): Promise<Mechanism> {
  const kind = AGREEMENT_KIND[request.purpose]!;
  const candidates = request.agreement ? [request.agreement] : facility?.mechanisms ?? [];
  const mechanisms = (await Promise.all(candidates.map((code) => mechanismOf(tx, actor, code)))).filter((m): m is Mechanism => m?.kind === kind);
  if (mechanisms.length !== 1) {
    throw invalid('agreement', request.agreement ? `${request.agreement} is not a ${kind} mechanism in the registry` : `name the ${kind} agreement the transfer is made under`);
  }
  const mechanism = mechanisms[0]!;
  if (facility && !facility.mechanisms.includes(mechanism.code)) throw invalid('agreement', `${facility.code} does not serve ${mechanism.code}`);
  if (request.country !== undefined && request.country !== mechanism.partner) throw invalid('country', `${mechanism.code} is with ${mechanism.partner}, not ${request.country}`);
  return mechanism;
}

/**
 * The facility, country and agreement of a transfer, checked against the purpose and the registries.
 * @throws DomainError VALIDATION_FAILED naming the field.
 * @example await resolveDestination(tx, actor, { purpose: 'removal', country: 'BD', on: '2026-08-01' })
 */
export async function resolveDestination(tx: Tx, actor: Actor, request: DestinationRequest): Promise<Destination> {
  const record = request.facility !== undefined ? await facilityOf(tx, actor, request.facility) : null;
  const facility = record?.data ?? null;
  if (facility) await checkUsable(tx, actor, facility);
  checkDates(request, facility);
  if (request.purpose === 'placement') {
    if (!record || !facility) throw invalid('facility', 'a placement is at a facility: name it');
    if (facility.location.country !== actor.tenantId || (request.country !== undefined && request.country !== actor.tenantId)) {
      throw invalid('facility', `${facility.code} stands in ${facility.location.country}: a placement stays in ${actor.tenantId}; moving a person abroad is a removal, a transfer or offshore processing`);
    }
    if (request.agreement !== undefined) throw invalid('agreement', 'a placement is under no agreement');
    return { facility: record, country: actor.tenantId, agreement: null, subject: {} };
  }
  if (AGREEMENT_KIND[request.purpose]) {
    const mechanism = await agreementFor(tx, actor, request, facility);
    return { facility: record, country: mechanism.partner, agreement: mechanism.code, subject: { agreement: mechanism.code } };
  }
  const country = countryFor(request, facility, actor.tenantId);
  if (facility && facility.location.country !== country) throw invalid('facility', `${facility.code} stands in ${facility.location.country}, not ${country}`);
  if (request.agreement !== undefined) throw invalid('agreement', `a ${request.purpose} names a country, not an agreement`);
  return { facility: record, country, agreement: null, subject: { country } };
}
