/**
 * @module web/screens/simulator/chart
 * The geometry of the simulator's band chart, apart from the drawing: a linear scale, "nice" axis
 * ticks, and for each series (baseline, scenario) the SVG path of its 90 % band (the area between the
 * 5th and 95th percentiles, month by month) and of its median line. Months whose band is missing
 * (null) break the line and the area rather than drawing them at zero. Pure, so it is tested.
 */

export interface Band { median: number | null; p05: number | null; p95: number | null }

/** A function from a domain [d0, d1] onto a range [r0, r1]; a flat domain maps to the range's middle. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (value: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/**
 * Round ticks covering [min, max]: steps of 1, 2 or 5 × 10ⁿ, about `count` of them; the first tick is
 * at or below min and the last at or above max, so the axis spans the data.
 * @example niceTicks(0, 97, 5) // [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  // A span too small to divide at this magnitude (or none) is drawn as a flat series around its value.
  if (max - min <= 1e-9 * Math.max(1, Math.abs(min), Math.abs(max))) {
    const mid = (min + max) / 2;
    const size = Math.abs(mid);
    if (size < 1e-6) return min < 0 ? (max > 0 ? [-1, 0, 1] : [-1, 0]) : [0, 1];
    return niceTicks(mid - size / 2, mid + size / 2, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  let first = Math.floor(min / step) * step;
  let last = Math.ceil(max / step) * step;
  // min / step can round to zero (or to a whole number) and lose the last bit of the span.
  if (first > min) first -= step;
  if (last < max) last += step;
  const ticks: number[] = [];
  // Rounded to the step's precision, so 0.1 + 0.2 does not print as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Number(v.toFixed(digits)));
  return ticks;
}

export interface ChartSeries { id: string; bands: readonly Band[] }

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  yTicks: Array<{ value: number; y: number }>;
  /** Month labels at about six evenly spaced positions (with their index in `months`). */
  xTicks: Array<{ index: number; label: string; x: number }>;
  series: Array<{ id: string; area: string; line: string }>;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Runs of consecutive indexes where `present` holds. */
function runs(length: number, present: (i: number) => boolean): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < length; i++) {
    if (present(i)) current.push(i);
    else if (current.length) { out.push(current); current = []; }
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * The chart's layout for months and series of bands.
 * @example bandChart({ months: ['2026-01', '2026-02'], series: [{ id: 'baseline', bands }] }).series[0].line // "M60,…L…"
 */
export function bandChart({ months, series, width = 640, height = 280, margin = { left: 64, right: 16, top: 12, bottom: 32 } }: {
  months: readonly string[]; series: readonly ChartSeries[]; width?: number; height?: number;
  margin?: { left: number; right: number; top: number; bottom: number };
}): ChartLayout {
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  const values = series.flatMap((s) => s.bands.flatMap((b) => [b.p05, b.median, b.p95])).filter((v): v is number => v !== null && Number.isFinite(v));
  const ticks = values.length ? niceTicks(Math.min(0, ...values), Math.max(...values)) : [0, 1];
  const y = linearScale([ticks[0]!, ticks[ticks.length - 1]!], [plot.bottom, plot.top]);
  const x = linearScale([0, Math.max(1, months.length - 1)], [plot.left, plot.right]);
  const step = Math.max(1, Math.ceil(months.length / 6));
  const xTicks = months.flatMap((label, index) => (index % step === 0 ? [{ index, label, x: round(x(index)) }] : []));
  return {
    width, height, plot,
    yTicks: ticks.map((value) => ({ value, y: round(y(value)) })),
    xTicks,
    series: series.map((s) => {
      const bandRuns = runs(s.bands.length, (i) => s.bands[i]!.p05 !== null && s.bands[i]!.p95 !== null);
      const area = bandRuns.map((r) => {
        const upper = r.map((i) => `${round(x(i))},${round(y(s.bands[i]!.p95!))}`);
        const lower = [...r].reverse().map((i) => `${round(x(i))},${round(y(s.bands[i]!.p05!))}`);
        return `M${[...upper, ...lower].join('L')}Z`;
      }).join('');
      const line = runs(s.bands.length, (i) => s.bands[i]!.median !== null)
        .map((r) => `M${r.map((i) => `${round(x(i))},${round(y(s.bands[i]!.median!))}`).join('L')}`).join('');
      return { id: s.id, area, line };
    }),
  };
}
