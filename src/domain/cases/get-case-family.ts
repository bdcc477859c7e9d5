/**
 * @module domain/cases/get-case-family
 * The family of a case's person, as the case shows it: who is linked and how, whether each is a minor
 * (what keeps a family together when the case moves, `guards.ts`), and those of their cases the caller
 * may read. Ages are personal data: shown, and logged, only to callers who may read the person.
 */
import { can } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { listFamily, type FamilyMember } from '../persons/family.ts';
import { logAccess } from '../persons/log-access.ts';
import { caseScope } from './case.ts';
import { getCase } from './get-case.ts';

export interface CaseFamilyMember extends Omit<FamilyMember, 'age'> {
  /** `null` when not known or not shown. */
  age: number | null;
  minor: boolean | null;
}

/** @throws DomainError NOT_FOUND, FORBIDDEN (no `case.read` in scope). */
export async function getCaseFamily({ tx, actor, caseId, requestId = null, now = new Date() }: { tx: Tx; actor: Actor; caseId: string; requestId?: string | null; now?: Date }): Promise<CaseFamilyMember[]> {
  const c = await getCase({ tx, actor, caseId });
  const family = await listFamily(tx, actor.tenantId, c.personId, now.toISOString().slice(0, 10));
  const personal = can({ actor, action: 'read', resource: 'person', record: caseScope(c) });
  if (personal && family.length > 0) await logAccess({ tx, actor, personIds: family.map((m) => m.personId), purpose: 'family of the case\'s person', requestId });
  return family.map((m) => ({
    ...m,
    age: personal ? m.age : null,
    minor: personal && m.age !== null ? m.age < 18 : null,
    cases: m.cases.filter((k) => can({ actor, action: 'read', resource: 'case', record: { tenantId: actor.tenantId, unitId: k.unitId, ownerIds: [k.assignedTo, k.openedBy] } })),
  }));
}
