/** @module End-to-end tests in Debian's Chromium of where the keyboard's focus goes and what the form says: a focused field never hides under the sticky top bar, Reset and "Save with the what-if weights" leave the focus somewhere and say what they did, a required answer cleared is flagged at its field, each component's fields have names of their own, the share link says whether it was copied, and a plan's edge labels stay off its components on a phone. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { poll, useHarness } from './session.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** The id, test id, tag and top edge of the focused element, and the bottom of the sticky top bar. */
const focused = (page: Page) =>
  page.evaluate<{ id: string; testId: string; tag: string; top: number; bar: number }>(`(() => {
    const element = document.activeElement;
    return {
      id: element?.id ?? '',
      testId: element?.dataset?.testid ?? '',
      tag: element?.tagName ?? '',
      top: element?.getBoundingClientRect().top ?? 0,
      bar: document.querySelector('header')?.getBoundingClientRect().bottom ?? 0,
    };
  })()`);

/** A user's five-component plan whose long edge crosses the middle row on a phone (the trial's own.yaml). */
const FIVE_PARTS = [
  'version: 1',
  'project:',
  '  name: Edge telemetry platform',
  '  summary: Ingest gateway, stream processor, query API and an on-device agent',
  'workload:',
  '  kind: mixed',
  '  peak_rps: 50000',
  '  latency_slo: { p99_ms: 25 }',
  '  live_heap_gib: 4',
  'team:',
  '  size: 12',
  '  go: strong',
  '  rust: some',
  '  turnover: medium',
  'delivery:',
  '  deadline_weeks: 26',
  '  lifetime_years: 7',
  'safety_critical: false',
  'targets: [server, kubernetes, embedded-linux]',
  'domain: [observability, data-pipeline, networking]',
  'components:',
  '  - name: ingest-gateway',
  '    role: api',
  '    workload: io-bound',
  '    latency_critical: true',
  '    latency_slo: { p99_ms: 10 }',
  '    calls:',
  '      - { to: stream-processor, per_request: 1 }',
  '      - { to: parser, per_request: 200 }',
  '  - name: stream-processor',
  '    role: worker',
  '    workload: cpu-bound',
  '    live_heap_gib: 24',
  '    calls:',
  '      - { to: query-api, per_request: 0.01 }',
  '  - name: parser',
  '    role: library',
  '    workload: cpu-bound',
  '  - name: query-api',
  '    role: api',
  '    workload: io-bound',
  '    latency_slo: { p99_ms: 300 }',
  '  - name: device-agent',
  '    role: cli',
  '    workload: mixed',
  '    memory_budget_mib: 16',
  '    targets: [embedded-linux]',
  '    team: { go: some, rust: strong }',
  'stakeholders:',
  '  - name: Ana',
  '    role: CTO',
  '    weight: 2',
  '    priorities: { development_speed: 5, onboarding: 4, runtime_performance: 2 }',
  '  - name: Priya',
  '    role: SRE lead',
  '    priorities: { latency_predictability: 5, memory_efficiency: 5, safety_guarantees: 4 }',
  '  - name: Tomás',
  '    role: Product',
  '    weight: 1',
  '    priorities: { development_speed: 4, ecosystem_fit: 5 }',
].join('\n');

describe('focus and feedback in the web app', { tags: ['slow'] }, () => {
  const e2e = useHarness();
  const { pageErrors } = e2e;

  it('keeps a field that Shift+Tab focuses below the sticky top bar on a phone', async () => {
    const page = await e2e.open('#/decide/close-call', PHONE);
    await poll(() => page.getByTestId('project-name').textContent()).toBe('Metrics ingestion gateway');
    await page.getByTestId('q-delivery.lifetime_years').focus();
    const hidden: string[] = [];
    // Back up through the form to its top: every field the browser scrolls to shows below the bar.
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Shift+Tab');
      const at = await focused(page);
      if (at.top < at.bar) hidden.push(`${at.id || at.tag} at ${Math.round(at.top)} px`);
    }
    expect(hidden).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('flags a required answer the user cleared at its field, and not the untouched ones of a new draft', async () => {
    const page = await e2e.open('#/decide/close-call', PHONE);
    await poll(() => page.getByTestId('project-name').textContent()).toBe('Metrics ingestion gateway');
    const cases: [string, string][] = [
      ['q-team.size', 'Enter a whole number of engineers (at least 1).'],
      ['q-project.name', 'Enter a name.'],
    ];
    for (const [field, words] of cases) {
      await page.getByTestId(field).fill('');
      const input = page.getByTestId(field);
      await poll(() => input.getAttribute('aria-invalid')).toBe('true');
      expect(await input.getAttribute('aria-describedby')).toContain(`${field}-error`);
      expect(await page.getByTestId(`${field}-error`).textContent()).toBe(words);
    }
    // The verdict shown is the last one, dimmed, and the list beside it says the same.
    expect(await page.getByTestId('stale-decision').count()).toBe(1);
    // Typed again, the message goes.
    await page.getByTestId('q-team.size').fill('6');
    await poll(() => page.getByTestId('q-team.size').getAttribute('aria-invalid')).toBe(null);
    expect(await page.getByTestId('q-team.size-error').count()).toBe(0);
    // A new draft flags nothing before the user answers: its blanks are listed beside the verdict only.
    await page.getByTestId('start-over').click();
    await poll(() => page.getByTestId('q-project.name').inputValue()).toBe('');
    expect(await page.getByTestId('questionnaire').locator('[aria-invalid="true"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('moves the focus to the first slider after Reset and to the outcome after saving with the what-if weights, and says what happened', async () => {
    const page = await e2e.open('#/decide/close-call', DESKTOP);
    const note = page.getByTestId('what-if-note');
    await poll(() => note.getAttribute('data-approximate')).toBe('false');
    const first = page.getByTestId('what-if').locator('input[type="range"]').first();
    const firstId = await first.getAttribute('id');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => page.getByTestId('reset-weights').isEnabled()).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).testId).toBe('reset-weights');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('reset-weights').isEnabled()).toBe(false);
    // Not the page's body: the first slider, and a status line says what Reset did.
    expect((await focused(page)).id).toBe(firstId);
    expect(await page.getByTestId('reset-status').getAttribute('role')).toBe('status');
    expect(await page.getByTestId('reset-status').textContent()).toBe(
      'The moved slider is back where the profile puts it.',
    );
    // A slider moved again clears it.
    await page.keyboard.press('ArrowRight');
    await poll(() => page.getByTestId('reset-status').textContent()).toBe('');

    // "Save with the what-if weights" goes away as it is pressed: the focus goes to what saving said.
    await page.getByTestId('save-decision').click();
    await page.getByTestId('save-keep').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('saved').waitFor();
    await poll(async () => (await focused(page)).testId).toBe('save-status');
    expect(await page.getByTestId('save-status').getAttribute('role')).toBe('status');
    expect(await page.getByTestId('save-status').textContent()).toMatch(/^Saved \(/);
    // One link is called History: the top bar's.
    expect(await page.getByRole('link', { name: 'History' }).count()).toBe(1);
    // The form took the saved weights: no slider is left moved, so the form holds what was saved.
    await poll(() => page.getByTestId('reset-weights').isEnabled()).toBe(false);
    // Cancel puts the focus back on Save.
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('save-decision').click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await focused(page)).testId).toBe('save-decision');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("names each component's fields after the component, apart from the project's", async () => {
    const page = await e2e.open('#/decide/close-call', PHONE);
    await poll(() => page.getByTestId('project-name').textContent()).toBe('Metrics ingestion gateway');
    await page.getByTestId('add-component').click();
    await page.getByTestId('component-0-name').fill('api');
    const names: [string, string, string][] = [
      ['combobox', 'Language', 'Language of component api'],
      ['spinbutton', 'Size (kloc)', 'Size (kloc) of component api'],
      ['combobox', 'What mostly limits its speed?', 'What mostly limits its speed? (component api)'],
    ];
    for (const [role, project, component] of names) {
      const count = (name: string) =>
        page.getByRole(role as 'combobox' | 'spinbutton', { name, exact: true }).count();
      expect(await count(project), project).toBe(1);
      expect(await count(component), component).toBe(1);
    }
    expect(await page.getByRole('textbox', { name: 'Name of component 1', exact: true }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('says whether the share link was copied, and shows it across the phone', async () => {
    const page = await e2e.open('#/decide/close-call', PHONE);
    await poll(() => page.getByTestId('project-name').textContent()).toBe('Metrics ingestion gateway');
    await e2e.harness.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: e2e.harness.baseUrl,
    });
    await page.getByTestId('share').click();
    const copied = page.getByTestId('share-copied');
    await poll(() => copied.textContent()).toBe('Copied to the clipboard.');
    expect(await copied.getAttribute('role')).toBe('status');
    const link = await page.getByTestId('share-link').inputValue();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(link);
    expect(await page.getByRole('textbox', { name: 'Link to this draft', exact: true }).count()).toBe(1);
    expect((await page.getByTestId('share-link').boundingBox())?.width).toBeGreaterThan(300);

    // A browser that refuses the clipboard: said so, with what to do.
    const refusing = e2e.watch(await e2e.harness.newPage());
    await refusing.setViewportSize(PHONE);
    await refusing.addInitScript(
      "navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'))",
    );
    await refusing.goto(`${e2e.harness.baseUrl}/#/decide/close-call`);
    await poll(() => refusing.getByTestId('project-name').textContent()).toBe('Metrics ingestion gateway');
    await refusing.getByTestId('share').click();
    await poll(() => refusing.getByTestId('share-copied').textContent()).toBe(
      'Not copied: the browser did not allow it. Select the link and copy it.',
    );
    expect(pageErrors).toEqual([]);
    await refusing.close();
    await page.close();
  });

  it("keeps a five-component plan's edge labels off its components on a phone", async () => {
    const page = await e2e.open('#/decide', PHONE);
    await page.getByTestId('import-file').setInputFiles({
      name: 'own.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(FIVE_PARTS),
    });
    const chart = page.getByTestId('chart-plan');
    await chart.locator('text', { hasText: 'device-agent' }).first().waitFor();
    await chart.scrollIntoViewIfNeeded();
    expect(await chart.locator('g.edge-label').count()).toBeGreaterThan(0);
    // The trial's check: no label's box meets a component's dot (as the browser lays them out).
    const overlaps = await page.evaluate<string[]>(`(() => {
      const chart = document.querySelector('[data-testid="chart-plan"]');
      const dots = [...chart.querySelectorAll('g.component')].map((g) => ({
        name: g.querySelector('text').textContent,
        box: g.querySelector('circle').getBoundingClientRect(),
      }));
      const out = [];
      [...chart.querySelectorAll('g.edge-label rect')].forEach((rect, i) => {
        const label = rect.getBoundingClientRect();
        for (const { name, box } of dots) {
          if (label.left < box.right && label.right > box.left && label.top < box.bottom && label.bottom > box.top)
            out.push('label ' + i + ' over ' + name);
        }
      });
      return out;
    })()`);
    expect(overlaps).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
