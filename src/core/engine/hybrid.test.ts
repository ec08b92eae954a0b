import { describe, expect, it } from 'vitest';
import type { ProfileInput } from '../profile/schema.ts';
import { componentFacts } from './conditions.ts';
import { boundaryCosts, cgoCaveat, planBoundaries } from './hybrid.ts';
import { engineKnowledgeBase, profileOf } from './kb-fixture.test-helpers.ts';
import { readParameters } from './parameters.ts';

const kb = engineKnowledgeBase();
const params = readParameters(kb);

function plan(input: Partial<ProfileInput>, lab?: Parameters<typeof boundaryCosts>[1]) {
  const profile = profileOf(input);
  const components = profile.components ?? [];
  const facts = new Map(components.map((c) => [c.name, componentFacts(profile, c)] as const));
  // Callers are Go, callees Rust, so every call crosses languages.
  const languages = new Map(components.map((c) => [c.name, c.role === 'api' ? 'go' : 'rust'] as const));
  return planBoundaries(profile, facts, languages, boundaryCosts(kb, lab), params);
}

const call = (perRequest: number, slo?: number): Partial<ProfileInput> => ({
  components: [
    {
      name: 'api',
      role: 'api',
      ...(slo === undefined ? {} : { latency_slo: { p99_ms: slo } }),
      calls: [{ to: 'engine', per_request: perRequest }],
    },
    { name: 'engine', role: 'hot-path' },
  ],
});

describe('planBoundaries', () => {
  it('uses a service boundary when the caller has no latency SLO', () => {
    expect(plan(call(2))).toMatchObject([{ mechanism: 'service', per_call_us: 500, chatty: false }]);
  });
  it('uses a service boundary when fewer than 1 request in 100 makes the call', () => {
    expect(plan(call(0.005, 5))[0]?.mechanism).toBe('service');
  });
  it('keeps calls on the p99 path on gRPC while its p99 cost fits a tenth of the SLO', () => {
    // 2 calls x 170 us = 340 us <= 10% of 5 ms.
    const [row] = plan(call(2, 5));
    expect(row).toMatchObject({ mechanism: 'grpc', per_call_us: 100, calls_per_request: 2, chatty: false });
    expect(row?.why).toContain('340 µs');
  });
  it('falls back to FFI and flags the boundary as chatty when gRPC would exceed the budget', () => {
    // 4 calls x 170 us = 680 us > 500 us.
    expect(plan(call(4, 5))).toMatchObject([{ mechanism: 'ffi', chatty: true }]);
  });
  it('flags chatty call counts even without an SLO, and recommends in-process calls', () => {
    const [row] = plan(call(500));
    expect(row).toMatchObject({ mechanism: 'ffi', chatty: true });
    expect(row?.why).toContain('Chatty');
  });
  it('says so when even FFI does not fit', () => {
    expect(plan(call(20_000, 1))[0]?.why).toContain('batch the calls or keep both sides in one language');
  });
  it('uses measured costs from a lab run and marks the row measured', () => {
    const lab = { run_id: 'r', environment: 'e', boundary: { grpc_p50_us: 60, grpc_p99_us: 90 } };
    expect(plan(call(5, 5), lab)).toMatchObject([{ mechanism: 'grpc', per_call_us: 60, measured: true }]);
  });
  it('ignores calls between components in the same language', () => {
    const profile = profileOf(call(2, 5));
    const facts = new Map(
      (profile.components ?? []).map((c) => [c.name, componentFacts(profile, c)] as const),
    );
    const same = new Map([
      ['api', 'go' as const],
      ['engine', 'go' as const],
    ]);
    expect(planBoundaries(profile, facts, same, boundaryCosts(kb), params)).toEqual([]);
  });
});

describe('cgoCaveat', () => {
  it('names the platforms that each need a C cross toolchain', () => {
    const text = cgoCaveat(profileOf({ platforms: ['linux-amd64', 'linux-arm64', 'darwin-arm64'] }));
    expect(text).toContain('CGO_ENABLED=1');
    expect(text).toContain('3 platforms');
  });
});
