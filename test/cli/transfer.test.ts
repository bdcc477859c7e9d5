/**
 * `waypoint transfer …` as operators run it, in a child process on the engine the environment selects:
 * acting as a named user, a removal planned after the law engine's answer, confirmed by a second
 * supervisor (the planner may not), blocked at execution when a new risk assessment changed the answer
 * (exit 1, with what changed and the citations), executed on a day the answer is unchanged, a
 * facility's occupancy as numbers, bad input refused (exit 2), the audit chain intact.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getCase } from '../../src/domain/cases/get-case.ts';
import { updateCase } from '../../src/domain/cases/update-case.ts';
import { asActor } from '../../src/storage/transaction.ts';
import { runCli, type CliRun } from '../support/child.ts';
import { freshDataTarget, type DataTarget } from '../support/storage.ts';
import { caseworker, removableCase } from '../support/transfers.ts';

const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';

function expectStatus(run: CliRun, status: number): CliRun {
  assert.equal(run.status, status, `exit ${run.status}, expected ${status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

describe(`waypoint transfer commands on ${ENGINE}`, { timeout: 300_000 }, () => {
  let target: DataTarget;
  const waypoint = (...args: string[]) => runCli(args, target.env);
  let caseId: string;
  let caseReference: string;
  let transfer: string;

  before(async () => {
    target = await freshDataTarget('cli_transfers');
    expectStatus(waypoint('seed'), 0);
    const storage = await target.open();
    try {
      await storage.db.insertInto('users').values({ id: 'it-supervisor-2', tenant_id: 'IT', unit_id: 'asylum', display_name: 'Second supervisor (IT)', roles: ['supervisor'] }).execute();
      const c = await removableCase(storage.db, 'IT');
      caseId = c.id;
      caseReference = c.reference;
    } finally {
      await storage.close();
    }
  });
  after(() => target?.remove());

  it('plans a removal as a named user and lets only a second supervisor confirm it', () => {
    const planned = expectStatus(waypoint('transfer', 'plan', '--as', 'it-supervisor', '--purpose', 'removal', '--country', 'BD', '--on', '2026-08-01',
      '--cases', caseReference, '--reason', 'flight booked'), 0);
    transfer = /^(IT-T\d{4}-\d{6})/.exec(planned.stdout)![1]!;
    assert.match(planned.stdout, /removal BD: yes \(.*Directive 2008\/115\/EC/);
    assert.match(expectStatus(waypoint('transfer', 'confirm', transfer, '--as', 'it-supervisor', '--reason', 'my own plan'), 1).stderr, /another supervisor must confirm/);
    assert.match(expectStatus(waypoint('transfer', 'confirm', transfer, '--as', 'it-supervisor-2', '--reason', 'escort booked'), 0).stdout, /confirmed by it-supervisor-2: escort booked/);
  });

  it('blocks the execution when the answer changed, printing what changed, and executes on a day it did not', async () => {
    const storage = await target.open();
    try {
      const by = caseworker('IT');
      await asActor(storage.db, by, async (tx) => updateCase({ tx, actor: by, caseId, expectedVersion: (await getCase({ tx, actor: by, caseId })).version,
        input: { facts: { riskAssessments: [{ destination: 'BD', on: '2026-07-02', outcome: 'no-real-risk' }, { destination: 'BD', on: '2026-08-02', outcome: 'real-risk' }] }, reason: 'new information' } }));
    } finally {
      await storage.close();
    }
    const blocked = expectStatus(waypoint('transfer', 'execute', transfer, '--as', 'it-supervisor', '--reason', 'at the airport', '--on', '2026-08-03'), 1);
    assert.match(blocked.stderr, /removal was yes when planned, is no now/);
    assert.match(blocked.stderr, /basis: .*Art\./);
    const done = expectStatus(waypoint('transfer', 'execute', transfer, '--as', 'it-supervisor', '--reason', 'boarded', '--on', '2026-08-01'), 0);
    assert.match(done.stdout, /executed by it-supervisor on 2026-08-01: boarded/);
    assert.match(done.stdout, new RegExp(`${caseReference} {2}removed`));
    assert.match(expectStatus(waypoint('transfer', 'list', '--as', 'it-supervisor', '--status', 'executed'), 0).stdout, new RegExp(`${transfer} {2}removal {2}executed`));
  });

  it('shows a facility\'s places to another Member State as numbers, and refuses bad input with exit 2', () => {
    const view = expectStatus(waypoint('transfer', 'occupancy', 'al-gjader', '--as', 'gr-caseworker', '--from', '2025-04-10', '--to', '2025-04-11'), 0);
    assert.match(view.stdout, /2025-04-10 {2}capacity 400 {2}held 0 {2}present 0 {2}free 400/);
    assert.match(view.stdout, /2025-04-11 {2}capacity 440/);
    expectStatus(waypoint('transfer', 'plan', '--as', 'it-supervisor', '--purpose', 'deportation', '--on', '2026-08-01', '--cases', caseReference, '--reason', 'x'.repeat(5)), 2);
    expectStatus(waypoint('transfer', 'show', 'IT-T2026-999999', '--as', 'it-supervisor'), 2);
    expectStatus(waypoint('transfer', 'show', transfer, '--as', 'gr-supervisor'), 2);
    expectStatus(waypoint('audit', 'verify'), 0);
  });
});
