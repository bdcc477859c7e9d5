/**
 * @module domain/reports/render-pdf
 * A partnership's monthly report as a PDF (PDFKit, A4): the same sections, figures, coverage notes and
 * sources as the HTML page, the charts drawn from the same layout (`chart.ts`) as vector graphics, a
 * bookmark per section, the document title and language in its metadata. The built-in Helvetica
 * reads Windows-1252 only, so other characters are written as their closest Latin letters.
 */
import PDFDocument from 'pdfkit';
import { layoutChart, type ChartSpec } from './chart.ts';
import type { Coverage, PartnershipMonthlyReport } from './monthly-report.ts';
import { protectedCount } from './report-case-data.ts';
import { count, money, percent, reportCharts } from './report-charts.ts';

/** Windows-1252's characters above Latin-1's printable ASCII that are not Latin-1 themselves. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '≥': '>=', '≤': '<=', '→': '->', '−': '-', '×': 'x', '≈': '~' };

/**
 * Text the built-in fonts can show: Windows-1252 characters as they are, others by their decomposed
 * Latin letter (ş → s) or a replacement, else `?`.
 * @example pdfText('Gjadër → Shëngjin ≥ 30 %') // 'Gjadër -> Shëngjin >= 30 %'
 */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch) || ch === '\n') out += ch;
    else if (REPLACEMENTS[ch]) out += REPLACEMENTS[ch];
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => c.codePointAt(0)! >= 0x20 && c.codePointAt(0)! <= 0x7e) ? base : '?';
    }
  }
  return out;
}

export interface RenderPdfOptions {
  /** Compress the page streams (default true; tests read them uncompressed). */
  compress?: boolean;
}

type Doc = InstanceType<typeof PDFDocument>;
const MARGIN = 48;

/**
 * The report as a PDF file.
 * @example const pdf = await renderReportPdf(report);
 */
export async function renderReportPdf(r: PartnershipMonthlyReport, { compress = true }: RenderPdfOptions = {}): Promise<Buffer> {
  const p = r.partnership;
  const title = `${p.title}: monthly monitoring report, ${r.month}`;
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, compress, lang: 'en', displayTitle: true, bufferPages: false,
    info: { Title: title, Author: 'Waypoint', Subject: `Monthly monitoring report of ${p.code} for ${r.month}`, CreationDate: new Date(r.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  const width = doc.page.width - 2 * MARGIN;
  const charts = reportCharts(r);

  const room = (height: number) => { if (doc.y + height > doc.page.height - MARGIN) doc.addPage(); };
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfText(value), { width, ...options });
  const heading = (value: string) => {
    // Keep a heading with what follows it (a chart is about 200 points high).
    room(220);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#003399');
    doc.outline.addItem(pdfText(value));
    text(value);
    doc.font('Helvetica').fontSize(9).fillColor('#1b1b1b').moveDown(0.3);
  };
  const notes = (coverage: Coverage) => { for (const n of coverage) { room(14); doc.fillColor('#444444'); text(`• ${n}`); } doc.fillColor('#1b1b1b'); };
  const chart = (spec: ChartSpec | null) => {
    if (!spec) return;
    const drawing = layoutChart(spec, width, 170);
    room(drawing.height + 24);
    const [x0, y0] = [MARGIN, doc.y];
    for (const s of drawing.shapes) {
      if (s.type === 'rect') doc.rect(x0 + s.x, y0 + s.y, s.w, s.h).fill(s.fill);
      else if (s.type === 'line') doc.moveTo(x0 + s.x1, y0 + s.y1).lineTo(x0 + s.x2, y0 + s.y2).lineWidth(s.width).stroke(s.stroke);
      else if (s.type === 'polyline') {
        doc.moveTo(x0 + s.points[0]![0], y0 + s.points[0]![1]);
        for (const [x, y] of s.points.slice(1)) doc.lineTo(x0 + x, y0 + y);
        doc.lineWidth(s.width).stroke(s.stroke);
      } else if (s.type === 'circle') doc.circle(x0 + s.cx, y0 + s.cy, s.r).fill(s.fill);
      else {
        const label = pdfText(s.text);
        const w = doc.fillColor(s.fill).fontSize(s.size).widthOfString(label);
        const left = s.anchor === 'start' ? s.x : s.anchor === 'end' ? s.x - w : s.x - w / 2;
        doc.text(label, x0 + left, y0 + s.y - s.size * 0.8, { lineBreak: false });
      }
    }
    doc.x = MARGIN;
    doc.y = y0 + drawing.height + 4;
    doc.fontSize(8).fillColor('#444444');
    text(`${spec.title} (${spec.unit}).`);
    doc.fontSize(9).fillColor('#1b1b1b').moveDown(0.3);
  };
  /** A table; the first column takes what the others leave. */
  const table = (caption: string, head: string[], rows: string[][], numeric: number[] = []) => {
    if (rows.length === 0) return;
    const other = head.length > 1 ? Math.min(70, (width * 0.6) / (head.length - 1)) : 0;
    const widths = head.map((_, i) => (i === 0 ? width - other * (head.length - 1) : other));
    const line = (cells: string[], bold: boolean) => {
      room(14);
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(head.length > 8 ? 6.5 : 8);
      let x = MARGIN;
      const heights = cells.map((c, i) => {
        const options = { width: widths[i]! - 4, align: numeric.includes(i) ? 'right' as const : 'left' as const };
        const h = doc.heightOfString(pdfText(c), options);
        doc.text(pdfText(c), x, y, options);
        x += widths[i]!;
        return h;
      });
      doc.x = MARGIN;
      doc.y = y + Math.max(...heights) + 2;
      doc.moveTo(MARGIN, doc.y - 1).lineTo(MARGIN + width, doc.y - 1).lineWidth(0.3).stroke('#cccccc');
    };
    room(30);
    doc.font('Helvetica-Bold').fontSize(9);
    text(caption);
    line(head, true);
    for (const row of rows) line(row, false);
    doc.font('Helvetica').fontSize(9).moveDown(0.4);
  };
  const byWindow = (label: string, values: Array<number | null>) => [label, ...values.map(count)];
  const windowColumns = r.window.map((m) => m.slice(2));

  doc.font('Helvetica-Bold').fontSize(17).fillColor('#003399');
  text(p.title);
  doc.font('Helvetica').fontSize(10).fillColor('#1b1b1b').moveDown(0.3);
  text(`Monthly monitoring report for ${r.month} (${r.from} to ${r.to}); charts show ${r.window[0]} to ${r.month}. Generated ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC by Waypoint.`);
  doc.fontSize(9);

  heading('The partnership');
  text(`Instrument: ${p.kind}${p.legallyBinding === null ? '' : p.legallyBinding ? ', legally binding' : ', not legally binding'}`);
  text(`Parties: ${p.parties}`);
  text(`Phase on ${r.to}: ${p.phase ?? 'not yet started'}${p.phaseSince ? ` (since ${p.phaseSince})` : ''}${p.suspended ? ', suspended' : ''}`);
  text(`Monitoring body: ${p.monitoringBody ?? 'none designated'}${p.monitoringIndependent === null ? '' : p.monitoringIndependent ? ' (independent)' : ' (not independent)'}`);
  text(`Routes followed: ${r.routes.frontex.join(', ') || 'none'}: ${r.routes.basis}`);

  heading('Mechanisms');
  table(`Mechanisms on ${r.to}`, ['Mechanism', 'Kind', 'State', 'From', 'Capacity', 'Cap', `Quota ${r.month.slice(0, 4)}`],
    r.mechanisms.items.map((m) => [m.title, m.kind, m.state, m.from ?? '–', count(m.capacity), count(m.cap), count(m.quota)]), [4, 5, 6]);
  table('Indicators the mechanisms record for the period shown', ['Indicator', 'Value', 'Period'],
    r.mechanisms.items.flatMap((m) => m.indicators.map((x) => [`${m.title}: ${x.name} (${x.source})`, `${count(x.value)} ${x.unit}`, `${x.from} – ${x.to}`])), [1]);
  notes(r.mechanisms.coverage);

  heading('Capacity of the facilities');
  chart(charts.capacity);
  table('Places at the end of each month', ['Facility', ...windowColumns], [...r.capacity.facilities.map((f) => byWindow(f.name, f.capacity)), ...(r.capacity.facilities.length > 1 ? [byWindow('All facilities', r.capacity.total)] : [])], r.window.map((_, i) => i + 1));
  table(`Occupancy and capacity use on ${r.to}`, ['Facility', 'Places', 'Persons', 'Observed on', 'Use'],
    r.capacity.facilities.map((f) => [`${f.name}, ${f.place} (${f.country})`, count(f.capacity.at(-1)), count(f.occupancy?.persons), f.occupancy ? `${f.occupancy.on} (${f.occupancy.via})` : '–', percent(f.use)]), [1, 2, 4]);
  notes(r.capacity.coverage);

  heading('Flows on the route');
  text(`Detections in ${r.month}: ${count(r.flows.month)}; ${r.window[0]}: ${count(r.flows.sameMonthLastYear)}; change: ${percent(r.flows.change, true)}.`);
  doc.moveDown(0.3);
  chart(charts.flows);
  table('Detections per month and route', ['Route', ...windowColumns], r.flows.byRoute.map((s) => byWindow(s.route, s.detections)), r.window.map((_, i) => i + 1));
  table(`Nationalities detected on the route in ${r.month} (first ten)`, ['Nationality', 'Detections'], r.flows.nationalities.map((n) => [`${n.name} (${n.nationality})`, count(n.detections)]), [1]);
  table(`Citizens of ${p.partnerName} detected in ${r.month}, by route`, ['Route', 'Detections'], r.flows.partnerNationals.map((n) => [n.route, count(n.detections)]), [1]);
  notes(r.flows.coverage);

  heading('Returns');
  chart(charts.returns);
  table(`Citizens of ${p.partnerName} ordered to leave and returned (Eurostat)`, ['Year (basis)', 'Ordered', 'Returned', 'To a third country', 'Rate'],
    r.returns.years.map((y) => [`${y.year} (${y.basis === 'sum of reporting countries' ? `sum of ${y.countries} countries` : y.basis})`, count(y.ordered), count(y.returned), count(y.returnedThirdCountry), percent(y.rate)]), [1, 2, 3, 4]);
  notes(r.returns.coverage);

  heading('Deaths and missing on the route');
  text(`Dead and missing in ${r.month}: ${count(r.deaths.month)}; ${r.month.slice(0, 4)} to date: ${count(r.deaths.yearToDate)}.`);
  doc.moveDown(0.3);
  chart(charts.deaths);
  table('Dead and missing, and incidents, per month', ['', ...windowColumns], r.deaths.routes.length ? [byWindow('Dead and missing', r.deaths.deadAndMissing), byWindow('Incidents', r.deaths.incidents)] : [], r.window.map((_, i) => i + 1));
  notes(r.deaths.coverage);

  heading('Funding');
  chart(charts.funding);
  table(`Totals up to ${r.to}`, ['Currency', 'Pledged', 'Committed', 'Disbursed', `Committed ${r.month}`, `Disbursed ${r.month}`],
    r.funding.totals.map((t) => [t.currency, count(t.pledged), count(t.committed), count(t.disbursed), count(t.committedInMonth), count(t.disbursedInMonth)]), [1, 2, 3, 4, 5]);
  table('Funding lines', ['Line', 'Type', 'Amount', 'Date'],
    r.funding.lines.map((l) => [`${l.code} (${l.instrument}): ${l.measure}`, l.type + (l.verified ? '' : ' (unverified)'), money(l.amount, l.currency), l.date]), [2]);
  notes(r.funding.coverage);

  if (r.caseData) {
    heading('From Waypoint case data');
    table('1:1 ledger: returns and resettlements by Member State and month', ['Mechanism', 'State', 'Month', 'Returns', 'Resettled', 'Balance'],
      r.caseData.ledgers.map((l) => [l.title, l.memberState, l.month, protectedCount(l, 'returns', l.returns), protectedCount(l, 'resettlements', l.resettlements), count(l.balance)]), [3, 4, 5]);
    table('Facility use against capacity by month', ['Facility', 'Month', 'Places', 'Peak', 'Person-days', 'Use'],
      r.caseData.facilities.map((f) => [f.name, f.month, count(f.capacity), protectedCount(f, 'peakOccupied', f.peakOccupied), protectedCount(f, 'personDays', f.personDays), percent(f.peakUse)]), [2, 3, 4, 5]);
    notes(r.caseData.coverage);
  }

  heading('Sources');
  doc.font('Helvetica-Bold');
  text('Statistics');
  doc.font('Helvetica');
  if (r.sources.statistics.length === 0) text('No statistics were found for this report.');
  for (const s of r.sources.statistics) { room(24); text(`• ${s.credit} — ${s.title} (${s.dataset}), file ${s.file}, retrieved ${s.retrievedOn}; ${s.licence}${s.upstream ? `; via ${s.upstream}` : ''}`); }
  doc.moveDown(0.4).font('Helvetica-Bold');
  text('Documents');
  doc.font('Helvetica');
  for (const d of r.sources.documents) { room(24); text(`• ${d.title}${d.date ? ` (${d.date})` : ''}: ${d.url}`, { link: d.url }); }
  doc.end();
  return done;
}
