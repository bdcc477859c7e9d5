/** From statistics API rows to chart series: windows, top routes, zero cells, rates and suppressed cells. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  arrivalsByRoute, capacityOfFacility, complianceOfMemberState, coverageFacts, deathsByRoute, hasFigures, memberStatesOf, recognitionByNationality, returnRateByYear, visaMonitor,
} from './series.ts';
import type { ComplianceRow, FacilityUseRow, MonitorRow } from './types.ts';

describe('arrivalsByRoute', () => {
  it('keeps the last months with data and the busiest routes of that window, a month without a row being 0', () => {
    const rows = [
      { month: '2024-12', route: 'Western Balkan Route', detections: 9000 },
      { month: '2025-01', route: 'Central Mediterranean Route', detections: 300 },
      { month: '2025-02', route: 'Central Mediterranean Route', detections: 200 },
      { month: '2025-02', route: 'Eastern Mediterranean Route', detections: 400 },
      { month: '2025-02', route: 'Western African Route', detections: 50 },
    ];
    const data = arrivalsByRoute(rows, { months: 2, routes: 2 });
    assert.deepEqual(data.categories, ['2025-01', '2025-02']);
    assert.deepEqual(data.series.map((s) => [s.key, s.values]), [['Central Mediterranean Route', [300, 200]], ['Eastern Mediterranean Route', [0, 400]]]);
    assert.equal(data.kind, 'line');
  });
});

describe('deathsByRoute', () => {
  it('sums dead and missing per route and year over the last years', () => {
    const data = deathsByRoute([{ year: 2023, route: 'A', deadAndMissing: 5 }, { year: 2024, route: 'A', deadAndMissing: 7 }, { year: 2024, route: 'B', deadAndMissing: 20 }], { years: 2, routes: 5 });
    assert.deepEqual(data.categories, ['2023', '2024']);
    assert.deepEqual(data.series.map((s) => [s.key, s.values]), [['B', [0, 20]], ['A', [5, 7]]]);
  });
});

describe('recognitionByNationality', () => {
  it('takes the latest year with rates and the nationalities with most decisions (not the aggregates), with the 20 % line', () => {
    const row = (year: number, citizen: string, decisions: number, rate: number | null) => ({ year, citizen, geo: 'EU27_2020', publisher: 'Eurostat', positive: 0, decisions, rate });
    const data = recognitionByNationality([row(2023, 'SY', 100, 0.9), row(2024, 'SY', 50, 0.95), row(2024, 'BD', 80, 0.04), row(2024, 'AF', 10, 0.6), row(2025, 'SY', 10, null), row(2024, 'TOTAL', 900, 0.4), row(2024, 'EXT_EU27_2020', 900, 0.4)], 2);
    assert.equal(data.year, 2024);
    assert.deepEqual(data.categories, ['BD', 'SY']);
    assert.deepEqual(data.series[0]!.values, [0.04, 0.95]);
    assert.deepEqual(data.reference, { value: 0.2, key: 'threshold20' });
  });
});

describe('returnRateByYear', () => {
  it('uses the EU aggregate where published, else sums the reporting countries, all citizenships only', () => {
    const row = (year: number, geo: string, ordered: number, returned: number, citizen = 'TOTAL') => ({ year, geo, citizen, ordered, returned, rate: null });
    const data = returnRateByYear([row(2015, 'EU28', 500, 200), row(2015, 'DE', 100, 90), row(2016, 'DE', 100, 30), row(2016, 'FR', 300, 50), row(2016, 'IT', 10, 10, 'SY')]);
    assert.deepEqual(data.categories, ['2015', '2016']);
    assert.deepEqual(data.series[0]!.values, [0.4, 0.2]);
  });
});

describe('visaMonitor', () => {
  it('orders the visa-exempt countries by their change in asylum applications, leaving out those without one', () => {
    const row = (country: string, change: number | null): MonitorRow => ({
      country, name: country, asylumApplications: { year: 2024, value: null, previous: null, change, status: 'no-data' }, recognitionRate: { rate: null, status: 'no-data' }, grounds: [],
    });
    const data = visaMonitor([row('GE', 0.1), row('CO', 0.6), row('VE', null), row('AL', -0.2)]);
    assert.deepEqual(data.categories, ['CO', 'GE', 'AL']);
    assert.deepEqual(data.series[0]!.values, [0.6, 0.1, -0.2]);
  });
});

describe('case-data charts', () => {
  const compliance: ComplianceRow[] = [
    { memberState: 'IT', month: '2026-08', metOnTime: 12, metLate: null, missed: 0, openOverdue: 7, openNotDue: 40, onTimeRate: null, protection: { metLate: 'suppressed' } },
    { memberState: 'IT', month: '2026-07', metOnTime: 30, metLate: 6, missed: 5, openOverdue: 9, openNotDue: 0, onTimeRate: 0.6 },
    { memberState: 'GR', month: '2026-07', metOnTime: null, metLate: 0, missed: 0, openOverdue: 0, openNotDue: 0, onTimeRate: null, protection: { metOnTime: 'suppressed' } },
  ];

  it('charts one Member State\'s outcomes by month, a suppressed cell marked and null, never 0', () => {
    const data = complianceOfMemberState(compliance, 'IT');
    assert.deepEqual(data.categories, ['2026-07', '2026-08']);
    const late = data.series.find((s) => s.key === 'metLate')!;
    assert.deepEqual(late.values, [6, null]);
    assert.deepEqual(late.suppressed, [false, true]);
    assert.deepEqual(data.series.map((s) => s.key), ['metOnTime', 'metLate', 'missed', 'openOverdue', 'openNotDue']);
    assert.deepEqual(data.series.at(-1)!.values, [0, 40]);
    assert.deepEqual(memberStatesOf(compliance), ['GR', 'IT']);
    assert.ok(hasFigures(complianceOfMemberState(compliance, 'GR')), 'a chart of suppressed cells only still shows them');
    assert.equal(hasFigures(complianceOfMemberState(compliance, 'ES')), false);
  });

  it('charts a facility\'s places against its peak, with the peak\'s suppression', () => {
    const rows: FacilityUseRow[] = [
      { facility: 'x', name: 'X', memberState: 'IT', country: 'AL', month: '2026-09', capacity: 880, peakOccupied: null, personDays: null, peakUse: null, protection: { peakOccupied: 'suppressed', personDays: 'suppressed' } },
      { facility: 'y', name: 'Y', memberState: 'IT', country: 'IT', month: '2026-09', capacity: 10, peakOccupied: 9, personDays: 200, peakUse: 0.9 },
    ];
    const data = capacityOfFacility(rows, 'x');
    assert.deepEqual(data.series.map((s) => [s.key, s.values, s.suppressed]), [['capacity', [880], [false]], ['peakOccupied', [null], [true]]]);
  });

  it('reads the coverage: the span drawn, the span held, and where the data come from', () => {
    const data = complianceOfMemberState(compliance, 'IT');
    assert.deepEqual(coverageFacts({ months: { from: '2026-01', to: '2026-09' }, memberStates: ['GR', 'IT'] }, data), {
      shown: { from: '2026-07', to: '2026-08' }, available: { from: '2026-01', to: '2026-09' }, places: ['GR', 'IT'], note: null, imported: true,
    });
    assert.deepEqual(coverageFacts({ imported: false, note: 'no data imported' }, null), { shown: null, available: null, places: [], note: 'no data imported', imported: false });
    assert.deepEqual(coverageFacts({ bySource: [{ from: 2008, to: 2016 }, { from: 2000, to: 2025 }] }, null).available, { from: '2000', to: '2025' });
  });
});
