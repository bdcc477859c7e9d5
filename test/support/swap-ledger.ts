/**
 * @module test/support/swap-ledger
 * Fixtures for the 1:1 ledger and rescue tests, made through the domain as users make them: a 1:1
 * mechanism of the test's own in the registry (a code, a cap, the Member States returning), a return
 * case whose Syrian person crossed from Türkiye and was returned there the way the procedure does it
 * (the facts recorded, a return decision under four eyes, then the departure), and a
 * resettlement case whose person arrived. Dates default to 2016, before Türkiye stopped readmitting
 * from Greece (March 2020), so that the law engine counts the return.
 */
import type { Actor, Role } from '../../src/domain/access/roles.ts';
import { approveTransition } from '../../src/domain/cases/approve-transition.ts';
import type { CaseLaw } from '../../src/domain/cases/law-context.ts';
import { openCase } from '../../src/domain/cases/open-case.ts';
import { takeTransition } from '../../src/domain/cases/take-transition.ts';
import { updateCase } from '../../src/domain/cases/update-case.ts';
import { mechanismKind } from '../../src/domain/mechanisms/mechanism.ts';
import type { PersonData } from '../../src/domain/persons/person.ts';
import { createRegistryRecord } from '../../src/domain/registries/create-record.ts';
import { asActor, type Db } from '../../src/storage/transaction.ts';

export function userOf(tenantId: string, role: Role, unitId: string | null = 'asylum', id = `${tenantId.toLowerCase()}-test-${role}`): Actor {
  return { id, displayName: id, tenantId, unitId, roles: [role] };
}

const COM_ADMIN = userOf('COM', 'administrator', null);

export interface TestMechanismOptions {
  code: string;
  cap: number | null;
  memberStates?: string[];
  from?: string;
}

/** A verified 1:1 mechanism with Türkiye under the EU–Turkey Statement's partnership, kept by the Commission. */
export async function createTestMechanism(db: Db, { code, cap, memberStates = ['GR', 'IT'], from = '2016-03-20' }: TestMechanismOptions): Promise<void> {
  await asActor(db, COM_ADMIN, (tx) => createRegistryRecord({
    tx, actor: COM_ADMIN, kind: mechanismKind, reason: 'test mechanism',
    data: {
      code, title: `Test 1:1 mechanism ${code}`, kind: 'one-to-one', partnership: 'eu-tr-statement', partner: 'TR', memberStates, from,
      parameters: { cap: cap === null ? null : { total: cap, note: 'test cap' } },
      sources: [{ title: 'Test instrument of the 1:1 mechanism', url: 'https://example.org/test-1-1' }], owner: 'COM', verified: true,
    },
  }));
}

export const SYRIAN: PersonData = { givenNames: 'Test', familyName: 'Returnee', nationality: 'SY', birthDate: '1990-02-01', sex: 'M', vulnerabilities: [] };

export interface ReturnedCaseOptions {
  tenantId: string;
  law: CaseLaw;
  /** A new person (default a Syrian man), or one already registered. */
  person?: PersonData;
  personId?: string;
  crossedOn?: string;
  decidedOn?: string;
  returnedOn?: string;
  destination?: string;
  unitId?: string;
  /** Who opens the case and takes its steps (default a test caseworker of the tenant); a supervisor approves. */
  caseworker?: Actor;
}

export interface OpenedFixture {
  caseId: string;
  personId: string;
  reference: string;
}

/**
 * A return case taken through the procedure: opened by the tenant's caseworker, the journey through
 * Türkiye and an individual risk assessment recorded, a return decision proposed by the caseworker and
 * approved by a supervisor, then the departure to the destination.
 */
export async function returnedCase(db: Db, o: ReturnedCaseOptions): Promise<OpenedFixture> {
  const caseworker = o.caseworker ?? userOf(o.tenantId, 'caseworker', o.unitId ?? 'asylum');
  const supervisor = userOf(o.tenantId, 'supervisor', o.unitId ?? 'asylum');
  const crossedOn = o.crossedOn ?? '2016-04-01';
  const decidedOn = o.decidedOn ?? '2016-05-02';
  const destination = o.destination ?? 'TR';
  const opened = await asActor(db, caseworker, (tx) => openCase({
    tx, actor: caseworker, input: { kind: 'return', ...(o.personId ? { personId: o.personId } : { person: o.person ?? SYRIAN }), reason: 'test return case' },
  }));
  await asActor(db, caseworker, (tx) => updateCase({
    tx, actor: caseworker, caseId: opened.id, expectedVersion: opened.version, law: o.law, input: {
      reason: 'interview record',
      facts: {
        journey: { transits: [{ country: 'TR', days: 60, couldHaveSoughtProtection: true }], interception: { date: crossedOn, area: 'territorial-waters', byMemberStateAuthorities: true } },
        riskAssessments: [{ destination, on: decidedOn, outcome: 'no-real-risk' }],
      },
    },
  }));
  const proposed = await asActor(db, caseworker, async (tx) => takeTransition({
    tx, actor: caseworker, caseId: opened.id, expectedVersion: opened.version + 1, law: o.law,
    input: { transition: 'issue-return-decision', reason: 'no right to stay', on: decidedOn, voluntaryDepartureDays: 0 },
  }));
  if (proposed.status !== 'pending') throw new Error('a return decision waits for four eyes');
  const approved = await asActor(db, supervisor, (tx) => approveTransition({
    tx, actor: supervisor, caseId: opened.id, transitionId: proposed.transition.id, expectedVersion: proposed.case.version, reason: 'checked', law: o.law,
  }));
  await asActor(db, caseworker, (tx) => takeTransition({
    tx, actor: caseworker, caseId: opened.id, expectedVersion: approved.case.version, law: o.law,
    input: { transition: 'depart-voluntarily', reason: 'returned', on: o.returnedOn ?? '2016-06-01', country: destination },
  }));
  return { caseId: opened.id, personId: opened.personId, reference: opened.reference };
}

export interface ResettledCaseOptions {
  tenantId: string;
  law: CaseLaw;
  person?: PersonData;
  personId?: string;
  arrivedOn?: string;
  caseworker?: Actor;
}

/** A resettlement case whose person arrived on `arrivedOn`. */
export async function resettledCase(db: Db, o: ResettledCaseOptions): Promise<OpenedFixture> {
  const caseworker = o.caseworker ?? userOf(o.tenantId, 'caseworker');
  const opened = await asActor(db, caseworker, (tx) => openCase({
    tx, actor: caseworker, input: { kind: 'resettlement', ...(o.personId ? { personId: o.personId } : { person: o.person ?? { ...SYRIAN, familyName: 'Resettled' } }), reason: 'test resettlement case' },
  }));
  await asActor(db, caseworker, (tx) => takeTransition({
    tx, actor: caseworker, caseId: opened.id, expectedVersion: opened.version, law: o.law,
    input: { transition: 'resettle', reason: 'arrived', on: o.arrivedOn ?? '2016-07-01' },
  }));
  return { caseId: opened.id, personId: opened.personId, reference: opened.reference };
}
