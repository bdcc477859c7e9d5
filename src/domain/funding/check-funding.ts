/**
 * @module domain/funding/check-funding
 * Consistency checks across the funding, partnership, mechanism and facility registries, on a date.
 * Each finding names the check, its severity, the record it concerns and why:
 *
 * - `measure-objective-missing` — money from an instrument whose measures must pursue an objective
 *   (NDICI-Global Europe: development cooperation, Regulation (EU) 2021/947) tagged to a measure that
 *   records none of them;
 * - `proposal-instrument-used` — a commitment or disbursement from an instrument that is only a
 *   proposal (the 2028–2034 instruments fund nothing until adopted);
 * - `outside-instrument-period` — a line dated outside its instrument's period;
 * - `commitments-exceed-envelope` — an instrument's commitments add up to more than its envelope;
 * - `disbursed-exceeds-committed` — the disbursements naming a commitment add up to more than it;
 * - `disbursement-currency-differs`, `disbursed-before-committed`, `disbursement-without-commitment`;
 * - `implementation-without-funding` — a mechanism operating while its partnership is in
 *   implementation or monitoring, with no commitment recorded for it, its facilities or its
 *   partnership (pledges secure nothing);
 * - `funding-not-secured` — a partnership in implementation or monitoring whose gate checklist does
 *   not say funding is secured.
 *
 * The checks read every record of the five kinds (hundreds of rows) and decide in memory;
 * `fundingFindings` is the pure part.
 */
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizeRead } from '../registries/authorize-record.ts';
import type { RegistryKind } from '../registries/kind.ts';
import { recordFromRow } from '../registries/record.ts';
import { facilityKind, type Facility } from '../facilities/facility.ts';
import { mechanismKind, mechanismOperates, type Mechanism } from '../mechanisms/mechanism.ts';
import { phaseOn } from '../partnerships/lifecycle.ts';
import { partnershipKind, type Partnership } from '../partnerships/partnership.ts';
import { fundingKind, type FundingLine } from './funding-line.ts';
import { instrumentKind, type Instrument } from './instrument.ts';

export type FundingCheck =
  | 'measure-objective-missing' | 'proposal-instrument-used' | 'outside-instrument-period' | 'commitments-exceed-envelope'
  | 'disbursed-exceeds-committed' | 'disbursement-currency-differs' | 'disbursed-before-committed' | 'disbursement-without-commitment'
  | 'implementation-without-funding' | 'funding-not-secured';

export interface Finding {
  check: FundingCheck;
  severity: 'error' | 'warning';
  /** The record the finding is about. */
  subject: { kind: string; key: string };
  message: string;
  /** Other records involved, as `kind:key`. */
  related: string[];
  /** The rule or act the check rests on, when there is one. */
  basis: string | null;
}

export interface FundingRecords {
  instruments: Instrument[];
  lines: FundingLine[];
  partnerships: Partnership[];
  mechanisms: Mechanism[];
  facilities: Facility[];
}

const money = (amount: number, currency: string) => `${currency} ${amount.toLocaleString('en')}`;

function lineFindings(lines: FundingLine[], instruments: Map<string, Instrument>, on: string): Finding[] {
  const out: Finding[] = [];
  for (const line of lines.filter((l) => l.date <= on)) {
    const instrument = instruments.get(line.instrument);
    if (!instrument) continue;
    const subject = { kind: 'funding', key: line.code };
    const related = [`funding-instrument:${instrument.code}`];
    if (instrument.measuresMustPursue.length > 0 && !line.objectives.some((o) => instrument.measuresMustPursue.includes(o))) {
      out.push({
        check: 'measure-objective-missing', severity: 'warning', subject, related, basis: instrument.legalBasis,
        message: `${instrument.title} money (${line.code}) is tagged to "${line.measure}", which records no ${instrument.measuresMustPursue.join(' or ')} objective${line.objectives.length ? ` (only ${line.objectives.join(', ')})` : ''}`,
      });
    }
    if (instrument.status === 'proposal' && line.type !== 'pledge') {
      out.push({ check: 'proposal-instrument-used', severity: 'error', subject, related, basis: instrument.legalBasis, message: `${line.code} is a ${line.type} from ${instrument.title}, which is only a proposal: it funds nothing until adopted` });
    }
    if (line.date < instrument.from || (instrument.to !== null && line.date > instrument.to)) {
      out.push({ check: 'outside-instrument-period', severity: 'warning', subject, related, basis: instrument.legalBasis, message: `${line.code} is dated ${line.date}, outside ${instrument.title}'s period (${instrument.from} to ${instrument.to ?? 'open-ended'})` });
    }
  }
  return out;
}

function envelopeFindings(lines: FundingLine[], instruments: Instrument[], on: string): Finding[] {
  const out: Finding[] = [];
  for (const instrument of instruments) {
    if (!instrument.envelope) continue;
    const committed = lines.filter((l) => l.instrument === instrument.code && l.type === 'commitment' && l.date <= on && l.amount.currency === instrument.envelope!.currency)
      .reduce((sum, l) => sum + l.amount.amount, 0);
    if (committed > instrument.envelope.amount) {
      out.push({
        check: 'commitments-exceed-envelope', severity: 'error', subject: { kind: 'funding-instrument', key: instrument.code }, related: [], basis: instrument.legalBasis,
        message: `${money(committed, instrument.envelope.currency)} committed from ${instrument.title} by ${on}, more than its envelope of ${money(instrument.envelope.amount, instrument.envelope.currency)}`,
      });
    }
  }
  return out;
}

function disbursementFindings(lines: FundingLine[], on: string): Finding[] {
  const out: Finding[] = [];
  const known = lines.filter((l) => l.date <= on);
  const commitments = new Map(known.filter((l) => l.type === 'commitment').map((l) => [l.code, l]));
  const paid = new Map<string, number>();
  for (const d of known.filter((l) => l.type === 'disbursement')) {
    const subject = { kind: 'funding', key: d.code };
    if (d.commitment === null) {
      out.push({ check: 'disbursement-without-commitment', severity: 'warning', subject, related: [], basis: null, message: `${d.code} disburses ${money(d.amount.amount, d.amount.currency)} without naming the commitment it pays` });
      continue;
    }
    const c = commitments.get(d.commitment);
    if (!c) {
      out.push({ check: 'disbursed-before-committed', severity: 'error', subject, related: [`funding:${d.commitment}`], basis: null, message: `${d.code} was disbursed on ${d.date}, before its commitment ${d.commitment} was made` });
      continue;
    }
    if (d.date < c.date) out.push({ check: 'disbursed-before-committed', severity: 'error', subject, related: [`funding:${c.code}`], basis: null, message: `${d.code} was disbursed on ${d.date}, before its commitment ${c.code} (${c.date})` });
    if (d.amount.currency !== c.amount.currency) {
      out.push({ check: 'disbursement-currency-differs', severity: 'error', subject, related: [`funding:${c.code}`], basis: null, message: `${d.code} is in ${d.amount.currency}, its commitment ${c.code} in ${c.amount.currency}` });
      continue;
    }
    paid.set(c.code, (paid.get(c.code) ?? 0) + d.amount.amount);
  }
  for (const [code, total] of paid) {
    const c = commitments.get(code)!;
    if (total > c.amount.amount) {
      out.push({
        check: 'disbursed-exceeds-committed', severity: 'error', subject: { kind: 'funding', key: code }, related: [], basis: null,
        message: `${money(total, c.amount.currency)} disbursed against ${code} by ${on}, more than the ${money(c.amount.amount, c.amount.currency)} committed`,
      });
    }
  }
  return out;
}

const GATED = new Set(['implementation', 'monitoring']);

function implementationFindings(records: FundingRecords, on: string): Finding[] {
  const out: Finding[] = [];
  const partnerships = new Map(records.partnerships.map((p) => [p.code, p]));
  const known = records.lines.filter((l) => l.date <= on);
  const funds = (line: FundingLine, m: Mechanism) => line.recipients.mechanism === m.code || line.recipients.partnership === m.partnership
    || (line.recipients.facility !== null && records.facilities.some((f) => f.code === line.recipients.facility && f.mechanisms.includes(m.code)));
  for (const m of records.mechanisms) {
    const p = partnerships.get(m.partnership);
    const phase = p ? phaseOn(p.lifecycle, on)?.phase : undefined;
    if (!p || !phase || !GATED.has(phase) || !mechanismOperates(m, on)) continue;
    const lines = known.filter((l) => funds(l, m));
    if (lines.some((l) => l.type === 'commitment')) continue;
    const pledged = lines.filter((l) => l.type === 'pledge');
    out.push({
      check: 'implementation-without-funding', severity: 'error', subject: { kind: 'mechanism', key: m.code }, related: [`partnership:${p.code}`, ...pledged.map((l) => `funding:${l.code}`)], basis: null,
      message: `${m.title} operates while ${p.title} is in ${phase}, with no commitment recorded for it, its facilities or its partnership${pledged.length ? ` (only ${pledged.length} pledge${pledged.length > 1 ? 's' : ''}, which secure nothing)` : ''}`,
    });
  }
  for (const p of records.partnerships) {
    const phase = phaseOn(p.lifecycle, on)?.phase;
    if (!phase || !GATED.has(phase)) continue;
    const item = p.lifecycle.checklist.fundingSecured;
    if (!item.done || (item.on !== null && item.on > on)) {
      out.push({ check: 'funding-not-secured', severity: 'warning', subject: { kind: 'partnership', key: p.code }, related: [], basis: null, message: `${p.title} is in ${phase}, and its gate checklist does not say funding is secured` });
    }
  }
  return out;
}

/**
 * The findings on `on` (pure).
 * @example fundingFindings(records, '2026-11-21').filter((f) => f.severity === 'error')
 */
export function fundingFindings(records: FundingRecords, on: string): Finding[] {
  const instruments = new Map(records.instruments.map((i) => [i.code, i]));
  const order = { error: 0, warning: 1 };
  return [
    ...lineFindings(records.lines, instruments, on),
    ...envelopeFindings(records.lines, records.instruments, on),
    ...disbursementFindings(records.lines, on),
    ...implementationFindings(records, on),
  ].sort((a, b) => order[a.severity] - order[b.severity] || a.check.localeCompare(b.check) || a.subject.key.localeCompare(b.subject.key));
}

export interface CheckFundingOptions {
  tx: Tx;
  actor: Actor;
  /** The date of the check (default today). */
  on?: string;
}

async function readAll<T extends object>(tx: Tx, kind: RegistryKind<T>): Promise<T[]> {
  const rows = await tx.selectFrom('registry_records').selectAll().where('kind', '=', kind.name).orderBy('key').execute();
  return rows.map((row) => recordFromRow<T>(row).data);
}

/**
 * Runs the funding checks over the registries.
 * @example const findings = await checkFunding({ tx, actor, on: '2026-11-21' });
 */
export async function checkFunding({ tx, actor, on = new Date().toISOString().slice(0, 10) }: CheckFundingOptions): Promise<Finding[]> {
  for (const kind of [instrumentKind, fundingKind, partnershipKind, mechanismKind, facilityKind]) authorizeRead(actor, kind);
  const records: FundingRecords = {
    instruments: await readAll(tx, instrumentKind),
    lines: await readAll(tx, fundingKind),
    partnerships: await readAll(tx, partnershipKind),
    mechanisms: await readAll(tx, mechanismKind),
    facilities: await readAll(tx, facilityKind),
  };
  return fundingFindings(records, on);
}
