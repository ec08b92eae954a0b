/** @module Request guards of the local server: Host allow-list (DNS rebinding, on whatever the bind address), the API token of an exposed server, Origin check on state-changing requests (CSRF), and the security headers of every response. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { problem } from './problem.ts';

/** Names that reach a loopback-bound server legitimately. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1', '[::1]'] as const;

/**
 * The UI's Content-Security-Policy: everything from this origin only. Inline styles are allowed because React and
 * the views set `style` attributes; scripts are not.
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

/** An IP literal as it appears in a Host header: IPv6 in brackets, without a zone. */
function hostLiteral(address: string): string {
  const bare = address.replace(/%.*$/, '').toLowerCase();
  return isIP(bare) === 6 ? `[${bare}]` : bare;
}

/** The IP addresses of this machine's interfaces, as Host header literals. */
export function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((entry) => hostLiteral(entry.address));
}

/**
 * The host names a server bound to `bindHost` answers to, whatever that address is (Vite's rule): the loopback names,
 * `localhost` and any name under `.localhost`, the bound address, this machine's IP literals, and each `extra` name
 * (`--allowed-host`; one starting with a dot allows that domain and its subdomains). A foreign name, which is what
 * a DNS-rebinding page sends, is never in it; a wildcard bind (0.0.0.0, ::) adds no name of its own.
 * @example
 * allowedHostsFor('0.0.0.0', ['.corp.example']); // ['127.0.0.1', 'localhost', ..., '192.168.1.20', '.corp.example']
 */
export function allowedHostsFor(bindHost: string, extra: readonly string[] = []): string[] {
  const wildcard = bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '[::]';
  const bound = wildcard
    ? []
    : [
        isIP(bindHost.replace(/^\[|\]$/g, ''))
          ? hostLiteral(bindHost.replace(/^\[|\]$/g, ''))
          : bindHost.toLowerCase(),
      ];
  return [
    ...new Set([
      ...LOOPBACK_HOSTS,
      '.localhost',
      ...bound,
      ...machineAddresses(),
      ...extra.map((h) => h.toLowerCase()),
    ]),
  ];
}

/** Whether `name` (a Host header's name) is allowed: exactly, or under an allowed `.domain`. */
export function hostAllowed(name: string, allowed: ReadonlySet<string>): boolean {
  if (allowed.has(name)) return true;
  for (const entry of allowed) {
    if (entry.startsWith('.') && (name === entry.slice(1) || name.endsWith(entry))) return true;
  }
  return false;
}

/**
 * Refuse requests whose Host header names a host the server does not answer to. A web page on any site can make
 * a browser resolve its own name to this server's address (DNS rebinding); its requests then carry that foreign
 * name here. Entries starting with a dot allow a domain and its subdomains (`.localhost`).
 * @example
 * app.use('*', hostGuard(['127.0.0.1', 'localhost', '.localhost']));
 */
export function hostGuard(allowed: readonly string[] | 'any'): MiddlewareHandler {
  const names = allowed === 'any' ? null : new Set(allowed.map((h) => h.toLowerCase()));
  return async (c, next) => {
    if (names === null) return next();
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!hostAllowed(hostName(host), names)) {
      return problem(
        c,
        403,
        'forbidden-host',
        `this server does not answer to the host name "${hostName(host)}" (gorust serve --allowed-host NAME adds one)`,
      );
    }
    return next();
  };
}

/**
 * A new API token: 24 random bytes, URL-safe (32 characters), as Jupyter prints in its URL.
 * @example
 * const token = generateToken();
 */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The shortest token accepted from --token or GORUST_TOKEN. */
export const MIN_TOKEN_LENGTH = 16;

/** The cookie that carries the token for the web app: named after the token's hash, so two servers on one host do not clash. */
export function tokenCookieName(token: string): string {
  return `gorust-token-${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
}

function sameSecret(given: string, token: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/**
 * The token of an exposed server (Jupyter's model). Every /api call must carry it, as `Authorization: Bearer TOKEN`
 * (scripts) or in the cookie the server sets (the web app). Opening any page with `?token=TOKEN` sets that cookie
 * (HttpOnly, SameSite=Strict) and redirects to the same page without the token, so it stays out of the address bar
 * and history; the web app's fetches and download links then carry it with no code of their own.
 * A missing or wrong token on the API is a 401 problem.
 * @example
 * app.use('*', tokenGuard(token));
 */
export function tokenGuard(token: string): MiddlewareHandler {
  const cookie = tokenCookieName(token);
  return async (c, next) => {
    const url = new URL(c.req.url);
    const api = url.pathname === '/api' || url.pathname.startsWith('/api/');
    const offered = url.searchParams.get('token');
    if (!api && c.req.method === 'GET' && offered !== null && sameSecret(offered, token)) {
      setCookie(c, cookie, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 302);
    }
    if (!api) return next();
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const given = bearer ?? getCookie(c, cookie);
    if (given !== undefined && sameSecret(given, token)) return next();
    c.header('WWW-Authenticate', 'Bearer realm="gorust"');
    return problem(
      c,
      401,
      'unauthorized',
      given === undefined
        ? 'this server needs its token: open the URL gorust serve printed (with ?token=), or send Authorization: Bearer TOKEN'
        : 'the token is wrong',
    );
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
