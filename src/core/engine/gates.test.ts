import { describe, expect, it } from 'vitest';
import { componentFacts, projectFacts } from './conditions.ts';
import { expectedGoGcTailMs, GATE_IDS, projectGates, unitGates } from './gates.ts';
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
    expect(at(8.4).map((g) => g.id)).toEqual([GATE_IDS.gcTail]);
    expect(at(8.5)).toEqual([]);
  });
  it('fires the memory gate when the budget is below the runtime floor plus 2x the live heap', () => {
    const at = (budget: number) =>
      unitGates(
        projectFacts(
          profileOf({ workload: { kind: 'io-bound', memory_budget_mib: budget, live_heap_gib: 0.5 } }),
        ),
        params,
      );
    expect(at(1031).map((g) => g.id)).toEqual([GATE_IDS.memoryBudget]);
    expect(at(1032)).toEqual([]);
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
    expect(unitGates(componentFacts(profile, loop), params)).toMatchObject([
      { id: GATE_IDS.hardRealtime, component: 'loop' },
    ]);
    expect(unitGates(componentFacts(profile, ui), params)).toEqual([]);
  });
});
