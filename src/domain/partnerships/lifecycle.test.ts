/**
 * The lifecycle of a solution, on the engine the environment selects: a phase change is refused while
 * a checklist item its gate needs is missing — with a reason naming the item — and nothing is written;
 * it passes once the item is done on or before the day of the change; moves follow the lifecycle
 * (no skipping, ended is final); the phase history is kept; the same gates hold for a new record and
 * for an import, which names the row and column.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { REGISTRY_CHAIN } from '../registries/chain.ts';
import { createRegistryRecord } from '../registries/create-record.ts';
import { importRegistry } from '../registries/import-records.ts';
import { parseRecordData } from '../registries/kind.ts';
import { updateRegistryRecord } from '../registries/update-record.ts';
import { asActor, inTenant } from '../../storage/transaction.ts';
import { emptyChecklist, GATES, lifecycleSummary, phaseChangeIssues, type Lifecycle } from './lifecycle.ts';
import { partnershipKind, type Partnership } from './partnership.ts';

const itOfficer: Actor = { id: 'it-partnership-officer', displayName: 'IT partnership officer', tenantId: 'IT', unitId: null, roles: ['partnership-officer'] };
const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };

let storage: TestStorage;
before(async () => { storage = await openTestStorage(); });
after(() => storage.close());

function partnership(code: string, lifecycle: Partial<Lifecycle> = {}): Partnership {
  const parsed = parseRecordData(partnershipKind, {
    code, title: `Test arrangement ${code}`, kind: 'arrangement', legallyBinding: true,
    parties: { eu: false, memberStates: ['IT'], partner: 'UY' }, documents: [SOURCE], owner: 'IT', verified: false,
    lifecycle: { phases: [{ phase: 'exploration', from: '2030-01-01' }], ...lifecycle },
  });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.data;
}

const item = (on: string) => ({ done: true, on, evidence: [SOURCE], note: null });

function allDone(on: string): Lifecycle['checklist'] {
  return { legalReview: item(on), fundamentalRightsImpactAssessment: item(on), fundingSecured: item(on), monitoringBodyDesignated: item(on), partnerConsent: item(on) };
}

async function registryState() {
  const rows = await sql<{ n: string; v: string }>`select count(*) as n, coalesce(sum(version), 0) as v from registry_records`.execute(storage.db);
  const head = await storage.db.selectFrom('audit_heads').selectAll().where('tenant_id', '=', REGISTRY_CHAIN).executeTakeFirstOrThrow();
  return { rows: rows.rows[0], head };
}

async function create(data: Partnership) {
  return asActor(storage.db, itOfficer, (tx) => createRegistryRecord({ tx, actor: itOfficer, kind: partnershipKind, data, reason: 'test' }));
}

async function change(code: string, version: number, lifecycle: Lifecycle) {
  return asActor(storage.db, itOfficer, (tx) => updateRegistryRecord({ tx, actor: itOfficer, kind: partnershipKind, idOrKey: code, expectedVersion: version, changes: { lifecycle }, reason: 'phase change' }));
}

describe(`the lifecycle of a solution on ${ENGINE}`, () => {
  describe('gates', () => {
    it('refuses the move to design while the legal review is missing, naming the item, and writes nothing', async () => {
      const created = await create(partnership('gate-design'));
      const before = await registryState();
      const lifecycle = { ...created.data.lifecycle, phases: [...created.data.lifecycle.phases, { phase: 'design' as const, from: '2030-03-01', reason: null, sources: [] }] };
      await assert.rejects(change('gate-design', 1, lifecycle), (error) => {
        assert.ok(isDomainError(error, 'INVALID_STATE'), String(error));
        assert.match(error.message, /cannot move from exploration to design on 2030-03-01: the gate checklist misses legal review done/);
        assert.deepEqual(error.fields.map((f) => f.path), ['data.lifecycle.checklist.legalReview']);
        return true;
      });
      assert.deepEqual(await registryState(), before);
      const passed = await change('gate-design', 1, { ...lifecycle, checklist: { ...lifecycle.checklist, legalReview: item('2030-02-15') } });
      assert.equal(passed.version, 2);
      assert.equal(partnershipKind.stateOf!(passed.data, '2030-03-01'), 'design');
      assert.equal(partnershipKind.stateOf!(passed.data, '2030-02-28'), 'exploration', 'the day before the move');
    });

    it('refuses the way to implementation while any of the five items is missing, naming the missing one', async () => {
      for (const missing of Object.keys(allDone('2030-01-01')) as Array<keyof Lifecycle['checklist']>) {
        const code = `gate-implementation-${missing.toLowerCase()}`;
        const checklist = { ...allDone('2030-02-01'), [missing]: { done: false, on: null, evidence: [], note: null } };
        await create(partnership(code, { checklist }));
        const lifecycle = partnership(code, {
          phases: [{ phase: 'exploration', from: '2030-01-01', reason: null, sources: [] }, { phase: 'design', from: '2030-02-01', reason: null, sources: [] }, { phase: 'implementation', from: '2030-06-01', reason: null, sources: [] }],
          checklist,
        }).lifecycle;
        await assert.rejects(change(code, 1, lifecycle), (error) => {
          assert.ok(error instanceof DomainError && error.code === 'INVALID_STATE', String(error));
          // Without the legal review the first move (to design) already fails; the others fail at implementation.
          const move = missing === 'legalReview' ? 'from exploration to design on 2030-02-01' : 'from design to implementation on 2030-06-01';
          assert.match(error.message, new RegExp(`cannot move ${move}: the gate checklist misses`));
          assert.equal(error.fields[0]!.path, `data.lifecycle.checklist.${missing}`);
          return true;
        }, missing);
      }
    });

    it('refuses an item done only after the day of the move, and says when it was done', () => {
      const lifecycle = partnership('late', {
        phases: [{ phase: 'exploration', from: '2030-01-01', reason: null, sources: [] }, { phase: 'design', from: '2030-03-01', reason: null, sources: [] }],
        checklist: { ...emptyChecklist(), legalReview: item('2030-03-02') },
      }).lifecycle;
      const issues = phaseChangeIssues({ ...lifecycle, phases: lifecycle.phases.slice(0, 1) }, lifecycle);
      assert.equal(issues.length, 1);
      assert.match(issues[0]!.message, /legal review done \(done only on 2030-03-02, after 2030-03-01\)/);
    });

    it('gates a new record in the phase it is created in, and lets it be created in exploration or ended', async () => {
      await assert.rejects(create(partnership('born-implementing', { phases: [{ phase: 'implementation', from: '2030-01-01', reason: null, sources: [] }] })),
        (error) => isDomainError(error, 'INVALID_STATE') && /cannot record the solution in implementation on 2030-01-01: the gate checklist misses legal review done, fundamental-rights impact assessment done, funding secured, monitoring body designated, partner's consent recorded/.test(error.message));
      const ok = await create(partnership('born-implementing', { phases: [{ phase: 'implementation', from: '2030-01-01', reason: null, sources: [] }], checklist: allDone('2029-12-01') }));
      assert.equal(ok.version, 1);
      const ended = await create(partnership('born-ended', { phases: [{ phase: 'implementation', from: '2020-01-01', reason: null, sources: [] }, { phase: 'ended', from: '2021-01-01', reason: 'terminated', sources: [] }] }));
      assert.equal(partnershipKind.stateOf!(ended.data, '2020-06-01'), 'implementation', 'history before Waypoint is recorded as it happened');
    });

    it('never gates suspending or ending, and gates resuming', async () => {
      const code = 'suspend-resume';
      const phases = [{ phase: 'implementation' as const, from: '2030-01-01', reason: null, sources: [] }];
      const created = await create(partnership(code, { phases, checklist: allDone('2029-12-01') }));
      const withoutFunding = { ...created.data.lifecycle.checklist, fundingSecured: { done: false, on: null, evidence: [], note: 'withdrawn' } };
      const suspended = await change(code, 1, { ...created.data.lifecycle, checklist: withoutFunding, phases: [...phases, { phase: 'suspended', from: '2030-05-01', reason: 'funding withdrawn', sources: [] }] });
      assert.equal(suspended.version, 2);
      const resume = { ...suspended.data.lifecycle, phases: [...suspended.data.lifecycle.phases, { phase: 'implementation' as const, from: '2030-07-01', reason: null, sources: [] }] };
      await assert.rejects(change(code, 2, resume), (error) => isDomainError(error, 'INVALID_STATE') && /cannot move from suspended to implementation on 2030-07-01: the gate checklist misses funding secured/.test(error.message));
      const resumed = await change(code, 2, { ...resume, checklist: { ...resume.checklist, fundingSecured: item('2030-06-15') } });
      assert.equal(resumed.version, 3);
    });
  });

  describe('moves and history', () => {
    it('refuses skipping a phase, naming the moves allowed', () => {
      const before = partnership('skip').lifecycle;
      const after = { ...before, checklist: allDone('2029-12-01'), phases: [...before.phases, { phase: 'implementation' as const, from: '2030-02-01', reason: null, sources: [] }] };
      assert.deepEqual(phaseChangeIssues(before, after).map((i) => i.message), ['cannot move from exploration to implementation: from exploration the solution moves to design, suspended, ended']);
      const stepwise = { ...after, phases: [...before.phases, { phase: 'design' as const, from: '2030-01-15', reason: null, sources: [] }, { phase: 'implementation' as const, from: '2030-02-01', reason: null, sources: [] }] };
      assert.deepEqual(phaseChangeIssues(before, stepwise), [], 'two moves at once, each allowed and gated');
    });

    it('keeps the phase history: no entry removed or renamed; ended is final', async () => {
      const before = partnership('history', { phases: [{ phase: 'exploration', from: '2030-01-01', reason: null, sources: [] }, { phase: 'design', from: '2030-02-01', reason: null, sources: [] }], checklist: allDone('2030-01-15') }).lifecycle;
      assert.match(phaseChangeIssues(before, { ...before, phases: before.phases.slice(0, 1) })[0]!.message, /the phase history is kept: 1 entry was removed/);
      assert.match(phaseChangeIssues(before, { ...before, phases: [before.phases[0]!, { ...before.phases[1]!, phase: 'implementation' }] })[0]!.message, /entry 2 was design from 2030-02-01/);
      const ended = { ...before, phases: [...before.phases, { phase: 'ended' as const, from: '2030-03-01', reason: 'abandoned', sources: [] }] };
      assert.deepEqual(phaseChangeIssues(before, ended), []);
      const reopened = { ...ended, phases: [...ended.phases, { phase: 'design' as const, from: '2030-04-01', reason: null, sources: [] }] };
      assert.match(phaseChangeIssues(ended, reopened)[0]!.message, /ended is final/);
      const parsed = parseRecordData(partnershipKind, { ...partnership('reopened'), lifecycle: reopened });
      assert.ok(!parsed.ok && parsed.issues.some((i) => i.path === 'lifecycle.phases.3.phase' && /ended is final/.test(i.message)));
    });

    it('asks why a solution is suspended or ended, and when an item was done', () => {
      const parsed = parseRecordData(partnershipKind, {
        ...partnership('reasons'),
        lifecycle: { phases: [{ phase: 'exploration', from: '2030-01-01' }, { phase: 'ended', from: '2030-02-01' }], checklist: { ...emptyChecklist(), legalReview: { done: true, on: null, evidence: [], note: null } } },
      });
      assert.ok(!parsed.ok);
      assert.deepEqual(parsed.issues.map((i) => i.path).sort(), ['lifecycle.checklist.legalReview.on', 'lifecycle.phases.1.reason']);
    });

    it('summarises the phase on a date, what the next gate needs, and the roles in the phase', () => {
      const p = partnership('summary', {
        phases: [{ phase: 'exploration', from: '2030-01-01', reason: null, sources: [] }, { phase: 'design', from: '2030-02-01', reason: null, sources: [] }],
        checklist: { ...emptyChecklist(), legalReview: item('2030-01-20'), partnerConsent: item('2030-01-25') },
        roles: [{ phase: 'design', actor: 'EEAS', role: 'responsible', note: null }, { phase: 'design', actor: 'COM', role: 'accountable', note: null }],
      });
      assert.deepEqual(lifecycleSummary(p.lifecycle, '2030-03-01'), {
        phase: 'design', since: '2030-02-01', gateMissing: [],
        next: {
          phase: 'implementation', missing: ['fundamental-rights impact assessment done', 'funding secured', 'monitoring body designated'],
          items: ['fundamentalRightsImpactAssessment', 'fundingSecured', 'monitoringBodyDesignated'],
        },
        roles: [{ actor: 'EEAS', role: 'responsible' }, { actor: 'COM', role: 'accountable' }],
        gates: GATES,
      });
      assert.equal(lifecycleSummary(p.lifecycle, '2029-12-31').phase, null);
      assert.deepEqual(GATES.monitoring, GATES.implementation, 'resuming in monitoring needs what implementation needs');
    });
  });

  describe('import', () => {
    it('refuses a file that moves a solution past a gate, with its row and column, and writes nothing', async () => {
      const created = await create(partnership('import-gate'));
      const moved = { ...created.data, lifecycle: { ...created.data.lifecycle, phases: [...created.data.lifecycle.phases, { phase: 'design', from: '2030-04-01', reason: null, sources: [] }] } };
      const content = JSON.stringify([{ id: created.id, version: 1, ...moved }]);
      const before = await registryState();
      await assert.rejects(inTenant(storage.db, { tenantId: 'IT' }, (tx) => importRegistry({ tx, actor: itOfficer, kind: partnershipKind, format: 'json', content, reason: 'import' })), (error) => {
        assert.ok(isDomainError(error, 'INVALID_IMPORT'), String(error));
        assert.deepEqual(error.fields.map((f) => f.path), ['records.1.lifecycle.checklist.legalReview']);
        assert.match(error.fields[0]!.message, /^record 1 \(lifecycle\.checklist\.legalReview\): cannot move from exploration to design/);
        return true;
      });
      assert.deepEqual(await registryState(), before);
    });
  });
});
