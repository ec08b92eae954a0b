/** @module Tests of serveApp()'s limits on a real loopback socket: a client that never finishes its headers is cut off, and connections past the cap are closed. */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp } from './app.test-helpers.ts';
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
