/** @module End-to-end tests in Debian's Chromium of the web app on any screen and for everyone: no view wider than a 390 px phone, a draft that survives a reload and travels as a link, components added in the form reaching the decision and the diagram, a component's existing code and its own team stated with the keyboard alone, stakeholders' disagreement, exact sliders, the last verdict kept while an answer is invalid, and 0 serious or critical axe-core violations on every view. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createRun, finishRun, recordStep } from '../../src/store/lab-runs.ts';
import { ROOT } from './harness.ts';
import { poll, useHarness } from './session.ts';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const PHONE = { width: 390, height: 844 };

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** Run axe-core (from npm) inside the page; the serious and critical violations, one line each. */
async function axeProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (script-src 'self') rightly
  // refuses an injected <script>.
  if (!(await page.evaluate("'axe' in window"))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate('axe.run(document).then((result) => result.violations)');
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
}

const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

describe('web app on any screen, for everyone', { tags: ['slow'] }, () => {
  const e2e = useHarness();
  const { pageErrors } = e2e;
  const open = (path: string, viewport = PHONE): Promise<Page> => e2e.open(path, viewport);

  it('adds components with "Add component": they reach the decision, the plan tables and the diagram', async () => {
    const page = await open('#/decide');
    await page.getByTestId('q-project.name').fill('Trading gateway');
    await page.getByTestId('q-workload.kind').selectOption('mixed');
    await page.getByTestId('q-team.go').selectOption('strong');
    await page.getByTestId('q-team.rust').selectOption('strong');
    // What a level means is written under its control (a touch screen shows no option's title), and read with it.
    const hint = page.getByTestId('q-team.rust-hint');
    expect(await hint.textContent()).toBe('several people have shipped production code in it');
    expect(await hint.isVisible()).toBe(true);
    expect(await page.getByTestId('q-team.rust').getAttribute('aria-describedby')).toContain(
      'q-team.rust-hint',
    );
    await page.getByTestId('verdict').waitFor();
    // Two components: a Go-friendly API calling a latency-critical, CPU-bound matcher, then the calls.
    await page.getByTestId('add-component').click();
    await page.getByTestId('component-0-name').fill('order api');
    await page.getByTestId('component-0-role').selectOption('api');
    await page.getByTestId('component-0-workload').selectOption('io-bound');
    // With the keyboard: Enter on "Add component" opens the new component and puts the focus in its name.
    await page.getByTestId('add-component').focus();
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'component-1-name',
    );
    await page.keyboard.type('matcher');
    expect(await page.getByTestId('component-1-name').inputValue()).toBe('matcher');
    await page.getByTestId('component-1-role').selectOption('hot-path');
    await page.getByTestId('component-1-workload').selectOption('cpu-bound');
    await page.getByTestId('component-1-latency-critical').check();
    await page.getByTestId('component-1-p99').fill('0.5');
    await page.getByTestId('component-1-heap').fill('12');
    await page.getByTestId('component-1-edit').click(); // Done
    await page.getByTestId('component-0-edit').click();
    await page.getByTestId('component-0-add-call').click();
    await page.getByTestId('component-0-call-0-to').selectOption('matcher');
    await page.getByTestId('component-0-call-0-rate').fill('3');
    await poll(() => page.getByTestId('plan-components').textContent()).toContain('matcher');
    expect(await page.getByTestId('plan-components').textContent()).toContain('order api');
    await poll(() => page.getByTestId('verdict-banner').getAttribute('data-verdict')).toBe('hybrid');
    await page.getByTestId('chart-plan').locator('text', { hasText: 'matcher' }).first().waitFor();
    // Reorder and rename: the call follows the renamed component.
    await page.getByRole('button', { name: 'Move matcher up' }).click();
    expect(await page.getByTestId('component-0').locator('.part-name').textContent()).toBe('matcher');
    await page.getByTestId('component-0-edit').click();
    await page.getByTestId('component-0-name').fill('order matcher');
    await poll(() => page.getByTestId('plan-boundaries').textContent()).toContain('order matcher');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    // A problem shows in plain words next to its field, and the last verdict stays on screen, dimmed.
    await page.getByTestId('component-0-p99').fill('-1');
    await poll(() => page.getByTestId('component-0-p99-error').textContent()).toContain(
      'Enter a number of milliseconds',
    );
    expect(await page.getByTestId('stale-decision').isVisible()).toBe(true);
    expect(await page.getByTestId('verdict').textContent()).toMatch(/Hybrid/);
    await page.getByTestId('component-0-p99').fill('0.5');
    await poll(() => page.getByTestId('stale-decision').count()).toBe(0);
    // Remove a component: the call to it goes with it, and the plan loses it.
    await page.getByTestId('component-0-remove').click();
    await poll(() => page.getByTestId('hybrid-plan').count()).toBe(1);
    await poll(() => page.getByTestId('plan-components').textContent()).not.toContain('order matcher');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("states a component's existing code with the keyboard alone: its reason names it and its language changes, on a phone", async () => {
    const chain = [
      'version: 1',
      'project: { name: Chain }',
      'workload: { kind: mixed }',
      'team: { size: 6, go: strong, rust: strong }',
      'existing_code: { language: typescript, kloc: 80, plan: rewrite }',
      'components:',
      '  - { name: node, role: data-plane, workload: io-bound, calls: [{ to: prover, per_request: 0.01 }] }',
      '  - { name: prover, role: hot-path, workload: cpu-bound, latency_critical: true }',
    ].join('\n');
    const page = await open('#/decide');
    await page.getByTestId('import-file').setInputFiles({
      name: 'chain.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(chain),
    });
    const banner = page.getByTestId('verdict-banner');
    await poll(() => page.getByTestId('project-name').textContent()).toBe('Chain');
    await poll(() => banner.getAttribute('data-verdict')).toBe('rust');
    // The project's existing code is in its own fields, no longer only "kept from the imported profile".
    expect(await page.getByTestId('existing-code-language').inputValue()).toBe('typescript');
    expect(await page.getByTestId('existing-code-kloc').inputValue()).toBe('80');
    expect(await page.getByTestId('existing-code-plan').inputValue()).toBe('rewrite');
    expect(await page.locator('#existing-code-plan-help').textContent()).toContain(
      'port: translate it file by file, keeping its structure',
    );
    expect(await page.getByTestId('extras').count()).toBe(0);

    // Keyboard only: Enter on node's "Edit", then Tab through its form to its own existing code.
    await page.getByTestId('component-0-edit').focus();
    await page.keyboard.press('Enter');
    const focused = () => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
    for (let i = 0; i < 80 && (await focused()) !== 'component-0-existing-language'; i++) {
      await page.keyboard.press('Tab');
    }
    expect(await focused()).toBe('component-0-existing-language');
    // Blank keeps the project's existing code, and the empty choice says so.
    expect(
      await page.getByTestId('component-0-existing-language').locator('option[value=""]').textContent(),
    ).toBe("(the project's)");
    await page.keyboard.press('g');
    expect(await page.getByTestId('component-0-existing-language').inputValue()).toBe('go');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('component-0-existing-kloc');
    // A size of 0 is refused next to the field, in plain words.
    await page.keyboard.type('0');
    await page.keyboard.press('Tab');
    await page.keyboard.press('e');
    await poll(() => page.getByTestId('component-0-existing-kloc-error').textContent()).toBe(
      'Enter a size in thousands of lines (more than 0).',
    );
    expect(await page.getByTestId('stale-decision').isVisible()).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('component-0-existing-kloc');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('200');
    expect(await page.getByTestId('component-0-existing-plan').inputValue()).toBe('extend');

    const nodeRow = page.getByTestId('plan-components').locator('tr', { hasText: 'node' });
    await poll(() => nodeRow.textContent()).toContain('existing Go code to extend (200 kloc)');
    // The language, then its share of the draws.
    expect(await nodeRow.locator('td').nth(1).textContent()).toMatch(/^Go \(.+% of the draws\)$/);
    await poll(() => banner.getAttribute('data-verdict')).toBe('hybrid');
    expect(await page.getByTestId('component-0').locator('.part-head').textContent()).toContain(
      'existing Go code',
    );
    // The new fields fit the phone: no horizontal scrolling, and each field inside the screen.
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    for (const id of ['existing-code-language', 'existing-code-kloc', 'component-0-existing-plan']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, id).toBe(true);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page
      .getByTestId('component-0-existing')
      .screenshot({ path: join(ARTIFACTS, 'phone-existing-code.png') });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("sets a component's own team with the keyboard alone: its reason names it and its language changes, on a phone", async () => {
    // A Go shop (Rust none) whose proxy is Go under the project's team, and Rust once a Rust team builds it.
    const mesh = [
      'version: 1',
      'project: { name: Mesh }',
      'workload: { kind: io-bound }',
      'team: { size: 12, go: strong, rust: none }',
      'components:',
      '  - { name: control, role: control-plane, workload: io-bound, calls: [{ to: proxy, per_request: 0.01 }] }',
      '  - { name: proxy, role: data-plane, workload: mixed, latency_critical: true }',
    ].join('\n');
    const page = await open('#/decide');
    await page.getByTestId('import-file').setInputFiles({
      name: 'mesh.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(mesh),
    });
    const banner = page.getByTestId('verdict-banner');
    await poll(() => page.getByTestId('project-name').textContent()).toBe('Mesh');
    await poll(() => banner.getAttribute('data-verdict')).toBe('go');

    // Keyboard only: Enter on proxy's "Edit", then Tab through its form to its own team.
    await page.getByTestId('component-1-edit').focus();
    await page.keyboard.press('Enter');
    const focused = () => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
    for (let i = 0; i < 80 && (await focused()) !== 'component-1-team-go'; i++) {
      await page.keyboard.press('Tab');
    }
    expect(await focused()).toBe('component-1-team-go');
    // Blank keeps the project's level, and the empty choice says so; the help gives the project team's level words.
    const go = page.getByTestId('component-1-team-go');
    const rust = page.getByTestId('component-1-team-rust');
    expect(await go.locator('option[value=""]').textContent()).toBe("(the project's)");
    expect(await go.locator('option').allTextContents()).toEqual([
      "(the project's)",
      'none',
      'some',
      'strong',
    ]);
    expect(await page.locator('#component-1-team-help').textContent()).toContain(
      'strong: several people have shipped production code in it',
    );
    await page.keyboard.type('none');
    expect(await go.inputValue()).toBe('none');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('component-1-team-rust');
    await page.keyboard.type('strong');
    expect(await rust.inputValue()).toBe('strong');

    const proxyRow = page.getByTestId('plan-components').locator('tr', { hasText: 'proxy' });
    await poll(() => proxyRow.textContent()).toContain('its own team: Go none, Rust strong');
    // The language, then its share of the draws.
    expect(await proxyRow.locator('td').nth(1).textContent()).toMatch(/^Rust \(.+% of the draws\)$/);
    await poll(() => banner.getAttribute('data-verdict')).toBe('hybrid');
    // The project's team is untouched, and the summary line shows the component's own.
    expect(await page.getByTestId('q-team.rust').inputValue()).toBe('none');
    expect(await page.getByTestId('component-1').locator('.part-head').textContent()).toContain(
      'its team: Go none, Rust strong',
    );
    // The new fields fit the phone: no horizontal scrolling, and each field inside the screen.
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    for (const field of [go, rust]) {
      const box = await field.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    }
    // The open editor with its new fields has no serious or critical axe-core violation.
    expect(await axeProblems(page)).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page
      .getByTestId('component-1-team')
      .screenshot({ path: join(ARTIFACTS, 'phone-component-team.png') });
    // Back to blank with the keyboard: the component keeps the project's team again, and its reason says nothing.
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Home');
    await poll(() => banner.getAttribute('data-verdict')).toBe('go');
    expect(await proxyRow.textContent()).not.toContain('its own team');
    // Tabbing on from the last field reaches "Done with proxy" (QA: Done came only before the fields); it closes
    // the form and returns focus to the component's Edit button.
    // From the form's team field, once the full run has replaced the live one (a re-render can move the focus).
    await poll(() => page.getByTestId('what-if-note').getAttribute('data-approximate')).toBe('false');
    await page.getByTestId('component-1-team-rust').focus();
    for (let i = 0; i < 80 && (await focused()) !== 'component-1-done'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('component-1-done');
    await page.keyboard.press('Enter');
    await poll(focused).toBe('component-1-edit');
    expect(await page.getByTestId('component-1-edit').getAttribute('aria-expanded')).toBe('false');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('keeps the draft across a reload, names the example in the address, and shares the draft as a link', async () => {
    const page = await open('#/decide');
    await page.getByTestId('example-select').selectOption('close-call');
    await poll(() => page.url()).toMatch(/#\/decide\/close-call$/);
    await poll(() => page.getByTestId('project-name').textContent()).toBe('Metrics ingestion gateway');
    await page.getByTestId('q-project.name').fill('Metrics gateway, reworked');
    await page.getByTestId('q-team.size').fill('9');
    await page.getByTestId('add-stakeholder').click();
    await page.getByTestId('stakeholder-0-name').fill('SRE lead');
    await page.getByTestId('stakeholder-0-p-latency_predictability').selectOption('5');
    await page.getByTestId('stakeholder-0-p-development_speed').selectOption('0');
    await page.getByTestId('add-stakeholder').click();
    // The new stakeholder's name has the focus, as a new component's does.
    await poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'stakeholder-1-name',
    );
    await page.getByTestId('stakeholder-1-name').fill('Product lead');
    await page.getByTestId('stakeholder-1-p-development_speed').selectOption('5');
    await page.getByTestId('stakeholder-1-p-latency_predictability').selectOption('0');
    await page.getByTestId('stakeholder-summary').waitFor();
    // Opposed priorities: the two reach different verdicts, so agreement is below everyone.
    const verdicts = await Promise.all(
      ['SRE lead', 'Product lead'].map((name) =>
        page.getByTestId(`stakeholder-verdict-${name}`).locator('.lang').textContent(),
      ),
    );
    expect(new Set(verdicts).size).toBe(2);
    expect(await page.getByTestId('agreement').textContent()).toMatch(/^1 of 2 stakeholders/);
    // What they disagree about, with the language each contested criterion favours, as the reports say it.
    const differ = (await page.getByTestId('disagreement').textContent()) ?? '';
    expect(differ).toMatch(
      /Latency predictability, which favours Rust \(\d\.\d vs \d\.\d\): 0% of the weight for/,
    );
    expect(differ).toMatch(/Development speed, which favours Go \(\d\.\d vs \d\.\d\): 0% of the weight for/);
    const verdict = await page.getByTestId('verdict-banner').getAttribute('data-verdict');

    await page.reload();
    await poll(() => page.getByTestId('q-project.name').inputValue()).toBe('Metrics gateway, reworked');
    expect(await page.getByTestId('q-team.size').inputValue()).toBe('9');
    expect(await page.getByTestId('q-workload.kind').inputValue()).toBe('mixed');
    expect(await page.getByTestId('stakeholders').locator('.part-name').allTextContents()).toEqual([
      'SRE lead',
      'Product lead',
    ]);
    await poll(() => page.getByTestId('verdict-banner').getAttribute('data-verdict')).toBe(verdict);

    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toMatch(/#\/share\/[A-Za-z0-9_-]+$/);
    // A colleague's browser: no stored draft.
    const other = await e2e.harness.context.browser()?.newContext();
    const colleague = other ? await other.newPage() : await e2e.harness.newPage();
    await colleague.goto(link);
    await poll(() => colleague.getByTestId('project-name').textContent()).toBe('Metrics gateway, reworked');
    expect(await colleague.getByTestId('stakeholders').locator('.part-name').count()).toBe(2);
    await other?.close();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('restores the result exactly when a slider is moved and put back, and announces priority and weight', async () => {
    const page = await open('#/decide/close-call', { width: 1280, height: 800 });
    const note = page.getByTestId('what-if-note');
    await poll(() => note.getAttribute('data-approximate')).toBe('false');
    const before = await page.getByTestId('probabilities').textContent();
    const confidence = await page.getByTestId('confidence').textContent();
    const slider = page.getByTestId('weight-build_speed');
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/^priority [\d.]+ of 5, weight \d+%$/);
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => page.getByTestId('reset-weights').isEnabled()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await poll(() => page.getByTestId('reset-weights').isEnabled()).toBe(false);
    await poll(() => note.getAttribute('data-approximate')).toBe('false');
    expect(await page.getByTestId('probabilities').textContent()).toBe(before);
    expect(await page.getByTestId('confidence').textContent()).toBe(confidence);

    // Save with a what-if weight asks first.
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('save-decision').click();
    await page.getByTestId('save-ask').waitFor();
    await page.getByTestId('save-drop').click();
    await page.getByTestId('saved').waitFor();
    await page.close();
  });

  it('draws all 12 components and every call of a large plan without overlapping labels', async () => {
    const roles: [string, string, string][] = [
      ['gateway', 'api', 'io-bound'],
      ['auth', 'api', 'io-bound'],
      ['catalog', 'api', 'io-bound'],
      ['orders', 'api', 'io-bound'],
      ['billing', 'worker', 'io-bound'],
      ['notifier', 'worker', 'io-bound'],
      ['scheduler', 'orchestration', 'io-bound'],
      ['control', 'control-plane', 'io-bound'],
      ['matcher', 'hot-path', 'cpu-bound'],
      ['codec', 'hot-path', 'cpu-bound'],
      ['index', 'storage-engine', 'cpu-bound'],
      ['compressor', 'data-plane', 'cpu-bound'],
    ];
    const calls: Record<string, [string, number][]> = {
      gateway: [
        ['auth', 1],
        ['catalog', 1],
        ['orders', 1],
      ],
      orders: [
        ['matcher', 3],
        ['billing', 1],
      ],
      billing: [['notifier', 1]],
      catalog: [['index', 5]],
      index: [['compressor', 20]],
      matcher: [['codec', 2]],
      scheduler: [['control', 0.1]],
      control: [['index', 0.01]],
      notifier: [['codec', 1]],
    };
    const profile = {
      version: 1,
      project: { name: 'Twelve parts' },
      workload: { kind: 'mixed' },
      team: { size: 12, go: 'strong', rust: 'strong' },
      components: roles.map(([name, role, workload]) => ({
        name,
        role,
        workload,
        ...(workload === 'cpu-bound'
          ? { latency_critical: true, latency_slo: { p99_ms: 1 }, live_heap_gib: 16 }
          : {}),
        ...(calls[name] ? { calls: calls[name].map(([to, per_request]) => ({ to, per_request })) } : {}),
      })),
    };
    const page = await open('#/decide', { width: 1280, height: 800 });
    await page.getByTestId('import-file').setInputFiles({
      name: 'twelve.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(profile)),
    });
    const chart = page.getByTestId('chart-plan');
    await chart.locator('text', { hasText: 'compressor' }).first().waitFor();
    // Every component is labelled once, and no two labels overlap.
    const boxes = [];
    for (const [name] of roles) {
      const label = chart.locator('text').filter({ hasText: new RegExp(`^${name}$`) });
      expect(await label.count(), name).toBe(1);
      boxes.push({ name, box: await label.boundingBox() });
    }
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        if (!a.box || !b.box) throw new Error('a label is not drawn');
        const apart =
          a.box.x + a.box.width <= b.box.x ||
          b.box.x + b.box.width <= a.box.x ||
          a.box.y + a.box.height <= b.box.y ||
          b.box.y + b.box.height <= a.box.y;
        expect(apart, `${a.name} and ${b.name} overlap`).toBe(true);
      }
    }
    // Every call is drawn: the crossing ones labelled with their mechanism, the others muted; the unit is stated once.
    const summary = (await page.getByTestId('summary-plan').textContent()) ?? '';
    expect(summary).toMatch(/^12 components: .*\. 12 calls; \d+ cross/);
    const subtitle = await chart.locator('text', { hasText: 'µs per call' }).count();
    expect(subtitle).toBe(1);
    expect(await chart.locator('text', { hasText: /µs/ }).count()).toBe(1);
    await page.close();
  });

  it('takes a phone from the top of the form to the verdict below it in one press, and shows no such button on a desktop', async () => {
    const page = await open('#/decide/close-call');
    await page.getByTestId('verdict').waitFor();
    const banner = page.getByTestId('verdict-banner');
    expect(((await banner.boundingBox())?.y ?? 0) > PHONE.height).toBe(true);
    await page.getByTestId('jump-to-verdict').focus();
    await page.keyboard.press('Enter');
    await poll(async () => {
      const box = await banner.boundingBox();
      return box !== null && box.y >= 0 && box.y < PHONE.height;
    }).toBe(true);
    await poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'decide-result',
    );
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.getByTestId('jump-to-verdict').isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('names same-named saved decisions apart, diffs their inputs and deletes one', async () => {
    const page = await open('#/decide', { width: 1280, height: 800 });
    await page.getByTestId('start-over').click();
    await page.getByTestId('q-project.name').fill('Billing API');
    await page.getByTestId('q-workload.kind').selectOption('io-bound');
    await page.getByTestId('q-team.go').selectOption('strong');
    await page.getByTestId('q-team.rust').selectOption('none');
    await page.getByTestId('verdict').waitFor();
    await page.getByTestId('save-decision').click();
    await page.getByTestId('saved').waitFor();
    await page.getByTestId('q-team.size').fill('9');
    await page.getByTestId('q-safety_critical').check();
    await poll(() => page.getByTestId('saved').count()).toBe(0);
    await page.getByTestId('save-decision').click();
    await page.getByTestId('saved').waitFor();

    await page.getByTestId('nav-history').click();
    const list = page.getByTestId('history-list');
    const boxes = list.getByRole('checkbox', {
      name: /^Compare Billing API \(#\d+, .+, (Go|Rust|Hybrid) [<>]?\d+%\)$/,
    });
    await poll(() => boxes.count()).toBe(2);
    const names = await Promise.all([0, 1].map((i) => boxes.nth(i).getAttribute('aria-label')));
    expect(names[0]).not.toBe(names[1]);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByTestId('diff-button').click();
    const inputs = page.getByTestId('diff-inputs');
    await inputs.waitFor();
    const rows = (await inputs.locator('tbody tr').allTextContents()).sort();
    expect(rows).toEqual(['safety_criticalfalsetrue', 'team.size59']);

    const before = await list.locator('tbody tr').count();
    const row = list.locator('tbody tr').first();
    // By keyboard: Enter asks, the focus moves to Keep (not to the page's body), Escape keeps it and goes back.
    const del = row.getByRole('button', { name: /^Delete Billing API/ });
    await del.focus();
    await page.keyboard.press('Enter');
    await poll(() =>
      page.evaluate<string>('document.activeElement ? document.activeElement.textContent : ""'),
    ).toBe('Keep');
    await page.keyboard.press('Escape');
    await poll(() =>
      page.evaluate<string>(
        'document.activeElement ? document.activeElement.getAttribute("aria-label") : ""',
      ),
    ).toMatch(/^Delete Billing API/);
    await del.click();
    await row.getByRole('button', { name: 'Delete it' }).click();
    await poll(() => list.locator('tbody tr').count()).toBe(before - 1);
    await poll(() => page.getByTestId('diff').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('fits a 390 px phone and has no serious or critical axe-core violation on any view, phone or desktop', async () => {
    const run = createRun(e2e.harness.store, { mode: 'quick', workloads: ['boundary'], id: 'e2e-phone' });
    recordStep(e2e.harness.store, run.id, {
      workload: 'boundary',
      lang: 'go',
      variant: 'go-cgo',
      kind: 'batch',
      repeat: 0,
      valid: true,
      reasons: [],
      metrics: { ffi_empty_ns: 67, ffi_1k_ns: 78.7, wall_s: 3.3 },
      started_at: new Date().toISOString(),
      duration_ms: 1000,
    });
    finishRun(e2e.harness.store, run.id, 'completed');
    // A saved decision with components and stakeholders, for History and the saved-decision view.
    const page = await open('#/decide/service-mesh');
    await poll(() => page.getByTestId('project-name').textContent()).toBe('Service mesh');
    // The empty questionnaire, not the draft an earlier test left behind.
    await page.evaluate('window.localStorage.clear()');
    await page.getByTestId('save-decision').click();
    await page.getByTestId('saved').waitFor();
    const id = (await page.getByTestId('saved').getByRole('link').first().getAttribute('href'))
      ?.split('/')
      .pop();

    const views: [string, string, string][] = [
      ['decide-empty', '#/decide', 'problems'],
      ['decide-hybrid', '#/decide/service-mesh', 'chart-plan'],
      ['decide-close-call', '#/decide/close-call', 'chart-radar'],
      ['decision', `#/decision/${id}`, 'export-adr'],
      ['history', '#/history', 'history-list'],
      ['lab', '#/lab/e2e-phone', 'lab-boundary'],
    ];
    mkdirSync(ARTIFACTS, { recursive: true });
    const found: string[] = [];
    for (const [name, path, ready] of views) {
      await page.goto(`${e2e.harness.baseUrl}/${path}`);
      // The empty questionnaire, not the draft an earlier view left behind.
      if (name === 'decide-empty') await page.evaluate('window.localStorage.clear()');
      await page.reload();
      await page.getByTestId(ready).first().waitFor();
      await page.waitForTimeout(300);
      expect(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
      expect(await pageWidth(page), `${name}: no wider than the phone`).toBeLessThanOrEqual(PHONE.width);
      await page.screenshot({ path: join(ARTIFACTS, `phone-${name}.png`), fullPage: false });
      found.push(...(await axeProblems(page)).map((problem) => `${name}: ${problem}`));
    }
    // And at desktop width, where the layout has two columns.
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const [name, path, ready] of views) {
      await page.goto(`${e2e.harness.baseUrl}/${path}`);
      if (name === 'decide-empty') await page.evaluate('window.localStorage.clear()');
      await page.reload();
      await page.getByTestId(ready).first().waitFor();
      found.push(...(await axeProblems(page)).map((problem) => `${name} (desktop): ${problem}`));
    }
    expect(found).toEqual([]);
    // The skip link is the first stop of the keyboard and moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
