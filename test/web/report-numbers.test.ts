/** @module The web app says numbers as the reports do: the what-if sliders' weights and flip points, and the criteria table's weights, ratings and contributions, rendered to markup (react-dom/server) and compared with the Markdown report of the same decision. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { decide, parseProfileText, renderMarkdown } from '../../src/core/index.ts';
import { readKnowledgeBase } from '../../src/io/kb-files.ts';

// The components are TSX, which this (Node) type-check does not compile: import them by a computed path, so only
// Vitest resolves them (the web's own type-check covers their types).
type Component = (props: Record<string, unknown>) => ReactElement | null;
const components = (file: string) => `../../web/src/components/${file}`;
const { CriteriaSection } = (await import(components('decision-sections.tsx'))) as {
  CriteriaSection: Component;
};
const { WeightSliders } = (await import(components('weight-sliders.tsx'))) as { WeightSliders: Component };

const kb = readKnowledgeBase();
const profile = parseProfileText(
  readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'service-mesh.yaml'), 'utf8'),
  'service-mesh.yaml',
);
const decision = decide(profile, kb, { seed: 1, samples: 2000 });
const markdown = renderMarkdown(decision);
const names = new Map(kb.criteria.map((c) => [c.id, c.name]));

/** The rows of the Markdown table under `header`, as cells. */
function tableRows(header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** The what-if sliders of a decision, untouched unless `overrides` moves some, as markup. */
const sliders = (
  p: typeof profile,
  d: typeof decision,
  overrides: Record<string, number> = {},
  stakeholders?: typeof profile.stakeholders,
) =>
  renderToStaticMarkup(
    createElement(WeightSliders, {
      decision: d,
      profile: p,
      kb,
      own: {},
      overrides,
      stakeholders,
      onChange: () => undefined,
      onReset: () => undefined,
      samples: 2000,
      lastRunMs: null,
    }),
  );

describe('the web app says numbers as the reports do', () => {
  it('shows each slider weight and flip point as the Markdown report’s sensitivity table', () => {
    const html = sliders(profile, decision);
    const rows = tableRows('| Criterion | Weight now | Verdict flips at | To |');
    expect(rows.length).toBeGreaterThan(0);
    const shown = text(html);
    for (const [criterion, now, flip, to] of rows) {
      expect(shown).toContain(`${criterion} `);
      expect(shown).toContain(` ${now} `);
      // The verdict it flips to, as the report's To column names it.
      if (flip !== 'never')
        expect(shown).toMatch(
          new RegExp(
            `${criterion} ≈?[\\d.]+ ${now} flips to ${to} at (priority [\\d.]+ \\()?${(flip ?? '').replace('.', '\\.')}`,
          ),
        );
    }
    // One precision with the reports: no "17.0%" where they say "17%".
    expect(shown).not.toMatch(/\d\.0%/);
  });

  it('shows the criteria table’s weights, ratings and contributions as the Markdown report’s criteria table', () => {
    const shown = text(renderToStaticMarkup(createElement(CriteriaSection, { decision, kb })));
    const rows = tableRows('| Criterion | Weight | Go | Rust | Contribution |');
    expect(rows).toHaveLength(decision.criteria.length);
    for (const [criterion, weight, go, rust, contribution] of rows) {
      const id = decision.criteria.find((row) => names.get(row.id) === criterion)?.id;
      expect(id, criterion).toBeDefined();
      expect(shown).toContain(`${criterion} ${weight} ${go} ${rust} ${contribution} `);
    }
    // The facts behind a weight, in words: never a field path and a raw value.
    expect(shown).toContain('peak load 200,000 requests/s');
    expect(shown).not.toMatch(/[a-z_]+\.[a-z_]+=/);
  });
});

describe('the what-if sliders keep their promises', () => {
  const render = (p: typeof profile, d: typeof decision) => text(sliders(p, d));
  const close = parseProfileText(
    readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'close-call.yaml'), 'utf8'),
    'close-call.yaml',
  );
  const closeDecision = decide(close, kb, { seed: 1, samples: 2000 });
  const ids = new Map(kb.criteria.map((c) => [c.name, c.id]));

  it('names, for each slider, a priority at which the verdict has flipped (QA: a quarter step early)', () => {
    const shown = render(close, closeDecision);
    const promises = [
      ...shown.matchAll(/([A-Z][a-z]+(?: [a-z]+)*) ≈?[\d.]+ [\d.]+% flips to (\w+) at priority ([\d.]+) \(/g),
    ];
    expect(promises.length).toBeGreaterThan(3);
    for (const [, name, to, at] of promises) {
      const id = ids.get(name ?? '') as string;
      const moved = decide({ ...close, priorities: { ...close.priorities, [id]: Number(at) } }, kb, {
        seed: 1,
        samples: 2000,
        decisiveFacts: false,
      });
      expect(`${name} at ${at}: ${moved.verdict}`).toBe(`${name} at ${at}: ${(to ?? '').toLowerCase()}`);
    }
  });

  it('with stakeholders, gives the weight each flip needs, not a priority no single slider maps to', () => {
    const group = parseProfileText(
      `${readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'close-call.yaml'), 'utf8')}\nstakeholders:\n  - { name: Ana, priorities: { development_speed: 5 } }\n  - { name: Ben, priorities: { latency_predictability: 5 } }\n`,
      'group.yaml',
    );
    const shown = render(group, decide(group, kb, { seed: 1, samples: 2000 }));
    expect(shown).toContain('a slider sets that priority for every stakeholder');
    expect(shown).toMatch(/flips to \w+ at weight [\d.]+%/);
    expect(shown).not.toMatch(/flips to \w+ at priority/);
    // A moved slider replaces each stakeholder's own priority: the row says whose (QA: Priya's 5 went to 3.5). As in
    // the app, the profile decided already carries the slider's value for everyone; the draft's own stakeholders say
    // what it replaced (until 2026-12-07 the row compared the slider with itself and named nobody).
    const slid = parseProfileText(
      `${readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'close-call.yaml'), 'utf8')}\nstakeholders:\n  - { name: Ana, priorities: { development_speed: 3.5 } }\n  - { name: Ben, priorities: { latency_predictability: 5, development_speed: 3.5 } }\n`,
      'slid.yaml',
    );
    const moved = text(
      sliders(
        slid,
        decide(slid, kb, { seed: 1, samples: 2000 }),
        { development_speed: 3.5 },
        group.stakeholders,
      ),
    );
    expect(moved).toContain('replaces Ana&#x27;s 5');
    expect(moved).not.toContain('Ben');
  });

  it('says a criterion at priority 0 is ignored, not that it never flips', () => {
    const ignored = parseProfileText(
      `${readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'close-call.yaml'), 'utf8')}\npriorities: { build_speed: 0 }\n`,
      'ignored.yaml',
    );
    const row = text(sliders(ignored, decide(ignored, kb, { seed: 1, samples: 2000 }), { build_speed: 0 }))
      .split('Build speed')[1]
      ?.split('%')[1];
    expect(row).toContain('ignored: raise it to see where it flips');
    expect(row).not.toContain('never flips');
  });
});
