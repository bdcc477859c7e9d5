/**
 * @module web/screens/dashboards/dashboards-screen
 * Dashboards (issue 7, screen 7): arrivals by route and month, recognition rates, return rates, deaths
 * and missing by route, the visa-suspension monitor, facility capacity and deadline compliance — each
 * from the statistics API only (`/api/stats/…`; the last two from `/api/stats/case-indicators/…`, the
 * indicators computed from case data with small cells suppressed), each with its coverage, its
 * sources, a table of its figures and CSV, SVG and PNG downloads. A chart with no figures (no public
 * statistics imported on the server, no case data in view) says so instead of drawing empty axes.
 */
import { useMemo, useState } from 'react';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../auth/session.tsx';
import { Loaded } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useCountryNames, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { ChartCard } from './chart-card.tsx';
import {
  arrivalsByRoute, capacityOfFacility, complianceOfMemberState, coverageFacts, deathsByRoute, facilitiesOf, hasFigures, memberStatesOf,
  recognitionByNationality, returnRateByYear, visaMonitor, type ChartData,
} from './series.ts';
import type { ArrivalRow, ComplianceRow, DeathRow, FacilityUseRow, MonitorRow, RecognitionRow, ReturnRow, StatAnswer } from './types.ts';
import './dashboards.css';

const SERIES_KEYS: Record<string, MessageKey> = {
  rate: 'dashboards.series.rate', change: 'dashboards.series.change', capacity: 'dashboards.series.capacity', peakOccupied: 'dashboards.series.peakOccupied',
  metOnTime: 'dashboards.series.metOnTime', metLate: 'dashboards.series.metLate', missed: 'dashboards.series.missed', openOverdue: 'dashboards.series.openOverdue',
  openNotDue: 'dashboards.series.openNotDue',
  threshold20: 'dashboards.ref.threshold20', threshold30: 'dashboards.ref.threshold30',
};

/** Labels shared by every chart: series names, months per locale, coverage lines. */
function useLabels() {
  const { t, language } = useI18n();
  const names = useCountryNames();
  const datasets = useApi<Array<{ dataset: string; url: string | null }>>('/api/stats/datasets');
  const pages = datasets.status === 'ready' ? datasets.data : null;
  return useMemo(() => {
    const datasetPages = new Map((pages ?? []).filter((d) => d.url).map((d) => [d.dataset, d.url!]));
    const monthFormat = new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const month = (m: string) => (/^\d{4}-\d{2}$/.test(m) ? monthFormat.format(new Date(`${m}-01T00:00:00Z`)) : m);
    const seriesLabel = (key: string) => (SERIES_KEYS[key] ? t(SERIES_KEYS[key]) : key);
    /** Coverage lines; `years` names the years compared when the chart's axis is not time (nationalities, countries). */
    const coverage = (answer: StatAnswer<unknown>, data: ChartData | null, periodLabel = month, years?: [number, number] | null): string[] => {
      const facts = coverageFacts(answer.coverage, data);
      const lines: string[] = years ? [t('dashboards.coverShown', { from: String(years[0]), to: String(years[1]) })] : [];
      if (!facts.imported) lines.push(t('dashboards.notImported'));
      if (facts.shown) lines.push(t('dashboards.coverShown', { from: periodLabel(facts.shown.from), to: periodLabel(facts.shown.to) }));
      if (facts.available) lines.push(t('dashboards.coverAvailable', { from: periodLabel(facts.available.from), to: periodLabel(facts.available.to) }));
      if (facts.places.length) lines.push(t('dashboards.coverPlaces', { n: facts.places.length, list: facts.places.slice(0, 12).join(', ') + (facts.places.length > 12 ? ' …' : '') }));
      if (answer.source) lines.push(t('dashboards.coverCase', { n: Number(answer.coverage.threshold ?? 5) }));
      if (lines.length === 0) lines.push(t('dashboards.coverNone'));
      return lines;
    };
    return { t, month, year: (y: string) => y, country: (c: string) => `${names(c)} (${c})`, seriesLabel, coverage, datasetPages };
  }, [t, language, names, pages]);
}

type Labels = ReturnType<typeof useLabels>;

function emptyText(labels: Labels, answer: StatAnswer<unknown>): string {
  if (answer.source) return labels.t('dashboards.noCaseData');
  // No source at all: nothing feeding this indicator was imported (the visa monitor still lists every country, with no data).
  return answer.coverage.imported === false || answer.sources.length === 0 ? labels.t('dashboards.noPublicData') : labels.t('dashboards.noData');
}

function Arrivals({ labels }: { labels: Labels }) {
  const query = { groupBy: 'month,route', limit: 10000 };
  const state = useApi<StatAnswer<ArrivalRow>>('/api/stats/arrivals', query);
  return <Loaded state={state}>{(a) => {
    const data = arrivalsByRoute(a.items);
    return <ChartCard datasetPages={labels.datasetPages} id="arrivals" title={labels.t('dashboards.arrivals.title')} text={labels.t('dashboards.arrivals.text')} data={data} coverage={labels.coverage(a, data)}
      sources={a.sources} endpoint="/api/stats/arrivals?groupBy=month,route" empty={emptyText(labels, a)} seriesLabel={labels.seriesLabel}
      categoryLabel={labels.month} categoryHeading={labels.t('dashboards.month')} />;
  }}</Loaded>;
}

function Recognition({ labels }: { labels: Labels }) {
  const state = useApi<StatAnswer<RecognitionRow>>('/api/stats/recognition-rates', { limit: 10000 });
  return <Loaded state={state}>{(a) => {
    const data = recognitionByNationality(a.items);
    return <ChartCard datasetPages={labels.datasetPages} id="recognition" title={labels.t('dashboards.recognition.title')} text={labels.t('dashboards.recognition.text', { year: data.year ?? '–' })} data={data}
      coverage={labels.coverage(a, data, labels.year, data.year === null ? null : [data.year, data.year])} sources={a.sources} endpoint="/api/stats/recognition-rates" empty={emptyText(labels, a)}
      seriesLabel={labels.seriesLabel} categoryLabel={labels.year} categoryName={labels.country} categoryHeading={labels.t('dashboards.nationality')} />;
  }}</Loaded>;
}

function Returns({ labels }: { labels: Labels }) {
  const state = useApi<StatAnswer<ReturnRow>>('/api/stats/return-rates', { citizen: 'TOTAL', limit: 10000 });
  return <Loaded state={state}>{(a) => {
    const data = returnRateByYear(a.items);
    return <ChartCard datasetPages={labels.datasetPages} id="returns" title={labels.t('dashboards.returns.title')} text={labels.t('dashboards.returns.text')} data={data} coverage={labels.coverage(a, data, labels.year)}
      sources={a.sources} endpoint="/api/stats/return-rates?citizen=TOTAL" empty={emptyText(labels, a)} seriesLabel={labels.seriesLabel}
      categoryLabel={labels.year} categoryHeading={labels.t('dashboards.year')} />;
  }}</Loaded>;
}

function Deaths({ labels }: { labels: Labels }) {
  const state = useApi<StatAnswer<DeathRow>>('/api/stats/deaths-and-missing', { groupBy: 'year,route', limit: 10000 });
  return <Loaded state={state}>{(a) => {
    const data = deathsByRoute(a.items);
    return <ChartCard datasetPages={labels.datasetPages} id="deaths" title={labels.t('dashboards.deaths.title')} text={labels.t('dashboards.deaths.text')} data={data} coverage={labels.coverage(a, data)}
      sources={a.sources} endpoint="/api/stats/deaths-and-missing?groupBy=year,route" empty={emptyText(labels, a)} seriesLabel={labels.seriesLabel}
      categoryLabel={labels.year} categoryHeading={labels.t('dashboards.year')} />;
  }}</Loaded>;
}

function Visa({ labels }: { labels: Labels }) {
  const state = useApi<StatAnswer<MonitorRow>>('/api/stats/visa-suspension-monitor', { limit: 1000 });
  return <Loaded state={state}>{(a) => {
    const data = visaMonitor(a.items);
    const year = a.items[0]?.asylumApplications.year;
    return <ChartCard datasetPages={labels.datasetPages} id="visa" title={labels.t('dashboards.visa.title')} text={labels.t('dashboards.visa.text')} data={data} coverage={labels.coverage(a, data, labels.year, year && hasFigures(data) ? [year - 1, year] : null)}
      sources={a.sources} endpoint="/api/stats/visa-suspension-monitor" empty={emptyText(labels, a)} seriesLabel={labels.seriesLabel}
      categoryLabel={labels.year} categoryName={labels.country} categoryHeading={labels.t('dashboards.country')} />;
  }}</Loaded>;
}

/** A choice among the facilities or Member States a case-data answer has rows for. */
function Choice({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: Array<{ value: string; label: string }>; onChange(v: string): void }) {
  if (options.length < 2) return null;
  return (
    <div className="field inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>{options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
    </div>
  );
}

function Capacity({ labels }: { labels: Labels }) {
  const state = useApi<StatAnswer<FacilityUseRow>>('/api/stats/case-indicators/facility-occupancy');
  const [chosen, setChosen] = useState<string | null>(null);
  return <Loaded state={state}>{(a) => {
    const facilities = facilitiesOf(a.items);
    const facility = chosen ?? facilities[0]?.code ?? '';
    const data = facility ? capacityOfFacility(a.items, facility) : null;
    return <ChartCard datasetPages={labels.datasetPages} id="capacity" title={labels.t('dashboards.capacity.title')} text={labels.t('dashboards.capacity.text')} data={data} coverage={labels.coverage(a, data)}
      sources={a.sources} endpoint="/api/stats/case-indicators/facility-occupancy" empty={emptyText(labels, a)} seriesLabel={labels.seriesLabel}
      categoryLabel={labels.month} categoryHeading={labels.t('dashboards.month')} threshold={Number(a.coverage.threshold ?? 5)}
      controls={<Choice id="capacity-facility" label={labels.t('dashboards.facility')} value={facility} options={facilities.map((f) => ({ value: f.code, label: f.name }))} onChange={setChosen} />} />;
  }}</Loaded>;
}

function Compliance({ labels, tenantId }: { labels: Labels; tenantId: string | null }) {
  const state = useApi<StatAnswer<ComplianceRow>>('/api/stats/case-indicators/deadline-compliance');
  const [chosen, setChosen] = useState<string | null>(null);
  return <Loaded state={state}>{(a) => {
    const states = memberStatesOf(a.items);
    const memberState = chosen ?? (tenantId && states.includes(tenantId) ? tenantId : states[0] ?? '');
    const data = memberState ? complianceOfMemberState(a.items, memberState) : null;
    return <ChartCard datasetPages={labels.datasetPages} id="compliance" title={labels.t('dashboards.compliance.title')} text={labels.t('dashboards.compliance.text', { state: memberState ? labels.country(memberState) : '–' })} data={data}
      coverage={labels.coverage(a, data)} sources={a.sources} endpoint="/api/stats/case-indicators/deadline-compliance" empty={emptyText(labels, a)}
      seriesLabel={labels.seriesLabel} categoryLabel={labels.month} categoryHeading={labels.t('dashboards.month')} threshold={Number(a.coverage.threshold ?? 5)}
      controls={<Choice id="compliance-state" label={labels.t('dashboards.memberState')} value={memberState} options={states.map((s) => ({ value: s, label: labels.country(s) }))} onChange={setChosen} />} />;
  }}</Loaded>;
}

export default function DashboardsScreen() {
  const session = useSession();
  const labels = useLabels();
  const { t } = labels;
  const tenantId = session.state.status === 'signed-in' ? session.state.me.tenantId : null;
  const caseData = session.can('case-statistics', 'read');
  return (
    <>
      <PageTitle>{t('dashboards.title')}</PageTitle>
      <p>{t('dashboards.intro')}</p>
      <nav aria-label={t('dashboards.contents')} className="dash-contents">
        <ul>
          {(['arrivals', 'recognition', 'returns', 'deaths', 'visa', 'capacity', 'compliance'] as const).map((id) => (
            <li key={id}><a href={`#${id}-h`}>{t(`dashboards.${id}.title`)}</a></li>
          ))}
        </ul>
      </nav>
      <div className="dash-grid">
        <Arrivals labels={labels} />
        <Recognition labels={labels} />
        <Returns labels={labels} />
        <Deaths labels={labels} />
        <Visa labels={labels} />
        {caseData ? <Capacity labels={labels} /> : <NoCaseData id="capacity" labels={labels} />}
        {caseData ? <Compliance labels={labels} tenantId={tenantId} /> : <NoCaseData id="compliance" labels={labels} />}
      </div>
    </>
  );
}

/** A case-data chart the user's roles do not open: said, not hidden. */
function NoCaseData({ id, labels }: { id: 'capacity' | 'compliance'; labels: Labels }) {
  return (
    <section className="card dash-chart" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{labels.t(`dashboards.${id}.title`)}</h2>
      <p role="status">{labels.t('dashboards.caseDataForbidden')}</p>
    </section>
  );
}
