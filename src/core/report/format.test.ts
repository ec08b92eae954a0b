/** @module Tests of the shared number formatting of the reports. */
import { describe, expect, it } from 'vitest';
import { buildDecision, buildGatedDecision, buildHybridDecision } from './decision-fixture.test-helpers.ts';
import {
  confidenceMeaning,
  formatConfidence,
  formatCount,
  formatFigure,
  formatPercent,
  formatPercentPair,
  formatProbabilities,
  formatScore,
  formatSigned,
  labUseLine,
  sensitivityWeights,
  trackRecordSentence,
  verdictMargin,
  verdictWithRival,
  weakening,
} from './format.ts';

describe('formatScore', () => {
  it('always shows two decimals, so neighbouring scores compare', () => {
    expect(formatScore(7.5)).toBe('7.50');
    expect(formatScore(7.467)).toBe('7.47');
    expect(formatScore(10)).toBe('10.00');
    expect(formatScore(-0.001)).toBe('0.00');
  });
});

describe('formatSigned', () => {
  it('shows a contribution with its sign and two decimals, so a column of them lines up ("+0.30" beside "+0.34")', () => {
    expect(formatSigned(0.3)).toBe('+0.30');
    expect(formatSigned(0.344)).toBe('+0.34');
    expect(formatSigned(-0.5)).toBe('-0.50');
    expect(formatSigned(0)).toBe('0.00');
    expect(formatSigned(0.001)).toBe('0.00');
    expect(formatSigned(-0.001)).toBe('0.00');
  });
});

describe('formatConfidence', () => {
  it("reads as the verdict's probability does, and never as the 70% threshold when it is under it", () => {
    // A close call at 0.6753 read "Confidence 67%" beside "Hybrid 68%", and `gorust check` quoted 68%.
    expect(formatConfidence({ confidence: 0.6753 })).toBe('68%');
    expect(formatConfidence({ confidence: 0.6985 })).toBe('69.9%');
    expect(formatConfidence({ confidence: 0.004 })).toBe('<1%');
  });
});

describe('formatPercent', () => {
  it('never rounds a share that is not all or nothing to "100%" or "0%"', () => {
    expect(formatPercent(0.9995)).toBe('>99%');
    expect(formatPercent(0.0005)).toBe('<1%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.994)).toBe('99%');
  });

  it('never shows a share just under a threshold (50%, 70%, 90%) as the threshold (a near tie is under 70%)', () => {
    expect(formatPercent(0.6999)).toBe('69.9%');
    expect(formatPercent(0.69996)).toBe('69.9%');
    expect(formatPercent(0.6958)).toBe('69.6%');
    expect(formatPercent(0.8996)).toBe('89.9%');
    expect(formatPercent(0.7)).toBe('70%');
    expect(formatPercent(0.7004)).toBe('70%');
    expect(formatPercent(0.6949)).toBe('69%');
    expect(formatPercent(0.5955)).toBe('60%');
  });
});

describe('formatProbabilities', () => {
  it('shows one decimal when two different probabilities would read alike', () => {
    // "Go 50%, Rust 50%" beside a Rust verdict read as a contradiction.
    expect(formatProbabilities({ go: 0.4959, rust: 0.5041, hybrid: 0 })).toEqual({
      go: '49.6%',
      rust: '50.4%',
      hybrid: '0.0%',
    });
    expect(formatProbabilities({ go: 0.93, rust: 0.07, hybrid: 0 })).toEqual({
      go: '93%',
      rust: '7%',
      hybrid: '0%',
    });
  });
});

describe('formatPercentPair', () => {
  it('keeps whole percentages when they already differ', () => {
    expect(formatPercentPair(0.3, 0.05)).toEqual(['30%', '5%']);
    expect(formatPercentPair(0.2, 0.2)).toEqual(['20%', '20%']);
  });
  it('adds a decimal when both round to the same whole percentage', () => {
    expect(formatPercentPair(0.055, 0.062)).toEqual(['5.5%', '6.2%']);
    expect(formatPercentPair(0.003, 0.004)).toEqual(['0.3%', '0.4%']);
  });
  it('adds a second decimal when one is not enough', () => {
    expect(formatPercentPair(0.0551, 0.0554)).toEqual(['5.51%', '5.54%']);
  });
});

describe('sensitivityWeights', () => {
  const d = buildDecision(); // development_speed weighs 30%
  it('separates the weight now and the flip weight when they round alike', () => {
    expect(sensitivityWeights(d, { criterion: 'development_speed', flip_weight: 0.304 })).toEqual({
      now: '30.0%',
      flip: '30.4%',
      edge: false,
    });
    expect(sensitivityWeights(d, { criterion: 'development_speed', flip_weight: 0.5 })).toEqual({
      now: '30%',
      flip: '50%',
      edge: false,
    });
  });
  it('says "never" when no weight flips the verdict, and gives no weight now for a criterion without a row', () => {
    expect(sensitivityWeights(d, { criterion: 'development_speed', flip_weight: null })).toEqual({
      now: '30%',
      flip: 'never',
      edge: false,
    });
    expect(sensitivityWeights(d, { criterion: 'interop', flip_weight: 0.4 })).toEqual({
      now: undefined,
      flip: '40%',
      edge: false,
    });
  });
  it('says "at the edge" when the flip weight is the weight now at the decision\'s precision, never "30% (now 30%)"', () => {
    expect(sensitivityWeights(d, { criterion: 'development_speed', flip_weight: 0.3 })).toEqual({
      now: '30.0%',
      flip: 'at the edge',
      edge: true,
    });
  });
});

describe('formatCount', () => {
  it('groups thousands without a locale', () => {
    expect(formatCount(10_000)).toBe('10,000');
    expect(formatCount(9312)).toBe('9,312');
    expect(formatCount(999)).toBe('999');
  });
});

describe('confidenceMeaning', () => {
  it('takes the margin from the scores as shown, so it is their visible difference', () => {
    const d = buildDecision({ scores: { go: 7.964, rust: 5.789 }, confidence: 1 });
    expect(confidenceMeaning(d)).toBe(
      '10,000 of 10,000 draws of weights (±30%), ratings and uncertain inputs keep this verdict; score margin 2.17 of 10',
    );
  });
  it('says when a hard gate decides a verdict whose own scores favour the other language', () => {
    const d = buildGatedDecision();
    expect(confidenceMeaning(d)).toBe(
      "10,000 of 10,000 draws of weights (±30%), ratings and uncertain inputs keep this verdict; score margin 0.39 of 10 in Go's favour, but a hard gate decides (gate-wasm-only-target)",
    );
  });
  it('gives no score margin for a hybrid verdict, whose margin is not the Go-Rust one', () => {
    const d = buildDecision({
      verdict: 'hybrid',
      confidence: 0.64,
      probabilities: { go: 0.2, rust: 0.16, hybrid: 0.64 },
    });
    expect(confidenceMeaning(d)).toBe(
      '6,400 of 10,000 draws of weights (±30%), ratings and uncertain inputs keep this verdict',
    );
  });
  it('says so when more draws give another verdict than the one the central weights give', () => {
    // Trow's shape: Hybrid at the centre, 46% of the draws; Go 50%.
    const d = buildDecision({
      verdict: 'hybrid',
      confidence: 0.461,
      probabilities: { go: 0.4996, rust: 0.0394, hybrid: 0.461 },
    });
    expect(confidenceMeaning(d)).toBe(
      '4,610 of 10,000 draws of weights (±30%), ratings and uncertain inputs keep this verdict; more draws give Go (49.9%): this verdict is what the central weights and ratings give',
    );
    const single = buildDecision({
      verdict: 'rust',
      confidence: 0.44,
      probabilities: { go: 0.56, rust: 0.44, hybrid: 0 },
    });
    expect(confidenceMeaning(single)).toMatch(
      /score margin .* of 10; more draws give Go \(56%\): this verdict/,
    );
    expect(confidenceMeaning(buildDecision({ scores: { go: 7.964, rust: 5.789 } }))).not.toContain(
      'more draws',
    );
  });
});

describe('trackRecordSentence', () => {
  const record = (from: number, to: number) => ({ from, to, right: 9, total: 12, cases: 40 });
  it('names the band of the probability and how many of its verdicts were right', () => {
    expect(trackRecordSentence(buildDecision({ track_record: record(0.9, 1) }))).toBe(
      'Track record: of the verdicts gorust gave at 90% or more on 40 real decisions it was not tuned on, 9 of 12 were right (75%).',
    );
    expect(trackRecordSentence(buildDecision({ track_record: record(0.7, 0.9) }))).toContain(
      'gave at 70% to 90% on 40 real decisions',
    );
    expect(trackRecordSentence(buildDecision({ track_record: record(0, 0.7) }))).toContain(
      'gave below 70% on',
    );
  });
  it('says nothing for a decision saved before it existed, or for a band with no verdicts', () => {
    expect(trackRecordSentence(buildDecision({ track_record: undefined }))).toBeUndefined();
    expect(
      trackRecordSentence(buildDecision({ track_record: { ...record(0, 0.7), right: 0, total: 0 } })),
    ).toBeUndefined();
  });
});

describe('labUseLine', () => {
  const row = {
    id: 'latency_predictability' as const,
    weight: 0.2,
    go: 6,
    rust: 9,
    contribution: -0.6,
    why: '',
    evidence: [],
  };
  it('says a prior was kept, with its ratings and the comparison shown beside it', () => {
    expect(
      labUseLine({
        ...row,
        lab: {
          use: 'prior_kept',
          prior: { go: 6, rust: 9 },
          used: [],
          not_significant: ['http-json p = 0.3'],
        },
      }),
    ).toBe('lab: prior kept (Go 6.0, Rust 9.0); not significant, shown only: http-json p = 0.3');
  });
  it('says a prior was replaced, with the prior and measured ratings', () => {
    expect(
      labUseLine({
        ...row,
        lab: {
          use: 'replaced',
          prior: { go: 6, rust: 9 },
          measured: { go: 7.25, rust: 7.75 },
          used: ['x'],
          not_significant: [],
        },
      }),
    ).toBe('lab: prior (Go 6.0, Rust 9.0) replaced by the measured ratings (Go 7.3, Rust 7.8)');
    expect(labUseLine(row)).toBeUndefined();
  });
});

describe('formatFigure', () => {
  it('give a measured figure the precision it holds, thousands grouped without a locale', () => {
    expect([21315.4, 1000, 123.4, 12.34, 1.234, 0.01234, -1234.5].map((n) => formatFigure(n))).toEqual([
      '21,315',
      '1,000',
      '123',
      '12.3',
      '1.23',
      '0.012',
      '-1,234',
    ]);
    expect([null, undefined, Number.NaN, Number.POSITIVE_INFINITY].map((n) => formatFigure(n))).toEqual([
      '-',
      '-',
      '-',
      '-',
    ]);
    expect(formatFigure(null, '–')).toBe('–');
  });
});

describe('verdictMargin', () => {
  it("is the project's margin without components", () => {
    const d = buildDecision({ scores: { go: 7.964, rust: 5.79 } });
    expect(verdictMargin(d)).toMatchObject({ margin: 2.17, component: undefined });
  });
  it("is the closest component's margin, named, for a project decided component by component", () => {
    // The whole project's scores can tie while every component leans one way (xAI's infrastructure read
    // "score margin 0.00" beside a 79% Go verdict).
    const hybrid = buildHybridDecision();
    const d = {
      ...hybrid,
      verdict: 'go' as const,
      scores: { go: 7.56, rust: 7.56 },
      probabilities: { go: 0.79, rust: 0.01, hybrid: 0.2 },
    };
    expect(verdictMargin(d)).toEqual({ margin: 1.1, go: 7.4, rust: 6.3, component: 'control' });
    expect(confidenceMeaning(d)).toMatch(/score margin 1\.10 of 10 in its closest component, control$/);
  });
  it('leaves out a component a gate decided: its scores did not decide it', () => {
    const hybrid = buildHybridDecision();
    expect(hybrid.gates.map((g) => g.component)).toContain('proxy');
    const components = hybrid.components.map((c) =>
      c.name === 'proxy' ? { ...c, scores: { go: 7.0, rust: 7.05 } } : c,
    );
    const d = { ...hybrid, verdict: 'go' as const, components };
    expect(verdictMargin(d)).toMatchObject({ margin: 1.1, component: 'control' });
  });
});

describe('weakening', () => {
  it('never reads a verdict turned close call as the 70% it is below (QA: "79% -> 70%")', () => {
    expect(weakening({ close_call: false, confidence: 0.79 }, { close_call: true, confidence: 0.6958 })).toBe(
      'now a close call: P(verdict) 79% -> 69.6%',
    );
    expect(weakening({ close_call: false, confidence: 0.79 }, { close_call: true, confidence: 0.64 })).toBe(
      'now a close call: P(verdict) 79% -> 64%',
    );
  });

  it('names a fall of ten points or more and a verdict turned close call, nothing else', () => {
    expect(weakening({ close_call: false, confidence: 0.93 }, { close_call: false, confidence: 0.84 })).toBe(
      undefined,
    );
    expect(weakening({ close_call: false, confidence: 0.93 }, { close_call: false, confidence: 0.8 })).toBe(
      'P(verdict) 93% -> 80%',
    );
    expect(weakening({ close_call: false, confidence: 0.72 }, { close_call: true, confidence: 0.69 })).toBe(
      'now a close call: P(verdict) 72% -> 69%',
    );
    // A record written before P(verdict) was recorded can only tell the close call.
    expect(weakening({ close_call: false }, { close_call: true, confidence: 0.6 })).toBe(
      'now a close call: P(verdict) now 60%',
    );
    expect(weakening({ close_call: true, confidence: 0.65 }, { close_call: true, confidence: 0.6 })).toBe(
      undefined,
    );
    // Stronger is not weaker.
    expect(weakening({ close_call: true, confidence: 0.6 }, { close_call: false, confidence: 0.95 })).toBe(
      undefined,
    );
  });
});

describe('verdictWithRival', () => {
  it('names the verdict that wins more draws beside a verdict it contradicts (QA: "Go 35% · Rust 65%")', () => {
    expect(verdictWithRival('go', { go: 0.35, rust: 0.65, hybrid: 0 })).toBe('Go (Rust wins more draws)');
    expect(verdictWithRival('rust', { go: 0.35, rust: 0.65, hybrid: 0 })).toBe('Rust');
    expect(verdictWithRival('hybrid', { go: 0.3, rust: 0.3, hybrid: 0.4 })).toBe('Hybrid');
  });
});
