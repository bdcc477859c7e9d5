/**
 * Case imports on the engine the environment selects: the report names each refused row's field and
 * code and the valid rows are imported; the same file again (or the same rows in the other format)
 * changes nothing and reports every row unchanged; an import stopped after any batch and run again
 * ends exactly as an uninterrupted one; suspected duplicates follow registration's rules; permissions
 * and the tenant wall hold; the audit chain verifies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { verifyChains } from '../audit/verify-chain.ts';
import { openCase } from '../cases/open-case.ts';
import { isDomainError } from '../errors.ts';
import { seedDemoUsers } from '../../seed/demo-users.ts';
import { asActor } from '../../storage/transaction.ts';
import { getCaseImport, listCaseImports, type ImportJob } from './import-job.ts';
import { textSource, type ImportFormat } from './read-rows.ts';
import { runCaseImport } from './run-import.ts';

const supervisor = (tenantId: string): Actor => ({ id: `${tenantId.toLowerCase()}-supervisor`, displayName: 'Supervisor', tenantId, unitId: 'asylum', roles: ['supervisor'] });
const itCaseworker: Actor = { id: 'it-caseworker', displayName: 'IT caseworker', tenantId: 'IT', unitId: 'asylum', roles: ['caseworker'] };
const itAnalyst: Actor = { id: 'it-policy-analyst', displayName: 'IT analyst', tenantId: 'IT', unitId: null, roles: ['policy-analyst'] };

let storage: TestStorage;
before(async () => {
  storage = await openTestStorage();
  await seedDemoUsers(storage.db);
});
after(() => storage.close());

type Row = Record<string, unknown>;

function person(givenNames: string, familyName: string, nationality: string, birthDate?: string): Row {
  return { givenNames, familyName, nationality, ...(birthDate ? { birthDate } : {}), sex: 'M' };
}

function ndjson(rows: Array<Row | string>): string {
  return rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
}

function importText(actor: Actor, name: string, format: ImportFormat, text: string, batchSize = 3, onProgress?: (job: ImportJob) => void) {
  return runCaseImport({ db: storage.db, actor, source: textSource(name, format, text), batchSize, onProgress });
}

async function report(actor: Actor, jobId: string) {
  return asActor(storage.db, actor, (tx) => getCaseImport({ tx, actor, jobId }));
}

async function counts(tenantId: string) {
  const result = await sql<Record<string, string>>`select
    (select count(*) from cases where tenant_id = ${tenantId}) as cases,
    (select count(*) from persons where tenant_id = ${tenantId}) as persons,
    (select count(*) from case_external_refs where tenant_id = ${tenantId}) as refs,
    (select count(*) from audit_events where tenant_id = ${tenantId} and action = 'case.opened') as opened`.execute(storage.db);
  const row = result.rows[0]!;
  return { cases: Number(row.cases), persons: Number(row.persons), refs: Number(row.refs), opened: Number(row.opened) };
}

/** A file with valid rows and every kind of refusal, with the issues each refused row must get. */
const MIXED: Array<Row | string> = [
  { externalRef: 'MIX-1', kind: 'asylum', person: person('Karim', 'Mansour', 'SY', '1990-04-01') },
  { externalRef: 'MIX-2', kind: 'asylum', person: { ...person('Lina', 'Haddad', 'QQ', '1990-02-30'), sex: 'F' } },
  { externalRef: 'MIX-3', kind: 'return', unitId: 'return', recordType: 'illegal-stay', person: person('Omar', 'Said', 'MA') },
  '{"externalRef": "MIX-4", "kind": ',
  { externalRef: 'MIX-5', kind: 'asylum', unitId: 'harbour', person: person('Ali', 'Noori', 'AF', '2001-01-01') },
  { externalRef: 'MIX-1', kind: 'asylum', person: person('Karim', 'Mansour', 'SY', '1990-04-01') },
  { externalRef: 'MIX-1', kind: 'asylum', person: person('Karim', 'Mansur', 'SY', '1990-04-01') },
  { externalRef: 'MIX-8', kind: 'screening', assignedTo: 'it-caseworker', person: person('Yusuf', 'Benali', 'TN', '1999-09-09'), nickname: 'Jo' },
  { externalRef: 'MIX-9', kind: 'asylum', assignedTo: 'it-caseworker', person: person('Samir', 'Khalil', 'LB', '1985-05-05') },
];
const MIXED_ISSUES = [
  [2, 'person.birthDate', 'VALIDATION_FAILED'], [2, 'person.nationality', 'VALIDATION_FAILED'],
  [4, 'row', 'MALFORMED_JSON'],
  [5, 'unitId', 'VALIDATION_FAILED'],
  [7, 'externalRef', 'IMPORT_CONFLICT'],
  [8, 'nickname', 'VALIDATION_FAILED'],
];

describe(`case imports on ${ENGINE}`, () => {
  it('imports the valid rows and reports each refused one by row, field path and code', async () => {
    const job = await importText(supervisor('IT'), 'mixed.ndjson', 'ndjson', ndjson(MIXED));
    assert.deepEqual({ status: job.status, total: job.totalRows, checkpoint: job.checkpoint, created: job.created, unchanged: job.unchanged, refused: job.refused },
      { status: 'done', total: 9, checkpoint: 9, created: 3, unchanged: 1, refused: 5 });
    const { issues } = await report(supervisor('IT'), job.id);
    assert.deepEqual(issues.map((i) => [i.row, i.path, i.code]).sort(), MIXED_ISSUES.sort());
    assert.ok(issues.every((i) => i.severity === 'error' && i.line === i.row && i.message.length > 0));
    const refs = await storage.db.selectFrom('case_external_refs').innerJoin('cases', (j) => j.onRef('cases.id', '=', 'case_external_refs.case_id').onRef('cases.tenant_id', '=', 'case_external_refs.tenant_id'))
      .select(['external_ref', 'kind', 'unit_id', 'assigned_to', 'stage', 'opened_by']).where('case_external_refs.tenant_id', '=', 'IT').where('job_id', '=', job.id).orderBy('external_ref').execute();
    assert.deepEqual(refs, [
      { external_ref: 'MIX-1', kind: 'asylum', unit_id: 'asylum', assigned_to: null, stage: 'registered', opened_by: 'it-supervisor' },
      { external_ref: 'MIX-3', kind: 'return', unit_id: 'return', assigned_to: null, stage: 'registered', opened_by: 'it-supervisor' },
      { external_ref: 'MIX-9', kind: 'asylum', unit_id: 'asylum', assigned_to: 'it-caseworker', stage: 'registered', opened_by: 'it-supervisor' },
    ]);
  });

  it('changes nothing when the same file runs again, and reports every row unchanged or refused as before', async () => {
    const text = ndjson(MIXED.filter((r) => typeof r !== 'string').map((r) => ({ ...r, externalRef: `AGAIN-${(r as Row).externalRef}` })));
    const first = await importText(supervisor('IT'), 'again.ndjson', 'ndjson', text);
    const before = await counts('IT');
    const second = await importText(supervisor('IT'), 'again.ndjson', 'ndjson', text);
    assert.notEqual(second.id, first.id, 'a finished job is not resumed: the rerun is a job of its own');
    assert.deepEqual(await counts('IT'), before);
    assert.deepEqual([first.created, second.created, second.refused], [3, 0, first.refused]);
    assert.equal(second.unchanged, second.totalRows - second.refused);
  });

  it('finds the same rows written as CSV unchanged, and refuses a reference imported with other content', async () => {
    const csv = [
      'externalRef,kind,unitId,recordType,person.givenNames,person.familyName,person.nationality,person.birthDate,person.sex',
      'MIX-1,asylum,,,Karim,Mansour,SY,1990-04-01,M',
      'MIX-3,return,return,illegal-stay,Omar,Said,MA,,M',
      'MIX-9,asylum,,,Samir,Khalil,LB,1985-05-05,M',
      'CSV-1,asylum,,,"Haddad, jr.",Haddad,SY,1990-04-02,M',
    ].join('\r\n');
    const before = await counts('IT');
    const job = await importText(supervisor('IT'), 'same.csv', 'csv', csv);
    // MIX-9 was imported with an assignee; without one it is other content.
    assert.deepEqual([job.created, job.unchanged, job.refused], [1, 2, 1]);
    const { issues } = await report(supervisor('IT'), job.id);
    assert.deepEqual(issues.map((i) => [i.row, i.line, i.path, i.code]), [[3, 4, 'externalRef', 'IMPORT_CONFLICT']]);
    assert.equal((await counts('IT')).cases, before.cases + 1);
  });

  it('refuses a file it cannot read as a whole before starting a job', async () => {
    const jobs = (await asActor(storage.db, supervisor('IT'), (tx) => listCaseImports({ tx, actor: supervisor('IT') }))).length;
    for (const [format, text, problem] of [
      ['csv', 'externalRef,kind,person.givenNames,person.familyName,person.nationality,person.nickname\r\nA,asylum,X,Y,SY,Z', /unknown column "person.nickname"/],
      ['csv', 'externalRef,kind,person.givenNames\r\n', /missing column person.familyName/],
      ['csv', 'externalRef,kind,person.givenNames,person.familyName,person.nationality\r\nA,asylum,"unclosed,Y,SY\r\n', /line \d+/],
    ] as const) {
      await assert.rejects(importText(supervisor('IT'), 'bad.csv', format, text), (error: unknown) => isDomainError(error, 'INVALID_IMPORT') && problem.test(error.message));
    }
    assert.equal((await asActor(storage.db, supervisor('IT'), (tx) => listCaseImports({ tx, actor: supervisor('IT') }))).length, jobs);
  });

  it('resumes an import stopped after any batch and ends exactly as one that ran through', async () => {
    const rows = Array.from({ length: 11 }, (_, i): Row => (i === 6
      ? { externalRef: `RES-${i}`, kind: 'asylum', person: person('', 'Broken', 'SY') }
      : { externalRef: `RES-${i}`, kind: 'asylum', person: person(`Given${i}`, 'Rahimi', 'AF', `1980-01-${String(10 + (i % 3)).padStart(2, '0')}`) }));
    const text = ndjson(rows);
    const whole = await importText(supervisor('ES'), 'whole.ndjson', 'ndjson', text);
    const wholeIssues = (await report(supervisor('ES'), whole.id)).issues.map(({ row, path, code, severity }) => ({ row, path, code, severity }));
    for (const stopAfter of [1, 2, 3]) {
      const tenant = ['FR', 'DE', 'AT'][stopAfter - 1]!;
      const actor = supervisor(tenant);
      let batches = 0;
      await assert.rejects(importText(actor, 'stopped.ndjson', 'ndjson', text, 3, () => { if (batches++ === stopAfter) throw new Error('killed'); }), /killed/);
      const running = (await asActor(storage.db, actor, (tx) => listCaseImports({ tx, actor })))[0]!;
      assert.deepEqual([running.status, running.checkpoint], ['running', 3 * stopAfter]);
      const resumed = await importText(actor, 'stopped.ndjson', 'ndjson', text);
      assert.equal(resumed.id, running.id, 'the rerun resumed the job');
      assert.deepEqual(
        [resumed.status, resumed.totalRows, resumed.created, resumed.unchanged, resumed.refused, resumed.duplicates],
        [whole.status, whole.totalRows, whole.created, whole.unchanged, whole.refused, whole.duplicates],
      );
      assert.deepEqual((await report(actor, resumed.id)).issues.map(({ row, path, code, severity }) => ({ row, path, code, severity })), wholeIssues);
      assert.deepEqual(await counts(tenant), await counts('ES'));
    }
  });

  it('reports suspected duplicates by registration\'s rules, against earlier rows of the file too', async () => {
    // The same people registered one at a time in Greece, and imported in Italy: the same rows are suspected.
    const surname = fc.constantFrom('Ahmadi', 'Ahmady', 'Karimi', 'Noori');
    const given = fc.constantFrom('Mohammad', 'Muhammad', 'Ali', 'Reza');
    let run = 0;
    let suspected = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(given, surname, fc.boolean()), { minLength: 2, maxLength: 6 }), async (people) => {
      run++;
      // Blocks of this run only: at most five candidates each, so that registration's unordered limit never decides.
      const day = String(run).padStart(2, '0');
      const rows = people.map(([g, f, sameDay], i): Row => ({ externalRef: `DUP-${run}-${i}`, kind: 'asylum', person: person(g, f, 'AF', sameDay ? `1970-01-${day}` : `1971-01-${day}`) }));
      const sequential: number[][] = [];
      const personRow = new Map<string, number>();
      for (const [i, row] of rows.entries()) {
        const opened = await asActor(storage.db, supervisor('GR'), (tx) => openCase({ tx, actor: supervisor('GR'), input: { kind: 'asylum', person: row.person as never } }));
        personRow.set(opened.personId, i + 1);
        sequential.push(opened.duplicates.map((d) => personRow.get(d.personId) ?? 0).sort());
      }
      const job = await importText(supervisor('IT'), `dup-${run}.ndjson`, 'ndjson', ndjson(rows), 4);
      const events = await storage.db.selectFrom('audit_events').select('data').where('tenant_id', '=', 'IT').where('action', '=', 'case.opened')
        .where(sql<boolean>`data->'import'->>'jobId' = ${job.id}`).execute();
      const rowOfPerson = new Map(events.map((e) => [(e.data as { personId: string }).personId, (e.data as { import: { row: number } }).import.row]));
      const imported = rows.map((_, i) => {
        const e = events.find((x) => (x.data as { import: { row: number } }).import.row === i + 1)!;
        return ((e.data as { duplicateCandidates?: string[] }).duplicateCandidates ?? []).map((id) => rowOfPerson.get(id) ?? 0).sort();
      });
      assert.deepEqual(imported, sequential);
      assert.equal(job.duplicates, sequential.filter((s) => s.length > 0).length);
      suspected += job.duplicates;
    }), { numRuns: ENGINE === 'postgres' ? 25 : 12 });
    assert.ok(suspected > 0, 'some runs had look-alikes to find');
  });

  it('lets only those who may open cases import, and refuses rows naming others to whoever may not assign', async () => {
    await assert.rejects(importText(itAnalyst, 'nope.ndjson', 'ndjson', ndjson([MIXED[0]!])), (e: unknown) => isDomainError(e, 'FORBIDDEN'));
    const job = await importText(itCaseworker, 'mine.ndjson', 'ndjson', ndjson([
      { externalRef: 'CW-1', kind: 'asylum', assignedTo: 'it-caseworker', person: person('Awa', 'Diallo', 'GN', '2000-02-02') },
      { externalRef: 'CW-2', kind: 'asylum', assignedTo: 'it-supervisor', person: person('Fatou', 'Camara', 'GN', '2000-03-03') },
      { externalRef: 'CW-3', kind: 'asylum', unitId: 'return', person: person('Moussa', 'Keita', 'ML', '2000-04-04') },
      { externalRef: 'CW-4', kind: 'asylum', person: person('Issa', 'Touré', 'ML', '2000-05-05') },
    ]));
    assert.deepEqual([job.created, job.refused], [2, 2]);
    assert.deepEqual((await report(itCaseworker, job.id)).issues.map((i) => [i.row, i.path, i.code]), [[2, 'assignedTo', 'FORBIDDEN'], [3, 'unitId', 'FORBIDDEN']]);
  });

  it('keeps each tenant\'s jobs and references to itself', async () => {
    const itJob = (await asActor(storage.db, supervisor('IT'), (tx) => listCaseImports({ tx, actor: supervisor('IT') })))[0]!;
    const gr = supervisor('GR');
    await assert.rejects(asActor(storage.db, gr, (tx) => getCaseImport({ tx, actor: gr, jobId: itJob.id })), (e: unknown) => isDomainError(e, 'NOT_FOUND'));
    const job = await importText(gr, 'mixed.ndjson', 'ndjson', ndjson([MIXED[0]!]));
    assert.equal(job.created, 1, 'the same reference in another tenant is another case');
    assert.deepEqual((await asActor(storage.db, gr, (tx) => listCaseImports({ tx, actor: gr }))).map((j) => j.tenantId).filter((t) => t !== 'GR'), []);
  });

  it('leaves every audit chain whole', async () => {
    const reports = await verifyChains({ db: storage.db });
    assert.deepEqual(reports.filter((r) => !r.ok), []);
  });
});
