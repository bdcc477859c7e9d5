/**
 * @module domain/reports/report-registries
 * The sections of a partnership's report that come from the registries: the partnership on the
 * month's last day, its mechanisms, the capacity of their facilities over the window with the latest
 * occupancy, and the money pledged, committed and disbursed to any of them up to that day.
 */
import { capacityOn, occupancyOn, type Facility } from '../facilities/facility.ts';
import type { FundingLine } from '../funding/funding-line.ts';
import { mechanismKind, type Mechanism } from '../mechanisms/mechanism.ts';
import { lifecycleSummary } from '../partnerships/lifecycle.ts';
import type { Partnership } from '../partnerships/partnership.ts';
import type { RegistryRecord } from '../registries/record.ts';
import { nameOf } from '../statistics/codes.ts';
import type { ReportFacility, ReportFunding, ReportFundingTotals, ReportMechanism, ReportPartnership } from './monthly-report.ts';
import { lastDay } from './months.ts';

export function partnershipSection(record: RegistryRecord<Partnership>, on: string): ReportPartnership {
  const p = record.data;
  const summary = lifecycleSummary(p.lifecycle, on);
  const parties = [p.parties.eu ? 'European Union' : null, ...p.parties.memberStates.map(nameOf), nameOf(p.parties.partner), ...p.parties.otherStates.map(nameOf), ...p.parties.organisations]
    .filter((x): x is string => x !== null);
  return {
    id: record.id, code: p.code, title: p.title, kind: p.kind.replace(/-/g, ' '), partner: p.parties.partner, partnerName: nameOf(p.parties.partner),
    parties: parties.join(', '), legallyBinding: p.legallyBinding, phase: summary.phase, phaseSince: summary.since,
    suspended: p.dates.suspensions.some((s) => s.from <= on && (s.to === null || on <= s.to)),
    monitoringBody: p.monitoring.body, monitoringIndependent: p.monitoring.independent,
  };
}

export function mechanismsSection(records: RegistryRecord<Mechanism>[], window: string[]): { items: ReportMechanism[]; coverage: string[] } {
  const [from, on] = [`${window[0]!}-01`, lastDay(window.at(-1)!)];
  const items = records.map(({ data: m }) => ({
    code: m.code, title: m.title, kind: m.kind.replace(/-/g, ' '), state: mechanismKind.stateOf!(m, on), from: m.from, to: m.to,
    capacity: m.parameters.capacity, cap: m.parameters.cap?.total ?? null,
    quota: m.parameters.quotas.find((q) => q.year === Number(on.slice(0, 4)))?.quota ?? null,
    indicators: m.indicators.filter((x) => x.from <= on && x.to >= from)
      .map((x) => ({ name: x.name, unit: x.unit, value: x.value, from: x.from, to: x.to, source: x.source.title })),
  }));
  return { items, coverage: items.length ? [] : ['No mechanism of this partnership is recorded in the registry.'] };
}

export function capacitySection(records: RegistryRecord<Facility>[], window: string[]): { facilities: ReportFacility[]; total: Array<number | null>; coverage: string[] } {
  const on = lastDay(window.at(-1)!);
  const facilities = records.map(({ data: f }) => {
    const places = capacityOn(f, on).places;
    const occupancy = occupancyOn(f, on);
    return {
      code: f.code, name: f.name, place: f.location.place, country: f.location.country,
      capacity: window.map((m) => capacityOn(f, lastDay(m)).places),
      occupancy: occupancy ? { on: occupancy.on, persons: occupancy.persons, via: occupancy.via } : null,
      use: occupancy && places ? occupancy.persons / places : null,
    };
  });
  const total = window.map((_, i) => {
    const known = facilities.map((f) => f.capacity[i]).filter((v): v is number => v !== null && v !== undefined);
    return known.length ? known.reduce((s, v) => s + v, 0) : null;
  });
  const coverage: string[] = [];
  if (facilities.length === 0) coverage.push('No facility of this partnership\'s mechanisms is recorded in the registry.');
  else {
    coverage.push('Capacity is the registry\'s dated capacity on the last day of each month (the sum of the facility\'s sections).');
    if (facilities.every((f) => f.occupancy === null)) coverage.push(`No occupancy is recorded on or before ${on}: capacity use cannot be computed.`);
    else coverage.push('Occupancy is the latest figure recorded on or before the month\'s last day (reported, or from case processing).');
  }
  return { facilities, total, coverage };
}

/** Funding lines to the partnership, its mechanisms or their facilities, up to the month's last day. */
export function fundingSection(records: RegistryRecord<FundingLine>[], month: string): ReportFunding {
  const on = lastDay(month);
  const lines = records.map(({ data: f }) => ({
    code: f.code, type: f.type, instrument: f.instrument, measure: f.measure,
    recipient: f.recipients.facility ?? f.recipients.mechanism ?? f.recipients.partnership ?? '',
    amount: f.amount.amount, currency: f.amount.currency, date: f.date, verified: f.verified,
  })).filter((l) => l.date <= on).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.code < b.code ? -1 : 1));
  const totals = new Map<string, ReportFundingTotals>();
  for (const l of lines) {
    const t = totals.get(l.currency) ?? { currency: l.currency, pledged: 0, committed: 0, disbursed: 0, committedInMonth: 0, disbursedInMonth: 0 };
    const inMonth = l.date.startsWith(month);
    if (l.type === 'pledge') t.pledged += l.amount;
    if (l.type === 'commitment') { t.committed += l.amount; if (inMonth) t.committedInMonth += l.amount; }
    if (l.type === 'disbursement') { t.disbursed += l.amount; if (inMonth) t.disbursedInMonth += l.amount; }
    totals.set(l.currency, t);
  }
  const coverage: string[] = [];
  if (lines.length === 0) coverage.push(`No pledge, commitment or disbursement to this partnership, its mechanisms or facilities is recorded up to ${on}.`);
  else {
    if (!lines.some((l) => l.type === 'disbursement')) coverage.push(`No disbursement is recorded up to ${on}.`);
    if (lines.some((l) => l.type === 'pledge')) coverage.push('Pledges are announcements: they secure nothing until committed.');
    if (lines.some((l) => !l.verified)) coverage.push('Lines marked unverified have not been checked against their source.');
  }
  return { totals: [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)), lines, coverage };
}
