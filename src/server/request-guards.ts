/** @module Guards every API request passes besides its route's own schema: query strings without empty or repeated parameters, and 405 (with Allow) for a known path asked with a method it does not have. */
import type { Context, MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

/**
 * Refuse a query string with an empty parameter (`?seed=`) or one given twice (`?seed=1&seed=2`): which one was meant
 * is a guess, so the request is a 400 naming the parameter instead.
 * @example
 * app.use('/api/*', queryGuard());
 */
export function queryGuard(): MiddlewareHandler {
  return async (c, next) => {
    const params = new URL(c.req.url).searchParams;
    const seen = new Set<string>();
    for (const [name, value] of params) {
      const path = `(query) ${name}`;
      if (seen.has(name)) {
        return problem(c, 400, 'invalid-request', `the query parameter ${name} is given more than once`, [
          {
            path,
            expected: 'one value',
            found: `${params.getAll(name).length} values`,
            message: 'expected one value',
          },
        ]);
      }
      seen.add(name);
      if (value === '') {
        return problem(c, 400, 'invalid-request', `the query parameter ${name} is empty`, [
          {
            path,
            expected: 'a value (or leave the parameter out)',
            found: 'an empty value',
            message: 'expected a value',
          },
        ]);
      }
    }
    return next();
  };
}

type RouteEntry = { method: string; path: string };

/** `/api/decisions/:id` as a regular expression matching one path segment per parameter. */
function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * The last handler under /api: a path the API has, asked with another method, is a 405 with the Allow header;
 * any other path is a 404.
 * @example
 * app.all('/api/*', methodNotAllowed(api.routes));
 */
export function methodNotAllowed(routes: readonly RouteEntry[]): (c: Context) => Response {
  const table = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const route of routes) {
    if (route.method === 'ALL' || route.path.includes('*')) continue;
    const entry = table.get(route.path) ?? { pattern: pathPattern(route.path), methods: new Set<string>() };
    entry.methods.add(route.method.toUpperCase());
    if (route.method.toUpperCase() === 'GET') entry.methods.add('HEAD');
    table.set(route.path, entry);
  }
  return (c) => {
    // A path a route without parameters owns (/api/decisions/diff) is that route's alone, not also /decisions/:id's.
    const matches = [...table.entries()].filter(([, entry]) => entry.pattern.test(c.req.path));
    const exact = matches.filter(([path]) => !path.includes(':'));
    const allowed = new Set((exact.length > 0 ? exact : matches).flatMap(([, entry]) => [...entry.methods]));
    if (allowed.size === 0) return problem(c, 404, 'not-found', `no API route ${c.req.method} ${c.req.path}`);
    const allow = [...allowed].sort().join(', ');
    c.header('Allow', allow);
    return problem(
      c,
      405,
      'method-not-allowed',
      `${c.req.path} does not take ${c.req.method}; it takes ${allow}`,
    );
  };
}
