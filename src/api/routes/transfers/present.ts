/**
 * @module api/routes/transfers/present
 * The JSON shape of a transfer, with what the caller may do with it now. The reasons of the law
 * engine's findings name facts about the persons (a risk assessment's date, a stay): shown only to
 * callers who may read every person on the manifest, as on a case's decision records.
 */
import { can } from '../../../domain/access/authorize.ts';
import type { Action } from '../../../domain/access/permissions.ts';
import type { Actor } from '../../../domain/access/roles.ts';
import type { Transfer } from '../../../domain/transfers/transfer.ts';

/** What the actor may do with the transfer now: the permission table on every case, its status, four eyes. */
export function transferActions(t: Transfer, actor: Actor): Array<'confirm' | 'execute' | 'cancel' | 'depart'> {
  const onEvery = (action: Action) => t.persons.every((p) => can({ actor, action, resource: 'case', record: p.scope }));
  const allowed: Array<'confirm' | 'execute' | 'cancel' | 'depart'> = [];
  if (t.status === 'planned' && t.plannedBy !== actor.id && onEvery('approve')) allowed.push('confirm');
  if (t.status === 'confirmed' && onEvery('decide')) allowed.push('execute');
  if ((t.status === 'planned' || t.status === 'confirmed') && onEvery('decide')) allowed.push('cancel');
  if (t.status === 'executed' && t.facility && t.persons.some((p) => p.status === 'moved' && p.leftOn === null) && onEvery('update')) allowed.push('depart');
  return allowed;
}

export function presentTransfer(t: Transfer, actor: Actor) {
  const personal = t.persons.every((p) => can({ actor, action: 'read', resource: 'person', record: p.scope }));
  return {
    ...t,
    persons: t.persons.map(({ scope: _scope, findings, ...p }) => ({ ...p, findings: personal ? findings : findings.map((f) => ({ ...f, because: [] })) })),
    allowed: transferActions(t, actor),
  };
}
