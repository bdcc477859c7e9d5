/**
 * The Partnerships screens mirror two server rules the API does not expose as data: the migratory
 * routes a partnership's monthly report follows (domain/reports/partnership-routes.ts) and the
 * lifecycle's gates (domain/partnerships/lifecycle.ts). Here they are compared with the server's own
 * functions, on the seeded partnerships and on every partner country either side knows, so that the
 * page never says something the report or the registry would not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZPartnershipFields } from '../../src/domain/partnerships/partnership.ts';
import { GATES as SERVER_GATES, lifecycleSummary, ITEM_LABELS } from '../../src/domain/partnerships/lifecycle.ts';
import { FRONTEX_ROUTES as SERVER_ROUTES, routesFor } from '../../src/domain/reports/partnership-routes.ts';
import { seedPartnerships } from '../../src/seed/registry-facts/partnerships.ts';
import { GATES, gateModel } from '../../web/src/screens/partnerships/lifecycle-model.ts';
import { FRONTEX_ROUTES, routesOf, ROUTES_BY_PARTNER, ROUTES_BY_PARTNERSHIP } from '../../web/src/screens/partnerships/partners.ts';
import type { Lifecycle } from '../../web/src/screens/partnerships/types.ts';

const seeded = seedPartnerships().map((p) => ZPartnershipFields.parse(p));

describe('the Partnerships screens\' mirror of the server', () => {
  it('names the routes the monthly report follows, for every seeded partnership and every partner country', () => {
    assert.deepEqual([...FRONTEX_ROUTES], [...SERVER_ROUTES]);
    const cases = [
      ...seeded.map((p) => ({ code: p.code, partner: p.parties.partner })),
      ...Object.keys(ROUTES_BY_PARTNER).map((partner) => ({ code: `x-${partner.toLowerCase()}`, partner })),
      ...Object.keys(ROUTES_BY_PARTNERSHIP).map((code) => ({ code, partner: 'ZZ' })),
      { code: 'x-unknown', partner: 'UG' }, { code: 'x-senegal', partner: 'SN' }, { code: 'x-libya', partner: 'LY' },
    ];
    for (const { code, partner } of cases) assert.deepEqual(routesOf(code, partner), routesFor({ code, partner }).frontex, `${code} (${partner})`);
  });

  it('has the server\'s gates, and finds what the next gate misses as the registry\'s summary does', () => {
    assert.deepEqual(GATES, SERVER_GATES);
    for (const on of ['2016-03-20', '2024-01-01', '2026-07-15']) {
      for (const p of seeded) {
        const server = lifecycleSummary(p.lifecycle, on);
        const page = gateModel(p.lifecycle as unknown as Lifecycle, on);
        assert.equal(page.phase, server.phase, `${p.code} on ${on}`);
        // The server's next phase skips suspended/ended; the page's follows the forward order, the same one.
        if (server.phase !== null) {
          assert.equal(page.next, server.next?.phase ?? null, `${p.code} on ${on}: next`);
          assert.deepEqual(page.nextMissing.map((item) => ITEM_LABELS[item]), server.next?.missing ?? [], `${p.code} on ${on}: missing`);
          assert.deepEqual(page.currentMissing, server.gateMissing, `${p.code} on ${on}: current gate`);
        }
      }
    }
  });
});
