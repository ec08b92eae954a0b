import { describe, expect, it } from 'vitest';
import { componentFacts, projectFacts } from './conditions.ts';
import { expectedGoGcTailMs, GATE_IDS, projectGates, softGateProbability, unitGates } from './gates.ts';
import { engineKnowledgeBase, profileOf } from './kb-fixture.test-helpers.ts';
import { readParameters } from './parameters.ts';

const params = readParameters(engineKnowledgeBase());

describe('gates', () => {
  it('models the Go GC tail as one pause plus a per-GiB mark tail', () => {
    expect(expectedGoGcTailMs(undefined, params)).toBe(0.5);
    expect(expectedGoGcTailMs(8, params)).toBe(8.5);
  });
  it('fires the GC gate at the model boundary and not below it', () => {
    const at = (p99: number) =>
      unitGates(
        projectFacts(
          profileOf({ workload: { kind: 'io-bound', latency_slo: { p99_ms: p99 }, live_heap_gib: 8 } }),
        ),
        params,
      );
    const fired = (p99: number) =>
      at(p99)
        .soft.filter((g) => g.lnMargin < 0)
        .map((g) => g.gate.id);
    expect(fired(8.4)).toEqual([GATE_IDS.gcTail]);
    expect(fired(8.5)).toEqual([]);
  });
  it('groups thousands in its reasons (16,384 MiB, 20,000 ms), as every figure shown to users', () => {
    const { soft } = unitGates(
      projectFacts(
        profileOf({
          workload: {
            kind: 'io-bound',
            latency_slo: { p99_ms: 20_000 },
            live_heap_gib: 12,
            memory_budget_mib: 16_384,
          },
        }),
      ),
      params,
    );
    const reasons = soft.map((g) => g.gate.reason).join('\n');
    expect(reasons).toContain('The p99 SLO of 20,000 ms is below');
    expect(reasons).toContain('The memory budget of 16,384 MiB is below');
    expect(reasons).toContain('the 12,288 MiB live heap');
    expect(reasons).not.toMatch(/\d{4,}/);
  });
  it('says how often a soft gate holds over its model uncertainty: half at its edge, continuous around it', () => {
    const p = (p99: number) =>
      softGateProbability(
        unitGates(
          projectFacts(
            profileOf({ workload: { kind: 'io-bound', latency_slo: { p99_ms: p99 }, live_heap_gib: 8 } }),
          ),
          params,
        ).soft[0] as Parameters<typeof softGateProbability>[0],
      );
    expect(p(8.5)).toBeCloseTo(0.5, 6);
    expect(p(1)).toBeGreaterThan(0.99);
    expect(p(100)).toBeLessThan(0.01);
    expect(Math.abs(p(8.5) - p(8.5 * 1.001))).toBeLessThan(0.01);
  });
  it('fires the memory gate when the budget is below the runtime floor plus 2x the live heap', () => {
    const at = (budget: number) =>
      unitGates(
        projectFacts(
          profileOf({ workload: { kind: 'io-bound', memory_budget_mib: budget, live_heap_gib: 0.5 } }),
        ),
        params,
      );
    const fired = (budget: number) =>
      at(budget)
        .soft.filter((g) => g.lnMargin < 0)
        .map((g) => g.gate.id);
    expect(fired(1031)).toEqual([GATE_IDS.memoryBudget]);
    expect(fired(1032)).toEqual([]);
    // A budget below the live heap itself fits neither language: the gate's reason says so, instead of advising
    // GOMEMLIMIT for a heap no program can hold.
    const reason = (budget: number) => at(budget).soft[0]?.gate.reason ?? '';
    expect(reason(400)).toContain('The live heap alone (512 MiB) is above the budget too');
    expect(reason(400)).not.toContain('GOMEMLIMIT');
    expect(reason(1000)).toContain('GOMEMLIMIT can hold Go closer');
    expect(reason(1000)).toContain('below what a standard Go process needs');
    // A microcontroller's budget, below the runtime's own floor: the gate is about standard Go, and says TinyGo is not.
    const tiny = unitGates(
      projectFacts(profileOf({ workload: { kind: 'cpu-bound', memory_budget_mib: 0.25 } })),
      params,
    ).soft[0]?.gate.reason;
    expect(tiny).toContain(
      'TinyGo, a subset of Go with a smaller runtime and GC, is made for devices this small',
    );
    expect(tiny).not.toContain('GOMEMLIMIT');
  });
  it('treats a WASM target as a gate only when every target is WASM', () => {
    expect(
      projectGates(profileOf({ targets: ['wasm-edge', 'wasm-browser'] }), params).map((g) => g.id),
    ).toEqual([GATE_IDS.wasmOnly]);
    expect(projectGates(profileOf({ targets: ['wasm-edge', 'cli'] }), params)).toEqual([]);
  });
  it('applies hard real-time to the latency-critical components only', () => {
    const profile = profileOf({
      workload: { kind: 'cpu-bound', hard_realtime: true },
      components: [
        { name: 'loop', role: 'hot-path', latency_critical: true },
        { name: 'ui', role: 'api' },
      ],
    });
    expect(projectGates(profile, params)).toEqual([]);
    const [loop, ui] = profile.components ?? [];
    if (loop === undefined || ui === undefined) throw new Error('fixture');
    expect(unitGates(componentFacts(profile, loop), params).hard).toMatchObject([
      { id: GATE_IDS.hardRealtime, component: 'loop' },
    ]);
    expect(unitGates(componentFacts(profile, ui), params)).toEqual({ hard: [], soft: [] });
  });
});
