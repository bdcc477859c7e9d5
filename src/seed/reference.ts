/**
 * @module seed/reference
 * Reference data every installation needs: tenants, their units, retention policies, the heads of
 * the audit chains, and the shared registries' real facts (`registries.ts`). Idempotent: running it
 * again changes nothing.
 */
import type { Kysely } from 'kysely';
import { genesisHash } from '../domain/audit/chain.ts';
import { TENANTS } from '../domain/tenants/tenants.ts';
import type { Database, RetentionPolicyRow } from '../storage/schema.ts';
import { seedRegistries } from './registries.ts';

const EURODAC = 'https://eur-lex.europa.eu/eli/reg/2024/1358/oj';

/**
 * Default retention periods. Neither Regulation (EU) 2024/1348 nor the Eurodac Regulation sets how long
 * a Member State keeps its case files, so the defaults mirror how long Eurodac stores the same persons'
 * datasets (Regulation (EU) 2024/1358 Art. 29; the law package holds them as cited parameters under
 * law/eu/reg-2024-1358-eurodac/art-29-data-storage, see law/VERIFICATION.md). A Member State whose
 * national law sets another period for its case files changes the row. Eurodac counts from the
 * transmission of the biometric data; Waypoint counts from the record's creation, the nearest date it holds.
 */
export const RETENTION_POLICIES: RetentionPolicyRow[] = [
  { record_type: 'applicant', retain_months: 120, counted_from: 'created', basis: 'Regulation (EU) 2024/1358 Art. 29(1)', source: EURODAC },
  { record_type: 'irregular-arrival', retain_months: 60, counted_from: 'created', basis: 'Regulation (EU) 2024/1358 Art. 29(6)', source: EURODAC },
  { record_type: 'illegal-stay', retain_months: 60, counted_from: 'created', basis: 'Regulation (EU) 2024/1358 Art. 29(7)', source: EURODAC },
];

/** Units every Member State tenant starts with; agencies and others get one `operations` unit. */
const MEMBER_STATE_UNITS = [['asylum', 'Asylum determination'], ['return', 'Returns'], ['border', 'Border procedure']] as const;

export async function seedReference(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('tenants').values(TENANTS.map((t) => ({ id: t.id, kind: t.kind, name: t.name, source: t.source })))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), source: eb.ref('excluded.source') }))).execute();
    const units = TENANTS.flatMap((t) => t.kind === 'member-state'
      ? MEMBER_STATE_UNITS.map(([id, name]) => ({ tenant_id: t.id, id, name }))
      : [{ tenant_id: t.id, id: 'operations', name: 'Operations' }]);
    await tx.insertInto('units').values(units).onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing()).execute();
    await tx.insertInto('retention_policies').values(RETENTION_POLICIES).onConflict((oc) => oc.column('record_type').doNothing()).execute();
    await tx.insertInto('audit_heads').values(TENANTS.map((t) => ({ tenant_id: t.id, seq: 0, hash: genesisHash(t.id) })))
      .onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  });
  await seedRegistries(db);
}
