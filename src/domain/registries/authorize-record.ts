/**
 * @module domain/registries/authorize-record
 * Who may write a registry record: the permission table grants `create`/`update` on the kind's
 * resource with a scope, and the record's owner (its Member State, or `COM` for Union-level facts)
 * must lie inside it. Everyone reads every record, so a refusal to write is "forbidden", never
 * "not found".
 */
import { authorize, can, isInScope, widestScope } from '../access/authorize.ts';
import type { Action } from '../access/permissions.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import type { RegistryKind } from './kind.ts';

/** Reading a kind: everyone may, through the permission table. */
export function authorizeRead(actor: Actor, kind: RegistryKind<any>): void {
  authorize({ actor, action: 'read', resource: kind.resource });
}

/**
 * Refuses unless `actor` may `action` records of `kind` owned by every tenant in `owners` (for an
 * update: the owner before and after the change). With no owners, checks the grant alone.
 * @throws DomainError FORBIDDEN naming the owner the actor may not write for.
 */
export function authorizeWrite(actor: Actor, kind: RegistryKind<any>, action: Extract<Action, 'create' | 'update'>, owners: string[] = []): void {
  authorize({ actor, action, resource: kind.resource });
  const scope = widestScope(actor, kind.resource, action)!;
  for (const owner of owners) {
    if (!isInScope(actor, scope, { tenantId: owner })) {
      throw new DomainError('FORBIDDEN', `${actor.id} may ${action} only ${kind.plural} of ${actor.tenantId}; this one belongs to ${owner}`);
    }
  }
}

/** Non-throwing form, for presenters that list the caller's allowed actions. */
export function canWrite(actor: Actor, kind: RegistryKind<any>, action: Extract<Action, 'create' | 'update'>, owner: string): boolean {
  return can({ actor, action, resource: kind.resource, record: { tenantId: owner } });
}
