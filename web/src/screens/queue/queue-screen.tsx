/**
 * @module web/screens/queue/queue-screen
 * My queue (GET /api/queue): the open cases the user may read, the most urgent first, each with its
 * next deadline as a badge (days left or passed, in words and colour) and a link to the case;
 * filtered as the API allows (kind, stage, unit, assignee, passed deadlines) with the filters in the
 * address, a page at a time by cursor. Users who may change cases select rows and apply a bulk
 * action (bulk-actions.tsx), which reports every record.
 */
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../auth/session.tsx';
import { Loaded } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link, useRouter } from '../../router/router.tsx';
import { CASE_KINDS, CASE_STAGES, type QueuePage } from '../cases/case-types.ts';
import { BulkActions } from './bulk-actions.tsx';
import { DeadlineBadge, KIND_LABELS, STAGE_LABELS, useLabel } from './case-labels.tsx';
import {
  filtersFromSearch, FIRST_PAGE, nextPage, pageNumber, previousPage, queueAddress, queueQuery, toggle, toggleAll, type Pages, type QueueFilters,
} from './queue-model.ts';

const PAGE_SIZE = 25;

function Filters({ filters }: { filters: QueueFilters }) {
  const { t } = useI18n();
  const label = useLabel();
  const { navigate } = useRouter();
  const [draft, setDraft] = useState(filters);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(queueAddress({ ...draft, unitId: draft.unitId.trim() }));
  };
  const set = (name: keyof QueueFilters) => (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value });
  return (
    <form onSubmit={submit} className="toolbar" aria-label={t('queue.filters')}>
      <div className="field">
        <label htmlFor="queue-kind">{t('queue.kind')}</label>
        <select id="queue-kind" value={draft.kind} onChange={set('kind')}>
          <option value="">{t('queue.any')}</option>
          {CASE_KINDS.map((kind) => <option key={kind} value={kind}>{label(KIND_LABELS, kind)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="queue-stage">{t('queue.stage')}</label>
        <select id="queue-stage" value={draft.stage} onChange={set('stage')}>
          <option value="">{t('queue.any')}</option>
          {CASE_STAGES.filter((s) => s !== 'closed').map((stage) => <option key={stage} value={stage}>{label(STAGE_LABELS, stage)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="queue-assigned">{t('queue.assignedTo')}</label>
        <select id="queue-assigned" value={['', 'me', 'none'].includes(draft.assignedTo) ? draft.assignedTo : ''} onChange={set('assignedTo')}>
          <option value="">{t('queue.anyone')}</option>
          <option value="me">{t('queue.me')}</option>
          <option value="none">{t('queue.nobody')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="queue-overdue">{t('queue.deadlines')}</label>
        <select id="queue-overdue" value={draft.overdue} onChange={set('overdue')}>
          <option value="">{t('queue.allDeadlines')}</option>
          <option value="true">{t('queue.passedOnly')}</option>
          <option value="false">{t('queue.notPassed')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="queue-unit">{t('queue.unit')}</label>
        <input id="queue-unit" value={draft.unitId} size={10} onChange={set('unitId')} />
      </div>
      <button type="submit">{t('queue.apply')}</button>
    </form>
  );
}

export default function QueueScreen() {
  const { t, fmt } = useI18n();
  const label = useLabel();
  const session = useSession();
  const { location } = useRouter();
  const search = location.search.toString();
  const filters = filtersFromSearch(location.search);
  const [paging, setPaging] = useState<{ search: string; pages: Pages }>({ search, pages: FIRST_PAGE });
  // New filters start again from the first page.
  const pages = paging.search === search ? paging.pages : FIRST_PAGE;
  const setPages = (next: Pages) => setPaging({ search, pages: next });
  const page = useApi<QueuePage>('/api/queue', queueQuery(filters, pages.current, PAGE_SIZE));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const mayAct = session.can('case', 'update') || session.can('case', 'assign');

  return (
    <>
      <PageTitle>{t('queue.title')}</PageTitle>
      <p>{t('queue.intro')}</p>
      <Filters key={search} filters={filters} />
      <Loaded state={page}>{(p) => {
        const ids = p.items.map((i) => i.id);
        const allOnPage = ids.length > 0 && ids.every((id) => selected.has(id));
        return (
          <>
            <p role="status">{t('queue.shown', { n: fmt.number(p.items.length), page: fmt.number(pageNumber(pages)) })}</p>
            {p.items.length === 0 ? <p>{t('queue.empty')}</p> : (
              <div className="table-scroll">
                <table>
                  <caption>{t('queue.caption')}</caption>
                  <thead>
                    <tr>
                      {mayAct && (
                        <th scope="col">
                          <input type="checkbox" aria-label={t('queue.selectPage')} checked={allOnPage} onChange={() => setSelected(toggleAll(selected, ids))} />
                        </th>
                      )}
                      <th scope="col">{t('queue.case')}</th>
                      <th scope="col">{t('queue.nextDeadline')}</th>
                      <th scope="col">{t('queue.kind')}</th>
                      <th scope="col">{t('queue.stage')}</th>
                      <th scope="col">{t('queue.assignedTo')}</th>
                      <th scope="col">{t('queue.unit')}</th>
                      <th scope="col">{t('queue.opened')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.items.map((item) => (
                      <tr key={item.id}>
                        {mayAct && (
                          <td>
                            <input type="checkbox" aria-label={t('queue.select', { reference: item.reference })} checked={selected.has(item.id)}
                              onChange={() => setSelected(toggle(selected, item.id))} />
                          </td>
                        )}
                        <th scope="row"><Link to={`/cases/${item.id}`}>{item.reference}</Link></th>
                        <td><DeadlineBadge next={item.next} /></td>
                        <td>{label(KIND_LABELS, item.kind)}</td>
                        <td>{label(STAGE_LABELS, item.stage)}</td>
                        <td>{item.assignedTo ?? <span className="muted">{t('queue.unassigned')}</span>}</td>
                        <td>{item.unitId ?? '—'}</td>
                        <td>{fmt.date(item.openedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <nav aria-label={t('queue.pages')} className="actions">
              <button type="button" disabled={pages.before.length === 0} onClick={() => setPages(previousPage(pages))}>{t('queue.previous')}</button>
              <button type="button" disabled={p.next === null} onClick={() => p.next && setPages(nextPage(pages, p.next))}>{t('queue.next')}</button>
            </nav>
          </>
        );
      }}</Loaded>
      {mayAct && <BulkActions selected={selected} onDone={() => { setSelected(new Set()); page.reload(); }} />}
    </>
  );
}
