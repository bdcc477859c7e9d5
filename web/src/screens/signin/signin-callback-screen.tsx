/**
 * @module web/screens/signin/signin-callback-screen
 * Where the OpenID Connect provider sends the user back (/signin/callback?code=…&state=…): the sign-in
 * is completed (auth/oidc.ts: state checked, code exchanged with the PKCE verifier), the access token
 * kept by the session as any other, and the user taken to the address they had asked for. Any failure
 * — refused at the provider, a state that is not this tab's, a failed exchange, a token Waypoint
 * refuses — takes the user back to the sign-in screen, which says what happened. The code never
 * stays in the address bar or the history.
 */
import { useEffect } from 'react';
import { completeSignIn, reportSignInFailure, SignInError, type CompletedSignIn } from '../../auth/oidc.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import type { Problem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useRouter } from '../../router/router.tsx';

/**
 * One completion per callback address: the pending sign-in is used once, and React may run an effect
 * twice (StrictMode in development) — both runs share the same exchange.
 */
const completions = new Map<string, Promise<CompletedSignIn>>();

function isProblem(error: unknown): error is Problem {
  return typeof error === 'object' && error !== null && 'status' in error && 'code' in error;
}

export default function SignInCallbackScreen() {
  const { t } = useI18n();
  const session = useSession();
  const { navigate } = useRouter();

  useEffect(() => {
    const href = window.location.href;
    let completion = completions.get(href);
    if (!completion) {
      completion = completeSignIn({ callbackUrl: new URL(href), storage: window.sessionStorage });
      completions.set(href, completion);
    }
    let next = '/';
    let active = true;
    completion
      .then(async (done) => {
        next = done.next;
        if (!active) return;
        try {
          await session.signIn(done.accessToken, { signOutUrl: done.signOutUrl, refresh: done.refresh });
        } catch (error) {
          throw new SignInError({ kind: 'refused', problem: isProblem(error) ? error : problemOf(error) }, done.next);
        }
        reportSignInFailure(null);
        navigate(done.next, { replace: true });
      })
      .catch((error: unknown) => {
        if (!active) return;
        const failure = error instanceof SignInError ? error.failure : { kind: 'exchange' as const, code: null };
        if (error instanceof SignInError) next = error.next;
        reportSignInFailure(failure);
        navigate(`/signin${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`, { replace: true });
      });
    return () => { active = false; };
    // Runs once for the callback address; the session and router functions are stable.
  }, []);

  return (
    <>
      <PageTitle>{t('signin.title')}</PageTitle>
      <p role="status">{t('signin.callback.working')}</p>
    </>
  );
}
