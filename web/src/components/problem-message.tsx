/**
 * @module web/components/problem-message
 * How every failed request is shown: a headline in the user's language for the kind of problem, the
 * server's detail as sent, each invalid field with its path, and the request id to quote. Announced
 * to screen readers (role="alert").
 */
import type { Problem } from '../api/problem.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages/en.ts';

const HEADLINES: Record<string, MessageKey> = {
  NETWORK: 'problem.network',
  UNAUTHENTICATED: 'problem.unauthenticated',
  FORBIDDEN: 'problem.forbidden',
  NOT_FOUND: 'problem.notFound',
  VALIDATION_FAILED: 'problem.validation',
  VERSION_CONFLICT: 'problem.conflict',
  BAD_RESPONSE: 'problem.badResponse',
};

/** The headline of a problem: by its code when known, else by its status class. */
export function headlineKey(problem: Problem): MessageKey {
  return HEADLINES[problem.code] ?? (problem.status === 409 ? 'problem.conflict' : problem.status >= 500 ? 'problem.server' : 'problem.refused');
}

export function ProblemMessage({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="problem" role="alert">
      <p className="problem-title"><strong>{t(headlineKey(problem))}</strong>{problem.status > 0 ? ` (${problem.status} ${problem.code})` : ''}</p>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.errors.length > 0 && (
        <ul aria-label={t('problem.fields')}>
          {problem.errors.map((e) => <li key={`${e.path}:${e.message}`}><code>{e.path}</code>: {e.message}</li>)}
        </ul>
      )}
      <p className="problem-id">{problem.requestId ? t('problem.requestId', { id: problem.requestId }) : t('problem.noRequestId')}</p>
      {onRetry && <button type="button" onClick={onRetry}>{t('action.retry')}</button>}
    </div>
  );
}
