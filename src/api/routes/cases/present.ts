/**
 * @module api/routes/cases/present
 * The JSON shape of a case, with the actions the caller may take on it (from the permission table).
 */
import { can } from '../../../domain/access/authorize.ts';
import type { Actor } from '../../../domain/access/roles.ts';
import { caseScope, type Case } from '../../../domain/cases/case.ts';

export function presentCase(c: Case, actor: Actor) {
  const record = caseScope(c);
  const allowed = (['update', 'assign'] as const).filter((action) => can({ actor, action, resource: 'case', record }));
  if (can({ actor, action: 'read', resource: 'person', record })) allowed.push('read-person' as never);
  return { ...c, allowed: allowed as string[] };
}
