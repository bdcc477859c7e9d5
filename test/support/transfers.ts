/**
 * @module test/support/transfers
 * Fixtures for transfer tests: actors, facilities in the registry (one in Italy kept by Italy, one in
 * Tunisia kept by the Commission for several Member States' returns), return cases whose removal the
 * law engine permits, and a transfer taken from plan to confirmation.
 */
import type { Actor, Role } from '../../src/domain/access/roles.ts';
import { approveTransition } from '../../src/domain/cases/approve-transition.ts';
import type { CaseFactsPatch } from '../../src/domain/cases/case-facts.ts';
import { BASELINE_LAW, type CaseLaw } from '../../src/domain/cases/law-context.ts';
import { openCase } from '../../src/domain/cases/open-case.ts';
import { takeTransition } from '../../src/domain/cases/take-transition.ts';
import { updateCase } from '../../src/domain/cases/update-case.ts';
import { facilityKind } from '../../src/domain/facilities/facility.ts';
import { mechanismKind } from '../../src/domain/mechanisms/mechanism.ts';
import type { PersonData } from '../../src/domain/persons/person.ts';
import { createRegistryRecord } from '../../src/domain/registries/create-record.ts';
import { confirmTransfer } from '../../src/domain/transfers/confirm-transfer.ts';
import { planTransfer, type PlanTransferInput } from '../../src/domain/transfers/plan-transfer.ts';
import type { Transfer } from '../../src/domain/transfers/transfer.ts';
import { asActor, type Db } from '../../src/storage/transaction.ts';

export function actorOf(tenantId: string, name: string, roles: Role[], unitId: string | null = 'asylum'): Actor {
  return { id: `${tenantId.toLowerCase()}-test-${name}`, displayName: name, tenantId, unitId, roles };
}
export const caseworker = (tenantId: string) => actorOf(tenantId, 'caseworker', ['caseworker']);
export const supervisor = (tenantId: string) => actorOf(tenantId, 'supervisor', ['supervisor']);
/** A second supervisor: four eyes need two. */
export const confirmer = (tenantId: string) => actorOf(tenantId, 'confirmer', ['supervisor']);

const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };

/** A centre on Lampedusa kept by Italy: `places` from 1 January 2026, `septemberPlaces` from 1 September 2026. */
export async function createItalianCentre(db: Db, code: string, places: number, septemberPlaces = places): Promise<string> {
  const officer = actorOf('IT', 'partnership-officer', ['partnership-officer'], null);
  const record = await asActor(db, officer, (tx) => createRegistryRecord({
    tx, actor: officer, kind: facilityKind, reason: 'test centre',
    data: {
      code, name: `Test centre ${code}`, mechanisms: ['it-al-protocol'], location: { lat: 35.5, lon: 12.6, place: 'Lampedusa', country: 'IT' }, jurisdiction: 'IT',
      operator: 'Test operator', owner: 'IT', verified: false, sources: [SOURCE],
      capacity: [{ from: '2026-01-01', to: '2026-08-31', places, verified: false }, { from: '2026-09-01', places: septemberPlaces, verified: false }],
    },
  }));
  return record.id;
}

/** A reception centre in Tunisia under a Commission return mechanism that Italy, Greece, Spain and Germany take part in. */
export async function createSharedTunisianCentre(db: Db, code: string, places: number): Promise<string> {
  const officer = actorOf('COM', 'partnership-officer', ['partnership-officer'], null);
  return asActor(db, officer, async (tx) => {
    await createRegistryRecord({
      tx, actor: officer, kind: mechanismKind, reason: 'test mechanism',
      data: {
        code: `${code}-returns`, title: 'Test returns to Tunisia', kind: 'readmission', partnership: 'eu-tn-mou', partner: 'TN',
        memberStates: ['IT', 'GR', 'ES', 'DE'], from: '2024-01-01', sources: [SOURCE], owner: 'COM', verified: false,
      },
    });
    const record = await createRegistryRecord({
      tx, actor: officer, kind: facilityKind, reason: 'test centre',
      data: {
        code, name: `Test reception centre ${code}`, mechanisms: [`${code}-returns`], location: { lat: 36.8, lon: 10.2, place: 'Tunis', country: 'TN' },
        jurisdiction: 'TN', operator: 'Test operator', owner: 'COM', verified: false, sources: [SOURCE], capacity: [{ from: '2026-01-01', places, verified: false }],
      },
    });
    return record.id;
  });
}

export const man = (nationality: string, birthDate = '1994-02-03'): PersonData => ({ givenNames: 'Test', familyName: 'Person', nationality, birthDate, sex: 'M', vulnerabilities: [], securityMarkers: [] });

/** A case opened by the tenant's caseworker, with recorded facts. */
export async function openWith(db: Db, tenantId: string, person: PersonData, facts?: CaseFactsPatch, kind: 'asylum' | 'return' = 'asylum') {
  const by = caseworker(tenantId);
  const opened = await asActor(db, by, (tx) => openCase({ tx, actor: by, input: { kind, person } }));
  if (!facts) return opened;
  return asActor(db, by, (tx) => updateCase({ tx, actor: by, caseId: opened.id, expectedVersion: 1, input: { facts, reason: 'facts of the case' } }));
}

/**
 * A return case whose removal to the country of nationality the engine permits from 1 August 2026: a
 * return decision of 1 July 2026 with 30 days for voluntary departure, and an individual assessment
 * finding no real risk there (2 July 2026).
 */
export async function removableCase(db: Db, tenantId: string, person: PersonData = man('BD'), law: CaseLaw = BASELINE_LAW) {
  const opened = await openWith(db, tenantId, person, { riskAssessments: [{ destination: person.nationality, on: '2026-07-02', outcome: 'no-real-risk' }] }, 'return');
  const by = caseworker(tenantId);
  const proposed = await asActor(db, by, (tx) => takeTransition({
    tx, actor: by, caseId: opened.id, expectedVersion: opened.version, law,
    input: { transition: 'issue-return-decision', reason: 'no right to stay', on: '2026-07-01', voluntaryDepartureDays: 30 },
  }));
  const approver = supervisor(tenantId);
  const approved = await asActor(db, approver, (tx) => approveTransition({
    tx, actor: approver, caseId: opened.id, transitionId: proposed.transition.id, expectedVersion: proposed.case.version, reason: 'approved', law,
  }));
  return approved.case;
}

/** Plans as `by`. */
export function plan(db: Db, by: Actor, input: Omit<PlanTransferInput, 'reason'> & { reason?: string }, law: CaseLaw = BASELINE_LAW): Promise<Transfer> {
  return asActor(db, by, (tx) => planTransfer({ tx, actor: by, input: { reason: 'planned in the test', ...input }, law }));
}

/** Planned by the tenant's supervisor and confirmed by a second one. */
export async function planConfirmed(db: Db, tenantId: string, input: Omit<PlanTransferInput, 'reason'>, law: CaseLaw = BASELINE_LAW): Promise<Transfer> {
  const planned = await plan(db, supervisor(tenantId), input, law);
  const by = confirmer(tenantId);
  return asActor(db, by, (tx) => confirmTransfer({ tx, actor: by, transferId: planned.id, expectedVersion: planned.version, reason: 'escort and flight confirmed' }));
}
