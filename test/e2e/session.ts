/** @module The set-up every browser e2e file shares: one harness per file (started before, closed after), pages that record their errors and dialogs, and a patient expect.poll. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

/** expect.poll with room for a busy CI machine (its default gives up after one second). */
export const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

export type E2eSession = {
  /** The running harness (available inside tests, after beforeAll). */
  readonly harness: Harness;
  /** Uncaught errors of every page opened or watched here. */
  readonly pageErrors: string[];
  /** Messages of the dialogs (alert, confirm) any of those pages opened; each is dismissed. */
  readonly dialogs: string[];
  /** Record a page's errors and dialogs (for a page a test opens itself, to listen before it navigates). */
  watch(page: Page): Page;
  /** A new watched page, at the given size if any, on `path` of the app (e.g. `#/decide`). */
  open(path: string, viewport?: { width: number; height: number }): Promise<Page>;
};

/**
 * Register the file's beforeAll/afterAll: start the harness (build the UI, server, Chromium) once, close it after.
 * Call it at the top of a describe block.
 * @example
 * const e2e = useHarness();
 * it('...', async () => { const page = await e2e.open('#/decide'); expect(e2e.pageErrors).toEqual([]); });
 */
export function useHarness(): E2eSession {
  let harness: Harness | undefined;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  beforeAll(async () => {
    harness = await startHarness();
  }, 240_000);
  afterAll(async () => {
    await harness?.close();
  });
  const running = (): Harness => {
    if (!harness)
      throw new Error('the e2e harness is not started: use it inside a test of the describe block');
    return harness;
  };
  const watch = (page: Page): Page => {
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return page;
  };
  return {
    get harness() {
      return running();
    },
    pageErrors,
    dialogs,
    watch,
    async open(path, viewport) {
      const page = watch(await running().newPage());
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(`${running().baseUrl}/${path}`);
      return page;
    },
  };
}
