/** @module First verdict on screen: the built web app (dist/web) served from 127.0.0.1, opened cold in Debian's Chromium on an example, timed from navigation start to the first frame painted after the verdict appears (issue 11 aims at 1 s). */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.GORUST_CHROMIUM ?? '/usr/bin/chromium';
export const FIRST_VERDICT_AIM_MS = 1000;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Runs in the page before any of its scripts (a string: the bench is type-checked without the DOM library): resolves
 * `window.__firstVerdict` with performance.now() (ms since navigation start) at the second frame after the verdict
 * element enters the document, so the frame that shows it has been painted.
 */
const MARK_FIRST_VERDICT = `
window.__firstVerdict = new Promise((done) => {
  const seen = () => {
    if (!document.querySelector('[data-testid="verdict"]')) return false;
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));
    return true;
  };
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true });
});`;

export type FirstVerdictResult = {
  runs: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  page: string;
};

/**
 * Open `page` (a hash route of the app) `runs` times, each in a fresh browser context (empty cache), and time the
 * verdict. Null, with the reason, when there is no build or no browser.
 * @example
 * await benchFirstVerdict({ webDir: 'dist/web', runs: 7 });
 */
export async function benchFirstVerdict(options: {
  webDir: string;
  runs?: number;
  page?: string;
}): Promise<FirstVerdictResult | { skipped: string }> {
  const runs = options.runs ?? 7;
  const route = options.page ?? '#/decide/close-call';
  const root = resolve(options.webDir);
  if (!existsSync(join(root, 'index.html')))
    return { skipped: `${options.webDir} not built (npx vite build)` };
  if (!existsSync(CHROMIUM))
    return { skipped: `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set GORUST_CHROMIUM)` };
  // A plain static server on loopback: the Decide view needs no API to show a verdict.
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      // Before any script of the page: note the first frame painted after the verdict is in the document.
      await page.addInitScript(MARK_FIRST_VERDICT);
      await page.goto(`http://127.0.0.1:${port}/${route}`, { timeout: 30_000 });
      const ms = Number(await page.evaluate('window.__firstVerdict'));
      times.push(ms);
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.close(() => done()));
  }
  times.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v);
  return {
    runs,
    median_ms: round(times[Math.floor(times.length / 2)] ?? Number.NaN),
    min_ms: round(times[0] ?? Number.NaN),
    max_ms: round(times[times.length - 1] ?? Number.NaN),
    page: route,
  };
}

/**
 * One line for the bench report.
 * @example
 * formatFirstVerdict(result); // 'first verdict on screen (#/decide/close-call, ...): median 412 ms ...'
 */
export function formatFirstVerdict(result: FirstVerdictResult | { skipped: string }): string {
  if ('skipped' in result) return `first verdict on screen: not measured (${result.skipped})`;
  return `first verdict on screen in Chromium (${result.page}, cold cache, ${result.runs} loads from 127.0.0.1): median ${result.median_ms} ms, min ${result.min_ms}, max ${result.max_ms} (aim <= ${FIRST_VERDICT_AIM_MS} ms: ${result.median_ms <= FIRST_VERDICT_AIM_MS ? 'met' : 'NOT met'})`;
}
