import { describe, expect, it } from 'vitest';
import type { ProfileInput } from '../profile/schema.ts';
import { componentFacts } from './conditions.ts';
import {
  boundaryCosts,
  cgoCaveat,
  overBudgetCaveats,
  planBoundaries,
  projectSloSpentByPlan,
} from './hybrid.ts';
import { engineKnowledgeBase, profileOf } from './kb-fixture.test-helpers.ts';
import { formatAmount } from './numbers.ts';
import { readParameters } from './parameters.ts';

const kb = engineKnowledgeBase();
const params = readParameters(kb);

function plan(
  input: Partial<ProfileInput>,
  lab?: Parameters<typeof boundaryCosts>[1],
  callerLanguage: 'go' | 'rust' = 'go',
) {
  const profile = profileOf(input);
  const components = profile.components ?? [];
  const facts = new Map(components.map((c) => [c.name, componentFacts(profile, c)] as const));
  // The caller (role api) is in `callerLanguage`, the callee in the other language, so every call crosses.
  const callee = callerLanguage === 'go' ? 'rust' : 'go';
  const languages = new Map(
    components.map((c) => [c.name, c.role === 'api' ? callerLanguage : callee] as const),
  );
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

describe('projectSloSpentByPlan', () => {
  const system = (own: number | undefined) =>
    profileOf({
      workload: { kind: 'mixed', latency_slo: { p99_ms: 1.5 } },
      components: [
        {
          name: 'edge',
          role: 'api',
          latency_slo: { p99_ms: 10 },
          calls: [{ to: 'gateway', per_request: 1 }],
        },
        {
          name: 'gateway',
          role: 'api',
          ...(own === undefined ? {} : { latency_slo: { p99_ms: own } }),
          calls: [{ to: 'matcher', per_request: 1 }],
        },
        { name: 'matcher', role: 'hot-path', latency_critical: true },
      ],
    });
  it("is true when a caller without an SLO calls a latency-critical component (QA: check said 'moved nothing')", () => {
    expect(projectSloSpentByPlan(system(undefined))).toBe(true);
    // With its own SLO the caller spends that one.
    expect(projectSloSpentByPlan(system(3))).toBe(false);
  });
});

describe('planBoundaries', () => {
  const library = (perRequest: number, slo?: number): Partial<ProfileInput> => ({
    components: [
      {
        name: 'api',
        role: 'api',
        ...(slo === undefined ? {} : { latency_slo: { p99_ms: slo } }),
        calls: [{ to: 'crypto', per_request: perRequest }],
      },
      { name: 'crypto', role: 'library' },
    ],
  });

  it('links a library into its Go caller through cgo at any rate: a library is not deployed', () => {
    // Until 2026-12-07 a Rust crypto library called 3 times a request was put behind gRPC, or in a separate service.
    for (const [rate, slo] of [
      [3, 100],
      [2, undefined],
      [0.001, 20],
    ] as const) {
      const [row] = plan(library(rate, slo));
      expect(row?.mechanism, `${rate} calls, SLO ${slo}`).toBe('ffi');
      expect(row?.why).toContain('"crypto" is a library, linked into its caller rather than deployed');
    }
    expect(plan(library(3, 100))[0]?.budget).toBe('within');
    // A chatty library call keeps its note (it was overwritten while the library case was a late override).
    expect(plan(library(200, 1000))[0]?.why).toContain('Chatty: 200 calls per request');
    // Called from Rust, a Go library cannot be linked cheaply: the plan says what it prices instead.
    const [fromRust] = plan(library(3, 100), undefined, 'rust');
    expect(fromRust?.mechanism).toBe('grpc');
    expect(fromRust?.why).toContain(
      '"crypto" is a Go library: called from Rust it must be built as a C archive',
    );
  });

  it("multiplies a chain's calls: a caller without an SLO on another component's p99 path spends from that SLO", () => {
    // gateway (Go, p99 20 ms) -> ranker (Rust) 2 per request -> features (Go) 50 per request: 100 calls per gateway
    // request. Until 2026-12-07 the second boundary had "no latency SLO" and got a separate service.
    const rows = plan({
      components: [
        {
          name: 'gateway',
          role: 'api',
          latency_slo: { p99_ms: 20 },
          calls: [{ to: 'ranker', per_request: 2 }],
        },
        { name: 'ranker', role: 'hot-path', calls: [{ to: 'features', per_request: 50 }] },
        { name: 'features', role: 'api' },
      ],
    });
    const second = rows.find((r) => r.from === 'ranker');
    expect(second).toMatchObject({ mechanism: 'grpc', budget: 'over', calls_per_request: 50 });
    expect(second?.why).toContain('50 calls per request of "ranker", 100 per request of the SLO\'s owner');
    expect(second?.why).toContain(
      'of the 20 ms p99 SLO of "gateway", whose every request reaches "ranker" 2 times',
    );
    // A component no SLO-holder reaches keeps no budget.
    const alone = plan({
      components: [
        { name: 'ranker', role: 'hot-path', calls: [{ to: 'features', per_request: 50 }] },
        { name: 'features', role: 'api' },
      ],
    });
    expect(alone[0]?.budget).toBe('none');
  });

  it('draws no boundary for calls stated at 0 per request', () => {
    expect(plan(call(0, 20))).toEqual([]);
  });

  it('uses a service boundary when the caller has no latency SLO', () => {
    expect(plan(call(2))).toMatchObject([{ mechanism: 'service', per_call_us: 500, chatty: false }]);
  });
  it("spends a latency-critical callee's SLO when the caller states none: the project's SLO went to the callee", () => {
    const [row] = plan({
      workload: { kind: 'mixed', latency_slo: { p99_ms: 20 } },
      components: [
        { name: 'api', role: 'api', calls: [{ to: 'engine', per_request: 200 }] },
        { name: 'engine', role: 'hot-path', latency_critical: true },
      ],
    });
    expect(row?.budget).toBe('within');
    expect(row?.mechanism).toBe('ffi');
    expect(row?.why).toContain(
      '10% of the 20 ms p99 SLO of the project end to end, served by the latency-critical "engine" these calls reach',
    );
    expect(row?.why).not.toContain('no latency SLO');
    // The same when the callee states an SLO of its own, the project's figure or another: until 2026-12-07 either
    // left the caller with no budget, and the same numbers planned a service instead of cgo.
    for (const own of [20, 3]) {
      const [stated] = plan({
        workload: { kind: 'mixed', latency_slo: { p99_ms: 20 } },
        components: [
          { name: 'api', role: 'api', calls: [{ to: 'engine', per_request: 200 }] },
          { name: 'engine', role: 'hot-path', latency_critical: true, latency_slo: { p99_ms: own } },
        ],
      });
      expect({ mechanism: stated?.mechanism, budget: stated?.budget }).toEqual({
        mechanism: 'ffi',
        budget: 'within',
      });
      expect(stated?.why).toContain('10% of the 20 ms p99 SLO of the project end to end');
    }
  });

  it("does not spend the project's SLO on a worker's calls into a latency-critical API: they are queued work", () => {
    // QA 2026-12-08: a stream processor's calls into a query API with its own 300 ms SLO were "on the p99 path" of the
    // project's 25 ms, while the ADR said that SLO reaches no component.
    const profile = (role: 'worker' | 'control-plane' | 'hot-path') => ({
      workload: { kind: 'mixed' as const, latency_slo: { p99_ms: 25 } },
      components: [
        // The entry takes the project's SLO; the processor it hands work to calls the query API.
        { name: 'gateway', role: 'api' as const, calls: [{ to: 'processor', per_request: 1 }] },
        { name: 'processor', role, calls: [{ to: 'query', per_request: 0.01 }] },
        { name: 'query', role: 'api' as const, latency_slo: { p99_ms: 300 } },
      ],
    });
    const fromProcessor = (rows: ReturnType<typeof plan>) => rows.find((r) => r.from === 'processor');
    for (const role of ['worker', 'control-plane'] as const) {
      const row = fromProcessor(plan(profile(role), undefined, 'rust'));
      expect({ role, budget: row?.budget, mechanism: row?.mechanism }).toEqual({
        role,
        budget: 'none',
        mechanism: 'service',
      });
      expect(row?.why).not.toContain('end to end');
    }
    // A hot path serves the request as it waits: its calls still spend the project's SLO.
    const hot = fromProcessor(plan(profile('hot-path'), undefined, 'rust'));
    expect(hot?.why).toContain('of the project end to end');
  });

  it("does not spend a callee's own SLO on calls from a caller with none (a control plane into a store)", () => {
    const [row] = plan({
      components: [
        // Role api: the helper puts the api in Go and the other in Rust. Nothing gives "control" an SLO.
        { name: 'control', role: 'api', calls: [{ to: 'store', per_request: 2 }] },
        { name: 'store', role: 'storage-engine', latency_critical: true, latency_slo: { p99_ms: 1 } },
      ],
    });
    expect(row?.mechanism).toBe('service');
    expect(row?.budget).toBe('none');
    expect(row?.why).toContain('"control" has no latency SLO');
  });

  it('adds up two entries for one callee into one boundary carrying their whole load', () => {
    const rows = plan({
      components: [
        {
          name: 'api',
          role: 'api',
          latency_slo: { p99_ms: 50 },
          calls: [
            { to: 'engine', per_request: 3 },
            { to: 'engine', per_request: 5 },
          ],
        },
        { name: 'engine', role: 'hot-path' },
      ],
    });
    expect(rows.map((row) => [row.from, row.to, row.calls_per_request])).toEqual([['api', 'engine', 8]]);
    expect(rows[0]?.why).toMatch(/^8 calls per request: 8 x /);
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
  it('falls back to FFI when gRPC would exceed the budget, explaining the overrun without calling it chatty', () => {
    // 4 calls x 170 us = 680 us > 500 us, but 4 calls per request is far below the chatty threshold.
    const [row] = plan(call(4, 5));
    expect(row).toMatchObject({ mechanism: 'ffi', chatty: false });
    expect(row?.why).toContain('Over budget');
    expect(row?.why).toContain('680 µs');
    expect(row?.why).not.toContain('Chatty');
  });
  it('groups thousands in its text, as every figure shown to users (67,200 µs, never 67200 µs)', () => {
    // 400 calls x 170 us (the fixture's gRPC p99) = 68,000 us, within a tenth of a 20,000 ms SLO (2,000,000 us).
    const [within] = plan(call(400, 20_000));
    expect(within?.why).toContain(
      '400 x 170 µs (gRPC p99) = 68,000 µs, within the 2,000,000 µs a language boundary may take ' +
        '(10% of the 20,000 ms p99 SLO of "api")',
    );
    // 1,200 calls x 170 us = 204,000 us > a tenth of a 200 ms SLO (20,000 us).
    const [over] = plan(call(1200, 200));
    expect(over?.why).toContain('1,200 calls per request, and gRPC would cost 204,000 µs at p99');
    expect(over?.why).toContain('more than the 20,000 µs a language boundary may take');
    expect(over?.why).toContain('Chatty: 1,200 calls per request');
    // The row's numbers stay numbers.
    expect(over).toMatchObject({ calls_per_request: 1200 });
  });
  it('never calls a rare call chatty, even when the budget is too small for gRPC', () => {
    // 0.05 calls per request is on the p99 path (1 call at p99 = 170 us > 10% of 1 ms) but is no chatty boundary.
    const [row] = plan(call(0.05, 1));
    expect(row).toMatchObject({ mechanism: 'ffi', chatty: false });
    expect(row?.why).toContain('Over budget');
  });
  it('flags chatty exactly from the threshold on', () => {
    expect(plan(call(99, 1000))[0]?.chatty).toBe(false);
    expect(plan(call(100, 1000))[0]?.chatty).toBe(true);
  });
  it('flags chatty call counts even without an SLO, and recommends in-process calls', () => {
    const [row] = plan(call(500));
    expect(row).toMatchObject({ mechanism: 'ffi', chatty: true });
    expect(row?.why).toContain('Chatty');
  });
  it('says so when even FFI does not fit', () => {
    expect(plan(call(20_000, 1))[0]?.why).toContain('batch the calls or keep both sides in one language');
  });
  it('does not price Rust calling Go with the Go-to-Rust cgo cost: gRPC and the reason instead of FFI', () => {
    // Over budget for gRPC: a Go caller would get FFI, a Rust caller must not (cgo callbacks have no sourced cost).
    const [row] = plan(call(4, 5), undefined, 'rust');
    expect(row).toMatchObject({ mechanism: 'grpc', per_call_us: 100, chatty: false });
    expect(row?.why).toContain("cgo's callback path");
    expect(row?.why).toContain('Batch the calls');
  });
  it('keeps a chatty Rust-to-Go call off FFI too, even when a lab run measured the Go-to-Rust direction', () => {
    const lab = { run_id: 'r', environment: 'e', boundary: { ffi_empty_ns: 20 } };
    const [row] = plan(call(500), lab, 'rust');
    expect(row).toMatchObject({ mechanism: 'grpc', chatty: true });
    expect(row?.measured).toBeUndefined();
    expect(row?.why).toContain('Chatty');
    expect(plan(call(500), lab, 'go')[0]).toMatchObject({ mechanism: 'ffi', measured: true });
  });
  it('keeps the prior p99 when the lab measured the median but its p99 was left out', () => {
    const costs = boundaryCosts(kb, { run_id: 'r', environment: 'e', boundary: { grpc_p50_us: 134 } });
    const prior = boundaryCosts(kb).grpc.p99Us;
    expect(costs.grpc).toMatchObject({ perCallUs: 134, p99Us: Math.max(134, prior), measured: true });
  });
  it('treats a measured HTTP service hop like gRPC: its median and p99, or the prior p99 when left out', () => {
    const both = boundaryCosts(kb, {
      run_id: 'r',
      environment: 'e',
      boundary: { http_p50_us: 90, http_p99_us: 150 },
    });
    expect(both.service).toMatchObject({ perCallUs: 90, p99Us: 150, measured: true });
    const median = boundaryCosts(kb, { run_id: 'r', environment: 'e', boundary: { http_p50_us: 90 } });
    const prior = boundaryCosts(kb).service.p99Us;
    expect(median.service).toMatchObject({ perCallUs: 90, p99Us: Math.max(90, prior), measured: true });
    expect(median.grpc.measured).toBe(false);
  });

  it('says the budget as an amount of time and what it is a share of, never "within 10% of the SLO"', () => {
    // 1 call x 170 us <= 500 us, a tenth of 5 ms.
    const why = plan(call(1, 5))[0]?.why ?? '';
    expect(why).toContain(
      '= 170 µs, within the 500 µs a language boundary may take (10% of the 5 ms p99 SLO',
    );
    expect(why).not.toMatch(/within \d+% of/);
  });
  it('compares no figure between the gRPC and service priors, which are both loopback gRPC benchmarks', () => {
    // The service prior (kb/boundaries.yaml) borrows grpc-go's local-network benchmark: quoting its p99 beside the
    // gRPC prior's read as if a separate service cost more on loopback, for the same kind of call.
    const service = boundaryCosts(kb).service;
    const rows = [plan(call(1, 4))[0], plan(call(500), undefined, 'rust')[0]];
    for (const row of rows) {
      expect(row?.mechanism).toBe('grpc');
      expect(row?.why).not.toContain(`${formatAmount(service.p99Us)} µs`);
      expect(row?.why).not.toContain(`${formatAmount(service.perCallUs)} µs`);
      expect(row?.why).toContain('round trip');
    }
    // A lab run that measured HTTP/JSON is a comparison on one machine: then the service's figure is quoted.
    const lab = { run_id: 'r', environment: 'e', boundary: { http_p50_us: 90, http_p99_us: 150 } };
    expect(plan(call(1, 4), lab)[0]?.why).toContain('HTTP/JSON measured 150 µs p99 on loopback alone');
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

describe('overBudgetCaveats', () => {
  const caveats = (input: Partial<ProfileInput>, callerLanguage: 'go' | 'rust') => {
    const profile = profileOf(input);
    const facts = new Map(
      (profile.components ?? []).map((c) => [c.name, componentFacts(profile, c)] as const),
    );
    return overBudgetCaveats(
      plan(input, undefined, callerLanguage),
      facts,
      boundaryCosts(kb),
      params,
      profile,
    );
  };

  it('says when a boundary alone costs more than the whole SLO: the split as drawn cannot meet it', () => {
    // Rust calling Go 50 times per request: gRPC only, 50 x its p99 against a 5 ms SLO.
    const [text, ...rest] = caveats(call(50, 5), 'rust');
    expect(rest).toEqual([]);
    expect(text).toMatch(
      /^The plan's "api" -> "engine" calls are over their latency budget: 50 calls per request/,
    );
    expect(text).toContain('at p99 over gRPC come to');
    expect(text).toContain(
      'more than the whole 5 ms p99 SLO of "api": as drawn, this split cannot meet that SLO',
    );
  });

  it("names the boundary's share when the calls fit the SLO but not the share, and nothing within budget", () => {
    const [text] = caveats(call(5, 5), 'rust');
    expect(text).toContain(
      'more than the 500 µs (10%) a language boundary may take of the 5 ms p99 SLO of "api"',
    );
    expect(caveats(call(1, 50), 'go')).toEqual([]);
    expect(caveats(call(5), 'rust')).toEqual([]);
  });
});

describe('cgoCaveat', () => {
  it('names the platforms that each need a C cross toolchain', () => {
    const text = cgoCaveat(profileOf({ platforms: ['linux-amd64', 'linux-arm64', 'darwin-arm64'] }));
    expect(text).toContain('CGO_ENABLED=1');
    expect(text).toContain('3 platforms');
  });
});
