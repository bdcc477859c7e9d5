/**
 * @module web/screens/queue/bulk-actions
 * One action on the cases selected in the queue (POST /api/case-actions): assign or reassign (for
 * users the permission table lets assign), flag or unflag (for users who may update cases), with a
 * reason for the audit trail. The answer is shown record by record — changed, unchanged, refused
 * with its code and reason, not found — as the API reports it; nothing is summed away.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Problem } from '../../api/problem.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { BULK_ACTIONS, CASE_FLAGS, type BulkActionName, type BulkActionResult } from '../cases/case-types.ts';
import { FLAG_LABELS, useLabel } from './case-labels.tsx';
import { bulkFieldsOf, bulkRequest, type BulkForm } from './queue-model.ts';

const ACTION_LABELS: Record<BulkActionName, MessageKey> = { assign: 'bulk.assign', reassign: 'bulk.reassign', flag: 'bulk.flag', unflag: 'bulk.unflag' };
const STATUS_LABELS: Record<string, MessageKey> = { ok: 'bulk.statusOk', refused: 'bulk.statusRefused', 'not-found': 'bulk.statusNotFound' };

type Outcome = { status: 'idle' } | { status: 'sending' } | { status: 'error'; problem: Problem } | { status: 'done'; result: BulkActionResult };

export function BulkActions({ selected, onDone }: { selected: ReadonlySet<string>; onDone(): void }) {
  const { t, fmt } = useI18n();
  const label = useLabel();
  const { api, can } = useSession();
  const id = useId();
  const actions = BULK_ACTIONS.filter((a) => (a === 'assign' || a === 'reassign' ? can('case', 'assign') : can('case', 'update')));
  const [form, setForm] = useState<BulkForm>({ action: actions[0] ?? 'flag', to: '', unitId: '', flag: '', reason: '' });
  const [missing, setMissing] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  const fields = bulkFieldsOf(form.action);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = bulkRequest(form, [...selected]);
    if (!checked.ok) return setMissing(checked.missing);
    setMissing([]);
    setOutcome({ status: 'sending' });
    try {
      const { data } = await api.send<BulkActionResult>('POST', '/api/case-actions', checked.request, { idempotencyKey: crypto.randomUUID() });
      setOutcome({ status: 'done', result: data });
      onDone();
    } catch (error) {
      setOutcome({ status: 'error', problem: problemOf(error) });
    }
  };
  const invalid = (name: string) => (missing.includes(name) ? { 'aria-invalid': true, 'aria-describedby': `${id}-missing` } : {});
  const set = (name: keyof BulkForm) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('bulk.title')}</h2>
      <form onSubmit={submit} noValidate>
        <p>{t('bulk.selected', { n: fmt.number(selected.size) })}</p>
        <div className="toolbar">
          <div className="field">
            <label htmlFor={`${id}-action`}>{t('bulk.action')}</label>
            <select id={`${id}-action`} value={form.action} onChange={set('action')}>
              {actions.map((a) => <option key={a} value={a}>{t(ACTION_LABELS[a])}</option>)}
            </select>
          </div>
          {fields.to && (
            <div className="field">
              <label htmlFor={`${id}-to`}>{t('bulk.to')}</label>
              <input id={`${id}-to`} value={form.to} onChange={set('to')} {...invalid('to')} />
            </div>
          )}
          {fields.unitId && (
            <div className="field">
              <label htmlFor={`${id}-unit`}>{t('bulk.unit')}</label>
              <input id={`${id}-unit`} value={form.unitId} onChange={set('unitId')} />
            </div>
          )}
          {fields.flag && (
            <div className="field">
              <label htmlFor={`${id}-flag`}>{t('bulk.flagName')}</label>
              <select id={`${id}-flag`} value={form.flag} onChange={set('flag')} {...invalid('flag')}>
                <option value="">{t('bulk.chooseFlag')}</option>
                {CASE_FLAGS.map((f) => <option key={f} value={f}>{label(FLAG_LABELS, f)}</option>)}
              </select>
            </div>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('bulk.reason')}</label>
          <input id={`${id}-reason`} value={form.reason} onChange={set('reason')} {...invalid('reason')} />
        </div>
        {missing.length > 0 && (
          <p id={`${id}-missing`} className="field-error">
            {missing.includes('caseIds') ? t('bulk.noneSelected') : t('bulk.missing', { fields: missing.filter((m) => m !== 'caseIds').join(', ') })}
          </p>
        )}
        <button type="submit" disabled={outcome.status === 'sending'}>{t('bulk.submit', { n: fmt.number(selected.size) })}</button>
      </form>
      <div aria-live="polite">
        {outcome.status === 'error' && <ProblemMessage problem={outcome.problem} />}
        {outcome.status === 'done' && (
          <>
            <p role="status">{t('bulk.summary', {
              total: fmt.number(outcome.result.total), changed: fmt.number(outcome.result.changed), ok: fmt.number(outcome.result.ok),
              refused: fmt.number(outcome.result.refused), notFound: fmt.number(outcome.result.notFound),
            })}</p>
            <table>
              <caption>{t('bulk.results')}</caption>
              <thead><tr><th scope="col">{t('queue.case')}</th><th scope="col">{t('bulk.status')}</th><th scope="col">{t('bulk.why')}</th></tr></thead>
              <tbody>
                {outcome.result.results.map((r) => (
                  <tr key={r.caseId}>
                    <th scope="row">{r.reference ?? r.caseId}</th>
                    <td>
                      <span className={`badge ${r.status === 'ok' ? 'badge-yes' : 'badge-no'}`}>{STATUS_LABELS[r.status] ? t(STATUS_LABELS[r.status]!) : r.status}</span>
                      {r.status === 'ok' && ` ${r.changed ? t('bulk.changed') : t('bulk.unchanged')}`}
                    </td>
                    <td>{r.code ? <><code>{r.code}</code> {r.reason}</> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
