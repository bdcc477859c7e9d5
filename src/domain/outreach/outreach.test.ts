/**
 * Outreach on the engine the environment selects: a joint message is approved only when the EEAS and
 * every participating Member State approved its latest draft; a new draft asks them again; drafts and
 * decisions are kept as written; approvers are who the message names. The outreach calendar lists the
 * seeded visits and signings by month, with their commitments, linked to their partnerships.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { isDomainError } from '../errors.ts';
import { createRegistryRecord } from '../registries/create-record.ts';
import { listRegistryRecords } from '../registries/list-records.ts';
import { parseRecordData } from '../registries/kind.ts';
import { updateRegistryRecord } from '../registries/update-record.ts';
import { asActor } from '../../storage/transaction.ts';
import { approvalStatus, jointMessageKind, type JointMessage } from './joint-message.ts';
import { outreachEventKind, type OutreachEvent } from './outreach-event.ts';

const comOfficer: Actor = { id: 'com-partnership-officer', displayName: 'COM officer', tenantId: 'COM', unitId: null, roles: ['partnership-officer'] };
const reader: Actor = { id: 'es-caseworker', displayName: 'ES caseworker', tenantId: 'ES', unitId: 'asylum', roles: ['caseworker'] };

let storage: TestStorage;
before(async () => { storage = await openTestStorage(); });
after(() => storage.close());

const draft = (version: number, date: string) => ({ version, date, text: `Draft ${version} of the joint message.`, author: 'DG HOME', note: null });
const decision = (by: string, version: number, outcome: 'approved' | 'rejected' | 'changes-requested', on: string) => ({ by, version, decision: outcome, on, note: null });

function message(overrides: Partial<JointMessage> = {}): JointMessage {
  const parsed = parseRecordData(jointMessageKind, {
    code: 'test-tn-message', title: 'Joint message on returns', partner: 'TN', partnership: 'eu-tn-mou', participants: ['IT', 'MT'],
    drafts: [draft(1, '2030-01-10')], owner: 'COM', ...overrides,
  });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.data;
}

describe(`outreach on ${ENGINE}`, () => {
  describe('joint messages', () => {
    it('are approved when the EEAS and every participating Member State approved the latest draft', () => {
      assert.deepEqual(approvalStatus(message()).pending, ['EEAS', 'IT', 'MT']);
      const some = message({ approvals: [decision('EEAS', 1, 'approved', '2030-01-11'), decision('IT', 1, 'approved', '2030-01-12')] });
      assert.equal(approvalStatus(some).status, 'awaiting-approval');
      assert.deepEqual(approvalStatus(some).pending, ['MT']);
      const all = message({ approvals: [...some.approvals, decision('MT', 1, 'approved', '2030-01-12')] });
      assert.equal(approvalStatus(all).status, 'approved');
      const redrafted = message({ drafts: [draft(1, '2030-01-10'), draft(2, '2030-01-20')], approvals: all.approvals });
      assert.deepEqual([approvalStatus(redrafted).status, approvalStatus(redrafted).latestVersion], ['awaiting-approval', 2], 'a new draft asks again');
      const sentBack = message({ approvals: [decision('MT', 1, 'changes-requested', '2030-01-12')] });
      assert.deepEqual([approvalStatus(sentBack).status, approvalStatus(sentBack).changesRequestedBy], ['changes-requested', ['MT']]);
    });

    it('refuse a decision by someone who is not an approver, on a draft that does not exist, or before the draft', () => {
      const parsed = parseRecordData(jointMessageKind, { ...message(), approvals: [decision('DE', 1, 'approved', '2030-01-11'), decision('EEAS', 3, 'approved', '2030-01-11'), decision('IT', 1, 'approved', '2030-01-09')] });
      assert.ok(!parsed.ok);
      assert.deepEqual(parsed.issues.map((i) => i.path), ['approvals.0.by', 'approvals.1.version', 'approvals.2.on']);
    });

    it('keep drafts and decisions as written: a change may only add to them', async () => {
      const created = await asActor(storage.db, comOfficer, (tx) => createRegistryRecord({ tx, actor: comOfficer, kind: jointMessageKind, data: message(), reason: 'first draft' }));
      const update = (version: number, changes: Partial<JointMessage>) => asActor(storage.db, comOfficer, (tx) =>
        updateRegistryRecord({ tx, actor: comOfficer, kind: jointMessageKind, idOrKey: created.key, expectedVersion: version, changes, reason: 'edit' }));
      const approved = await update(1, { approvals: [decision('EEAS', 1, 'approved', '2030-01-11')] });
      await assert.rejects(update(2, { drafts: [{ ...draft(1, '2030-01-10'), text: 'Rewritten in place.' }] }),
        (e) => isDomainError(e, 'INVALID_STATE') && /draft 1 is kept as written: add version 2 instead/.test(e.message));
      await assert.rejects(update(2, { approvals: [] }), (e) => isDomainError(e, 'INVALID_STATE') && /EEAS's decision on version 1 is kept/.test(e.message));
      const redrafted = await update(approved.version, { drafts: [draft(1, '2030-01-10'), draft(2, '2030-01-20')] });
      assert.equal(jointMessageKind.summaryOn!(redrafted.data, '2030-01-21').latestVersion, 2);
    });
  });

  describe('the outreach calendar', () => {
    it('lists the seeded events of a month with their commitments, linked to their partnerships', async () => {
      const month = async (value: string) => (await asActor(storage.db, reader, (tx) => listRegistryRecords({ tx, actor: reader, kind: outreachEventKind, filters: { month: value } }))).items as Array<{ key: string; data: OutreachEvent }>;
      assert.deepEqual((await month('2024-03')).map((e) => e.key), ['eu-eg-summit-2024-03-17']);
      assert.deepEqual((await month('2024-02')).map((e) => e.key), ['eu-mr-visit-2024-02-08']);
      const [tunisia] = await month('2023-07');
      assert.equal(tunisia?.data.partnership, 'eu-tn-mou');
      assert.ok(tunisia?.data.commitments.some((c) => c.by === 'eu' && c.amount !== null));
      assert.equal(outreachEventKind.stateOf!(tunisia!.data, '2023-07-15'), 'planned');
      assert.equal(outreachEventKind.stateOf!(tunisia!.data, '2023-07-16'), 'under-way');
      assert.equal(outreachEventKind.stateOf!(tunisia!.data, '2023-07-17'), 'held');
    });
  });
});
