/** @module Tests of serveApp() on a real loopback socket: a client that never finishes its headers is cut off, connections past the cap are closed, the errors Node answers itself are problem+json, and close() lets requests already received finish. */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decide } from '../core/index.ts';
import { makeApp, PROFILE, postJson, testKb } from './app.test-helpers.ts';
import type { Decider } from './decide-pool.ts';
import { ProblemError } from './problem.ts';
import { type RunningApp, SERVER_LIMITS, serveApp } from './serve.ts';

let running: RunningApp | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await running?.close();
  running = undefined;
});

function open(port: number): Promise<Socket> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => done(socket));
    socket.on('error', fail);
    sockets.push(socket);
  });
}

/** Everything the server sends until it closes the connection (or `ms` passes: then null). */
function untilClosed(socket: Socket, ms: number): Promise<string | null> {
  return new Promise((done) => {
    let text = '';
    const timer = setTimeout(() => done(null), ms);
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      done(text);
    });
  });
}

describe('serveApp limits', () => {
  it('documents sane defaults', () => {
    expect(SERVER_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(SERVER_LIMITS.requestTimeoutMs);
    expect(SERVER_LIMITS.maxConnections).toBeGreaterThan(0);
  });

  it('answers 408 and closes a connection that never finishes its headers', async () => {
    const { app } = makeApp();
    running = await serveApp(app, {
      host: '127.0.0.1',
      port: 0,
      limits: { headersTimeoutMs: 400, requestTimeoutMs: 800 },
    });
    const socket = await open(running.port);
    socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const started = Date.now();
    const reply = await untilClosed(socket, 10_000);
    expect(reply).not.toBeNull();
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('closes connections past the cap as they arrive, and serves again once below it', async () => {
    const { app } = makeApp();
    running = await serveApp(app, { host: '127.0.0.1', port: 0, limits: { maxConnections: 2 } });
    await open(running.port);
    await open(running.port);
    // Give the server time to accept both before the third arrives.
    await new Promise((wait) => setTimeout(wait, 100));
    const third = await open(running.port);
    third.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await untilClosed(third, 5_000)).toBe('');
    for (const socket of sockets.splice(0)) socket.destroy();
    await new Promise((wait) => setTimeout(wait, 100));
    expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
  });
});

/** The status line and the parsed body of a raw HTTP reply. */
function parseReply(reply: string | null): { status: string; contentType: string; body: unknown } {
  const [head = '', body = ''] = (reply ?? '').split('\r\n\r\n');
  return {
    status: head.split('\r\n')[0] ?? '',
    contentType: /^content-type: (.*)$/im.exec(head)?.[1] ?? '',
    body: body === '' ? null : JSON.parse(body),
  };
}

describe('serveApp answers what Node refuses itself as problem+json', () => {
  it('answers a request without Host with 400, and a query string over 16 KiB with 431', async () => {
    const { app } = makeApp();
    running = await serveApp(app, { host: '127.0.0.1', port: 0 });
    const noHost = await open(running.port);
    noHost.write('GET /api/health HTTP/1.1\r\n\r\n');
    const missing = parseReply(await untilClosed(noHost, 5_000));
    expect(missing.status).toBe('HTTP/1.1 400 Bad Request');
    expect(missing.contentType).toMatch(/^application\/problem\+json/);
    expect(missing.body).toMatchObject({ status: 400, detail: expect.stringContaining('no Host header') });

    const huge = await open(running.port);
    huge.write(`GET /api/health?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    const tooLarge = parseReply(await untilClosed(huge, 5_000));
    expect(tooLarge.status).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(tooLarge.body).toMatchObject({ status: 431, type: 'urn:gorust:problem:headers-too-large' });
  });
});

/** A decider that counts the decisions it was asked for and answers each after `ms`, or, with ms null, only when closed (503). */
function slowDecider(ms: number | null): Decider & { asked: () => number } {
  let asked = 0;
  const waiting: ((error: Error) => void)[] = [];
  return {
    asked: () => asked,
    decide(profile, options) {
      asked++;
      return new Promise((done, fail) => {
        waiting.push(fail);
        if (ms !== null) setTimeout(() => done(decide(profile, testKb(), options)), ms);
      });
    },
    async close() {
      for (const fail of waiting.splice(0)) fail(new ProblemError(503, 'stopping', 'the server is stopping'));
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((wait) => setTimeout(wait, 10));
  expect(condition()).toBe(true);
}

describe('serveApp close', () => {
  it('stops accepting connections but lets the requests already received finish', async () => {
    const decider = slowDecider(400);
    const { app } = makeApp({ decider });
    running = await serveApp(app, { host: '127.0.0.1', port: 0 });
    const { url } = running;
    const replies = Array.from({ length: 8 }, () =>
      fetch(`${url}/api/decisions`, postJson({ profile: PROFILE, samples: 100 })),
    );
    await until(() => decider.asked() === 8);
    const closing = running.close();
    running = undefined;
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    const statuses = await Promise.all(replies.map(async (reply) => (await reply).status));
    expect(statuses).toEqual(Array(8).fill(201));
    await closing;
  });

  it('past the grace period, has the overdue requests answer 503 problem+json (onOverdue), then closes', async () => {
    const decider = slowDecider(null);
    const { app } = makeApp({ decider });
    running = await serveApp(app, { host: '127.0.0.1', port: 0, limits: { shutdownGraceMs: 200 } });
    const reply = fetch(`${running.url}/api/decide`, postJson(PROFILE));
    await until(() => decider.asked() === 1);
    const started = Date.now();
    await running.close({ onOverdue: () => decider.close() });
    running = undefined;
    const res = await reply;
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ type: 'urn:gorust:problem:stopping' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
