/**
 * @module domain/deadlines/recompute-deadlines
 * Recomputes the deadlines of every open case of a tenant after the law changed: a new law package
 * (its digest), or new facts in the registries (a crisis authorisation, a designation). Cases are read
 * in batches in key order, each assessed by the law engine exactly as a single case is
 * (`assessCase`), and only the cases whose deadlines changed are written — in one statement per batch
 * (`write-deadlines.ts`) with one audit event listing the changes. The next batch is read while the
 * current one is assessed and the previous one written, so that the database and the engine work at
 * the same time.
 *
 * A case changed by somebody while its batch was assessed is left alone: its own transition or update
 * recomputed it, under the law of that moment (the batch locks the rows it writes and compares
 * versions). A run stopped halfway leaves whole batches; running it again finishes the work and
 * changes nothing that is already right.
 */
import { sql } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import type { CaseLaw } from '../cases/law-context.ts';
import { lawPackageVersion } from '../cases/law-version.ts';
import { ageOf, type FamilyMember, type Relation } from '../persons/family.ts';
import type { PersonData } from '../persons/person.ts';
import { inTenant, type Db } from '../../storage/transaction.ts';
import { assessBatch, type AssessedCase, type CaseBatch, type OpenCaseRow } from './assess-batch.ts';
import type { CaseDeadline, DeadlineProvenance } from './deadline.ts';
import { needsWrite, writeDeadlines } from './write-deadlines.ts';

export interface RecomputeDeadlinesOptions {
  db: Db;
  /** An administrator of the tenant (API), or the operator's system actor for it (CLI). */
  actor: Actor;
  /** The date the law is applied at (default today). */
  on?: string;
  law: CaseLaw;
  batchSize?: number;
  onProgress?: (assessed: number) => void;
  now?: () => Date;
}

export interface RecomputeReport {
  tenantId: string;
  on: string;
  lawDigest: string;
  registryRevision: number | null;
  /** Open cases assessed. */
  assessed: number;
  /** Cases whose deadlines changed (a date, a name, a basis) or ended. */
  changed: number;
  /** Deadlines that ended (the law no longer computes them in the case's stage). */
  ended: number;
  tasksClosed: number;
  /** Open cases the engine could not assess (erased data, a tenant that is not a Member State): the deadlines they had stand. */
  unassessable: number;
  /** Cases changed by somebody during the run, left to their own recomputation. */
  skipped: number;
}

/** The person's fields the facts do not read (names, languages, needs): not fetched. */
const UNREAD_PERSON_FIELDS = sql`- 'givenNames' - 'familyName' - 'aliases' - 'languages' - 'specialNeeds'`;

/**
 * The next batch of open cases after `after`, in key order, with their persons, their current
 * deadlines (one range scan of `case_deadlines`, whose key starts like the cases') and family links.
 */
async function readBatch(db: Db, tenantId: string, after: string | null, size: number, on: string): Promise<CaseBatch> {
  return inTenant(db, { tenantId }, async (tx) => {
    const cases = await sql<Omit<OpenCaseRow, 'deadlines'>>`
      select c.id, c.version, c.stage, c.kind, c.unit_id, c.person_id, c.facts, p.data ${UNREAD_PERSON_FIELDS} as person
      from cases c join persons p on p.tenant_id = c.tenant_id and p.id = c.person_id
      where c.tenant_id = ${tenantId} and c.closed_at is null ${after ? sql`and c.id > ${after}` : sql``}
      order by c.id limit ${size}`.execute(tx);
    const last = cases.rows[cases.rows.length - 1];
    if (!last) return { tenantId, on, rows: [], family: new Map() };
    const kept = await sql<{ case_id: string; name: string; due_on: string; basis: string[] }>`
      select case_id, name, due_on, basis from case_deadlines
      where tenant_id = ${tenantId} ${after ? sql`and case_id > ${after}` : sql``} and case_id <= ${last.id}
      order by case_id, due_on, name`.execute(tx);
    const deadlines = new Map<string, CaseDeadline[]>();
    for (const d of kept.rows) {
      const list = deadlines.get(d.case_id) ?? [];
      list.push({ name: d.name, dueOn: d.due_on, basis: d.basis });
      deadlines.set(d.case_id, list);
    }
    const persons = [...new Set(cases.rows.map((r) => r.person_id))];
    const links = (await sql<{ person_id: string; related_id: string; relation: Relation; data: PersonData | null }>`
      select l.person_id, l.related_id, l.relation, r.data ${UNREAD_PERSON_FIELDS} as data from person_links l join persons r on r.tenant_id = l.tenant_id and r.id = l.related_id
      where l.tenant_id = ${tenantId} and l.person_id = any(${persons}::uuid[]) order by l.person_id, l.related_id`.execute(tx)).rows;
    const family = new Map<string, FamilyMember[]>();
    for (const l of links) {
      const members = family.get(l.person_id) ?? [];
      members.push({ personId: l.related_id, relation: l.relation, age: ageOf(l.data, on), cases: [] });
      family.set(l.person_id, members);
    }
    const rows = cases.rows as OpenCaseRow[];
    for (const r of rows) r.deadlines = deadlines.get(r.id) ?? [];
    return { tenantId, on, rows, family };
  });
}

/** A promise awaited later: marked handled now, so that its failure waits for the await instead of ending the process. */
function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** Writes a batch's changes in one transaction, with one event; rows changed meanwhile are skipped. */
async function writeBatch(db: Db, actor: Actor, writes: AssessedCase[], provenance: DeadlineProvenance, report: RecomputeReport, now: Date): Promise<void> {
  const due = writes.filter((w) => needsWrite(w.change));
  if (due.length === 0) return;
  await inTenant(db, { tenantId: actor.tenantId }, async (tx) => {
    const locked = await sql<{ id: string; version: number }>`
      select id, version from cases where tenant_id = ${actor.tenantId} and id = any(${due.map((w) => w.caseId)}::uuid[]) order by id for update`.execute(tx);
    const versions = new Map(locked.rows.map((r) => [r.id, r.version]));
    const fresh = due.filter((w) => versions.get(w.caseId) === w.version);
    report.skipped += due.length - fresh.length;
    if (fresh.length === 0) return;
    const written = await writeDeadlines({ tx, tenantId: actor.tenantId, writes: fresh, provenance, now });
    report.changed += written.cases;
    report.ended += fresh.reduce((n, w) => n + w.change.ended.length, 0);
    report.tasksClosed += written.tasksClosed.length;
    await appendEvent({
      tx, tenantId: actor.tenantId, actorId: actor.id, action: 'case.deadlines-recomputed', entityType: 'tenant', entityId: actor.tenantId,
      reason: 'deadlines recomputed after a change of the law', at: now,
      data: {
        ...provenance,
        cases: fresh.map((w) => ({
          caseId: w.caseId, deadlines: w.change.current.map((d) => [d.name, d.dueOn]),
          ...(w.change.ended.length ? { ended: w.change.ended.map((e) => [e.name, e.dueOn, e.outcome]) } : {}),
        })),
        ...(written.tasksClosed.length ? { tasksClosed: written.tasksClosed.map((t) => t.id) } : {}),
      },
    });
  });
}

/**
 * @throws DomainError FORBIDDEN unless the actor may run the deadline recomputation for the tenant.
 * @example const report = await recomputeDeadlines({ db, actor: systemActor('IT', 'deadlines'), law: await loadCaseLaw(db) });
 */
export async function recomputeDeadlines({ db, actor, on = new Date().toISOString().slice(0, 10), law, batchSize = 2000, onProgress, now = () => new Date() }: RecomputeDeadlinesOptions): Promise<RecomputeReport> {
  authorize({ actor, action: 'run', resource: 'deadline', record: { tenantId: actor.tenantId } });
  const provenance: DeadlineProvenance = { assessedOn: on, lawDigest: lawPackageVersion().lawDigest, registryRevision: law.registryRevision };
  const report: RecomputeReport = { tenantId: actor.tenantId, on, lawDigest: provenance.lawDigest, registryRevision: law.registryRevision, assessed: 0, changed: 0, ended: 0, tasksClosed: 0, unassessable: 0, skipped: 0 };
  let reading = later(readBatch(db, actor.tenantId, null, batchSize, on));
  let writing: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const batch = await reading;
      if (batch.rows.length === 0) break;
      // The next batch is read while this one is assessed and the previous ones written, in order.
      reading = batch.rows.length === batchSize
        ? later(readBatch(db, actor.tenantId, batch.rows[batch.rows.length - 1]!.id, batchSize, on))
        : Promise.resolve({ tenantId: actor.tenantId, on, rows: [], family: new Map() });
      const { cases, unassessable } = assessBatch(batch, law);
      report.unassessable += unassessable;
      await writing;
      writing = later(writeBatch(db, actor, cases, provenance, report, now()));
      report.assessed += cases.length;
      onProgress?.(report.assessed);
    }
    await writing;
  } catch (error) {
    // The write in flight finishes (or fails) before the failure is reported.
    await writing.catch(() => undefined);
    throw error;
  }
  return report;
}
