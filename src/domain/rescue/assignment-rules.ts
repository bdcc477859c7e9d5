/**
 * @module domain/rescue/assignment-rules
 * Which finding of the law engine an assignment of a rescued person needs, and whether the findings
 * given permit it. Pure. Three kinds of destination:
 *
 * - a place of safety in a Member State (the port where the survivors are disembarked): the engine's
 *   `access-to-procedure` for that Member State must not be `no` — a state whose measures in force
 *   prevent applications from being made is not where persons who may seek protection can be brought
 *   (IMO Res. MSC.167(78) para. 6.17; C-808/18). `review` (a measure the Crisis Regulation does not list)
 *   is accepted with the decider's reasons;
 * - a place of safety in a third country: non-refoulement is a hard gate. On board a Member State's
 *   vessel the persons are within its jurisdiction (Hirsi Jamaa), so taking them to a third country is
 *   a removal, and needs the engine's `removal` finding for that country to be `yes` — a return decision
 *   in force and an individual risk assessment on record. Anything else refuses it;
 * - a mechanism (an agreement of the registry): the engine's finding under that agreement must be
 *   `yes` — `offshore-processing` for an offshore processing mechanism, `return-hub-transfer` for a return
 *   hub. Other kinds of mechanism have no question of the engine and cannot be assigned to here.
 *
 * And whatever the destination, a family disembarked together stays together (`checkFamilyUnity`): a
 * minor goes where the parents or guardian registered from the same event go, a parent where their
 * minor children go — the family-unity basis of the procedure's `family-together` guard
 * (`cases/guards.ts`).
 */
import type { Finding, Outcome, Question } from '../../../law/finding.ts';
import { FAMILY_BASIS } from '../cases/guards.ts';
import type { GuardName } from '../cases/procedure.ts';
import type { Mechanism } from '../mechanisms/mechanism.ts';
import { MEMBER_STATE_CODES } from '../tenants/tenants.ts';
import type { Assignment, Destination } from './rescue-event.ts';

const PLACE_OF_SAFETY = [
  'International Convention on Maritime Search and Rescue 1979, Annex, chapter 3.1.9 (as amended in 2004)',
  'IMO Resolution MSC.167(78), Guidelines on the treatment of persons rescued at sea, paragraphs 6.12 to 6.17',
];
const NON_REFOULEMENT_AT_SEA = [
  'Charter of Fundamental Rights of the European Union Art. 19(2)',
  'Regulation (EU) No 656/2014 Art. 4(1) (sea operations coordinated by Frontex)',
  'ECtHR (Grand Chamber), Hirsi Jamaa and Others v. Italy, no. 27765/09, 23 February 2012',
];

/** Mechanism kinds whose transfers the law engine answers on, and the question it answers. */
const MECHANISM_QUESTIONS: Partial<Record<Mechanism['kind'], Question>> = {
  'offshore-processing': 'offshore-processing',
  'return-hub': 'return-hub-transfer',
};

/** The finding an assignment needs: one question, about one country or agreement, and the outcomes that permit it. */
export interface AssignmentRequirement {
  question: Question;
  country?: string;
  agreement?: string;
  allow: readonly Outcome[];
}

export interface AssignmentTarget {
  destination: Destination;
  /** The port's state, or the mechanism's partner. */
  country: string;
  mechanism?: Mechanism;
}

export interface AssignmentRefusal {
  /**
   * `FINDING`: its outcome does not permit it; `NOT_ASKED`: the engine did not ask it; `NO_ASSESSMENT`: the facts could not be assessed;
   * `NO_QUESTION`: nothing in the engine covers it; `FAMILY`: it would separate a family disembarked together.
   */
  code: 'FINDING' | 'NOT_ASKED' | 'NO_ASSESSMENT' | 'NO_QUESTION' | 'FAMILY';
  message: string;
  /** For `FAMILY`: the procedure's guard whose basis it cites. */
  guard?: GuardName;
  /** For `FAMILY`: the members who would be separated. */
  members?: string[];
  question?: Question;
  outcome?: Outcome;
  basis: string[];
  because: string[];
}

export interface AssignmentPlan {
  /** The deciding Member State the engine is asked about: the port's state, else the recording tenant. */
  memberState: string;
  requirement: AssignmentRequirement | null;
  /** The provisions the assignment itself rests on. */
  basis: string[];
  /** Set when nothing the engine answers can permit it. */
  refusal?: AssignmentRefusal;
}

/**
 * The requirement of an assignment recorded by `tenantId`.
 * @example planAssignment({ destination: 'place-of-safety', country: 'IT' }, 'IT').requirement // access-to-procedure, yes or review
 */
export function planAssignment(target: AssignmentTarget, tenantId: string): AssignmentPlan {
  if (target.destination === 'place-of-safety') {
    if (MEMBER_STATE_CODES.has(target.country)) {
      return { memberState: target.country, basis: PLACE_OF_SAFETY, requirement: { question: 'access-to-procedure', allow: ['yes', 'review'] } };
    }
    return { memberState: tenantId, basis: [...PLACE_OF_SAFETY, ...NON_REFOULEMENT_AT_SEA], requirement: { question: 'removal', country: target.country, allow: ['yes'] } };
  }
  const m = target.mechanism!;
  const question = MECHANISM_QUESTIONS[m.kind];
  const basis = [...m.sources.map((s) => s.title), ...NON_REFOULEMENT_AT_SEA];
  if (!question) {
    return {
      memberState: tenantId, basis, requirement: null,
      refusal: { code: 'NO_QUESTION', message: `no finding of the law engine covers a transfer under a ${m.kind} mechanism (${m.code}): assign to a place of safety`, basis: [], because: [] },
    };
  }
  return { memberState: tenantId, basis, requirement: { question, agreement: m.code, allow: ['yes'] } };
}

function subjectOf(r: AssignmentRequirement): string {
  if (r.country) return ` for ${r.country}`;
  if (r.agreement) return ` under ${r.agreement}`;
  return '';
}

/**
 * The finding the plan needs, from the assessment's findings, and the refusal if it does not permit it.
 * @example checkAssignment(plan, assessment.findings, [])
 */
export function checkAssignment(plan: AssignmentPlan, findings: readonly Finding[] | null, errors: ReadonlyArray<{ path: string; message: string }>): { finding: Finding | null; refusal: AssignmentRefusal | null } {
  if (plan.refusal || !plan.requirement) return { finding: null, refusal: plan.refusal ?? null };
  const r = plan.requirement;
  if (findings === null) {
    return { finding: null, refusal: { code: 'NO_ASSESSMENT', message: 'the law engine could not assess the person on this date', basis: [], because: errors.map((e) => `${e.path}: ${e.message}`) } };
  }
  const finding = findings.find((f) => f.question === r.question && (r.country === undefined || f.country === r.country) && (r.agreement === undefined || f.agreement === r.agreement));
  if (!finding) {
    return { finding: null, refusal: { code: 'NOT_ASKED', question: r.question, message: `the law engine did not ask ${r.question}${subjectOf(r)} on these facts`, basis: [], because: [] } };
  }
  if (r.allow.includes(finding.outcome)) return { finding, refusal: null };
  return {
    finding,
    refusal: {
      code: 'FINDING', question: r.question, outcome: finding.outcome, basis: finding.basis, because: finding.because,
      message: `${r.question}${subjectOf(r)} is ${finding.outcome}; the assignment needs ${r.allow.join(' or ')}`,
    },
  };
}

/** Where an assignment sends a person: the destination, its state, the mechanism, the port or place. */
export type Placement = Pick<Assignment, 'destination' | 'country' | 'place' | 'mechanism'>;

/** A member of the person's family who must go where the person goes (`mustMoveTogether`), registered from the same event. */
export interface FamilyOnBoard {
  personId: string;
  relation: string;
  age: number | null;
  /** The member's assignment in force, or null. */
  assignment: Placement | null;
}

/** Whether two placements are the same: destination, state and mechanism, and the place when both name one. */
export function samePlacement(a: Placement, b: Placement): boolean {
  const place = (p: Placement) => p.place?.trim().toLowerCase() ?? null;
  return a.destination === b.destination && a.country === b.country && (a.mechanism ?? null) === (b.mechanism ?? null)
    && (place(a) === null || place(b) === null || place(a) === place(b));
}

function described(p: Placement): string {
  return `${p.destination} ${p.mechanism ?? p.country}${p.place ? ` (${p.place})` : ''}`;
}

/**
 * The refusal when the assignment would separate the person from a member of their family who must go
 * with them and is assigned elsewhere. A member not yet assigned is not separated (their own
 * assignment is checked in turn); a member named in `movingWith` is being reassigned with the person.
 * @example checkFamilyUnity({ destination: 'place-of-safety', country: 'MT', place: 'Valletta', mechanism: null }, [{ personId, relation: 'parent', age: 34, assignment: lampedusa }], [])
 */
export function checkFamilyUnity(target: Placement, members: readonly FamilyOnBoard[], movingWith: readonly string[] = []): AssignmentRefusal | null {
  const apart = members.filter((m) => m.assignment !== null && !movingWith.includes(m.personId) && !samePlacement(target, m.assignment));
  if (apart.length === 0) return null;
  const who = apart.map((m) => `${m.relation} ${m.personId}${m.age === null ? ' (age not known)' : m.age < 18 ? ` (minor, ${m.age})` : ''} is assigned to ${described(m.assignment!)}`);
  return {
    code: 'FAMILY', guard: 'family-together', members: apart.map((m) => m.personId), basis: [...FAMILY_BASIS],
    message: `the assignment to ${described(target)} would separate a family disembarked together: ${who.join(', ')}; assign them to the same place, or name them in movingWith and assign them next`,
    because: who,
  };
}
