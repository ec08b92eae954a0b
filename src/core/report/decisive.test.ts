/** @module Every report (terminal, Markdown, ADR, HTML) shows what the decision JSON says about its uncertain parts: a gate near its edge with the share of draws it holds in, a component near-tie, the decisive facts by name (never a field path), and the stakeholders' own verdicts. */
import { describe, expect, it } from 'vitest';
import type { Decision, DecisiveFact } from '../decision/schema.ts';
import { renderAdr } from './adr.ts';
import { buildDecision, buildHybridDecision } from './decision-fixture.test-helpers.ts';
import { decisiveFactEffect, decisiveFactLabel, decisiveFactStance, factWords } from './decisive.ts';
import { renderHtmlReport } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderText } from './text.ts';

const DATE = '2026-12-06';
/** Each report as one line of plain text, so a phrase wrapped across lines or split by markup still matches. */
const reports = (d: Decision): [string, string][] =>
  [
    ['text', renderText(d, { width: 80 })],
    ['markdown', renderMarkdown(d)],
    ['adr', renderAdr(d, { date: DATE })],
    ['html', renderHtmlReport(d, { date: DATE }).replace(/<[^>]+>/g, '')],
  ].map(([name, text]) => [name as string, (text as string).replace(/\s+/g, ' ').replace(/\*\*/g, '')]);

const nearEdge = buildDecision({
  verdict: 'rust',
  gates: [
    {
      id: 'gate-gc-tail-latency',
      favors: 'rust',
      reason: 'The p99 SLO of 10 ms is below the GC delay the model allows a Go request at p99.',
      holds_probability: 0.625,
      near_edge: true,
    },
  ],
  decisive_facts: [
    {
      path: 'workload.latency_slo.p99_ms',
      value: 10,
      without: 'removed',
      favors: 'rust',
      probability_change: 0.49,
      margin_change: -0.4,
      flips: true,
    },
    {
      path: 'team.go',
      value: 'strong',
      without: 'some',
      favors: 'go',
      probability_change: -0.02,
      margin_change: 0.1,
      flips: false,
    },
    {
      path: 'workload.memory_budget_mib',
      value: 0.25,
      without: 'removed',
      favors: 'rust',
      probability_change: 0.001,
      margin_change: -0.01,
      flips: false,
    },
  ],
});

describe.each(reports(nearEdge))('the %s report of a decision with a gate near its edge', (_name, text) => {
  it('says the gate is near its edge and how often it holds', () => {
    expect(text).toMatch(/near its edge/i);
    expect(text).toContain('63% of the uncertainty draws');
  });

  it('names the decisive facts as a reader knows them, with what taking each out did', () => {
    expect(text).toMatch(
      /p99 latency SLO 10 ms favours Rust: without it, the probability of Rust would be 49 points lower and the verdict would change/i,
    );
    expect(text).toMatch(
      /Go experience strong favours Go: with some instead, the probability of Rust would be 2 points higher/,
    );
    // Below half a point and flipping nothing: no driver worth a line.
    expect(text).not.toContain('memory budget');
    expect(text).not.toContain('workload.latency_slo');
  });
});

const hybrid = buildHybridDecision({
  components: [
    {
      name: 'proxy',
      language: 'rust',
      why: 'Latency-critical data plane.',
      probabilities: { go: 0.38, rust: 0.62 },
      near_tie: true,
    },
    {
      name: 'control',
      language: 'go',
      why: 'Control plane.',
      probabilities: { go: 0.97, rust: 0.03 },
      near_tie: false,
    },
  ],
  decisive_facts: [
    {
      path: 'components[1].workload',
      value: 'io-bound',
      without: 'mixed',
      favors: 'go',
      probability_change: 0.12,
      margin_change: 0.2,
      flips: false,
    },
  ],
  stakeholders: [
    {
      name: 'Ana',
      role: 'SRE lead',
      weight: 2,
      verdict: 'hybrid',
      probabilities: { go: 0.1, rust: 0.2, hybrid: 0.7 },
    },
    { name: 'Ben', weight: 1, verdict: 'go', probabilities: { go: 0.8, rust: 0.05, hybrid: 0.15 } },
  ],
  agreement: 2 / 3,
  disagreements: [{ criterion: 'latency_predictability', min: 0.05, max: 0.3, min_by: 'Ben', max_by: 'Ana' }],
});

describe.each(reports(hybrid))('the %s report of a hybrid decision', (name, text) => {
  it('flags the component that is a near tie, with its share of the draws', () => {
    expect(text).toMatch(/near tie/i);
    expect(text).toContain('62%');
  });

  it("names a component's decisive fact by the component's name", () => {
    // On a hybrid verdict a fact reads as supporting the split or working against it, not as favouring one language.
    expect(text).toMatch(/component control: workload io-bound supports the split/i);
    expect(text).not.toContain('components[1]');
    expect(text).not.toContain('components\\[1\\]');
  });

  it.skipIf(name === 'adr')("shows each stakeholder's own verdict and where they differ", () => {
    // (The ADR names them in More Information; its own test covers it.)
    expect(text).toContain('Ana');
    expect(text).toContain('SRE lead');
    expect(text).toMatch(/67% of (the stakeholders'|their) weight/);
    // With the language the criterion favours: what the disagreement is about.
    expect(text).toMatch(
      /differ on latency predictability, which favours (Go|Rust) \(\d\.\d vs \d\.\d\): 5% of the weight for Ben, 30% for Ana/i,
    );
  });
});

describe('decisiveFactStance', () => {
  const fact = (favors: 'go' | 'rust', change: number) =>
    ({
      path: 'domain',
      value: ['proxy'],
      without: 'removed',
      favors,
      probability_change: change,
      margin_change: 0,
      flips: false,
    }) as DecisiveFact;
  it('names the language for a single-language verdict', () => {
    expect(decisiveFactStance(fact('rust', 0.2), { verdict: 'rust' })).toBe('favours Rust');
    expect(decisiveFactStance(fact('go', -0.1), { verdict: 'rust' })).toBe('favours Go');
  });
  it('says whether a fact supports a hybrid verdict, whichever language it leans to', () => {
    expect(decisiveFactStance(fact('rust', 0.21), { verdict: 'hybrid' })).toBe('supports the split');
    expect(decisiveFactStance(fact('rust', -0.05), { verdict: 'hybrid' })).toBe(
      'works against the split, towards all-Rust',
    );
    expect(decisiveFactStance(fact('go', 0.1), { verdict: 'hybrid' })).toBe('supports the split');
  });
});

describe('decisiveFactLabel', () => {
  it('reads each kind of fact as the profile states it', () => {
    const fact = (path: string, value: DecisiveFact['value']) => ({
      path,
      value,
      without: 'removed',
      favors: 'go' as const,
      probability_change: 0.1,
      margin_change: 0.1,
      flips: false,
    });
    const d = { components: [{ name: 'edge', language: 'rust' as const, why: '' }] };
    expect(decisiveFactLabel(fact('workload.memory_budget_mib', 0.25), d)).toBe('memory budget 256 KiB');
    expect(decisiveFactLabel(fact('delivery.deadline_weeks', 12.5), d)).toBe('first release in 12.5 weeks');
    expect(decisiveFactLabel(fact('workload.peak_rps', 100000), d)).toBe('peak load 100,000 requests/s');
    expect(decisiveFactLabel(fact('safety_critical', true), d)).toBe('safety-critical yes');
    // Not the field ids: "priorities safety_guarantees: 4" read as raw as it looks.
    expect(decisiveFactLabel(fact('priorities', ['safety_guarantees: 4']), d)).toBe(
      'priority of safety guarantees 4 of 5',
    );
    expect(decisiveFactLabel(fact('priorities', ['safety_guarantees: 4', 'onboarding: 2']), d)).toBe(
      'priorities set: safety guarantees 4 of 5, onboarding 2 of 5',
    );
    expect(decisiveFactLabel(fact('components[0].latency_slo.p99_ms', 2), d)).toBe(
      'component edge: p99 latency SLO 2 ms',
    );
    expect(decisiveFactEffect({ ...fact('x', 1), probability_change: 0.002 }, { verdict: 'go' })).toBe(
      'without it, the probability of Go would barely move',
    );
  });

  it('reads a yes/no fact set to false as "without it", and a neutral value by name', () => {
    const fact = (path: string, without: string) =>
      ({
        path,
        value: true,
        without,
        favors: 'rust',
        probability_change: -0.01,
        margin_change: 0,
        flips: false,
      }) as DecisiveFact;
    // "safety-critical yes ... with false instead" mixed the report's yes/no with the JSON's false.
    expect(decisiveFactEffect(fact('safety_critical', 'false'), { verdict: 'hybrid' })).toBe(
      'without it, the probability of Hybrid would be 1 point higher',
    );
    expect(decisiveFactEffect(fact('team.go', 'some'), { verdict: 'hybrid' })).toBe(
      'with some instead, the probability of Hybrid would be 1 point higher',
    );
  });

  it('says a fact that tips the verdict but hardly moves its probability tips a near tie', () => {
    const fact = (probability_change: number) =>
      ({
        path: 'team.size',
        value: 6,
        without: 'removed',
        favors: 'go',
        probability_change,
        margin_change: 0.01,
        flips: true,
      }) as DecisiveFact;
    // "1 point lower and the verdict would change" read as a contradiction to a reviewer.
    expect(decisiveFactEffect(fact(0.01), { verdict: 'hybrid' })).toBe(
      'without it, the verdict would change, as it sits at a near tie, though the probability of Hybrid would be only 1 point lower',
    );
    expect(decisiveFactEffect(fact(-0.002), { verdict: 'go' })).toBe(
      'without it, the verdict would change, as it sits at a near tie, though the probability of Go would barely move',
    );
    expect(decisiveFactEffect(fact(0.3), { verdict: 'go' })).toBe(
      'without it, the probability of Go would be 30 points lower and the verdict would change',
    );
  });
});

describe('factWords', () => {
  it("names a component's fact by the component's name when the names are given, by its number otherwise", () => {
    expect(factWords('components[1].latency_critical', true, ['gateway', 'scorer'])).toBe(
      'component scorer: latency-critical yes',
    );
    expect(factWords('components[1].latency_critical', true)).toBe('component #2: latency-critical yes');
  });
});

describe('factWords for existing code and a component team', () => {
  it('names the language and plan in words, not the engine\'s "extend 40 kloc of go" (QA)', () => {
    expect(factWords('existing_code', 'extend 40 kloc of go')).toBe('existing Go code to extend (40 kloc)');
    expect(factWords('existing_code', 'port cpp')).toBe('existing C++ code to port');
    expect(factWords('components[1].team', 'rust strong', ['api', 'parser'])).toBe(
      'component parser: its own team (Rust strong)',
    );
  });
});
