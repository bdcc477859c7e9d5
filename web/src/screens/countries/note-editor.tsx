/**
 * @module web/screens/countries/note-editor
 * Editing a registry record's note, for users the record lets update it (`allowed` from the API):
 * PATCH /api/registries/<kind>/<id> with If-Match on the version read and a reason, as every registry
 * change needs. A stale save is not retried blindly: the conflict resolver shows what the other
 * person saved, and only the user's choice is sent, with the new version.
 */
import { useId, useState, type FormEvent } from 'react';
import { isConflict, type Problem } from '../../api/problem.ts';
import type { RegistryRecord } from '../../api/types.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { ConflictResolver } from '../../components/conflict-resolver.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

type Stage =
  | { status: 'closed' }
  | { status: 'editing'; problem: Problem | null }
  | { status: 'conflict'; current: RegistryRecord; etag: string | null };

export function NoteEditor({ plural, record, onSaved }: { plural: string; record: RegistryRecord; onSaved(): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const id = useId();
  const original = typeof record.data.note === 'string' ? record.data.note : '';
  const [stage, setStage] = useState<Stage>({ status: 'closed' });
  const [note, setNote] = useState(original);
  const [reason, setReason] = useState('');
  const path = `/api/registries/${plural}/${record.id}`;

  const save = async (value: string, etag: string) => {
    try {
      await api.send('PATCH', path, { data: { note: value }, reason }, { ifMatch: etag });
      setStage({ status: 'closed' });
      onSaved();
    } catch (error) {
      const problem = problemOf(error);
      if (!isConflict(problem)) return setStage({ status: 'editing', problem });
      try {
        const current = await api.get<RegistryRecord>(path);
        setStage({ status: 'conflict', current: current.data, etag: current.etag });
      } catch (reading) {
        setStage({ status: 'editing', problem: problemOf(reading) });
      }
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(note, `"${record.version}"`);
  };

  if (stage.status === 'closed') {
    return <button type="button" onClick={() => setStage({ status: 'editing', problem: null })}>{t('note.edit', { label: record.label })}</button>;
  }
  if (stage.status === 'conflict') {
    const theirs = typeof stage.current.data.note === 'string' ? stage.current.data.note : '';
    return (
      <ConflictResolver base={{ note: original }} mine={{ note }} theirs={{ note: theirs }} changedBy={stage.current.updatedBy}
        onSave={(merged) => void save(typeof merged.note === 'string' ? merged.note : '', stage.etag ?? `"${stage.current.version}"`)}
        onDiscard={() => { setStage({ status: 'closed' }); onSaved(); }} />
    );
  }
  return (
    <form onSubmit={submit} className="card" aria-label={t('note.edit', { label: record.label })}>
      {stage.problem && <ProblemMessage problem={stage.problem} />}
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('note.note')}</label>
        <textarea id={`${id}-note`} rows={4} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('note.reason')}</label>
        <input id={`${id}-reason`} required value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit">{t('note.save')}</button>
        <button type="button" onClick={() => { setNote(original); setStage({ status: 'closed' }); }}>{t('note.cancel')}</button>
      </div>
    </form>
  );
}
