/** @module End-to-end harness: build the UI, start the real server in-process on a free port with a temp store, and drive Debian's Chromium with playwright-core. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { execa } from 'execa';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createApp } from '../../src/server/app.ts';
import { openStore } from '../../src/store/db.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.GORUST_CHROMIUM ?? '/usr/bin/chromium';
/** Flags for Debian's Chromium as root in a container, with no outbound traffic (stack-and-style.md §2.6). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Harness = {
  baseUrl: string;
  /** The server's store, so a test can put a lab run in it. */
  store: ReturnType<typeof openStore>;
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
};

/**
 * Build the web UI (vite), start the API and UI on 127.0.0.1:0 with a temp database, launch Chromium.
 * @example
 * const h = await startHarness(); const page = await h.newPage(); await h.close();
 */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set GORUST_CHROMIUM)`);
  }
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  await execa('npx', ['vite', 'build', '--logLevel', 'error'], {
    cwd: ROOT,
    env: { NODE_ENV: 'production' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'gorust-e2e-'));
  const store = openStore(join(dir, 'gorust.db'));
  let server: ReturnType<typeof serve> | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => undefined);
    if (server) {
      const s = server;
      await new Promise<void>((done) => s.close(() => done()));
    }
    store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const app = createApp({ store });
    server = await new Promise<ReturnType<typeof serve>>((done) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => done(s));
    });
    const { port } = server.address() as AddressInfo;
    // A persistent context is how playwright takes a user-data-dir of our choosing (a temp folder removed at close).
    context = await chromium.launchPersistentContext(join(dir, 'chromium'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    const ready = context;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      store,
      context: ready,
      newPage: () => ready.newPage(),
      close,
    };
  } catch (error) {
    // Leave nothing behind when start-up fails half way (a port, a browser, a temp folder).
    await close();
    throw error;
  }
}
