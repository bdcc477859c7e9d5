/**
 * @module web/screens/dashboards/export
 * A chart's downloads: its figures as CSV (one row per category, one column per series, then the
 * sources), the drawn SVG as a file, and a PNG drawn from that SVG on a canvas. The CSV follows RFC
 * 4180 (quotes doubled, fields with commas, quotes or line breaks quoted, CRLF) and guards text cells
 * a spreadsheet would run as a formula the way the server's exports do (`lib/csv-safe.ts`): a leading
 * `'` before `=`, `+`, `-`, `@`, tab or CR. A suppressed value is written as "suppressed", a missing
 * one as an empty cell, so neither reads as 0.
 */
import type { ChartData } from './series.ts';

const FORMULA = /^[=+\-@\t\r]/;

/** A text cell safe to open in a spreadsheet. */
export function guardText(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

/** One CSV field: numbers as they are, text guarded, quoted when it must be. */
export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : guardText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** Header of the category column (Month, Year, Country). */
  categoryLabel: string;
  /** Column header of each series. */
  seriesLabel(key: string): string;
  /** Words for a suppressed cell. */
  suppressed: string;
  /** One line per source: credit, dataset, retrieval date. */
  sources: string[];
}

/**
 * The chart's figures as CSV text, with a `source` column naming every source on each row.
 * @example chartCsv(data, { categoryLabel: 'Month', seriesLabel: (k) => k, suppressed: 'suppressed', sources: ['Source: Frontex'] })
 */
export function chartCsv(data: ChartData, { categoryLabel, seriesLabel, suppressed, sources }: CsvOptions): string {
  const header = [categoryLabel, ...data.series.map((s) => seriesLabel(s.key)), 'source'];
  const provenance = sources.join(' | ');
  const rows = data.categories.map((category, i) => [
    category,
    ...data.series.map((s) => (s.suppressed[i] ? suppressed : s.values[i] ?? '')),
    provenance,
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A file name for a chart's download: `waypoint-<chart>.<extension>`. */
export function fileName(chart: string, extension: 'csv' | 'svg' | 'png'): string {
  return `waypoint-${chart.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.${extension}`;
}

/** Offers `blob` as a download named `name` (an object URL on a temporary link). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The SVG element as a standalone file (namespace declared, fonts named). */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('font-family', 'system-ui, sans-serif');
  // A file has no page to be 100 % of: its size is the drawing's own.
  const box = svg.viewBox.baseVal;
  if (box && box.width > 0) { copy.setAttribute('width', String(box.width)); copy.setAttribute('height', String(box.height)); }
  return new XMLSerializer().serializeToString(copy);
}

/**
 * The SVG drawn onto a canvas at twice its size, as PNG. The image is loaded from a `data:` URL,
 * which the page's Content-Security-Policy allows for images (`img-src 'self' data:`).
 */
export function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const width = svg.viewBox.baseVal.width || svg.clientWidth;
  const height = svg.viewBox.baseVal.height || svg.clientHeight;
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * 2;
      canvas.height = height * 2;
      const context = canvas.getContext('2d');
      if (!context) { reject(new Error('no 2D canvas')); return; }
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png');
    };
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  });
}
