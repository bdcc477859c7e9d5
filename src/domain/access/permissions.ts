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

export const RESOURCES = [
  'case', 'person', 'audit', 'access-log', 'tenant-data', 'registry', 'country', 'designation', 'readmission', 'partnership',
  'mechanism', 'facility', 'funding', 'border-situation', 'outreach',
  'retention', 'law', 'statistics', 'swap-ledger', 'rescue', 'deadline', 'task', 'simulation',
  'case-statistics',
] as const;
export type Resource = (typeof RESOURCES)[number];

/**
 * Case procedure actions (issue 5): `transition` takes a procedural step; `decide` proposes a decision
 * or a movement of the person (those wait for four eyes); `approve` approves or rejects a proposal
 * (never one's own). `merge` merges duplicate person records.
 */
export const ACTIONS = ['create', 'read', 'update', 'assign', 'erase', 'export', 'verify', 'run', 'transition', 'decide', 'approve', 'merge'] as const;
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

/**
 * Shared registries and the law engine (which stores nothing) are open to every authenticated user.
 * `registry` is the list of tenants; each registry kind is a resource of its own, so that who writes
 * it is one line of this table (issue 4: "only partnership officers and administrators write
 * partnerships, only administrators write designations, everyone reads").
 */
const EVERYONE: Grant[] = [
  ['registry', 'read', 'all'],
  ['country', 'read', 'all'],
  ['designation', 'read', 'all'],
  ['readmission', 'read', 'all'],
  ['partnership', 'read', 'all'],
  ['mechanism', 'read', 'all'],
  ['facility', 'read', 'all'],
  ['funding', 'read', 'all'],
  ['border-situation', 'read', 'all'],
  ['outreach', 'read', 'all'],
  ['law', 'read', 'all'],
  // Public statistics (Eurostat, UNHCR, Frontex, IOM aggregates) hold no personal data.
  ['statistics', 'read', 'all'],
  // The shared half of the 1:1 ledger: counters and entitlements, without personal data (issue 5). Every
  // participant of a swap must see the same balance; who was counted stays in the recording tenant.
  ['swap-ledger', 'read', 'all'],
];

/**
 * Writing a registry kind: creating records and changing them (an import does both). Registry records
 * belong to a tenant although everyone reads them: a national designation or readmission status to
 * its Member State, Union-level facts (the EU list, EU membership, Schengen) to the Commission (`COM`).
 * With scope `tenant`, an administrator writes only the records of their own tenant.
 */
const WRITE = (resource: Resource, scope: Scope): Grant[] => [[resource, 'create', scope], [resource, 'update', scope]];

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
    ['case', 'transition', 'own'],
    ['case', 'decide', 'own'],
    // Deadline tasks addressed to them (`domain/deadlines`): read, acknowledge, resolve.
    ['task', 'read', 'own'],
    ['task', 'update', 'own'],
    ['person', 'update', 'own'],
    // Counting the return or resettlement of a case they own under a 1:1 swap (issue 5).
    ['swap-ledger', 'create', 'own'],
    // Rescue and interception events: reported by anyone on duty, assignments decided on their own events.
    ['rescue', 'create', 'tenant'],
    ['rescue', 'read', 'unit'],
    ['rescue', 'update', 'own'],
    ['rescue', 'decide', 'own'],
  ],
  supervisor: [
    ['case', 'create', 'tenant'],
    ['case', 'read', 'tenant'],
    ['case', 'update', 'tenant'],
    ['case', 'assign', 'tenant'],
    ['person', 'read', 'tenant'],
    ['case', 'transition', 'tenant'],
    ['case', 'decide', 'tenant'],
    ['case', 'approve', 'tenant'],
    // Escalations of passed deadlines go to supervisors; they see every task and the compliance report.
    ['task', 'read', 'tenant'],
    ['task', 'update', 'tenant'],
    ['deadline', 'read', 'tenant'],
    // Indicators from case data (ledger balance, facility use, deadline compliance): their own Member State's.
    ['case-statistics', 'read', 'tenant'],
    ['person', 'update', 'tenant'],
    ['person', 'merge', 'tenant'],
    ['swap-ledger', 'create', 'tenant'],
    ['rescue', 'create', 'tenant'],
    ['rescue', 'read', 'tenant'],
    ['rescue', 'update', 'tenant'],
    ['rescue', 'assign', 'tenant'],
    ['rescue', 'decide', 'tenant'],
  ],
  // Policy simulations (issue 8) read only public statistics and registries, and write only their own
  // results: policy analysts and administrators run them and read their tenant's.
  'policy-analyst': [['simulation', 'run', 'tenant'], ['simulation', 'read', 'tenant'],
    // Indicators from case data, small cells suppressed (`domain/statistics/case-indicators.ts`): a
    // Member State's analysts see their own State's, the Commission's every Member State's.
    ['case-statistics', 'read', 'all']],
  // Partnerships and what hangs on them (mechanisms, facilities, funding, outreach) are the partnership
  // officers' work, for the records their tenant keeps (COM for EU-level partnerships, the Member State
  // for its bilateral ones). Readmission cooperation is followed in the partnerships with the countries concerned.
  'partnership-officer': [
    ...WRITE('partnership', 'tenant'), ...WRITE('mechanism', 'tenant'), ...WRITE('facility', 'tenant'),
    ...WRITE('funding', 'tenant'), ...WRITE('outreach', 'tenant'), ...WRITE('readmission', 'tenant'),
    // The case-data indicators of the monthly partnership report (ledgers, facilities).
    ['case-statistics', 'read', 'all'],
  ],
  'agency-officer': [
    ['case', 'create', 'tenant'],
    ['case', 'read', 'tenant'],
    ['case', 'update', 'own'],
    ['person', 'read', 'tenant'],
    // Agency staff support screening and returns: procedural steps on their own cases, no decisions.
    ['case', 'transition', 'own'],
    ['task', 'read', 'own'],
    ['task', 'update', 'own'],
    ['person', 'update', 'own'],
    // Border and coast guard officers report rescues and interceptions; assignments are decided by others.
    ['rescue', 'create', 'tenant'],
    ['rescue', 'read', 'tenant'],
    ['rescue', 'update', 'own'],
    // Agencies follow returns, facilities and time limits across the Member States they support: suppressed aggregates
    // (a Member State's own officers see their State's).
    ['case-statistics', 'read', 'all'],
  ],
  'fundamental-rights-monitor': [
    ['case', 'read', 'tenant'],
    // Whether statutory time limits are kept (detention, the border procedure) is a fundamental-rights question.
    ['deadline', 'read', 'tenant'],
    ['case-statistics', 'read', 'all'],
    ['person', 'read', 'tenant'],
    ['rescue', 'read', 'tenant'],
    ['audit', 'read', 'tenant'],
  ],
  auditor: [
    ['audit', 'read', 'tenant'],
    ['audit', 'verify', 'tenant'],
    ['access-log', 'read', 'tenant'],
  ],
  administrator: [
    ['simulation', 'run', 'tenant'],
    ['simulation', 'read', 'tenant'],
    ['tenant-data', 'export', 'tenant'],
    ['person', 'erase', 'tenant'],
    ['retention', 'run', 'tenant'],
    // Recomputing every open case's deadlines after a change of the law.
    ['deadline', 'run', 'tenant'],
    ['audit', 'verify', 'tenant'],
    // Designations and country facts change what the law engine concludes: administrators only.
    ...WRITE('country', 'tenant'),
    ...WRITE('designation', 'tenant'),
    ...WRITE('readmission', 'tenant'),
    ...WRITE('partnership', 'tenant'),
    ...WRITE('mechanism', 'tenant'),
    ...WRITE('facility', 'tenant'),
    ...WRITE('funding', 'tenant'),
    ...WRITE('outreach', 'tenant'),
    // Declared border situations and the Council's crisis authorisations (kept by COM) change what the
    // law engine allows and whether access to asylum is preserved: administrators only.
    ...WRITE('border-situation', 'tenant'),
  ],
};

/** The table, flattened: one row per role × resource × action. */
export const PERMISSIONS: readonly Permission[] = Object.entries(GRANTS).flatMap(([role, grants]) =>
  [...EVERYONE, ...grants].map(([resource, action, scope]) => ({ role: role as Role, resource, action, scope })),
);
