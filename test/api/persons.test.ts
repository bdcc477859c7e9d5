/**
 * People over HTTP: fuzzy search that finds a name whatever its spelling, accents or case (a property
 * test over names and their variants), and logs every person it shows; duplicate detection at
 * registration, and a merge that keeps both histories; family links that keep a minor and a parent
 * together when a case moves; person changes with If-Match and events that name fields, not values.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Problem } from '../../src/api/problem.ts';
import { ENGINE } from '../support/storage.ts';
import { startTestProduct, type TestProduct } from '../support/product.ts';

type Json = Record<string, any>;

/** Invented names carrying the letters that spelling variants and transliteration change. */
const PEOPLE: Array<{ givenNames: string; familyName: string; nationality: string; birthDate: string }> = [
  { givenNames: 'José María', familyName: 'Müller-García', nationality: 'CO', birthDate: '1988-03-14' },
  { givenNames: 'Łukasz', familyName: 'Wróblewski', nationality: 'UA', birthDate: '1979-11-02' },
  { givenNames: 'Ayşe', familyName: 'Çelik', nationality: 'TR', birthDate: '1993-06-30' },
  { givenNames: 'Mohammed', familyName: 'Al-Hassan', nationality: 'SY', birthDate: '1990-01-01' },
  { givenNames: 'Nguyễn Thị', familyName: 'Hương', nationality: 'VN', birthDate: '2001-09-09' },
  { givenNames: 'Søren', familyName: 'Ødegård', nationality: 'NO', birthDate: '1975-04-18' },
  { givenNames: 'Fatoumata', familyName: 'Traoré', nationality: 'ML', birthDate: '1999-12-24' },
  { givenNames: 'Jiří', familyName: 'Šťastný', nationality: 'RS', birthDate: '1984-07-07' },
  { givenNames: 'Zeynep', familyName: 'Öztürk', nationality: 'TR', birthDate: '1996-02-29' },
  { givenNames: 'Ahmed', familyName: 'Abdelrahman', nationality: 'EG', birthDate: '1986-08-21' },
];

/** Strips combining marks and the letters NFKD does not decompose, as a person typing without accents would. */
function withoutAccents(text: string): string {
  const special: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', ß: 'ss', đ: 'd', Đ: 'D', ı: 'i' };
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[łŁøØßđĐı]/g, (c) => special[c]!);
}

/** The ways a name is written differently from the record: accents dropped, case changed, hyphens as spaces, names swapped. */
const VARIANTS: Array<[string, (given: string, family: string) => string]> = [
  ['as recorded', (g, f) => `${g} ${f}`],
  ['without accents', (g, f) => withoutAccents(`${g} ${f}`)],
  ['in capitals', (g, f) => `${g} ${f}`.toUpperCase()],
  ['in lower case without accents', (g, f) => withoutAccents(`${g} ${f}`).toLowerCase()],
  ['family name first', (g, f) => `${f} ${g}`],
  ['hyphens as spaces', (g, f) => `${g} ${f}`.replace(/-/g, ' ')],
  ['the family name alone', (_g, f) => withoutAccents(f)],
];

describe(`persons over HTTP on ${ENGINE}`, () => {
  let t: TestProduct;
  const ids = new Map<string, { personId: string; caseId: string }>();

  before(async () => {
    t = await startTestProduct();
    for (const p of PEOPLE) {
      const response = await t.call('it-caseworker', 'POST', '/api/cases', { body: { kind: 'asylum', person: { ...p, sex: 'M' } } });
      assert.equal(response.status, 201, await response.clone().text());
      const opened = await response.json() as Json;
      ids.set(p.familyName, { personId: opened.personId, caseId: opened.id });
    }
  });
  after(() => t.close());

  async function expectProblem(response: Response, status: number, code: string): Promise<Problem & Json> {
    const text = await response.text();
    assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status}: ${text}`);
    const problem = JSON.parse(text) as Problem & Json;
    assert.equal(problem.code, code);
    return problem;
  }

  async function count(table: string): Promise<number> {
    return Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.storage.db)).rows[0]!.n);
  }

  async function register(person: Json, extra: Json = {}, user = 'it-caseworker'): Promise<Response> {
    return t.call(user, 'POST', '/api/cases', { body: { kind: 'asylum', person, ...extra } });
  }

  describe('fuzzy search', () => {
    it('finds a person whatever the spelling, accents or case of the name searched', async () => {
      await fc.assert(fc.asyncProperty(fc.constantFrom(...PEOPLE), fc.constantFrom(...VARIANTS), async (person, [label, variant]) => {
        const q = variant(person.givenNames, person.familyName);
        const response = await t.call('it-caseworker', 'GET', `/api/persons?q=${encodeURIComponent(q)}&limit=5`);
        assert.equal(response.status, 200, await response.clone().text());
        const hits = (await response.json() as Json).items as Json[];
        assert.ok(hits.some((h) => h.person.id === ids.get(person.familyName)!.personId), `"${q}" (${label}) finds ${person.givenNames} ${person.familyName}: ${hits.map((h) => h.person.data.familyName).join(', ')}`);
      }), { numRuns: 40 });
    });

    it('finds names that sound alike: Muhamad for Mohammed, Ahmad for Ahmed', async () => {
      for (const [q, family] of [['Muhamad Al Hasan', 'Al-Hassan'], ['Ahmad Abdulrahman', 'Abdelrahman'], ['Fatumata Traore', 'Traoré']]) {
        const hits = (await (await t.call('it-caseworker', 'GET', `/api/persons?q=${encodeURIComponent(q!)}`)).json() as Json).items as Json[];
        assert.equal(hits[0]?.person.id, ids.get(family!)!.personId, q);
      }
    });

    it('is a logged read of each person shown, within the caller\'s scope only', async () => {
      const before = await count('access_log');
      const hits = (await (await t.call('it-caseworker', 'GET', '/api/persons?q=Celik')).json() as Json).items as Json[];
      assert.ok(hits.length > 0);
      assert.equal(await count('access_log'), before + hits.length);
      const returnUnit = (await (await t.call('it-caseworker-return', 'GET', '/api/persons?q=Celik')).json() as Json).items as Json[];
      assert.deepEqual(returnUnit, [], 'the asylum unit\'s persons are not the return unit\'s to find');
      const greece = (await (await t.call('gr-supervisor', 'GET', '/api/persons?q=Celik')).json() as Json).items as Json[];
      assert.deepEqual(greece, [], 'nor another Member State\'s');
      await expectProblem(await t.call('it-policy-analyst', 'GET', '/api/persons?q=Celik'), 403, 'FORBIDDEN');
    });
  });

  describe('duplicates', () => {
    const first = { givenNames: 'Yusuf', familyName: 'Benali', nationality: 'MA', birthDate: '1994-10-10', sex: 'M' };
    const again = { givenNames: 'Youssef', familyName: 'Ben Ali', nationality: 'MA', birthDate: '1994-10-10', sex: 'M' };
    let firstIds: Json;

    before(async () => {
      firstIds = await (await register(first)).json() as Json;
    });

    it('reports, with the registration, persons who may be the same person', async () => {
      const response = await register(again);
      assert.equal(response.status, 201);
      const opened = await response.json() as Json;
      const candidate = (opened.duplicates as Json[]).find((d) => d.personId === firstIds.personId);
      assert.ok(candidate, JSON.stringify(opened.duplicates));
      assert.ok(candidate.score >= 0.5);
      assert.deepEqual(candidate.matchedOn.filter((m: string) => ['birthDate', 'nationality', 'phonetic'].includes(m)), ['phonetic', 'birthDate', 'nationality']);
      const other = await (await register({ ...again, birthDate: '1994-10-11' })).json() as Json;
      assert.deepEqual(other.duplicates, [], 'another birth date is another block');
    });

    it('refuses a registration that looks like a duplicate when asked to, and writes nothing', async () => {
      const before = await Promise.all(['cases', 'persons', 'audit_events', 'counters'].map(count));
      const problem = await expectProblem(await register(again, { onDuplicate: 'refuse' }), 409, 'DUPLICATE_SUSPECTED');
      assert.ok((problem.candidates as Json[]).some((c) => c.personId === firstIds.personId));
      assert.doesNotMatch(JSON.stringify(problem), /Benali|Youssef/);
      assert.deepEqual(await Promise.all(['cases', 'persons', 'audit_events', 'counters'].map(count)), before);
    });

    it('merges a duplicate into the person it is: cases move, both histories stay readable, the duplicate points to the survivor', async () => {
      const dup = await (await register({ ...again, givenNames: 'Yousef' })).json() as Json;
      const survivorId = firstIds.personId as string;
      const candidates = await (await t.call('it-supervisor', 'GET', `/api/persons/${dup.personId}/duplicates`)).json() as Json[];
      assert.ok(candidates.some((c) => c.personId === survivorId));
      await t.call('it-supervisor', 'PATCH', `/api/persons/${dup.personId}`, { body: { changes: { languages: ['ar', 'fr'] }, reason: 'interview' }, headers: { 'if-match': '"1"' } });
      await expectProblem(await t.call('it-caseworker', 'POST', `/api/persons/${dup.personId}/merge`, { body: { into: survivorId, reason: 'same person' }, headers: { 'if-match': '"2"' } }), 403, 'FORBIDDEN');
      await expectProblem(await t.call('it-supervisor', 'POST', `/api/persons/${dup.personId}/merge`, { body: { into: survivorId, reason: 'same person' }, headers: { 'if-match': '"1"' } }), 412, 'VERSION_CONFLICT');
      const merged = await t.call('it-supervisor', 'POST', `/api/persons/${dup.personId}/merge`, { body: { into: survivorId, reason: 'same fingerprints in Eurodac' }, headers: { 'if-match': '"2"' } });
      assert.equal(merged.status, 200, await merged.clone().text());
      const result = await merged.json() as Json;
      assert.deepEqual(result.movedCases, [dup.id]);
      assert.equal(result.merged.mergedInto, survivorId);
      assert.ok((result.survivor.data.aliases as Json[]).some((a) => a.givenNames === 'Yousef' && a.kind === 'merged'));
      assert.equal((await (await t.call('it-supervisor', 'GET', `/api/cases/${dup.id}`)).json() as Json).personId, survivorId);
      const pointer = await (await t.call('it-supervisor', 'GET', `/api/persons/${dup.personId}`)).json() as Json;
      assert.equal(pointer.mergedInto, survivorId);
      assert.equal(pointer.data.givenNames, 'Yousef', 'the duplicate\'s record stays readable');
      const history = await (await t.call('it-supervisor', 'GET', `/api/persons/${survivorId}/events`)).json() as Json[];
      assert.deepEqual(history.map((e) => [e.action, e.entityId]), [
        ['person.updated', dup.personId], ['person.merged', dup.personId], ['person.merge-received', survivorId],
      ]);
      const caseHistory = await (await t.call('it-supervisor', 'GET', `/api/cases/${dup.id}/events`)).json() as Json[];
      assert.deepEqual(caseHistory.map((e) => e.action), ['case.opened', 'case.person-merged']);
      await expectProblem(await t.call('it-supervisor', 'POST', `/api/persons/${dup.personId}/merge`, { body: { into: survivorId, reason: 'again' }, headers: { 'if-match': '"3"' } }), 409, 'MERGED');
      const search = (await (await t.call('it-supervisor', 'GET', '/api/persons?q=Yousef%20Ben%20Ali')).json() as Json).items as Json[];
      assert.ok(search.every((h) => h.person.id !== dup.personId), 'a merged record is no longer found');
      assert.ok(search.some((h) => h.person.id === survivorId), 'the survivor is found by the duplicate\'s names');
      assert.equal((await (await t.call('it-auditor', 'GET', '/api/audit/verify')).json() as Json).ok, true);
    });
  });

  describe('changes and family', () => {
    it('changes a person\'s data with If-Match, the event naming fields and never values', async () => {
      const { personId } = ids.get('Ødegård')!;
      await expectProblem(await t.call('it-caseworker', 'PATCH', `/api/persons/${personId}`, { body: { changes: { languages: ['no'] }, reason: 'interview' } }), 428, 'PRECONDITION_REQUIRED');
      const changed = await t.call('it-caseworker', 'PATCH', `/api/persons/${personId}`, {
        body: { changes: { languages: ['no', 'en'], vulnerabilities: ['torture-survivor'], specialNeeds: ['quiet interview room'] }, reason: 'interview' }, headers: { 'if-match': '"1"' },
      });
      assert.equal(changed.status, 200, await changed.clone().text());
      assert.equal(changed.headers.get('etag'), '"2"');
      const events = await (await t.call('it-caseworker', 'GET', `/api/persons/${personId}/events`)).json() as Json[];
      assert.deepEqual(events.at(-1)!.data, { version: 2, fields: ['languages', 'vulnerabilities', 'specialNeeds'] });
      assert.doesNotMatch(JSON.stringify(events), /torture|quiet/);
      await expectProblem(await t.call('it-caseworker', 'PATCH', `/api/persons/${personId}`, { body: { changes: { languages: ['no'] }, reason: 'stale' }, headers: { 'if-match': '"1"' } }), 412, 'VERSION_CONFLICT');
    });

    it('links a family both ways, shows it on the case, and keeps a parent and a minor child together when a case moves', async () => {
      const parent = await (await register({ givenNames: 'Mariam', familyName: 'Sesay', nationality: 'SL', birthDate: '1988-01-01', sex: 'F' })).json() as Json;
      const child = await (await register({ givenNames: 'Awa', familyName: 'Sesay', nationality: 'SL', birthDate: '2018-05-05', sex: 'F' })).json() as Json;
      const linked = await t.call('it-caseworker', 'POST', `/api/persons/${parent.personId}/links`, { body: { personId: child.personId, relation: 'child', reason: 'declared at registration' } });
      assert.equal(linked.status, 201, await linked.clone().text());
      assert.deepEqual(((await linked.json()) as Json[]).map((m) => [m.personId, m.relation]), [[child.personId, 'child']]);
      await expectProblem(await t.call('it-caseworker', 'POST', `/api/persons/${child.personId}/links`, { body: { personId: parent.personId, relation: 'parent', reason: 'again' } }), 409, 'ALREADY_EXISTS');
      const family = await (await t.call('it-caseworker', 'GET', `/api/cases/${child.id}/family`)).json() as Json[];
      assert.deepEqual(family.map((m) => [m.personId, m.relation, m.minor]), [[parent.personId, 'parent', false]]);
      const move = (caseId: string, movingWith?: string[]) => t.call('it-caseworker', 'POST', `/api/cases/${caseId}/transitions`, {
        body: { transition: 'transfer-to-member-state', country: 'DE', reason: 'Germany is responsible', ...(movingWith ? { movingWith } : {}) }, headers: { 'if-match': '"1"' },
      });
      const alone = await expectProblem(await move(parent.id), 422, 'TRANSITION_REFUSED');
      const refusal = (alone.refusals as Json[]).find((r) => r.guard === 'family-together')!;
      assert.ok(refusal.basis.includes('Charter of Fundamental Rights of the European Union Art. 24(2) and (3)'));
      assert.match(refusal.message, new RegExp(child.personId));
      assert.equal((await move(parent.id, [child.personId])).status, 202, 'moving together, it goes to the supervisor');
      assert.equal((await expectProblem(await move(child.id), 422, 'TRANSITION_REFUSED')).refusals[0].guard, 'family-together', 'nor the child without the parent');
    });
  });
});
