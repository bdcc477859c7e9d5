/**
 * The Partnerships screens take the migratory routes and the lifecycle's gate rules from each record's
 * summary, the server's own (domain/partnerships: partnership-routes.ts, lifecycle.ts). Here the page's
 * model is fed the summary the server writes for every seeded partnership on several dates, and must
 * say what the registry says: the phase, the next phase, what its gate misses, and the routes the
 * monthly report follows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partnershipKind, ZPartnershipFields } from '../../src/domain/partnerships/partnership.ts';
import { GATES, ITEM_LABELS, lifecycleSummary } from '../../src/domain/partnerships/lifecycle.ts';
import { routesFor } from '../../src/domain/partnerships/partnership-routes.ts';
import { seedPartnerships } from '../../src/seed/registry-facts/partnerships.ts';
import { gateModel } from '../../web/src/screens/partnerships/lifecycle-model.ts';
import { groupByRoute } from '../../web/src/screens/partnerships/partners.ts';
import type { Lifecycle, PartnershipSummary } from '../../web/src/screens/partnerships/types.ts';

const seeded = seedPartnerships().map((p) => ZPartnershipFields.parse(p));
const DATES = ['2016-03-20', '2024-01-01', '2026-07-15'];
const summaryOf = (p: (typeof seeded)[number], on: string) => partnershipKind.summaryOn!(p, on) as unknown as PartnershipSummary;

describe('the Partnerships screens read the server\'s summary', () => {
  it('carries the gate rules and the report\'s routes in every partnership\'s summary', () => {
    for (const p of seeded) {
      const summary = summaryOf(p, '2026-07-15');
      assert.deepEqual(summary.gates, GATES, p.code);
      assert.deepEqual(summary.routes, routesFor({ code: p.code, partner: p.parties.partner }).frontex, p.code);
    }
    assert.deepEqual(summaryOf(seeded.find((p) => p.code === 'it-al-protocol')!, '2026-07-15').routes, ['Central Mediterranean Route'],
      'the Protocol concerns persons rescued at sea, not Albania\'s own routes');
  });

  it('finds, with the server\'s summary, the phase and what the next gate misses as the registry does', () => {
    for (const on of DATES) {
      for (const p of seeded) {
        const server = lifecycleSummary(p.lifecycle, on);
        const page = gateModel(p.lifecycle as unknown as Lifecycle, on, summaryOf(p, on));
        assert.equal(page.phase, server.phase, `${p.code} on ${on}`);
        if (server.phase === null) continue;
        assert.equal(page.next, server.next?.phase ?? null, `${p.code} on ${on}: next`);
        assert.deepEqual(page.nextMissing.map((item) => ITEM_LABELS[item]), server.next?.missing ?? [], `${p.code} on ${on}: missing`);
        assert.deepEqual(page.currentMissing, server.gateMissing, `${p.code} on ${on}: current gate`);
      }
    }
  });

  it('groups the seeded partnerships under the routes the server gives them', () => {
    const groups = groupByRoute(seeded.map((p) => ({ code: p.code, routes: summaryOf(p, '2026-07-15').routes })));
    const central = groups.find((g) => g.route === 'Central Mediterranean Route')!;
    assert.ok(central.items.some((i) => i.code === 'it-al-protocol') && central.items.some((i) => i.code === 'eu-tn-mou'), JSON.stringify(central));
    assert.equal(groups.at(-1)!.route === null || groups.every((g) => g.route !== null), true, 'partnerships without a route come last');
  });
});
