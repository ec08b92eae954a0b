/** @module serveApp(): put the Hono app on a socket with @hono/node-server (host and port, port 0 for any free one) and hand back its URL and a graceful close; header and request timeouts and a connection cap are set, and the errors Node's HTTP server answers itself (a missing Host, headers too large, a timeout) are problem+json too. */
import {
  createServer,
  type IncomingMessage,
  maxHeaderSize,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { UserError } from '../core/index.ts';
import { PROBLEM_CONTENT_TYPE, type ProblemKind, problemText } from './problem.ts';
import { LOOPBACK_HOSTS } from './security.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5317;

/**
 * Limits of the HTTP server, documented in the README (`gorust serve`): a client gets this long to send its headers
 * and its whole request (then 408), an idle keep-alive connection is closed after keepAliveMs, and connections past
 * maxConnections are closed as they arrive. On close, requests already received get shutdownGraceMs to finish.
 */
export const SERVER_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
  shutdownGraceMs: 5_000,
} as const;

export type ServerLimits = { -readonly [K in keyof typeof SERVER_LIMITS]: number };

export type ServeOptions = {
  host?: string | undefined;
  port?: number | undefined;
  limits?: Partial<ServerLimits> | undefined;
};

export type CloseOptions = {
  /**
   * Called once the grace period is over with requests still running: stop their work so they answer (`gorust
   * serve` closes the decide pool, whose waiting decisions then answer 503); their connections are cut a second later.
   */
  onOverdue?: (() => Promise<void> | void) | undefined;
};

export type RunningApp = {
  url: string;
  host: string;
  port: number;
  /**
   * Stop gracefully: accept no new connection, close idle ones, let the requests already received finish (for
   * limits.shutdownGraceMs), then cut what is left. Resolves once every connection is closed.
   */
  close: (options?: CloseOptions) => Promise<void>;
};

/** How long overdue requests get to send the answer onOverdue made them give, before their connections are cut. */
const OVERDUE_FLUSH_MS = 1_000;

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
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node checks the two timeouts above (its default, 30 s, would let a slow client overstay).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, limits.headersTimeoutMs / 4)),
      // Node would answer a missing Host with an empty 400; requireHost answers it as a problem.
      requireHostHeader: false,
    },
    requireHost(
      getRequestListener(app.fetch, {
        hostname: host,
        // A request @hono/node-server cannot turn into a URL (a malformed Host, a backslash in the path).
        errorHandler: (error) =>
          problemResponse(
            400,
            'invalid-request',
            `the request is malformed: ${error instanceof Error ? error.message : String(error)}`,
          ),
      }),
    ),
  );
  server.on('clientError', answerClientError);
  // Past the cap, Node closes new connections as they are accepted.
  server.maxConnections = limits.maxConnections;
  return new Promise((done, fail) => {
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
    server.listen(port, host, () => {
      server.off('error', onError);
      const info = server.address() as AddressInfo;
      done({
        url: urlFor(host, info.port),
        host,
        port: info.port,
        close: (closeOptions = {}) => closeGracefully(server, limits.shutdownGraceMs, closeOptions),
      });
    });
  });
}

/**
 * Stop accepting, close idle connections (again every 100 ms, as requests finish), and after `graceMs` ask the
 * overdue requests to answer, then cut their connections.
 */
function closeGracefully(server: Server, graceMs: number, options: CloseOptions): Promise<void> {
  return new Promise((closed) => {
    let done = false;
    // The timers never keep the process alive on their own: open connections do, until they close.
    const sweep = setInterval(() => server.closeIdleConnections(), 100).unref();
    let cut: NodeJS.Timeout | undefined;
    const overdue = setTimeout(() => {
      void Promise.resolve()
        .then(() => options.onOverdue?.())
        .catch(() => undefined)
        .finally(() => {
          if (!done) cut = setTimeout(() => server.closeAllConnections(), OVERDUE_FLUSH_MS).unref();
        });
    }, graceMs).unref();
    server.close(() => {
      done = true;
      clearInterval(sweep);
      clearTimeout(overdue);
      clearTimeout(cut);
      closed();
    });
    server.closeIdleConnections();
  });
}

function problemResponse(status: number, kind: ProblemKind, detail: string): Response {
  return new Response(problemText(status, kind, detail), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'x-content-type-options': 'nosniff' },
  });
}

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/** HTTP/1.1 requires a Host header (RFC 9112 section 3.2): a request without one is a 400 problem. */
function requireHost(listener: Listener): Listener {
  return (request, response) => {
    if (request.httpVersion !== '1.1' || request.headers.host !== undefined) {
      listener(request, response);
      return;
    }
    const body = problemText(
      400,
      'invalid-request',
      'the request has no Host header (HTTP/1.1 requires one)',
      request.url,
    );
    response.writeHead(400, {
      'content-type': PROBLEM_CONTENT_TYPE,
      'content-length': Buffer.byteLength(body),
      'x-content-type-options': 'nosniff',
      connection: 'close',
    });
    response.end(body);
  };
}

/** The statuses Node's HTTP parser gives its own errors, as its default clientError handler does. */
function clientErrorProblem(code: string | undefined): { status: number; kind: ProblemKind; detail: string } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      kind: 'headers-too-large',
      detail: `the request line and headers are too large (at most ${maxHeaderSize / 1024} KiB together, Node's limit): shorten the query string`,
    };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, kind: 'request-timeout', detail: 'the request took too long to arrive' };
  }
  return { status: 400, kind: 'invalid-request', detail: 'the request is not valid HTTP' };
}

/**
 * Answer a request Node's HTTP parser refused (too large, too slow, malformed) with a problem where Node's own
 * handler would answer with an empty body: on a connection that has sent nothing yet. Any other is only closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable || socket.bytesWritten > 0) {
    socket.destroy();
    return;
  }
  const { status, kind, detail } = clientErrorProblem(error.code);
  const body = problemText(status, kind, detail);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}
