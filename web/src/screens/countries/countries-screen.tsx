/**
 * @module web/screens/countries/countries-screen
 * Countries on a date: a world map coloured by a designation kind, readmission cooperation, the
 * country's place in the Union, or the EU-wide recognition rate; the legend with counts; and a table
 * of the countries with a value (or all, filtered by name), each linking to the country's page.
 * Mode, date and the language of country names are in the address or the preferences.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { Problem } from '../../api/problem.ts';
import type { CountryData, DesignationData, IndicatorResult, ReadmissionData, RecognitionRow } from '../../api/types.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { DateField } from '../../components/date-field.tsx';
import { Loading } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { EU_LANGUAGES, isEuLanguage } from '../../i18n/country-names.ts';
import { todayIso } from '../../i18n/format.ts';
import { useCountryNames, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { Link, useRouter } from '../../router/router.tsx';
import { countByCategory, isMode, LEGENDS, MODES, NONE_COLOUR, shadeDesignations, shadeEuStatus, shadeReadmission, shadeRecognition, type Mode, type Shade, type Shades } from './colouring.ts';
import { countryCodes, fetchAllRecords } from './registry-fetch.ts';

const WorldMap = lazy(() => import('./world-map.tsx'));

const MODE_LABELS: Record<Mode, MessageKey> = {
  'safe-country-of-origin': 'map.mode.sco',
  'safe-third-country': 'map.mode.stc',
  readmission: 'map.mode.readmission',
  'eu-status': 'map.mode.euStatus',
  'recognition-rate': 'map.mode.recognition',
};

/** A language's name in that language ("Deutsch", "Ελληνικά"), so each reader finds their own. */
function endonym(code: string): string {
  try { return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code; } catch { return code; }
}

type Data = { status: 'loading' } | { status: 'error'; problem: Problem } | { status: 'ready'; shades: Shades; codes: string[] };

export default function CountriesScreen() {
  const { t, fmt, countryLanguage, setCountryLanguage } = useI18n();
  const names = useCountryNames();
  const { api } = useSession();
  const { location, navigate } = useRouter();
  const on = location.search.get('on') ?? todayIso();
  const requested = location.search.get('by');
  const mode: Mode = isMode(requested) ? requested : 'safe-country-of-origin';
  const year = Number(on.slice(0, 4)) - 1;
  const [data, setData] = useState<Data>({ status: 'loading' });
  const [filter, setFilter] = useState('');
  const [all, setAll] = useState(false);

  useEffect(() => {
    let live = true;
    setData({ status: 'loading' });
    (async () => {
      const codes = await countryCodes(api);
      let shades: Shades;
      if (mode === 'safe-country-of-origin' || mode === 'safe-third-country') {
        shades = shadeDesignations((await fetchAllRecords<DesignationData>(api, '/api/registries/designations', { kind: mode, on })).map((r) => r.data));
      } else if (mode === 'readmission') {
        shades = shadeReadmission((await fetchAllRecords<ReadmissionData>(api, '/api/registries/readmission', { on })).map((r) => r.data));
      } else if (mode === 'eu-status') {
        const [members, schengen, candidates] = await Promise.all(['eu-member', 'schengen', 'candidate'].map((status) => fetchAllRecords<CountryData>(api, '/api/registries/countries', { status, on })));
        shades = shadeEuStatus({ members: members!.map((c) => c.key), schengen: schengen!.map((c) => c.key), candidates: candidates!.map((c) => c.key) });
      } else {
        const { data: rates } = await api.get<IndicatorResult<RecognitionRow>>('/api/stats/recognition-rates', { from: year, to: year, limit: 10000 });
        shades = shadeRecognition(rates.items, year);
      }
      return { codes, shades };
    })().then(({ codes, shades }) => { if (live) setData({ status: 'ready', codes, shades }); }, (error: unknown) => { if (live) setData({ status: 'error', problem: problemOf(error) }); });
    return () => { live = false; };
  }, [api, mode, on, year]);

  const legend = LEGENDS[mode];
  const labelOf = (shade: Shade | undefined): string => {
    if (!shade) return t('map.cat.none');
    const entry = legend.find((c) => c.id === shade.category);
    const parts = [entry ? t(entry.label) : shade.category];
    if (shade.rate !== undefined) parts.push(fmt.percent(shade.rate));
    if (shade.memberStates && shade.memberStates.length > 0) parts.push(t('map.memberStates', { list: shade.memberStates.join(', ') }));
    return parts.join(' · ');
  };
  const describe = (code: string) => `${names(code)}: ${labelOf(data.status === 'ready' ? data.shades.get(code) : undefined)}`;
  const setQuery = (changes: Record<string, string>) => {
    const params = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) params.set(k, v);
    navigate(`/countries?${params}`, { replace: true });
  };
  const rows = useMemo(() => {
    if (data.status !== 'ready') return [];
    const needle = filter.trim().toLocaleLowerCase();
    return data.codes
      .filter((code) => (all || needle ? true : data.shades.has(code)))
      .filter((code) => !needle || names(code).toLocaleLowerCase().includes(needle) || code.toLowerCase() === needle)
      .sort((a, b) => names(a).localeCompare(names(b), countryLanguage));
  }, [data, filter, all, names, countryLanguage]);
  const counts = data.status === 'ready' ? countByCategory(data.shades) : new Map<string, number>();

  return (
    <>
      <PageTitle>{t('countries.title')}</PageTitle>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="colour-by">{t('map.colourBy')}</label>
          <select id="colour-by" value={mode} onChange={(e) => setQuery({ by: e.target.value })}>
            {MODES.map((m) => <option key={m} value={m}>{t(MODE_LABELS[m])}</option>)}
          </select>
        </div>
        <DateField label={t('map.on')} value={on} onChange={(date) => setQuery({ on: date })} />
        <div className="field">
          <label htmlFor="country-language">{t('countries.namesIn')}</label>
          <select id="country-language" value={countryLanguage} onChange={(e) => setCountryLanguage(isEuLanguage(e.target.value) ? e.target.value : null)}>
            {EU_LANGUAGES.map((code) => <option key={code} value={code} lang={code}>{endonym(code)}</option>)}
          </select>
        </div>
      </div>
      {mode === 'recognition-rate' && <p className="hint">{t('map.recognitionNote', { year })}</p>}
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && <ProblemMessage problem={data.problem} />}
      {data.status === 'ready' && (
        <>
          <section aria-labelledby="map-title">
            <h2 id="map-title">{t('map.title', { mode: t(MODE_LABELS[mode]), date: fmt.date(on) })}</h2>
            <a href="#country-table" className="skip-inline">{t('map.skip')}</a>
            <ul className="legend" aria-label={t('map.legend')}>
              {legend.map((c) => (
                <li key={c.id}><span className="swatch" style={{ background: c.colour }} aria-hidden="true" />{t(c.label)} ({fmt.number(counts.get(c.id) ?? 0)})</li>
              ))}
              <li><span className="swatch" style={{ background: NONE_COLOUR }} aria-hidden="true" />{t('map.cat.none')}</li>
            </ul>
            {data.shades.size === 0 && <p role="status">{t('map.empty')}</p>}
            <Suspense fallback={<Loading />}>
              <WorldMap mode={mode} shades={data.shades} names={names} describe={describe} labelledBy="map-title" />
            </Suspense>
          </section>
          <section aria-labelledby="country-table-title">
            <h2 id="country-table-title">{t('countries.list')}</h2>
            <div className="toolbar">
              <div className="field">
                <label htmlFor="country-filter">{t('countries.find')}</label>
                <input id="country-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
              </div>
              <div className="field checkbox">
                <input id="all-countries" type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
                <label htmlFor="all-countries">{t('countries.showAll')}</label>
              </div>
            </div>
            <table id="country-table" tabIndex={-1}>
              <caption className="visually-hidden">{t('countries.list')}</caption>
              <thead><tr><th scope="col">{t('countries.country')}</th><th scope="col">{t('countries.code')}</th><th scope="col">{t(MODE_LABELS[mode])}</th></tr></thead>
              <tbody>
                {rows.map((code) => (
                  <tr key={code}>
                    <td><Link to={`/countries/${code}?on=${on}`}>{names(code)}</Link></td>
                    <td><code>{code}</code></td>
                    <td>{labelOf(data.shades.get(code))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length === 0 && <p>{t('countries.noneMatch')}</p>}
          </section>
        </>
      )}
    </>
  );
}
