/**
 * @module web/app
 * The shell around every screen: skip link, header (who is signed in, tenant, roles, language),
 * the main navigation built from the route table and the user's permissions, and the screen for
 * the current address — loaded on demand, inside an error boundary, so no state is a blank page.
 */
import { lazy, Suspense, useEffect, useMemo, useState, type ComponentType } from 'react';
import { useSession } from './auth/session.tsx';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { Loading } from './components/loaded.tsx';
import { PageTitle } from './components/page-title.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { LANGUAGES, type Language } from './i18n/translate.ts';
import { resolveRoute } from './router/match.ts';
import { Link, useRouter } from './router/router.tsx';
import { mayOpen, ROUTES, type ScreenProps, type ScreenRoute } from './routes.ts';

/**
 * A route's screen, its code loaded on first use. Once the code is there, a screen mounted afterwards
 * renders it directly instead of through `lazy`: React 19 holds back what a Suspense boundary reveals
 * for about 300 ms after its fallback showed, which would delay the first screen by that much after its
 * code had arrived (measured: the sign-in screen asked for its data 300 ms after its chunk loaded). A
 * mount keeps the way it started, so a screen is never remounted when its code arrives.
 */
function routeScreen(route: ScreenRoute): { Screen: ComponentType<ScreenProps>; preload(): Promise<unknown> } {
  let loaded: ComponentType<ScreenProps> | null = null;
  const load = () => route.load().then((module) => { loaded = module.default; return module; });
  const Lazy = lazy(load);
  function Screen(props: ScreenProps) {
    const [Direct] = useState(() => loaded);
    return Direct ? <Direct {...props} /> : <Lazy {...props} />;
  }
  return { Screen, preload: load };
}

const SCREENS = new Map(ROUTES.map((r) => [r.id, routeScreen(r)]));

/**
 * Loads the code of the screen the first render will show — the screen at `path`, or sign-in when no
 * one is signed in and it is not public — so that it renders at once. A failed load is left to the
 * screen's own loading, which shows the error.
 */
export function preloadFirstScreen(path: string, signedIn: boolean): Promise<unknown> {
  const match = resolveRoute(ROUTES, path);
  const id = match && (match.route.public || signedIn) ? match.route.id : 'signin';
  return SCREENS.get(id)!.preload().catch(() => undefined);
}

/** Language names in their own language: a user who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', de: 'Deutsch', it: 'Italiano' };

function Header() {
  const { t, language, setLanguage } = useI18n();
  const session = useSession();
  const { location } = useRouter();
  const signedIn = session.state.status === 'signed-in' ? session.state.me : null;
  const nav = ROUTES.filter((r) => r.nav && signedIn && mayOpen(r, session.can));
  return (
    <header className="app-header">
      <div className="bar">
        <Link to="/" className="brand">Waypoint</Link>
        {signedIn && (
          <p className="who" aria-label={t('header.user')}>
            <span>{signedIn.displayName}</span>
            <span>{t('header.tenant')}: <strong>{signedIn.tenantId}</strong></span>
            <span>{t('header.roles')}: <strong>{signedIn.roles.map((role) => role.replace(/-/g, ' ')).join(', ')}</strong></span>
          </p>
        )}
        <div className="field inline">
          <label htmlFor="language">{t('header.language')}</label>
          <select id="language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((code) => <option key={code} value={code} lang={code}>{LANGUAGE_NAMES[code]}</option>)}
          </select>
        </div>
        {signedIn && <button type="button" onClick={session.signOut}>{t('header.signOut')}</button>}
      </div>
      {nav.length > 0 && (
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav.map((r) => {
              const active = location.path === r.path || location.path.startsWith(`${r.path}/`);
              return <li key={r.id}><Link to={r.path} aria-current={active ? 'page' : undefined}>{t(r.title)}</Link></li>;
            })}
          </ul>
        </nav>
      )}
    </header>
  );
}

function Screen() {
  const { t } = useI18n();
  const session = useSession();
  const { location, navigate } = useRouter();
  const match = useMemo(() => resolveRoute(ROUTES, location.path), [location.path]);
  const signedOut = session.state.status === 'signed-out';
  const mustSignIn = signedOut && !match?.route.public;

  useEffect(() => {
    if (mustSignIn) navigate(`/signin?next=${encodeURIComponent(location.path + (location.search.toString() ? `?${location.search}` : ''))}`, { replace: true });
  }, [mustSignIn, navigate, location]);

  if (session.state.status === 'checking' || mustSignIn) return <Loading />;
  if (!match) {
    return <><PageTitle>{t('notFound.title')}</PageTitle><p>{t('notFound.text', { path: location.path })}</p><p><Link to="/">{t('home.title')}</Link></p></>;
  }
  if (!match.route.public && !mayOpen(match.route, session.can)) {
    return <><PageTitle>{t(match.route.title)}</PageTitle><p role="alert">{t('forbidden.text')}</p></>;
  }
  const Component = SCREENS.get(match.route.id)!.Screen;
  return (
    <ErrorBoundary title={t('problem.render')} reloadLabel={t('action.reload')} resetKey={location.path}>
      <Suspense fallback={<Loading />}><Component params={match.params} /></Suspense>
    </ErrorBoundary>
  );
}

export function App() {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      <Header />
      <main id="main" tabIndex={-1}><Screen /></main>
      <footer className="app-footer"><a href="/api/docs">{t('footer.api')}</a></footer>
    </>
  );
}
