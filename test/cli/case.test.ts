/**
 * `waypoint case …` and `waypoint person …` as operators run them, in a child process on the engine the
 * environment selects: acting as a named user, each transition checked by the law engine, four eyes,
 * refusals printed with their citations (exit 1), bad input refused (exit 2), the audit chain intact.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor } from '../../src/domain/access/roles.ts';
import { openCase } from '../../src/domain/cases/open-case.ts';
import { asActor } from '../../src/storage/transaction.ts';
import { runCli, type CliRun } from '../support/child.ts';
import { freshDataTarget, type DataTarget } from '../support/storage.ts';

const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const CASEWORKER: Actor = { id: 'it-caseworker', displayName: 'Demo caseworker (IT)', tenantId: 'IT', unitId: 'asylum', roles: ['caseworker'] };

function expectStatus(run: CliRun, status: number): CliRun {
  assert.equal(run.status, status, `exit ${run.status}, expected ${status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

describe(`waypoint case and person commands on ${ENGINE}`, { timeout: 240_000 }, () => {
  let target: DataTarget;
  const waypoint = (...args: string[]) => runCli(args, target.env);
  let reference: string;
  const persons: string[] = [];

  before(async () => {
    target = await freshDataTarget('cli_cases');
    expectStatus(waypoint('seed'), 0);
    const storage = await target.open();
    try {
      for (const givenNames of ['Jürgen', 'Jurgen']) {
        const opened = await asActor(storage.db, CASEWORKER, (tx) => openCase({ tx, actor: CASEWORKER, input: {
          kind: 'asylum', person: { givenNames, familyName: 'Weiß', nationality: 'BD', birthDate: '1996-05-01', sex: 'M' },
        } }));
        reference ??= opened.reference;
        persons.push(opened.personId);
      }
    } finally {
      await storage.close();
    }
  });
  after(() => target?.remove());

  it('lists where a case may go, with the law\'s answers', () => {
    const run = expectStatus(waypoint('case', 'transitions', reference, '--as', 'it-caseworker'), 0);
    assert.match(run.stdout, /stage registered/);
    assert.match(run.stdout, /allowed {2}start-screening → screening/);
    assert.match(run.stdout, /issue-return-decision → return-decision {2}\[four eyes\]/);
  });

  it('takes a transition as a named user, proposes a decision, and lets only another supervisor approve it', () => {
    assert.match(expectStatus(waypoint('case', 'take', reference, 'start-screening', '--as', 'it-caseworker', '--reason', 'disembarked'), 0).stdout, /taken, now screening/);
    assert.match(expectStatus(waypoint('case', 'take', reference, 'issue-return-decision', '--as', 'it-caseworker', '--reason', 'no application', '--voluntary-departure-days', '30'), 0).stdout, /proposed/);
    const caseworker = expectStatus(waypoint('case', 'approve', reference, '--as', 'it-caseworker', '--reason', 'my own'), 2);
    assert.match(caseworker.stderr, /may not approve case/);
    assert.match(expectStatus(waypoint('case', 'approve', reference, '--as', 'it-supervisor', '--reason', 'checked'), 0).stdout, /approved by it-supervisor; stage return-decision/);
  });

  it('prints a refusal of the law with its findings and citations, and exits 1', () => {
    const run = expectStatus(waypoint('case', 'take', reference, 'remove', '--country', 'BD', '--as', 'it-supervisor', '--reason', 'removal'), 1);
    assert.match(run.stderr, /remove is not permitted/);
    assert.match(run.stderr, /basis: .*Art\./);
    assert.match(run.stderr, /because: /);
  });

  it('refuses an unknown user, transition or date with exit 2', () => {
    expectStatus(waypoint('case', 'transitions', reference, '--as', 'nobody'), 2);
    expectStatus(waypoint('case', 'take', reference, 'fly-away', '--as', 'it-supervisor', '--reason', 'x'.repeat(5)), 2);
    expectStatus(waypoint('case', 'transitions', reference, '--as', 'it-caseworker', '--on', '2026-02-30'), 2);
  });

  it('finds a person whatever the accents, and merges a duplicate', () => {
    const search = expectStatus(waypoint('person', 'search', 'jurgen weiss', '--as', 'it-caseworker'), 0);
    for (const id of persons) assert.match(search.stdout, new RegExp(id));
    const merge = expectStatus(waypoint('person', 'merge', persons[1]!, '--into', persons[0]!, '--as', 'it-supervisor', '--reason', 'same person'), 0);
    assert.match(merge.stdout, /1 case\(s\) moved/);
    expectStatus(waypoint('person', 'merge', persons[1]!, '--into', persons[0]!, '--as', 'it-supervisor', '--reason', 'again'), 1);
    expectStatus(waypoint('audit', 'verify'), 0);
  });
});
