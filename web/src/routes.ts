/**
 * @module web/routes
 * THE route table: every screen's address, title, place in the navigation and the permission it
 * needs (from `/api/me`, the server's permission table). Screens are loaded when first opened, so the
 * first screen carries only its own code. To add a screen (queue, case, partnerships, dashboards,
 * simulator): add its folder under screens/, one entry here, and its strings to the four message files.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from './i18n/messages/en.ts';
import type { Params } from './router/match.ts';

export interface ScreenProps { params: Params }

export interface ScreenRoute {
  id: string;
  /** `/countries/:code`: literal segments and `:name` parameters (router/match.ts). */
  path: string;
  title: MessageKey;
  /** Shown in the main navigation (only to users who may open it). */
  nav?: boolean;
  /** What the user must be allowed to do to open it (any one of these); none = every signed-in user. */
  requires?: Array<{ resource: string; action: string }>;
  /** Reachable without signing in. */
  public?: boolean;
  load(): Promise<{ default: ComponentType<ScreenProps> }>;
}

export const ROUTES: readonly ScreenRoute[] = [
  { id: 'home', path: '/', title: 'home.title', load: () => import('./screens/home/home-screen.tsx') },
  { id: 'signin', path: '/signin', title: 'signin.title', public: true, load: () => import('./screens/signin/signin-screen.tsx') },
  { id: 'signin-callback', path: '/signin/callback', title: 'signin.title', public: true, load: () => import('./screens/signin/signin-callback-screen.tsx') },
  { id: 'law', path: '/law', title: 'law.title', nav: true, requires: [{ resource: 'law', action: 'read' }], load: () => import('./screens/law/law-screen.tsx') },
  { id: 'law-assess', path: '/law/assess', title: 'assess.title', requires: [{ resource: 'law', action: 'read' }], load: () => import('./screens/law/assess-screen.tsx') },
  { id: 'countries', path: '/countries', title: 'countries.title', nav: true, requires: [{ resource: 'country', action: 'read' }], load: () => import('./screens/countries/countries-screen.tsx') },
  { id: 'country', path: '/countries/:code', title: 'country.title', requires: [{ resource: 'country', action: 'read' }], load: () => import('./screens/countries/country-screen.tsx') },
  { id: 'dashboards', path: '/dashboards', title: 'dashboards.title', nav: true, requires: [{ resource: 'statistics', action: 'read' }], load: () => import('./screens/dashboards/dashboards-screen.tsx') },
  { id: 'queue', path: '/queue', title: 'queue.title', nav: true, requires: [{ resource: 'case', action: 'read' }], load: () => import('./screens/queue/queue-screen.tsx') },
  { id: 'case', path: '/cases/:id', title: 'case.titleUnknown', requires: [{ resource: 'case', action: 'read' }], load: () => import('./screens/cases/case-screen.tsx') },
  { id: 'partnerships', path: '/partnerships', title: 'partnerships.title', nav: true, requires: [{ resource: 'partnership', action: 'read' }], load: () => import('./screens/partnerships/partnerships-screen.tsx') },
  { id: 'partnership', path: '/partnerships/:code', title: 'partnership.title', requires: [{ resource: 'partnership', action: 'read' }], load: () => import('./screens/partnerships/partnership-screen.tsx') },
  { id: 'simulator', path: '/simulator', title: 'simulator.title', nav: true, requires: [{ resource: 'simulation', action: 'run' }, { resource: 'simulation', action: 'read' }], load: () => import('./screens/simulator/simulator-screen.tsx') },
  { id: 'audit', path: '/audit', title: 'audit.title', nav: true, requires: [{ resource: 'audit', action: 'read' }], load: () => import('./screens/audit/audit-screen.tsx') },
];

/** Whether a user with these permissions may open the route. */
export function mayOpen(route: ScreenRoute, can: (resource: string, action: string) => boolean): boolean {
  return !route.requires || route.requires.some((r) => can(r.resource, r.action));
}
