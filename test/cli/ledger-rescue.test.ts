/**
 * `waypoint ledger …` and `waypoint rescue …` as operators run them, in a child process on the engine the
 * environment selects: acting as a named user, a return counted once (exit 1 the second time), the
 * shared ledger shown to another tenant, a rescue event registered, a person linked and assigned — a
 * third country refused with the finding's citations (exit 1), a Member State's port allowed — bad
 * input refused (exit 2), and the audit chains intact. (Unknown users are `case.test.ts`'s.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor } from '../../src/domain/access/roles.ts';
import { loadCaseLaw } from '../../src/domain/cases/law-context.ts';
import { openCase } from '../../src/domain/cases/open-case.ts';
import { asActor } from '../../src/storage/transaction.ts';
import { runCli, type CliRun } from '../support/child.ts';
import { freshDataTarget, type DataTarget } from '../support/storage.ts';
import { returnedCase } from '../support/swap-ledger.ts';

const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const IT_CASEWORKER: Actor = { id: 'it-caseworker', displayName: 'Demo caseworker (IT)', tenantId: 'IT', unitId: 'asylum', roles: ['caseworker'] };

function expectStatus(run: CliRun, status: number): CliRun {
  assert.equal(run.status, status, `exit ${run.status}, expected ${status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

describe(`waypoint ledger and rescue commands on ${ENGINE}`, { timeout: 300_000 }, () => {
  let target: DataTarget;
  const waypoint = (...args: string[]) => runCli(args, target.env);
  let returnReference: string;
  let rescued: { personId: string; caseId: string };
  let eventReference: string;

  before(async () => {
    target = await freshDataTarget('cli_ledger_rescue');
    expectStatus(waypoint('seed'), 0);
    const storage = await target.open();
    try {
      const law = await loadCaseLaw(storage.db);
      returnReference = (await returnedCase(storage.db, { tenantId: 'GR', law })).reference;
      const opened = await asActor(storage.db, IT_CASEWORKER, (tx) => openCase({ tx, actor: IT_CASEWORKER, input: {
        kind: 'asylum', person: { givenNames: 'Karim', familyName: 'Rescued', nationality: 'BD', birthDate: '1998-04-02', sex: 'M', vulnerabilities: [] },
      } }));
      rescued = { personId: opened.personId, caseId: opened.id };
    } finally {
      await storage.close();
    }
  });
  after(() => target?.remove());

  it('counts a return as a named user, once, and shows the shared ledger to another tenant', () => {
    const counted = expectStatus(waypoint('ledger', 'return', 'eu-tr-statement', returnReference, '--as', 'gr-supervisor', '--reason', 'readmitted at Dikili'), 0);
    assert.match(counted.stdout, /return counted under eu-tr-statement on 2016-06-01/);
    assert.match(counted.stdout, /one-to-one-return: yes/);
    const again = expectStatus(waypoint('ledger', 'return', 'eu-tr-statement', returnReference, '--as', 'gr-supervisor', '--reason', 'again'), 1);
    assert.match(again.stderr, /already counted/);
    const shown = expectStatus(waypoint('ledger', 'show', 'eu-tr-statement', '--as', 'it-caseworker', '--on', '2016-06-11'), 0);
    assert.match(shown.stdout, /returns 1 {3}resettlements 0 {3}balance 1 {3}cap 72000 {3}remaining 71999/);
    assert.match(shown.stdout, /open entitlements, age: 1, 10–10 days/);
    const entries = JSON.parse(expectStatus(waypoint('ledger', 'entries', 'eu-tr-statement', '--as', 'gr-supervisor', '--json'), 0).stdout) as Array<{ leg: string }>;
    assert.deepEqual(entries.map((e) => e.leg), ['return']);
  });

  it('registers a rescue, links a person, refuses a third country with the citations and assigns a Member State\'s port', () => {
    const registered = expectStatus(waypoint('rescue', 'register', '--as', 'it-caseworker', '--kind', 'rescue', '--at', '2026-09-20T03:40:00Z', '--lat', '35.1', '--lon', '12.6',
      '--vessel', 'CP 327', '--flag', 'IT', '--operator', 'coastguard', '--waters', 'international', '--sar-region', 'MT', '--centre', 'MRCC Rome', '--on-board', '1'), 0);
    eventReference = /^(IT-SAR-\d{4}-\d{6})/.exec(registered.stdout)![1]!;
    assert.match(expectStatus(waypoint('rescue', 'link', eventReference, rescued.personId, '--as', 'it-caseworker', '--case', rescued.caseId), 0).stdout, /1 of 1 on board registered/);
    const refused = expectStatus(waypoint('rescue', 'assign', eventReference, rescued.personId, '--as', 'it-caseworker', '--to', 'place-of-safety', '--country', 'LY', '--reason', 'nearest port'), 1);
    assert.match(refused.stderr, /not permitted/);
    assert.match(refused.stderr, /removal/);
    const assigned = expectStatus(waypoint('rescue', 'assign', eventReference, rescued.personId, '--as', 'it-caseworker', '--to', 'place-of-safety', '--country', 'IT', '--place', 'Lampedusa', '--on', '2026-09-20', '--reason', 'port assigned by MRCC Rome'), 0);
    assert.match(assigned.stdout, /assigned to place-of-safety IT \(Lampedusa\) on 2026-09-20/);
    assert.match(assigned.stdout, /access-to-procedure: yes/);
    assert.match(expectStatus(waypoint('rescue', 'show', eventReference, '--as', 'it-supervisor'), 0).stdout, /place-of-safety IT \(Lampedusa\) on 2026-09-20 by it-caseworker/);
  });

  it('refuses bad input with exit 2, and leaves the audit chains intact', () => {
    expectStatus(waypoint('rescue', 'register', '--as', 'it-caseworker', '--kind', 'rescue', '--at', '2026-09-20T03:40:00Z', '--lat', '100', '--lon', '12.6',
      '--vessel', 'X', '--flag', 'IT', '--operator', 'coastguard', '--waters', 'international', '--on-board', '1'), 2);
    expectStatus(waypoint('rescue', 'assign', eventReference, rescued.personId, '--as', 'it-caseworker', '--to', 'nowhere', '--reason', 'xyz'), 2);
    expectStatus(waypoint('audit', 'verify'), 0);
  });
});
