/** The partnership page's figures: the 1:1 ledger's balance and cap, funding totals, the outreach calendar, the partners' map and routes, the report file. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createApiClient } from '../../api/client.ts';
import { ApiError } from '../../api/problem.ts';
import { calendarMonths, timingOf } from './calendar.ts';
import { formatMoney, fundingTotals } from './funding.ts';
import { ledgerDisplay } from './ledger.ts';
import { groupByRoute, shadePartners, standingOf } from './partners.ts';
import { fetchReport, isMonth, previousMonth, reportPath } from './report-file.ts';
import type { PartnershipData } from './types.ts';

describe('ledgerDisplay', () => {
  it('shows the open entitlements and how much of the cap the returns used', () => {
    const d = ledgerDisplay({ returns: 2140, resettlements: 1800, balance: 340, cap: 72_000, remaining: 69_860 });
    assert.equal(d.state, 'open-entitlements');
    assert.equal(d.remaining, 69_860);
    assert.ok(Math.abs(d.capUsed! - 2140 / 72_000) < 1e-12);
    assert.ok(Math.abs(d.bar.returns - (100 * 2140) / 72_000) < 1e-9);
  });

  it('says even when every return is matched, and has no cap share without a cap (bars against the larger leg)', () => {
    const d = ledgerDisplay({ returns: 10, resettlements: 10, balance: 0, cap: null, remaining: null });
    assert.equal(d.state, 'even');
    assert.equal(d.capUsed, null);
    assert.equal(d.remaining, null);
    assert.deepEqual(d.bar, { returns: 100, resettlements: 100 });
  });

  it('flags more resettlements than returns as inconsistent, and keeps the bars within 0–100 % for any counts', () => {
    assert.equal(ledgerDisplay({ returns: 1, resettlements: 3, balance: -2, cap: 5, remaining: 4 }).state, 'inconsistent');
    fc.assert(fc.property(fc.nat(1_000_000), fc.nat(1_000_000), fc.option(fc.nat(1_000_000), { nil: null }), (returns, resettlements, cap) => {
      const d = ledgerDisplay({ returns, resettlements, balance: returns - resettlements, cap, remaining: null });
      for (const w of [d.bar.returns, d.bar.resettlements]) assert.ok(w >= 0 && w <= 100, String(w));
      if (cap !== null) assert.equal(d.remaining, Math.max(0, cap - returns));
    }));
  });
});

describe('fundingTotals', () => {
  it('sums per type and currency, never adding euros to another currency, pledges first', () => {
    const totals = fundingTotals([
      { type: 'disbursement', amount: { amount: 30, currency: 'EUR' } },
      { type: 'pledge', amount: { amount: 100, currency: 'EUR' } },
      { type: 'pledge', amount: { amount: 5, currency: 'GBP' } },
      { type: 'pledge', amount: { amount: 50, currency: 'EUR' } },
    ]);
    assert.deepEqual(totals, [
      { type: 'pledge', currency: 'EUR', amount: 150, lines: 2 },
      { type: 'pledge', currency: 'GBP', amount: 5, lines: 1 },
      { type: 'disbursement', currency: 'EUR', amount: 30, lines: 1 },
    ]);
  });

  it('writes money in the reader\'s language', () => {
    assert.equal(formatMoney('en', 1_000_000, 'EUR'), '€1,000,000');
    assert.match(formatMoney('fr', 1_000_000, 'EUR'), /^1\s000\s000\s€$/);
    assert.equal(formatMoney('en', 5, 'EU'), '5 EU', 'a code Intl refuses is written after the amount');
  });
});

describe('the outreach calendar', () => {
  it('groups events by the month they start in, in date order', () => {
    const months = calendarMonths([
      { code: 'c', from: '2024-03-17', to: null }, { code: 'a', from: '2023-07-16', to: null }, { code: 'b', from: '2024-03-02', to: '2024-03-03' },
    ]);
    assert.deepEqual(months.map((m) => [m.month, m.events.map((e) => e.code)]), [['2023-07', ['a']], ['2024-03', ['b', 'c']]]);
  });

  it('says planned, under way or held on the date', () => {
    const e = { code: 'x', from: '2024-03-02', to: '2024-03-03' };
    assert.equal(timingOf(e, '2024-03-01'), 'planned');
    assert.equal(timingOf(e, '2024-03-03'), 'under-way');
    assert.equal(timingOf(e, '2024-03-04'), 'held');
    assert.equal(timingOf({ code: 'y', from: '2024-03-02', to: null }, '2024-03-02'), 'under-way');
  });
});

describe('partners: routes and the map', () => {
  const partnership = (code: string, partner: string, phase: string | null) => ({
    data: { code, parties: { partner } } as unknown as PartnershipData, summary: phase === null ? null : { phase },
  });

  it('groups by route in alphabetical order, a partnership under each of its routes, those without a route last', () => {
    const groups = groupByRoute([
      { code: 'nl-ug-loi', routes: [] }, { code: 'eu-mr', routes: ['Western Mediterranean Route', 'Western African Route'] }, { code: 'eu-tn-mou', routes: ['Central Mediterranean Route'] },
    ]);
    assert.deepEqual(groups.map((g) => [g.route, g.items.map((i) => i.code)]), [
      ['Central Mediterranean Route', ['eu-tn-mou']], ['Western African Route', ['eu-mr']], ['Western Mediterranean Route', ['eu-mr']], [null, ['nl-ug-loi']],
    ]);
  });

  it('shades a partner by its most advanced partnership, and leaves out those not begun', () => {
    const { shades, standing } = shadePartners([
      partnership('uk-rw', 'RW', 'ended'), partnership('rw-etm', 'RW', 'implementation'), partnership('nl-ug', 'UG', 'design'), partnership('future', 'SN', null),
    ]);
    assert.equal(standing.get('RW'), 'in-effect');
    assert.equal(shades.get('RW')!.category, 'cooperating');
    assert.equal(shades.get('UG')!.category, 'partial');
    assert.equal(shades.has('SN'), false);
    assert.equal(standingOf('suspended'), 'stopped');
  });
});

describe('the monthly report file', () => {
  it('defaults to the last whole month, across a new year', () => {
    assert.equal(previousMonth('2026-07-15'), '2026-06');
    assert.equal(previousMonth('2026-01-31'), '2025-12');
    assert.equal(isMonth('2026-13'), false);
    assert.equal(isMonth('2026-06'), true);
    assert.equal(reportPath('it-al-protocol', '2026-06', 'pdf'), '/api/reports/partnerships/it-al-protocol/monthly?month=2026-06&format=pdf');
  });

  it('fetches the report through the API client, asking for its format, and names the file; a refusal is the API\'s problem', async () => {
    const seen: Array<{ url: string; headers: Record<string, string> }> = [];
    const ok = (async (url: string, init: RequestInit) => {
      seen.push({ url, headers: init.headers as Record<string, string> });
      return new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } });
    }) as unknown as typeof fetch;
    const file = await fetchReport({ api: createApiClient({ fetch: ok, token: () => 'abc' }), code: 'it-al-protocol', month: '2026-06', format: 'pdf' });
    assert.equal(file.filename, 'waypoint-it-al-protocol-2026-06.pdf');
    assert.equal(await file.blob.text(), '%PDF-1.7');
    assert.equal(seen[0]!.url, '/api/reports/partnerships/it-al-protocol/monthly?month=2026-06&format=pdf');
    assert.equal(seen[0]!.headers.authorization, 'Bearer abc');
    assert.equal(seen[0]!.headers.accept, 'application/pdf');
    const refused = (async () => new Response(JSON.stringify({ code: 'NOT_FOUND', title: 'Not Found', status: 404, detail: 'no partnership xx' }), { status: 404 })) as unknown as typeof fetch;
    let ended = false;
    await assert.rejects(fetchReport({ api: createApiClient({ fetch: refused, token: () => 'abc', onUnauthenticated: () => { ended = true; } }), code: 'xx', month: '2026-06', format: 'html' }),
      (error: unknown) => error instanceof ApiError && error.problem.code === 'NOT_FOUND' && error.problem.detail === 'no partnership xx');
    assert.equal(ended, false, 'a 404 does not end the session');
  });
});
