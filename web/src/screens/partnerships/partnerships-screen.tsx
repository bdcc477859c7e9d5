/**
 * @module web/screens/partnerships/partnerships-screen
 * Partnerships on a date (registry kind `partnership`, `GET /api/registries/partnerships?on=`): a
 * small map of the partner countries (the Countries screen's offline world map, shaded by where their
 * partnerships stand), the table of partnerships with partner, kind, the routes they follow, the
 * lifecycle phase and what its next gate still misses, and the same partnerships grouped by route.
 * Each title links to the partnership's page.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { Problem } from '../../api/problem.ts';
import type { RegistryRecord } from '../../api/types.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { DateField } from '../../components/date-field.tsx';
import { Loading } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { todayIso } from '../../i18n/format.ts';
import { useCountryNames, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { Link, useRouter } from '../../router/router.tsx';
import { LEGENDS, NONE_COLOUR } from '../countries/colouring.ts';
import { fetchAllRecords } from '../countries/registry-fetch.ts';
import { KIND_LABELS, labelOr, PHASE_LABELS } from './labels.ts';
import { groupByRoute, shadePartners, STANDING_CATEGORY, type Standing } from './partners.ts';
import type { PartnershipData, PartnershipSummary } from './types.ts';

const WorldMap = lazy(() => import('../countries/world-map.tsx'));

const STANDING_LABELS: Record<Standing, MessageKey> = {
  'in-effect': 'partnerships.standing.inEffect',
  preparing: 'partnerships.standing.preparing',
  stopped: 'partnerships.standing.stopped',
};

type Data = { status: 'loading' } | { status: 'error'; problem: Problem } | { status: 'ready'; records: Array<RegistryRecord<PartnershipData>> };

export default function PartnershipsScreen() {
  const { t, fmt, countryLanguage } = useI18n();
  const names = useCountryNames();
  const { api } = useSession();
  const { location, navigate } = useRouter();
  const on = location.search.get('on') ?? todayIso();
  const [data, setData] = useState<Data>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    setData({ status: 'loading' });
    fetchAllRecords<PartnershipData>(api, '/api/registries/partnerships', { on }).then(
      (records) => { if (live) setData({ status: 'ready', records }); },
      (error: unknown) => { if (live) setData({ status: 'error', problem: problemOf(error) }); },
    );
    return () => { live = false; };
  }, [api, on]);

  const records = useMemo(() => (data.status === 'ready'
    ? [...data.records].sort((a, b) => names(a.data.parties.partner).localeCompare(names(b.data.parties.partner), countryLanguage) || a.data.title.localeCompare(b.data.title))
    : []), [data, names, countryLanguage]);
  const { shades, standing } = useMemo(() => shadePartners(records), [records]);
  const phaseText = (r: RegistryRecord<PartnershipData>) => {
    const phase = (r.summary as PartnershipSummary | null)?.phase ?? null;
    return phase ? t(PHASE_LABELS[phase]) : t('partnerships.notBegun');
  };
  const describe = (code: string) => {
    const own = records.filter((r) => r.data.parties.partner === code);
    const s = standing.get(code);
    if (!s) return `${names(code)}: ${t('partnerships.noPartnership')}`;
    return `${names(code)}: ${t(STANDING_LABELS[s])} · ${own.map((r) => `${r.data.title} (${phaseText(r)})`).join('; ')}`;
  };
  const colours = new Map(LEGENDS.readmission.map((c) => [c.id, c.colour]));

  return (
    <>
      <PageTitle>{t('partnerships.title')}</PageTitle>
      <p className="hint">{t('partnerships.intro')}</p>
      <div className="toolbar">
        <DateField label={t('map.on')} value={on} onChange={(date) => navigate(`/partnerships?on=${date}`, { replace: true })} />
      </div>
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && <ProblemMessage problem={data.problem} />}
      {data.status === 'ready' && (
        <>
          <section aria-labelledby="partners-map-title">
            <h2 id="partners-map-title">{t('partnerships.mapTitle', { date: fmt.date(on) })}</h2>
            <a href="#partnerships-table" className="skip-inline">{t('partnerships.skipMap')}</a>
            <ul className="legend" aria-label={t('map.legend')}>
              {(Object.keys(STANDING_LABELS) as Standing[]).map((s) => (
                <li key={s}><span className="swatch" style={{ background: colours.get(STANDING_CATEGORY[s]) }} aria-hidden="true" />{t(STANDING_LABELS[s])} ({fmt.number([...standing.values()].filter((v) => v === s).length)})</li>
              ))}
              <li><span className="swatch" style={{ background: NONE_COLOUR }} aria-hidden="true" />{t('partnerships.noPartnership')}</li>
            </ul>
            <p className="hint">{t('partnerships.mapHint')}</p>
            <div style={{ maxWidth: '44rem' }}>
              <Suspense fallback={<Loading />}>
                <WorldMap mode="readmission" shades={shades} names={names} describe={describe} labelledBy="partners-map-title" />
              </Suspense>
            </div>
          </section>
          <section aria-labelledby="partnerships-table-title">
            <h2 id="partnerships-table-title">{t('partnerships.list', { n: fmt.number(records.length) })}</h2>
            {records.length === 0 ? <p role="status">{t('partnerships.none')}</p> : (
              <div className="table-scroll">
                <table id="partnerships-table" tabIndex={-1}>
                  <caption className="visually-hidden">{t('partnerships.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('partnerships.partnership')}</th>
                      <th scope="col">{t('partnerships.partner')}</th>
                      <th scope="col">{t('partnerships.kind')}</th>
                      <th scope="col">{t('partnerships.routes')}</th>
                      <th scope="col">{t('partnerships.phase')}</th>
                      <th scope="col">{t('partnerships.nextGate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {records.map((r) => {
                      const s = r.summary as PartnershipSummary | null;
                      const routes = s?.routes ?? [];
                      return (
                        <tr key={r.id}>
                          <td><Link to={`/partnerships/${encodeURIComponent(r.data.code)}?on=${on}`}>{r.data.title}</Link></td>
                          <td>{names(r.data.parties.partner)} <code>{r.data.parties.partner}</code></td>
                          <td>{labelOr(KIND_LABELS, r.data.kind, t)}</td>
                          <td>{routes.length ? routes.join(', ') : <span className="muted">{t('partnerships.noRoute')}</span>}</td>
                          <td>
                            {phaseText(r)}
                            {s?.since && <span className="muted"> · {t('partnerships.since', { date: fmt.date(s.since) })}</span>}
                            {s?.suspendedOn && <> <span className="badge badge-no">{t('partnerships.suspendedOn')}</span></>}
                          </td>
                          <td>
                            {!s?.next ? <span className="muted">{t('partnerships.noNextGate')}</span>
                              : s.next.missing.length === 0 ? t('partnerships.gateReady', { phase: t(PHASE_LABELS[s.next.phase]) })
                                : t('partnerships.gateMissing', { phase: t(PHASE_LABELS[s.next.phase]), n: fmt.number(s.next.missing.length) })}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="by-route-title">
            <h2 id="by-route-title">{t('partnerships.byRoute')}</h2>
            <ul className="grid">
              {groupByRoute(records.map((r) => ({ routes: (r.summary as PartnershipSummary | null)?.routes ?? [], record: r }))).map((group) => (
                <li key={group.route ?? 'none'}>
                  <h3>{group.route ?? t('partnerships.noRoute')}</h3>
                  <ul>
                    {group.items.map(({ record: r }) => (
                      <li key={r.id}><Link to={`/partnerships/${encodeURIComponent(r.data.code)}?on=${on}`}>{r.data.title}</Link> <span className="muted">({names(r.data.parties.partner)}, {phaseText(r)})</span></li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
