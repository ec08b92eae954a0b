/** @module Tests of diffDecisions: verdict, scores, criteria, gates, components and boundaries between two decisions. */
import { describe, expect, it } from 'vitest';
import { buildDecision, buildHybridDecision } from './decision-fixture.test-helpers.ts';
import { diffDecisions } from './diff.ts';

describe('diffDecisions', () => {
  it('finds nothing between a decision and itself', () => {
    const diff = diffDecisions(buildHybridDecision(), buildHybridDecision());
    expect(diff.same).toBe(true);
    expect(diff.verdict).toEqual({ a: 'hybrid', b: 'hybrid', changed: false });
    expect(diff.gates.added).toEqual([]);
    expect(diff.gates.kept).toHaveLength(1);
    expect(diff.criteria.every((c) => c.contribution.delta === 0)).toBe(true);
  });

  it('reports the verdict, scores and the criteria that moved most first', () => {
    const a = buildDecision();
    const b = buildDecision({
      verdict: 'rust',
      scores: { go: 6.5, rust: 7 },
      criteria: a.criteria.map((row) =>
        row.id === 'latency_predictability' ? { ...row, weight: 0.5, contribution: -1.5 } : row,
      ),
    });
    const diff = diffDecisions(a, b);
    expect(diff.same).toBe(false);
    expect(diff.verdict).toEqual({ a: 'go', b: 'rust', changed: true });
    expect(diff.scores.go.delta).toBeCloseTo(-0.6);
    expect(diff.criteria[0]?.id).toBe('latency_predictability');
    expect(diff.criteria[0]?.weight).toEqual({ a: 0.2, b: 0.5, delta: 0.3 });
    expect(diff.criteria[0]?.contribution.delta).toBeCloseTo(-0.9);
    expect(diff.criteria[0]?.flipped).toBe(false);
  });

  it("reports the seed, the agreement and each stakeholder's own verdict that moved", () => {
    const person = (name: string, verdict: 'go' | 'rust' | 'hybrid', p: number) => ({
      name,
      weight: 1,
      verdict,
      probabilities: { go: 0, rust: 0, hybrid: 0, [verdict]: p },
    });
    const a = buildDecision({
      seed: 7,
      agreement: 0.8,
      stakeholders: [person('Dana', 'go', 0.9), person('Sam', 'rust', 0.55)],
    });
    const b = buildDecision({
      seed: 1,
      agreement: 0.75,
      stakeholders: [person('Dana', 'go', 0.9), person('Sam', 'rust', 0.83)],
    });
    const diff = diffDecisions(a, b);
    expect(diff.same).toBe(false);
    expect(diff.seed).toEqual({ a: 7, b: 1, changed: true });
    expect(diff.agreement).toEqual({ a: 0.8, b: 0.75, delta: -0.05 });
    expect(diff.stakeholders?.filter((s) => s.changed)).toEqual([
      { name: 'Sam', a: 'rust', b: 'rust', p: { a: 0.55, b: 0.83, delta: 0.28 }, changed: true },
    ]);
    // Without stakeholders on either side, neither field is there.
    expect(diffDecisions(buildDecision(), buildDecision()).stakeholders).toBeUndefined();
  });

  it('rounds differences to 3 decimals, so the JSON carries no float noise', () => {
    const a = buildDecision({ confidence: 0.701, scores: { go: 7.1, rust: 6.9 } });
    const b = buildDecision({ confidence: 0.8, scores: { go: 7.199, rust: 6.9 } });
    const diff = diffDecisions(a, b);
    // 0.8 - 0.701 is 0.09899999999999998 in floating point; 7.199 - 7.1 is 0.09899999999999931.
    expect(diff.confidence.delta).toBe(0.099);
    expect(diff.scores.go.delta).toBe(0.099);
    expect(JSON.stringify(diff)).not.toMatch(/\d\.\d{6,}/);
  });

  it('marks a criterion that changed sides and one present on one side only', () => {
    const a = buildDecision();
    const b = buildDecision({
      criteria: [
        ...a.criteria
          .filter((row) => row.id !== 'deployment')
          .map((row) => (row.id === 'onboarding' ? { ...row, contribution: -0.2 } : row)),
      ],
    });
    const diff = diffDecisions(a, b);
    expect(diff.criteria.find((c) => c.id === 'onboarding')?.flipped).toBe(true);
    expect(diff.criteria.find((c) => c.id === 'deployment')?.weight).toEqual({
      a: 0.25,
      b: null,
      delta: null,
    });
  });

  it('lists gates added and removed, component language changes and boundary changes', () => {
    const a = buildHybridDecision();
    const b = buildHybridDecision({
      gates: [{ id: 'safety-critical', favors: 'rust', reason: 'Failures cost money.' }],
      components: [
        { name: 'proxy', language: 'rust', why: 'hot path' },
        { name: 'control', language: 'rust', why: 'one language' },
        { name: 'ui', language: 'go', why: 'api' },
      ],
      boundaries: [],
    });
    const diff = diffDecisions(a, b);
    expect(diff.gates.added.map((g) => g.id)).toEqual(['safety-critical']);
    expect(diff.gates.removed.map((g) => g.id)).toEqual(['hard-realtime-hot-path']);
    expect(diff.components).toEqual([
      { name: 'proxy', a: 'rust', b: 'rust', changed: false },
      { name: 'control', a: 'go', b: 'rust', changed: true },
      { name: 'ui', a: null, b: 'go', changed: true },
    ]);
    expect(diff.boundaries).toEqual([
      { from: 'proxy', to: 'control', a: { mechanism: 'grpc', per_call_us: 100 }, b: null, changed: true },
    ]);
  });
});
