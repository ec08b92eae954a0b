import { describe, expect, it } from 'vitest';
import { parseCase, splitFor } from './corpus.ts';
import { type CaseResult, reliability, summarize } from './metrics.ts';
import { renderText } from './render.ts';

const PROFILE = `version: 1
project: { name: Example }
workload: { kind: io-bound }
team: { size: 3, go: strong, rust: none }
`;

function header(lines: string[], file = 'example.yaml'): string {
  return `${lines.map((l) => `# ${l}`).join('\n')}\n# split: ${splitFor(file)}\n${PROFILE}`;
}

const GOOD = [
  'source: https://example.org/post',
  'year: 2020',
  'expected: go',
  'reasons: the team knew Go and needed it fast',
];

describe('parseCase', () => {
  it('reads a well-formed case', () => {
    const c = parseCase('example.yaml', header(GOOD));
    expect('problems' in c).toBe(false);
    if ('problems' in c) return;
    expect(c.expected).toBe('go');
    expect(c.year).toBe(2020);
    expect(c.sources).toEqual(['https://example.org/post']);
  });

  it('names every problem of a bad header at once', () => {
    const text = `# source: example.org\n# year: 2012\n# expected: java\n# split: training\n${PROFILE}`;
    const c = parseCase('example.yaml', text);
    expect('problems' in c).toBe(true);
    if (!('problems' in c)) return;
    const all = c.problems.join('\n');
    expect(all).toMatch(/not an https URL/);
    expect(all).toMatch(/must be go, rust or hybrid/);
    expect(all).toMatch(/# reasons: missing/);
    expect(all).toMatch(/before Rust 1.0/);
    if (splitFor('example.yaml') !== 'training') expect(all).toMatch(/the rule of SPLIT.md gives/);
  });

  it('requires a hybrid to name each component of its profile with its language', () => {
    const text = header([
      'source: https://example.org',
      'year: 2020',
      'expected: hybrid',
      'reasons: split by role',
      'expected_components: api=go, ghost=rust',
    ]).replace(
      'team:',
      'components:\n  - { name: api, role: api }\n  - { name: proxy, role: data-plane }\nteam:',
    );
    const c = parseCase('example.yaml', text);
    expect('problems' in c && c.problems.join('\n')).toMatch(/"ghost", which is not a component/);
    expect('problems' in c && c.problems.join('\n')).toMatch(/component "proxy" has no expected language/);
  });

  it('splits by the file name alone, so adding a case never moves another', () => {
    expect(splitFor('linkerd.yaml')).toBe(splitFor('linkerd.yaml'));
    const names = Array.from({ length: 400 }, (_, i) => `case-${i}.yaml`);
    const share = names.filter((n) => splitFor(n) === 'holdout').length / names.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.55);
  });
});

function result(over: Partial<CaseResult>): CaseResult {
  return {
    file: 'a.yaml',
    name: 'A',
    split: 'holdout',
    expected: 'go',
    verdict: 'go',
    p: 1,
    probabilities: { go: 1, rust: 0, hybrid: 0 },
    scores: { go: 8, rust: 6 },
    right: true,
    brier: 0,
    splitRight: undefined,
    splitMisses: [],
    neutralVerdict: 'go',
    neutralRight: true,
    preRust: false,
    crossLanguage: false,
    ...over,
  };
}

describe('metrics', () => {
  it('bins P(verdict) and reports how often each bin was right', () => {
    const bins = reliability([
      { p: 0.55, right: true },
      { p: 0.58, right: false },
      { p: 0.9, right: true },
      { p: 1, right: false },
    ]);
    expect(bins.map((b) => b.count)).toEqual([0, 2, 0, 0, 0, 2]);
    expect(bins[1]?.accuracy).toBe(0.5);
    expect(bins[5]?.meanP).toBeCloseTo(0.95);
  });
  it('bins by other edges too, counting the right verdicts (the track-record bands of the reports)', () => {
    const bins = reliability(
      [
        { p: 0.6, right: false },
        { p: 0.7, right: true },
        { p: 0.9, right: true },
        { p: 1, right: false },
      ],
      [0.7, 0.9, 1],
    );
    expect(bins.map(({ from, to, count, right }) => [from, to, count, right])).toEqual([
      [0, 0.7, 1, 0],
      [0.7, 0.9, 1, 1],
      [0.9, 1, 2, 1],
    ]);
  });

  it('lists confident misses and averages the Brier score per split', () => {
    const s = summarize(
      [
        result({}),
        result({ file: 'b.yaml', verdict: 'rust', right: false, p: 0.95, brier: 1.805 }),
        result({ file: 'c.yaml', verdict: 'rust', right: false, p: 0.6, brier: 0.5 }),
        result({ file: 't.yaml', split: 'training' }),
      ],
      'holdout',
    );
    expect(s.cases).toBe(3);
    expect(s.verdicts).toEqual({ right: 1, total: 3 });
    expect(s.confidentMisses.map((m) => m.file)).toEqual(['b.yaml']);
    expect(s.misses.map((m) => m.file)).toEqual(['b.yaml', 'c.yaml']);
    expect(s.brier).toBeCloseTo((0 + 1.805 + 0.5) / 3);
  });

  it('prints a report that fits an 80-column terminal', () => {
    const rs = [
      result({
        file: 'a-very-long-case-name-that-goes-on-and-on-and-on-and-on-and-on.yaml',
        right: false,
        verdict: 'rust',
      }),
      result({ split: 'training', splitRight: false, splitMisses: ['x'.repeat(120)] }),
    ];
    const text = renderText(
      { training: summarize(rs, 'training'), holdout: summarize(rs, 'holdout'), cases: rs },
      { cases: true },
    );
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toMatch(/CONFIDENT/);
  });
});
