/**
 * @module domain/cases/assess-case
 * Runs the law engine on a case: loads what the facts need (the person's data and family — an internal
 * read, shown to nobody, so not an access-log entry), builds the DOMAIN.md facts for the date,
 * validates them with `parseFacts` and calls `assess` with the registries in force on that date. When the facts cannot be built (erased data, a
 * tenant that is not a Member State, a date before a recorded one) there is no assessment, and the
 * reasons say why, with field paths.
 */
import { assess, type Assessment } from '../../../law/assess.ts';
import { parseFacts } from '../../../law/facts.ts';
import type { Tx } from '../../storage/transaction.ts';
import { ageOf, listFamily, type FamilyMember } from '../persons/family.ts';
import type { PersonData } from '../persons/person.ts';
import { buildLawFacts } from './build-facts.ts';
import type { Case } from './case.ts';
import type { CaseLaw } from './law-context.ts';

export interface CaseSubject {
  /** `null` once erased. */
  person: PersonData | null;
  family: FamilyMember[];
}

/** The person's data and family, for the facts (not for display). */
export async function loadCaseSubject(tx: Tx, c: Pick<Case, 'tenantId' | 'personId'>, on: string): Promise<CaseSubject> {
  const row = await tx.selectFrom('persons').select('data').where('tenant_id', '=', c.tenantId).where('id', '=', c.personId).executeTakeFirst();
  const person = (row?.data ?? null) as PersonData | null;
  return { person, family: person ? await listFamily(tx, c.tenantId, c.personId, on) : [] };
}

export interface CaseAssessment {
  on: string;
  /** The facts assessed (validated), or as built when they were refused. */
  facts: Record<string, unknown> | null;
  assessment: Assessment | null;
  /** Why there is no assessment. */
  errors: Array<{ path: string; message: string }>;
  /** The person's age on `on`, when known. */
  age: number | null;
}

export interface AssessCaseOptions {
  case: Pick<Case, 'tenantId' | 'facts'>;
  subject: CaseSubject;
  on: string;
  law: CaseLaw;
  trace?: boolean;
}

/**
 * The law engine's findings and deadlines for the case on `on`.
 * @example const assessed = assessCase({ case: c, subject, on: '2026-07-01', law: BASELINE_LAW });
 */
export function assessCase({ case: c, subject, on, law, trace = false }: AssessCaseOptions): CaseAssessment {
  const { person, family } = subject;
  if (!person) return { on, facts: null, assessment: null, errors: [{ path: 'person', message: 'the person\'s data was erased' }], age: null };
  const built = buildLawFacts({ memberState: c.tenantId, person, family, caseFacts: c.facts, on });
  const age = ageOf(person, on);
  const parsed = parseFacts(built, on);
  if (!parsed.ok) return { on, facts: built, assessment: null, errors: parsed.errors, age };
  try {
    return { on, facts: parsed.facts as Record<string, unknown>, assessment: assess({ facts: parsed.facts, on, trace, registry: law.registryOn(on, parsed.facts.person.nationality) }), errors: [], age };
  } catch (error) {
    // RULE_NOT_IN_FORCE: a date before the earliest law the package encodes.
    return { on, facts: parsed.facts as Record<string, unknown>, assessment: null, errors: [{ path: 'on', message: (error as Error).message }], age };
  }
}
