/**
 * Border situations and the asylum-access check: a set of measures that leaves nowhere to apply, or
 * confines applications to capped places, or stops receiving them, is flagged with C-808/18 and
 * C-72/22 cited; access elsewhere is a warning to check; the seeded Finnish situation the day before
 * and the day of each change. Crisis authorisations carry the derogation names the law engine reads,
 * are kept by the Commission only, and reach the engine through the law snapshot.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { isDomainError } from '../errors.ts';
import { createRegistryRecord } from '../registries/create-record.ts';
import { parseRecordData } from '../registries/kind.ts';
import { asActor } from '../../storage/transaction.ts';
import { borderSituationKind, type BorderSituation } from './border-situation.ts';
import { checkAsylumAccess, situationFindings } from './check-asylum-access.ts';
import { CRISIS_DEROGATIONS, crisisAuthorisationKind } from './crisis-authorisation.ts';

const ltAdministrator: Actor = { id: 'lt-administrator', displayName: 'LT administrator', tenantId: 'LT', unitId: null, roles: ['administrator'] };
const comAdministrator: Actor = { id: 'com-administrator', displayName: 'COM administrator', tenantId: 'COM', unitId: null, roles: ['administrator'] };
const ltOfficer: Actor = { id: 'lt-partnership-officer', displayName: 'LT officer', tenantId: 'LT', unitId: null, roles: ['partnership-officer'] };
const reader: Actor = { id: 'fra-fundamental-rights-monitor', displayName: 'FRA monitor', tenantId: 'FRA', unitId: null, roles: ['fundamental-rights-monitor'] };
const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };

let storage: TestStorage;
before(async () => { storage = await openTestStorage(); });
after(() => storage.close());

function situation(overrides: Partial<BorderSituation>): BorderSituation {
  const parsed = parseRecordData(borderSituationKind, {
    memberState: 'LT', type: 'instrumentalisation', section: { neighbour: 'BY', description: 'Land border with Belarus' }, declaredOn: '2030-01-01', from: '2030-01-01',
    declaration: [SOURCE], verified: false, ...overrides,
  });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.data;
}

const closedAll = { type: 'crossing-points-closed' as const, allCrossingPoints: true, from: '2030-01-01' };
const checksOf = (s: BorderSituation, on = '2030-02-01') => situationFindings('LT:test', s, on).map((f) => `${f.severity} ${f.check}`);

describe(`border situations and access to asylum on ${ENGINE}`, () => {
  describe('the asylum-access check', () => {
    it('flags every crossing point closed with nowhere to apply, citing C-808/18 and C-72/22', () => {
      const [finding] = situationFindings('LT:test', situation({ measures: [closedAll as never] }), '2030-02-01');
      assert.equal(finding?.check, 'no-access-point');
      assert.equal(finding?.severity, 'error');
      assert.match(finding!.message, /every crossing point of Land border with Belarus is closed, and no place to apply for asylum is recorded/);
      assert.deepEqual(finding!.basis.map((b) => b.title.slice(0, 8)), ['C-808/18', 'C-72/22 ']);
    });

    it('accepts a closure that leaves a crossing point of the section open for applications, and warns when access is only elsewhere', () => {
      const onSection = { place: 'Medininkai crossing point', onSection: true, from: '2030-01-01' };
      const elsewhere = { place: 'Vilnius airport', onSection: false, from: '2030-01-01' };
      assert.deepEqual(checksOf(situation({ measures: [closedAll as never], asylumAccess: [onSection as never] })), []);
      assert.deepEqual(checksOf(situation({ measures: [closedAll as never], asylumAccess: [elsewhere as never] })), ['warning access-away-from-section']);
    });

    it('flags applications confined to designated places with daily caps (the C-808/18 pattern), and applications not received', () => {
      const confined = { type: 'applications-only-at-designated-points' as const, crossingPoints: ['Medininkai'], from: '2030-01-01' };
      const capped = { place: 'Medininkai', onSection: true, from: '2030-01-01', dailyCap: 5 };
      assert.deepEqual(checksOf(situation({ measures: [confined as never], asylumAccess: [capped as never] })), ['error designated-points-with-caps']);
      assert.deepEqual(checksOf(situation({ measures: [confined as never], asylumAccess: [{ ...capped, dailyCap: null } as never] })), []);
      assert.deepEqual(checksOf(situation({ asylumAccess: [capped as never] })), ['warning applications-capped']);
      assert.deepEqual(checksOf(situation({ measures: [{ type: 'applications-not-received', from: '2030-01-01' } as never], asylumAccess: [{ ...capped, dailyCap: null } as never] })), ['error applications-not-received']);
    });

    it('reads only the measures in force on the date: the day before and the day of a closure', () => {
      const s = situation({ measures: [{ ...closedAll, from: '2030-03-01' } as never] });
      assert.deepEqual(checksOf(s, '2030-02-28'), []);
      assert.deepEqual(checksOf(s, '2030-03-01'), ['error no-access-point']);
    });

    it('follows the seeded Finnish situation: designated points in November 2023, nowhere recorded from 15 December 2023, air and sea only from 15 April 2024', async () => {
      const on = (date: string) => asActor(storage.db, reader, (tx) => checkAsylumAccess({ tx, actor: reader, on: date, memberState: 'FI' }));
      assert.deepEqual((await on('2023-11-20')).findings, []);
      assert.deepEqual((await on('2023-12-14')).findings, [], 'the day before the full closure (the stages before it are not recorded)');
      assert.deepEqual((await on('2023-12-15')).findings.map((f) => f.check), ['no-access-point']);
      assert.deepEqual((await on('2024-04-14')).findings.map((f) => f.check), ['no-access-point']);
      const now = await on('2024-04-15');
      assert.deepEqual(now.findings.map((f) => `${f.severity} ${f.check}`), ['warning access-away-from-section']);
      assert.deepEqual(now.situations.map((s) => s.measures), [['crossing-points-closed']]);
      assert.deepEqual((await on('2023-11-17')).situations, [], 'before the situation');
    });
  });

  describe('crisis authorisations', () => {
    it('use only the derogation names the law engine reads', () => {
      const law = ['law/deadlines.ts', 'law/questions/access.ts', 'law/questions/procedures.ts'].map((f) => readFileSync(join(import.meta.dirname, '../../..', f), 'utf8')).join('\n');
      for (const name of CRISIS_DEROGATIONS) assert.ok(law.includes(`'${name}'`), `${name} is read by the law package`);
    });

    it('are kept by the Commission: a Member State\'s administrator may not authorise its own derogations', async () => {
      const data = { memberState: 'LT', kind: 'instrumentalisation', from: '2030-01-01', to: '2030-03-31', derogations: ['registration-4-weeks'], decision: SOURCE, verified: true };
      await assert.rejects(asActor(storage.db, ltAdministrator, (tx) => createRegistryRecord({ tx, actor: ltAdministrator, kind: crisisAuthorisationKind, data })), (e) => isDomainError(e, 'FORBIDDEN'));
      const created = await asActor(storage.db, comAdministrator, (tx) => createRegistryRecord({ tx, actor: comAdministrator, kind: crisisAuthorisationKind, data }));
      assert.equal(crisisAuthorisationKind.ownerOf(created.data), 'COM');
      const result = await asActor(storage.db, reader, (tx) => checkAsylumAccess({ tx, actor: reader, on: '2030-02-01', memberState: 'LT' }));
      assert.deepEqual(result.authorisations, [{ memberState: 'LT', kind: 'instrumentalisation', from: '2030-01-01', to: '2030-03-31', derogations: ['registration-4-weeks'] }]);
    });

    it('refuse a date before Regulation (EU) 2024/1359 applies, a derogation the engine does not know, and a situation of another Member State', async () => {
      const bad = parseRecordData(crisisAuthorisationKind, { memberState: 'LT', kind: 'mass-arrival', from: '2026-06-11', to: '2026-07-31', derogations: ['pushback'], decision: SOURCE, verified: true });
      assert.ok(!bad.ok);
      assert.deepEqual(bad.issues.map((i) => i.path).sort(), ['derogations.0']);
      const early = parseRecordData(crisisAuthorisationKind, { memberState: 'LT', kind: 'mass-arrival', from: '2026-06-11', to: '2026-07-31', derogations: ['registration-4-weeks'], decision: SOURCE, verified: true });
      assert.ok(!early.ok && early.issues[0]!.path === 'from');
      await assert.rejects(asActor(storage.db, comAdministrator, (tx) => createRegistryRecord({
        tx, actor: comAdministrator, kind: crisisAuthorisationKind,
        data: { memberState: 'LT', kind: 'instrumentalisation', from: '2030-06-01', to: '2030-06-30', derogations: ['registration-4-weeks'], decision: SOURCE, situation: 'FI:instrumentalisation:RU:2023-11-18', verified: true },
      })), (e) => isDomainError(e, 'VALIDATION_FAILED') && /FI:instrumentalisation:RU:2023-11-18 is FI's situation, not LT's/.test(e.message));
    });
  });

  describe('who declares', () => {
    it('lets a Member State\'s administrators record its own situations, and not its partnership officers', async () => {
      const data = { memberState: 'LT', type: 'instrumentalisation', section: { neighbour: 'BY', description: 'Land border with Belarus' }, declaredOn: '2030-01-01', from: '2030-01-01', declaration: [SOURCE], verified: false };
      await assert.rejects(asActor(storage.db, ltOfficer, (tx) => createRegistryRecord({ tx, actor: ltOfficer, kind: borderSituationKind, data })), (e) => isDomainError(e, 'FORBIDDEN'));
      const created = await asActor(storage.db, ltAdministrator, (tx) => createRegistryRecord({ tx, actor: ltAdministrator, kind: borderSituationKind, data }));
      assert.equal(created.key, 'LT:instrumentalisation:BY:2030-01-01');
    });
  });
});
