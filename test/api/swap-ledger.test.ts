/**
 * The 1:1 ledger over HTTP: a return counted only on the law engine's `yes` (422 with the finding
 * otherwise), a duplicate refused with 409 LEDGER_ALREADY_COUNTED, the cap with 409 LEDGER_CAP_REACHED,
 * a retry with the same Idempotency-Key answered from the first response, resettlements by another
 * Member State, the same balance for every tenant and each tenant's entries for itself only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCaseLaw, type CaseLaw } from '../../src/domain/cases/law-context.ts';
import { ENGINE } from '../support/storage.ts';
import { startTestProduct, type TestProduct } from '../support/product.ts';
import { createTestMechanism, resettledCase, returnedCase, type OpenedFixture } from '../support/swap-ledger.ts';

type Json = Record<string, any>;

describe(`the 1:1 ledger over HTTP on ${ENGINE}`, { timeout: 240_000 }, () => {
  let t: TestProduct;
  let law: CaseLaw;
  let counted: OpenedFixture;

  before(async () => {
    t = await startTestProduct();
    await createTestMechanism(t.storage.db, { code: 'http-swap-cap-one', cap: 1, memberStates: ['GR'] });
    law = await loadCaseLaw(t.storage.db);
  });
  after(() => t.close());

  async function problem(response: Response, status: number, code: string): Promise<Json> {
    const text = await response.text();
    assert.equal(response.status, status, text);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = JSON.parse(text) as Json;
    assert.equal(body.code, code);
    return body;
  }

  const recordReturn = (user: string, caseId: string, mechanism = 'eu-tr-statement', headers: Record<string, string> = {}) =>
    t.call(user, 'POST', `/api/swap-ledgers/${mechanism}/returns`, { body: { caseId, reason: 'readmitted at Dikili' }, headers });

  it('documents its routes', async () => {
    const doc = await (await t.call(null, 'GET', '/api/openapi.json')).json() as Json;
    for (const path of ['/api/swap-ledgers', '/api/swap-ledgers/{mechanism}', '/api/swap-ledgers/{mechanism}/entitlements', '/api/swap-ledgers/{mechanism}/entries',
      '/api/swap-ledgers/{mechanism}/returns', '/api/swap-ledgers/{mechanism}/resettlements']) assert.ok(doc.paths[path], path);
  });

  it('counts a return once: the first answer is kept for its Idempotency-Key, another try is 409 LEDGER_ALREADY_COUNTED', async () => {
    counted = await returnedCase(t.storage.db, { tenantId: 'GR', law });
    const first = await recordReturn('gr-supervisor', counted.caseId, 'eu-tr-statement', { 'idempotency-key': 'count-1' });
    assert.equal(first.status, 201, await first.clone().text());
    const body = await first.json() as Json;
    assert.equal(body.entry.finding.outcome, 'yes');
    assert.equal(body.counter.returns, 1);
    const replay = await recordReturn('gr-supervisor', counted.caseId, 'eu-tr-statement', { 'idempotency-key': 'count-1' });
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await replay.json(), body);
    const again = await problem(await recordReturn('gr-supervisor', counted.caseId), 409, 'LEDGER_ALREADY_COUNTED');
    assert.equal(again.leg, 'return');
  });

  it('shows every tenant the same ledger, and each tenant only its own entries', async () => {
    for (const user of ['it-caseworker', 'es-policy-analyst', 'gr-auditor', 'com-policy-analyst']) {
      const response = await t.call(user, 'GET', '/api/swap-ledgers/eu-tr-statement?on=2016-06-11');
      assert.equal(response.status, 200, user);
      const view = await response.json() as Json;
      assert.deepEqual([view.returns, view.resettlements, view.balance, view.cap, view.remaining], [1, 0, 1, 72_000, 71_999], user);
      assert.equal(view.leadTimes.open.max, 10);
      assert.equal(response.headers.get('etag'), '"1"');
    }
    const list = await (await t.call('es-caseworker', 'GET', '/api/swap-ledgers')).json() as Json[];
    assert.equal(list.find((l) => l.mechanism === 'eu-tr-statement')?.returns, 1);
    const greek = await (await t.call('gr-supervisor', 'GET', '/api/swap-ledgers/eu-tr-statement/entries')).json() as Json[];
    assert.deepEqual(greek.map((e) => [e.caseId, e.leg, e.finding.outcome]), [[counted.caseId, 'return', 'yes']]);
    assert.deepEqual(await (await t.call('it-supervisor', 'GET', '/api/swap-ledgers/eu-tr-statement/entries')).json(), []);
    const shared = await (await t.call('it-supervisor', 'GET', '/api/swap-ledgers/eu-tr-statement/entitlements')).text();
    assert.equal(shared.includes(counted.personId) || shared.includes(counted.caseId), false, 'the shared half names no person and no case');
    await problem(await t.call('it-policy-analyst', 'GET', '/api/swap-ledgers/eu-tr-statement/entries'), 403, 'FORBIDDEN');
  });

  it('answers another tenant\'s case as not found, a foreign caseworker\'s as forbidden, a return the law does not count as 422 with the finding', async () => {
    await problem(await recordReturn('it-supervisor', counted.caseId), 404, 'NOT_FOUND');
    await problem(await recordReturn('gr-caseworker', counted.caseId), 403, 'FORBIDDEN');
    const late = await returnedCase(t.storage.db, { tenantId: 'GR', law, crossedOn: '2019-12-01', decidedOn: '2020-01-15', returnedOn: '2020-03-01' });
    const refused = await problem(await recordReturn('gr-supervisor', late.caseId), 422, 'LEDGER_RETURN_NOT_COUNTED');
    assert.equal(refused.finding.outcome, 'no');
    assert.ok(refused.finding.basis.length > 0);
    const invalid = await problem(await t.call('gr-supervisor', 'POST', '/api/swap-ledgers/eu-tr-statement/returns', { body: { caseId: 'nope', reason: 'x' } }), 400, 'VALIDATION_FAILED');
    assert.deepEqual(invalid.errors.map((e: Json) => e.path).sort(), ['caseId', 'reason']);
    await problem(await recordReturn('gr-supervisor', counted.caseId, 'no-such-swap'), 404, 'NOT_FOUND');
  });

  it('stops at the cap with 409 LEDGER_CAP_REACHED', async () => {
    const one = await returnedCase(t.storage.db, { tenantId: 'GR', law });
    const two = await returnedCase(t.storage.db, { tenantId: 'GR', law });
    assert.equal((await recordReturn('gr-supervisor', one.caseId, 'http-swap-cap-one')).status, 201);
    const capped = await problem(await recordReturn('gr-supervisor', two.caseId, 'http-swap-cap-one'), 409, 'LEDGER_CAP_REACHED');
    assert.equal(capped.cap, 1);
  });

  it('records a resettlement by another Member State against the open entitlement, and none beyond', async () => {
    const arrived = await resettledCase(t.storage.db, { tenantId: 'ES', law, arrivedOn: '2016-09-01' });
    const response = await t.call('es-supervisor', 'POST', '/api/swap-ledgers/eu-tr-statement/resettlements', { body: { caseId: arrived.caseId, reason: 'arrived at Madrid' } });
    assert.equal(response.status, 201, await response.clone().text());
    const body = await response.json() as Json;
    assert.deepEqual([body.entitlement.status, body.entitlement.resettlingState, body.counter.resettlements], ['used', 'ES', 1]);
    const page = await (await t.call('gr-caseworker', 'GET', '/api/swap-ledgers/eu-tr-statement/entitlements?status=used')).json() as Json;
    assert.deepEqual(page.items.map((e: Json) => [e.returnedOn, e.resettledOn, e.days]), [['2016-06-01', '2016-09-01', 92]]);
    const another = await resettledCase(t.storage.db, { tenantId: 'ES', law, arrivedOn: '2016-09-02' });
    await problem(await t.call('es-supervisor', 'POST', '/api/swap-ledgers/eu-tr-statement/resettlements', { body: { caseId: another.caseId, reason: 'arrived' } }), 409, 'LEDGER_NO_OPEN_ENTITLEMENT');
  });
});
