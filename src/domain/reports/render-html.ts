/**
 * @module domain/reports/render-html
 * A partnership's monthly report as one self-contained HTML page: headings and landmarks, tables with
 * captions and header scopes, charts as inline SVG (`role="img"` with a title and a description that
 * says what the chart shows in words) each followed by the table of its figures, coverage notes next
 * to every section, and the sources at the end. No script, no external resource.
 */
import { layoutChart, type ChartSpec, type Drawing } from './chart.ts';
import type { Coverage, PartnershipMonthlyReport } from './monthly-report.ts';
import { protectedCount } from './report-case-data.ts';
import { count, money, percent, reportCharts } from './report-charts.ts';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1,h2{color:#003399}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ccc}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto}
figure{margin:1rem 0}svg{max-width:100%;height:auto}.coverage{font-size:.9rem;color:#444}.key{font-size:1.1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}`;

/** Text safe inside HTML elements and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const num = (v: number) => String(Math.round(v * 10) / 10);

/** A laid-out chart as inline SVG, titled and described for screen readers. */
export function svgOf(drawing: Drawing, id: string, spec: ChartSpec): string {
  const shapes = drawing.shapes.map((s) => {
    switch (s.type) {
      case 'rect': return `<rect x="${num(s.x)}" y="${num(s.y)}" width="${num(s.w)}" height="${num(s.h)}" fill="${s.fill}"/>`;
      case 'line': return `<line x1="${num(s.x1)}" y1="${num(s.y1)}" x2="${num(s.x2)}" y2="${num(s.y2)}" stroke="${s.stroke}" stroke-width="${s.width}"/>`;
      case 'polyline': return `<polyline points="${s.points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ')}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"/>`;
      case 'circle': return `<circle cx="${num(s.cx)}" cy="${num(s.cy)}" r="${s.r}" fill="${s.fill}"/>`;
      case 'text': return `<text x="${num(s.x)}" y="${num(s.y)}" text-anchor="${s.anchor}" font-size="${s.size}" fill="${s.fill}">${escapeHtml(s.text)}</text>`;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${drawing.width} ${drawing.height}" width="${drawing.width}" height="${drawing.height}" role="img" aria-labelledby="${id}-title ${id}-desc">`
    + `<title id="${id}-title">${escapeHtml(spec.title)}</title><desc id="${id}-desc">${escapeHtml(spec.description)}</desc>${shapes.join('')}</svg>`;
}

function figure(spec: ChartSpec | null, id: string): string {
  if (!spec) return '';
  return `<figure id="${id}">${svgOf(layoutChart(spec, 640, 220), id, spec)}<figcaption>${escapeHtml(spec.title)} (${escapeHtml(spec.unit)}).</figcaption></figure>`;
}

function coverage(notes: Coverage): string {
  return notes.length ? `<ul class="coverage" aria-label="Coverage">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
}

/** A table: `numeric` columns are right-aligned. */
function table(caption: string, head: string[], rows: Array<Array<string>>, numeric: number[] = []): string {
  if (rows.length === 0) return '';
  const cell = (tag: 'th' | 'td', text: string, i: number, scope = '') => `<${tag}${scope}${numeric.includes(i) ? ' class="n"' : ''}>${escapeHtml(text)}</${tag}>`;
  // A wide table scrolls inside a focusable, labelled region (WCAG 1.4.10 reflow).
  return `<div class="scroll" role="region" tabindex="0" aria-label="${escapeHtml(caption)}"><table><caption>${escapeHtml(caption)}</caption><thead><tr>${head.map((h, i) => cell('th', h, i, ' scope="col"')).join('')}</tr></thead>`
    + `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? cell('th', c, i, ' scope="row"') : cell('td', c, i))).join('')}</tr>`).join('')}</tbody></table></div>`;
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${escapeHtml(title)}</h2>${body}</section>`;
}

const SECTIONS: Array<[string, string]> = [
  ['partnership', 'The partnership'], ['mechanisms', 'Mechanisms'], ['capacity', 'Capacity of the facilities'], ['flows', 'Flows on the route'],
  ['returns', 'Returns'], ['deaths', 'Deaths and missing on the route'], ['funding', 'Funding'], ['case-data', 'From Waypoint case data'], ['sources', 'Sources'],
];

/**
 * The report as an HTML document.
 * @example const html = renderReportHtml(report);
 */
export function renderReportHtml(r: PartnershipMonthlyReport): string {
  const p = r.partnership;
  const charts = reportCharts(r);
  const title = `${p.title}: monthly monitoring report, ${r.month}`;
  const byWindow = (label: string, values: Array<number | null>) => [label, ...values.map(count)];
  const body = [
    section('partnership', 'The partnership', `<dl>
<dt>Instrument</dt><dd>${escapeHtml(p.kind)}${p.legallyBinding === null ? '' : p.legallyBinding ? ', legally binding' : ', not legally binding'}</dd>
<dt>Parties</dt><dd>${escapeHtml(p.parties)}</dd>
<dt>Phase on ${escapeHtml(r.to)}</dt><dd>${escapeHtml(p.phase ?? 'not yet started')}${p.phaseSince ? ` (since ${escapeHtml(p.phaseSince)})` : ''}${p.suspended ? ', suspended' : ''}</dd>
<dt>Monitoring body</dt><dd>${escapeHtml(p.monitoringBody ?? 'none designated')}${p.monitoringIndependent === null ? '' : p.monitoringIndependent ? ' (independent)' : ' (not independent)'}</dd>
<dt>Routes followed</dt><dd>${escapeHtml(r.routes.frontex.join(', ') || 'none')}: ${escapeHtml(r.routes.basis)}</dd>
</dl>`),
    section('mechanisms', 'Mechanisms', table(`Mechanisms on ${r.to}`, ['Mechanism', 'Kind', 'State', 'From', 'To', 'Capacity', 'Cap', `Quota ${r.month.slice(0, 4)}`],
      r.mechanisms.items.map((m) => [m.title, m.kind, m.state, m.from ?? '–', m.to ?? '–', count(m.capacity), count(m.cap), count(m.quota)]), [5, 6, 7])
      + table('Indicators the mechanisms record for the period shown', ['Mechanism', 'Indicator', 'Value', 'Period', 'Source'],
        r.mechanisms.items.flatMap((m) => m.indicators.map((x) => [m.title, x.name, `${count(x.value)} ${x.unit}`, `${x.from} – ${x.to}`, x.source])), [2])
      + coverage(r.mechanisms.coverage)),
    section('capacity', 'Capacity of the facilities', figure(charts.capacity, 'chart-capacity')
      + table('Places at the end of each month', ['Facility', ...r.window], [...r.capacity.facilities.map((f) => byWindow(f.name, f.capacity)), ...(r.capacity.facilities.length > 1 ? [byWindow('All facilities', r.capacity.total)] : [])], r.window.map((_, i) => i + 1))
      + table(`Occupancy and capacity use on ${r.to}`, ['Facility', 'Place', 'Places', 'Persons', 'Observed on', 'Use'],
        r.capacity.facilities.map((f) => [f.name, `${f.place} (${f.country})`, count(f.capacity.at(-1)), count(f.occupancy?.persons), f.occupancy ? `${f.occupancy.on} (${f.occupancy.via})` : '–', percent(f.use)]), [2, 3, 5])
      + coverage(r.capacity.coverage)),
    section('flows', 'Flows on the route', `<p class="key">Detections in ${escapeHtml(r.month)}: <strong>${count(r.flows.month)}</strong>; ${escapeHtml(r.window[0]!)}: ${count(r.flows.sameMonthLastYear)}; change: ${percent(r.flows.change, true)}.</p>`
      + figure(charts.flows, 'chart-flows')
      + table('Detections per month and route', ['Route', ...r.window], r.flows.byRoute.map((s) => byWindow(s.route, s.detections)), r.window.map((_, i) => i + 1))
      + table(`Nationalities detected on the route in ${r.month} (first ten)`, ['Nationality', 'Code', 'Detections'], r.flows.nationalities.map((n) => [n.name, n.nationality, count(n.detections)]), [2])
      + table(`Citizens of ${p.partnerName} detected in ${r.month}, by route`, ['Route', 'Detections'], r.flows.partnerNationals.map((n) => [n.route, count(n.detections)]), [1])
      + coverage(r.flows.coverage)),
    section('returns', 'Returns', figure(charts.returns, 'chart-returns')
      + table(`Citizens of ${p.partnerName} ordered to leave and returned (Eurostat migr_eiord, migr_eirtn)`, ['Year', 'Basis', 'Ordered to leave', 'Returned', 'Returned to a third country', 'Return rate'],
        r.returns.years.map((y) => [String(y.year), y.basis === 'sum of reporting countries' ? `sum of ${y.countries} countries` : y.basis, count(y.ordered), count(y.returned), count(y.returnedThirdCountry), percent(y.rate)]), [2, 3, 4, 5])
      + coverage(r.returns.coverage)),
    section('deaths', 'Deaths and missing on the route', `<p class="key">Dead and missing in ${escapeHtml(r.month)}: <strong>${count(r.deaths.month)}</strong>; ${escapeHtml(r.month.slice(0, 4))} to date: ${count(r.deaths.yearToDate)}.</p>`
      + figure(charts.deaths, 'chart-deaths')
      + table('Dead and missing, and incidents, per month', ['', ...r.window], r.deaths.routes.length ? [byWindow('Dead and missing', r.deaths.deadAndMissing), byWindow('Incidents', r.deaths.incidents)] : [], r.window.map((_, i) => i + 1))
      + coverage(r.deaths.coverage)),
    section('funding', 'Funding', figure(charts.funding, 'chart-funding')
      + table(`Totals up to ${r.to}`, ['Currency', 'Pledged', 'Committed', 'Disbursed', `Committed in ${r.month}`, `Disbursed in ${r.month}`],
        r.funding.totals.map((t) => [t.currency, count(t.pledged), count(t.committed), count(t.disbursed), count(t.committedInMonth), count(t.disbursedInMonth)]), [1, 2, 3, 4, 5])
      + table('Funding lines', ['Line', 'Type', 'Instrument', 'Measure', 'For', 'Amount', 'Date'],
        r.funding.lines.map((l) => [l.code, l.type + (l.verified ? '' : ' (unverified)'), l.instrument, l.measure, l.recipient, money(l.amount, l.currency), l.date]), [5])
      + coverage(r.funding.coverage)),
    r.caseData ? section('case-data', 'From Waypoint case data',
      table('Returns and resettlements counted under the 1:1 ledger, by Member State and month', ['Mechanism', 'Member State', 'Month', 'Returns', 'Resettlements', 'Balance'],
        r.caseData.ledgers.map((l) => [l.title, l.memberState, l.month, protectedCount(l, 'returns', l.returns), protectedCount(l, 'resettlements', l.resettlements), count(l.balance)]), [3, 4, 5])
      + table('Facility use against capacity, by month (persons placed through Waypoint)', ['Facility', 'Month', 'Places at month end', 'Most persons on a day', 'Person-days', 'Peak use'],
        r.caseData.facilities.map((f) => [f.name, f.month, count(f.capacity), protectedCount(f, 'peakOccupied', f.peakOccupied), protectedCount(f, 'personDays', f.personDays), percent(f.peakUse)]), [2, 3, 4, 5])
      + coverage(r.caseData.coverage)) : '',
    section('sources', 'Sources', `<h3>Statistics</h3>${r.sources.statistics.length ? `<ul>${r.sources.statistics.map((s) => `<li>${escapeHtml(s.credit)} — ${escapeHtml(s.title)} (${escapeHtml(s.dataset)}), file ${escapeHtml(s.file)}, retrieved ${escapeHtml(s.retrievedOn)}; ${escapeHtml(s.licence)}${s.upstream ? `; via ${escapeHtml(s.upstream)}` : ''}</li>`).join('')}</ul>` : '<p>No statistics were found for this report.</p>'}
<h3>Documents</h3><ul>${r.sources.documents.map((d) => `<li><a href="${escapeHtml(d.url)}">${escapeHtml(d.title)}</a>${d.date ? ` (${escapeHtml(d.date)})` : ''}</li>`).join('')}</ul>`),
  ].join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Waypoint</title><style>${STYLE}</style></head><body>
<header><p><strong>Waypoint</strong> — monthly monitoring report</p></header>
<main id="main"><h1>${escapeHtml(p.title)}</h1>
<p>Monthly monitoring report for <strong>${escapeHtml(r.month)}</strong> (${escapeHtml(r.from)} to ${escapeHtml(r.to)}); charts show ${escapeHtml(r.window[0]!)} to ${escapeHtml(r.month)}. Generated ${escapeHtml(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC.</p>
<nav aria-label="Sections"><ol>${SECTIONS.filter(([id]) => id !== 'case-data' || r.caseData).map(([id, t]) => `<li><a href="#${id}">${escapeHtml(t)}</a></li>`).join('')}</ol></nav>
${body}</main></body></html>`;
}
