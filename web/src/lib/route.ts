/** @module Hash routing for the four views, without a router package: `#/decide[/EXAMPLE]`, `#/share/DATA` (a draft in the link), `#/edit/ID`, `#/decision/ID`, `#/lab/RUN`, `#/history`. */
import { useEffect, useState } from 'react';

export type Route =
  | { view: 'decide'; example?: string }
  | { view: 'share'; data: string }
  | { view: 'edit'; id: string }
  | { view: 'decision'; id: string }
  | { view: 'lab'; run?: string }
  | { view: 'history' };

/**
 * Parse a location hash into a route; anything unknown opens the questionnaire.
 * @example
 * parseRoute('#/decision/12'); // { view: 'decision', id: '12' }
 */
export function parseRoute(hash: string): Route {
  const [view, arg] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (view === 'decision' && arg) return { view: 'decision', id: arg };
  if (view === 'edit' && arg) return { view: 'edit', id: arg };
  if (view === 'lab') return arg ? { view: 'lab', run: arg } : { view: 'lab' };
  if (view === 'history') return { view: 'history' };
  if (view === 'share' && arg) return { view: 'share', data: arg };
  return arg ? { view: 'decide', example: arg } : { view: 'decide' };
}

/**
 * The hash of a route, for links.
 * @example
 * routeHref({ view: 'history' }); // '#/history'
 */
export function routeHref(route: Route): string {
  switch (route.view) {
    case 'decision':
      return `#/decision/${encodeURIComponent(route.id)}`;
    case 'edit':
      return `#/edit/${encodeURIComponent(route.id)}`;
    case 'lab':
      return route.run ? `#/lab/${encodeURIComponent(route.run)}` : '#/lab';
    case 'history':
      return '#/history';
    case 'share':
      return `#/share/${encodeURIComponent(route.data)}`;
    default:
      return route.example ? `#/decide/${encodeURIComponent(route.example)}` : '#/decide';
  }
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
