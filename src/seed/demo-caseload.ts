/**
 * @module seed/demo-caseload
 * A synthetic caseload so a fresh installation has something to show: a few hundred invented people
 * in Italy, Greece and Spain, whose nationalities, sex and ages follow those of the asylum applicants
 * and returnees of each (`generate-caseload.ts`, from Eurostat through `caseload-distribution.ts`).
 * They arrive the way a Member State's backlog would: through the bulk import (`domain/bulk`), one
 * job per Member State run by its supervisor, so every case has its audited `case.opened` event and
 * suspected duplicates are reported. Most asylum cases go to the unit's caseworker, the others wait
 * unassigned in the unit's queue; return cases go to the return unit's caseworker. Then one asylum
 * case in ten is moved along its procedure, each step checked by the law engine like any other.
 */
import type { Kysely } from 'kysely';
import type { Actor, Role } from '../domain/access/roles.ts';
import { runCaseImport } from '../domain/bulk/run-import.ts';
import { textSource } from '../domain/bulk/read-rows.ts';
import { updateCase } from '../domain/cases/update-case.ts';
import type { CaseStage } from '../domain/cases/case.ts';
import { isDomainError } from '../domain/errors.ts';
import { asActor } from '../storage/transaction.ts';
import type { Database } from '../storage/schema.ts';
import { loadCaseloadDistribution } from './caseload-distribution.ts';
import { generateCaseload, seededRandom } from './generate-caseload.ts';
import { DEMO_MEMBER_STATES, DEMO_USERS } from './demo-users.ts';

/** The seed of the demo: the day the Pact's Regulations apply. */
const DEMO_SEED = 20260612;
export const DEFAULT_DEMO_CASES = 300;

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

function actorFor(username: string): Actor {
  const user = DEMO_USERS.find((u) => u.id === username)!;
  return { id: user.id, displayName: user.display_name, tenantId: user.tenant_id, unitId: user.unit_id, roles: user.roles as Role[] };
}

export interface SeedDemoOptions {
  db: Kysely<Database>;
  /** Cases to open, over the demo Member States (default 300). */
  count?: number;
  /** The shared statistics folder; without it, the built-in distribution. */
  statsDir?: string | null;
  onProgress?: (done: number, total: number) => void;
}

/** Seeds the demo caseload unless cases already exist. Returns the number of cases opened. */
export async function seedDemoCaseload({ db, count = DEFAULT_DEMO_CASES, statsDir = null, onProgress }: SeedDemoOptions): Promise<number> {
  const existing = await db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0 || count === 0) return 0;
  const generated = [...generateCaseload({
    distribution: loadCaseloadDistribution(statsDir), seed: DEMO_SEED, count, memberStates: DEMO_MEMBER_STATES, returnShare: 0.2, refPrefix: 'DEMO-',
  })];
  const random = seededRandom(DEMO_SEED);
  let total = count;
  let opened = 0;
  let rowsDone = 0;
  for (const tenantId of DEMO_MEMBER_STATES) {
    const prefix = tenantId.toLowerCase();
    const lines = generated.filter((g) => g.memberState === tenantId).map(({ row }, i) => JSON.stringify({
      ...row, assignedTo: row.kind === 'return' ? `${prefix}-caseworker-return` : i % 3 === 2 ? undefined : `${prefix}-caseworker`,
    }));
    if (lines.length === 0) continue;
    const job = await runCaseImport({
      db, actor: actorFor(`${prefix}-supervisor`), source: textSource(`demo-caseload-${prefix}.ndjson`, 'ndjson', lines.join('\n')),
      onProgress: (j) => onProgress?.(rowsDone + j.checkpoint, total),
    });
    opened += job.created;
    rowsDone += job.totalRows;
  }
  const cases = await db.selectFrom('cases').select(['id', 'tenant_id']).where('kind', '=', 'asylum').orderBy('reference').execute();
  const moving = cases.filter((_, i) => i % 10 === 0);
  total = count + moving.length;
  for (const [i, c] of moving.entries()) {
    await moveAlong({ db, actor: actorFor(`${c.tenant_id.toLowerCase()}-supervisor`), caseId: c.id, target: STAGES[Math.floor(random() * STAGES.length)]! });
    onProgress?.(count + i + 1, total);
  }
  return opened;
}
