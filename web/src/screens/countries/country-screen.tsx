/**
 * @module web/screens/countries/country-screen
 * One country on a date (GET /api/registries/countries/{code}/profile): its place in the Union, its
 * designations over time as a timeline (with suspensions, and the date looked at marked), readmission
 * cooperation, agreements (partnerships and their mechanisms), facilities with capacity and
 * occupancy, funding, and any other registry record naming it — each with its state on the date,
 * its sources and note; users allowed to update a record may edit its note (note-editor.tsx).
 */
import type { CountryProfile, DesignationData, RegistryRecord, Source } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { DateField } from '../../components/date-field.tsx';
import { Loaded } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { todayIso } from '../../i18n/format.ts';
import { useCountryNames, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { Link, useRouter } from '../../router/router.tsx';
import type { ScreenProps } from '../../routes.ts';
import { NoteEditor } from './note-editor.tsx';
import { layoutTimeline } from './timeline.ts';

/** The profile's related kinds (by plural), grouped as the page shows them; any other kind goes under "other records". */
const SECTIONS: Array<{ id: string; title: MessageKey; kinds: string[] }> = [
  { id: 'readmission', title: 'country.readmission', kinds: ['readmission'] },
  { id: 'agreements', title: 'country.agreements', kinds: ['partnerships', 'mechanisms'] },
  { id: 'facilities', title: 'country.facilities', kinds: ['facilities'] },
  { id: 'funding', title: 'country.funding', kinds: ['funding', 'funding-instruments'] },
];

function sourcesOf(record: RegistryRecord): Source[] {
  const data = record.data as { sources?: Source[]; evidence?: Source[] };
  return [...(data.sources ?? []), ...(data.evidence ?? [])];
}

/** What a record says on the date, in a few words: a facility's capacity and occupancy, a partnership's phase. */
function Summary({ record }: { record: RegistryRecord }) {
  const { t, fmt } = useI18n();
  const s = record.summary as { capacity?: number | null; occupancy?: { persons: number; on: string } | null; phase?: string } | null;
  if (!s) return null;
  const parts: string[] = [];
  if (typeof s.phase === 'string') parts.push(t('country.phase', { phase: s.phase }));
  if (typeof s.capacity === 'number') parts.push(t('country.capacity', { n: fmt.number(s.capacity) }));
  if (s.occupancy) parts.push(t('country.occupancy', { n: fmt.number(s.occupancy.persons), date: fmt.date(s.occupancy.on) }));
  return parts.length ? <p>{parts.join(' · ')}</p> : null;
}

/** A registry record with the plural of its kind (its API path). */
type Related = { plural: string; record: RegistryRecord };

function relatedOf(profile: CountryProfile, plurals: string[]): Related[] {
  return plurals.flatMap((plural) => (profile.related[plural] ?? []).map((record) => ({ plural, record })));
}

function RecordList({ records, onChanged }: { records: Related[]; onChanged(): void }) {
  const { t } = useI18n();
  if (records.length === 0) return <p className="muted">{t('country.noneRecorded')}</p>;
  return (
    <ul className="cards">
      {records.map(({ plural, record: r }) => {
        const sources = sourcesOf(r);
        return (
          <li key={r.id}>
            <h4>{r.label}</h4>
            <p>{r.state && <span className="badge">{r.state}</span>} <span className="muted">{t('country.keptBy', { owner: r.owner })}</span></p>
            <Summary record={r} />
            {sources.length > 0 && (
              <ul className="citations" aria-label={t('country.sources')}>
                {sources.map((s, i) => <li key={`${s.title}:${i}`}>{s.url ? <a href={s.url} rel="noreferrer" target="_blank">{s.title}</a> : s.title}</li>)}
              </ul>
            )}
            {typeof r.data.note === 'string' && <p className="muted">{r.data.note}</p>}
            {r.allowed.includes('update') && <NoteEditor plural={plural} record={r} onSaved={onChanged} />}
          </li>
        );
      })}
    </ul>
  );
}

function DesignationTimeline({ records, on }: { records: Array<RegistryRecord<DesignationData>>; on: string }) {
  const { t, fmt } = useI18n();
  if (records.length === 0) return <p className="muted">{t('country.noDesignations')}</p>;
  const kindLabel = (d: DesignationData) => t(d.kind === 'safe-country-of-origin' ? 'map.mode.sco' : 'map.mode.stc');
  const timeline = layoutTimeline(records.map((r) => ({
    id: r.id, label: `${kindLabel(r.data)} — ${r.data.level === 'eu' ? t('country.unionList') : r.data.memberState ?? ''}`,
    from: r.data.from, to: r.data.to, gaps: r.data.suspensions ?? [],
  })), { on, today: todayIso() });
  const byId = new Map(records.map((r) => [r.id, r]));
  return (
    <div className="timeline">
      <div className="timeline-axis" aria-hidden="true">
        {timeline.ticks.map((tick) => <span key={tick.year} style={{ left: `${tick.left}%` }}>{tick.year}</span>)}
      </div>
      <ol aria-label={t('country.timeline')}>
        {timeline.rows.map((row) => {
          const record = byId.get(row.id)!;
          const period = row.to ? t('country.period', { from: fmt.date(row.from), to: fmt.date(row.to) }) : t('country.since', { from: fmt.date(row.from) });
          return (
            <li key={row.id}>
              <span className="timeline-label">{row.label}: {period}{record.state ? ` (${record.state})` : ''}</span>
              <span className="timeline-track" aria-hidden="true">
                <span className={`timeline-bar ${row.to === null ? 'open' : ''}`} style={{ left: `${row.left}%`, width: `${row.width}%` }} />
                {row.gaps.map((gap, i) => <span key={i} className="timeline-gap" style={{ left: `${gap.left}%`, width: `${gap.width}%` }} />)}
                {timeline.marker !== null && <span className="timeline-marker" style={{ left: `${timeline.marker}%` }} />}
              </span>
              {(record.data.exceptions?.regions?.length ?? 0) > 0 && <span className="muted">{t('country.exceptRegions', { list: record.data.exceptions!.regions!.join(', ') })}</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export default function CountryScreen({ params }: ScreenProps) {
  const { t, fmt } = useI18n();
  const names = useCountryNames();
  const { location, navigate } = useRouter();
  const code = (params.code ?? '').toUpperCase();
  const on = location.search.get('on') ?? todayIso();
  const profile = useApi<CountryProfile>(`/api/registries/countries/${encodeURIComponent(code)}/profile`, { on });
  return (
    <>
      <PageTitle>{`${names(code)} (${code})`}</PageTitle>
      <p><Link to={`/countries?on=${on}`}>{t('country.back')}</Link></p>
      <div className="toolbar">
        <DateField label={t('map.on')} value={on} onChange={(date) => navigate(`/countries/${code}?on=${date}`, { replace: true })} />
      </div>
      <Loaded state={profile}>{(p) => {
        const designations = (p.related.designations ?? []) as unknown as Array<RegistryRecord<DesignationData>>;
        const shown = new Set(['designations', ...SECTIONS.flatMap((s) => s.kinds)]);
        const others = relatedOf(p, Object.keys(p.related).filter((kind) => !shown.has(kind)));
        return (
          <>
            <section aria-labelledby="status-title">
              <h2 id="status-title">{t('country.status', { date: fmt.date(p.on) })}</h2>
              <ul>
                <li>{p.status.euMember ? t('country.euMember') : t('country.notEuMember')}</li>
                {p.status.schengen && <li>{t('country.schengen', { scope: p.status.schengen })}</li>}
                {p.status.candidate && <li>{t('country.candidate')}</li>}
              </ul>
            </section>
            <section aria-labelledby="designations-title">
              <h2 id="designations-title">{t('country.designations')}</h2>
              <DesignationTimeline records={designations} on={p.on} />
            </section>
            {SECTIONS.map((section) => (
              <section key={section.id} aria-labelledby={`${section.id}-title`}>
                <h2 id={`${section.id}-title`}>{t(section.title)}</h2>
                <RecordList records={relatedOf(p, section.kinds)} onChanged={profile.reload} />
              </section>
            ))}
            {others.length > 0 && (
              <section aria-labelledby="other-title">
                <h2 id="other-title">{t('country.other')}</h2>
                <RecordList records={others} onChanged={profile.reload} />
              </section>
            )}
          </>
        );
      }}</Loaded>
    </>
  );
}
