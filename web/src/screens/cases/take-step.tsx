/**
 * @module web/screens/cases/take-step
 * Taking a step of the procedure on a case (POST /api/cases/{id}/transitions with If-Match on the
 * version read): the steps the user may take now (named in the user's language), a reason (recorded in the audit trail and the
 * decision record), extra citations, and the country or agreement where the step is about one. A
 * step needing four eyes is proposed and waits for a supervisor. A stale version is not retried
 * blindly: the conflict resolver shows what changed meanwhile and the user decides whether the
 * step still stands; only then is it sent again, with the new version.
 */
import { useId, useState, type FormEvent } from 'react';
import { isConflict, type Problem } from '../../api/problem.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { ConflictResolver } from '../../components/conflict-resolver.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { STAGE_LABELS, useLabel } from '../queue/case-labels.tsx';
import { etagVersion, staleStep, stepBody, stepName, stillWanted, type StepForm, type StepOption } from './case-model.ts';
import type { CaseRecord, TransitionResult } from './case-types.ts';

type Stage =
  | { status: 'editing'; problem: Problem | null; missing: string[] }
  | { status: 'sending' }
  | { status: 'conflict'; current: CaseRecord; etag: string | null; body: Record<string, unknown>; step: StepOption };

export function TakeStep({ record, etag, steps, onChanged }: { record: CaseRecord; etag: string | null; steps: StepOption[]; onChanged(result?: TransitionResult): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { api } = useSession();
  const id = useId();
  const [key, setKey] = useState(steps[0]?.key ?? '');
  const [form, setForm] = useState<StepForm>({ reason: '', legalBasis: '', subject: '' });
  const [stage, setStage] = useState<Stage>({ status: 'editing', problem: null, missing: [] });
  const step = steps.find((s) => s.key === key) ?? steps[0];
  const path = `/api/cases/${record.id}/transitions`;

  const send = async (chosen: StepOption, body: Record<string, unknown>, version: string | null) => {
    setStage({ status: 'sending' });
    try {
      const { data } = await api.send<TransitionResult>('POST', path, body, { ifMatch: version ?? `"${record.version}"` });
      setStage({ status: 'editing', problem: null, missing: [] });
      setForm({ reason: '', legalBasis: '', subject: '' });
      onChanged(data);
    } catch (error) {
      const problem = problemOf(error);
      if (!isConflict(problem)) return setStage({ status: 'editing', problem, missing: [] });
      try {
        // A stale version answers 412, or 409 when the step no longer leaves the case's new stage:
        // either way, if the case changed since it was read, the user sees what changed.
        const current = await api.get<CaseRecord>(`/api/cases/${record.id}`);
        if (current.data.version === etagVersion(version, record.version)) return setStage({ status: 'editing', problem, missing: [] });
        setStage({ status: 'conflict', current: current.data, etag: current.etag, body, step: chosen });
      } catch (reading) {
        setStage({ status: 'editing', problem: problemOf(reading), missing: [] });
      }
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!step) return;
    const checked = stepBody(step, form);
    if (!checked.ok) return setStage({ status: 'editing', problem: null, missing: checked.missing });
    void send(step, checked.body, etag);
  };

  if (steps.length === 0) return <p>{t('step.none')}</p>;
  if (stage.status === 'conflict') {
    const { base, mine, theirs } = staleStep(record, stage.step, stage.current);
    return (
      <ConflictResolver base={base} mine={mine} theirs={theirs}
        onSave={(merged) => (stillWanted(merged, stage.step) ? void send(stage.step, stage.body, stage.etag) : onChanged())}
        onDiscard={() => onChanged()} />
    );
  }
  const problem = stage.status === 'editing' ? stage.problem : null;
  const missing = stage.status === 'editing' ? stage.missing : [];
  const invalid = (name: string) => (missing.includes(name) ? { 'aria-invalid': true, 'aria-describedby': `${id}-missing` } : {});
  return (
    <form onSubmit={submit} className="card" aria-labelledby={`${id}-legend`} noValidate>
      <h3 id={`${id}-legend`}>{t('step.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-step`}>{t('step.step')}</label>
        <select id={`${id}-step`} value={step?.key ?? ''} onChange={(e) => setKey(e.target.value)}>
          {steps.map((s) => (
            <option key={s.key} value={s.key}>
              {stepName(t, s.transition, s.label)}{Object.values(s.subject).length ? ` (${Object.values(s.subject).join(', ')})` : ''} → {label(STAGE_LABELS, s.to)}{s.fourEyes ? ` · ${t('step.fourEyes')}` : ''}
            </option>
          ))}
        </select>
      </div>
      {step?.fourEyes && <p className="hint">{t('step.fourEyesHint')}</p>}
      {step?.needs && (
        <div className="field">
          <label htmlFor={`${id}-subject`}>{step.needs === 'country' ? t('step.country') : t('step.agreement')}</label>
          <input id={`${id}-subject`} value={form.subject} maxLength={step.needs === 'country' ? 2 : 100} size={step.needs === 'country' ? 4 : 30}
            onChange={(e) => setForm({ ...form, subject: e.target.value })} {...invalid(step.needs)} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('step.reason')}</label>
        <textarea id={`${id}-reason`} rows={3} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} {...invalid('reason')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-basis`}>{t('step.legalBasis')}</label>
        <textarea id={`${id}-basis`} rows={2} value={form.legalBasis} onChange={(e) => setForm({ ...form, legalBasis: e.target.value })} />
      </div>
      {missing.length > 0 && <p id={`${id}-missing`} className="field-error">{t('step.missing', { fields: missing.join(', ') })}</p>}
      <button type="submit" disabled={stage.status === 'sending'}>{step?.fourEyes ? t('step.propose') : t('step.take')}</button>
      <div aria-live="polite">
        {problem && <ProblemMessage problem={problem} />}
        {problem && isConflict(problem) && <p>{t('step.conflictHint')}</p>}
      </div>
    </form>
  );
}
