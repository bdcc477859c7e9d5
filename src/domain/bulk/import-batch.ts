/**
 * @module domain/bulk/import-batch
 * One batch of a case import, in one transaction of the importer's tenant: the cases it opens with
 * their persons, one `case.opened` audit event per case (chained like any other, with the row and the
 * job it came from), the external references, the report's lines, and the job's checkpoint and counts.
 * They commit together or not at all, so after a crash the job's checkpoint says exactly which rows
 * are done.
 *
 * Set-based: the batch's new rows are staged by COPY (`stage.ts`) and moved into `persons` and
 * `cases` by one statement each, duplicates are looked for by one join, and the events are hashed
 * here and stored by one statement, with the chain head locked from the reservation of the case
 * numbers to the commit, as `open-case.ts` does for one case.
 *
 * A row is refused (and reported) when invalid, when its unit is unknown, when it names an assignee or
 * unit that only a holder of `assign` may give, or when its external reference was imported before
 * with other content; a row imported before with the same content is `unchanged`. Duplicate
 * detection follows registration's rules (`persons/find-duplicates.ts`): the same block (nationality
 * and birth date), the same score and threshold, against every person registered before the row —
 * those of earlier rows of the file included — and a suspected duplicate is reported, not refused.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { can } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { lockHeadQuery, missingHead, type ChainHead } from '../audit/append-event.ts';
import type { ChainedEvent } from '../audit/chain.ts';
import { DomainError } from '../errors.ts';
import { reportedCandidates, type DuplicateCandidate, type ScoredRow } from '../persons/find-duplicates.ts';
import { retainUntil, type RetentionTerms } from '../persons/create-person.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { CaseImportRow, ParsedRow, RowIssue } from './case-row.ts';
import { chainEvents } from './chain-events.ts';
import { jobFromRow, type ImportJob } from './import-job.ts';
import { stageRows } from './stage.ts';

/** What a job's batches share: the tenant's units and the retention policies, read once. */
export interface ImportContext {
  units: ReadonlySet<string>;
  policies: ReadonlyMap<string, RetentionTerms>;
}

export interface BatchRow {
  row: number;
  line: number;
  parsed: ParsedRow;
}

export interface ImportBatchOptions {
  tx: Tx;
  actor: Actor;
  jobId: string;
  /** The batch's rows, in file order, continuing the job's checkpoint. */
  rows: BatchRow[];
  /** The job's new checkpoint: the batch's last row. */
  through: number;
  context: ImportContext;
  requestId?: string | null;
  now?: Date;
}

/** A new case of the batch, with its person. */
interface NewCase extends Candidate {
  caseId: string;
  personId: string;
  reference: string;
  recordType: string;
}

/** An issue of the report, on its row. */
interface PlacedIssue extends RowIssue {
  row: number;
  line: number;
}

/** The problems that keep a valid row out, besides its content: who may give its unit and assignee, and whether the unit exists. */
function admissionIssues(actor: Actor, row: CaseImportRow, context: ImportContext, mayAssign: boolean): RowIssue[] {
  const issues: RowIssue[] = [];
  if (row.unitId !== undefined && !context.units.has(row.unitId)) {
    issues.push({ path: 'unitId', code: 'VALIDATION_FAILED', message: `unit ${row.unitId} does not exist in ${actor.tenantId}`, severity: 'error' });
  }
  if (!mayAssign) {
    if (row.assignedTo !== undefined && row.assignedTo !== actor.id) {
      issues.push({ path: 'assignedTo', code: 'FORBIDDEN', message: `${actor.id} may not assign cases to others`, severity: 'error' });
    }
    if (row.unitId !== undefined && row.unitId !== actor.unitId) {
      issues.push({ path: 'unitId', code: 'FORBIDDEN', message: `${actor.id} may not open cases for unit ${row.unitId}`, severity: 'error' });
    }
  }
  if (!context.policies.has(row.recordType ?? 'applicant')) {
    issues.push({ path: 'recordType', code: 'VALIDATION_FAILED', message: `no retention policy for record type ${row.recordType}`, severity: 'error' });
  }
  return issues;
}

/** The report's warning for a row whose person may already be registered. */
function duplicateWarning(candidates: DuplicateCandidate[]): RowIssue {
  return {
    path: 'person', code: 'DUPLICATE_SUSPECTED', severity: 'warning',
    message: `${candidates.length} registered person(s) may be the same person: the case was opened; look at them, then merge or leave them`,
    detail: { candidates },
  };
}

/** A valid row waiting to become a case. */
interface Candidate { row: BatchRow; input: CaseImportRow; hash: string }

/** What the batch's rows come to before anything is written. */
interface Sorted {
  fresh: Candidate[];
  unchanged: number;
  refused: number;
  issues: PlacedIssue[];
}

function place(issues: PlacedIssue[], row: BatchRow, list: RowIssue[]): void {
  for (const issue of list) issues.push({ ...issue, row: row.row, line: row.line });
}

/**
 * Sorts the rows: refused (invalid, inadmissible, or a reference seen before with other content),
 * unchanged (a reference seen before with the same content, in this file or imported before), or fresh.
 */
async function sortRows(tx: Tx, actor: Actor, rows: BatchRow[], context: ImportContext): Promise<Sorted> {
  const sorted: Sorted = { fresh: [], unchanged: 0, refused: 0, issues: [] };
  const mayAssign = can({ actor, action: 'assign', resource: 'case' });
  // Valid, admissible rows by reference (the first of a reference in the batch; later ones compare to it).
  const candidates = new Map<string, Candidate>();
  for (const row of rows) {
    if (!row.parsed.ok) { sorted.refused++; place(sorted.issues, row, row.parsed.issues); continue; }
    const { row: input, hash } = row.parsed;
    const admission = admissionIssues(actor, input, context, mayAssign);
    if (admission.length > 0) { sorted.refused++; place(sorted.issues, row, admission); continue; }
    const earlier = candidates.get(input.externalRef);
    if (!earlier) { candidates.set(input.externalRef, { row, input, hash }); continue; }
    if (earlier.hash === hash) { sorted.unchanged++; continue; }
    sorted.refused++;
    place(sorted.issues, row, [{ path: 'externalRef', code: 'IMPORT_CONFLICT', message: `row ${earlier.row.row} of this file has the same externalRef with other content`, severity: 'error' }]);
  }
  const refs = [...candidates.keys()];
  const known = refs.length === 0 ? [] : (await sql<{ external_ref: string; row_hash: string; job_id: string; row_number: number }>`
    select external_ref, row_hash, job_id, row_number from case_external_refs where tenant_id = ${actor.tenantId} and external_ref = any(${refs}::text[])`.execute(tx)).rows;
  for (const k of known) {
    const c = candidates.get(k.external_ref)!;
    candidates.delete(k.external_ref);
    if (k.row_hash === c.hash) { sorted.unchanged++; continue; }
    sorted.refused++;
    place(sorted.issues, c.row, [{ path: 'externalRef', code: 'IMPORT_CONFLICT', message: `externalRef was imported before with other content (row ${k.row_number} of import job ${k.job_id}): change that case through its own operations`, severity: 'error' }]);
  }
  sorted.fresh = [...candidates.values()].sort((a, b) => a.row.row - b.row.row);
  return sorted;
}

type PendingEvent = Pick<ChainedEvent, 'action' | 'entityType' | 'entityId' | 'data'>;

/**
 * Registers the fresh rows' persons (staged, then moved by one statement) and looks for their
 * duplicates; stages the cases; returns their `case.opened` events and how many rows had suspects.
 * The chain head is locked from here to the commit.
 */
async function registerFresh(tx: Tx, actor: Actor, jobId: string, sorted: Sorted, context: ImportContext, now: Date): Promise<{ head: ChainHead; events: PendingEvent[]; duplicates: number }> {
  const tenantId = actor.tenantId;
  const year = now.getUTCFullYear();
  const reserved = await reserveNumbers(tx, tenantId, year, sorted.fresh.length);
  const news: NewCase[] = sorted.fresh.map((c, i) => ({
    ...c, caseId: randomUUID(), personId: randomUUID(), recordType: c.input.recordType ?? 'applicant',
    reference: `${tenantId}-${year}-${String(reserved.first + i).padStart(6, '0')}`,
  }));
  await stageRows(tx, 'case_import_stage', news.map((n) => [
    n.row.row, n.input.externalRef, n.hash, n.caseId, n.personId, n.reference, n.input.kind, n.input.unitId ?? actor.unitId,
    n.input.assignedTo ?? null, n.recordType, retainUntil(context.policies.get(n.recordType)!, now), JSON.stringify(n.input.person),
  ]));
  await sql`insert into persons (tenant_id, id, record_type, data, created_at, retain_until)
    select ${tenantId}, person_id, record_type, data, ${now}, retain_until from case_import_stage order by ord`.execute(tx);
  const found = await duplicatesOf(tx, tenantId, news);
  let duplicates = 0;
  const events = news.map((n): PendingEvent => {
    const suspects = reportedCandidates(found.get(n.row.row) ?? []).slice(0, 5);
    if (suspects.length > 0) { duplicates++; place(sorted.issues, n.row, [duplicateWarning(suspects)]); }
    return {
      action: 'case.opened', entityType: 'case', entityId: n.caseId,
      data: {
        reference: n.reference, kind: n.input.kind, stage: 'registered', unitId: n.input.unitId ?? actor.unitId, assignedTo: n.input.assignedTo ?? null,
        personId: n.personId, recordType: n.recordType, import: { jobId, row: n.row.row, externalRef: n.input.externalRef },
        ...(suspects.length > 0 ? { duplicateCandidates: suspects.map((d) => d.personId) } : {}),
      },
    };
  });
  return { head: reserved.head, events, duplicates };
}

/**
 * Imports one batch and moves the job's checkpoint to `through`.
 * @throws DomainError INVALID_STATE when the job is finished or its checkpoint is not where this batch
 * starts (another run of the same job got there first): nothing of the batch is written.
 */
export async function importBatch({ tx, actor, jobId, rows, through, context, requestId = null, now = new Date() }: ImportBatchOptions): Promise<ImportJob> {
  const tenantId = actor.tenantId;
  const from = rows.length > 0 ? rows[0]!.row : through + 1;
  const job = await tx.selectFrom('case_import_jobs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', jobId).forUpdate().executeTakeFirst();
  if (!job) throw new DomainError('NOT_FOUND', `import job ${jobId} not found`);
  if (job.status !== 'running' || job.checkpoint !== from - 1) {
    throw new DomainError('INVALID_STATE', `import job ${jobId} is ${job.status} at row ${job.checkpoint}, not at row ${from - 1}: another run of it went on`, [], { checkpoint: job.checkpoint });
  }
  const sorted = await sortRows(tx, actor, rows, context);
  const fresh = sorted.fresh.length > 0 ? await registerFresh(tx, actor, jobId, sorted, context, now) : null;
  const counts = { created: sorted.fresh.length, unchanged: sorted.unchanged, refused: sorted.refused, duplicates: fresh?.duplicates ?? 0 };
  const events = fresh?.events ?? [];
  const finished = through === job.total_rows;
  let head = fresh?.head ?? null;
  if (finished) {
    head ??= await lockedHead(tx, tenantId);
    events.push({
      action: 'case-import.finished', entityType: 'case-import', entityId: jobId,
      data: { created: job.created + counts.created, unchanged: job.unchanged + counts.unchanged, refused: job.refused + counts.refused, duplicates: job.duplicates + counts.duplicates },
    });
  }
  const chained = head ? chainEvents(head, events.map((e) => ({ ...e, tenantId, actorId: actor.id, requestId, at: now.toISOString(), reason: null, legalBasis: [] }))) : [];
  if (chained.length > 0) await stageRows(tx, 'case_import_event_stage', chained.map((e) => [e.event.seq, e.event.action, e.event.entityType, e.event.entityId, JSON.stringify(e.event.data), e.prevHash, e.hash]));
  const last = chained[chained.length - 1];
  const updated = await sql<Parameters<typeof jobFromRow>[0]>`
    with ${fresh ? sql`
    new_cases as (
      insert into cases (tenant_id, id, reference, person_id, kind, stage, unit_id, assigned_to, opened_by, opened_at, updated_at, version)
      select ${tenantId}, case_id, reference, person_id, kind, 'registered', unit_id, assigned_to, ${actor.id}, ${now}, ${now}, 1 from case_import_stage order by ord
    ),
    new_refs as (
      insert into case_external_refs (tenant_id, external_ref, case_id, row_hash, job_id, row_number)
      select ${tenantId}, external_ref, case_id, row_hash, ${jobId}, ord from case_import_stage
    ),` : sql``}
    ${last ? sql`
    new_events as (
      insert into audit_events (tenant_id, seq, at, actor_id, action, entity_type, entity_id, reason, legal_basis, data, request_id, prev_hash, hash)
      select ${tenantId}, seq, ${now}, ${actor.id}, action, entity_type, entity_id, null, '[]', data, ${requestId}, prev_hash, hash from case_import_event_stage order by seq
    ),
    moved_head as (update audit_heads set seq = ${last.event.seq}, hash = ${last.hash} where tenant_id = ${tenantId}),` : sql``}
    new_issues as (
      insert into case_import_issues (tenant_id, job_id, row_number, seq, line, path, code, severity, message, detail)
      select ${tenantId}, ${jobId}, x.row_number, x.seq, x.line, x.path, x.code, x.severity, x.message, x.detail
      from jsonb_to_recordset(${JSON.stringify(issueRows(sorted.issues))}::jsonb) as x(row_number integer, seq integer, line integer, path text, code text, severity text, message text, detail jsonb)
    )
    update case_import_jobs set checkpoint = ${through}, created = created + ${counts.created}, unchanged = unchanged + ${counts.unchanged},
      refused = refused + ${counts.refused}, duplicates = duplicates + ${counts.duplicates}, updated_at = ${now},
      status = ${finished ? 'done' : 'running'}, finished_at = ${finished ? now : null}
    where tenant_id = ${tenantId} and id = ${jobId}
    returning *`.execute(tx);
  return jobFromRow(updated.rows[0]!);
}

/** The report's rows: issues numbered within their row. */
function issueRows(issues: PlacedIssue[]) {
  const seqOf = new Map<number, number>();
  return issues.map((i) => {
    const seq = (seqOf.get(i.row) ?? 0) + 1;
    seqOf.set(i.row, seq);
    return { row_number: i.row, seq, line: i.line, path: i.path, code: i.code, severity: i.severity, message: i.message, detail: i.detail ?? null };
  });
}

/**
 * Locks the tenant's chain head (until commit) and takes `count` case numbers of the year, in one
 * statement: the head first, then the counter, in the order `open-case.ts` takes them.
 */
async function reserveNumbers(tx: Tx, tenantId: string, year: number, count: number): Promise<{ head: ChainHead; first: number }> {
  const result = await sql<{ seq: string; hash: string; last: string }>`
    with head as (${lockHeadQuery(tenantId)}),
    number as (
      insert into counters (tenant_id, name, value) select ${tenantId}, ${`case-${year}`}, ${count} from head
      on conflict (tenant_id, name) do update set value = counters.value + ${count}
      returning value
    )
    select head.seq, head.hash, number.value as last from head cross join number`.execute(tx);
  const r = result.rows[0];
  if (!r) throw missingHead(tenantId);
  return { head: r, first: Number(r.last) - count + 1 };
}

async function lockedHead(tx: Tx, tenantId: string): Promise<ChainHead> {
  const head = (await lockHeadQuery(tenantId).execute(tx)).rows[0];
  if (!head) throw missingHead(tenantId);
  return head;
}

/**
 * Suspected duplicates of the staged persons, by row: registration's block and score
 * (`waypoint_duplicate_candidates`, migrations 0020 and 0029), against persons registered before —
 * outside the batch, or on an earlier row of it. Two index probes per staged person — its own keys by
 * primary key, then its block — each a lateral sub-query kept apart from the join (`offset 0`), so
 * that the plan does not depend on statistics a bulk load has just made stale (a hash join over the
 * tenant's persons, once a batch, was what the planner chose otherwise).
 */
async function duplicatesOf(tx: Tx, tenantId: string, news: readonly NewCase[]): Promise<Map<number, ScoredRow[]>> {
  const result = await sql<ScoredRow & { ord: number }>`
    select s.ord, c.*
    from case_import_stage s
    cross join lateral (select n.id, n.search_names, n.phonetic, n.duplicate_block from persons n where n.tenant_id = ${tenantId} and n.id = s.person_id offset 0) n
    cross join lateral (
      select p.id, similarity(p.search_names, n.search_names) as name_score,
             (select count(*) from unnest(p.phonetic) as code where code = any (n.phonetic))::float
               / greatest(least(cardinality(p.phonetic), cardinality(n.phonetic)), 1) as phonetic_score,
             1 as birth_score, 1 as nationality_score
      from persons p
      where p.tenant_id = ${tenantId} and p.duplicate_block = n.duplicate_block and p.merged_into is null
        and p.id <> n.id and (p.phonetic && n.phonetic or p.search_names % n.search_names)
      -- A fence: planned on its own, the block's equalities become the index's conditions.
      offset 0
    ) c`.execute(tx);
  // A person of the batch counts only for the rows after its own.
  const ordOf = new Map(news.map((n) => [n.personId, n.row.row]));
  const byRow = new Map<number, ScoredRow[]>();
  for (const r of result.rows) {
    const other = ordOf.get(r.id);
    if (other !== undefined && other >= r.ord) continue;
    const list = byRow.get(r.ord) ?? [];
    list.push(r);
    byRow.set(r.ord, list);
  }
  return byRow;
}
