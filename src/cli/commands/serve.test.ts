/** @module Tests of `gorust serve`: prints the URL, serves the API on a real loopback socket, stops on SIGINT/SIGTERM, explains a taken port, warns before binding a non-loopback address. */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProfileText } from '../../core/index.ts';
import type { RunningApp } from '../../server/serve.ts';
import type { CliIo } from '../output.ts';
import { runCli } from '../run.ts';
import { registerServeCommand, type ServeHooks } from './serve.ts';

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    isTTY: false,
    env: {},
    cwd: process.cwd(),
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gorust-serve-'));
  dirs.push(dir);
  return join(dir, 'gorust.db');
}

/** The status of GET /api/health sent to address:port with a Host header of our choosing (fetch cannot set Host). */
function statusWithHost(
  port: number,
  address: string,
  host: string,
  authorization?: string,
): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: address,
        port,
        path: '/api/health',
        headers: { host, ...(authorization ? { authorization } : {}) },
      },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.on('error', fail);
    req.end();
  });
}

function start(argv: string[], hooks: ServeHooks = {}, io = fakeIo()) {
  const signals = new EventEmitter();
  let listening: (r: RunningApp) => void = () => undefined;
  const ready = new Promise<RunningApp>((done) => {
    listening = done;
  });
  const exit = runCli(
    argv,
    [(p) => registerServeCommand(p, io, { signals, onListening: listening, ...hooks })],
    io,
  );
  return { io, signals, ready, exit };
}

describe('gorust serve', () => {
  it('serves the API on 127.0.0.1, prints the URL, and stops on SIGINT', async () => {
    const { io, signals, ready, exit } = start(['serve', '--port', '0', '--db', tempDb()]);
    const running = await Promise.race([
      ready,
      exit.then((code) => Promise.reject(new Error(`exited ${code}: ${io.err.join('')}`))),
    ]);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(io.out.join('')).toContain(`gorust is serving on ${running.url}`);
    const health = await fetch(`${running.url}/api/health`);
    expect(await health.json()).toEqual({ ok: true });
    const list = await fetch(`${running.url}/api/decisions`);
    expect(await list.json()).toEqual([]);
    signals.emit('SIGINT');
    expect(await exit).toBe(0);
    await expect(fetch(`${running.url}/api/health`)).rejects.toThrow();
  });

  it('stops on SIGTERM too', async () => {
    const { signals, ready, exit } = start(['serve', '--port', '0', '--db', tempDb()]);
    await ready;
    signals.emit('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('on SIGTERM, lets the saves already received finish (201 each), then stops, with no internal error', async () => {
    const { io, signals, ready, exit } = start(['serve', '--port', '0', '--db', tempDb()]);
    const running = await ready;
    const profile = parseProfileText(
      readFileSync(new URL('../../../examples/startup-rest-api.yaml', import.meta.url), 'utf8'),
      'startup-rest-api.yaml',
    );
    const saves = Array.from({ length: 12 }, () =>
      fetch(`${running.url}/api/decisions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ profile, samples: 100 }),
      }).then((res) => res.status),
    );
    // The first decision starts a worker thread (over a second from source): the saves are in flight at the signal.
    await new Promise((wait) => setTimeout(wait, 300));
    signals.emit('SIGTERM');
    expect(await Promise.all(saves)).toEqual(Array(12).fill(201));
    expect(await exit).toBe(0);
    expect(io.err.join('')).not.toContain('internal error');
  });

  it('says clearly when the port is taken (exit 2)', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { io, exit } = start(['serve', '--port', String(port), '--db', tempDb()]);
      expect(await exit).toBe(2);
      expect(io.err.join('')).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });

  it('warns before binding an address that is not loopback', async () => {
    // 192.0.2.1 (TEST-NET-1) is not on this machine, so nothing is actually exposed: the bind fails after the warning.
    const { io, exit } = start(['serve', '--host', '192.0.2.1', '--port', '0', '--db', tempDb()]);
    expect(await exit).toBe(2);
    expect(io.err.join('')).toMatch(/warning: binding to 192\.0\.2\.1, not loopback/);
    expect(io.err.join('')).toContain('cannot listen on 192.0.2.1');
  });

  it('bound to 127.0.0.2, answers to its own address and still refuses a foreign Host', async () => {
    const { signals, ready, exit, io } = start([
      'serve',
      '--host',
      '127.0.0.2',
      '--port',
      '0',
      '--db',
      tempDb(),
    ]);
    const running = await Promise.race([
      ready,
      exit.then((code) => Promise.reject(new Error(`exited ${code}: ${io.err.join('')}`))),
    ]);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
    expect(await statusWithHost(running.port, '127.0.0.2', `localhost:${running.port}`)).toBe(200);
    expect(await statusWithHost(running.port, '127.0.0.2', `evil.example:${running.port}`)).toBe(403);
    signals.emit('SIGINT');
    expect(await exit).toBe(0);
  });

  it('with --allowed-host, also answers to that name; with GORUST_TOKEN, every API call needs the token', async () => {
    const token = 'a-token-of-sixteen-plus';
    const io0 = fakeIo();
    const { signals, ready, exit, io } = start(
      ['serve', '--port', '0', '--db', tempDb(), '--allowed-host', 'gorust.lan'],
      {},
      { ...io0, env: { GORUST_TOKEN: token } },
    );
    const running = await ready;
    expect(io.out.join('')).not.toContain(token);
    expect(await statusWithHost(running.port, '127.0.0.1', `gorust.lan:${running.port}`)).toBe(401);
    expect(
      await statusWithHost(running.port, '127.0.0.1', `gorust.lan:${running.port}`, `Bearer ${token}`),
    ).toBe(200);
    expect(
      await statusWithHost(running.port, '127.0.0.1', `other.lan:${running.port}`, `Bearer ${token}`),
    ).toBe(403);
    signals.emit('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('refuses a short token (exit 2) before listening', async () => {
    const { io, exit } = start(['serve', '--port', '0', '--db', tempDb(), '--token', 'short']);
    expect(await exit).toBe(2);
    expect(io.err.join('')).toContain('must be at least 16 characters');
  });

  it('rejects a bad port', async () => {
    const { io, exit } = start(['serve', '--port', '70000']);
    expect(await exit).toBe(2);
    expect(io.err.join('')).toContain('0 to 65535');
  });
});
