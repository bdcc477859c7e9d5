/**
 * GET /api/cases/{id}/findings: everything the law engine finds on a case's recorded facts on a date.
 * The oracle is the law package itself: the same facts (the case's, its person's, on the date) given
 * to `assess` with the registries of the date must give the same findings, deadlines and regime, and
 * each finding must name the version of its rule in force on that date. Reading it is a logged read of
 * the person; another Member State's caseworker is told the case does not exist; a malformed date is a
 * 400 with the field's path.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assess, RULES } from '../../law/assess.ts';
import { parseFacts } from '../../law/facts.ts';
import type { Finding } from '../../law/finding.ts';
import { presentCaseFindings } from '../../src/api/routes/cases/present.ts';
import type { Problem } from '../../src/api/problem.ts';
import type { Actor } from '../../src/domain/access/roles.ts';
import { loadCaseSubject } from '../../src/domain/cases/assess-case.ts';
import { buildLawFacts } from '../../src/domain/cases/build-facts.ts';
import { getCase } from '../../src/domain/cases/get-case.ts';
import type { CaseFindingsView } from '../../src/domain/cases/get-case-findings.ts';
import { loadCaseLaw } from '../../src/domain/cases/law-context.ts';
import { lawPackageVersion } from '../../src/domain/cases/law-version.ts';
import { asActor } from '../../src/storage/transaction.ts';
import { ENGINE } from '../support/storage.ts';
import { openCaseBody, startTestProduct, type TestProduct } from '../support/product.ts';

type Json = Record<string, any>;

const TODAY = new Date().toISOString().slice(0, 10);
const SUPERVISOR: Actor = { id: 'it-supervisor', displayName: 'it-supervisor', tenantId: 'IT', unitId: 'asylum', roles: ['supervisor'] };

/** What the law package answers for the case on `on`: the case's facts as recorded, its person's, the registries of the date. */
async function oracle(t: TestProduct, caseId: string, on: string) {
  const { c, subject } = await asActor(t.storage.db, SUPERVISOR, async (tx) => {
    const c = await getCase({ tx, actor: SUPERVISOR, caseId });
    return { c, subject: await loadCaseSubject(tx, c, on) };
  });
  const parsed = parseFacts(buildLawFacts({ memberState: c.tenantId, person: subject.person!, family: subject.family, caseFacts: c.facts, on }), on);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  const law = await loadCaseLaw(t.storage.db);
  return { assessment: assess({ facts: parsed.facts, on, registry: law.registryOn(on, parsed.facts.person.nationality) }), registryRevision: law.registryRevision };
}

/** The version of a question's rule in force on `on`, read from the rule's own table of versions. */
function ruleVersionOn(question: string, on: string): string {
  const rule = RULES.find((r) => r.id === question);
  assert.ok(rule, `a rule answers ${question}`);
  return rule.versionOn(on)!.from;
}

const keyOf = (f: Pick<Finding, 'question' | 'country' | 'agreement'>) => `${f.question}|${f.country ?? ''}|${f.agreement ?? ''}`;

describe(`GET /api/cases/{id}/findings on ${ENGINE}`, () => {
  let t: TestProduct;
  let caseId: string;

  async function expectProblem(response: Response, status: number, code: string): Promise<Problem & Json> {
    const text = await response.text();
    assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status}: ${text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = JSON.parse(text) as Problem & Json;
    assert.equal(problem.code, code);
    return problem;
  }

  async function findings(user: string, on?: string): Promise<Json> {
    const response = await t.call(user, 'GET', `/api/cases/${caseId}/findings${on ? `?on=${on}` : ''}`);
    assert.equal(response.status, 200, await response.clone().text());
    return response.json() as Promise<Json>;
  }

  before(async () => {
    t = await startTestProduct();
    // A Tunisian applicant who crossed Libya and stayed in Türkiye, application made on the first day of the Pact.
    const opened = await t.call('it-caseworker', 'POST', '/api/cases', { body: openCaseBody({ person: { givenNames: 'Amine', familyName: 'Trabelsi', nationality: 'TN', birthDate: '1994-02-03', sex: 'M' } }) });
    assert.equal(opened.status, 201, await opened.clone().text());
    caseId = (await opened.json() as Json).id;
    let version = 1;
    for (const [transition, on] of [['make-application', '2026-06-12'], ['register-application', '2026-06-13'], ['lodge-application', '2026-06-20']] as const) {
      const response = await t.call('it-caseworker', 'POST', `/api/cases/${caseId}/transitions`, { body: { transition, on, reason: 'in the test' }, headers: { 'if-match': `"${version}"` } });
      assert.equal(response.status, 200, await response.clone().text());
      version = (await response.json() as Json).case.version;
    }
    const facts = await t.call('it-caseworker', 'PATCH', `/api/cases/${caseId}`, {
      body: { facts: { journey: { transits: [{ country: 'LY', days: 30 }], stays: [{ country: 'TR', months: 8 }] }, riskAssessments: [{ destination: 'TN', on: '2026-06-25', outcome: 'no-real-risk' }] }, reason: 'interview' },
      headers: { 'if-match': `"${version}"` },
    });
    assert.equal(facts.status, 200, await facts.clone().text());
  });
  after(() => t.close());

  for (const on of ['2026-07-15', '2027-03-01']) {
    it(`gives every finding law/assess gives for the same facts on ${on}, each with its rule version, and the deadlines, the regime and the law`, async () => {
      const view = await findings('it-caseworker', on);
      const { assessment, registryRevision } = await oracle(t, caseId, on);
      assert.equal(view.on, on);
      assert.equal(view.caseId, caseId);
      assert.deepEqual(view.assessmentErrors, []);
      assert.equal(view.regime, assessment.regime);
      assert.equal(view.regime, 'apr-2024', 'the application was made under the Pact');
      assert.ok(assessment.findings.length >= 5, 'the scenario asks several questions');
      assert.deepEqual(view.findings.map(({ rule: _rule, ...f }: Json) => f), JSON.parse(JSON.stringify(assessment.findings)));
      assert.ok(view.findings.some((f: Json) => f.country === 'TR' || f.country === 'LY'), 'the journey\'s countries were asked about');
      for (const f of view.findings as Json[]) {
        assert.deepEqual(f.rule, { id: f.question, version: ruleVersionOn(f.question, on) }, keyOf(f as Finding));
        assert.ok(f.basis.length > 0, `${keyOf(f as Finding)} cites its basis`);
      }
      assert.equal(new Set(view.findings.map(keyOf)).size, view.findings.length, 'each question and subject once');
      assert.deepEqual(view.deadlines, JSON.parse(JSON.stringify(assessment.deadlines)));
      assert.deepEqual(view.law, { lawDigest: lawPackageVersion().lawDigest, engineDigest: lawPackageVersion().engineDigest, registryRevision });
      const fired = new Set((view.rules as Json[]).map((r) => `${r.rule}@${r.version}`));
      for (const f of view.findings as Json[]) assert.ok(fired.has(`${f.rule.id}@${f.rule.version}`), `${f.rule.id} is among the rules that answered`);
      assert.equal(view.reasonsShown, true);
      assert.ok(view.findings.some((f: Json) => f.because.length > 0), 'the reasons are shown to a reader of the person');
    });
  }

  it('applies the law of today by default, and logs the read of the person with the request', async () => {
    const count = async () => (await t.storage.db.selectFrom('access_log').select('request_id').where('entity_id', '=', (await asActor(t.storage.db, SUPERVISOR, (tx) => getCase({ tx, actor: SUPERVISOR, caseId }))).personId)
      .where('actor_id', '=', 'it-caseworker').where('purpose', 'like', '%findings%').execute()).length;
    const before = await count();
    const view = await findings('it-caseworker');
    assert.equal(view.on, TODAY);
    assert.equal(await count(), before + 1);
  });

  it('answers a malformed or impossible date with 400 problem+json naming the field', async () => {
    for (const on of ['2026-02-30', '15-07-2026', 'today']) {
      const problem = await expectProblem(await t.call('it-caseworker', 'GET', `/api/cases/${caseId}/findings?on=${on}`), 400, 'VALIDATION_FAILED');
      assert.deepEqual(problem.errors?.map((e) => e.path), ['query.on'], on);
    }
    const unknown = await expectProblem(await t.call('it-caseworker', 'GET', `/api/cases/${caseId}/findings?date=2026-07-15`), 400, 'VALIDATION_FAILED');
    assert.ok((unknown.errors ?? []).length > 0);
  });

  it('says why there is no finding on a date before the application was made, instead of failing', async () => {
    const view = await findings('it-caseworker', '2026-06-01');
    assert.deepEqual(view.findings, []);
    assert.equal(view.regime, null);
    assert.ok((view.assessmentErrors as Json[]).some((e) => e.path === 'application.madeOn'), JSON.stringify(view.assessmentErrors));
  });

  it('tells another Member State\'s caseworker the case does not exist, as for an unknown id; a monitor of the Member State reads it', async () => {
    const greek = await expectProblem(await t.call('gr-caseworker', 'GET', `/api/cases/${caseId}/findings?on=2026-07-15`), 404, 'NOT_FOUND');
    const unknown = await expectProblem(await t.call('gr-caseworker', 'GET', '/api/cases/6f1c2b9e-3b0a-4f7e-9a43-0c1d2e3f4a5b/findings?on=2026-07-15'), 404, 'NOT_FOUND');
    assert.equal(greek.detail?.replace(caseId, 'ID'), unknown.detail?.replace('6f1c2b9e-3b0a-4f7e-9a43-0c1d2e3f4a5b', 'ID'));
    assert.doesNotMatch(JSON.stringify(greek), /Trabelsi|Amine|TN/);
    const monitor = await findings('it-fundamental-rights-monitor', '2026-07-15');
    assert.deepEqual(monitor.findings, (await findings('it-caseworker', '2026-07-15')).findings);
  });

  it('leaves the reasons out for a caller who may not read the person, keeping outcomes, citations and rule versions', () => {
    const finding = { question: 'removal' as const, country: 'TN', outcome: 'yes' as const, basis: ['Directive 2008/115/EC Art. 8(1)'], because: ['Tunisian national'], rule: { id: 'removal', version: '2008-12-24' } };
    const view: CaseFindingsView = {
      caseId: 'c', stage: 'application-lodged', version: 5, on: '2026-07-15', regime: 'apr-2024', assessmentErrors: [], findings: [finding],
      deadlines: [{ name: 'lodging', date: '2026-07-01', basis: ['APR Art. 28'], because: ['made on 2026-06-12'] }],
      law: { lawDigest: 'sha256:a', engineDigest: 'sha256:b', registryRevision: 3 }, rules: [{ rule: 'removal', version: '2008-12-24', basis: [] }], personal: false,
    };
    const shown = presentCaseFindings(view);
    assert.equal(shown.reasonsShown, false);
    assert.deepEqual(shown.findings, [{ ...finding, because: [] }]);
    assert.deepEqual(shown.deadlines, [{ name: 'lodging', date: '2026-07-01', basis: ['APR Art. 28'] }]);
    assert.deepEqual(presentCaseFindings({ ...view, personal: true }).findings, [finding]);
  });
});
