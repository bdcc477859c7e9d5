/**
 * @module web/screens/signin/signin-screen
 * Signing in. With the built-in demo issuer, its demo users (GET /oidc/demo-users) each get a button
 * that asks for their token (POST /oidc/demo-token). With an organisation's OpenID Connect provider
 * configured instead (WAYPOINT_OIDC_ISSUER), the provider issues the token: the user pastes the access
 * token it gave them. After signing in, the user goes back to the address they asked for.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { problemFromResponse, networkProblem, type Problem } from '../../api/problem.ts';
import type { DemoUser } from '../../api/types.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { Loading } from '../../components/loaded.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useRouter } from '../../router/router.tsx';

type Users = { status: 'loading' } | { status: 'none' } | { status: 'ready'; users: DemoUser[] } | { status: 'error'; problem: Problem };

/** Only addresses inside the app: `next` comes from the URL and must not send the user elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
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

export default function SignInScreen() {
  const { t } = useI18n();
  const session = useSession();
  const { location, navigate } = useRouter();
  const [users, setUsers] = useState<Users>({ status: 'loading' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [token, setToken] = useState('');
  const tokenId = useId();
  const next = safeNext(location.search.get('next'));

  useEffect(() => {
    fetch('/oidc/demo-users', { headers: { accept: 'application/json' } }).then(async (response) => {
      if (response.status === 404) return setUsers({ status: 'none' });
      const text = await response.text();
      if (!response.ok) return setUsers({ status: 'error', problem: problemFromResponse(response.status, response.headers.get('x-request-id'), text) });
      setUsers({ status: 'ready', users: JSON.parse(text) as DemoUser[] });
    }, (error: unknown) => setUsers({ status: 'error', problem: networkProblem(error) }));
  }, []);

  useEffect(() => {
    if (session.state.status === 'signed-in') navigate(next, { replace: true });
  }, [session.state.status, navigate, next]);

  const signInWith = async (obtain: () => Promise<string>) => {
    setProblem(null);
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

  return (
    <>
      <PageTitle>{t('signin.title')}</PageTitle>
      {session.state.status === 'signed-out' && session.state.expired && <p role="status">{t('signin.expired')}</p>}
      {problem && <ProblemMessage problem={problem} />}
      {users.status === 'loading' && <Loading />}
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
      {users.status === 'none' && <p>{t('signin.oidc')}</p>}
      <section aria-labelledby="with-token">
        <h2 id="with-token">{t('signin.withToken')}</h2>
        <form onSubmit={submitToken}>
          <div className="field">
            <label htmlFor={tokenId}>{t('signin.token')}</label>
            <textarea id={tokenId} rows={3} value={token} required autoComplete="off" spellCheck={false} onChange={(e) => setToken(e.target.value)} />
          </div>
          <button type="submit">{t('signin.button')}</button>
        </form>
      </section>
    </>
  );
}
