/**
 * @module web/screens/simulator/band-chart
 * One monthly series of a simulation as an SVG chart: for the baseline and the scenario, the median
 * as a line and the 90 % band as a shaded area. The SVG has a title and a description for screen
 * readers; the table under it gives every month's figures and is the accessible alternative.
 */
import { useId } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { bandChart, type Band } from './chart.ts';

const COLOURS: Record<string, string> = { baseline: '#595959', scenario: '#a4262c' };

export interface BandChartProps {
  title: string;
  months: readonly string[];
  baseline: readonly Band[];
  scenario: readonly Band[];
  labels: { baseline: string; scenario: string; month: string; median: string; band: string; description: string };
}

export function BandChart({ title, months, baseline, scenario, labels }: BandChartProps) {
  const { fmt, language } = useI18n();
  const id = useId();
  const layout = bandChart({ months, series: [{ id: 'baseline', bands: baseline }, { id: 'scenario', bands: scenario }] });
  const monthLabel = (m: string) => new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  const num = (v: number | null) => (v === null ? '–' : fmt.number(Math.round(v)));
  const bandText = (b: Band | undefined) => (b ? `${num(b.median)} (${num(b.p05)} – ${num(b.p95)})` : '–');
  return (
    <figure className="band-chart">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} style={{ width: '100%', maxWidth: '44rem', height: 'auto', display: 'block' }}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{labels.description}</desc>
        {layout.yTicks.map((tick) => (
          <g key={tick.value}>
            <line x1={layout.plot.left} x2={layout.plot.right} y1={tick.y} y2={tick.y} stroke={tick.value === 0 ? '#767676' : '#e6e6e6'} />
            <text x={layout.plot.left - 6} y={tick.y + 4} textAnchor="end" fontSize="11" fill="#333">{fmt.number(tick.value)}</text>
          </g>
        ))}
        {layout.xTicks.map((tick) => (
          <text key={tick.index} x={tick.x} y={layout.plot.bottom + 18} textAnchor="middle" fontSize="11" fill="#333">{monthLabel(tick.label)}</text>
        ))}
        {layout.series.map((s) => (
          <g key={s.id} data-series={s.id}>
            <path d={s.area} fill={COLOURS[s.id]} fillOpacity={0.18} stroke="none" />
            <path d={s.line} fill="none" stroke={COLOURS[s.id]} strokeWidth={2} strokeDasharray={s.id === 'baseline' ? '5 3' : undefined} />
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="legend">
          <li><span className="swatch" style={{ background: COLOURS.baseline }} aria-hidden="true" />{labels.baseline}</li>
          <li><span className="swatch" style={{ background: COLOURS.scenario }} aria-hidden="true" />{labels.scenario}</li>
        </ul>
      </figcaption>
      <div className="table-scroll">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr><th scope="col">{labels.month}</th><th scope="col">{labels.baseline}: {labels.median} ({labels.band})</th><th scope="col">{labels.scenario}: {labels.median} ({labels.band})</th></tr>
          </thead>
          <tbody>
            {months.map((m, i) => <tr key={m}><th scope="row">{monthLabel(m)}</th><td>{bandText(baseline[i])}</td><td>{bandText(scenario[i])}</td></tr>)}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
