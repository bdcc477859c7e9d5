/**
 * @module web/screens/dashboards/scale
 * The few scales the dashboards' hand-written SVG charts need (no charting library, and d3-scale is
 * not a dependency): a linear scale over "nice" ticks — steps of 1, 2 or 5 × 10^k, so axis labels read
 * 0, 250, 500 rather than 0, 237, 474 — and a band scale placing categories (months, countries) side by
 * side, with room for grouped bars.
 */

/** A tick step of 1, 2 or 5 × 10^k that divides `span` into at most about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Rounds away the binary noise of multiplying a decimal step (0.1 × 3 = 0.30000000000000004). */
function clean(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(decimals, 12)));
}

/**
 * Ticks covering [min, max] (0 always included: counts and shares are read against zero), at a nice
 * step, from a multiple of the step at or below the lowest value to one at or above the highest.
 * @example niceTicks(0, 1234) // [0, 500, 1000, 1500]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const low = Math.min(0, min);
  const high = Math.max(0, max);
  // No span to speak of (all zero, or below any figure the charts show): one unit around zero.
  if (high - low < 1e-9) return low < 0 ? (high > 0 ? [-1, 0, 1] : [-1, 0]) : [0, 1];
  const step = niceStep(high - low, count);
  const first = Math.floor(low / step) * step;
  const last = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= last + step / 2; i += 1) ticks.push(clean(first + i * step, step));
  return ticks;
}

export interface LinearScale {
  (value: number): number;
  domain: [number, number];
  ticks: number[];
}

/**
 * Maps values onto pixels over the nice ticks of the data: `domain` is the ticks' first and last.
 * @example const y = linearScale([0, 1234], [200, 0]); y(0) // 200; y.ticks.at(-1) // 1500
 */
export function linearScale(values: readonly number[], range: [number, number], count = 5): LinearScale {
  const finite = values.filter((v) => Number.isFinite(v));
  const ticks = niceTicks(finite.length ? Math.min(...finite) : 0, finite.length ? Math.max(...finite) : 0, count);
  const domain: [number, number] = [ticks[0]!, ticks.at(-1)!];
  const scale = ((value: number) => range[0] + ((value - domain[0]) / (domain[1] - domain[0])) * (range[1] - range[0])) as LinearScale;
  scale.domain = domain;
  scale.ticks = ticks;
  return scale;
}

export interface Band {
  /** Left edge of category `i`. */
  x(i: number): number;
  /** Centre of category `i`. */
  centre(i: number): number;
  /** Width of a category without the padding between categories. */
  width: number;
}

/**
 * `n` categories side by side over [start, end], `padding` (a share of each step) between them.
 * @example bandScale(4, [0, 400], 0.2).width // 80
 */
export function bandScale(n: number, [start, end]: [number, number], padding = 0.2): Band {
  const step = n > 0 ? (end - start) / n : 0;
  const width = step * (1 - padding);
  const x = (i: number) => start + i * step + (step - width) / 2;
  return { x, centre: (i) => x(i) + width / 2, width };
}

/**
 * Which category labels to print on an axis of `n` so that at most `max` show: every k-th, always the last.
 * @example labelEvery(24, 8) // [0, 3, 6, 9, 12, 15, 18, 21, 23]
 */
export function labelEvery(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const k = Math.ceil(n / max);
  const shown = Array.from({ length: Math.ceil(n / k) }, (_, i) => i * k);
  if (shown.at(-1) !== n - 1) {
    // The last category (the latest month) is always labelled; drop its neighbour if it would crowd it
    // (closer than half the usual step: with every other month labelled, the month just before the last).
    if ((n - 1 - shown.at(-1)!) * 2 <= k) shown.pop();
    shown.push(n - 1);
  }
  return shown;
}
