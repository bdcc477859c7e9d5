/**
 * @module web/components/loaded
 * Renders a resource being loaded: a status message while it loads, the problem if it failed (with a
 * retry), the content when it is there. Screens use it so that no state is left blank.
 */
import type { ReactNode } from 'react';
import type { Loaded as LoadedState } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ProblemMessage } from './problem-message.tsx';

export function Loading() {
  const { t } = useI18n();
  return <p role="status" className="loading">{t('status.loading')}</p>;
}

export function Loaded<T>({ state, children }: { state: LoadedState<T> & { reload(): void }; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ProblemMessage problem={state.problem} onRetry={state.reload} />;
  return <>{children(state.data)}</>;
}
