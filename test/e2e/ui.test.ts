/** @module End-to-end tests of the web UI in Debian's Chromium: questionnaire, close-call slider flip, save/history/diff/ADR export, XSS, screenshot. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  CRITERION_IDS,
  confidenceMeaning,
  DEFAULT_SAMPLES,
  type Decision,
  decide,
  formatConfidence,
  parseProfileText,
  trackRecordSentence,
} from '../../src/core/index.ts';
import { readKnowledgeBase } from '../../src/io/kb-files.ts';
import { saveDecision } from '../../src/store/decisions.ts';
import { createRun, finishRun, recordStep } from '../../src/store/lab-runs.ts';
import { INTERACTIVE_SAMPLES } from '../../web/src/lib/draft.ts';
import { ROOT } from './harness.ts';
import { poll, useHarness } from './session.ts';

const XSS_NAME = '<img src=x onerror=alert(1)>';

const label = (verdict: string) => (verdict === 'go' ? 'Go' : verdict === 'rust' ? 'Rust' : 'Hybrid');

const ARTIFACTS = join(ROOT, 'test-artifacts');

/** Fill in the questionnaire the way a user does: type a name, pick the required choices. */
async function fillQuestionnaire(page: Page, name: string, go: string, rust: string): Promise<void> {
  await page.getByTestId('q-project.name').fill(name);
  await page.getByTestId('q-workload.kind').selectOption('io-bound');
  await page.getByTestId('q-team.go').selectOption(go);
  await page.getByTestId('q-team.rust').selectOption(rust);
}

/**
 * A slider move that flips the close-call example's verdict, found with the same core code the browser runs:
 * the first criterion whose priority at 0 or 5 changes the verdict.
 */
function findFlip(): {
  criterion: string;
  priority: 0 | 5;
  before: string;
  after: string;
  /** What `gorust decide` (DEFAULT_SAMPLES) says after the move: the UI must settle on these numbers. */
  settled: Decision;
} {
  const kb = readKnowledgeBase();
  const profile = parseProfileText(
    readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8'),
    'close-call.yaml',
  );
  const options = { seed: 1, samples: INTERACTIVE_SAMPLES };
  const before = decide(profile, kb, options).verdict;
  for (const criterion of CRITERION_IDS) {
    for (const priority of [0, 5] as const) {
      const moved = { ...profile, priorities: { ...profile.priorities, [criterion]: priority } };
      const after = decide(moved, kb, options).verdict;
      if (after !== before) {
        const settled = decide(moved, kb, { seed: 1, samples: DEFAULT_SAMPLES });
        return { criterion, priority, before, after, settled };
      }
    }
  }
  throw new Error('no single slider flips examples/close-call.yaml: it is not a close call');
}

/** Drag a range input's thumb to its left or right end with the mouse. */
async function dragSlider(page: Page, testId: string, toEnd: 'min' | 'max'): Promise<void> {
  const slider = page.getByTestId(testId);
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error(`slider ${testId} is not visible`);
  const value = Number(await slider.inputValue());
  const max = Number(await slider.getAttribute('max'));
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 8 + (box.width - 16) * (value / max), y);
  await page.mouse.down();
  await page.mouse.move(toEnd === 'max' ? box.x + box.width + 40 : box.x - 40, y, { steps: 12 });
  await page.mouse.up();
}

describe('web UI end to end', { tags: ['slow'] }, () => {
  const e2e = useHarness();
  const { dialogs, pageErrors } = e2e;
  const open = (path: string): Promise<Page> => e2e.open(path);

  it('shows a verdict once the questionnaire is filled in, and updates it live', async () => {
    const requests: string[] = [];
    const page = e2e.watch(await e2e.harness.newPage());
    const scripts: Promise<string>[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(response.text());
    });
    await page.goto(`${e2e.harness.baseUrl}/#/decide`);
    await poll(() => page.getByTestId('problems').isVisible()).toBe(true);
    // The first paint does not need the YAML parser: its chunk loads on demand.
    expect(requests.filter((url) => /profile-yaml/.test(url))).toEqual([]);
    // Nor does the entry chunk carry the YAML parser (its error class name survives minification).
    const firstLoad = await Promise.all(scripts);
    expect(firstLoad.length).toBeGreaterThan(0);
    expect(firstLoad.some((body) => body.includes('YAMLParseError'))).toBe(false);
    await fillQuestionnaire(page, 'Read states service', 'strong', 'none');
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/^(Go|Rust|Hybrid)/);
    expect(await page.getByTestId('project-name').textContent()).toBe('Read states service');
    // The charts are SVG drawn in the page, named for screen readers, each mark with its figure.
    const contributions = page.getByTestId('chart-contributions');
    await contributions.locator('svg text').first().waitFor();
    expect(await contributions.getAttribute('role')).toBe('img');
    expect(await contributions.getAttribute('aria-label')).toBe('Per-criterion contributions');
    expect(await contributions.locator('g.bar title').first().textContent()).toMatch(
      /^.+: [+−]?[\d.]+ \((favours Go|favours Rust|neutral)\)$/,
    );
    await page.getByTestId('chart-radar').locator('svg text').first().waitFor();
    expect(await page.getByTestId('chart-radar').locator('g.series.go circle').count()).toBeGreaterThan(2);
    expect(await page.getByTestId('checklist').locator('tbody tr').count()).toBeGreaterThan(0);
    // Live: a Rust-only team building a hard real-time system moves the verdict without a reload.
    await page.getByTestId('q-team.go').selectOption('none');
    await page.getByTestId('q-team.rust').selectOption('strong');
    await page.getByTestId('q-workload.hard_realtime').check();
    await poll(() => page.getByTestId('verdict-banner').getAttribute('data-verdict')).toBe('rust');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('brings back a draft an example replaced, and announces the verdict to screen readers', async () => {
    const page = e2e.watch(await e2e.harness.newPage());
    await page.goto(`${e2e.harness.baseUrl}/#/decide`);
    await fillQuestionnaire(page, 'My own draft', 'strong', 'none');
    await page.getByTestId('verdict').waitFor();
    await page.getByTestId('example-select').selectOption('close-call');
    await poll(() => page.getByTestId('project-name').textContent()).not.toBe('My own draft');
    await page.getByTestId('undo-replace-button').click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('My own draft');
    expect(await page.getByTestId('undo-replace').count()).toBe(0);
    // A live region names the verdict, so a change made by an answer or a slider is heard.
    const status = page.getByTestId('verdict-status');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await status.textContent()).toMatch(/^Verdict: (Go|Rust|Hybrid)/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("keeps the draft through the picker's arrow keys, a link opened in a new load, and a link it cannot open", async () => {
    const page = e2e.watch(await e2e.harness.newPage());
    await page.goto(`${e2e.harness.baseUrl}/#/decide`);
    await fillQuestionnaire(page, 'My careful draft', 'strong', 'none');
    await page.getByTestId('verdict').waitFor();
    // Arrow keys on the picker load each example they pass; Undo still brings back the draft, not an example.
    await page.getByTestId('example-select').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await poll(() => page.getByTestId('project-name').textContent()).not.toBe('My careful draft');
    await page.getByTestId('undo-replace-button').click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('My careful draft');
    // A link that cannot be opened leaves the draft alone, in this page and after a reload.
    for (const link of ['#/share/garbage!!', '#/decide/no-such-example']) {
      await page.goto(`${e2e.harness.baseUrl}/${link}`);
      await page.reload();
      await poll(() => page.getByTestId('project-name').textContent()).toBe('My careful draft');
    }
    expect(await page.locator('text=There is no example named "no-such-example"').count()).toBe(1);
    // An example's link opened in a fresh load replaces the stored draft with an Undo, as inside an open page.
    await page.goto('about:blank');
    await page.goto(`${e2e.harness.baseUrl}/#/decide/close-call`);
    await poll(() => page.getByTestId('project-name').textContent()).not.toBe('My careful draft');
    await page.getByTestId('undo-replace-button').click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe('My careful draft');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('flips the verdict of the close-call example when a weight slider is dragged', async () => {
    const flip = findFlip();
    const page = await open('#/decide/close-call');
    const banner = page.getByTestId('verdict-banner');
    await poll(() => banner.getAttribute('data-verdict')).toBe(flip.before);
    expect(await page.getByTestId('close-call').isVisible()).toBe(true);
    await dragSlider(page, `weight-${flip.criterion}`, flip.priority === 5 ? 'max' : 'min');
    expect(Number(await page.getByTestId(`weight-${flip.criterion}`).inputValue())).toBe(flip.priority);
    await poll(() => banner.getAttribute('data-verdict')).toBe(flip.after);
    // Once the slider is still, the UI re-runs with the CLI's sample count: its figures are the CLI's.
    const note = page.getByTestId('what-if-note');
    await poll(() => note.getAttribute('data-approximate')).toBe('false');
    expect(await note.textContent()).toContain(DEFAULT_SAMPLES.toLocaleString('en'));
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    const p = flip.settled.probabilities;
    expect(await page.getByTestId('probabilities').textContent()).toContain(
      `Go ${pct(p.go)} · Rust ${pct(p.rust)} · Hybrid ${pct(p.hybrid)}`,
    );
    // A close call's confidence is rounded down, as every report gives it.
    expect(await page.getByTestId('confidence').textContent()).toBe(formatConfidence(flip.settled));
    // The confidence says what it counts, in the words of the CLI's reports.
    expect(await page.getByTestId('confidence-meaning').textContent()).toBe(
      `${confidenceMeaning(flip.settled)}.`,
    );
    // And how often a verdict given at that probability was right on real decisions the engine was not tuned on.
    expect(await page.getByTestId('track-record').textContent()).toBe(trackRecordSentence(flip.settled));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'decision.png'), fullPage: false });
    await page.screenshot({ path: join(ARTIFACTS, 'decision-full.png'), fullPage: true });
    await page.close();
  });

  it('asks before writing moved what-if sliders into an exported profile (QA: they overwrote the priorities)', async () => {
    const page = await open('#/decide/close-call');
    await poll(() => page.getByTestId('project-name').textContent()).toBe('Metrics ingestion gateway');
    const slider = page.getByTestId('what-if').locator('input[type="range"]').first();
    await slider.focus();
    await page.keyboard.press('End');
    await poll(() => page.getByTestId('reset-weights').isEnabled()).toBe(true);
    await page.getByTestId('export-yaml').click();
    expect(await page.getByTestId('save-ask').locator('legend').textContent()).toBe(
      'Export with the what-if weights?',
    );
    const exported = async (button: 'save-keep' | 'save-drop') => {
      if ((await page.getByTestId('save-ask').count()) === 0) await page.getByTestId('export-yaml').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
      return parseProfileText(readFileSync((await download.path()) as string, 'utf8'), 'exported.yaml');
    };
    const without = await exported('save-drop');
    const withWhatIf = await exported('save-keep');
    const original = parseProfileText(readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8'), 'cc');
    expect(without.priorities).toEqual(original.priorities);
    expect(withWhatIf.priorities).not.toEqual(original.priorities);
    expect(Object.values(withWhatIf.priorities ?? {})).toContain(5);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('exports the profile as YAML and imports it back with the same verdict', async () => {
    const page = await open('#/decide/close-call');
    const banner = page.getByTestId('verdict-banner');
    await poll(() => page.getByTestId('project-name').textContent()).toBe('Metrics ingestion gateway');
    const verdict = await banner.getAttribute('data-verdict');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-yaml').click(),
    ]);
    const yamlPath = (await download.path()) as string;
    const text = readFileSync(yamlPath, 'utf8');
    expect(parseProfileText(text, 'exported.yaml').project.name).toBe('Metrics ingestion gateway');

    const fresh = await open('#/decide');
    await fresh
      .getByTestId('import-file')
      .setInputFiles({ name: 'exported.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
    await expect
      .poll(() => fresh.getByTestId('project-name').textContent())
      .toBe('Metrics ingestion gateway');
    expect(await fresh.getByTestId('verdict-banner').getAttribute('data-verdict')).toBe(verdict);
    expect(await fresh.getByTestId('q-workload.kind').inputValue()).toBe('mixed');

    await fresh.getByTestId('import-file').setInputFiles({
      name: 'bad.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('version: 1\nteam: {go: fluent}\n'),
    });
    await poll(() => fresh.getByTestId('problems').textContent()).toContain('team.go');
    await page.close();
    await fresh.close();
  });

  it('saves decisions, lists them in History, diffs two and exports an ADR', async () => {
    const page = await open('#/decide');
    await fillQuestionnaire(page, 'Billing API', 'strong', 'none');
    await page.getByTestId('save-decision').click();
    await page.getByTestId('saved').waitFor();
    await page.getByTestId('q-team.rust').selectOption('strong');
    await page.getByTestId('q-safety_critical').check();
    await page.getByTestId('save-decision').click();
    await poll(() => page.getByTestId('saved').textContent()).toMatch(/Open decision/);

    await page.getByTestId('nav-history').click();
    const rows = page.getByTestId('history-list').locator('tbody tr');
    await poll(() => rows.count()).toBe(2);
    await rows.nth(0).locator('input[type=checkbox]').check();
    await rows.nth(1).locator('input[type=checkbox]').check();
    await page.getByTestId('diff-button').click();
    const diff = page.getByTestId('diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('Billing API');

    await rows.nth(0).getByRole('link', { name: 'Open' }).click();
    await page.getByTestId('export-adr').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-adr').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}-[a-z0-9-]+\.md$/);
    const adr = readFileSync((await download.path()) as string, 'utf8');
    expect(adr).toContain('Billing API');
    expect(adr).toMatch(/Status/i);

    // "Edit a copy" brings the saved profile back into the questionnaire.
    await page.getByTestId('edit-copy').click();
    await poll(() => page.getByTestId('q-project.name').inputValue()).toBe('Billing API');
    expect(await page.getByTestId('q-team.rust').inputValue()).toBe('strong');
    await page.close();
  });

  it('renders a project named like an XSS payload as text, in the decision and in History', async () => {
    const page = await open('#/decide');
    await fillQuestionnaire(page, XSS_NAME, 'strong', 'some');
    await poll(() => page.getByTestId('project-name').textContent()).toBe(XSS_NAME);
    await page.getByTestId('save-decision').click();
    await page.getByTestId('saved').waitFor();
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-list').getByText(XSS_NAME, { exact: true }).waitFor();
    await page
      .getByTestId('history-list')
      .getByText(XSS_NAME, { exact: true })
      .locator('xpath=ancestor::tr')
      .getByRole('link')
      .click();
    await poll(() => page.getByTestId('project-name').textContent()).toBe(XSS_NAME);
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    // Component names reach the hybrid-plan chart (SVG text) and the plan tables: still text.
    const withComponents = [
      'version: 1',
      `project: { name: ${JSON.stringify(XSS_NAME)} }`,
      'workload: { kind: mixed }',
      'team: { size: 4, go: strong, rust: strong }',
      'components:',
      `  - { name: ${JSON.stringify(XSS_NAME)}, role: hot-path, workload: cpu-bound, latency_critical: true, calls: [{ to: api, per_request: 1 }] }`,
      '  - { name: api, role: api, workload: io-bound }',
    ].join('\n');
    await page.getByTestId('nav-decide').click();
    await page.getByTestId('import-file').setInputFiles({
      name: 'xss.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(withComponents),
    });
    // Wait for the node label itself (a long label is shortened with an ellipsis, so match its start).
    await page.getByTestId('chart-plan').locator('text', { hasText: '<img src=x' }).first().waitFor();
    expect(await page.getByTestId('plan-components').getByText(XSS_NAME, { exact: true }).count()).toBe(1);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('shows what a boundary run measured and its anchor flag, and does not call it all valid', async () => {
    const run = createRun(e2e.harness.store, { mode: 'quick', workloads: ['boundary'], id: 'e2e-boundary' });
    const batch = (variant: string, lang: string, metrics: Record<string, number | string>) =>
      recordStep(e2e.harness.store, run.id, {
        workload: 'boundary',
        lang,
        variant,
        kind: 'batch',
        repeat: 0,
        valid: true,
        reasons: [],
        metrics,
        started_at: new Date().toISOString(),
        duration_ms: 1000,
      });
    // The figures of a real quick run on this machine: gRPC p99 far above the published band.
    batch('go-cgo', 'go', { ffi_empty_ns: 67, ffi_1k_ns: 78.7, wall_s: 3.3 });
    batch('grpc', 'go->rust', { mode: 'grpc', p50_us: 136, p99_us: 3710, wall_s: 2 });
    batch('http-json', 'go->rust', { mode: 'http', p50_us: 93.1, p99_us: 5166, wall_s: 1.4 });
    finishRun(e2e.harness.store, run.id, 'completed');

    const page = await open('#/lab/e2e-boundary');
    const flags = page.getByTestId('lab-anchor-flags');
    await flags.waitFor();
    expect(await flags.textContent()).toContain('grpc_p99_us');
    expect(await flags.textContent()).toContain('probable harness problem');
    expect(await page.getByTestId('lab-health').textContent()).not.toMatch(/all valid/i);
    const boundary = (await page.getByTestId('lab-boundary').textContent()) ?? '';
    for (const figure of ['67.0 ns', '78.7 ns', '136 µs', '3,710 µs', '93.1 µs', '5,166 µs']) {
      expect(boundary).toContain(figure);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'lab-boundary.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('marks each weight reason as evidence or policy, with the experience shift, under the criteria', async () => {
    const page = await open('#/decide/search-cli');
    const concurrency = page.getByTestId('weight-basis-concurrency_model');
    await concurrency.waitFor();
    // kb/weights.yaml marks cpu-bound-little-waiting policy; cpu-bound rests on benchmarks (evidence ids).
    const policy = concurrency.locator('li[data-rule="cpu-bound-little-waiting"]');
    expect(await policy.getAttribute('data-kind')).toBe('policy');
    expect(await policy.locator('.badge').textContent()).toBe('policy');
    const evidence = page.getByTestId('weight-basis-memory_efficiency').locator('li[data-rule="cpu-bound"]');
    expect(await evidence.getAttribute('data-kind')).toBe('evidence');
    expect(await evidence.locator('a[href^="https://"]').count()).toBeGreaterThan(0);
    // search-cli's team is strong in Rust and small, so it gets the knowledge base's whole `strong` shift.
    const strong = readKnowledgeBase().weights.experience.shift.strong;
    expect(await page.getByTestId('experience-concurrency_model').textContent()).toMatch(
      new RegExp(
        `^Team experience: Go \\S+, Rust \\+${strong} rating points \\(100% of the level shift; policy\\)`,
      ),
    );
    expect(await page.getByTestId('policy-choices').textContent()).toContain('policy: cli-tool');
    // The experience shift's sizes are fitted, so it is listed among the policy choices too.
    expect(await page.getByTestId('policy-choices').textContent()).toContain('policy: team-experience');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('decides a saved decision again with its knowledge base: holds, weaker, or would change', async () => {
    const kb = readKnowledgeBase();
    const profile = parseProfileText(
      readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8'),
      'close-call',
    );
    const now = decide(profile, kb, { seed: 1 });
    const other: Decision['verdict'] = now.verdict === 'go' ? 'rust' : 'go';
    // As this gorust decides it; as an earlier knowledge base could have (the same verdict, not yet a close call);
    // and with the other verdict.
    const saved = [
      now,
      { ...now, close_call: false, confidence: 0.95 },
      { ...now, verdict: other, confidence: 0.8, close_call: false },
    ].map((decision) => saveDecision(e2e.harness.store, { profile, decision, seed: 1 }).id);
    const page = await open(`#/decision/${saved[0]}`);
    const recheck = page.getByTestId('recheck');
    const percent = `${Math.round(now.confidence * 100)}%`;
    await poll(() => recheck.getAttribute('data-state')).toBe('holds');
    expect(await recheck.textContent()).toContain(
      `it still holds, ${label(now.verdict)} at ${percent} (saved: ${percent})`,
    );
    await page.goto(`${e2e.harness.baseUrl}/#/decision/${saved[1]}`);
    await poll(() => recheck.getAttribute('data-state')).toBe('weaker');
    expect(await recheck.textContent()).toContain(
      `but weaker: now a close call: P(verdict) 95% -> ${percent}`,
    );
    await page.goto(`${e2e.harness.baseUrl}/#/decision/${saved[2]}`);
    await poll(() => recheck.getAttribute('data-state')).toBe('changed');
    expect(await recheck.textContent()).toContain(
      `it would now be ${label(now.verdict)} (${percent}), not the saved ${label(other)}`,
    );
    expect(await recheck.getByRole('link', { name: 'Edit a copy' }).getAttribute('href')).toBe(
      `#/edit/${saved[2]}`,
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('lists a close call in History as the decision itself reads it, never as the 70% it is under', async () => {
    const profile = parseProfileText(
      readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8'),
      'close-call',
    );
    const decision = decide(profile, readKnowledgeBase(), { seed: 1 });
    // Just under the close-call line: 0.6985 rounds to 70%, which would read as no close call at all.
    const id = saveDecision(e2e.harness.store, {
      profile: { ...profile, project: { name: 'Nearly seventy' } },
      decision: { ...decision, confidence: 0.6985, close_call: true },
    }).id;
    const page = await open('#/history');
    const cell = page.getByTestId(`history-select-${id}`).locator('xpath=ancestor::tr').locator('td.num');
    await poll(() => cell.textContent()).toBe('69.9%');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('marks a decision damaged in the store in History, and lists the others (the API says which)', async () => {
    const profile = parseProfileText(
      readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8'),
      'close-call',
    );
    const decision = decide(profile, readKnowledgeBase(), { seed: 1 });
    const id = saveDecision(e2e.harness.store, {
      profile: { ...profile, project: { name: 'Edited by hand' } },
      decision,
    }).id;
    e2e.harness.store.prepare(`UPDATE decisions SET decision_json = '{not json' WHERE id = ?`).run(id);
    const page = await open('#/history');
    await poll(() => page.getByTestId(`history-damaged-${id}`).textContent()).toContain(
      'Damaged in the store',
    );
    expect(await page.getByTestId(`history-damaged-${id}`).textContent()).toContain(
      'delete it or restore a backup',
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
