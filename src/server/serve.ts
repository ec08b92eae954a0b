/** @module serveApp(): put the Hono app on a socket with @hono/node-server (host and port, port 0 for any free one) and hand back its URL and a close function; header and request timeouts and a connection cap are set. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { UserError } from '../core/index.ts';
import { LOOPBACK_HOSTS } from './security.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5317;

/**
 * Limits of the HTTP server, documented in the README (`gorust serve`): a client gets this long to send its headers
 * and its whole request (then 408), an idle keep-alive connection is closed after keepAliveMs, and connections past
 * maxConnections are closed as they arrive.
 */
export const SERVER_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
} as const;

export type ServerLimits = { -readonly [K in keyof typeof SERVER_LIMITS]: number };

export type ServeOptions = {
  host?: string | undefined;
  port?: number | undefined;
  limits?: Partial<ServerLimits> | undefined;
};
export type RunningApp = { url: string; host: string; port: number; close: () => Promise<void> };

/** True for names that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return (
    (LOOPBACK_HOSTS as readonly string[]).includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

/** The URL a browser should open for a bound address; wildcard binds are shown as 127.0.0.1. */
export function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') && !shown.startsWith('[') ? `[${shown}]` : shown}:${port}`;
}

/**
 * Listen on host:port; rejects with a UserError naming the port when it is taken or the host cannot be bound.
 * @example
 * const running = await serveApp(app, { host: '127.0.0.1', port: 0 });
 * console.log(running.url); await running.close();
 */
export function serveApp(app: Hono, options: ServeOptions = {}): Promise<RunningApp> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const limits: ServerLimits = { ...SERVER_LIMITS, ...options.limits };
  return new Promise((done, fail) => {
    const serverOptions = {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node checks the two timeouts above (its default, 30 s, would let a slow client overstay).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, limits.headersTimeoutMs / 4)),
    };
    const server = serve({ fetch: app.fetch, hostname: host, port, serverOptions }, (info: AddressInfo) => {
      server.off('error', onError);
      done({
        url: urlFor(host, info.port),
        host,
        port: info.port,
        close: () =>
          new Promise<void>((closed) => {
            // Keep-alive connections would hold close() open until they time out.
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => closed());
          }),
      });
    });
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        fail(
          new UserError(
            `port ${port} on ${host} is already in use (another gorust serve?). Stop it, or pick another port: gorust serve --port ${port + 1}`,
          ),
        );
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EACCES') {
        fail(new UserError(`cannot listen on ${host}:${port}: ${error.code}. Check --host and --port.`));
      } else {
        fail(error);
      }
    };
    server.once('error', onError);
    // Past the cap, Node closes new connections as they are accepted.
    server.maxConnections = limits.maxConnections;
  });
}
