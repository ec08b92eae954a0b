/** @module Where each weight comes from, in every renderer: a policy reason is shown as policy (never as evidence) and never left out, evidence reasons carry their ids or sources, the experience shift has its own line. Fixture decisions, no engine. */
import { describe, expect, it } from 'vitest';
import type { Decision } from '../decision/schema.ts';
import { ADR_TEMPLATES, renderAdr } from './adr.ts';
import { buildDecision } from './decision-fixture.test-helpers.ts';
import { renderHtmlReport } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderText } from './text.ts';
import { factsText, policyChoices, reasonKind, weightBasis } from './weight-basis.ts';

const DATE = '2026-11-27';
const SOURCES = {
  'google-rust-onboarding': {
    source: 'https://example.org/onboarding',
    organisation: 'Google',
    year: 2023,
    claim: 'a claim',
  },
  'go-compile-speed': {
    source: 'https://example.org/compile',
    organisation: 'Go team',
    year: 2012,
    claim: 'c',
  },
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing ANSI colour codes is the point.
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('weightBasis', () => {
  it('sorts reasons by what they rest on, from the fields alone', () => {
    const [speed, , onboarding] = buildDecision().criteria;
    const basis = weightBasis(speed as Decision['criteria'][number]);
    expect(basis?.evidence.map((r) => r.rule)).toEqual(['tight-deadline']);
    expect(basis?.policy.map((r) => r.rule)).toEqual(['small-team']);
    expect(basis?.experience?.go).toBe(0.85);
    // A priority that replaced the derived weight: the rules it replaced explain nothing about it.
    const replaced = weightBasis(onboarding as Decision['criteria'][number]);
    expect(replaced?.priority.map((r) => r.rule)).toEqual(['priority']);
    expect(replaced?.replaced.map((r) => r.rule)).toEqual(['high-turnover']);
    expect(replaced?.policy).toEqual([]);
  });

  it('keeps the rules as reasons when the priority scaled their weight, and drops them when it lifted it', () => {
    const [, , onboarding] = buildDecision().criteria;
    const row = onboarding as Decision['criteria'][number];
    const withFlag = (replaces: boolean) =>
      weightBasis({
        ...row,
        weight_reasons: (row.weight_reasons ?? []).map((r) =>
          r.rule === 'priority' ? { ...r, replaces_rules: replaces } : r,
        ),
      });
    // The fixture's row has no flag, as a decision saved before priorities could scale the rules' weight: replaced.
    expect(weightBasis(row)?.replaced.map((r) => r.rule)).toEqual(['high-turnover']);
    expect(withFlag(false)?.replaced).toEqual([]);
    expect(withFlag(false)?.policy.map((r) => r.rule)).toEqual(['high-turnover']);
    expect(withFlag(true)?.replaced.map((r) => r.rule)).toEqual(['high-turnover']);
  });

  it('never counts a policy rule or an unsourced rule as evidence', () => {
    const base = { rule: 'x', factor: 2, strength: 1, reason: 'r', facts: [] };
    expect(reasonKind({ ...base, evidence: ['some-source'], policy: true })).toBe('policy');
    expect(reasonKind({ ...base, evidence: [], policy: false })).toBe('policy');
    expect(reasonKind({ ...base, evidence: ['some-source'], policy: false })).toBe('evidence');
  });

  it('is undefined for a decision saved before the fields existed', () => {
    const [, latency] = buildDecision().criteria;
    expect(weightBasis(latency as Decision['criteria'][number])).toBeUndefined();
  });

  it('lists each policy choice once, with every weight it moved, leaving out replaced weights', () => {
    expect(
      policyChoices(buildDecision()).map((c) => [c.rule, c.effects.map((e) => e.text).join(', ')]),
    ).toEqual([
      ['small-team', 'development speed ×1.15'],
      ['leaving-go-runtime', 'deployment ×1.3'],
      ['cap-share', 'deployment ×0.9'],
    ]);
  });
});

describe('the terminal report', () => {
  for (const color of [false, true]) {
    it(`marks policy and evidence reasons and the experience shift, in 80 columns${color ? ' with colour' : ' with --no-color'}`, () => {
      const raw = renderText(buildDecision(), { width: 80, color });
      expect(raw.includes('\u001b[')).toBe(color);
      const text = plain(raw);
      expect(text).toMatch(
        /^ {4}evidence ×1\.6 tight-deadline \(google-rust-onboarding, go-compile-speed\)$/m,
      );
      expect(text).toMatch(/^ {4}policy ×1\.15 small-team$/m);
      expect(text).toMatch(/^ {4}policy ×1\.3 leaving-go-runtime \(static-binaries\)$/m);
      expect(text).not.toMatch(/evidence[^\n]*small-team/);
      expect(text).toMatch(/^ {4}experience: Go \+0\.85, Rust 0 rating points \(85% of the level shift\)$/m);
      expect(text).toMatch(/^ {4}replaced by your priority: high-turnover$/m);
      const section = text.slice(text.indexOf('Policy choices in this decision'));
      expect(section).toMatch(
        /^ {2}- policy: small-team \(Rust experience some; team size 4 people\): development\s+speed ×1\.15\./m,
      );
      expect(section).toMatch(/^ {2}- policy: cap-share: deployment ×0\.9\./m);
      expect(section.slice(0, section.indexOf('What would change'))).not.toContain('tight-deadline');
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    });
  }

  it('shows no weight lines for a decision without the fields', () => {
    const decision = buildDecision({
      criteria: buildDecision().criteria.map(({ weight_reasons, experience, ...row }) => row),
    });
    const text = renderText(decision);
    expect(text).not.toMatch(/^\s+(evidence|policy) ×/m);
    expect(text).not.toContain('Policy choices');
  });
});

describe('the Markdown report', () => {
  const md = renderMarkdown(buildDecision(), { sources: SOURCES }).replace(/\n\s*/g, ' ');

  it('marks each reason evidence (with its sources) or policy, and the experience shift on its own line', () => {
    expect(md).toContain(
      '- **evidence** ×1.6 `tight-deadline` (first release in 8 weeks): A first release within weeks makes speed of delivery dominant. Sources: [Google, 2023](https://example.org/onboarding), [Go team, 2012](https://example.org/compile).',
    );
    expect(md).toContain('- **policy** ×1.15 `small-team` (Rust experience some; team size 4 people):');
    expect(md).toContain(
      '- **policy** ×1.3 `leaving-go-runtime` (existing code to rewrite): A team leaving working Go code has run this workload on its runtime. Resting on: `static-binaries`.',
    );
    expect(md).not.toMatch(/\*\*evidence\*\* [^-]*`small-team`/);
    expect(md).toContain('Team experience: Go +0.85, Rust 0 rating points (85% of the level shift).');
    expect(md).toContain('- **your priority**: Your priority of 4 of 5 replaces the derived weight');
  });

  it('lists the policy choices in their own section', () => {
    const section = md.slice(md.indexOf('## Policy choices in this decision'), md.indexOf('## Appendix'));
    expect(section).toContain(
      '- policy: small-team (Rust experience some; team size 4 people): development speed ×1.15.',
    );
    expect(section).toContain('- policy: cap-share: deployment ×0.9.');
    expect(section).not.toContain('tight-deadline');
    expect(section).not.toContain('high-turnover');
  });
});

describe('the team-experience shift', () => {
  // buildDecision's development speed carries an experience shift without `policy` (saved before it was added).
  const fitted = (decision: Decision): Decision => ({
    ...decision,
    criteria: decision.criteria.map((row) =>
      row.experience === undefined
        ? row
        : { ...row, experience: { ...row.experience, evidence: ['google'], policy: true } },
    ),
  });

  it('is a policy choice when its sizes are (every report lists it, and its line says so)', () => {
    const decision = fitted(buildDecision());
    const choice = policyChoices(decision).find((c) => c.rule === 'team-experience');
    expect(choice?.effects.map((e) => e.text)).toEqual(['development speed Go +0.85 / Rust 0']);
    const md = renderMarkdown(decision, { sources: SOURCES }).replace(/\n\s*/g, ' ');
    expect(md).toContain('Team experience: Go +0.85, Rust 0 rating points (85% of the level shift; policy).');
    expect(md.slice(md.indexOf('## Policy choices in this decision'))).toContain(
      '- policy: team-experience: development speed Go +0.85 / Rust 0.',
    );
    for (const template of ADR_TEMPLATES)
      expect(renderAdr(decision, { date: DATE, template }).replace(/\n\s*/g, ' ')).toContain(
        '* policy: team-experience: development speed Go +0.85 / Rust 0.',
      );
  });

  it('is no policy choice in a decision saved before the flag', () => {
    expect(policyChoices(buildDecision()).map((c) => c.rule)).not.toContain('team-experience');
  });
});

describe('the ADR', () => {
  for (const template of ADR_TEMPLATES) {
    it(`lists every policy choice, and no evidence rule, in the ${template} template`, () => {
      const adr = renderAdr(buildDecision(), { date: DATE, template }).replace(/\n\s*/g, ' ');
      const start = adr.indexOf('Policy choices in this decision');
      expect(start).toBeGreaterThan(-1);
      const list = adr.slice(start, adr.indexOf('Full analysis', start));
      expect(list).toContain(
        '* policy: small-team (Rust experience some; team size 4 people): development speed ×1.15.',
      );
      expect(list).toContain('* policy: cap-share: deployment ×0.9.');
      expect(list).not.toContain('tight-deadline');
    });
  }

  it('says nothing about policy when no policy rule applied', () => {
    const decision = buildDecision({
      criteria: buildDecision().criteria.map((row) => ({
        ...row,
        weight_reasons: row.weight_reasons?.filter((r) => r.rule === 'tight-deadline'),
      })),
    });
    expect(renderAdr(decision, { date: DATE })).not.toContain('Policy choices');
  });
});

describe('the HTML report', () => {
  const html = renderHtmlReport(buildDecision(), { date: DATE, sources: SOURCES });
  const kinds = new Map(
    [...html.matchAll(/<li data-kind="(\w+)" data-rule="([^"]+)">/g)].map((m) => [m[2], m[1]]),
  );

  it('marks each weight reason with its kind, evidence with links to its sources', () => {
    expect(Object.fromEntries(kinds)).toEqual({
      'tight-deadline': 'evidence',
      'small-team': 'policy',
      priority: 'priority',
      'leaving-go-runtime': 'policy',
      'cap-share': 'policy',
    });
    // A policy choice that rests on evidence stays policy, with its sources beside it.
    const both = html.slice(html.indexOf('<li data-kind="policy" data-rule="leaving-go-runtime">'));
    expect(both.slice(0, both.indexOf('</li>'))).toContain(
      'Resting on: <span class="id">static-binaries</span>',
    );
    const item = html.slice(html.indexOf('<li data-kind="evidence" data-rule="tight-deadline">'));
    expect(item.slice(0, item.indexOf('</li>'))).toContain(
      '<a class="cite" href="https://example.org/onboarding"',
    );
    expect(html).toMatch(
      /<li data-kind="policy" data-rule="small-team"><span class="badge policy">policy<\/span>/,
    );
    expect(html).toContain('<span class="experience">Team experience: Go +0.85, Rust 0 rating points');
  });

  it('lists the policy choices', () => {
    const section = html.slice(html.indexOf('<h3>Policy choices in this decision</h3>'));
    expect([...section.matchAll(/<li data-rule="([^"]+)">policy: /g)].map((m) => m[1])).toEqual([
      'small-team',
      'leaving-go-runtime',
      'cap-share',
    ]);
  });
});

describe('factsText', () => {
  it('says the facts behind a weight in words, as the reports state facts, never as path=value', () => {
    expect(factsText([{ path: 'workload.peak_rps', value: 200000 }])).toBe('peak load 200,000 requests/s');
    expect(
      factsText([
        { path: 'team.rust', value: 'some' },
        { path: 'team.size', value: 4 },
      ]),
    ).toBe('Rust experience some; team size 4 people');
    expect(factsText([{ path: 'workload.latency_slo.p99_ms', value: 2 }])).toBe('p99 latency SLO 2 ms');
    expect(factsText([{ path: 'domain', value: ['proxy', 'networking'] }])).toBe('domain proxy, networking');
    expect(factsText([{ path: 'components', value: ['control-plane'] }])).toBe(
      'component roles control-plane',
    );
    expect(factsText([{ path: 'workload.memory_budget_mib', value: 0.25 }])).toBe('memory budget 256 KiB');
    expect(factsText([{ path: 'existing_code.kloc', value: 57 }])).toBe('existing code 57 kloc');
    expect(factsText([{ path: 'components[1].role', value: 'hot-path' }])).toBe(
      'component #2: role hot-path',
    );
    expect(factsText([{ path: 'priorities.build_speed', value: 4 }])).toBe('priority of build speed 4 of 5');
  });
  it('leaves no field path or = in any reason of a real decision', () => {
    const decision = buildDecision();
    for (const row of decision.criteria)
      for (const reason of row.weight_reasons ?? []) {
        if (reason.facts.length === 0) continue;
        expect(factsText(reason.facts)).not.toMatch(/=|[a-z]_[a-z]|\.[a-z]/);
      }
  });
});
