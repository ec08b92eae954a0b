/** @module The web app states a decision's uncertain parts as the exports do (a gate near its edge, a component's near tie) and shows commands in caveats as code, not backticks: sections rendered to markup (react-dom/server). */
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { decide, formatPercent, parseProfileText } from '../../src/core/index.ts';
import { readKnowledgeBase } from '../../src/io/kb-files.ts';

// TSX components, imported by a computed path so only Vitest resolves them (as report-numbers.test.ts does).
type Component = (props: Record<string, unknown>) => ReactElement | null;
const { GatesSection, NotesSection, PlanTables } = (await import(
  `../../web/src/components/${'decision-sections.tsx'}`
)) as Record<'GatesSection' | 'NotesSection' | 'PlanTables', Component>;

const kb = readKnowledgeBase();
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
const base = `version: 1
project: { name: Ledger }
team: { size: 8, go: strong, rust: some }
`;

describe('the web decision sections', () => {
  it('says how often a gate on an uncertain model holds, and when it is near its edge (QA: a 4 MiB gap shown as CLEAR)', () => {
    // A memory cap exactly twice the live heap: the Go memory gate fires on a knife edge.
    const profile = parseProfileText(
      `${base}workload: { kind: mixed, live_heap_gib: 6, memory_budget_mib: 12288, latency_slo: { p99_ms: 10, p999_ms: 25 } }\n`,
      'ledger.yaml',
    );
    const decision = decide(profile, kb, { samples: 2000 });
    const edge = decision.gates.find((g) => g.near_edge === true);
    expect(edge, JSON.stringify(decision.gates)).toBeDefined();
    const html = renderToStaticMarkup(createElement(GatesSection, { decision }));
    expect(html).toContain('data-testid="gate-near-edge"');
    expect(html).toMatch(/Near its edge: it holds in only \d+% of the uncertainty draws/);
    // The caveat's command reads as code, not with its backticks.
    const notes = renderToStaticMarkup(createElement(NotesSection, { decision }));
    expect(notes).toContain('<code>gorust lab run http-json</code>');
    expect(notes).not.toContain('`');
  });

  it('gives each component its share of the draws and flags a near tie, as the HTML report does', () => {
    const profile = parseProfileText(
      `${base}workload: { kind: io-bound }
components:
  - { name: api, role: api, calls: [{ to: engine, per_request: 1 }] }
  - { name: engine, role: hot-path, workload: cpu-bound, latency_slo: { p99_ms: 2 }, live_heap_gib: 8 }
  - { name: worker, role: worker, workload: cpu-bound }
`,
      'plan.yaml',
    );
    const decision = decide(profile, kb, { samples: 2000 });
    const html = renderToStaticMarkup(createElement(PlanTables, { decision }));
    for (const c of decision.components)
      expect(html).toContain(`${formatPercent(c.probabilities?.[c.language] ?? 0)} of the draws`);
    // The worker is a near tie; the others are not.
    expect(decision.components.filter((c) => c.near_tie).map((c) => c.name)).toEqual(['worker']);
    expect(html.match(/data-testid="near-tie"/g)).toHaveLength(1);
    expect(html).toMatch(/\(a near tie: \d+% of the draws\)/);
  });
});

describe('the History diff', () => {
  it('names the component of each gate it adds or removes (QA: "+gate-memory-budget +gate-memory-budget")', async () => {
    const { DecisionDiffView } = (await import(`../../web/src/components/${'decision-diff.tsx'}`)) as Record<
      'DecisionDiffView',
      Component
    >;
    // The same two components, with room to spare and then with a 1 MiB memory budget each.
    const ledger = (budget: number) =>
      parseProfileText(
        `${base}workload: { kind: io-bound }
components:
  - { name: api, role: api, memory_budget_mib: ${budget} }
  - { name: cache, role: storage-engine, memory_budget_mib: ${budget} }
`,
        `ledger-${budget}.yaml`,
      );
    const profileA = ledger(4096);
    const profileB = ledger(1);
    const saved = (id: string, profile: typeof profileA) => ({
      id,
      created_at: '2026-12-07T00:00:00.000Z',
      project: 'Ledger',
      profile,
      decision: decide(profile, kb, { samples: 500 }),
    });
    const b = saved('2', profileB);
    expect(b.decision.gates.filter((g) => g.id === 'gate-memory-budget').map((g) => g.component)).toEqual([
      'api',
      'cache',
    ]);
    const html = text(
      renderToStaticMarkup(createElement(DecisionDiffView, { a: saved('1', profileA), b, kb })),
    );
    expect(html).toContain('+gate-memory-budget (api)');
    expect(html).toContain('+gate-memory-budget (cache)');
  });
});
