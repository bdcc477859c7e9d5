/**
 * `/api/simulations`: a scenario recorded, run in the background of the server and read back with
 * its bands; a bad scenario refused with field paths; the permission table and the tenant wall; and
 * the rule that a simulation never writes to case tables.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { startSimulation } from '../../src/domain/simulations/start-simulation.ts';
import { buildProduct } from '../../src/server.ts';
import { asActor } from '../../src/storage/transaction.ts';
import { startTestProduct } from '../support/product.ts';
import { actorOf } from '../support/transfers.ts';
import { SKIP_WITHOUT_DATA } from '../support/statistics.ts';

type Json = Record<string, any>;

const t = await startTestProduct();
after(() => t.close());

const source = { assumption: 'a test change, no source needed beyond this sentence' };
const SCENARIO = {
  id: 'api-returns-up', title: 'More return capacity from March', period: { start: '2026-01-01', months: 3 },
  changes: [{ kind: 'capacity', resource: 'returns', factor: 2, from: '2026-03-01', source }],
};

async function caseTables(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['cases', 'persons', 'case_transitions', 'case_decisions', 'transfers']) {
    const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.storage.db);
    out[table] = Number(r.rows[0]!.n);
  }
  return out;
}

describe('POST /api/simulations', () => {
  it('refuses a scenario with its problems at their paths, and writes nothing', async () => {
    const response = await t.call('it-policy-analyst', 'POST', '/api/simulations', {
      body: { scenario: { id: 'bad', title: 'Bad', changes: [{ kind: 'capacity', resource: 'returns', perMonth: 10, from: '2026-02-30' }] }, runs: 2, scale: 0.01 },
    });
    assert.equal(response.status, 400);
    const problem = await response.json() as Json;
    assert.equal(problem.code, 'VALIDATION_FAILED');
    assert.deepEqual(problem.errors.map((f: Json) => f.path).sort(), ['scenario.changes.0.from', 'scenario.changes.0.source']);
    assert.match(problem.detail, /every change needs its source/);
    assert.equal((await t.call('it-policy-analyst', 'GET', '/api/simulations')).status, 200);
    assert.deepEqual((await (await t.call('it-policy-analyst', 'GET', '/api/simulations')).json() as Json).items, []);
  });

  it('is for policy analysts and administrators only', async () => {
    for (const user of ['it-caseworker', 'it-supervisor', 'it-auditor', 'it-partnership-officer']) {
      const response = await t.call(user, 'POST', '/api/simulations', { body: { scenario: SCENARIO, runs: 1, scale: 0.01 } });
      assert.equal(response.status, 403, user);
    }
  });

  it('runs in the background, reports progress and results with bands, and never touches case tables', { skip: SKIP_WITHOUT_DATA }, async () => {
    const before = await caseTables();
    const response = await t.call('it-policy-analyst', 'POST', '/api/simulations', { body: { scenario: SCENARIO, runs: 2, seed: 5, scale: 0.005 } });
    assert.equal(response.status, 202, await response.clone().text());
    const started = await response.json() as Json;
    assert.equal(response.headers.get('location'), `/api/simulations/${started.id}`);
    assert.ok(['queued', 'running'].includes(started.status));
    assert.equal(started.attempts, 0, 'not started yet');
    assert.deepEqual(started.scenario, { id: 'api-returns-up', title: 'More return capacity from March', changes: 1 });
    const early = await t.call('it-policy-analyst', 'GET', `/api/simulations/${started.id}/results`);
    assert.equal(early.status, 409, 'no results before the runs are done');

    await t.product.services.simulations.idle();
    const status = await (await t.call('it-administrator', 'GET', `/api/simulations/${started.id}`)).json() as Json;
    assert.equal(status.status, 'done', status.error);
    assert.equal(status.progress, 2);
    const { results } = await (await t.call('it-policy-analyst', 'GET', `/api/simulations/${started.id}/results`)).json() as Json;
    assert.equal(results.summary.conservation, true);
    assert.equal(results.summary.runs, 2);
    const returns = results.summary.figures.find((f: Json) => f.metric === 'returns' && f.where === 'EU' && f.period === 'all');
    assert.ok(returns.scenario.median > returns.baseline.median, 'twice the return capacity from March returns more');
    assert.ok(returns.difference.p05 <= returns.difference.median && returns.difference.median <= returns.difference.p95);
    assert.ok(results.provenance.length > 0);

    assert.deepEqual(await caseTables(), before, 'a simulation writes no case table');
    const events = await t.storage.db.selectFrom('audit_events').select('action').where('tenant_id', '=', 'IT').where('entity_id', '=', started.id).orderBy('seq').execute();
    assert.deepEqual(events.map((e) => e.action), ['simulation.started', 'simulation.finished']);
  });

  it('keeps another tenant\'s simulations out of sight: not found, and not listed', async () => {
    const response = await t.call('it-policy-analyst', 'POST', '/api/simulations', { body: { scenario: SCENARIO, runs: 1, scale: 0.002 } });
    const { id } = await response.json() as Json;
    await t.product.services.simulations.idle();
    for (const path of [`/api/simulations/${id}`, `/api/simulations/${id}/results`]) {
      const refused = await t.call('gr-policy-analyst', 'GET', path);
      assert.equal(refused.status, 404, path);
      assert.ok(!(await refused.text()).includes('api-returns-up'));
    }
    const list = await (await t.call('gr-policy-analyst', 'GET', '/api/simulations')).json() as Json;
    assert.equal(list.items.length, 0);
    const own = await (await t.call('it-administrator', 'GET', '/api/simulations')).json() as Json;
    assert.ok(own.items.some((s: Json) => s.id === id));
  });

  it('runs, after a restart, the simulations accepted before it and not yet started — each once', async () => {
    // Recorded as the API records it, but never handed to a runner: as if the process stopped right after.
    const analyst = actorOf('IT', 'it-policy-analyst', ['policy-analyst']);
    const recorded = await asActor(t.storage.db, analyst, (tx) => startSimulation({ tx, actor: analyst, input: { scenario: SCENARIO, runs: 1, seed: 3, scale: 0.002 } }));
    const finishedEvents = async () => Number((await sql<{ n: string }>`select count(*) as n from audit_events
      where entity_id = ${recorded.id} and action in ('simulation.finished', 'simulation.failed')`.execute(t.storage.db)).rows[0]!.n);
    assert.equal(await finishedEvents(), 0);
    // Two products start on the same database (a restart, or two instances): the run is claimed once.
    const restarted = await Promise.all([1, 2].map(() => buildProduct({ config: t.config, storage: t.storage, logger: pino({ level: 'silent' }) })));
    try {
      await Promise.all(restarted.map((p) => p.services.simulations.idle()));
      const status = await (await t.call('it-policy-analyst', 'GET', `/api/simulations/${recorded.id}`)).json() as Json;
      assert.ok(status.status === 'done' || status.status === 'failed', `status ${status.status}`);
      assert.equal(status.attempts, 1, 'started once');
      assert.equal(await finishedEvents(), 1, 'one outcome event: the simulation ran once');
    } finally {
      for (const p of restarted) await p.close();
    }
  });
});
