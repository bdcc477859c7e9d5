/**
 * @module domain/access/roles
 * The roles a user may hold, within one tenant.
 */

export const ROLES = [
  'caseworker',
  'supervisor',
  'policy-analyst',
  'partnership-officer',
  'agency-officer',
  'fundamental-rights-monitor',
  'auditor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is acting: derived from a verified token, never from the request body. */
export interface Actor {
  /** Stable user id (the token's `sub`). */
  id: string;
  displayName: string;
  tenantId: string;
  /** Organisational unit inside the tenant; `unit` scope compares against it. */
  unitId: string | null;
  roles: Role[];
}

/** The actor used by operators' commands (migrate, seed, retention): a named system process. */
export function systemActor(tenantId: string, process: string): Actor {
  return { id: `system:${process}`, displayName: `Waypoint (${process})`, tenantId, unitId: null, roles: ['administrator'] };
}
