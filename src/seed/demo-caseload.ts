/**
 * @module seed/demo-caseload
 * A small synthetic caseload so a fresh installation has something to show. Every person here is
 * invented (names from a fixed list, dates from a seeded generator); nationalities follow the main
 * nationalities of first-time applicants on the Mediterranean routes.
 */
import type { Kysely } from 'kysely';
import type { Actor, Role } from '../domain/access/roles.ts';
import { openCase } from '../domain/cases/open-case.ts';
import { updateCase } from '../domain/cases/update-case.ts';
import type { CaseKind, CaseStage } from '../domain/cases/case.ts';
import { isDomainError } from '../domain/errors.ts';
import { asActor } from '../storage/transaction.ts';
import type { Database } from '../storage/schema.ts';
import { DEMO_MEMBER_STATES, DEMO_USERS } from './demo-users.ts';

const GIVEN = ['Amal', 'Karim', 'Nadia', 'Yusuf', 'Fatou', 'Ibrahim', 'Mariam', 'Omar', 'Aisha', 'Samir', 'Leila', 'Tariq', 'Awa', 'Hassan', 'Zainab', 'Moussa'];
const FAMILY = ['Rahman', 'Haddad', 'Diallo', 'Khan', 'Mansour', 'Traoré', 'Hussain', 'Benali', 'Sesay', 'Ahmadi', 'Kone', 'Said'];
const NATIONALITIES = ['BD', 'EG', 'TN', 'SY', 'AF', 'PK', 'GN', 'ML', 'CI', 'MA', 'ER', 'SD'];
const STAGES: CaseStage[] = ['registered', 'screening', 'application-registered', 'admissibility', 'examination'];
/** The plain transitions (no subject, no approval) of the asylum procedure, in order, from the case as opened. */
const PATH: CaseStage[] = ['screening', 'application-made', 'application-registered', 'application-lodged'];

/**
 * Moves a demo case towards `target` one plain transition at a time, each checked by the law engine
 * like any other; it stops where the procedure or the law does not go on (a return case does not
 * reach the application stages; the regular procedure is refused where the accelerated one is due).
 */
async function moveAlong({ db, actor, caseId, target }: { db: Kysely<Database>; actor: Actor; caseId: string; target: CaseStage }): Promise<void> {
  if (target === 'registered') return;
  const steps = PATH.includes(target) ? PATH.slice(0, PATH.indexOf(target) + 1) : [...PATH, target];
  for (const [i, stage] of steps.entries()) {
    try {
      await asActor(db, actor, (tx) => updateCase({ tx, actor, caseId, expectedVersion: i + 1, input: { stage, reason: 'demo caseload: moved on' } }));
    } catch (error) {
      if (isDomainError(error, 'INVALID_TRANSITION', 'TRANSITION_REFUSED')) return;
      throw error;
    }
  }
}

/** Mulberry32: a small seeded PRNG, so the demo is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function actorFor(username: string): Actor {
  const user = DEMO_USERS.find((u) => u.id === username)!;
  return { id: user.id, displayName: user.display_name, tenantId: user.tenant_id, unitId: user.unit_id, roles: user.roles as Role[] };
}

export interface SeedDemoOptions {
  db: Kysely<Database>;
  casesPerMemberState?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Seeds the demo caseload unless cases already exist. Returns the number of cases opened. */
export async function seedDemoCaseload({ db, casesPerMemberState = 24, onProgress }: SeedDemoOptions): Promise<number> {
  const existing = await db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const random = prng(20260612);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const total = DEMO_MEMBER_STATES.length * casesPerMemberState;
  let done = 0;
  for (const tenantId of DEMO_MEMBER_STATES) {
    const prefix = tenantId.toLowerCase();
    const supervisor = actorFor(`${prefix}-supervisor`);
    for (let i = 0; i < casesPerMemberState; i++) {
      const isReturn = i % 4 === 3;
      const kind: CaseKind = isReturn ? 'return' : 'asylum';
      const opener = actorFor(isReturn ? `${prefix}-caseworker-return` : `${prefix}-caseworker`);
      const birthYear = 1975 + Math.floor(random() * 30);
      const opened = await asActor(db, opener, (tx) => openCase({
        tx, actor: opener,
        input: {
          kind, reason: 'demo caseload', recordType: isReturn ? 'illegal-stay' : 'applicant',
          person: {
            givenNames: pick(GIVEN), familyName: pick(FAMILY), nationality: pick(NATIONALITIES),
            birthDate: `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
            sex: random() < 0.7 ? 'M' : 'F',
          },
        },
      }));
      await moveAlong({ db, actor: supervisor, caseId: opened.id, target: pick(STAGES) });
      onProgress?.(++done, total);
    }
  }
  return done;
}
