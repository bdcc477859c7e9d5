/**
 * @module domain/reports/chart
 * Small charts for the reports, laid out once as plain shapes (rectangles, lines, points, text) in a
 * box of a given size, so that the HTML report draws them as inline SVG and the PDF report with the
 * same shapes: one layout, two renderers, no chart library. Bars for counts per month or year, lines
 * for levels (capacity); a missing value (null) draws nothing, so a gap in the data shows as a gap.
 */

export interface ChartSeries {
  name: string;
  values: Array<number | null>;
  type: 'bar' | 'line';
}

export interface ChartSpec {
  title: string;
  /** What the chart shows, in words (the SVG's description for screen readers). */
  description: string;
  unit: string;
  categories: string[];
  series: ChartSeries[];
}

export type Shape =
  | { type: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { type: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  | { type: 'polyline'; points: Array<[number, number]>; stroke: string; width: number }
  | { type: 'circle'; cx: number; cy: number; r: number; fill: string }
  | { type: 'text'; x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; size: number; fill: string };

export interface Drawing {
  width: number;
  height: number;
  shapes: Shape[];
}

/** Colours that stay apart for the common colour-vision deficiencies (Okabe–Ito), EU blue first. */
export const PALETTE = ['#003399', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];
const INK = '#1b1b1b';
const GRID = '#c8c8c8';

/**
 * A round upper bound for the axis and its step (1, 2 or 5 × 10ⁿ).
 * @example niceScale(1234) // { max: 1500, step: 500 }
 */
export function niceScale(value: number, ticks = 4): { max: number; step: number } {
  if (!(value > 0)) return { max: 1, step: 1 };
  const raw = value / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return { max: Math.ceil(value / step) * step, step };
}

/** A number in a few characters: 1.2k, 3.4M. */
export function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${+(value / 1e9).toFixed(1)}bn`;
  if (abs >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return `${+value.toFixed(2)}`;
}

/**
 * Lays a chart out in a `width` × `height` box.
 * @example layoutChart({ title, description, unit: 'detections', categories: ['2024-01'], series: [{ name: 'Central Mediterranean', values: [3120], type: 'bar' }] }, 480, 200)
 */
export function layoutChart(spec: ChartSpec, width: number, height: number): Drawing {
  const shapes: Shape[] = [];
  const legend = spec.series.length > 1 ? 16 : 0;
  const [left, right, top, bottom] = [44, 8, 8 + legend, 28];
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const { max, step } = niceScale(values.length ? Math.max(...values) : 0);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  for (let v = 0; v <= max + step / 2; v += step) {
    shapes.push({ type: 'line', x1: left, y1: y(v), x2: left + plotW, y2: y(v), stroke: GRID, width: 0.5 });
    shapes.push({ type: 'text', x: left - 4, y: y(v) + 3, text: compact(v), anchor: 'end', size: 8, fill: INK });
  }
  const n = Math.max(spec.categories.length, 1);
  const slot = plotW / n;
  const bars = spec.series.filter((s) => s.type === 'bar');
  const barW = (slot * 0.8) / Math.max(bars.length, 1);
  spec.series.forEach((s, k) => {
    const colour = PALETTE[k % PALETTE.length]!;
    if (s.type === 'bar') {
      const b = bars.indexOf(s);
      s.values.forEach((v, i) => {
        if (v === null || v <= 0) return;
        shapes.push({ type: 'rect', x: left + i * slot + slot * 0.1 + b * barW, y: y(v), w: Math.max(barW - 1, 1), h: top + plotH - y(v), fill: colour });
      });
    } else {
      let run: Array<[number, number]> = [];
      const flush = () => { if (run.length > 1) shapes.push({ type: 'polyline', points: run, stroke: colour, width: 2 }); run = []; };
      s.values.forEach((v, i) => {
        if (v === null) { flush(); return; }
        const point: [number, number] = [left + i * slot + slot / 2, y(v)];
        run.push(point);
        shapes.push({ type: 'circle', cx: point[0], cy: point[1], r: 2.5, fill: colour });
      });
      flush();
    }
    if (legend) {
      const x = left + k * Math.min(plotW / spec.series.length, 180);
      shapes.push({ type: 'rect', x, y: 4, w: 10, h: 10, fill: colour });
      shapes.push({ type: 'text', x: x + 14, y: 13, text: s.name, anchor: 'start', size: 9, fill: INK });
    }
  });
  shapes.push({ type: 'line', x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH, stroke: INK, width: 1 });
  const every = Math.ceil(n / 7);
  spec.categories.forEach((c, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    shapes.push({ type: 'text', x: left + i * slot + slot / 2, y: top + plotH + 14, text: c, anchor: 'middle', size: 8, fill: INK });
  });
  if (values.length === 0) shapes.push({ type: 'text', x: left + plotW / 2, y: top + plotH / 2, text: 'no data for this period', anchor: 'middle', size: 10, fill: INK });
  return { width, height, shapes };
}
