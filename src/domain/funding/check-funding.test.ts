/**
 * The funding consistency checks: each check fires on the case it names and stays quiet otherwise —
 * NDICI-Global Europe money on a measure with no development objective, money from a proposal,
 * disbursements above, before or beside their commitment, an instrument over its envelope, a mechanism
 * in implementation with no funding committed — and, on the engine the environment selects, on the
 * seeded registries and through a write that creates a finding.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE, openTestStorage, type TestStorage } from '../../../test/support/storage.ts';
import type { Actor } from '../access/roles.ts';
import { isDomainError } from '../errors.ts';
import { mechanismKind, type Mechanism } from '../mechanisms/mechanism.ts';
import { emptyChecklist } from '../partnerships/lifecycle.ts';
import { partnershipKind, type Partnership } from '../partnerships/partnership.ts';
import { createRegistryRecord } from '../registries/create-record.ts';
import { parseRecordData, type RegistryKind } from '../registries/kind.ts';
import { asActor } from '../../storage/transaction.ts';
import { checkFunding, fundingFindings, type FundingRecords } from './check-funding.ts';
import { fundingKind, type FundingLine } from './funding-line.ts';
import { instrumentKind, type Instrument } from './instrument.ts';

const comOfficer: Actor = { id: 'com-partnership-officer', displayName: 'COM officer', tenantId: 'COM', unitId: null, roles: ['partnership-officer'] };
const reader: Actor = { id: 'it-policy-analyst', displayName: 'IT analyst', tenantId: 'IT', unitId: null, roles: ['policy-analyst'] };
const SOURCE = { title: 'Test source document', url: 'https://example.org/test', date: null };

let storage: TestStorage;
before(async () => { storage = await openTestStorage(); });
after(() => storage.close());

function parse<T extends object>(kind: RegistryKind<T>, data: object): T {
  const parsed = parseRecordData(kind, data);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.data;
}

const ndici = (): Instrument => parse(instrumentKind, {
  code: 'ndici', title: 'NDICI-Global Europe', level: 'eu', status: 'in-force', legalBasis: 'Regulation (EU) 2021/947', from: '2021-01-01', to: '2027-12-31',
  envelope: { amount: 1_000, currency: 'EUR' }, objectives: ['development', 'migration-governance'], measuresMustPursue: ['development'], sources: [SOURCE], verified: true,
});
const proposal = (): Instrument => parse(instrumentKind, {
  code: 'future', title: 'Proposed instrument', level: 'eu', status: 'proposal', from: '2028-01-01', to: '2034-12-31', objectives: ['development'], sources: [SOURCE], verified: true,
});
const line = (overrides: Partial<FundingLine>): FundingLine => parse(fundingKind, {
  code: 'line', instrument: 'ndici', type: 'commitment', measure: 'Test measure', objectives: ['development'], recipients: { partnership: 'tp' },
  amount: { amount: 100, currency: 'EUR' }, date: '2024-01-01', sources: [SOURCE], owner: 'COM', verified: true, ...overrides,
});
const partnership = (phase: 'design' | 'implementation', fundingSecured = false): Partnership => parse(partnershipKind, {
  code: 'tp', title: 'Test partnership', kind: 'arrangement', legallyBinding: true, parties: { eu: true, partner: 'UY' }, documents: [SOURCE], owner: 'COM', verified: true,
  lifecycle: { phases: [{ phase, from: '2024-01-01' }], checklist: { ...emptyChecklist(), ...(fundingSecured ? { fundingSecured: { done: true, on: '2023-12-01', evidence: [], note: null } } : {}) } },
});
const mechanism = (): Mechanism => parse(mechanismKind, {
  code: 'tm', title: 'Test mechanism', kind: 'legal-pathway', partnership: 'tp', partner: 'UY', from: '2024-02-01', sources: [SOURCE], owner: 'COM', verified: true,
});

function records(overrides: Partial<FundingRecords>): FundingRecords {
  return { instruments: [ndici(), proposal()], lines: [], partnerships: [], mechanisms: [], facilities: [], ...overrides };
}

const checks = (r: FundingRecords, on = '2024-12-31') => fundingFindings(r, on).map((f) => `${f.check} ${f.subject.key}`);

describe('funding checks', () => {
  it('flag NDICI-Global Europe money tagged to a measure with no development objective', () => {
    const findings = fundingFindings(records({ lines: [line({ code: 'la', objectives: ['border-management'] }), line({ code: 'lb', objectives: ['development', 'border-management'] })] }), '2024-12-31');
    assert.deepEqual(findings.map((f) => `${f.check} ${f.subject.key}`), ['measure-objective-missing la']);
    assert.match(findings[0]!.message, /NDICI-Global Europe money \(la\) is tagged to "Test measure", which records no development objective \(only border-management\)/);
    assert.equal(findings[0]!.basis, 'Regulation (EU) 2021/947');
  });

  it('flag money committed from a proposal, but not a pledge of it', () => {
    const lines = [line({ code: 'lc', instrument: 'future', date: '2028-02-01' }), line({ code: 'ld', instrument: 'future', type: 'pledge', date: '2028-02-01' })];
    assert.deepEqual(checks(records({ lines }), '2028-12-31'), ['proposal-instrument-used lc']);
  });

  it('flag disbursements above their commitment, before it, in another currency, or naming none', () => {
    const commitment = line({ code: 'com', amount: { amount: 100, currency: 'EUR' }, date: '2024-03-01' });
    const pay = (code: string, amount: number, date: string, currency = 'EUR', commitmentCode: string | null = 'com') =>
      line({ code, type: 'disbursement', commitment: commitmentCode, amount: { amount, currency }, date });
    assert.deepEqual(checks(records({ lines: [commitment, pay('d1', 60, '2024-04-01'), pay('d2', 40, '2024-05-01')] })), [], 'exactly the commitment');
    assert.deepEqual(checks(records({ lines: [commitment, pay('d1', 60, '2024-04-01'), pay('d2', 41, '2024-05-01')] })), ['disbursed-exceeds-committed com']);
    assert.deepEqual(checks(records({ lines: [commitment, pay('d1', 60, '2024-04-01')] }), '2024-04-30'), [], 'the second disbursement is not made yet');
    assert.deepEqual(checks(records({ lines: [commitment, pay('early', 10, '2024-02-01')] })), ['disbursed-before-committed early']);
    assert.deepEqual(checks(records({ lines: [commitment, pay('usd', 10, '2024-04-01', 'USD')] })), ['disbursement-currency-differs usd']);
    assert.deepEqual(checks(records({ lines: [pay('orphan', 10, '2024-04-01', 'EUR', null)] })), ['disbursement-without-commitment orphan']);
  });

  it('flag commitments above the instrument\'s envelope, and lines outside its period', () => {
    assert.deepEqual(checks(records({ lines: [line({ code: 'lx', amount: { amount: 600, currency: 'EUR' } }), line({ code: 'ly', amount: { amount: 401, currency: 'EUR' } })] })), ['commitments-exceed-envelope ndici']);
    assert.deepEqual(checks(records({ lines: [line({ code: 'late', date: '2028-01-01' })] }), '2028-12-31'), ['outside-instrument-period late']);
  });

  it('flag a mechanism operating while its partnership is in implementation with no commitment — pledges secure nothing', () => {
    const base = { partnerships: [partnership('implementation', true)], mechanisms: [mechanism()] };
    const findings = fundingFindings(records({ ...base, lines: [line({ code: 'pledge', type: 'pledge' })] }), '2024-12-31');
    assert.deepEqual(findings.map((f) => `${f.check} ${f.subject.key}`), ['implementation-without-funding tm']);
    assert.match(findings[0]!.message, /with no commitment recorded for it, its facilities or its partnership \(only 1 pledge, which secure nothing\)/);
    assert.deepEqual(checks(records({ ...base, lines: [line({ code: 'committed' })] })), [], 'a commitment to its partnership funds it');
    assert.deepEqual(checks(records({ ...base, lines: [line({ code: 'committed', recipients: { partnership: null, mechanism: 'tm', facility: null } })] })), []);
    assert.deepEqual(checks(records({ ...base, lines: [] }), '2024-01-31'), [], 'not operating yet');
    assert.deepEqual(checks(records({ partnerships: [partnership('design', true)], mechanisms: [mechanism()] })), [], 'still in design');
  });

  it('warn when a partnership in implementation does not say its funding is secured', () => {
    assert.deepEqual(checks(records({ partnerships: [partnership('implementation', false)] })), ['funding-not-secured tp']);
    assert.deepEqual(checks(records({ partnerships: [partnership('implementation', true)] })), []);
  });

  it(`run over the seeded registries on ${ENGINE}: the EU–Turkey and Italy–Albania mechanisms are funded, the announced packages are not commitments`, async () => {
    const findings = await asActor(storage.db, reader, (tx) => checkFunding({ tx, actor: reader, on: '2026-11-21' }));
    const of = (check: string) => findings.filter((f) => f.check === check).map((f) => f.subject.key).sort();
    assert.deepEqual(of('implementation-without-funding'), ['eu-mr-smuggling', 'eu-tn-border-smuggling', 'ne-etm', 'rw-etm']);
    assert.deepEqual(of('funding-not-secured'), ['eu-eg-partnership', 'eu-mr-migration-partnership', 'eu-tn-mou', 'ne-unhcr-etm', 'rw-unhcr-au-etm']);
    for (const check of ['measure-objective-missing', 'proposal-instrument-used', 'commitments-exceed-envelope', 'disbursed-exceeds-committed']) assert.deepEqual(of(check), [], check);
  });

  it(`find NDICI money without a development objective once such a line is written, on ${ENGINE}`, async () => {
    await asActor(storage.db, comOfficer, (tx) => createRegistryRecord({
      tx, actor: comOfficer, kind: fundingKind, reason: 'test',
      data: { code: 'test-ndici-boats', instrument: 'ndici-global-europe', type: 'commitment', measure: 'Coastguard boats', objectives: ['border-management'], recipients: { mechanism: 'eu-tn-border-smuggling' }, amount: { amount: 1_000_000, currency: 'EUR' }, date: '2026-01-15', sources: [SOURCE], owner: 'COM', verified: false },
    }));
    const findings = await asActor(storage.db, reader, (tx) => checkFunding({ tx, actor: reader, on: '2026-11-21' }));
    assert.ok(findings.some((f) => f.check === 'measure-objective-missing' && f.subject.key === 'test-ndici-boats'));
    assert.ok(!findings.some((f) => f.check === 'implementation-without-funding' && f.subject.key === 'eu-tn-border-smuggling'), 'now committed');
    await assert.rejects(asActor(storage.db, comOfficer, (tx) => createRegistryRecord({
      tx, actor: comOfficer, kind: fundingKind, reason: 'test',
      data: { code: 'test-wrong-owner', instrument: 'it-state-budget', type: 'commitment', measure: 'x x x', recipients: { mechanism: 'it-al-protocol' }, amount: { amount: 1, currency: 'EUR' }, date: '2026-01-15', sources: [SOURCE], owner: 'COM', verified: false },
    })), (e) => isDomainError(e, 'VALIDATION_FAILED') && /it-state-budget is IT's budget: so is this line/.test(e.message));
  });
});
