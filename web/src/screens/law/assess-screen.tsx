/**
 * @module web/screens/law/assess-screen
 * Assessing facts against the law on a date (POST /api/law/assess): the facts of ../shared/DOMAIN.md
 * as JSON, a few guided fields that write into it, examples to start from, and the findings with
 * their citations, "because" and, on request, the trace. Errors are placed by field path: beside the
 * guided field they concern, else listed under the editor; a JSON syntax error gives its line and column.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Problem } from '../../api/problem.ts';
import type { Assessment } from '../../api/types.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { DateField } from '../../components/date-field.tsx';
import { Loading } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { todayIso } from '../../i18n/format.ts';
import { useCountryNames, useI18n } from '../../i18n/i18n.tsx';
import { useRouter } from '../../router/router.tsx';
import { EXAMPLES, getAt, GUIDED_FIELDS, parseFactsText, placeErrors, setAt, type Facts, type GuidedField } from './facts-editor.ts';
import { AssessmentView } from './findings.tsx';
import { LawNav } from './law-nav.tsx';

type Result = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; assessment: Assessment } | { status: 'error'; problem: Problem };

function Guided({ field, facts, errors, onChange }: { field: GuidedField; facts: Facts | null; errors: string[]; onChange(value: unknown): void }) {
  const { t } = useI18n();
  const countryName = useCountryNames();
  const id = useId();
  const value = facts ? getAt(facts, field.path) : undefined;
  const described = errors.length ? `${id}-error` : undefined;
  const common = { id, disabled: !facts, 'aria-invalid': errors.length > 0 || undefined, 'aria-describedby': described };
  let input;
  if (field.kind === 'known-boolean') {
    input = (
      <select {...common} value={value === true ? 'yes' : value === false ? 'no' : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'yes')}>
        <option value="">{t('facts.notKnown')}</option>
        <option value="yes">{t('facts.yes')}</option>
        <option value="no">{t('facts.no')}</option>
      </select>
    );
  } else if (field.kind === 'date') {
    input = <input {...common} type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
  } else {
    const code = typeof value === 'string' ? value : '';
    input = (
      <>
        <input {...common} type="text" inputMode="text" autoComplete="off" maxLength={2} size={4} value={code}
          onChange={(e) => onChange(e.target.value.toUpperCase() || undefined)} />
        {code.length === 2 && <span className="hint"> {code === 'XX' && field.kind === 'nationality' ? t('facts.stateless') : countryName(code)}</span>}
      </>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{t(field.label)} <code className="muted">{field.path}</code></label>
      {input}
      {errors.length > 0 && <span id={described} className="field-error">{errors.join('; ')}</span>}
    </div>
  );
}

export default function AssessScreen() {
  const { t } = useI18n();
  const { api } = useSession();
  const { location, navigate } = useRouter();
  const on = location.search.get('on') ?? todayIso();
  const [text, setText] = useState(() => JSON.stringify(EXAMPLES[0]!.facts, null, 2));
  const [withTrace, setWithTrace] = useState(false);
  const [result, setResult] = useState<Result>({ status: 'idle' });
  const parsed = useMemo(() => parseFactsText(text), [text]);
  const facts = parsed.ok ? parsed.facts : null;
  const placed = placeErrors(result.status === 'error' ? result.problem.errors : []);

  const update = (path: string, value: unknown) => {
    if (facts) setText(JSON.stringify(setAt(facts, path, value), null, 2));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!facts) return;
    setResult({ status: 'loading' });
    try {
      const { data } = await api.send<Assessment>('POST', `/api/law/assess?on=${on}${withTrace ? '&trace=true' : ''}`, facts);
      setResult({ status: 'ready', assessment: data });
    } catch (error) {
      setResult({ status: 'error', problem: problemOf(error) });
    }
  };

  return (
    <>
      <PageTitle>{t('assess.title')}</PageTitle>
      <LawNav on={on} />
      <p>{t('assess.intro')}</p>
      <form onSubmit={submit} className="assess-form" noValidate>
        <div className="toolbar">
          <DateField label={t('assess.on')} value={on} hint={t('assess.onHint')} onChange={(date) => navigate(`/law/assess?on=${date}`, { replace: true })} />
          <div className="field">
            <span id="examples-label">{t('assess.examples')}</span>
            <div role="group" aria-labelledby="examples-label" className="actions">
              {EXAMPLES.map((example) => (
                <button key={example.label} type="button" onClick={() => { setText(JSON.stringify(example.facts, null, 2)); setResult({ status: 'idle' }); }}>{t(example.label)}</button>
              ))}
            </div>
          </div>
        </div>
        <fieldset>
          <legend>{t('assess.guided')}</legend>
          {!facts && <p className="hint">{t('assess.guidedDisabled')}</p>}
          <div className="grid">
            {GUIDED_FIELDS.map((field) => (
              <Guided key={field.path} field={field} facts={facts} errors={placed.byField.get(field.path) ?? []} onChange={(value) => update(field.path, value)} />
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="facts-json">{t('assess.json')}</label>
          <textarea id="facts-json" className="code" rows={18} spellCheck={false} value={text} aria-describedby="facts-json-status"
            aria-invalid={!parsed.ok || placed.others.length > 0 || undefined} onChange={(e) => setText(e.target.value)} />
          <div id="facts-json-status">
            {!parsed.ok && parsed.reason === 'syntax' && (
              <p className="field-error">{parsed.line !== null ? t('assess.syntaxAt', { line: parsed.line, column: parsed.column ?? 1 }) : t('assess.syntax')} {parsed.detail}</p>
            )}
            {!parsed.ok && parsed.reason === 'not-object' && <p className="field-error">{t('assess.notObject')}</p>}
            {placed.others.length > 0 && (
              <ul className="field-error" aria-label={t('problem.fields')}>
                {placed.others.map((e) => <li key={`${e.path}:${e.message}`}><code>{e.path}</code>: {e.message}</li>)}
              </ul>
            )}
          </div>
        </div>
        <div className="field checkbox">
          <input id="with-trace" type="checkbox" checked={withTrace} onChange={(e) => setWithTrace(e.target.checked)} />
          <label htmlFor="with-trace">{t('assess.trace')}</label>
        </div>
        <button type="submit" disabled={!facts || result.status === 'loading'}>{t('assess.submit')}</button>
      </form>
      <div aria-live="polite">
        {result.status === 'loading' && <Loading />}
        {result.status === 'error' && <ProblemMessage problem={result.problem} />}
      </div>
      {result.status === 'ready' && <AssessmentView assessment={result.assessment} />}
    </>
  );
}
