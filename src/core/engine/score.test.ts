import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectFacts } from './conditions.ts';
import { engineKnowledgeBase, PRESSURE, profileOf } from './kb-fixture.test-helpers.ts';
import { readParameters } from './parameters.ts';
import { deriveRatings } from './ratings.ts';
import { scoreShares, scoreTable } from './score.ts';
import { deriveWeights } from './weights.ts';

const kb = engineKnowledgeBase();

describe('scoreTable', () => {
  it('shows weights adding up to 1 and rows adding up to the margin, with a reason per row', () => {
    const profile = profileOf({ workload: { kind: 'cpu-bound' }, delivery: { deadline_weeks: 4 } });
    const weights = deriveWeights(projectFacts(profile), kb.weights, undefined, PRESSURE);
    const { scores, rows } = scoreTable(weights, deriveRatings(profile, kb, readParameters(kb)), kb);
    expect(rows.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 12);
    expect(rows.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(scores.go - scores.rust, 9);
    const speed = rows.find((r) => r.id === 'development_speed');
    expect(speed?.why).toBe('Go 8 vs Rust 6.5: go on development_speed. Weight: x3 tight deadline.');
    // The same explanation as data: the rule, its factor, the fact that triggered it and its evidence.
    expect(speed?.rationale).toBe('go on development_speed');
    expect(speed?.weight_reasons).toEqual([
      {
        rule: 'deadline',
        factor: 3,
        strength: 1,
        reason: 'tight deadline',
        facts: [{ path: 'delivery.deadline_weeks', value: 4 }],
        evidence: ['ev-1'],
        policy: false,
      },
    ]);
  });

  it('applies a continuous rule in part between its ends, and says how much', () => {
    const at = (weeks: number) =>
      deriveWeights(
        projectFacts(profileOf({ delivery: { deadline_weeks: weeks } })),
        kb.weights,
        undefined,
        PRESSURE,
      ).trace.development_speed.rules[0];
    // Halfway between 6 and 24 weeks on a log scale (12 weeks): half the strength, 3^0.5.
    expect(at(12)?.strength).toBeCloseTo(0.5, 3);
    expect(at(12)?.factor).toBeCloseTo(Math.sqrt(3), 3);
    expect(at(24)).toBeUndefined();
    expect(at(6)?.factor).toBe(3);
  });
});

describe('scoreShares', () => {
  it('is the share of the weighted difference each language owns', () => {
    expect(
      scoreShares([
        { weight: 0.5, go: 9, rust: 8 },
        { weight: 0.5, go: 3, rust: 9 },
      ]),
    ).toEqual({ go: 0.5 / 3.5, rust: 3 / 3.5 });
  });

  it('never drops for the language rated higher on a criterion whose weight rises', () => {
    const row = fc.record({
      weight: fc.double({ min: 0.01, max: 1, noNaN: true }),
      go: fc.integer({ min: 0, max: 10 }),
      rust: fc.integer({ min: 0, max: 10 }),
    });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 2, maxLength: 12 }),
        fc.nat(),
        fc.double({ min: 1.01, max: 5, noNaN: true }),
        (rows, pick, k) => {
          const i = pick % rows.length;
          const target = rows[i];
          if (target === undefined || target.go === target.rust) return;
          const total = rows.reduce((s, r) => s + r.weight, 0) + target.weight * (k - 1);
          const raised = rows.map((r, j) => ({ ...r, weight: (j === i ? r.weight * k : r.weight) / total }));
          const higher = target.go > target.rust ? 'go' : 'rust';
          expect(scoreShares(raised)[higher]).toBeGreaterThanOrEqual(scoreShares(rows)[higher] - 1e-12);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });

  it('differs from scores.go / (scores.go + scores.rust), which is not monotone (documented counter-example)', () => {
    // Go is rated higher on the first criterion (9 vs 8), yet weighting it more lowers Go's share of the
    // total score, because Go's lead on the second criterion (9 vs 3) is proportionally larger.
    const share = (w: number) => {
      const go = w * 9 + (1 - w) * 9;
      const rust = w * 8 + (1 - w) * 3;
      return go / (go + rust);
    };
    expect(share(0.9)).toBeLessThan(share(0.5));
    const rows = (w: number) => [
      { weight: w, go: 9, rust: 8 },
      { weight: 1 - w, go: 9, rust: 3 },
    ];
    expect(scoreShares(rows(0.9)).go).toBe(1);
    expect(scoreShares(rows(0.5)).go).toBe(1);
  });
});
