/**
 * @module web/screens/signin/signin-screen
 * Signing in, the way the server says (GET /api/sign-in). With the built-in demo issuer, its demo users
 * (GET /oidc/demo-users) each get a button that asks for their token (POST /oidc/demo-token). With an
 * organisation's OpenID Connect provider and a client id for the web app, the one button sends the
 * user to the provider (Authorization Code flow with PKCE, auth/oidc.ts), which sends them back to
 * /signin/callback; a failure there comes back here, said plainly. Pasting an access token stays
 * possible, folded away, for API users; it is the only way when the provider has no client for the web
 * app. After signing in, the user goes back to the address they asked for.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { problemFromResponse, networkProblem, type Problem } from '../../api/problem.ts';
import type { DemoUser } from '../../api/types.ts';
import { beginSignIn, lastSignInFailure, reportSignInFailure, safeNext, SignInError, type OidcSettings, type SignInFailure } from '../../auth/oidc.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { Loading } from '../../components/loaded.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { useRouter } from '../../router/router.tsx';

type Method =
  | { method: 'demo' }
  | { method: 'token'; issuer: string }
  | { method: 'oidc'; issuer: string; clientId: string; scope: string; resource: string | null };

type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; problem: Problem };

type Users = { status: 'loading' } | { status: 'none' } | { status: 'ready'; users: DemoUser[] } | { status: 'error'; problem: Problem };

/** The message for each way a sign-in through the provider can fail. */
const FAILURES: Record<Exclude<SignInFailure['kind'], 'refused'>, MessageKey> = {
  denied: 'signin.failure.denied',
  provider: 'signin.failure.provider',
  state: 'signin.failure.state',
  missing: 'signin.failure.missing',
  exchange: 'signin.failure.exchange',
  discovery: 'signin.failure.discovery',
  unreachable: 'signin.failure.unreachable',
};

async function getJson<T>(path: string): Promise<{ status: number; value: T | null; problem: Problem | null }> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch (error) {
    return { status: 0, value: null, problem: networkProblem(error) };
  }
  const text = await response.text();
  const problem = () => problemFromResponse(response.ok ? 502 : response.status, response.headers.get('x-request-id'), text);
  if (!response.ok) return { status: response.status, value: null, problem: problem() };
  try {
    return { status: response.status, value: JSON.parse(text) as T, problem: null };
  } catch {
    return { status: response.status, value: null, problem: problem() };
  }
}

async function post(path: string, body: unknown): Promise<{ access_token: string }> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw networkProblem(error);
  }
  const text = await response.text();
  if (!response.ok) throw problemFromResponse(response.status, response.headers.get('x-request-id'), text);
  return JSON.parse(text) as { access_token: string };
}

/** A failed sign-in through the provider, said in the user's language (role="alert"). */
export function SignInFailureMessage({ failure }: { failure: SignInFailure }) {
  const { t } = useI18n();
  if (failure.kind === 'refused') return <ProblemMessage problem={failure.problem} />;
  const code = 'code' in failure ? failure.code : null;
  const detail = 'description' in failure ? failure.description : null;
  return (
    <div className="problem" role="alert">
      <p className="problem-title"><strong>{t(FAILURES[failure.kind])}</strong></p>
      {detail && <p>{detail}</p>}
      {code && <p>{t('signin.failure.code', { code })}</p>}
    </div>
  );
}

export default function SignInScreen() {
  const { t } = useI18n();
  const session = useSession();
  const { location, navigate } = useRouter();
  const [method, setMethod] = useState<Loadable<Method>>({ status: 'loading' });
  const [users, setUsers] = useState<Users>({ status: 'loading' });
  const [problem, setProblem] = useState<Problem | null>(null);
  // A failure the callback brought back here is shown once, then forgotten.
  const [failure, setFailure] = useState<SignInFailure | null>(lastSignInFailure);
  const [redirecting, setRedirecting] = useState(false);
  const [token, setToken] = useState('');
  const tokenId = useId();
  const next = safeNext(location.search.get('next'));

  useEffect(() => () => reportSignInFailure(null), []);

  useEffect(() => {
    void getJson<Method>('/api/sign-in').then(({ value, problem: failed }) => {
      if (!value) return setMethod({ status: 'error', problem: failed! });
      setMethod({ status: 'ready', value });
      if (value.method !== 'demo') return setUsers({ status: 'none' });
      void getJson<DemoUser[]>('/oidc/demo-users').then(({ status, value: list, problem: listProblem }) => {
        if (status === 404) return setUsers({ status: 'none' });
        setUsers(list ? { status: 'ready', users: list } : { status: 'error', problem: listProblem! });
      });
    });
  }, []);

  useEffect(() => {
    if (session.state.status === 'signed-in') navigate(next, { replace: true });
  }, [session.state.status, navigate, next]);

  const signInWith = async (obtain: () => Promise<string>) => {
    setProblem(null);
    setFailure(null);
    try {
      await session.signIn(await obtain());
    } catch (error) {
      setProblem(typeof error === 'object' && error !== null && 'status' in error && 'code' in error ? (error as Problem) : problemOf(error));
    }
  };
  const submitToken = (event: FormEvent) => {
    event.preventDefault();
    void signInWith(async () => token.trim());
  };
  const redirect = async (settings: OidcSettings) => {
    setProblem(null);
    setFailure(null);
    setRedirecting(true);
    try {
      window.location.assign(await beginSignIn({ settings, redirectUri: `${window.location.origin}/signin/callback`, next, storage: window.sessionStorage }));
    } catch (error) {
      setRedirecting(false);
      setFailure(error instanceof SignInError ? error.failure : { kind: 'unreachable' });
    }
  };

  const tokenForm = (
    <form onSubmit={submitToken}>
      <div className="field">
        <label htmlFor={tokenId}>{t('signin.token')}</label>
        <textarea id={tokenId} rows={3} value={token} required autoComplete="off" spellCheck={false} onChange={(e) => setToken(e.target.value)} />
      </div>
      <button type="submit">{t('signin.button')}</button>
    </form>
  );

  return (
    <>
      <PageTitle>{t('signin.title')}</PageTitle>
      {session.state.status === 'signed-out' && session.state.expired && <p role="status">{t('signin.expired')}</p>}
      {failure && <SignInFailureMessage failure={failure} />}
      {problem && <ProblemMessage problem={problem} />}
      {method.status === 'loading' && <Loading />}
      {method.status === 'error' && <ProblemMessage problem={method.problem} />}
      {method.status === 'ready' && method.value.method === 'oidc' && (() => {
        const settings = method.value;
        return (
          <>
            <section aria-labelledby="with-provider">
              <h2 id="with-provider">{t('signin.provider.heading')}</h2>
              <p>{t('signin.provider.text', { host: new URL(settings.issuer).host })}</p>
              <button type="button" disabled={redirecting} onClick={() => void redirect(settings)}>
                {t('signin.provider.button')}
              </button>
              {redirecting && <p role="status">{t('signin.provider.redirecting')}</p>}
            </section>
            <details>
              <summary>{t('signin.withToken')}</summary>
              <p>{t('signin.tokenNote')}</p>
              {tokenForm}
            </details>
          </>
        );
      })()}
      {users.status === 'loading' && method.status === 'ready' && <Loading />}
      {users.status === 'error' && <ProblemMessage problem={users.problem} />}
      {users.status === 'ready' && (
        <section aria-labelledby="demo-users">
          <h2 id="demo-users">{t('signin.demoUsers')}</h2>
          <p>{t('signin.demoNote')}</p>
          <table>
            <caption className="visually-hidden">{t('signin.demoUsers')}</caption>
            <thead><tr><th scope="col">{t('signin.user')}</th><th scope="col">{t('header.tenant')}</th><th scope="col">{t('header.roles')}</th><th scope="col"><span className="visually-hidden">{t('signin.action')}</span></th></tr></thead>
            <tbody>
              {users.users.map((u) => (
                <tr key={u.id}>
                  <td>{u.displayName}</td>
                  <td>{u.tenantId}</td>
                  <td>{u.roles.join(', ')}</td>
                  <td>
                    <button type="button" aria-label={t('signin.as', { name: u.displayName })}
                      onClick={() => void signInWith(async () => (await post('/oidc/demo-token', { username: u.id })).access_token)}>
                      {t('signin.button')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {method.status === 'ready' && method.value.method === 'token' && <p>{t('signin.oidc')}</p>}
      {method.status === 'ready' && method.value.method !== 'oidc' && (
        <section aria-labelledby="with-token">
          <h2 id="with-token">{t('signin.withToken')}</h2>
          {tokenForm}
        </section>
      )}
    </>
  );
}
