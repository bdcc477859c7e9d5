/**
 * @module test/api/law-registries
 * `POST /api/law/assess` concludes on what the registries and statistics hold on the date when the
 * facts bring no `context` (issue 4: "an assessment with an empty context uses them"; issue 6: "the law
 * engine reads recognition rates from here"), and the facts' own `context` still overrides them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { invalidateStatisticsCaches } from '../../src/domain/statistics/law-recognition-rates.ts';
import { ENGINE } from '../support/storage.ts';
import { startTestProduct, type TestProduct } from '../support/product.ts';

type Finding = { question: string; outcome: string; country?: string; because: string[]; basis: string[] };

describe(`the law engine reads the registries and statistics on ${ENGINE}`, () => {
  let t: TestProduct;
  before(async () => { t = await startTestProduct(); });
  after(() => t.close());

  async function findings(facts: Record<string, unknown>, on: string): Promise<Finding[]> {
    const response = await t.call('gr-caseworker', 'POST', `/api/law/assess?on=${on}`, { body: facts });
    assert.equal(response.status, 200, await response.clone().text());
    return ((await response.json()) as { findings: Finding[] }).findings;
  }

  const STAY_IN_TURKEY = { memberState: 'GR', person: { nationality: 'SY', age: 30 }, journey: { stays: [{ country: 'TR', months: 14 }] }, application: { madeOn: '2026-07-01' } };

  it('applies Türkiye\'s suspension of readmissions from Greece, held in the readmission registry, with no context given', async () => {
    const stc = (await findings(STAY_IN_TURKEY, '2026-08-01')).find((f) => f.question === 'stc-inadmissibility' && f.country === 'TR');
    assert.equal(stc?.outcome, 'no');
    assert.match(stc!.because.join(' '), /not admit|readmit/);
  });

  it('lets the facts\' own context override the registry', async () => {
    const facts = { ...STAY_IN_TURKEY, context: { readmission: [{ country: 'TR', from: 'GR', status: 'cooperating', since: '2026-01-01' }] } };
    const stc = (await findings(facts, '2026-08-01')).find((f) => f.question === 'stc-inadmissibility' && f.country === 'TR');
    assert.ok(stc, 'a finding for TR');
    assert.doesNotMatch(stc.because.join(' '), /not admit|readmit/);
  });

  it('takes the latest EU-wide recognition rate from the statistics for the 20 % ground', async () => {
    const facts = { memberState: 'DE', person: { nationality: 'PK', age: 30 }, application: { madeOn: '2026-07-01' } };
    const before = (await findings(facts, '2026-08-01')).find((f) => f.question === 'accelerated-procedure');
    assert.equal(before?.outcome, 'review', 'without a rate the 20 % ground cannot be checked');
    await sql`insert into stat_ind_recognition (year, citizen, geo, publisher, positive, decisions, rate, source_ids)
              values (2025, 'PK', 'EU27_2020', 'Eurostat', 12, 100, 0.12, '{}')`.execute(t.storage.db);
    invalidateStatisticsCaches(t.storage.db);
    const after = (await findings(facts, '2026-08-01')).find((f) => f.question === 'accelerated-procedure');
    assert.equal(after?.outcome, 'yes');
    assert.match(after!.because.join(' '), /12\.0 % in 2025/);
  });
});
