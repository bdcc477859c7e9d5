/**
 * @module seed/demo-caseload
 * A synthetic caseload so a fresh installation has something to show: a few hundred invented people
 * in Italy, Greece and Spain, whose nationalities, sex and ages follow those of the asylum applicants
 * and returnees of each (`generate-caseload.ts`, from Eurostat through `caseload-distribution.ts`).
 * They arrive the way a Member State's backlog would: through the bulk import (`domain/bulk`), one
 * job per Member State run by its supervisor, so every case has its audited `case.opened` event and
 * suspected duplicates are reported. Most asylum cases go to the unit's caseworker, the others wait
 * unassigned in the unit's queue; return cases go to the return unit's caseworker.
 *
 * Then the asylum cases (up to {@link HISTORIES_PER_STATE} per Member State) get the history a
 * caseworker would have recorded over the four months before the demo's day ({@link tellStory}):
 * screening with the journey recorded (after a disembarkation or an apprehension at the border) or an
 * application made inland, then the procedure's steps, each on its
 * own date through the product's own path (`take-transition.ts`, as `POST /api/cases/{id}/transitions`
 * with `on`): checked by the law engine, recorded in a decision record, with the case's statutory
 * deadlines recomputed. Most registrations are on time, some late, some still open (a few past their
 * day), a few applicants abscond before registration (the case discontinued, under four eyes); the
 * procedure is chosen within the admissibility time limit or after it; some procedures end in a
 * decision. Cases in the queue arrived in the last two weeks and go no further than registration. A
 * step whose date would fall after the demo's day is not taken: the case waits there, its deadline
 * pending. Every write is a domain operation with its audit event; the draws come from the demo's
 * seed, so the same day gives the same caseload.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Actor, Role } from '../domain/access/roles.ts';
import { runCaseImport } from '../domain/bulk/run-import.ts';
import { textSource } from '../domain/bulk/read-rows.ts';
import { approveTransition } from '../domain/cases/approve-transition.ts';
import type { CaseFactsPatch, Journey } from '../domain/cases/case-facts.ts';
import { loadCaseLaw, type CaseLaw } from '../domain/cases/law-context.ts';
import { takeTransition } from '../domain/cases/take-transition.ts';
import { updateCase } from '../domain/cases/update-case.ts';
import { isDomainError } from '../domain/errors.ts';
import { addDays } from '../rules/engine/dates.ts';
import { asActor, type Tx } from '../storage/transaction.ts';
import type { Database } from '../storage/schema.ts';
import { loadCaseloadDistribution } from './caseload-distribution.ts';
import { generateCaseload, seededRandom } from './generate-caseload.ts';
import { DEMO_MEMBER_STATES, DEMO_USERS } from './demo-users.ts';

/** The seed of the demo: the day the Pact's Regulations apply. */
const DEMO_SEED = 20260612;
export const DEFAULT_DEMO_CASES = 300;
/** How far back the demo's arrivals go, in days before the demo's day (four months). */
const HISTORY_DAYS = 120;
/** Cases waiting unassigned in the queue arrived recently: within this many days before the demo's day. */
const QUEUE_DAYS = 14;
/**
 * Asylum cases per Member State that get a history (the first, by reference); the others stay as
 * imported, a backlog not yet worked on. Enough for monthly figures above the small-cell threshold,
 * and it bounds the first start's time whatever `WAYPOINT_DEMO_CASES` asks for.
 */
const HISTORIES_PER_STATE = 60;

function actorFor(username: string): Actor {
  const user = DEMO_USERS.find((u) => u.id === username)!;
  return { id: user.id, displayName: user.display_name, tenantId: user.tenant_id, unitId: user.unit_id, roles: user.roles as Role[] };
}

/** An asylum case of the demo, as imported. */
interface DemoCase {
  id: string;
  tenantId: string;
  assignedTo: string | null;
  nationality: string;
  birthDate: string | null;
}

/** Draws of one case's story: uniform integers and chances from its own stream. */
interface Dice {
  between(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

function diceOf(seed: number): Dice {
  const random = seededRandom(seed);
  return {
    between: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)),
    chance: (p) => random() < p,
    pick: (items) => items[Math.floor(random() * items.length)]!,
  };
}

type InterceptionArea = NonNullable<NonNullable<Journey['interception']>['area']>;

/**
 * How people reach each demo Member State (invented for the demo, after the main routes): the share
 * screened after a disembarkation or an apprehension at the border (the others apply inland), the
 * countries crossed on the way, and where they were intercepted.
 */
const ROUTES: Record<string, { screened: number; transits: readonly string[]; areas: ReadonlyArray<InterceptionArea> }> = {
  IT: { screened: 0.75, transits: ['LY', 'LY', 'LY', 'TN', 'TN'], areas: ['international-waters', 'international-waters', 'territorial-waters'] },
  GR: { screened: 0.7, transits: ['TR'], areas: ['territorial-waters', 'territorial-waters', 'land-border'] },
  ES: { screened: 0.55, transits: ['MA', 'MA', 'MA', 'DZ', 'MR', 'SN'], areas: ['territorial-waters', 'international-waters', 'land-border'] },
};

/** The journey a caseworker records at screening: where the person was intercepted, and the countries crossed. */
function journeyOf(c: DemoCase, dice: Dice, arrival: string): CaseFactsPatch {
  const route = ROUTES[c.tenantId] ?? ROUTES.IT!;
  const transit = dice.pick(route.transits);
  const transits = transit === c.nationality ? [] : [{ country: transit, days: dice.between(7, 400) }];
  const area = dice.pick(route.areas);
  // A land border is crossed under the eyes of the Member State's police; at sea, NGO ships rescue too.
  return { journey: { transits, interception: { date: arrival, area, byMemberStateAuthorities: area === 'land-border' || dice.chance(0.7) } } };
}

/** Why each step was taken, as the caseworker wrote it (marked as the demo's). */
const REASONS: Record<string, string> = {
  'start-screening': 'demo: disembarked or apprehended at the border, screening started',
  'make-application': 'demo: applied for international protection',
  'register-application': 'demo: application registered',
  'lodge-application': 'demo: the applicant lodged the application',
  'examine-in-regular-procedure': 'demo: examined in the regular procedure',
  'examine-in-border-procedure': 'demo: examined in the border procedure',
  'examine-in-accelerated-procedure': 'demo: examined in the accelerated procedure',
  'reject-application': 'demo: the claim is unfounded',
  'grant-protection': 'demo: well-founded fear of persecution established',
  'end-border-procedure': 'demo: the border procedure cannot be completed, the applicant is admitted to the territory',
  discontinue: 'demo: the applicant absconded before registration',
};

/** One demo case being moved along: who does the plain steps, its version, a proposal waiting for four eyes. */
interface Telling {
  tx: Tx;
  actor: Actor;
  c: DemoCase;
  law: CaseLaw;
  version: number;
  proposal: { id: string; version: number } | null;
}

/** Takes one transition on `on`; false where the procedure or the law does not allow it (nothing written). */
async function take(t: Telling, transition: string, on: string): Promise<boolean> {
  try {
    const result = await takeTransition({ tx: t.tx, actor: t.actor, caseId: t.c.id, expectedVersion: t.version, input: { transition, reason: REASONS[transition]!, on }, law: t.law });
    t.version = result.case.version;
    if (result.status === 'pending') t.proposal = { id: result.transition.id, version: result.case.version };
    return true;
  } catch (error) {
    if (isDomainError(error, 'INVALID_TRANSITION', 'TRANSITION_REFUSED')) return false;
    throw error;
  }
}

/**
 * The case's history up to `today`, in the caller's transaction as the case's caseworker (or, for a
 * case waiting in the queue, the unit's supervisor). Dates follow the procedure's order — arrival ≤
 * made ≤ registered ≤ lodged ≤ procedure chosen ≤ decision ≤ today — and a step is taken only if its
 * date is not after `today`. A decision or a discontinuation needs four eyes: it is only proposed here
 * (by a caseworker: the queue's supervisor has no second supervisor), and approved by the caller.
 */
async function tellStory(t: Telling, dice: Dice, today: string): Promise<void> {
  const { c } = t;
  const assigned = c.assignedTo !== null;
  let arrival = addDays(today, -dice.between(0, assigned ? HISTORY_DAYS : QUEUE_DAYS));
  // Nobody applies before they are born: a baby's application is made by the parents after the birth.
  if (c.birthDate && arrival < c.birthDate) arrival = c.birthDate;
  const due = (on: string) => on <= today;
  // Screened after a disembarkation or an apprehension at the border, the journey recorded; or applied inland.
  const screened = dice.chance((ROUTES[c.tenantId] ?? ROUTES.IT!).screened);
  if (screened) {
    const updated = await updateCase({ tx: t.tx, actor: t.actor, caseId: c.id, expectedVersion: t.version, input: { facts: journeyOf(c, dice, arrival), reason: 'demo: journey recorded at screening' }, law: t.law });
    t.version = updated.version;
    if (!(await take(t, 'start-screening', arrival))) return;
  }
  // A few have not applied (yet): still in screening or just registered.
  if (dice.chance(0.05)) return;
  const made = screened ? addDays(arrival, dice.between(0, 3)) : arrival;
  if (!due(made) || !(await take(t, 'make-application', made))) return;

  // Registration (Regulation (EU) 2024/1348 Art. 27(1): 5 days): mostly on time, some late, some not yet.
  const r = dice.between(1, 100);
  if (r > 90) {
    const absconded = addDays(made, dice.between(8, 45));
    if (assigned && r > 95 && due(absconded)) await take(t, 'discontinue', absconded);
    return;
  }
  const registered = addDays(made, r <= 74 ? dice.between(0, 5) : dice.between(6, 20));
  if (!due(registered) || !(await take(t, 'register-application', registered))) return;
  // A case still in the queue goes no further until someone takes it.
  if (!assigned) return;

  // Lodging is the applicant's step (Art. 28(1): 21 days); a few have not lodged yet.
  if (dice.chance(0.07)) return;
  const lodged = addDays(registered, dice.between(1, 24));
  if (!due(lodged) || !(await take(t, 'lodge-application', lodged))) return;

  // The procedure, chosen within the admissibility time limit (Art. 35(1): 2 months) or after it, or not yet.
  const p = dice.between(1, 100);
  if (p > 88) return;
  const chosen = addDays(lodged, p <= 68 ? dice.between(7, 55) : dice.between(63, 110));
  if (!due(chosen)) return;
  // The regular procedure unless the law requires another; then the border procedure where it may be held, else the accelerated one.
  let procedure: string | null = null;
  for (const transition of ['examine-in-regular-procedure', 'examine-in-border-procedure', 'examine-in-accelerated-procedure']) {
    if (await take(t, transition, chosen)) { procedure = transition; break; }
  }
  if (!procedure) return;

  // Some procedures end: decisions under four eyes, or the applicant admitted to the territory.
  const d = dice.between(1, 100);
  if (procedure === 'examine-in-regular-procedure') {
    const decided = addDays(chosen, dice.between(40, 140));
    if (d <= 12 && due(decided)) await take(t, 'grant-protection', decided);
    return;
  }
  const decided = addDays(chosen, procedure === 'examine-in-border-procedure' ? dice.between(7, 80) : dice.between(10, 95));
  if (!due(decided)) return;
  if (procedure === 'examine-in-border-procedure' && d > 60 && d <= 85) await take(t, 'end-border-procedure', decided);
  else if (d <= 45) await take(t, 'reject-application', decided);
  else if (d <= 60) await take(t, 'grant-protection', decided);
}

export interface SeedDemoOptions {
  db: Kysely<Database>;
  /** Cases to open, over the demo Member States (default 300). */
  count?: number;
  /** The shared statistics folder; without it, the built-in distribution. */
  statsDir?: string | null;
  /** The demo's day, YYYY-MM-DD, not after today: the cases' histories run over the months before it (default today). */
  on?: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Seeds the demo caseload unless cases already exist. Returns the number of cases opened.
 * @example await seedDemoCaseload({ db: storage.db, count: 300, on: '2026-11-21' });
 */
export async function seedDemoCaseload({ db, count = DEFAULT_DEMO_CASES, statsDir = null, on, onProgress }: SeedDemoOptions): Promise<number> {
  const existing = await db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0 || count === 0) return 0;
  const today = on ?? new Date().toISOString().slice(0, 10);
  const generated = [...generateCaseload({
    distribution: loadCaseloadDistribution(statsDir), seed: DEMO_SEED, count, memberStates: DEMO_MEMBER_STATES, returnShare: 0.2, refPrefix: 'DEMO-',
  })];
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
  // The registries in force, as the API reads them for a transition (loaded before the cases' transactions).
  const law = await loadCaseLaw(db);
  const cases = (await db.selectFrom('cases').innerJoin('persons', (j) => j.onRef('persons.tenant_id', '=', 'cases.tenant_id').onRef('persons.id', '=', 'cases.person_id'))
    .select(['cases.id', 'cases.tenant_id', 'cases.assigned_to', sql<string>`persons.data->>'nationality'`.as('nationality'), sql<string | null>`persons.data->>'birthDate'`.as('birth_date')])
    .where('cases.kind', '=', 'asylum').orderBy('cases.reference').execute())
    .map((r): DemoCase => ({ id: r.id, tenantId: r.tenant_id, assignedTo: r.assigned_to, nationality: r.nationality, birthDate: r.birth_date }));
  const told = new Map<string, number>();
  const storied = cases.filter((c) => {
    const n = (told.get(c.tenantId) ?? 0) + 1;
    told.set(c.tenantId, n);
    return n <= HISTORIES_PER_STATE;
  });
  total = count + storied.length;
  for (const [i, c] of storied.entries()) {
    const supervisor = actorFor(`${c.tenantId.toLowerCase()}-supervisor`);
    const worker = c.assignedTo ? actorFor(c.assignedTo) : supervisor;
    // Each case's draws come from its own stream, so that one case's story does not shift the others'.
    const proposal = await asActor(db, worker, async (tx) => {
      const telling: Telling = { tx, actor: worker, c, law, version: 1, proposal: null };
      await tellStory(telling, diceOf(DEMO_SEED + i + 1), today);
      return telling.proposal;
    });
    if (proposal) {
      await asActor(db, supervisor, (tx) => approveTransition({ tx, actor: supervisor, caseId: c.id, transitionId: proposal.id, expectedVersion: proposal.version, reason: 'demo: approved', law }));
    }
    onProgress?.(count + i + 1, total);
  }
  return opened;
}
