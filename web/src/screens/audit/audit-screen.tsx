/**
 * @module web/screens/audit/audit-screen
 * The audit trail of the user's tenant, for auditors and monitors (GET /api/audit/events): filtered by
 * entity type and id, oldest first, a page at a time; each event with its actor, reason, legal basis,
 * request id, data and hash link. Beside it the chain verification (GET /api/audit/verify) for the
 * roles that may verify: how many events, intact or the first broken link.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Problem } from '../../api/problem.ts';
import type { AuditEvent, ChainReport } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { Loaded, Loading } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

const PAGE = 50;
/** Entity types of a tenant's chain, offered as suggestions (the filter takes any). */
const ENTITY_TYPES = ['case', 'case-import', 'person', 'rescue-event', 'swap-ledger', 'task', 'tenant', 'transfer'];

interface Filters { entityType: string; entityId: string }

type Events = { status: 'loading' } | { status: 'error'; problem: Problem } | { status: 'ready'; items: AuditEvent[]; next: number | null; more: boolean };

function Verification() {
  const { t, fmt } = useI18n();
  const report = useApi<ChainReport>('/api/audit/verify');
  return (
    <section aria-labelledby="verify-title" className="card">
      <h2 id="verify-title">{t('audit.verification')}</h2>
      <div aria-live="polite">
        <Loaded state={report}>{(r) => (
          r.ok
            ? <p><span className="badge badge-yes">{t('audit.intact')}</span> {t('audit.intactText', { n: fmt.number(r.events), tenant: r.tenantId })}</p>
            : <p><span className="badge badge-no">{t('audit.broken')}</span> {t('audit.brokenText', { seq: r.broken?.seq ?? '?', problem: r.broken?.problem ?? '', tenant: r.tenantId })}</p>
        )}</Loaded>
      </div>
      <button type="button" onClick={report.reload} disabled={report.status === 'loading'}>{t('audit.verifyAgain')}</button>
    </section>
  );
}

export default function AuditScreen() {
  const { t, fmt } = useI18n();
  const session = useSession();
  const [draft, setDraft] = useState<Filters>({ entityType: '', entityId: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [events, setEvents] = useState<Events>({ status: 'loading' });

  const load = useCallback(async (after: number | null, previous: AuditEvent[]) => {
    try {
      const { data } = await session.api.get<{ items: AuditEvent[]; next: number | null }>('/api/audit/events', { ...filters, after: after ?? undefined, limit: PAGE });
      setEvents({ status: 'ready', items: [...previous, ...data.items], next: data.next, more: false });
    } catch (error) {
      setEvents({ status: 'error', problem: problemOf(error) });
    }
  }, [session.api, filters]);

  useEffect(() => {
    setEvents({ status: 'loading' });
    void load(null, []);
  }, [load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ entityType: draft.entityType.trim(), entityId: draft.entityId.trim() });
  };

  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      {session.can('audit', 'verify') ? <Verification /> : <p className="muted">{t('audit.cannotVerify')}</p>}
      <section aria-labelledby="events-title">
        <h2 id="events-title">{t('audit.events')}</h2>
        <form onSubmit={submit} className="toolbar">
          <div className="field">
            <label htmlFor="entity-type">{t('audit.entityType')}</label>
            <input id="entity-type" list="entity-types" value={draft.entityType} onChange={(e) => setDraft({ ...draft, entityType: e.target.value })} />
            <datalist id="entity-types">{ENTITY_TYPES.map((type) => <option key={type} value={type} />)}</datalist>
          </div>
          <div className="field">
            <label htmlFor="entity-id">{t('audit.entityId')}</label>
            <input id="entity-id" value={draft.entityId} onChange={(e) => setDraft({ ...draft, entityId: e.target.value })} />
          </div>
          <button type="submit">{t('audit.apply')}</button>
        </form>
        {events.status === 'loading' && <Loading />}
        {events.status === 'error' && <ProblemMessage problem={events.problem} onRetry={() => void load(null, [])} />}
        {events.status === 'ready' && (
          <>
            <p role="status">{t('audit.shown', { n: fmt.number(events.items.length) })}</p>
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t('audit.events')}</caption>
                <thead>
                  <tr><th scope="col">{t('audit.seq')}</th><th scope="col">{t('audit.at')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.entity')}</th><th scope="col">{t('audit.reason')}</th><th scope="col">{t('audit.details')}</th></tr>
                </thead>
                <tbody>
                  {events.items.map((e) => (
                    <tr key={e.seq}>
                      <td>{e.seq}</td>
                      <td>{fmt.dateTime(e.at)}</td>
                      <td>{e.actorId}</td>
                      <td><code>{e.action}</code></td>
                      <td>{e.entityType}<br /><code className="muted">{e.entityId}</code></td>
                      <td>{e.reason ?? '—'}{e.legalBasis.length > 0 && <ul className="citations">{e.legalBasis.map((b) => <li key={b}>{b}</li>)}</ul>}</td>
                      <td>
                        <details>
                          <summary>{t('audit.showData', { seq: e.seq })}</summary>
                          <p>{t('audit.requestId')}: <code>{e.requestId ?? '—'}</code></p>
                          <p>{t('audit.hash')}: <code className="hash">{e.hash}</code></p>
                          <pre>{JSON.stringify(e.data, null, 2)}</pre>
                        </details>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {events.items.length === 0 && <p>{t('audit.none')}</p>}
            {events.next !== null && (
              <button type="button" disabled={events.more} onClick={() => { setEvents({ ...events, more: true }); void load(events.next, events.items); }}>{t('audit.more')}</button>
            )}
          </>
        )}
      </section>
    </>
  );
}
