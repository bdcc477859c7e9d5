/**
 * @module web/screens/dashboards/chart-card
 * One dashboard chart: a hand-written SVG (`role="img"`, a title and a description in words), its
 * legend, the table of its figures as the accessible alternative, what it covers and where its figures
 * come from (links), and its downloads (CSV, SVG, PNG). Suppressed cells are drawn as a marked stub
 * and written "suppressed" in the table and the CSV, never as 0; a chart without figures says so
 * instead of drawing empty axes.
 */
import { useRef, useState, type ReactNode, type RefObject } from 'react';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { chartCsv, download, fileName, svgText, svgToPng } from './export.ts';
import { bandScale, labelEvery, linearScale } from './scale.ts';
import { hasFigures, type ChartData } from './series.ts';
import type { StatSource } from './types.ts';

/**
 * Colours distinguishable with the common colour-vision deficiencies (Okabe–Ito's blue, vermilion and
 * green; Tol's purple, indigo and a darkened yellow), each at least 3:1 against white (WCAG 1.4.11), with
 * dash patterns on lines as a second cue.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#AA4499', '#996600', '#332288'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];
const WIDTH = 720;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 44, left: 72 };

export interface ChartCardProps {
  id: string;
  title: string;
  text: string;
  data: ChartData | null;
  /** Coverage lines (periods and countries with data, notes). */
  coverage: string[];
  sources: StatSource[];
  /** The API address the figures come from. */
  endpoint: string;
  /** Why there is nothing to draw, when there is not. */
  empty: string;
  seriesLabel(key: string): string;
  categoryLabel(category: string): string;
  /** The category as the table names it (default: as the axis does). */
  categoryName?(category: string): string;
  /** Heading of the category column. */
  categoryHeading: string;
  controls?: ReactNode;
  /** Small-cell threshold, for the note under a chart with suppressed cells. */
  threshold?: number;
  /** The publisher's page of each dataset (from `/api/stats/datasets`), for the source links. */
  datasetPages?: ReadonlyMap<string, string>;
}

export function ChartCard(props: ChartCardProps) {
  const { id, title, text, data, coverage, sources, endpoint, empty, seriesLabel, categoryLabel, categoryHeading, controls, threshold } = props;
  const categoryName = props.categoryName ?? categoryLabel;
  /** Where a source links to: the publisher's page of the dataset, else the file's address, else none. */
  const sourceLink = (s: StatSource) => props.datasetPages?.get(s.dataset) ?? (/^(https?:\/\/|\/api\/)/.test(s.location) ? s.location : null);
  const { t, fmt } = useI18n();
  const svg = useRef<SVGSVGElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const drawable = data !== null && hasFigures(data);
  const value = (v: number) => (data?.unit === 'share' ? fmt.percent(v) : fmt.number(v));
  const anySuppressed = drawable && data.series.some((s) => s.suppressed.some(Boolean));
  const sourceLines = sources.map((s) => `${s.credit} — ${s.dataset}, ${s.retrievedOn}`);

  const downloadCsv = () => {
    if (!data) return;
    const csv = chartCsv(data, { categoryLabel: categoryHeading, seriesLabel, suppressed: t('dashboards.suppressed'), sources: sourceLines });
    download(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }), fileName(id, 'csv'));
  };
  const downloadSvg = () => {
    if (svg.current) download(new Blob([svgText(svg.current)], { type: 'image/svg+xml' }), fileName(id, 'svg'));
  };
  const downloadPng = () => {
    if (!svg.current) return;
    setFailure(null);
    svgToPng(svg.current).then((png) => download(png, fileName(id, 'png')), (error: Error) => setFailure(t('dashboards.imageFailed', { reason: error.message })));
  };

  return (
    <section className="card dash-chart" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      <p>{text}</p>
      {controls}
      {drawable ? (
        <>
          <figure className="dash-figure">
            <Drawing data={data} svgRef={svg} id={id} title={title} value={value} seriesLabel={seriesLabel} categoryLabel={categoryLabel} />
            <figcaption>
              <ul className="legend" aria-label={t('dashboards.legend')}>
                {data.series.map((s, i) => (
                  <li key={s.key}>
                    <svg width="28" height="12" aria-hidden="true" focusable="false"><line x1="0" y1="6" x2="28" y2="6" stroke={PALETTE[i % PALETTE.length]} strokeWidth="4" strokeDasharray={data.kind === 'line' ? DASHES[i % DASHES.length] : ''} /></svg>
                    {seriesLabel(s.key)}
                  </li>
                ))}
                {data.reference && <li><svg width="28" height="12" aria-hidden="true" focusable="false"><line x1="0" y1="6" x2="28" y2="6" stroke="#1b1b1b" strokeWidth="2" strokeDasharray="4 3" /></svg>{seriesLabel(data.reference.key)}</li>}
              </ul>
              {anySuppressed && <p className="muted">{t('dashboards.suppressedNote', { n: fmt.number(threshold ?? 5) })}</p>}
            </figcaption>
          </figure>
          <details className="dash-table">
            <summary>{t('dashboards.table', { chart: title })}</summary>
            <div className="table-scroll" role="region" tabIndex={0} aria-label={t('dashboards.table', { chart: title })}>
              <table>
                <caption>{title}</caption>
                <thead><tr><th scope="col">{categoryHeading}</th>{data.series.map((s) => <th scope="col" key={s.key} className="num">{seriesLabel(s.key)}</th>)}</tr></thead>
                <tbody>
                  {data.categories.map((c, i) => (
                    <tr key={c}>
                      <th scope="row">{categoryName(c)}</th>
                      {data.series.map((s) => (
                        <td key={s.key} className="num">{s.suppressed[i] ? <em>{t('dashboards.suppressed')}</em> : s.values[i] === null ? t('dashboards.noFigure') : value(s.values[i]!)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <div className="actions" role="group" aria-label={t('dashboards.downloads', { chart: title })}>
            <button type="button" onClick={downloadCsv}>{t('dashboards.downloadCsv')}</button>
            <button type="button" onClick={downloadSvg}>{t('dashboards.downloadSvg')}</button>
            <button type="button" onClick={downloadPng}>{t('dashboards.downloadPng')}</button>
          </div>
          {failure && <p role="alert" className="field-error">{failure}</p>}
        </>
      ) : <p role="status" className="dash-empty">{empty}</p>}
      <h3 className="dash-sub">{t('dashboards.coverage')}</h3>
      <ul className="dash-notes">{coverage.map((line) => <li key={line}>{line}</li>)}</ul>
      <h3 className="dash-sub">{t('dashboards.sources')}</h3>
      <ul className="dash-notes">
        {sources.map((s) => (
          <li key={s.id}>{sourceLink(s) ? <a href={sourceLink(s)!}>{s.credit}</a> : s.credit} — {s.title} ({s.dataset}), {s.file}, {t('dashboards.retrieved', { date: fmt.date(s.retrievedOn) })}; {s.licence}</li>
        ))}
        <li><a href={endpoint}>{t('dashboards.apiData')}</a> (<code>{endpoint}</code>)</li>
      </ul>
    </section>
  );
}

interface DrawingProps {
  data: ChartData;
  svgRef: RefObject<SVGSVGElement | null>;
  id: string;
  title: string;
  value(v: number): string;
  seriesLabel(key: string): string;
  categoryLabel(category: string): string;
}

/** Words for the chart's description: its series, its span and its highest figure. */
function describe(data: ChartData, value: (v: number) => string, seriesLabel: (k: string) => string, categoryLabel: (c: string) => string, t: (k: MessageKey, p?: Record<string, string | number>) => string): string {
  let best: { v: number; s: string; c: string } | null = null;
  for (const s of data.series) s.values.forEach((v, i) => { if (v !== null && (!best || v > best.v)) best = { v, s: s.key, c: data.categories[i]! }; });
  const top = best as { v: number; s: string; c: string } | null;
  return t('dashboards.describe', {
    series: data.series.map((s) => seriesLabel(s.key)).join(', '), first: categoryLabel(data.categories[0]!), last: categoryLabel(data.categories.at(-1)!),
    highest: top && top.v !== 0 ? `${value(top.v)} (${seriesLabel(top.s)}, ${categoryLabel(top.c)})` : '–',
  });
}

function Drawing({ data, svgRef, id, title, value, seriesLabel, categoryLabel }: DrawingProps) {
  const { t } = useI18n();
  const values = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const y = linearScale([...values, ...(data.reference ? [data.reference.value] : [])], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const band = bandScale(data.categories.length, [MARGIN.left, WIDTH - MARGIN.right], data.kind === 'bar' ? 0.2 : 0);
  const labelled = labelEvery(data.categories.length, data.categoryType === 'month' ? 8 : 12);
  const zero = y(Math.max(y.domain[0], 0));
  const sub = data.kind === 'bar' ? band.width / data.series.length : 0;
  return (
    <svg ref={svgRef} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} className="dash-svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{describe(data, value, seriesLabel, categoryLabel, t)}</desc>
      <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#ffffff" />
      {y.ticks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? '#1b1b1b' : '#d0d0d0'} strokeWidth={tick === 0 ? 1.2 : 0.6} />
          <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#1b1b1b">{value(tick)}</text>
        </g>
      ))}
      {labelled.map((i) => (
        <text key={data.categories[i]} x={band.centre(i)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" fontSize="11" fill="#1b1b1b">{categoryLabel(data.categories[i]!)}</text>
      ))}
      {data.kind === 'bar'
        ? data.series.map((s, k) => s.values.map((v, i) => {
          const x = band.x(i) + k * sub;
          if (s.suppressed[i]) {
            return <g key={`${s.key}-${i}`}><rect x={x} y={zero - 14} width={Math.max(1, sub - 1)} height={14} fill="none" stroke={PALETTE[k % PALETTE.length]} strokeDasharray="2 2" /><text x={x + sub / 2} y={zero - 17} textAnchor="middle" fontSize="9" fill="#444444">S</text></g>;
          }
          if (v === null) return null;
          const top = Math.min(y(v), zero);
          return <rect key={`${s.key}-${i}`} x={x} y={top} width={Math.max(1, sub - 1)} height={Math.max(0.5, Math.abs(zero - y(v)))} fill={PALETTE[k % PALETTE.length]} />;
        }))
        : data.series.map((s, k) => {
          // A line breaks where a figure is missing rather than drawing through it.
          const runs: string[] = [];
          let run: string[] = [];
          s.values.forEach((v, i) => {
            if (v === null) { if (run.length) runs.push(run.join(' ')); run = []; return; }
            run.push(`${band.centre(i).toFixed(1)},${y(v).toFixed(1)}`);
          });
          if (run.length) runs.push(run.join(' '));
          return [
            ...runs.map((points, r) => (
              <polyline key={`${s.key}-${r}`} points={points} fill="none" stroke={PALETTE[k % PALETTE.length]} strokeWidth="2" strokeDasharray={DASHES[k % DASHES.length]} />
            )),
            // A dot on every figure, so that a lone month between gaps still shows.
            ...s.values.map((v, i) => (v === null ? null : <circle key={`${s.key}-p${i}`} cx={band.centre(i)} cy={y(v)} r="2.5" fill={PALETTE[k % PALETTE.length]} />)),
          ];
        })}
      {data.reference && (
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(data.reference.value)} y2={y(data.reference.value)} stroke="#1b1b1b" strokeWidth="1.5" strokeDasharray="4 3" />
      )}
    </svg>
  );
}
