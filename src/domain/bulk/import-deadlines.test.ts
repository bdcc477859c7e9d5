/**
 * The deadlines of imported cases, on the engine the environment selects: a case imported in bulk has
 * exactly the deadlines of the same case opened one by one — none when opened (an import row, like a
 * case opened through the API, carries no facts, and the law engine computes no deadline without
 * them), and the same deadlines, with the same audit event, once the same facts are recorded on it.
 * And, pure, the reason the import asks the engine nothing: for any person an import row may carry,
 * in any Member State, on any date, the engine computes no deadline from a case without facts. Should
 * the law package ever compute one, this test fails, and the import must assess its cases
 * (`deadlines/assess-batch.ts`) in the batch's transaction.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { assessCase } from '../cases/assess-case.ts';
import type { CaseFactsPatch } from '../cases/case-facts.ts';
import { BASELINE_LAW } from '../cases/law-context.ts';
import { openCase } from '../cases/open-case.ts';
import { updateCase } from '../cases/update-case.ts';
import { VULNERABILITIES, type PersonData } from '../persons/person.ts';
import { MEMBER_STATE_CODES } from '../tenants/tenants.ts';
import { asActor } from '../../storage/transaction.ts';
import { IMPORT_RECORD_TYPES, parseRowValue } from './case-row.ts';
import { textSource } from './read-rows.ts';
import { runCaseImport } from './run-import.ts';

const supervisor: Actor = { id: 'it-supervisor', displayName: 'IT supervisor', tenantId: 'IT', unitId: 'asylum', roles: ['supervisor'] };

let storage: TestStorage;

async function deadlinesOf(caseId: string) {
  const rows = await sql<{ name: string; due_on: string; basis: string[]; assessed_on: string; law_digest: string; registry_revision: string | null }>`
    select name, due_on::text, basis, assessed_on::text, law_digest, registry_revision from case_deadlines where case_id = ${caseId} order by name`.execute(storage.db);
  const next = await storage.db.selectFrom('cases').select(['next_due_on', 'next_deadline']).where('id', '=', caseId).executeTakeFirstOrThrow();
  return { deadlines: rows.rows, next: [next.next_due_on === null ? null : String(next.next_due_on), next.next_deadline] };
}

async function deadlineEvents(caseId: string) {
  const rows = await storage.db.selectFrom('audit_events').select(['action', 'reason', 'legal_basis', 'data']).where('tenant_id', '=', 'IT').where('entity_id', '=', caseId)
    .where('action', '=', 'case.deadlines-changed').orderBy('seq').execute();
  return rows.map((r) => ({ ...r, data: r.data as Record<string, unknown> }));
}

async function setFacts(caseId: string, facts: CaseFactsPatch): Promise<void> {
  const version = (await storage.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
  await asActor(storage.db, supervisor, (tx) => updateCase({ tx, actor: supervisor, caseId, expectedVersion: version, input: { facts, reason: 'facts (test)' }, law: BASELINE_LAW }));
}

describe(`the deadlines of imported cases on ${ENGINE}`, { timeout: 60_000 }, () => {
  before(async () => { storage = await openTestStorage(); });
  after(() => storage.close());

  it('are those of the same case opened one by one: none at first, the same ones with the same event once the same facts are recorded', async () => {
    const person: PersonData = { givenNames: 'Karim', familyName: 'Deadline-Testperson', nationality: 'SY', birthDate: '1990-04-01', sex: 'M' };
    const job = await runCaseImport({ db: storage.db, actor: supervisor, source: textSource('deadlines.ndjson', 'ndjson', JSON.stringify({ externalRef: 'DL-1', kind: 'asylum', person })) });
    assert.equal(job.created, 1);
    const imported = (await storage.db.selectFrom('case_external_refs').select('case_id').where('external_ref', '=', 'DL-1').executeTakeFirstOrThrow()).case_id;
    const single = (await asActor(storage.db, supervisor, (tx) => openCase({ tx, actor: supervisor, input: { kind: 'asylum', person: { ...person, givenNames: 'Karima' } } }))).id;

    assert.deepEqual(await deadlinesOf(imported), { deadlines: [], next: [null, null] });
    assert.deepEqual(await deadlinesOf(single), { deadlines: [], next: [null, null] });

    for (const facts of [{ detention: { since: '2026-07-01' } }, { detention: null }] satisfies CaseFactsPatch[]) {
      await setFacts(imported, facts);
      await setFacts(single, facts);
      assert.deepEqual(await deadlinesOf(imported), await deadlinesOf(single), JSON.stringify(facts));
    }
    const [importedEvents, singleEvents] = [await deadlineEvents(imported), await deadlineEvents(single)];
    assert.equal(importedEvents.length, 2, 'detained, then released');
    assert.deepEqual(importedEvents, singleEvents);
    const endings = await sql<{ case_id: string; name: string; outcome: string }>`select case_id, name, outcome from case_deadline_endings where case_id in (${imported}, ${single}) order by case_id`.execute(storage.db);
    assert.deepEqual(endings.rows.map((r) => [r.name, r.outcome]), [['detention-maximum', 'met'], ['detention-maximum', 'met']]);
  });
});

describe('a case opened without facts', () => {
  const date = fc.date({ min: new Date('2015-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const row = fc.record({
    birthDate: fc.option(date, { nil: undefined }), sex: fc.option(fc.constantFrom('M', 'F', 'X'), { nil: undefined }),
    nationality: fc.constantFrom('SY', 'AF', 'BD', 'TN', 'TR', 'ER', 'XX', 'UA', 'MA'), unaccompaniedMinor: fc.option(fc.boolean(), { nil: undefined }),
    vulnerabilities: fc.option(fc.subarray([...VULNERABILITIES]), { nil: undefined }),
    kind: fc.constantFrom('asylum', 'return', 'screening', 'resettlement'), recordType: fc.constantFrom(...IMPORT_RECORD_TYPES),
  });

  it('has no deadline, for any person an import row may carry, in any Member State, on any date', () => {
    let answered = 0;
    fc.assert(fc.property(row, fc.constantFrom(...[...MEMBER_STATE_CODES]), date, (r, tenantId, on) => {
      const parsed = parseRowValue({
        externalRef: 'P', kind: r.kind, recordType: r.recordType,
        person: { givenNames: 'Test', familyName: 'Person', nationality: r.nationality, birthDate: r.birthDate, sex: r.sex, unaccompaniedMinor: r.unaccompaniedMinor, vulnerabilities: r.vulnerabilities },
      });
      fc.pre(parsed.ok);
      if (!parsed.ok) return;
      const assessed = assessCase({ case: { tenantId, facts: {} }, subject: { person: parsed.row.person, family: [] }, on, law: BASELINE_LAW });
      if (assessed.assessment) answered++;
      assert.deepEqual(assessed.assessment?.deadlines ?? [], [], `${tenantId} ${on} ${JSON.stringify(parsed.row)}`);
    }), { numRuns: 300 });
    // About half the generated cases get an answer (the others fall on dates or births the engine refuses):
    // a quarter is far enough below that to never fail by chance, and far above none.
    assert.ok(answered > 75, `the engine answered ${answered} of 300`);
  });
});
