/**
 * @module web/screens/countries/timeline
 * Laying out dated periods (designations, suspensions) on one time axis: each bar's start and width
 * as a share of the axis, open-ended periods running to the axis's end, year ticks, and the marker of
 * the date being looked at. Pure arithmetic on ISO days; the component only draws it.
 */

export interface Period {
  id: string;
  label: string;
  from: string;
  to: string | null;
  /** Parts of the period when it did not apply (a designation's suspensions). */
  gaps?: Array<{ from: string; to: string | null }>;
}

export interface Span { left: number; width: number }

export interface TimelineRow extends Span {
  id: string;
  label: string;
  from: string;
  to: string | null;
  gaps: Span[];
}

export interface Timeline {
  start: string;
  end: string;
  rows: TimelineRow[];
  ticks: Array<{ year: number; left: number }>;
  /** Where the date looked at falls (percent), or null outside the axis. */
  marker: number | null;
}

const DAY = 86_400_000;

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
}

/**
 * The axis runs from 1 January of the earliest start to 31 December of the latest of the ends, the
 * date looked at and today; bars are in percent of it, rounded to 0.01.
 * @example layoutTimeline([{ id: 'a', label: 'A', from: '2020-01-01', to: null }], { on: '2021-06-30', today: '2021-12-31' })
 */
export function layoutTimeline(periods: readonly Period[], { on, today }: { on: string; today: string }): Timeline {
  const dates = periods.flatMap((p) => [p.from, p.to ?? today]).concat(on, today);
  const firstYear = Math.min(...dates.map((d) => Number(d.slice(0, 4))));
  const lastYear = Math.max(...dates.map((d) => Number(d.slice(0, 4))));
  const start = `${firstYear}-01-01`;
  const end = `${lastYear}-12-31`;
  const [s, e] = [dayNumber(start), dayNumber(end) + 1];
  const pct = (iso: string, inclusive = false) => Math.round(((dayNumber(iso) + (inclusive ? 1 : 0) - s) / (e - s)) * 10_000) / 100;
  const span = (from: string, to: string | null): Span => {
    const left = pct(from);
    return { left, width: Math.max(Math.round(((to === null ? 100 : pct(to, true)) - left) * 100) / 100, 0.2) };
  };
  const years = lastYear - firstYear + 1;
  const step = years <= 10 ? 1 : years <= 25 ? 5 : 10;
  const ticks = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    if ((year - firstYear) % step === 0) ticks.push({ year, left: pct(`${year}-01-01`) });
  }
  return {
    start, end, ticks,
    rows: [...periods].sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id)).map((p) => ({
      id: p.id, label: p.label, from: p.from, to: p.to, ...span(p.from, p.to), gaps: (p.gaps ?? []).map((g) => span(g.from, g.to)),
    })),
    marker: on >= start && on <= end ? pct(on) : null,
  };
}
