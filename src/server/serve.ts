/** @module serveApp(): put the Hono app on a socket with @hono/node-server (host and port, port 0 for any free one) and hand back its URL and a close function. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { UserError } from '../core/index.ts';
import { LOOPBACK_HOSTS } from './security.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5317;

export type ServeOptions = { host?: string | undefined; port?: number | undefined };
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
  return new Promise((done, fail) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
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
  });
}
