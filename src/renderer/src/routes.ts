// Hash routing (`#/persons`): works the same under `app://ledger/index.html` and under http, and
// needs no server support. Unknown hashes fall back to the dashboard.
import { useEffect, useState } from 'react';

export const ROUTES = [
  'dashboard',
  'persons',
  'cohorts',
  'requests',
  'placements',
  'allocation',
  'import',
  'export',
  'history',
  'settings',
] as const;
export type RouteId = (typeof ROUTES)[number];

export const DEFAULT_ROUTE: RouteId = 'dashboard';

export function isRoute(value: string): value is RouteId {
  return (ROUTES as readonly string[]).includes(value);
}

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRoute(id) ? id : DEFAULT_ROUTE;
}

export function hrefOf(route: RouteId): string {
  return `#/${route}`;
}

/** The current route; follows back/forward and clicks on `#/…` links. */
export function useRoute(): RouteId {
  const [route, setRoute] = useState<RouteId>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
