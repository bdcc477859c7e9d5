/**
 * @module domain/persons/family
 * Family links between persons of one tenant. A link says what the related person is to the person
 * (`child`: the related person is the person's child), and is stored in both directions with the
 * inverse relation, so a family is read from either side with one index lookup.
 */
import { ageOn } from '../../rules/engine/dates.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { PersonData } from './person.ts';

export const RELATIONS = ['spouse', 'partner', 'child', 'parent', 'sibling', 'guardian', 'ward', 'other-relative'] as const;
export type Relation = (typeof RELATIONS)[number];

/** What the person is to the related person, given what the related person is to the person. */
export const INVERSE: Record<Relation, Relation> = {
  spouse: 'spouse', partner: 'partner', child: 'parent', parent: 'child', sibling: 'sibling', guardian: 'ward', ward: 'guardian', 'other-relative': 'other-relative',
};

/** A family member as the procedures need it: who, how related, whether a minor, and their open cases. */
export interface FamilyMember {
  personId: string;
  relation: Relation;
  /** `null` when neither a birth date nor an assessed age is known (or the data was erased). */
  age: number | null;
  cases: Array<{ id: string; reference: string; kind: string; stage: string; unitId: string | null; assignedTo: string | null; openedBy: string }>;
}

/** Age on `on` from a birth date, else from an assessed age carried forward by the years elapsed; `null` when unknown. */
export function ageOf(data: Pick<PersonData, 'birthDate' | 'assessedAge'> | null, on: string): number | null {
  if (!data) return null;
  if (data.birthDate) return data.birthDate <= on ? ageOn(data.birthDate, on) : 0;
  const assessed = data.assessedAge;
  if (!assessed) return null;
  return assessed.on <= on ? assessed.years + ageOn(assessed.on, on) : assessed.years;
}

/**
 * The family of a person, on a date (for the ages), with each member's cases in this tenant. Reads
 * the members' birth data to tell minors from adults; the caller decides what it shows.
 */
export async function listFamily(tx: Tx, tenantId: string, personId: string, on: string): Promise<FamilyMember[]> {
  const links = await tx.selectFrom('person_links').innerJoin('persons', (j) => j.onRef('persons.tenant_id', '=', 'person_links.tenant_id').onRef('persons.id', '=', 'person_links.related_id'))
    .select(['person_links.related_id', 'person_links.relation', 'persons.data'])
    .where('person_links.tenant_id', '=', tenantId).where('person_links.person_id', '=', personId).orderBy('person_links.related_id').execute();
  if (links.length === 0) return [];
  const cases = await tx.selectFrom('cases').select(['id', 'reference', 'kind', 'stage', 'unit_id', 'assigned_to', 'opened_by', 'person_id'])
    .where('tenant_id', '=', tenantId).where('person_id', 'in', links.map((l) => l.related_id)).orderBy('opened_at').execute();
  return links.map((l) => ({
    personId: l.related_id,
    relation: l.relation as Relation,
    age: ageOf(l.data as unknown as PersonData | null, on),
    cases: cases.filter((c) => c.person_id === l.related_id)
      .map((c) => ({ id: c.id, reference: c.reference, kind: c.kind, stage: c.stage, unitId: c.unit_id, assignedTo: c.assigned_to, openedBy: c.opened_by })),
  }));
}
