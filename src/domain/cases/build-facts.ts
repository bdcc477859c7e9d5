/**
 * @module domain/cases/build-facts
 * The facts of ../shared/DOMAIN.md for one case on one date, from the case, its person and the
 * person's family. Pure: the same inputs give the same facts, so a decision record's facts can be
 * rebuilt and compared. Missing stays missing ("not known", never "false"):
 * an empty list of vulnerabilities or security markers means "assessed: none", an absent one means
 * nobody assessed it.
 */
import { ageOf, type FamilyMember } from '../persons/family.ts';
import type { PersonData } from '../persons/person.ts';
import type { CaseFacts } from './case-facts.ts';

/** Registry facts in the shape of `context` (designations, readmission, agreements, crisis authorisations, rates). */
export type { RegistryFacts } from '../../../law/registry.ts';

export interface BuildFactsOptions {
  /** The deciding Member State: the case's tenant. */
  memberState: string;
  person: PersonData;
  family: readonly FamilyMember[];
  caseFacts: CaseFacts;
  /** The assessment date. */
  on: string;
}

/** Security markers the engine reads as reasonable grounds of a danger (APR Art. 42(1)(f)). */
const SECURITY_RISK = new Set(['national-security', 'public-order']);

/**
 * Whether the person is part of a family with minors: a minor child or ward linked to them, or, for a
 * minor, a parent or guardian. Only a link shows it; without one it is not known (undefined).
 */
export function inFamilyWithMinors(age: number | null, family: readonly FamilyMember[]): true | undefined {
  const hasMinorChild = family.some((m) => (m.relation === 'child' || m.relation === 'ward') && m.age !== null && m.age < 18);
  const minorWithParent = age !== null && age < 18 && family.some((m) => m.relation === 'parent' || m.relation === 'guardian');
  return hasMinorChild || minorWithParent ? true : undefined;
}

/** The `person` section: what the record says, nothing invented. */
function personFacts(person: PersonData, family: readonly FamilyMember[], on: string): Record<string, unknown> {
  const out: Record<string, unknown> = { nationality: person.nationality };
  if (person.formerHabitualResidence) out.formerHabitualResidence = person.formerHabitualResidence;
  if (person.birthDate) out.birthDate = person.birthDate;
  else if (person.assessedAge) out.age = ageOf(person, on);
  if (person.sex) out.sex = person.sex;
  if (typeof person.unaccompaniedMinor === 'boolean') out.unaccompaniedMinor = person.unaccompaniedMinor;
  if (inFamilyWithMinors(ageOf(person, on), family)) out.inFamilyWithMinors = true;
  if (person.vulnerabilities) out.vulnerabilities = [...person.vulnerabilities];
  if (person.securityMarkers) out.securityRisk = person.securityMarkers.some((m) => SECURITY_RISK.has(m.kind) && m.since <= on);
  if (person.regionOfOrigin) out.regionOfOrigin = person.regionOfOrigin;
  return out;
}

/**
 * The `context` section: the case's own individual risk assessments. The registries' facts and the
 * recognition rates are not copied in: they reach the engine as its registry (`law-context.ts`).
 */
function contextFacts(caseFacts: CaseFacts): Record<string, unknown> {
  return caseFacts.riskAssessments?.length ? { riskAssessments: caseFacts.riskAssessments } : {};
}

/**
 * The facts to assess, not yet validated (`parseFacts` does that, with field paths).
 * @example buildLawFacts({ memberState: 'IT', person, family: [], caseFacts: c.facts, on: '2026-07-01' })
 */
export function buildLawFacts(options: BuildFactsOptions): Record<string, unknown> {
  const { memberState, person, family, caseFacts, on } = options;
  const facts: Record<string, unknown> = { assessedOn: on, memberState, person: personFacts(person, family, on) };
  if (caseFacts.journey) facts.journey = caseFacts.journey;
  if (caseFacts.application && Object.keys(caseFacts.application).length > 0) facts.application = caseFacts.application;
  if (caseFacts.decision) facts.decision = { kind: caseFacts.decision.kind, on: caseFacts.decision.on };
  if (caseFacts.detention) facts.detention = caseFacts.detention;
  const context = contextFacts(caseFacts);
  if (Object.keys(context).length > 0) facts.context = context;
  return facts;
}
