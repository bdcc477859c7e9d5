/**
 * @module simulation/report/html
 * The study's report as one self-contained HTML page: what was run and on what it rests (the
 * scenario's changes with their sources, assumed readings of the law, calibration, provenance), the
 * key figures with 90 % bands for baseline, scenario and difference, monthly charts, the differences
 * per Member State, time in procedure, capacity use, costs per funding line and the people each
 * safeguard kept from a transfer or removal — the rights side measured alongside the effect.
 */
import type { ModelInputs } from '../model/inputs.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Band, FigureRow, StudySummary } from '../summarise.ts';
import { barChart, compact, escapeHtml, lineChart } from './svg.ts';

export interface ReportInput {
  scenario: Scenario;
  summary: StudySummary;
  inputs: Pick<ModelInputs, 'memberStates' | 'calibration' | 'provenance' | 'parameters' | 'start' | 'months'>;
  generatedAt: string;
  seconds: number;
  threads: number;
}

/** Figures shown in the key table, with their labels. */
const KEY_FIGURES: Array<[string, string]> = [
  ['applications', 'Applications lodged'], ['decisions', 'First-instance decisions'], ['recognitions', 'Recognised at first instance'],
  ['backlog', 'Pending at first instance (end)'], ['appeals-pending', 'Pending on appeal (end)'], ['lodged-border', 'Border procedure'],
  ['border-time-limit-passed', 'Border time limit passed'], ['lodged-admissibility', 'Admissibility procedure'], ['transfers-stc-from', 'Transferred to a safe third country'],
  ['stc-not-admitted', 'Not admitted: examined on the merits'], ['returns', 'Returns (all)'], ['returns-voluntary', '… voluntary'], ['returns-enforced', '… enforced'],
  ['returns-via-hub', '… onward from a return hub'], ['returns-one-to-one', '… under a 1:1 mechanism'], ['return-hub-transfers-from', 'Transferred to a return hub'],
  ['return-pending', 'Awaiting return (end)'], ['absconded', 'Absconded'], ['non-removable', 'Removal barred by a real risk'],
  ['removed-before-winning-appeal', 'Moved out before winning a pending appeal'], ['deaths', 'Dead or missing on the routes'],
];

const fmt = (b: Band | undefined) => (b ? `${compact(b.median)} <span class="band">(${compact(b.p05)} – ${compact(b.p95)})</span>` : '–');

function find(summary: StudySummary, metric: string, where: string, period: string): FigureRow | undefined {
  return summary.figures.find((f) => f.metric === metric && f.where === where && f.period === period);
}

/** EU rows sum the routes for route metrics. */
function euRow(summary: StudySummary, metric: string, period: string): FigureRow | undefined {
  return find(summary, metric, 'EU', period) ?? (metric === 'deaths' ? sumRows(summary.figures.filter((f) => f.metric === metric && f.period === period)) : undefined);
}

function sumRows(rows: FigureRow[]): FigureRow | undefined {
  if (rows.length === 0) return undefined;
  const add = (k: 'baseline' | 'scenario' | 'difference') => ({ median: rows.reduce((a, r) => a + r[k].median, 0), p05: Number.NaN, p95: Number.NaN });
  return { metric: rows[0]!.metric, where: 'EU', period: rows[0]!.period, baseline: add('baseline'), scenario: add('scenario'), difference: add('difference') };
}

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/**
 * The report page.
 * @example writeFileSync('report.html', renderReport({ scenario, summary, inputs, generatedAt, seconds, threads }));
 */
export function renderReport({ scenario, summary, inputs, generatedAt, seconds, threads }: ReportInput): string {
  const periods = [...new Set(summary.figures.map((f) => f.period))];
  const keyRows = KEY_FIGURES.flatMap(([metric, label]) => {
    const cells = periods.flatMap((p) => { const r = euRow(summary, metric, p); return r ? [fmt(r.baseline), fmt(r.scenario), fmt(r.difference)] : ['–', '–', '–']; });
    return cells.every((c) => c === '–') ? [] : [[escapeHtml(label), ...cells]];
  });
  const charts = summary.series.map((s) => lineChart(`${s.metric} (EU, monthly; line: median, shade: 90 % band)`, summary.months, [
    { label: 'baseline', colour: '#666', bands: s.baseline }, { label: scenario.id, colour: '#c0392b', bands: s.scenario },
  ]));
  const perState = (metric: string, title: string) => {
    const rows = inputs.memberStates.map((ms) => find(summary, metric, ms, 'all')).filter((r): r is FigureRow => r !== undefined && (r.difference.median !== 0 || r.difference.p05 !== 0 || r.difference.p95 !== 0));
    return rows.length ? barChart(title, rows.map((r) => r.where), rows.map((r) => r.difference)) : '';
  };
  const capacityPairs: Array<[string, string, string]> = [
    ['border-places', 'border-occupancy', 'Border-procedure places (peak occupancy)'], ['decision-capacity', 'decisions', 'First-instance decisions'],
    ['returns-capacity', 'return-attempts', 'Return attempts'], ['return-hub-places', 'return-hub-occupancy', 'Return-hub places (peak occupancy)'],
    ['stc-admissions-capacity', 'transfers-stc', 'Safe-third-country admissions'],
  ];
  const capacityRows = capacityPairs.flatMap(([cap, used, label]) => summary.figures.filter((f) => f.metric === cap && f.period !== 'all' && f.where !== 'EU').flatMap((c) => {
    const u = find(summary, used, c.where, c.period);
    if (!c.scenario.median && !c.baseline.median) return [];
    const share = (used: number, capacity: number) => (capacity > 0 ? `${Math.round((100 * used) / capacity)} %` : '–');
    return [[escapeHtml(label), c.where, c.period, compact(c.baseline.median), compact(u?.baseline.median ?? 0), share(u?.baseline.median ?? 0, c.baseline.median),
      compact(c.scenario.median), compact(u?.scenario.median ?? 0), share(u?.scenario.median ?? 0, c.scenario.median)]];
  }));
  const costRows = summary.figures.filter((f) => (f.metric === 'cost' || f.metric === 'cost-item') && f.period === 'all')
    .map((f) => [f.metric === 'cost' ? `funding line: ${escapeHtml(f.where)}` : `item: ${escapeHtml(f.where)}`, fmt(f.baseline), fmt(f.scenario), fmt(f.difference)]);
  const safeguardRows = summary.figures.filter((f) => f.metric.startsWith('safeguard:') && f.period === 'all').map((f) => {
    const [, transfer, reason] = f.metric.split(':') as [string, string, string];
    return [escapeHtml(transfer), escapeHtml(reason), escapeHtml(f.where), fmt(f.baseline), fmt(f.scenario), fmt(f.difference)];
  });
  const timeRows = summary.timeInProcedure.filter((t) => t.memberState === 'EU' || t.decisions >= 500).map((t) => [t.memberState, t.procedure,
    fmt(t.baselineMedianDays), fmt(t.baselineP90Days), fmt(t.scenarioMedianDays), fmt(t.scenarioP90Days), compact(t.decisions)]);
  const changes = scenario.changes.map((c) => {
    const { kind, from, source, note, ...rest } = c;
    const src = 'url' in source ? `<a href="${escapeHtml(source.url)}">${escapeHtml(source.title)}</a>` : `<em>assumption:</em> ${escapeHtml(source.assumption)}`;
    return [escapeHtml(kind), from, `<code>${escapeHtml(JSON.stringify(rest))}</code>`, src + (note ? `<br><small>${escapeHtml(note)}</small>` : '')];
  });
  const assumptions = scenario.changes.filter((c) => c.kind === 'law-assumption');
  const periodHead = periods.flatMap((p) => [`${p} baseline`, `${p} scenario`, `${p} difference`]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(scenario.title)} — Waypoint simulation</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0;font-size:12.5px}td,th{border:1px solid #ddd;padding:3px 6px;text-align:right;vertical-align:top}
td:first-child,th:first-child{text-align:left}.band{color:#888;font-size:11px}code{font-size:11px}
.chart{width:100%;max-width:640px;display:block;margin:.5rem 0}.chart .title{font-weight:600;font-size:12px}.chart .axis{font-size:10px;fill:#666}
.chart .grid{stroke:#eee}.chart .zero{stroke:#999}.chart .bar{fill:#c0392b;fill-opacity:.7}.chart .whisker{stroke:#333}.chart .legend{font-size:11px}
.warn{background:#fff4e5;border-left:4px solid #e67e22;padding:.5rem 1rem}
</style></head><body>
<h1>${escapeHtml(scenario.title)}</h1>
<p>${escapeHtml(scenario.description ?? '')}</p>
<p>Horizon ${inputs.start} + ${inputs.months} months · ${summary.runs} Monte Carlo runs (seed ${summary.seed}, ${threads} thread${threads > 1 ? 's' : ''}, ${seconds.toFixed(1)} s) · scale ${summary.scale} (figures are persons at full scale) · generated ${escapeHtml(generatedAt)}.
Every figure is the median over runs with its 90 % band (5th–95th percentile); differences are scenario − baseline within the same run (same random streams).</p>
${assumptions.length ? `<p class="warn">This scenario assumes readings of the law beyond the law package as encoded: ${assumptions.map((a) => `<strong>${escapeHtml(a.assumption)}</strong> from ${a.from}`).join('; ')}. Figures depending on them are not what the law in force allows.</p>` : ''}
<p>Books balanced in every run (conservation of persons): <strong>${summary.conservation ? 'yes' : 'NO'}</strong>. Law engine: ${compact(summary.law.asked)} assessments made, ${compact(summary.law.cached)} answered from identical facts.</p>
<h2>Changes (overlay on the baseline)</h2>
${changes.length ? table(['kind', 'from', 'change', 'source'], changes) : '<p>None: this is the baseline.</p>'}
<h2>Key figures (EU)</h2>
${table(['', ...periodHead], keyRows)}
<h2>Over time</h2>
${charts.join('\n')}
<h2>Differences per Member State (whole horizon)</h2>
${perState('returns', 'Returns, scenario − baseline')}${perState('backlog', 'Pending at first instance at the end, scenario − baseline')}${perState('absconded', 'Absconded, scenario − baseline')}${perState('transfers-stc-from', 'Transfers to safe third countries, scenario − baseline')}
<h2>People kept from a transfer or removal by a safeguard</h2>
<p>Counted when the law engine refused the movement for the person but would have allowed it for the same person without the safeguard (no real-risk finding; an adult outside a family; not vulnerable) — each safeguard that alone makes the difference, or "combined".</p>
${safeguardRows.length ? table(['movement', 'safeguard', 'where', 'baseline', 'scenario', 'difference'], safeguardRows) : '<p>None in either run.</p>'}
<h2>Time in procedure (days from lodging to the first-instance decision)</h2>
${table(['where', 'procedure', 'baseline median', 'baseline 90th pct', 'scenario median', 'scenario 90th pct', 'decisions'], timeRows)}
<h2>Capacity use (medians)</h2>
${table(['resource', 'where', 'year', 'baseline capacity', 'baseline used', 'use', 'scenario capacity', 'scenario used', 'use'], capacityRows)}
<h2>Costs per funding line (EUR, whole horizon)</h2>
${table(['', 'baseline', 'scenario', 'difference'], costRows)}
<p><small>Unit costs are order-of-magnitude assumptions except where a source is given (simulation/model/parameters.ts).</small></p>
<h2>What the figures rest on</h2>
<p>Calibration: applyShare ${inputs.calibration.applyShare}, firstStateShare ${inputs.calibration.firstStateShare}, levelYears ${inputs.calibration.levelYears}; ${escapeHtml(inputs.calibration.objective.measure)} = ${inputs.calibration.objective.value}.</p>
<ul>${inputs.provenance.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>
${table(['parameter', 'value'], Object.entries(inputs.parameters).map(([k, v]) => [k, String(Math.round(v * 10_000) / 10_000)]))}
</body></html>
`;
}
