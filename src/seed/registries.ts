/**
 * @module seed/registries
 * Seeds the shared registries with the real facts of `registry-facts/` (countries, designations,
 * readmission, partnerships and their mechanisms, facilities, funding, border situations, outreach)
 * and makes sure the registries' audit chain (`EU`) exists. Idempotent: a record whose
 * key is already there is left as it is — the registries belong to their administrators once seeded,
 * so a later correction of a seeded fact is theirs to make (and is audited), never overwritten by a
 * restart. Facts added to a later version of Waypoint are added on its first start.
 *
 * Every seeded record is written like any other registry write: validated by its kind, with a
 * `<kind>.created` event on the `EU` chain by `system:seed`, so its history starts with where it
 * came from.
 */
import type { Kysely } from 'kysely';
import { systemActor, type Actor } from '../domain/access/roles.ts';
import { genesisHash } from '../domain/audit/chain.ts';
import { borderSituationKind } from '../domain/border-situations/border-situation.ts';
import { countryKind } from '../domain/countries/country.ts';
import { designationKind } from '../domain/designations/designation.ts';
import { facilityKind } from '../domain/facilities/facility.ts';
import { fundingKind } from '../domain/funding/funding-line.ts';
import { instrumentKind } from '../domain/funding/instrument.ts';
import { mechanismKind } from '../domain/mechanisms/mechanism.ts';
import { outreachEventKind } from '../domain/outreach/outreach-event.ts';
import { partnershipKind } from '../domain/partnerships/partnership.ts';
import { readmissionKind } from '../domain/readmission/readmission.ts';
import { isDomainError } from '../domain/errors.ts';
import { REGISTRY_CHAIN } from '../domain/registries/chain.ts';
import { parseRecordData, type RegistryKind } from '../domain/registries/kind.ts';
import { insertRecords } from '../domain/registries/write-record.ts';
import type { Database } from '../storage/schema.ts';
import { inTenant, type Tx } from '../storage/transaction.ts';
import { seedCountries } from './registry-facts/countries.ts';
import { seedDesignations } from './registry-facts/designations.ts';
import { seedReadmission } from './registry-facts/readmission.ts';
import { seedBorderSituations } from './registry-facts/border-situations.ts';
import { seedFacilities } from './registry-facts/facilities.ts';
import { seedFunding, seedInstruments } from './registry-facts/funding.ts';
import { seedMechanisms } from './registry-facts/mechanisms.ts';
import { seedOutreachEvents } from './registry-facts/outreach.ts';
import { seedPartnerships } from './registry-facts/partnerships.ts';

/** The tenant row that holds the registries' audit chain. */
export const REGISTRY_TENANT = {
  id: REGISTRY_CHAIN, kind: 'registry', name: 'Shared registries (countries, designations, readmission, partnerships …)',
  source: 'https://european-union.europa.eu/principles-countries-history/eu-countries_en',
};

/**
 * The facts of every seeded kind, in the order they are written: a kind after the kinds its records
 * name (countries first; partnerships before their mechanisms, mechanisms before their facilities,
 * instruments before the funding lines).
 */
export function registrySeed(): Array<{ kind: RegistryKind<any>; records: object[] }> {
  return [
    { kind: countryKind, records: seedCountries() },
    { kind: designationKind, records: seedDesignations() },
    { kind: readmissionKind, records: seedReadmission() },
    { kind: partnershipKind, records: seedPartnerships() },
    { kind: mechanismKind, records: seedMechanisms() },
    { kind: facilityKind, records: seedFacilities() },
    { kind: instrumentKind, records: seedInstruments() },
    { kind: fundingKind, records: seedFunding() },
    { kind: borderSituationKind, records: seedBorderSituations() },
    { kind: outreachEventKind, records: seedOutreachEvents() },
  ];
}

export interface SeedRegistriesResult {
  created: Record<string, number>;
}

/**
 * Adds the seeded facts that are missing. Throws if a seeded fact does not validate (a bug in the
 * facts files, caught by the tests).
 * @example await seedRegistries(storage.db);
 */
export async function seedRegistries(db: Kysely<Database>, now: Date = new Date(), attempt = 0): Promise<SeedRegistriesResult> {
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('tenants').values(REGISTRY_TENANT)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), source: eb.ref('excluded.source') }))).execute();
    await tx.insertInto('audit_heads').values({ tenant_id: REGISTRY_CHAIN, seq: 0, hash: genesisHash(REGISTRY_CHAIN) })
      .onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  });
  const seed = registrySeed();
  const created: Record<string, number> = {};
  const present = new Set((await db.selectFrom('registry_records').select(['kind', 'key']).execute()).map((r) => `${r.kind} ${r.key}`));
  const missing = seed.map(({ kind, records }) => ({ kind, records: records.filter((data) => !present.has(`${kind.name} ${kind.keyOf(data)}`)) }));
  if (missing.every((m) => m.records.length === 0)) return { created };
  const actor = systemActor(REGISTRY_CHAIN, 'seed');
  try {
    await inTenant(db, { tenantId: REGISTRY_CHAIN }, (tx) => writeMissing(tx, missing, actor, now, created));
  } catch (error) {
    // Another process seeded meanwhile: its records took the keys, this run rolled back; look again.
    if (attempt < 2 && isDomainError(error, 'ALREADY_EXISTS')) return seedRegistries(db, now, attempt + 1);
    throw error;
  }
  return { created };
}

async function writeMissing(tx: Tx, missing: Array<{ kind: RegistryKind<any>; records: object[] }>, actor: Actor, now: Date, created: Record<string, number>): Promise<void> {
  for (const { kind, records } of missing) {
    const items = records.map((data) => {
      const parsed = parseRecordData(kind, data);
      if (!parsed.ok) throw new Error(`seeded ${kind.name} ${kind.keyOf(data)} is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      return { data: parsed.data };
    });
    const stored = await insertRecords({ tx, actor, reason: 'Reference facts shipped with Waypoint (src/seed/registry-facts)', via: 'seed', now }, kind, items);
    if (stored.length) created[kind.name] = stored.length;
  }
}
