/**
 * @module web/api/use-api
 * Reading one API resource in a screen: loading, then the data or the problem, with `reload()`.
 * An answer that arrives after the screen asked for something else is dropped.
 */
import { useCallback, useEffect, useState } from 'react';
import { useSession, problemOf } from '../auth/session.tsx';
import type { Query } from './client.ts';
import type { Problem } from './problem.ts';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'error'; problem: Problem }
  | { status: 'ready'; data: T; etag: string | null };

/**
 * @example const rules = useApi<LawCatalog>('/api/law/rules', { on });
 * Pass `null` as the path to load nothing (yet).
 */
export function useApi<T>(path: string | null, query: Query = {}): Loaded<T> & { reload(): void } {
  const { api } = useSession();
  const [result, setResult] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const key = path === null ? null : JSON.stringify([path, query]);
  useEffect(() => {
    if (key === null) return;
    const [p, q] = JSON.parse(key) as [string, Query];
    let live = true;
    setResult({ status: 'loading' });
    api.get<T>(p, q).then(
      ({ data, etag }) => { if (live) setResult({ status: 'ready', data, etag }); },
      (error: unknown) => { if (live) setResult({ status: 'error', problem: problemOf(error) }); },
    );
    return () => { live = false; };
  }, [api, key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...result, reload };
}
