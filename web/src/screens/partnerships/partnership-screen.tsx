/**
 * @module web/screens/partnerships/partnership-screen
 * One partnership on a date (`GET /api/registries/partnerships/{code}/profile?on=`): its instrument
 * and parties; the lifecycle phase with its history, the gate checklist and what the next gate
 * misses, and the agencies' roles where recorded; the mechanisms it sets up (with the shared 1:1
 * ledger, `GET /api/swap-ledgers/{mechanism}`, for a one-to-one mechanism); the facilities with their
 * capacity and occupancy on the date; the funding lines with totals per type and currency; the
 * independent monitoring and human-rights clauses; the outreach events as a calendar by month; and the
 * monthly monitoring report to download as HTML or PDF.
 */
import { useState, type ReactNode } from 'react';
import type { Problem } from '../../api/problem.ts';
import type { RegistryRecord, Source } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { DateField } from '../../components/date-field.tsx';
import { Loaded } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { todayIso } from '../../i18n/format.ts';
import { useCountryNames, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { Link, useRouter } from '../../router/router.tsx';
import type { ScreenProps } from '../../routes.ts';
import { calendarMonths, timingOf } from './calendar.ts';
import { formatMoney, fundingTotals } from './funding.ts';
import {
  EVENT_TYPE_LABELS, FUNDING_TYPE_LABELS, ITEM_LABELS, KIND_LABELS, labelOr, MECHANISM_LABELS, PHASE_LABELS, ROLE_LABELS, STATE_LABELS, TIMING_LABELS,
} from './labels.ts';
import { ledgerDisplay } from './ledger.ts';
import { gateModel, rolesTable } from './lifecycle-model.ts';
import { fetchReport, isMonth, previousMonth, type ReportFormat } from './report-file.ts';
import type { FacilityData, FacilitySummary, FundingData, LedgerView, MechanismData, OutreachEventData, PartnershipData, PartnershipProfile, PartnershipSummary } from './types.ts';

function SourceList({ sources, label }: { sources: Source[]; label: string }) {
  if (sources.length === 0) return null;
  return (
    <ul className="citations" aria-label={label}>
      {sources.map((s, i) => <li key={`${s.title}:${i}`}>{s.url ? <a href={s.url} rel="noreferrer" target="_blank">{s.title}</a> : s.title}</li>)}
    </ul>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return <section aria-labelledby={`${id}-title`}><h2 id={`${id}-title`}>{title}</h2>{children}</section>;
}

function yesNo(value: boolean | null, t: (key: MessageKey) => string): string {
  return value === null ? t('partnership.notEstablished') : value ? t('partnership.yes') : t('partnership.no');
}

function Lifecycle({ data, summary, on }: { data: PartnershipData; summary: PartnershipSummary | null; on: string }) {
  const { t, fmt } = useI18n();
  const model = gateModel(data.lifecycle, on, summary);
  const roles = rolesTable(data.lifecycle.roles);
  const itemStatus = (status: string, doneOn: string | null) => (status === 'done'
    ? (doneOn ? t('partnership.doneOn', { date: fmt.date(doneOn) }) : t('partnership.done'))
    : status === 'done-later' ? t('partnership.doneLater', { date: fmt.date(doneOn ?? '') }) : t('partnership.notDone'));
  return (
    <Section id="lifecycle" title={t('partnership.lifecycle')}>
      <p className="lead" data-testid="current-phase">
        {model.phase
          ? t('partnership.phaseOn', { phase: t(PHASE_LABELS[model.phase]), since: fmt.date(model.since!), date: fmt.date(on) })
          : t('partnership.notBegunOn', { date: fmt.date(on) })}
      </p>
      <h3>{t('partnership.history')}</h3>
      <ol aria-label={t('partnership.history')}>
        {model.history.map((h, i) => (
          <li key={`${h.phase}:${i}`} aria-current={h.current ? 'step' : undefined}>
            <strong>{t(PHASE_LABELS[h.phase])}</strong> — {t('partnership.from', { date: fmt.date(h.from) })}
            {h.current && <> <span className="badge">{t('partnership.current')}</span></>}
            {h.future && <> <span className="muted">({t('partnership.later')})</span></>}
            {h.reason && <span className="muted"> · {h.reason}</span>}
            <SourceList sources={h.sources} label={t('country.sources')} />
          </li>
        ))}
      </ol>
      <h3 id="gates-title">{t('partnership.gates')}</h3>
      <p>
        {model.next === null ? t('partnership.noNextGate')
          : model.nextMissing.length === 0 ? t('partnership.nextReady', { phase: t(PHASE_LABELS[model.next]) })
            : t('partnership.nextMisses', { phase: t(PHASE_LABELS[model.next]), list: model.nextMissing.map((item) => t(ITEM_LABELS[item])).join(', ') })}
      </p>
      {model.currentMissing.length > 0 && <p className="hint">{t('partnership.recordedBefore', { list: model.currentMissing.map((item) => t(ITEM_LABELS[item])).join(', ') })}</p>}
      <div className="table-scroll">
        <table aria-labelledby="gates-title">
          <thead>
            <tr>
              <th scope="col">{t('partnership.item')}</th>
              <th scope="col">{t('partnership.itemStatus')}</th>
              <th scope="col">{t('partnership.neededFor')}</th>
              <th scope="col">{t('partnership.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {model.rows.map((row) => (
              <tr key={row.item} data-item={row.item}>
                <th scope="row">{t(ITEM_LABELS[row.item])}</th>
                <td>
                  <span className={`badge ${row.status === 'done' ? 'badge-yes' : 'badge-no'}`}>{itemStatus(row.status, row.entry.on)}</span>
                  {row.blocksNext && model.next && <span className="muted"> · {t('partnership.blocks', { phase: t(PHASE_LABELS[model.next]) })}</span>}
                </td>
                <td>{row.neededFor.map((p) => t(PHASE_LABELS[p])).join(', ')}</td>
                <td>
                  <SourceList sources={row.entry.evidence} label={t('partnership.evidence')} />
                  {row.entry.note && <span className="muted">{row.entry.note}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 id="roles-title">{t('partnership.roles')}</h3>
      {roles.actors.length === 0 ? <p className="muted">{t('partnership.noRoles')}</p> : (
        <div className="table-scroll">
          <table aria-labelledby="roles-title">
            <thead><tr><th scope="col">{t('partnership.actor')}</th>{roles.phases.map((p) => <th key={p} scope="col">{t(PHASE_LABELS[p])}</th>)}</tr></thead>
            <tbody>
              {roles.actors.map((actor) => (
                <tr key={actor}><th scope="row">{actor}</th>{roles.phases.map((p) => { const role = roles.cell(actor, p); return <td key={p}>{role ? labelOr(ROLE_LABELS, role, t) : '—'}</td>; })}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Ledger({ code, on }: { code: string; on: string }) {
  const { t, fmt } = useI18n();
  const ledger = useApi<LedgerView>(`/api/swap-ledgers/${encodeURIComponent(code)}`, { on });
  return (
    <div className="ledger" aria-label={t('partnership.ledger')} role="group">
      <h4>{t('partnership.ledger')}</h4>
      <Loaded state={ledger}>{(view) => {
        const d = ledgerDisplay(view);
        return (
          <>
            <dl className="grid">
              <div><dt>{t('partnership.ledgerReturns')}</dt><dd>{fmt.number(d.returns)}</dd></div>
              <div><dt>{t('partnership.ledgerResettlements')}</dt><dd>{fmt.number(d.resettlements)}</dd></div>
              <div><dt>{t('partnership.ledgerBalance')}</dt><dd>{fmt.number(d.balance)}</dd></div>
              <div><dt>{t('partnership.ledgerCap')}</dt><dd>{d.cap === null ? t('partnership.noCap') : t('partnership.capUsed', { cap: fmt.number(d.cap), used: fmt.percent(Number.isFinite(d.capUsed!) ? d.capUsed! : 1), left: fmt.number(d.remaining ?? 0) })}</dd></div>
            </dl>
            <p>{d.state === 'even' ? t('partnership.ledgerEven') : d.state === 'open-entitlements' ? t('partnership.ledgerOpen', { n: fmt.number(d.balance) }) : t('partnership.ledgerInconsistent')}</p>
            <div aria-hidden="true" style={{ maxWidth: '30rem' }}>
              <div style={{ background: '#1f7a4d', height: '0.6rem', width: `${d.bar.returns}%`, minWidth: d.returns ? '2px' : 0 }} />
              <div style={{ background: '#1d4e89', height: '0.6rem', width: `${d.bar.resettlements}%`, minWidth: d.resettlements ? '2px' : 0, marginTop: '2px' }} />
            </div>
            {view.leadTimes.matched.median !== null && <p className="muted">{t('partnership.leadTime', { days: fmt.number(view.leadTimes.matched.median) })}</p>}
          </>
        );
      }}</Loaded>
    </div>
  );
}

function Mechanisms({ records, on }: { records: Array<RegistryRecord<MechanismData>>; on: string }) {
  const { t, fmt } = useI18n();
  if (records.length === 0) return <p className="muted">{t('country.noneRecorded')}</p>;
  return (
    <ul className="cards">
      {records.map((r) => {
        const m = r.data;
        const quota = m.parameters.quotas.find((q) => q.year === Number(on.slice(0, 4)));
        return (
          <li key={r.id} data-mechanism={m.code}>
            <h3>{m.title}</h3>
            <p>
              <span className="badge">{labelOr(MECHANISM_LABELS, m.kind, t)}</span>{' '}
              {r.state && <span className="badge">{labelOr(STATE_LABELS, r.state, t)}</span>}{' '}
              <span className="muted">{m.from ? (m.to ? t('country.period', { from: fmt.date(m.from), to: fmt.date(m.to) }) : t('country.since', { from: fmt.date(m.from) })) : t('partnership.notStarted')}</span>
            </p>
            <ul>
              {m.memberStates.length > 0 && <li>{t('partnership.memberStates', { list: m.memberStates.join(', ') })}</li>}
              <li>{m.parameters.capacity === null ? t('partnership.capacityNone') : t('partnership.mechanismCapacity', { n: fmt.number(m.parameters.capacity) })}</li>
              {m.parameters.cap && <li>{t('partnership.lifeCap', { n: fmt.number(m.parameters.cap.total) })}{m.parameters.cap.note ? ` — ${m.parameters.cap.note}` : ''}</li>}
              {quota && <li>{t('partnership.quota', { year: quota.year, n: fmt.number(quota.quota) })}</li>}
              {m.parameters.eligibility && <li>{t('partnership.eligibility', { text: m.parameters.eligibility })}</li>}
              {m.parameters.categoriesExcluded.length > 0 && <li>{t('partnership.excluded', { list: m.parameters.categoriesExcluded.join('; ') })}</li>}
            </ul>
            {m.kind === 'one-to-one' && <Ledger code={m.code} on={on} />}
            <SourceList sources={m.sources} label={t('country.sources')} />
          </li>
        );
      })}
    </ul>
  );
}

function Facilities({ records }: { records: Array<RegistryRecord<FacilityData>> }) {
  const { t, fmt } = useI18n();
  const names = useCountryNames();
  if (records.length === 0) return <p className="muted">{t('country.noneRecorded')}</p>;
  return (
    <div className="table-scroll">
      <table aria-labelledby="facilities-title">
        <thead>
          <tr>
            <th scope="col">{t('partnership.facility')}</th>
            <th scope="col">{t('partnership.place')}</th>
            <th scope="col">{t('partnership.operator')}</th>
            <th scope="col">{t('partnership.capacity')}</th>
            <th scope="col">{t('partnership.occupancy')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => {
            const f = r.data;
            const s = r.summary as FacilitySummary | null;
            return (
              <tr key={r.id} data-facility={f.code}>
                <th scope="row">{f.name}{r.state && <> <span className="badge">{labelOr(STATE_LABELS, r.state, t)}</span></>}</th>
                <td>{f.location.place}, {names(f.location.country)}<br /><span className="muted">{t('partnership.jurisdiction', { country: names(f.jurisdiction) })}</span></td>
                <td>{f.operator}</td>
                <td>
                  {s?.capacity == null ? t('partnership.capacityNone') : t('partnership.places', { n: fmt.number(s.capacity) })}
                  {s && s.sections.length > 1 && <ul>{s.sections.map((x) => <li key={x.section}>{x.section}: {fmt.number(x.places)}</li>)}</ul>}
                </td>
                <td>
                  {s?.occupancy
                    ? <>{t('partnership.occupancyOn', { n: fmt.number(s.occupancy.persons), date: fmt.date(s.occupancy.on) })} <span className="muted">({t(s.occupancy.via === 'reported' ? 'partnership.viaReported' : 'partnership.viaCases')})</span>
                      {s.overCapacity && <> <span className="badge badge-no">{t('partnership.overCapacity')}</span></>}</>
                    : <span className="muted">{t('partnership.occupancyNotReported')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Funding({ records }: { records: Array<RegistryRecord<FundingData>> }) {
  const { t, fmt, language } = useI18n();
  if (records.length === 0) return <p className="muted">{t('partnership.noFunding')}</p>;
  const lines = records.map((r) => r.data).sort((a, b) => a.date.localeCompare(b.date));
  return (
    <>
      <ul aria-label={t('partnership.fundingTotals')}>
        {fundingTotals(lines).map((total) => (
          <li key={`${total.type}:${total.currency}`}>{t('partnership.fundingTotal', { type: labelOr(FUNDING_TYPE_LABELS, total.type, t), amount: formatMoney(language, total.amount, total.currency), n: fmt.number(total.lines) })}</li>
        ))}
      </ul>
      <div className="table-scroll">
        <table aria-labelledby="funding-title">
          <thead>
            <tr>
              <th scope="col">{t('partnership.fundingDate')}</th>
              <th scope="col">{t('partnership.fundingType')}</th>
              <th scope="col">{t('partnership.fundingMeasure')}</th>
              <th scope="col">{t('partnership.fundingInstrument')}</th>
              <th scope="col">{t('partnership.fundingAmount')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((f) => (
              <tr key={f.code}>
                <td>{fmt.date(f.date)}</td>
                <td>{labelOr(FUNDING_TYPE_LABELS, f.type, t)}</td>
                <td>{f.measure}<SourceList sources={f.sources} label={t('country.sources')} /></td>
                <td><code>{f.instrument}</code></td>
                <td style={{ textAlign: 'right' }}>{formatMoney(language, f.amount.amount, f.amount.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Outreach({ records, on }: { records: Array<RegistryRecord<OutreachEventData>>; on: string }) {
  const { t, fmt, language } = useI18n();
  if (records.length === 0) return <p className="muted">{t('partnership.noEvents')}</p>;
  const monthName = (month: string) => new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
  return (
    <ol className="calendar" aria-label={t('partnership.calendar')}>
      {calendarMonths(records.map((r) => r.data)).map(({ month, events }) => (
        <li key={month}>
          <h3>{monthName(month)}</h3>
          <ul className="cards">
            {events.map((e) => {
              const timing = timingOf(e, on);
              return (
                <li key={e.code}>
                  <h4>{e.title}</h4>
                  <p>
                    <span className="badge">{labelOr(EVENT_TYPE_LABELS, e.type, t)}</span>{' '}
                    <span className="badge">{labelOr(TIMING_LABELS, timing, t)}</span>{' '}
                    {e.to && e.to !== e.from ? t('country.period', { from: fmt.date(e.from), to: fmt.date(e.to) }) : fmt.date(e.from)}
                    {e.place && ` · ${e.place}`}
                  </p>
                  {(e.asks.length > 0 || e.commitments.length > 0) && (
                    <p className="muted">{t('partnership.asksCommitments', { asks: fmt.number(e.asks.length), commitments: fmt.number(e.commitments.length) })}</p>
                  )}
                  <SourceList sources={e.sources} label={t('country.sources')} />
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function Report({ code, on }: { code: string; on: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [month, setMonth] = useState(() => previousMonth(on));
  const [state, setState] = useState<{ status: 'idle' } | { status: 'busy'; format: ReportFormat } | { status: 'saved'; filename: string } | { status: 'error'; problem: Problem }>({ status: 'idle' });
  const download = async (format: ReportFormat) => {
    setState({ status: 'busy', format });
    try {
      const file = await fetchReport({ api, code, month, format });
      const url = URL.createObjectURL(file.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ status: 'saved', filename: file.filename });
    } catch (error) {
      setState({ status: 'error', problem: problemOf(error) });
    }
  };
  const valid = isMonth(month);
  return (
    <>
      <p>{t('partnership.reportIntro')}</p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="report-month">{t('partnership.reportMonth')}</label>
          <input id="report-month" type="month" value={month} required aria-invalid={!valid} onChange={(e) => setMonth(e.target.value)} />
        </div>
        <div className="actions">
          <button type="button" disabled={!valid || state.status === 'busy'} onClick={() => void download('html')}>{t('partnership.reportHtml')}</button>
          <button type="button" disabled={!valid || state.status === 'busy'} onClick={() => void download('pdf')}>{t('partnership.reportPdf')}</button>
        </div>
      </div>
      <div role="status">
        {state.status === 'busy' && t('partnership.reportBusy')}
        {state.status === 'saved' && t('partnership.reportSaved', { file: state.filename })}
      </div>
      {state.status === 'error' && <ProblemMessage problem={state.problem} />}
    </>
  );
}

export default function PartnershipScreen({ params }: ScreenProps) {
  const { t, fmt } = useI18n();
  const names = useCountryNames();
  const { location, navigate } = useRouter();
  const code = params.code ?? '';
  const on = location.search.get('on') ?? todayIso();
  const profile = useApi<PartnershipProfile>(`/api/registries/partnerships/${encodeURIComponent(code)}/profile`, { on });
  const title = profile.status === 'ready' ? profile.data.partnership.data.title : t('partnership.title');
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p><Link to={`/partnerships?on=${on}`}>{t('partnership.back')}</Link></p>
      <div className="toolbar">
        <DateField label={t('map.on')} value={on} onChange={(date) => navigate(`/partnerships/${encodeURIComponent(code)}?on=${date}`, { replace: true })} />
      </div>
      <Loaded state={profile}>{(p) => {
        const d = p.partnership.data;
        const related = <T,>(plural: string) => (p.related[plural] ?? []) as unknown as Array<RegistryRecord<T>>;
        const summary = p.partnership.summary as PartnershipSummary | null;
        const routes = summary?.routes ?? [];
        const parties = [
          d.parties.eu ? t('partnership.eu') : null, ...d.parties.memberStates.map((c) => names(c)), names(d.parties.partner),
          ...d.parties.otherStates.map((c) => names(c)), ...d.parties.organisations,
        ].filter((x): x is string => x !== null);
        return (
          <>
            <Section id="instrument" title={t('partnership.instrument')}>
              <dl className="grid">
                <div><dt>{t('partnerships.kind')}</dt><dd>{labelOr(KIND_LABELS, d.kind, t)} · {t('partnership.binding', { value: yesNo(d.legallyBinding, t) })}</dd></div>
                <div><dt>{t('partnerships.partner')}</dt><dd><Link to={`/countries/${d.parties.partner}?on=${on}`}>{names(d.parties.partner)}</Link></dd></div>
                <div><dt>{t('partnership.parties')}</dt><dd>{parties.join(', ')}</dd></div>
                <div><dt>{t('partnerships.routes')}</dt><dd>{routes.length ? routes.join(', ') : t('partnerships.noRoute')}</dd></div>
                <div><dt>{t('partnership.signed')}</dt><dd>{d.dates.signed ? fmt.date(d.dates.signed) : t('partnership.notEstablished')}</dd></div>
                <div><dt>{t('partnership.inForce')}</dt><dd>{d.dates.inForce ? fmt.date(d.dates.inForce) : t('partnership.notEstablished')}</dd></div>
                {d.dates.ended && <div><dt>{t('partnership.ended')}</dt><dd>{fmt.date(d.dates.ended)}</dd></div>}
                <div><dt>{t('partnership.keptBy')}</dt><dd>{d.owner}</dd></div>
              </dl>
              {d.unverified.length > 0 && (
                <details>
                  <summary>{t('partnership.unverified', { n: fmt.number(d.unverified.length) })}</summary>
                  <ul>{d.unverified.map((u) => <li key={u.field}><code>{u.field}</code>: {u.note}</li>)}</ul>
                </details>
              )}
              {d.note && <p className="muted">{d.note}</p>}
              <SourceList sources={d.documents} label={t('partnership.documents')} />
            </Section>
            <Lifecycle data={d} summary={summary} on={p.on} />
            <Section id="mechanisms" title={t('partnership.mechanisms')}>
              <Mechanisms records={related<MechanismData>('mechanisms')} on={p.on} />
            </Section>
            <Section id="facilities" title={t('partnership.facilities')}>
              <Facilities records={related<FacilityData>('facilities')} />
            </Section>
            <Section id="funding" title={t('partnership.funding')}>
              <Funding records={related<FundingData>('funding')} />
            </Section>
            <Section id="monitoring" title={t('partnership.monitoring')}>
              <dl className="grid">
                <div><dt>{t('partnership.monitoringBody')}</dt><dd>{d.monitoring.body ?? t('partnership.noMonitoringBody')}</dd></div>
                <div><dt>{t('partnership.independent')}</dt><dd>{yesNo(d.monitoring.independent, t)}</dd></div>
                {d.monitoring.designatedOn && <div><dt>{t('partnership.designatedOn')}</dt><dd>{fmt.date(d.monitoring.designatedOn)}</dd></div>}
                <div><dt>{t('partnership.nonRefoulement')}</dt><dd>{yesNo(d.humanRights.nonRefoulementClause, t)}</dd></div>
                <div><dt>{t('partnership.humanRights')}</dt><dd>{yesNo(d.humanRights.humanRightsClause, t)}</dd></div>
              </dl>
              {d.humanRights.text && <p>{d.humanRights.text}</p>}
              {d.monitoring.reports.length > 0 && (
                <ul aria-label={t('partnership.monitoringReports')}>
                  {d.monitoring.reports.map((r, i) => <li key={i}>{r.url ? <a href={r.url} rel="noreferrer" target="_blank">{r.title}</a> : r.title}{r.findings && <span className="muted"> — {r.findings}</span>}</li>)}
                </ul>
              )}
            </Section>
            <Section id="outreach" title={t('partnership.outreach')}>
              <Outreach records={related<OutreachEventData>('outreach-events')} on={p.on} />
            </Section>
            <Section id="report" title={t('partnership.report')}>
              <Report code={d.code} on={p.on} />
            </Section>
          </>
        );
      }}</Loaded>
    </>
  );
}
