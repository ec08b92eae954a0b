/** @module End-to-end test of the Lab view in Debian's Chromium: each workload opens with the server's headline (the significant winner with its interval and p-value, or no significant difference and why for a quick run), the chart opens on the compared rate, and "Use this run in my decision" decides the current profile with the run. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createRun, finishRun, recordStep } from '../../src/store/lab-runs.ts';
import { ROOT } from './harness.ts';
import { poll, useHarness } from './session.ts';

describe('the Lab view end to end', { tags: ['slow'] }, () => {
  const e2e = useHarness();
  const { pageErrors } = e2e;
  const open = (path: string): Promise<Page> => e2e.open(path);

  /** An http-json run: Go's p99 twice Rust's at every rate, Go overloaded (invalid) at the top rate. */
  function storeHttpRun(id: string, mode: 'quick' | 'standard', repeats: number): void {
    createRun(e2e.harness.store, {
      id,
      mode,
      workloads: ['http-json'],
      environment: {
        cpu_model: 'E2E CPU',
        cores: 2,
        os: 'linux',
        kernel: '6.1',
        plan: { mode, sloP99Ms: 50, seed: 1 },
      },
    });
    for (let repeat = 0; repeat < repeats; repeat++)
      for (const rate of [100, 500, 900])
        for (const lang of ['go', 'rust']) {
          const p99 = (lang === 'go' ? 2 : 1) * (rate / 100) * (1 + repeat * 0.01);
          const invalid = lang === 'go' && rate === 900;
          recordStep(e2e.harness.store, id, {
            workload: 'http-json',
            lang,
            variant: '',
            kind: 'rate',
            rate_rps: rate,
            repeat,
            valid: !invalid,
            reasons: invalid ? ['achieved 800 req/s is 88.9% of the 900 req/s target (needs >= 99.0%)'] : [],
            metrics: {
              achieved_rps: invalid ? 800 : rate,
              requests: rate * 10,
              errors: 0,
              p50_ms: p99 / 4,
              p90_ms: p99 / 2,
              p99_ms: p99,
              p999_ms: p99 * 2,
              max_ms: p99 * 3,
              rss_peak_mib: lang === 'go' ? 12 : 4,
              ...(lang === 'go' ? { gc_pause_max_ms: 0.25 } : {}),
            },
            // Go steps keep a per-second timeline and their GC cycles, as the runner records them.
            ...(lang === 'go'
              ? {
                  detail: {
                    timeline: [0, 1, 2].map((t) => ({ t_s: t, p99_ms: p99, max_ms: p99 * 3 })),
                    gc_cycles: [{ n: 1, at_s: 1.5, stw_sweep_ms: 0.05, stw_mark_ms: 0.2, pause_ms: 0.25 }],
                  },
                }
              : {}),
            started_at: new Date().toISOString(),
            duration_ms: 10_000,
          });
        }
    finishRun(e2e.harness.store, id, 'completed');
  }

  it('opens a standard run with its winner, on the compared rate, and applies it to the current profile', async () => {
    storeHttpRun('e2e-standard', 'standard', 5);
    // A profile to decide: the close-call example, kept as the Decide view's draft.
    const page = await open('#/decide/close-call');
    await page.getByTestId('verdict').waitFor();
    await page.goto(`${e2e.harness.baseUrl}/#/lab/e2e-standard`);
    const headline = page.getByTestId('lab-headline-http-json');
    await headline.waitFor();
    const text = (await headline.textContent()) ?? '';
    expect(text).toContain('Rust wins: lower latency at 500 req/s');
    expect(text).toMatch(/Go\/Rust 2\.00x \(95% interval [\d.]+-[\d.]+\), p = 0\.0079, at 500 req\/s/);
    // The chart opens on the compared rate, not on the top rate where Go's steps are all invalid.
    expect(await page.getByTestId('lab-rate-select').inputValue()).toBe('500');
    expect(await page.getByTestId('lab-indicative').count()).toBe(0);
    // The rate-steps table shows the server's medians over the valid repeats (Go's p99 at 500 req/s: 10, 10.1,
    // 10.2, 10.3, 10.4 ms), formatted as `gorust lab show` prints them; the invalid top rate says why.
    const rows = page.getByTestId('lab-steps').locator('tbody tr');
    const goAt500 = (await rows.filter({ hasText: '500/s' }).filter({ hasText: 'Go' }).textContent()) ?? '';
    expect(goAt500).toContain('10.2 ms');
    expect(goAt500).toContain('0.25 ms');
    expect(await rows.filter({ hasText: '900/s' }).filter({ hasText: 'Go' }).textContent()).toContain(
      'invalid',
    );
    // The GC timeline of each Go step at the compared rate, from the server's summary.
    await page.getByTestId('chart-gc').waitFor();
    expect(await page.getByRole('combobox', { name: 'Go step' }).locator('option').count()).toBe(5);

    await page.getByTestId('lab-use-button').click();
    const result = page.getByTestId('lab-use-result');
    await result.waitFor();
    await poll(async () => (await result.textContent()) ?? '').toContain('With run e2e-standard');
    expect(await result.textContent()).toMatch(/measured on this machine: http-json/);
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-artifacts', 'lab-standard.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('says a quick run cannot show significance, and why', async () => {
    storeHttpRun('e2e-quick', 'quick', 2);
    const page = await open('#/lab/e2e-quick');
    const headline = page.getByTestId('lab-headline-http-json');
    await headline.waitFor();
    const text = (await headline.textContent()) ?? '';
    expect(text).toContain('No significant difference');
    expect(text).toContain('quick run: indicative only');
    expect(await page.getByTestId('lab-indicative').textContent()).toContain('never replace');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
