/**
 * @module web/screens/simulator/simulator-screen
 * The policy simulator (issue 8): the tenant's recorded simulations (`GET /api/simulations`), a form
 * to run one of the shipped scenarios with its main numbers changed (`POST /api/simulations`), the
 * progress of a queued or running simulation (asked again every two seconds until it is done or has
 * failed — a failure shows the server's message), and a finished one's results: what the figures are
 * (medians of Monte Carlo runs with 90 % bands, and any reading of the law the scenario assumes), the
 * key figures, a monthly series as a chart with its table, the calibration and the data it rests on.
 * The simulation shown is in the address (`?id=`), so it can be shared and reloaded.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Problem } from '../../api/problem.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { Loading } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { Link, useRouter } from '../../router/router.tsx';
import { BandChart } from './band-chart.tsx';
import type { Band } from './chart.ts';
import { applyKnobs, knobsOf, knobValid, lawAssumptionsOf, shippedScenarioOf, SHIPPED_SCENARIOS, type Knob, type KnobField, type Scenario } from './scenarios.ts';
import { isUnderWay, keyFigures, progressShare, type KeyMetric, type Simulation, type SimulationResults, type SimulationStatus } from './simulations.ts';

const POLL_MS = 2000;

const STATUS_LABELS: Record<SimulationStatus, MessageKey> = {
  queued: 'simulator.status.queued',
  running: 'simulator.status.running',
  done: 'simulator.status.done',
  failed: 'simulator.status.failed',
};

const METRIC_LABELS: Record<KeyMetric, MessageKey> = {
  applications: 'simulator.metric.applications',
  decisions: 'simulator.metric.decisions',
  recognitions: 'simulator.metric.recognitions',
  backlog: 'simulator.metric.backlog',
  'appeals-pending': 'simulator.metric.appealsPending',
  'transfers-stc-from': 'simulator.metric.transfersStc',
  returns: 'simulator.metric.returns',
  'return-hub-transfers-from': 'simulator.metric.returnHubTransfers',
  'return-pending': 'simulator.metric.returnPending',
  absconded: 'simulator.metric.absconded',
  'non-removable': 'simulator.metric.nonRemovable',
  deaths: 'simulator.metric.deaths',
};

const KNOB_LABELS: Record<KnobField, MessageKey> = {
  months: 'simulator.knob.months',
  factor: 'simulator.knob.factor',
  places: 'simulator.knob.places',
  perMonth: 'simulator.knob.perMonth',
  value: 'simulator.knob.value',
};

function metricLabel(metric: string, t: (key: MessageKey) => string): string {
  return metric in METRIC_LABELS ? t(METRIC_LABELS[metric as KeyMetric]) : metric;
}

/** Reads a resource and, while `again(data)` holds, reads it again every POLL_MS without blanking what is shown. */
function usePolled<T>(path: string | null, again: (data: T) => boolean, round = 0): { data: T | null; problem: Problem | null } {
  const { api } = useSession();
  const [state, setState] = useState<{ path: string | null; data: T | null; problem: Problem | null }>({ path: null, data: null, problem: null });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => api.get<T>(path).then(({ data }) => {
      if (!live) return;
      setState({ path, data, problem: null });
      if (again(data)) timer = setTimeout(read, POLL_MS);
    }, (error: unknown) => { if (live) setState({ path, data: null, problem: problemOf(error) }); });
    void read();
    return () => { live = false; clearTimeout(timer); };
    // `again` is a pure test of the data, the same on every render: not a reason to read again.
  }, [api, path, round]);
  return state.path === path ? state : { data: null, problem: null };
}

/** A key that makes a retried start (a double click, a lost answer) start one simulation, not two. */
function retryKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function describeChange(change: Scenario['changes'][number]): string {
  const { kind, from, source, note, ...rest } = change;
  void source; void note;
  const detail = Object.entries(rest).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ');
  return `${kind} · ${from} · ${detail}`;
}

function ScenarioChanges({ scenario }: { scenario: Scenario }) {
  const { t } = useI18n();
  if (scenario.changes.length === 0) return <p className="muted">{t('simulator.noChanges')}</p>;
  return (
    <ol aria-label={t('simulator.changes')}>
      {scenario.changes.map((c, i) => (
        <li key={i}>
          <code>{describeChange(c)}</code>
          <br />
          <span className="muted">
            {c.source.url ? <a href={c.source.url} rel="noreferrer" target="_blank">{c.source.title}</a> : t('simulator.assumption', { text: c.source.assumption ?? '' })}
          </span>
        </li>
      ))}
    </ol>
  );
}

function AssumptionBanner({ scenario }: { scenario: Scenario | null }) {
  const { t, fmt } = useI18n();
  const assumptions = scenario ? lawAssumptionsOf(scenario) : [];
  if (assumptions.length === 0) return null;
  return (
    <p className="problem" role="note">
      {t('simulator.lawAssumption', { list: assumptions.map((a) => `${a.assumption} (${fmt.date(a.from)})`).join('; ') })}
    </p>
  );
}

function StartForm({ onStarted }: { onStarted(simulation: Simulation): void }) {
  const { t, fmt } = useI18n();
  const { api } = useSession();
  const [scenarioId, setScenarioId] = useState(SHIPPED_SCENARIOS[1]?.id ?? SHIPPED_SCENARIOS[0]!.id);
  const scenario = SHIPPED_SCENARIOS.find((s) => s.id === scenarioId)!;
  const knobs = useMemo(() => knobsOf(scenario), [scenario]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [runs, setRuns] = useState('20');
  const [seed, setSeed] = useState('1');
  const [scale, setScale] = useState('0.1');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const valueOf = (k: Knob) => values[k.path] ?? String(k.value);
  const invalid = knobs.filter((k) => !knobValid(k, Number(valueOf(k))));
  const runsOk = Number.isInteger(Number(runs)) && Number(runs) >= 1 && Number(runs) <= 200;
  const seedOk = Number.isInteger(Number(seed)) && Number(seed) >= 0 && Number(seed) <= 2 ** 31 - 1;
  const scaleOk = Number(scale) > 0 && Number(scale) <= 1;
  const ok = invalid.length === 0 && runsOk && seedOk && scaleOk;

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const chosen = applyKnobs(scenario, Object.fromEntries(knobs.map((k) => [k.path, Number(valueOf(k))])));
      const { data } = await api.send<Simulation>('POST', '/api/simulations', { scenario: chosen, runs: Number(runs), seed: Number(seed), scale: Number(scale) }, { idempotencyKey: retryKey() });
      onStarted(data);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  const knobLabel = (k: Knob) => {
    const field = t(KNOB_LABELS[k.field]);
    if (k.change === null) return field;
    const c = scenario.changes[k.change]!;
    const what = [c.kind, c.resource, c.memberState, c.partner, c.agreement, c.route, c.name].filter((x) => typeof x === 'string').join(' · ');
    return t('simulator.knobOf', { field, change: `${k.change + 1}`, what, from: fmt.date(c.from) });
  };

  return (
    <form onSubmit={(e) => { e.preventDefault(); if (ok && !busy) void submit(); }} aria-labelledby="start-title" noValidate>
      <div className="field">
        <label htmlFor="scenario">{t('simulator.scenario')}</label>
        <select id="scenario" value={scenarioId} onChange={(e) => { setScenarioId(e.target.value); setValues({}); }}>
          {SHIPPED_SCENARIOS.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
      </div>
      {scenario.description && <p>{scenario.description}</p>}
      <AssumptionBanner scenario={scenario} />
      <details>
        <summary>{t('simulator.changesCount', { n: fmt.number(scenario.changes.length) })}</summary>
        <ScenarioChanges scenario={scenario} />
      </details>
      <fieldset>
        <legend>{t('simulator.knobs')}</legend>
        <div className="grid">
          {knobs.map((k) => {
            const id = `knob-${k.path.replace(/\./g, '-')}`;
            const bad = !knobValid(k, Number(valueOf(k)));
            return (
              <div className="field" key={k.path}>
                <label htmlFor={id}>{knobLabel(k)}</label>
                <input id={id} type="number" inputMode="decimal" min={k.min} max={k.max} step={k.step} value={valueOf(k)} aria-invalid={bad}
                  aria-describedby={bad ? `${id}-error` : undefined} onChange={(e) => setValues({ ...values, [k.path]: e.target.value })} />
                {bad && <span id={`${id}-error`} className="field-error">{t('simulator.between', { min: fmt.number(k.min), max: fmt.number(k.max) })}</span>}
              </div>
            );
          })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('simulator.settings')}</legend>
        <div className="grid">
          <div className="field">
            <label htmlFor="sim-runs">{t('simulator.runs')}</label>
            <input id="sim-runs" type="number" min={1} max={200} step={1} value={runs} aria-invalid={!runsOk} onChange={(e) => setRuns(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="sim-seed">{t('simulator.seed')}</label>
            <input id="sim-seed" type="number" min={0} step={1} value={seed} aria-invalid={!seedOk} onChange={(e) => setSeed(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="sim-scale">{t('simulator.scale')}</label>
            <input id="sim-scale" type="number" min={0.01} max={1} step={0.01} value={scale} aria-invalid={!scaleOk} aria-describedby="sim-scale-hint" onChange={(e) => setScale(e.target.value)} />
            <span id="sim-scale-hint" className="hint">{t('simulator.scaleHint')}</span>
          </div>
        </div>
      </fieldset>
      <p><button type="submit" disabled={!ok || busy}>{t('simulator.start')}</button></p>
      {problem && <ProblemMessage problem={problem} />}
    </form>
  );
}

function Results({ simulation }: { simulation: Simulation }) {
  const { t, fmt } = useI18n();
  const { data, problem } = usePolled<SimulationResults>(`/api/simulations/${simulation.id}/results`, () => false);
  const [metric, setMetric] = useState<string | null>(null);
  if (problem) return <ProblemMessage problem={problem} />;
  if (!data) return <Loading />;
  const { summary, calibration, provenance, parameters, seconds } = data.results;
  const num = (v: number | null) => (v === null ? '–' : fmt.number(Math.round(v)));
  const band = (b: Band, signed = false) => {
    const m = b.median === null ? '–' : `${signed && b.median > 0 ? '+' : ''}${num(b.median)}`;
    return b.p05 === null || b.p95 === null ? m : `${m} (${num(b.p05)} – ${num(b.p95)})`;
  };
  const series = summary.series.filter((s) => s.where === 'EU');
  const shown = series.find((s) => s.metric === metric) ?? series[0];
  const scenario = shippedScenarioOf(simulation.scenario.id);
  return (
    <>
      <p className="card" role="note">
        {t('simulator.banner', { runs: fmt.number(summary.runs), seed: summary.seed, scale: fmt.number(summary.scale), seconds: fmt.number(Math.round(seconds)) })}
      </p>
      <AssumptionBanner scenario={scenario} />
      <p>{summary.conservation ? t('simulator.conservationYes') : t('simulator.conservationNo')} {t('simulator.lawAsked', { asked: fmt.number(summary.law.asked), cached: fmt.number(summary.law.cached) })}</p>
      <h3 id="key-figures-title">{t('simulator.keyFigures')}</h3>
      <div className="table-scroll">
        <table aria-labelledby="key-figures-title">
          <thead><tr><th scope="col">{t('simulator.figure')}</th><th scope="col">{t('simulator.baseline')}</th><th scope="col">{t('simulator.scenarioColumn')}</th><th scope="col">{t('simulator.difference')}</th></tr></thead>
          <tbody>
            {keyFigures(summary.figures).map(({ metric: m, row, summed }) => (
              <tr key={m}><th scope="row">{metricLabel(m, t)}{summed && <span className="muted"> ({t('simulator.summedRoutes')})</span>}</th><td>{band(row.baseline)}</td><td>{band(row.scenario)}</td><td>{band(row.difference, true)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown && (
        <>
          <h3>{t('simulator.overTime')}</h3>
          <div className="field">
            <label htmlFor="series-metric">{t('simulator.series')}</label>
            <select id="series-metric" value={shown.metric} onChange={(e) => setMetric(e.target.value)}>
              {series.map((s) => <option key={s.metric} value={s.metric}>{metricLabel(s.metric, t)}</option>)}
            </select>
          </div>
          <BandChart title={t('simulator.chartTitle', { metric: metricLabel(shown.metric, t) })} months={summary.months} baseline={shown.baseline} scenario={shown.scenario}
            labels={{ baseline: t('simulator.baseline'), scenario: t('simulator.scenarioColumn'), month: t('simulator.month'), median: t('simulator.median'), band: t('simulator.band90'), description: t('simulator.chartDescription') }} />
        </>
      )}
      <h3>{t('simulator.restsOn')}</h3>
      {calibration.objective && (
        <p>{t('simulator.calibration', {
          apply: fmt.percent(calibration.applyShare ?? 0), first: fmt.percent(calibration.firstStateShare ?? 0), years: calibration.levelYears ?? '–',
          measure: calibration.objective.measure, value: fmt.number(calibration.objective.value),
        })}</p>
      )}
      <ul aria-label={t('simulator.provenance')}>{provenance.map((p, i) => <li key={i}>{p}</li>)}</ul>
      <details>
        <summary>{t('simulator.parameters', { n: fmt.number(Object.keys(parameters).length) })}</summary>
        <table>
          <caption className="visually-hidden">{t('simulator.parameters', { n: fmt.number(Object.keys(parameters).length) })}</caption>
          <tbody>{Object.entries(parameters).map(([k, v]) => <tr key={k}><th scope="row"><code>{k}</code></th><td>{fmt.number(v)}</td></tr>)}</tbody>
        </table>
      </details>
    </>
  );
}

function Selected({ id }: { id: string }) {
  const { t, fmt } = useI18n();
  const { data: s, problem } = usePolled<Simulation>(`/api/simulations/${encodeURIComponent(id)}`, (sim) => isUnderWay(sim.status));
  if (problem) return <ProblemMessage problem={problem} />;
  if (!s) return <Loading />;
  return (
    <section aria-labelledby="selected-title" data-testid="simulation">
      <h2 id="selected-title">{s.scenario.title}</h2>
      <p className="muted">{t('simulator.settingsLine', { runs: fmt.number(s.runs), seed: s.seed, scale: fmt.number(s.scale), at: fmt.dateTime(s.createdAt), by: s.createdBy })}</p>
      <div role="status" aria-live="polite">
        <p><strong>{t(STATUS_LABELS[s.status])}</strong>{isUnderWay(s.status) && ` · ${t('simulator.progress', { done: fmt.number(s.progress), runs: fmt.number(s.runs) })}`}</p>
        {isUnderWay(s.status) && <progress max={1} value={progressShare(s)} aria-label={t('simulator.progressLabel')} />}
      </div>
      {s.status === 'failed' && (
        <div className="problem" role="alert">
          <p className="problem-title"><strong>{t('simulator.failed')}</strong></p>
          <p data-testid="simulation-error">{s.error ?? t('simulator.noReason')}</p>
        </div>
      )}
      {s.status === 'done' && <Results simulation={s} />}
    </section>
  );
}

export default function SimulatorScreen() {
  const { t, fmt } = useI18n();
  const { location, navigate } = useRouter();
  const selected = location.search.get('id');
  const [round, setRound] = useState(0);
  const list = usePolled<{ items: Simulation[] }>('/api/simulations', (data) => data.items.some((s) => isUnderWay(s.status)), round);
  const started = useCallback((s: Simulation) => {
    setRound((n) => n + 1);
    navigate(`/simulator?id=${s.id}`);
  }, [navigate]);

  return (
    <>
      <PageTitle>{t('simulator.title')}</PageTitle>
      <p className="hint">{t('simulator.intro')}</p>
      {selected && <Selected key={selected} id={selected} />}
      <section aria-labelledby="recorded-title">
        <h2 id="recorded-title">{t('simulator.recorded')}</h2>
        {list.problem && <ProblemMessage problem={list.problem} />}
        {!list.problem && !list.data && <Loading />}
        {list.data && (list.data.items.length === 0 ? <p>{t('simulator.none')}</p> : (
          <div className="table-scroll">
            <table aria-labelledby="recorded-title">
              <thead>
                <tr>
                  <th scope="col">{t('simulator.scenario')}</th>
                  <th scope="col">{t('simulator.statusColumn')}</th>
                  <th scope="col">{t('simulator.runs')}</th>
                  <th scope="col">{t('simulator.startedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((s) => (
                  <tr key={s.id} aria-current={s.id === selected ? 'true' : undefined}>
                    <td><Link to={`/simulator?id=${s.id}`}>{s.scenario.title}</Link></td>
                    <td>{t(STATUS_LABELS[s.status])}{isUnderWay(s.status) && ` (${fmt.percent(progressShare(s))})`}</td>
                    <td>{fmt.number(s.runs)}</td>
                    <td>{s.createdBy}<br /><span className="muted">{fmt.dateTime(s.createdAt)}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      <section aria-labelledby="start-title">
        <h2 id="start-title">{t('simulator.startTitle')}</h2>
        <StartForm onStarted={started} />
      </section>
    </>
  );
}
