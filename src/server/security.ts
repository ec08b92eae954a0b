/** @module Request guards of the local server: Host allow-list (DNS rebinding), Origin check on state-changing requests (CSRF), and the security headers of every response. */
import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

/** Names that reach a loopback-bound server legitimately. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1', '[::1]'] as const;

/**
 * The UI's Content-Security-Policy: everything from this origin only. Inline styles are allowed because React and
 * ECharts set `style` attributes; scripts are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The host name of a Host header value, without the port (and with IPv6 brackets kept). */
export function hostName(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end === -1 ? value : value.slice(0, end + 1);
  }
  const colon = value.lastIndexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

/**
 * Refuse requests whose Host header names a host the server does not answer to. A web page on any site can make
 * a browser resolve its own name to 127.0.0.1 (DNS rebinding); its requests then carry that foreign name here.
 * @example
 * app.use('*', hostGuard(['127.0.0.1', 'localhost']));
 */
export function hostGuard(allowed: readonly string[] | 'any'): MiddlewareHandler {
  const names = allowed === 'any' ? null : new Set(allowed.map((h) => h.toLowerCase()));
  return async (c, next) => {
    if (names === null) return next();
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!names.has(hostName(host))) {
      return problem(
        c,
        403,
        'forbidden-host',
        `this server does not answer to the host name "${hostName(host)}"`,
      );
    }
    return next();
  };
}

/**
 * CSRF policy for POST, PUT, PATCH and DELETE:
 * - with an Origin header, it must be this server's own origin (scheme, host and port of the request) or one of
 *   `extraOrigins` (e.g. the Vite dev server); `Origin: null` is refused;
 * - without an Origin header, the request must not come from a browser context that says it is cross-site
 *   (`Sec-Fetch-Site: cross-site` or `same-site`). Browsers send Origin on every cross-origin POST, so a request with
 *   neither header is a non-browser client (curl, a script, app.request() in tests) and is allowed.
 * @example
 * app.use('/api/*', originGuard());
 */
export function originGuard(extraOrigins: readonly string[] = []): MiddlewareHandler {
  const extra = new Set(extraOrigins.map((o) => o.toLowerCase()));
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const url = new URL(c.req.url);
      const host = c.req.header('host') ?? url.host;
      const own = `${url.protocol}//${host}`.toLowerCase();
      if (origin.toLowerCase() !== own && !extra.has(origin.toLowerCase())) {
        return problem(
          c,
          403,
          'forbidden-origin',
          `a page from ${origin === 'null' ? 'an opaque origin' : origin} may not change data on this server`,
        );
      }
      return next();
    }
    const site = c.req.header('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') {
      return problem(
        c,
        403,
        'forbidden-origin',
        `a ${site} browser request without an Origin header is refused`,
      );
    }
    return next();
  };
}

/**
 * Security headers on every response: CSP (the UI's policy), no MIME sniffing, no framing, no referrer.
 * @example
 * app.use('*', securityHeaders());
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
  };
}
