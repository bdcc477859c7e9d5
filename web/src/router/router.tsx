/**
 * @module web/router/router
 * Client-side navigation with the History API: the current location as React state, `navigate()`,
 * and `<Link>` (a real `<a href>`, so it opens in a new tab, copies and works without the router).
 * After each navigation focus moves to the new screen's main heading, so screen-reader and keyboard
 * users start reading where the content starts (WCAG 2.4.3 focus order).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export interface Location {
  path: string;
  search: URLSearchParams;
}

interface RouterValue {
  location: Location;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterValue | null>(null);

/** Set by an in-app navigation, taken by the next screen heading that mounts (see PageTitle). */
let focusPending = false;

/** Whether the screen now showing was reached by an in-app navigation (answers true once). */
export function consumeNavigationFocus(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

function current(): Location {
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search) };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(current);
  useEffect(() => {
    const onPop = () => { focusPending = true; setLocation(current()); };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    // Only the user's move to another screen moves the focus: a changed query (a date, a filter) and a
    // redirect (replace, e.g. to sign in) leave it where the page put it.
    if (!options.replace && new URL(to, window.location.href).pathname !== window.location.pathname) focusPending = true;
    if (options.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setLocation(current());
  }, []);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside <RouterProvider>');
  return value;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An in-app link: a plain click navigates without reloading; modified clicks behave as the browser's. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
