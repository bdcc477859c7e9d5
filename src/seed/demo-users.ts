/**
 * @module seed/demo-users
 * Demo users for the embedded local issuer: every role in Italy, Greece and Spain, agency officers in
 * Frontex and the EUAA, a fundamental-rights monitor at the FRA, and Commission staff (among them the
 * administrator who keeps the Union-level registry facts: the EU list, membership, Schengen). Their names
 * say what they are; they exist only for demonstration and tests.
 */
import type { Kysely } from 'kysely';
import { ROLES, type Role } from '../domain/access/roles.ts';
import type { Database, UserRow } from '../storage/schema.ts';

export const DEMO_MEMBER_STATES = ['IT', 'GR', 'ES'] as const;

const UNIT_OF: Partial<Record<Role, string>> = { caseworker: 'asylum', supervisor: 'asylum' };

function memberStateUsers(tenantId: string): UserRow[] {
  const prefix = tenantId.toLowerCase();
  const users = ROLES.map((role): UserRow => ({
    id: `${prefix}-${role}`, tenant_id: tenantId, unit_id: UNIT_OF[role] ?? null,
    display_name: `Demo ${role.replace(/-/g, ' ')} (${tenantId})`, roles: [role],
  }));
  users.push({ id: `${prefix}-caseworker-return`, tenant_id: tenantId, unit_id: 'return', display_name: `Demo return caseworker (${tenantId})`, roles: ['caseworker'] });
  return users;
}

export const DEMO_USERS: UserRow[] = [
  ...DEMO_MEMBER_STATES.flatMap(memberStateUsers),
  { id: 'frontex-agency-officer', tenant_id: 'FRONTEX', unit_id: 'operations', display_name: 'Demo Frontex return officer', roles: ['agency-officer'] },
  { id: 'euaa-agency-officer', tenant_id: 'EUAA', unit_id: 'operations', display_name: 'Demo EUAA asylum support officer', roles: ['agency-officer'] },
  { id: 'fra-fundamental-rights-monitor', tenant_id: 'FRA', unit_id: null, display_name: 'Demo FRA fundamental-rights monitor', roles: ['fundamental-rights-monitor'] },
  { id: 'com-policy-analyst', tenant_id: 'COM', unit_id: null, display_name: 'Demo Commission policy analyst', roles: ['policy-analyst'] },
  { id: 'com-partnership-officer', tenant_id: 'COM', unit_id: null, display_name: 'Demo Commission partnership officer', roles: ['partnership-officer'] },
  { id: 'com-administrator', tenant_id: 'COM', unit_id: null, display_name: 'Demo Commission registry administrator', roles: ['administrator'] },
];

export async function seedDemoUsers(db: Kysely<Database>): Promise<void> {
  await db.insertInto('users').values(DEMO_USERS).onConflict((oc) => oc.column('id').doNothing()).execute();
}
