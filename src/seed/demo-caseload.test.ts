/**
 * The demo caseload, seeded as `npm start` seeds it on a fresh database (on the engine the run selects):
 * its asylum cases carry the dates a caseworker records, in the procedure's order and consistent with
 * the stage each case reached; the law engine computed their statutory deadlines, some met on time,
 * some late, some missed and some open; every step is an audited event with its decision record; and
 * the deadline-compliance indicator shows figures for Italy, Greece and Spain at the default
 * small-cell threshold.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../domain/access/roles.ts';
import { verifyChains } from '../domain/audit/verify-chain.ts';
import { readCaseStatistics } from '../domain/statistics/case-indicators.ts';
import { getDeadlineComplianceIndicator } from '../domain/statistics/get-deadline-compliance-indicator.ts';
import { ENGINE, openTestStorage, type TestStorage } from '../../test/support/storage.ts';
import { seedDemoCaseload } from './demo-caseload.ts';
import { DEMO_MEMBER_STATES, seedDemoUsers } from './demo-users.ts';

/** The demo's day: fixed, so that the run is the same every time (it must not be after today). */
const DAY = '2026-11-20';
/** The product's default small-cell threshold (`WAYPOINT_SMALL_CELL_MIN`). */
const THRESHOLD = 5;
const ANALYST: Actor = { id: 'com-policy-analyst', displayName: 'analyst', tenantId: 'COM', unitId: null, roles: ['policy-analyst'] };

/** The application's dates each stage implies (a case past the stage has them all). */
const DATES_OF: Record<string, Array<'madeOn' | 'registeredOn' | 'lodgedOn'>> = {
  registered: [], screening: [], 'application-made': ['madeOn'], 'application-registered': ['madeOn', 'registeredOn'],
  'application-lodged': ['madeOn', 'registeredOn', 'lodgedOn'], admissibility: ['madeOn', 'registeredOn', 'lodgedOn'],
  examination: ['madeOn', 'registeredOn', 'lodgedOn'], accelerated: ['madeOn', 'registeredOn', 'lodgedOn'],
  'border-procedure': ['madeOn', 'registeredOn', 'lodgedOn'], decided: ['madeOn', 'registeredOn', 'lodgedOn'],
  'protection-granted': ['madeOn', 'registeredOn', 'lodgedOn'],
};

describe(`the demo caseload on ${ENGINE}`, { timeout: 600_000 }, () => {
  let storage: TestStorage;
  let opened = 0;

  before(async () => {
    storage = await openTestStorage();
    await seedDemoUsers(storage.db);
    opened = await seedDemoCaseload({ db: storage.db, on: DAY });
  });
  after(() => storage?.close());

  it('records each asylum case\'s dates in the procedure\'s order, none after the demo\'s day, as the stage it reached implies', async () => {
    assert.equal(opened, 300);
    const cases = (await sql<{ reference: string; stage: string; facts: Record<string, any>; last: string | null }>`
      select c.reference, c.stage, c.facts,
             (select max(t.effective_on)::text from case_transitions t where t.tenant_id = c.tenant_id and t.case_id = c.id) as last
      from cases c where c.kind = 'asylum'`.execute(storage.db)).rows;
    const stages = new Map<string, number>();
    for (const c of cases) {
      stages.set(c.stage, (stages.get(c.stage) ?? 0) + 1);
      const app = c.facts.application ?? {};
      const dates = [app.madeOn, app.registeredOn, app.lodgedOn].filter((d): d is string => typeof d === 'string');
      assert.deepEqual(dates, [...dates].sort(), `${c.reference}: made ≤ registered ≤ lodged`);
      if (c.last) assert.ok(c.last <= DAY, `${c.reference}: a step on ${c.last}, after the demo's day`);
      const expected = DATES_OF[c.stage];
      if (expected === undefined) { assert.equal(c.stage, 'closed', `${c.reference}: unexpected stage ${c.stage}`); continue; }
      for (const field of ['madeOn', 'registeredOn', 'lodgedOn'] as const) {
        assert.equal(field in app, expected.includes(field), `${c.reference} in ${c.stage}: application.${field} ${field in app ? 'present' : 'missing'}`);
      }
    }
    // The caseload is spread along the procedure, not parked at its start.
    for (const stage of ['application-made', 'application-registered', 'examination']) assert.ok((stages.get(stage) ?? 0) > 0, `no case in ${stage}: ${JSON.stringify([...stages])}`);
  });

  it('has statutory deadlines computed by the law engine: met on time, met late, missed, open past their day and pending', async () => {
    const ended = (await sql<{ outcome: string; late: boolean; n: number }>`
      select outcome, ended_on > due_on as late, count(*)::int as n from case_deadline_endings where party = 'authority' group by 1, 2`.execute(storage.db)).rows;
    const count = (outcome: string, late: boolean) => ended.find((e) => e.outcome === outcome && e.late === late)?.n ?? 0;
    assert.ok(count('met', false) > 0, 'met on time');
    assert.ok(count('met', true) > 0, 'met late');
    assert.ok(count('missed', true) > 0, 'missed');
    const open = (await sql<{ overdue: number; pending: number }>`
      select (count(*) filter (where due_on < ${DAY}::date))::int as overdue, (count(*) filter (where due_on >= ${DAY}::date))::int as pending
      from case_deadlines where name in ('registration', 'admissibility-decision', 'accelerated-decision', 'border-procedure-end')`.execute(storage.db)).rows[0]!;
    assert.ok(open.overdue > 0, 'open past their day');
    assert.ok(open.pending > 0, 'open and not yet due');
  });

  it('wrote every step as an audited event with its decision record, and the chains verify', async () => {
    const { steps, decisions } = (await sql<{ steps: number; decisions: number }>`
      select (select count(*)::int from case_transitions where status in ('taken', 'approved')) as steps, (select count(*)::int from case_decisions) as decisions`.execute(storage.db)).rows[0]!;
    assert.ok(steps > 300, `${steps} steps`);
    assert.equal(decisions, steps, 'one decision record per step');
    const events = (await sql<{ n: number }>`select count(*)::int as n from audit_events where action in ('case.transitioned', 'case.updated')`.execute(storage.db)).rows[0]!.n;
    assert.ok(events >= steps, `${events} case events for ${steps} steps`);
    const reports = await verifyChains({ db: storage.db, tenantIds: [...DEMO_MEMBER_STATES] });
    assert.deepEqual(reports.filter((r) => !r.ok), []);
  });

  it('gives deadline-compliance figures above the small-cell threshold for Italy, Greece and Spain', async () => {
    const answer = await readCaseStatistics(storage.db, ANALYST, (tx, view) => getDeadlineComplianceIndicator({ tx, view, threshold: THRESHOLD, on: DAY }));
    for (const state of DEMO_MEMBER_STATES) {
      const rows = answer.items.filter((r) => r.memberState === state);
      const shown = rows.filter((r) => r.protection?.metOnTime === undefined && (r.metOnTime ?? 0) >= THRESHOLD);
      assert.ok(shown.length > 0, `${state}: no month with on-time deadlines shown (${JSON.stringify(rows)})`);
      // Whatever is shown passed the threshold: small counts are hidden, never shown as they are.
      for (const r of rows) for (const f of ['metOnTime', 'metLate', 'missed', 'openOverdue', 'openNotDue'] as const) {
        const v = r[f];
        assert.ok(v === null ? r.protection?.[f] === 'suppressed' : v === 0 || v >= THRESHOLD, `${state} ${r.month} ${f}: ${v}`);
      }
    }
  });
});
