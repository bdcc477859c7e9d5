/** The CSV a chart downloads: its figures, suppressed cells in words, sources, and no formula a spreadsheet would run. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { chartCsv, csvField, fileName, guardText } from './export.ts';
import type { ChartData } from './series.ts';

const data: ChartData = {
  kind: 'bar', unit: 'count', categories: ['2026-07', '2026-08'], categoryType: 'month',
  series: [
    { key: 'metOnTime', values: [30, 12], suppressed: [false, false] },
    { key: 'metLate', values: [6, null], suppressed: [false, true] },
    { key: 'missed', values: [null, 0], suppressed: [false, false] },
  ],
};

describe('chartCsv', () => {
  it('writes a row per category and a column per series, suppressed cells as words and missing ones empty, then the sources', () => {
    const csv = chartCsv(data, { categoryLabel: 'Month', seriesLabel: (k) => ({ metOnTime: 'Met on time', metLate: 'Met late', missed: 'Missed' })[k]!, suppressed: 'suppressed', sources: ['Source: Waypoint case data — deadline-compliance, 2026-11-21'] });
    assert.equal(csv, [
      'Month,Met on time,Met late,Missed,source',
      '2026-07,30,6,,Source: Waypoint case data — deadline-compliance, 2026-11-21'.replace(/Source.*$/, '"Source: Waypoint case data — deadline-compliance, 2026-11-21"'),
      '2026-08,12,suppressed,0,"Source: Waypoint case data — deadline-compliance, 2026-11-21"',
      '',
    ].join('\r\n'));
  });

  it('guards route names and labels a spreadsheet would run as formulas, and quotes what needs quoting', () => {
    const hostile: ChartData = { ...data, categories: ['=HYPERLINK("x")', '+1'], series: [{ key: '-route, "a"', values: [-3, 4], suppressed: [false, false] }] };
    const csv = chartCsv(hostile, { categoryLabel: '@who', seriesLabel: (k) => k, suppressed: 's', sources: [] });
    assert.equal(csv, `'@who,"'-route, ""a""",source\r\n"'=HYPERLINK(""x"")",-3,\r\n'+1,4,\r\n`);
  });

  it('never leaves a text cell starting with a formula character, and quotes exactly the fields RFC 4180 needs', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const field = csvField(text);
      const inner = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
      assert.ok(!/^[=+\-@\t\r]/.test(inner), JSON.stringify(field));
      assert.equal(inner, guardText(text));
      assert.equal(field.startsWith('"'), /[",\r\n]/.test(guardText(text)));
    }), { numRuns: 500 });
  });

  it('names downloads after the chart', () => {
    assert.equal(fileName('compliance', 'csv'), 'waypoint-compliance.csv');
    assert.equal(fileName('Arrivals by route', 'svg'), 'waypoint-arrivals-by-route.svg');
  });
});
