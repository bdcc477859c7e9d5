/**
 * @module domain/access/authorize
 * The single authorisation function. It answers from the permission table alone: may this actor do
 * this action on this resource, and if a record is given, is the record inside the granted scope?
 */
import { DomainError } from '../errors.ts';
import { PERMISSIONS, SCOPES, type Action, type Resource, type Scope } from './permissions.ts';
import type { Actor } from './roles.ts';

/** The facts about a record that scopes are decided on. Shared registry entries have no tenant. */
export interface ScopedRecord {
  tenantId: string | null;
  unitId?: string | null;
  /** Users the record belongs to for `own` scope: its assignee and its opener. */
  ownerIds?: Array<string | null>;
}

/**
 * The widest scope the actor holds for `action` on `resource`, or `null` when no role grants it.
 * @example widestScope(caseworker, 'case', 'read') // 'unit'
 */
export function widestScope(actor: Actor, resource: Resource, action: Action): Scope | null {
  let widest = -1;
  for (const p of PERMISSIONS) {
    if (p.resource === resource && p.action === action && actor.roles.includes(p.role)) {
      widest = Math.max(widest, SCOPES.indexOf(p.scope));
    }
  }
  return widest < 0 ? null : SCOPES[widest]!;
}

/** Whether `record` lies inside `scope` for `actor`. */
export function isInScope(actor: Actor, scope: Scope, record: ScopedRecord): boolean {
  if (scope === 'all') return true;
  if (record.tenantId !== actor.tenantId) return false;
  if (scope === 'tenant') return true;
  if (scope === 'unit') return record.unitId != null && record.unitId === actor.unitId;
  return (record.ownerIds ?? []).some((id) => id != null && id === actor.id);
}

export interface AuthorizeOptions {
  actor: Actor;
  action: Action;
  resource: Resource;
  /** The record acted on; omit for collection-level actions (create, list). */
  record?: ScopedRecord;
}

/**
 * Allows or refuses. Returns the granted scope (for list queries to filter by). A record outside the
 * actor's tenant is reported as not found, never as forbidden, so that ids cannot be probed.
 * @throws DomainError FORBIDDEN or NOT_FOUND.
 * @example const scope = authorize({ actor, action: 'read', resource: 'case' });
 */
export function authorize({ actor, action, resource, record }: AuthorizeOptions): Scope {
  const scope = widestScope(actor, resource, action);
  if (record && record.tenantId !== null && record.tenantId !== actor.tenantId && scope !== 'all') {
    throw new DomainError('NOT_FOUND', `${resource} not found`);
  }
  if (!scope) {
    throw new DomainError('FORBIDDEN', `${actor.id} (${actor.roles.join(', ') || 'no role'}) may not ${action} ${resource}`);
  }
  if (record && !isInScope(actor, scope, record)) {
    throw new DomainError('FORBIDDEN', `${actor.id} may ${action} ${resource} only in scope '${scope}'`);
  }
  return scope;
}

/**
 * Non-throwing form, for presenters that list the caller's allowed actions: the same answer as
 * {@link authorize}, computed without building an error per refused action.
 */
export function can({ actor, action, resource, record }: AuthorizeOptions): boolean {
  const scope = widestScope(actor, resource, action);
  if (!scope) return false;
  return record === undefined || isInScope(actor, scope, record);
}
