/**
 * @module domain/access/permissions
 * The one permission table: role × resource × action → scope. Every entry point (HTTP route, CLI
 * command acting for a user, web page) asks {@link authorize} in `authorize.ts`, which reads only this
 * table; the web app shows buttons from the same answers. There is no other place where a role is
 * compared with anything.
 *
 * Scopes, narrowest first (Primero's record scopes):
 * - `own`    — records assigned to or opened by the actor;
 * - `unit`   — records of the actor's organisational unit;
 * - `tenant` — records of the actor's Member State or agency;
 * - `all`    — every tenant (only for shared registries, which hold no personal data).
 */
import type { Role } from './roles.ts';

export const RESOURCES = ['case', 'person', 'audit', 'access-log', 'tenant-data', 'registry', 'retention', 'law'] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = ['create', 'read', 'update', 'assign', 'erase', 'export', 'verify', 'run'] as const;
export type Action = (typeof ACTIONS)[number];

export const SCOPES = ['own', 'unit', 'tenant', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Permission {
  role: Role;
  resource: Resource;
  action: Action;
  scope: Scope;
}

type Grant = [Resource, Action, Scope];

/** Shared registries and the law engine (which stores nothing) are open to every authenticated user. */
const EVERYONE: Grant[] = [['registry', 'read', 'all'], ['law', 'read', 'all']];

/**
 * What each role may do. Reading a person's personal data is a separate grant from reading the case,
 * because every such read is logged and some roles (policy analysts) never need it.
 */
const GRANTS: Record<Role, Grant[]> = {
  caseworker: [
    ['case', 'create', 'tenant'],
    ['case', 'read', 'unit'],
    ['case', 'update', 'own'],
    ['person', 'read', 'unit'],
  ],
  supervisor: [
    ['case', 'create', 'tenant'],
    ['case', 'read', 'tenant'],
    ['case', 'update', 'tenant'],
    ['case', 'assign', 'tenant'],
    ['person', 'read', 'tenant'],
  ],
  'policy-analyst': [],
  'partnership-officer': [['registry', 'update', 'all'], ['registry', 'create', 'all']],
  'agency-officer': [
    ['case', 'create', 'tenant'],
    ['case', 'read', 'tenant'],
    ['case', 'update', 'own'],
    ['person', 'read', 'tenant'],
  ],
  'fundamental-rights-monitor': [
    ['case', 'read', 'tenant'],
    ['person', 'read', 'tenant'],
    ['audit', 'read', 'tenant'],
  ],
  auditor: [
    ['audit', 'read', 'tenant'],
    ['audit', 'verify', 'tenant'],
    ['access-log', 'read', 'tenant'],
  ],
  administrator: [
    ['tenant-data', 'export', 'tenant'],
    ['person', 'erase', 'tenant'],
    ['retention', 'run', 'tenant'],
    ['audit', 'verify', 'tenant'],
  ],
};

/** The table, flattened: one row per role × resource × action. */
export const PERMISSIONS: readonly Permission[] = Object.entries(GRANTS).flatMap(([role, grants]) =>
  [...EVERYONE, ...grants].map(([resource, action, scope]) => ({ role: role as Role, resource, action, scope })),
);
