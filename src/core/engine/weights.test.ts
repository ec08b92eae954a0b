import { describe, expect, it } from 'vitest';
import { CRITERION_IDS } from '../profile/vocabulary.ts';
import { projectFacts } from './conditions.ts';
import { engineKnowledgeBase, PRESSURE, profileOf } from './kb-fixture.test-helpers.ts';
import { deriveWeights } from './weights.ts';

const kb = engineKnowledgeBase();
const index = (id: (typeof CRITERION_IDS)[number]) => CRITERION_IDS.indexOf(id);

describe('deriveWeights', () => {
  it('multiplies base weights by every matching rule and records why', () => {
    const w = deriveWeights(
      projectFacts(profileOf({ workload: { kind: 'cpu-bound' }, delivery: { deadline_weeks: 4 } })),
      kb.weights,
      undefined,
      PRESSURE,
    );
    expect(w.raw[index('runtime_performance')]).toBe(3);
    expect(w.raw[index('development_speed')]).toBe(3);
    expect(w.raw[index('onboarding')]).toBe(1.5);
    expect(w.trace.development_speed.rules.map((r) => r.id)).toEqual(['deadline']);
    expect(w.normalized.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
  it('lets priorities set weights: 3 keeps a raised weight and lifts a lowered one to average, 0 ignores', () => {
    const facts = projectFacts(profileOf({ workload: { kind: 'cpu-bound' } }));
    const derived = deriveWeights(facts, kb.weights, undefined, PRESSURE);
    const mean = derived.raw.reduce((a, b) => a + b, 0) / derived.raw.length;
    const perf = derived.raw[index('runtime_performance')] ?? 0;
    const reach = derived.raw[index('platform_reach')] ?? 0;
    expect(perf).toBeGreaterThan(mean);
    expect(reach).toBeLessThan(mean);
    const w = deriveWeights(
      facts,
      kb.weights,
      { runtime_performance: 3, platform_reach: 3, build_speed: 0 },
      PRESSURE,
    );
    expect(w.raw[index('runtime_performance')]).toBeCloseTo(perf, 12);
    expect(w.raw[index('platform_reach')]).toBeCloseTo(mean, 12);
    expect(w.raw[index('build_speed')]).toBe(0);
    expect(w.trace.runtime_performance.priority).toBe(3);
    expect(w.trace.runtime_performance.priorityLifted).toBe(false);
    expect(w.trace.platform_reach.priorityLifted).toBe(true);
  });
  it('raising one priority changes only that raw weight', () => {
    const facts = projectFacts(profileOf());
    const a = deriveWeights(facts, kb.weights, { interop: 2 }, PRESSURE);
    const b = deriveWeights(facts, kb.weights, { interop: 4 }, PRESSURE);
    CRITERION_IDS.forEach((id, i) => {
      if (id === 'interop') expect(b.raw[i]).toBe((a.raw[i] ?? 0) * 2);
      else expect(b.raw[i]).toBe(a.raw[i]);
    });
  });
});
