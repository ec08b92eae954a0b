/** @module Tests of hash routing. */
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './route.ts';

describe('parseRoute', () => {
  it('reads every view and round-trips through routeHref', () => {
    const routes = [
      { view: 'decide' },
      { view: 'decide', example: 'close-call' },
      { view: 'decision', id: '12' },
      { view: 'edit', id: '12' },
      { view: 'lab' },
      { view: 'lab', run: '20260102-030405-1a2b' },
      { view: 'history' },
      { view: 'share', data: 'eyJ2ZXJzaW9uIjoxfQ' },
    ] as const;
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('opens the questionnaire for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ view: 'decide' });
    expect(parseRoute('#/nope')).toEqual({ view: 'decide' });
    expect(parseRoute('#/decision')).toEqual({ view: 'decide' });
  });

  it('encodes ids so a hostile id stays one path segment', () => {
    const href = routeHref({ view: 'decision', id: 'a/b<c>' });
    expect(href).toBe('#/decision/a%2Fb%3Cc%3E');
    expect(parseRoute(href)).toEqual({ view: 'decision', id: 'a/b<c>' });
  });
});
