/**
 * `waypoint case deadlines recompute|sweep` as the operator runs them, in a child process on the engine
 * the environment selects: a recompute that finds nothing to change, a sweep that escalates a passed
 * deadline once, JSON output, and bad input refused with exit 2.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor } from '../../src/domain/access/roles.ts';
import { BASELINE_LAW } from '../../src/domain/cases/law-context.ts';
import { openCase } from '../../src/domain/cases/open-case.ts';
import { takeTransition } from '../../src/domain/cases/take-transition.ts';
import { asActor } from '../../src/storage/transaction.ts';
import { runCli, type CliRun } from '../support/child.ts';
import { freshDataTarget, type DataTarget } from '../support/storage.ts';

const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const CASEWORKER: Actor = { id: 'it-caseworker', displayName: 'Demo caseworker (IT)', tenantId: 'IT', unitId: 'asylum', roles: ['caseworker'] };

function expectStatus(run: CliRun, status: number): CliRun {
  assert.equal(run.status, status, `exit ${run.status}, expected ${status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

describe(`waypoint case deadlines on ${ENGINE}`, { timeout: 240_000 }, () => {
  let target: DataTarget;
  const waypoint = (...args: string[]) => runCli(args, target.env);

  before(async () => {
    target = await freshDataTarget('cli_deadlines');
    expectStatus(waypoint('seed'), 0);
    const storage = await target.open();
    try {
      const opened = await asActor(storage.db, CASEWORKER, (tx) => openCase({ tx, actor: CASEWORKER, input: {
        kind: 'asylum', person: { givenNames: 'Samir', familyName: 'Operator', nationality: 'TN', birthDate: '1991-09-09', sex: 'M' },
      } }));
      await asActor(storage.db, CASEWORKER, (tx) => takeTransition({ tx, actor: CASEWORKER, caseId: opened.id, expectedVersion: 1, law: BASELINE_LAW,
        input: { transition: 'make-application', reason: 'asked for protection', on: '2026-10-01' } }));
    } finally {
      await storage.close();
    }
  });
  after(() => target?.remove());

  it('recomputes every open case and reports what changed', () => {
    const run = expectStatus(waypoint('case', 'deadlines', 'recompute', '--tenant', 'it', '--on', '2026-11-21', '--json'), 0);
    const [report] = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual([report!.tenantId, report!.assessed, report!.changed], ['IT', 1, 0]);
  });

  it('escalates a passed deadline once, however often it runs', () => {
    assert.match(expectStatus(waypoint('case', 'deadlines', 'sweep', '--tenant', 'IT', '--on', '2026-10-10'), 0).stdout, /IT: 0 approaching \(to assignees\), 1 passed \(escalated to supervisors\)/);
    assert.match(expectStatus(waypoint('case', 'deadlines', 'sweep', '--on', '2026-10-10'), 0).stdout, /no new tasks \(warning window 3 days\)/);
  });

  it('refuses bad input with exit 2', () => {
    assert.match(expectStatus(waypoint('case', 'deadlines', 'sweep', '--tenant', 'ZZ'), 2).stderr, /unknown tenant ZZ/);
    assert.match(expectStatus(waypoint('case', 'deadlines', 'recompute', '--on', '2026-02-30'), 2).stderr, /not a date/);
  });
});
