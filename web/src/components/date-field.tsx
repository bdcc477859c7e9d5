/**
 * @module web/components/date-field
 * A labelled date input that reports only real calendar days (`YYYY-MM-DD`): the law and the
 * registries are asked "on this date", so a half-typed date is never sent.
 */
import { useId } from 'react';
import { isIsoDay } from '../i18n/format.ts';

export function DateField({ label, value, onChange, hint }: { label: string; value: string; onChange(value: string): void; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} required aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => { if (isIsoDay(e.target.value)) onChange(e.target.value); }} />
      {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
    </div>
  );
}
