/**
 * The law engine over HTTP answers exactly what the law package answers, refuses bad facts with the
 * field's path, and writes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/child.ts';
import { startTestProduct, type TestProduct } from '../support/product.ts';

const FACTS = {
  memberState: 'IT',
  person: { nationality: 'BD', age: 30, sex: 'M', vulnerabilities: [] },
  journey: { transits: [{ country: 'LY', days: 60, couldHaveSoughtProtection: false }], interception: { date: '2026-07-20', area: 'international-waters', byMemberStateAuthorities: true } },
  application: { madeOn: '2026-07-21', registeredOn: '2026-07-22', atExternalBorder: true },
  decision: { kind: 'border-rejection', on: '2026-07-30' },
  context: { recognitionRates: [{ nationality: 'BD', year: 2025, rate: 0.04 }] },
};

describe('law API', () => {
  let t: TestProduct;
  before(async () => { t = await startTestProduct(); });
  after(() => t.close());

  it('answers as the command line does for the same facts and date', async () => {
    const response = await t.call('it-caseworker', 'POST', '/api/law/assess?on=2026-08-01', { body: FACTS });
    assert.equal(response.status, 200);
    const api = await response.json();
    const dir = mkdtempSync(join(tmpdir(), 'law-api-'));
    writeFileSync(join(dir, 'facts.json'), JSON.stringify(FACTS));
    const cli = runCli(['law', 'assess', join(dir, 'facts.json'), '--on', '2026-08-01']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(api, JSON.parse(cli.stdout));
    const border = (api.findings as Array<{ question: string; outcome: string }>).find((f) => f.question === 'border-procedure-mandatory');
    assert.equal(border?.outcome, 'yes');
    assert.ok((api.deadlines as Array<{ name: string; date: string }>).some((d) => d.name === 'border-procedure-end' && d.date === '2026-10-14'));
  });

  it('adds the trace, with parameters and their citations, only when asked', async () => {
    const plain = await (await t.call('it-caseworker', 'POST', '/api/law/assess?on=2026-08-01', { body: FACTS })).json();
    assert.equal(plain.trace, undefined);
    const traced = await (await t.call('it-caseworker', 'POST', '/api/law/assess?on=2026-08-01&trace=true', { body: FACTS })).json();
    const nodes = traced.trace as Array<{ rule: string; version: string; parameters: Array<{ id: string; reference: unknown[] }> }>;
    assert.ok(nodes.some((n) => n.rule === 'border-procedure-mandatory' && n.version === '2026-06-12'));
    const readings = nodes.flatMap((n) => n.parameters);
    assert.ok(readings.length > 0 && readings.every((r) => r.reference.length > 0));
  });

  it('refuses bad facts with the path of the field and a 400', async () => {
    for (const [body, path] of [
      [{ ...FACTS, extra: 1 }, 'extra'],
      [{ ...FACTS, person: { ...FACTS.person, nationality: 'QQ' } }, 'person.nationality'],
      [{ ...FACTS, application: { ...FACTS.application, madeOn: '2026-02-30' } }, 'application.madeOn'],
      [{ ...FACTS, application: { ...FACTS.application, registeredOn: '2026-07-01' } }, 'application.registeredOn'],
    ] as const) {
      const response = await t.call('it-caseworker', 'POST', '/api/law/assess?on=2026-08-01', { body });
      assert.equal(response.status, 400);
      const problem = await response.json();
      assert.ok((problem.errors as Array<{ path: string }>).some((e) => e.path === path), `${path}: ${JSON.stringify(problem.errors)}`);
    }
  });

  it('lists the rules in force on a date with their citations, and the instruments', async () => {
    const before = await (await t.call('it-caseworker', 'GET', '/api/law/rules?on=2026-06-11')).json();
    const onDay = await (await t.call('it-caseworker', 'GET', '/api/law/rules?on=2026-06-12')).json();
    const version = (c: { rules: Array<{ id: string; version: string }> }) => c.rules.find((r) => r.id === 'stc-inadmissibility')!.version;
    assert.equal(version(before), '2015-07-21');
    assert.equal(version(onDay), '2026-06-12');
    const list = onDay.parameters.find((p: { id: string }) => p.id.endsWith('annex-ii-safe-countries-of-origin/eu-list'));
    assert.deepEqual(list.value, ['BD', 'CO', 'EG', 'IN', 'XK', 'MA', 'TN']);
    assert.ok(list.reference[0].title.includes('2026/464'));
    const instruments = await (await t.call('it-caseworker', 'GET', '/api/law/instruments?on=2026-11-21')).json() as Array<{ id: string; appliesOn: boolean }>;
    assert.equal(instruments.find((i) => i.id === 'reg-2024-1348-apr')?.appliesOn, true);
    assert.equal(instruments.find((i) => i.id === 'return-regulation')?.appliesOn, false);
  });
});
