/**
 * @module web/components/page-title
 * A screen's main heading: sets the document title and, when the screen was reached by an in-app
 * navigation, takes the focus, so that keyboard and screen-reader users continue from the new content
 * (a full page load leaves the focus at the top, where the skip link is).
 */
import { useEffect, useRef } from 'react';
import { consumeNavigationFocus } from '../router/router.tsx';

export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · Waypoint`;
    if (consumeNavigationFocus()) ref.current?.focus();
  }, [children]);
  return <h1 ref={ref} tabIndex={-1}>{children}</h1>;
}
