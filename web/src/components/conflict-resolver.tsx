/**
 * @module web/components/conflict-resolver
 * What a stale edit shows instead of overwriting (a 412 from If-Match): the fields somebody else
 * changed meanwhile, the user's own changes, and for each field both changed the two values side by
 * side with a choice. Saving sends the merged record with the new version; nothing is overwritten
 * unless the user picked their own value for it. Any screen that edits with If-Match reuses it.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { applyMerge, planMerge, type Choice } from './merge.ts';

type Json = Record<string, unknown>;

export interface ConflictResolverProps {
  /** The record as the user read it, as they wanted to save it, and as the server holds it now. */
  base: Json;
  mine: Json;
  theirs: Json;
  /** Who changed it meanwhile and when, if known. */
  changedBy?: string;
  onSave(merged: Json): void;
  onDiscard(): void;
}

function show(value: unknown): string {
  return value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
}

export function ConflictResolver({ base, mine, theirs, changedBy, onSave, onDiscard }: ConflictResolverProps) {
  const { t } = useI18n();
  const plan = planMerge(base, mine, theirs);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  return (
    <section className="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p>{changedBy ? t('conflict.changedBy', { who: changedBy }) : t('conflict.changed')}</p>
      {plan.theirsOnly.length > 0 && <p>{t('conflict.theirsKept', { fields: plan.theirsOnly.join(', ') })}</p>}
      {plan.mineOnly.length > 0 && <p>{t('conflict.mineApplied', { fields: plan.mineOnly.join(', ') })}</p>}
      {plan.conflicts.length > 0 && (
        <table>
          <caption>{t('conflict.both')}</caption>
          <thead><tr><th scope="col">{t('conflict.field')}</th><th scope="col">{t('conflict.theirs')}</th><th scope="col">{t('conflict.mine')}</th></tr></thead>
          <tbody>
            {plan.conflicts.map((c) => (
              <tr key={c.path}>
                <th scope="row"><code>{c.path}</code></th>
                {(['theirs', 'mine'] as const).map((side) => (
                  <td key={side}>
                    <label>
                      <input type="radio" name={`choice-${c.path}`} checked={(choices[c.path] ?? 'theirs') === side}
                        onChange={() => setChoices({ ...choices, [c.path]: side })} />{' '}
                      {show(c[side])}
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" onClick={() => onSave(applyMerge(plan, choices))}>{t('conflict.save')}</button>
        <button type="button" onClick={onDiscard}>{t('conflict.discard')}</button>
      </div>
    </section>
  );
}
