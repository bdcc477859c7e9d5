/**
 * @module simulation/report/svg
 * Two inline SVG charts for the report, with no chart library: monthly lines with their 90 % bands
 * (baseline and scenario), and bars with 90 % whiskers (a difference per Member State).
 */
import type { Band } from '../summarise.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A short human figure: 1 234, 12.3k, 1.2M. */
export function compact(n: number): string {
  const a = Math.abs(n);
  if (!Number.isFinite(n)) return '–';
  if (a >= 1e9) return `${(n / 1e9).toFixed(1)}bn`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return a >= 10 ? n.toFixed(0) : n.toFixed(1);
}

export interface LineSeries {
  label: string;
  colour: string;
  bands: Band[];
}

const W = 640;
const H = 240;
const PAD = { left: 56, right: 12, top: 28, bottom: 34 };

/**
 * Monthly lines (medians) with shaded 90 % bands.
 * @example lineChart('Backlog', ['2026-01', …], [{ label: 'baseline', colour: '#555', bands }])
 */
export function lineChart(title: string, months: readonly string[], series: readonly LineSeries[]): string {
  const values = series.flatMap((s) => s.bands.flatMap((b) => [b.p05, b.p95, b.median])).filter(Number.isFinite);
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, months.length - 1);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - (v - min) / (max - min || 1));
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}" class="chart">`,
    `<text x="${PAD.left}" y="16" class="title">${escapeHtml(title)}</text>`];
  for (let k = 0; k <= 4; k++) {
    const v = min + ((max - min) * k) / 4;
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`,
      `<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${compact(v)}</text>`);
  }
  months.forEach((m, i) => {
    if (i % Math.max(1, Math.ceil(months.length / 8)) === 0) parts.push(`<text x="${x(i).toFixed(1)}" y="${H - 12}" text-anchor="middle" class="axis">${m}</text>`);
  });
  series.forEach((s, k) => {
    const upper = s.bands.map((b, i) => `${x(i).toFixed(1)},${y(b.p95).toFixed(1)}`);
    const lower = s.bands.map((b, i) => `${x(i).toFixed(1)},${y(b.p05).toFixed(1)}`).reverse();
    parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${s.colour}" fill-opacity="0.18" stroke="none"/>`,
      `<polyline points="${s.bands.map((b, i) => `${x(i).toFixed(1)},${y(b.median).toFixed(1)}`).join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"/>`,
      `<text x="${W - PAD.right - 4}" y="${PAD.top + 12 + k * 14}" text-anchor="end" fill="${s.colour}" class="legend">${escapeHtml(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * Bars (medians) with 90 % whiskers, one per category; negative values go below the zero line.
 * @example barChart('Returns, scenario − baseline', ['IT', 'GR'], [band1, band2])
 */
export function barChart(title: string, categories: readonly string[], bands: readonly Band[]): string {
  const values = bands.flatMap((b) => [b.p05, b.p95, b.median]).filter(Number.isFinite);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const step = (W - PAD.left - PAD.right) / Math.max(1, categories.length);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - (v - min) / span);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}" class="chart">`,
    `<text x="${PAD.left}" y="16" class="title">${escapeHtml(title)}</text>`,
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" class="zero"/>`];
  for (const v of [min, max]) parts.push(`<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${compact(v)}</text>`);
  categories.forEach((c, i) => {
    const b = bands[i]!;
    const cx = PAD.left + step * (i + 0.5);
    const top = y(Math.max(0, b.median));
    const height = Math.abs(y(b.median) - y(0));
    parts.push(`<rect x="${(cx - step * 0.35).toFixed(1)}" y="${top.toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${height.toFixed(1)}" class="bar"><title>${escapeHtml(`${c}: ${compact(b.median)} (90 % band ${compact(b.p05)} to ${compact(b.p95)})`)}</title></rect>`,
      `<line x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="${y(b.p05).toFixed(1)}" y2="${y(b.p95).toFixed(1)}" class="whisker"/>`,
      `<text x="${cx.toFixed(1)}" y="${H - 12}" text-anchor="middle" class="axis">${escapeHtml(c)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
