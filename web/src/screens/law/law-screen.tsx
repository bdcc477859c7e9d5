/**
 * @module web/screens/law/law-screen
 * The law in force on a chosen date: the instruments cited and whether they apply, the rules with
 * the version in force and its legal basis, and every parameter's value with its citation
 * (GET /api/law/instruments, /api/law/rules). The date is in the address (`?on=`), so a view can be
 * shared.
 */
import { useState } from 'react';
import type { Instrument, LawCatalog } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { Citations } from '../../components/citations.tsx';
import { DateField } from '../../components/date-field.tsx';
import { Loaded } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { todayIso } from '../../i18n/format.ts';
import { useCountryNames, useI18n } from '../../i18n/i18n.tsx';
import { useRouter } from '../../router/router.tsx';
import { LawNav } from './law-nav.tsx';
import { formatParameterValue } from './values.ts';

function matches(filter: string, ...texts: Array<string | undefined>): boolean {
  const needle = filter.trim().toLowerCase();
  return !needle || texts.some((text) => text?.toLowerCase().includes(needle));
}

export default function LawScreen() {
  const { t, fmt } = useI18n();
  const countryName = useCountryNames();
  const { location, navigate } = useRouter();
  const on = location.search.get('on') ?? todayIso();
  const [filter, setFilter] = useState('');
  const instruments = useApi<Instrument[]>('/api/law/instruments', { on });
  const catalog = useApi<LawCatalog>('/api/law/rules', { on });

  return (
    <>
      <PageTitle>{t('law.title')}</PageTitle>
      <LawNav on={on} />
      <div className="toolbar">
        <DateField label={t('law.on')} value={on} onChange={(date) => navigate(`/law?on=${date}`, { replace: true })} />
        <div className="field">
          <label htmlFor="law-filter">{t('law.filter')}</label>
          <input id="law-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      </div>

      <section aria-labelledby="instruments">
        <h2 id="instruments">{t('law.instruments')}</h2>
        <Loaded state={instruments}>{(list) => (
          <div className="table-scroll">
            <table>
              <thead><tr><th scope="col">{t('law.instrument')}</th><th scope="col">{t('law.appliesFrom')}</th><th scope="col">{t('law.appliesUntil')}</th><th scope="col">{t('law.appliesOn', { date: fmt.date(on) })}</th></tr></thead>
              <tbody>
                {list.filter((i) => matches(filter, i.short, i.title)).map((i) => (
                  <tr key={i.id}>
                    <td>{i.url ? <a href={i.url} rel="noreferrer" target="_blank">{i.short}</a> : i.short}<br /><span className="muted">{i.title}</span></td>
                    <td>{i.applies_from ? fmt.date(i.applies_from) : '—'}</td>
                    <td>{i.applies_until ? fmt.date(i.applies_until) : '—'}</td>
                    <td><span className={`badge ${i.appliesOn ? 'badge-yes' : 'badge-no'}`}>{i.appliesOn ? t('law.applies') : t('law.doesNotApply')}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}</Loaded>
      </section>

      <Loaded state={catalog}>{(law) => (
        <>
          <section aria-labelledby="rules">
            <h2 id="rules">{t('law.rules')}</h2>
            <ul className="cards">
              {law.rules.filter((r) => matches(filter, r.label, r.id, ...r.basis.map((b) => b.title))).map((rule) => (
                <li key={rule.id}>
                  <h3>{rule.label}</h3>
                  <p><code>{rule.id}</code> · {rule.inForce && rule.version ? t('law.versionInForce', { date: fmt.date(rule.version) }) : t('law.notInForce')}
                    {rule.end ? ` · ${t('law.ends', { date: fmt.date(rule.end) })}` : ''}</p>
                  <Citations basis={rule.basis} />
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="parameters">
            <h2 id="parameters">{t('law.parameters')}</h2>
            <div className="table-scroll">
              <table>
                <thead><tr><th scope="col">{t('law.parameter')}</th><th scope="col">{t('law.value')}</th><th scope="col">{t('law.since')}</th><th scope="col">{t('law.basis')}</th></tr></thead>
                <tbody>
                  {law.parameters.filter((p) => matches(filter, p.description, p.id)).map((p) => (
                    <tr key={p.id}>
                      <td>{p.description}<br /><code className="muted">{p.id}</code></td>
                      <td>{p.inForce ? formatParameterValue(p.value, p.unit, { t, fmt, countryName }) : t('law.notInForce')}</td>
                      <td>{p.from ? fmt.date(p.from) : '—'}</td>
                      <td><Citations basis={p.reference} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}</Loaded>
    </>
  );
}
