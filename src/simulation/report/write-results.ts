/**
 * @module simulation/report/write-results
 * Writes a study's results folder: `figures.csv` (every figure per place and year with bands),
 * `monthly.csv` (the charted EU series), `time-in-procedure.csv`, `capacity.csv`, `costs.csv`,
 * `safeguards.csv`, `summary.json` (everything, with the scenario and calibration) and `report.html`.
 * Text cells go through the one formula-injection guard (`lib/csv-safe.ts`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { guardFormula } from '../../lib/csv-safe.ts';
import type { Band, FigureRow } from '../summarise.ts';
import { renderReport, type ReportInput } from './html.ts';

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : '');
const cells = (b: Band) => [round(b.median), round(b.p05), round(b.p95)];
const text = (s: string) => guardFormula(s);
const bandHead = (prefix: string) => [`${prefix}_median`, `${prefix}_p05`, `${prefix}_p95`];

function figuresCsv(rows: readonly FigureRow[]): string {
  return stringify([['metric', 'where', 'period', ...bandHead('baseline'), ...bandHead('scenario'), ...bandHead('difference')],
    ...rows.map((r) => [text(r.metric), text(r.where), r.period, ...cells(r.baseline), ...cells(r.scenario), ...cells(r.difference)])]);
}

/**
 * Writes the folder and returns the files written.
 * @example writeResults('results/return-hub-3000', { scenario, summary, inputs, generatedAt, seconds, threads });
 */
export function writeResults(dir: string, input: ReportInput): string[] {
  mkdirSync(dir, { recursive: true });
  const { summary } = input;
  const files: Record<string, string> = {
    'figures.csv': figuresCsv(summary.figures),
    'monthly.csv': stringify([['metric', 'where', 'month', ...bandHead('baseline'), ...bandHead('scenario')],
      ...summary.series.flatMap((s) => summary.months.map((m, i) => [text(s.metric), text(s.where), m, ...cells(s.baseline[i]!), ...cells(s.scenario[i]!)]))]),
    'time-in-procedure.csv': stringify([['member_state', 'procedure', ...bandHead('baseline_median_days'), ...bandHead('baseline_p90_days'), ...bandHead('scenario_median_days'), ...bandHead('scenario_p90_days'), 'decisions'],
      ...summary.timeInProcedure.map((t) => [t.memberState, t.procedure, ...cells(t.baselineMedianDays), ...cells(t.baselineP90Days), ...cells(t.scenarioMedianDays), ...cells(t.scenarioP90Days), round(t.decisions)])]),
    'capacity.csv': figuresCsv(summary.figures.filter((f) => /capacity|places|occupancy|^decisions$|return-attempts|^transfers-stc$/.test(f.metric))),
    'costs.csv': figuresCsv(summary.figures.filter((f) => f.metric === 'cost' || f.metric === 'cost-item')),
    'safeguards.csv': figuresCsv(summary.figures.filter((f) => f.metric.startsWith('safeguard:'))),
    'summary.json': `${JSON.stringify({ scenario: input.scenario, calibration: input.inputs.calibration, provenance: input.inputs.provenance, parameters: input.inputs.parameters, seconds: input.seconds, threads: input.threads, generatedAt: input.generatedAt, summary }, null, 1)}\n`,
    'report.html': renderReport(input),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return Object.keys(files).map((name) => join(dir, name));
}
