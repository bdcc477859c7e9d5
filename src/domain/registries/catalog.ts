/**
 * @module domain/registries/catalog
 * Every registry kind Waypoint has. A kind is defined with `defineRegistryKind` in its own capability
 * folder and added here: the API routes, the CLI commands, export and import, history, review
 * reminders, the country profile and the seed pick it up from this list.
 */
import { borderSituationKind } from '../border-situations/border-situation.ts';
import { crisisAuthorisationKind } from '../border-situations/crisis-authorisation.ts';
import { countryKind } from '../countries/country.ts';
import { designationKind } from '../designations/designation.ts';
import { facilityKind } from '../facilities/facility.ts';
import { fundingKind } from '../funding/funding-line.ts';
import { instrumentKind } from '../funding/instrument.ts';
import { mechanismKind } from '../mechanisms/mechanism.ts';
import { jointMessageKind } from '../outreach/joint-message.ts';
import { outreachEventKind } from '../outreach/outreach-event.ts';
import { partnershipKind } from '../partnerships/partnership.ts';
import { readmissionKind } from '../readmission/readmission.ts';
import type { RegistryKind } from './kind.ts';

/** Every kind, a kind after the kinds its records name (the seed writes them in this order). */
export const REGISTRY_KINDS: ReadonlyArray<RegistryKind<any>> = [
  countryKind, designationKind, readmissionKind,
  partnershipKind, mechanismKind, facilityKind, instrumentKind, fundingKind,
  borderSituationKind, crisisAuthorisationKind, jointMessageKind, outreachEventKind,
];

/** The kind named `name` (singular or plural), or undefined. */
export function findRegistryKind(name: string): RegistryKind<any> | undefined {
  return REGISTRY_KINDS.find((k) => k.name === name || k.plural === name);
}
