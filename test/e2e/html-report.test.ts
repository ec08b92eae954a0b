/** @module The HTML report in Debian's Chromium: opened as a file it makes no request beyond itself, runs no script, draws its SVG charts, shows hostile project names as text, and prints to PDF with every folded explanation whole and a tall hybrid plan within one page. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, type Profile, parseProfileText } from '../../src/core/index.ts';
import { renderHtmlReport } from '../../src/core/ssr.ts';
import { readKnowledgeBase } from '../../src/io/kb-files.ts';
import { CHROMIUM, CHROMIUM_ARGS, ROOT } from './harness.ts';

const XSS = '<img src=x onerror="window.__pwned = 1">';

describe('HTML report in a browser', { tags: ['slow'] }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is self-contained, script-free, escapes user text and prints', async () => {
    const text = readFileSync(join(ROOT, 'examples', 'video-platform.yaml'), 'utf8');
    const profile = parseProfileText(text, 'video-platform.yaml');
    const evil = { ...profile, project: { ...profile.project, name: XSS } };
    const html = renderHtmlReport(decide(evil, readKnowledgeBase(), { seed: 1, samples: 1000 }), {
      date: '2026-11-27',
    });
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.route('**/*', (route) =>
      route.request().url() === 'http://gorust.test/report.html'
        ? route.fulfill({ status: 200, contentType: 'text/html', body: html })
        : route.abort(),
    );
    await page.goto('http://gorust.test/report.html');
    // Sources are links (followed only when clicked): the page still requests nothing beyond itself.
    expect(await page.locator('a[href^="https://"]').count()).toBeGreaterThan(0);
    expect(requests).toEqual(['http://gorust.test/report.html']);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('h1').textContent()).toContain(XSS);
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('img').count()).toBe(0);
    // At phone width the page does not scroll sideways: each table row becomes a card whose cells name their column.
    await page.setViewportSize({ width: 390, height: 844 });
    // (Strings, not functions: the tests are type-checked without the DOM library.)
    const wide = await page.evaluate(
      `[...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5).map((el) => el.tagName + ': ' + (el.textContent ?? '').slice(0, 60))`,
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth - innerWidth')).toBe(0);
    expect(await page.locator('td[data-label="Why"]').first().isVisible()).toBe(true);
    // The hybrid plan is drawn for the phone, not scaled down from 880 px into unreadable labels.
    expect(await page.locator('figure.narrow-only').first().isVisible()).toBe(true);
    expect(await page.locator('figure.wide-only').first().isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.locator('figure.wide-only').first().isVisible()).toBe(true);
    expect(await page.locator('figure.narrow-only').first().isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('prints every folded explanation whole and draws a 40-component plan within one page', async () => {
    const text = readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8');
    const base = parseProfileText(text, 'close-call.yaml');
    // The trial's stress case: 40 components, hot paths each called by two APIs (a plan 2,482 px tall).
    const components = Array.from({ length: 40 }, (_, i): NonNullable<Profile['components']>[number] =>
      i % 3 === 0
        ? { name: `hot-${i}`, role: 'hot-path', workload: 'cpu-bound', latency_critical: true }
        : {
            name: `api-${i}`,
            role: 'api',
            workload: 'io-bound',
            latency_critical: false,
            calls: [{ to: `hot-${i - (i % 3)}`, per_request: 1 }],
          },
    );
    const profile: Profile = { ...base, components };
    const html = renderHtmlReport(decide(profile, readKnowledgeBase(), { seed: 1, samples: 500 }), {
      date: '2026-11-27',
    });
    const page = await browser.newPage({ viewport: { width: 816, height: 1056 } });
    await page.route('**/*', (route) =>
      route.request().url() === 'http://gorust.test/report.html'
        ? route.fulfill({ status: 200, contentType: 'text/html', body: html })
        : route.abort(),
    );
    await page.goto('http://gorust.test/report.html');
    const folds = await page.locator('details').count();
    expect(folds).toBeGreaterThan(0);
    // On screen: folded, the full copy hidden.
    expect(await page.locator('.print-only').first().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    // In print: no details (a printer would cut each at its summary), and each full text shown, summary and rest.
    const printed = (await page.evaluate(
      `[...document.querySelectorAll('details')].map((d) => ({
        details: getComputedStyle(d).display,
        whole: d.nextElementSibling?.innerText ?? '',
        summary: d.querySelector('summary').innerText,
        rest: d.innerText.slice(d.querySelector('summary').innerText.length).trim(),
      }))`,
    )) as { details: string; whole: string; summary: string; rest: string }[];
    expect(printed).toHaveLength(folds);
    for (const fold of printed) {
      expect(fold.details).toBe('none');
      expect(fold.whole.replace(/\s+/g, ' ')).toBe(`${fold.summary} ${fold.rest}`.replace(/\s+/g, ' '));
    }
    // The hybrid plan fits one Letter page (about 250 mm within the margins; 96 px to the inch).
    const plan = (await page.evaluate(
      `document.querySelector('figure.wide-only svg').getBoundingClientRect().height`,
    )) as number;
    expect(plan).toBeGreaterThan(300);
    expect(plan).toBeLessThanOrEqual((250 / 25.4) * 96);
    const pdf = await page.pdf({ format: 'Letter' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
