/**
 * @module domain/persons/person-scope
 * Who may act on a person: the permission table grants `person` actions by scope, and a person lies
 * in a scope through its cases (a caseworker of the asylum unit reads the persons of that unit's
 * cases). A person without a case is only in the `tenant` scope.
 */
import { sql } from 'kysely';
import { authorize, isInScope, widestScope, type ScopedRecord } from '../access/authorize.ts';
import type { Action } from '../access/permissions.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';

/** The scope facts of each of a person's cases, or the bare tenant when it has none. */
export async function personScopes(tx: Tx, tenantId: string, personId: string): Promise<ScopedRecord[]> {
  const cases = await tx.selectFrom('cases').select(['unit_id', 'assigned_to', 'opened_by'])
    .where('tenant_id', '=', tenantId).where('person_id', '=', personId).execute();
  return cases.length > 0
    ? cases.map((c) => ({ tenantId, unitId: c.unit_id, ownerIds: [c.assigned_to, c.opened_by] }))
    : [{ tenantId }];
}

/**
 * Allows `action` on a person when one of its cases (or the tenant, for a person without a case) is
 * in the actor's scope for it; throws the refusal of the last scope tried otherwise.
 * @throws DomainError FORBIDDEN (or NOT_FOUND across tenants, from `authorize`).
 */
export function authorizePerson(actor: Actor, action: Action, scopes: ScopedRecord[]): void {
  let lastError: unknown;
  for (const record of scopes) {
    try {
      authorize({ actor, action, resource: 'person', record });
      return;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/**
 * A SQL condition on `persons p` keeping the persons the actor may `read`: every person of the tenant
 * for the `tenant` scope, else those with a case of the actor's unit, or assigned to or opened by the
 * actor. `null` when the actor may not read persons at all.
 */
export function readablePersonsCondition(actor: Actor) {
  const scope = widestScope(actor, 'person', 'read');
  if (scope === null) return null;
  if (scope === 'tenant' || scope === 'all') return sql<boolean>`true`;
  if (scope === 'unit') {
    return sql<boolean>`exists (select 1 from cases c where c.tenant_id = p.tenant_id and c.person_id = p.id and c.unit_id = ${actor.unitId ?? ''})`;
  }
  return sql<boolean>`exists (select 1 from cases c where c.tenant_id = p.tenant_id and c.person_id = p.id and (c.assigned_to = ${actor.id} or c.opened_by = ${actor.id}))`;
}

/** The row of a person of the actor's tenant, locked when asked; NOT_FOUND otherwise. */
export async function findPersonRow(tx: Tx, actor: Actor, personId: string, forUpdate = false) {
  if (!isUuid(personId)) throw new DomainError('NOT_FOUND', `person ${personId} not found`);
  let query = tx.selectFrom('persons').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', personId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `person ${personId} not found`);
  return row;
}

/** Whether `record` is within the actor's scope for `action` on persons (non-throwing). */
export function mayOnPerson(actor: Actor, action: Action, scopes: ScopedRecord[]): boolean {
  const scope = widestScope(actor, 'person', action);
  return scope !== null && scopes.some((record) => isInScope(actor, scope, record));
}
