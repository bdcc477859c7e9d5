/**
 * Indicators from Waypoint's own case data (`/api/stats/case-indicators/…`), on the engine the run
 * selects, with data written through the domain as users write it: returns and resettlements counted
 * under the EU–Turkey 1:1 ledger, removals executed into a Commission-kept centre in Tunisia, and
 * registration deadlines met on time, met late, missed and left open. The product runs with a
 * small-cell threshold of 2, so that a count of 1 is suppressed (null and marked, never 0); the domain
 * functions are also asked with threshold 1 (nothing suppressed) for the raw figures. Who sees whose
 * Member States follows the permission table; the monthly partnership report carries the same figures.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor, Role } from '../../src/domain/access/roles.ts';
import { approveTransition } from '../../src/domain/cases/approve-transition.ts';
import { getCase } from '../../src/domain/cases/get-case.ts';
import { BASELINE_LAW, loadCaseLaw, type CaseLaw } from '../../src/domain/cases/law-context.ts';
import { openCase } from '../../src/domain/cases/open-case.ts';
import { takeTransition } from '../../src/domain/cases/take-transition.ts';
import { getPartnershipMonthlyReport } from '../../src/domain/reports/get-partnership-monthly-report.ts';
import { renderReportHtml } from '../../src/domain/reports/render-html.ts';
import { renderReportPdf } from '../../src/domain/reports/render-pdf.ts';
import { readCaseStatistics } from '../../src/domain/statistics/case-indicators.ts';
import { getDeadlineComplianceIndicator } from '../../src/domain/statistics/get-deadline-compliance-indicator.ts';
import { getLedgerBalance } from '../../src/domain/statistics/get-ledger-balance.ts';
import { recordResettlement } from '../../src/domain/swap-ledger/record-resettlement.ts';
import { recordReturn } from '../../src/domain/swap-ledger/record-return.ts';
import { executeTransfer } from '../../src/domain/transfers/execute-transfer.ts';
import { readRegistries } from '../../src/domain/registries/chain.ts';
import { asActor } from '../../src/storage/transaction.ts';
import { pdfTexts } from '../support/pdf.ts';
import { ENGINE } from '../support/storage.ts';
import { startTestProduct, type TestProduct } from '../support/product.ts';
import { resettledCase, returnedCase, userOf } from '../support/swap-ledger.ts';
import { createSharedTunisianCentre, man, planConfirmed, removableCase, supervisor as supervisorOf } from '../support/transfers.ts';

type Json = Record<string, any>;
let t: TestProduct;
let law: CaseLaw;

function actor(tenantId: string, name: string, roles: Role[]): Actor {
  return { id: `${tenantId.toLowerCase()}-ci-${name}`, displayName: name, tenantId, unitId: 'asylum', roles };
}

/** A transition taken by a supervisor, approved by a second one when it waits for four eyes. */
async function take(tenantId: string, caseId: string, transition: string, on: string): Promise<void> {
  const by = actor(tenantId, 'supervisor', ['supervisor']);
  const { version } = await asActor(t.storage.db, by, (tx) => getCase({ tx, actor: by, caseId }));
  const result = await asActor(t.storage.db, by, (tx) => takeTransition({ tx, actor: by, caseId, expectedVersion: version, input: { transition, reason: `${transition} (test)`, on }, law: BASELINE_LAW }));
  if (result.status === 'pending') {
    const second = actor(tenantId, 'second', ['supervisor']);
    await asActor(t.storage.db, second, (tx) => approveTransition({ tx, actor: second, caseId, transitionId: result.transition.id, expectedVersion: result.case.version, reason: 'approved (test)', law: BASELINE_LAW }));
  }
}

/** An asylum case whose application was made on 2 July 2026 (registration due 7 July 2026), then `steps`. */
async function applied(tenantId: string, steps: Array<[string, string]>): Promise<void> {
  const by = actor(tenantId, 'caseworker', ['caseworker']);
  const opened = await asActor(t.storage.db, by, (tx) => openCase({ tx, actor: by, input: { kind: 'asylum', person: man('BD') } }));
  await take(tenantId, opened.id, 'make-application', '2026-07-02');
  for (const [transition, on] of steps) await take(tenantId, opened.id, transition, on);
}

async function get(user: string, path: string): Promise<{ status: number; body: Json; text: string; type: string }> {
  const response = await t.call(user, 'GET', path);
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, text, type, body: type.includes('json') ? JSON.parse(text) as Json : {} };
}

const pick = (items: Json[], fields: string[]) => items.map((i) => Object.fromEntries(fields.map((f) => [f, i[f]])));

describe(`indicators from case data on ${ENGINE}`, { timeout: 300_000 }, () => {
  before(async () => {
    t = await startTestProduct({ WAYPOINT_SMALL_CELL_MIN: '2' });
    law = await loadCaseLaw(t.storage.db);
    // The ledger: Greece returns two persons in June 2016 and one in July; Italy resettles two in July.
    const gr = userOf('GR', 'caseworker');
    const it_ = userOf('IT', 'caseworker');
    for (const returnedOn of ['2016-06-01', '2016-06-02', '2016-07-04']) {
      const c = await returnedCase(t.storage.db, { tenantId: 'GR', law, returnedOn });
      await asActor(t.storage.db, gr, (tx) => recordReturn({ tx, actor: gr, mechanism: 'eu-tr-statement', input: { caseId: c.caseId, reason: 'returned' }, law }));
    }
    for (const arrivedOn of ['2016-07-05', '2016-07-06']) {
      const c = await resettledCase(t.storage.db, { tenantId: 'IT', law, arrivedOn });
      await asActor(t.storage.db, it_, (tx) => recordResettlement({ tx, actor: it_, mechanism: 'eu-tr-statement', input: { caseId: c.caseId, reason: 'arrived' } }));
    }
    // Facility use: three Italian removals into a Commission-kept centre of 10 places, 1–5 August 2026.
    await createSharedTunisianCentre(t.storage.db, 'tn-ci-centre', 10);
    const transfer = await planConfirmed(t.storage.db, 'IT', {
      purpose: 'removal', facility: 'tn-ci-centre', on: '2026-08-01', until: '2026-08-05',
      cases: await Promise.all([0, 1, 2].map(async () => ({ caseId: (await removableCase(t.storage.db, 'IT', man('TN'))).id }))),
    });
    const by = supervisorOf('IT');
    await asActor(t.storage.db, by, (tx) => executeTransfer({ tx, actor: by, transferId: transfer.id, expectedVersion: transfer.version, input: { reason: 'boarded', on: '2026-08-01' }, law: BASELINE_LAW }));
    // Deadlines due 7 July 2026 in Italy: two met on time, one late, one missed, one still open; in Greece, one open.
    await applied('IT', [['register-application', '2026-07-06']]);
    await applied('IT', [['register-application', '2026-07-07']]);
    await applied('IT', [['register-application', '2026-07-08']]);
    await applied('IT', [['discontinue', '2026-07-20']]);
    await applied('IT', []);
    await applied('GR', []);
  });
  after(() => t.close());

  it('counts each deadline once, per Member State and month due, as met on time, late, missed or open past its day', async () => {
    const analyst = actor('COM', 'analyst', ['policy-analyst']);
    const raw = await readCaseStatistics(t.storage.db, analyst, (tx, view) => getDeadlineComplianceIndicator({ tx, view, threshold: 1, from: '2026-07', to: '2026-07', on: '2026-07-10' }));
    assert.deepEqual(pick(raw.items, ['memberState', 'month', 'metOnTime', 'metLate', 'missed', 'openOverdue', 'onTimeRate']), [
      { memberState: 'GR', month: '2026-07', metOnTime: 0, metLate: 0, missed: 0, openOverdue: 1, onTimeRate: 0 },
      { memberState: 'IT', month: '2026-07', metOnTime: 2, metLate: 1, missed: 1, openOverdue: 1, onTimeRate: 0.4 },
    ]);
    assert.equal(raw.coverage.source, 'Waypoint case data');
    assert.deepEqual(raw.coverage.months, { from: '2026-07', to: '2026-07' });
    // Judged before the day it falls due, the registration left open is not yet overdue.
    const early = await readCaseStatistics(t.storage.db, analyst, (tx, view) => getDeadlineComplianceIndicator({ tx, view, threshold: 1, memberState: 'IT', from: '2026-07', to: '2026-07', on: '2026-07-07' }));
    assert.deepEqual(pick(early.items, ['memberState', 'metOnTime', 'openOverdue', 'openNotDue']), [{ memberState: 'IT', metOnTime: 2, openOverdue: 0, openNotDue: 1 }]);
  });

  it('suppresses counts below the threshold in the API, marks them, never shows them as 0, and gives no rate from them', async () => {
    const { status, body } = await get('com-policy-analyst', '/api/stats/case-indicators/deadline-compliance?from=2026-07&to=2026-07&on=2026-07-10');
    assert.equal(status, 200);
    assert.equal(body.source, 'Waypoint case data');
    assert.equal(body.coverage.threshold, 2);
    const italy = body.items.find((i: Json) => i.memberState === 'IT');
    assert.deepEqual([italy.metOnTime, italy.metLate, italy.missed, italy.openOverdue, italy.onTimeRate], [2, null, null, null, null]);
    assert.deepEqual(italy.protection, { metLate: 'suppressed', missed: 'suppressed', openOverdue: 'suppressed' });
    const greece = body.items.find((i: Json) => i.memberState === 'GR');
    // Greece's lone open deadline is suppressed; in July's group Italy's is hidden too (already), so no total gives it away.
    assert.equal(greece.openOverdue, null);
    assert.equal(greece.protection.openOverdue, 'suppressed');
    assert.equal(body.coverage.suppressedCells, 4);
    assert.deepEqual(body.sources.map((s: Json) => s.credit), ['Source: Waypoint case data']);
  });

  it('shows a Member State\'s supervisors and analysts only their own State\'s figures, every Member State\'s to the Commission, and nothing to a caseworker', async () => {
    for (const user of ['it-supervisor', 'it-policy-analyst']) {
      const own = await get(user, '/api/stats/case-indicators/deadline-compliance?on=2026-07-10');
      assert.equal(own.status, 200);
      assert.deepEqual([...new Set(own.body.items.map((i: Json) => i.memberState))], ['IT'], user);
      assert.deepEqual(own.body.coverage.view, ['IT']);
    }
    // Asking for another Member State's figures gives none, not an error that would tell them apart.
    assert.deepEqual((await get('it-policy-analyst', '/api/stats/case-indicators/deadline-compliance?memberState=GR')).body.items, []);
    const commission = await get('com-policy-analyst', '/api/stats/case-indicators/deadline-compliance?on=2026-07-10');
    assert.deepEqual([...new Set(commission.body.items.map((i: Json) => i.memberState))].sort(), ['GR', 'IT']);
    const refused = await get('it-caseworker', '/api/stats/case-indicators/deadline-compliance');
    assert.equal(refused.status, 403);
    assert.match(refused.type, /application\/problem\+json/);
    const bad = await get('it-policy-analyst', '/api/stats/case-indicators/deadline-compliance?from=2026-09&to=2026-07');
    assert.equal(bad.status, 400);
    assert.equal((await get('it-policy-analyst', '/api/stats/case-indicators/arrivals')).status, 400);
  });

  it('balances the 1:1 ledger per Member State and month: returns against resettlements, a lone return suppressed', async () => {
    const analyst = actor('COM', 'analyst', ['policy-analyst']);
    const raw = await readCaseStatistics(t.storage.db, analyst, (tx, view) => getLedgerBalance({ tx, view, threshold: 1, mechanism: 'eu-tr-statement' }));
    assert.deepEqual(pick(raw.items, ['memberState', 'month', 'returns', 'resettlements', 'balance']), [
      { memberState: 'GR', month: '2016-06', returns: 2, resettlements: 0, balance: 2 },
      { memberState: 'GR', month: '2016-07', returns: 1, resettlements: 0, balance: 1 },
      { memberState: 'IT', month: '2016-07', returns: 0, resettlements: 2, balance: -2 },
    ]);
    const { body } = await get('frontex-agency-officer', '/api/stats/case-indicators/ledger-balance?mechanism=eu-tr-statement');
    assert.deepEqual(pick(body.items, ['memberState', 'month', 'returns', 'resettlements', 'balance', 'protection']), [
      { memberState: 'GR', month: '2016-06', returns: 2, resettlements: 0, balance: 2, protection: undefined },
      { memberState: 'GR', month: '2016-07', returns: null, resettlements: 0, balance: null, protection: { returns: 'suppressed' } },
      { memberState: 'IT', month: '2016-07', returns: 0, resettlements: 2, balance: -2, protection: undefined },
    ]);
    for (const user of ['gr-supervisor', 'gr-policy-analyst']) {
      const own = await get(user, '/api/stats/case-indicators/ledger-balance');
      assert.deepEqual(pick(own.body.items, ['memberState', 'month', 'returns']), [{ memberState: 'GR', month: '2016-06', returns: 2 }, { memberState: 'GR', month: '2016-07', returns: null }], user);
    }
  });

  it('gives facility use against capacity per month from executed transfers, and as CSV with the suppression marked', async () => {
    const { body } = await get('frontex-agency-officer', '/api/stats/case-indicators/facility-occupancy?facility=tn-ci-centre');
    assert.deepEqual(pick(body.items, ['facility', 'memberState', 'country', 'month', 'capacity', 'peakOccupied', 'personDays', 'peakUse']), [
      { facility: 'tn-ci-centre', memberState: 'COM', country: 'TN', month: '2026-08', capacity: 10, peakOccupied: 3, personDays: 15, peakUse: 0.3 },
    ]);
    assert.deepEqual(body.coverage.months, { from: '2026-08', to: '2026-08' });
    // A Member State's supervisor sees the facilities their own State keeps: not this Commission centre.
    assert.deepEqual((await get('it-supervisor', '/api/stats/case-indicators/facility-occupancy')).body.items, []);
    const csv = await get('com-policy-analyst', '/api/stats/case-indicators/ledger-balance?format=csv');
    assert.match(csv.type, /text\/csv/);
    const lines = csv.text.trim().split('\n');
    assert.match(lines[0]!, /^mechanism,memberState,month,returns,resettlements,balance,protection\.returns,source$/);
    assert.ok(lines.some((l) => l.startsWith('eu-tr-statement,GR,2016-07,,0,,suppressed,')), lines.join('\n'));
    assert.match(csv.text, /Source: Waypoint case data/);
  });

  it('lists the case-data indicators in the catalogue with their source, and puts the ledger into the partnership\'s monthly report', async () => {
    const catalogue = await get('it-policy-analyst', '/api/stats/indicators');
    const fromCases = catalogue.body.filter((d: Json) => d.source === 'Waypoint case data').map((d: Json) => [d.id, d.path]);
    assert.deepEqual(fromCases, [
      ['ledger-balance', '/api/stats/case-indicators/ledger-balance'], ['facility-occupancy', '/api/stats/case-indicators/facility-occupancy'],
      ['deadline-compliance', '/api/stats/case-indicators/deadline-compliance'],
    ]);
    const reader = actor('COM', 'officer', ['partnership-officer']);
    const report = await getPartnershipMonthlyReport({ read: (work) => readRegistries(t.storage.db, reader, work), db: t.storage.db, actor: reader, idOrKey: 'eu-tr-statement', month: '2016-07', smallCellMin: 2 });
    assert.ok(report.caseData);
    assert.deepEqual(report.caseData.ledgers.map((l) => [l.memberState, l.month, l.returns, l.resettlements]), [['GR', '2016-06', 2, 0], ['GR', '2016-07', null, 0], ['IT', '2016-07', 0, 2]]);
    const html = renderReportHtml(report);
    assert.match(html, /<h2 id="case-data-h">From Waypoint case data<\/h2>/);
    assert.match(html, /<th scope="row">[^<]+<\/th><td>GR<\/td><td>2016-07<\/td><td class="n">suppressed<\/td>/);
    const pdf = pdfTexts(await renderReportPdf(report, { compress: false })).join('\n');
    assert.match(pdf, /From Waypoint case data/);
    assert.match(pdf, /suppressed/);
    // A reader without the grant gets the section saying so, never the figures.
    const auditor = actor('IT', 'auditor', ['auditor']);
    const without = await getPartnershipMonthlyReport({ read: (work) => readRegistries(t.storage.db, auditor, work), db: t.storage.db, actor: auditor, idOrKey: 'eu-tr-statement', month: '2016-07' });
    assert.deepEqual(without.caseData?.ledgers, []);
    assert.match(without.caseData!.coverage.join(' '), /not shown/);
  });
});
