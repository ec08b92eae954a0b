import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decision, decisionSchema } from '../decision/schema.ts';
import type { ProfileInput } from '../profile/schema.ts';
import { CRITERION_IDS } from '../profile/vocabulary.ts';
import { decide } from './decide.ts';
import { GATE_IDS } from './gates.ts';
import { engineKnowledgeBase, profileOf } from './kb-fixture.test-helpers.ts';
import { scoreShares } from './score.ts';
import { trackRecordFor } from './track-record.ts';

const kb = engineKnowledgeBase();

function expectContract(d: Decision): void {
  decisionSchema.parse(d);
  expect(d.criteria.map((r) => r.id)).toEqual([...CRITERION_IDS]);
  expect(d.criteria.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 9);
  for (const r of d.criteria)
    expect(Math.abs(r.contribution - r.weight * (r.go - r.rust))).toBeLessThanOrEqual(0.0005 + 1e-9);
  expect(d.criteria.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(d.scores.go - d.scores.rust, 9);
  expect(d.probabilities.go + d.probabilities.rust + d.probabilities.hybrid).toBeCloseTo(1, 9);
  expect(d.confidence).toBe(d.probabilities[d.verdict]);
  expect(d.close_call).toBe(d.confidence < 0.7);
  for (const s of d.sensitivity) {
    if (s.flip_weight !== null) {
      expect(s.flip_weight).toBeGreaterThanOrEqual(0);
      expect(s.flip_weight).toBeLessThanOrEqual(1);
    }
  }
}

const mesh: ProfileInput = {
  version: 1,
  project: { name: 'mesh' },
  workload: { kind: 'io-bound', latency_slo: { p99_ms: 2 } },
  team: { size: 12, go: 'strong', rust: 'some' },
  components: [
    {
      name: 'proxy',
      role: 'data-plane',
      workload: 'cpu-bound',
      latency_critical: true,
      calls: [{ to: 'control', per_request: 0.05 }],
    },
    { name: 'control', role: 'control-plane' },
    { name: 'api', role: 'api' },
  ],
};

describe('decide: contract and determinism', () => {
  it('follows the decision contract for plain and component profiles', () => {
    expectContract(decide(profileOf(), kb, { samples: 2000 }));
    expectContract(decide(profileOf(mesh), kb, { samples: 2000 }));
    expectContract(decide(profileOf({ targets: ['bare-metal'] }), kb, { samples: 2000 }));
  });

  it('gives byte-identical output for the same profile and seed', () => {
    const a = JSON.stringify(decide(profileOf(mesh), kb, { seed: 5 }));
    const b = JSON.stringify(decide(profileOf(mesh), kb, { seed: 5 }));
    expect(a).toBe(b);
  });

  it('records the seed and sample count it used', () => {
    const d = decide(profileOf(), kb, { seed: 9, samples: 1234 });
    expect(d.seed).toBe(9);
    expect(d.samples).toBe(1234);
  });
});

describe('decide: verdicts', () => {
  it('picks Go for a small team with a tight deadline and no Rust', () => {
    const d = decide(
      profileOf({ team: { size: 3, go: 'some', rust: 'none' }, delivery: { deadline_weeks: 6 } }),
      kb,
    );
    expect(d.verdict).toBe('go');
    expect(d.close_call).toBe(false);
    expect(d.checklist.find((c) => c.item.startsWith('Speed'))?.applies).toBe(true);
    expect(d.tips).toContain('Prototype in Go.');
  });

  it('picks Rust for CPU-bound work under a tight SLO', () => {
    const d = decide(profileOf({ workload: { kind: 'cpu-bound', latency_slo: { p99_ms: 5 } } }), kb);
    expect(d.verdict).toBe('rust');
    expect(d.gates).toEqual([]);
  });

  it('splits a data plane and a control plane into a hybrid with a gRPC boundary', () => {
    const d = decide(profileOf(mesh), kb);
    expect(d.verdict).toBe('hybrid');
    expect(Object.fromEntries(d.components.map((c) => [c.name, c.language]))).toEqual({
      proxy: 'rust',
      control: 'go',
      api: 'go',
    });
    expect(d.boundaries).toHaveLength(1);
    expect(d.boundaries[0]).toMatchObject({
      from: 'proxy',
      to: 'control',
      mechanism: 'grpc',
      per_call_us: 100,
    });
    expect(d.probabilities.hybrid).toBe(d.confidence);
  });
});

describe('decide: gates come before averaging', () => {
  it('follows a gate and still shows the breakdown', () => {
    const d = decide(
      profileOf({ targets: ['wasm-browser'], team: { size: 3, go: 'strong', rust: 'none' } }),
      kb,
    );
    expect(d.verdict).toBe('rust');
    expect(d.gates.map((g) => g.id)).toEqual([GATE_IDS.wasmOnly]);
    expect(d.scores.go).toBeGreaterThan(d.scores.rust);
    expect(d.criteria).toHaveLength(12);
    expect(d.confidence).toBe(1);
    expect(d.sensitivity.every((s) => s.flip_weight === null)).toBe(true);
  });

  it('weighs a bare-metal target instead of ruling Go out (TinyGo and TamaGo run Go there)', () => {
    const team = (go: 'none' | 'some' | 'strong', rust: 'none' | 'some' | 'strong') =>
      decide(profileOf({ targets: ['bare-metal'], team: { size: 3, go, rust } }), kb);
    const even = team('some', 'some');
    expect(even.gates).toEqual([]);
    expect(even.verdict).toBe('rust');
    // A team strong in Go and new to Rust is no longer told that Go is impossible: the evidence says it is not.
    const goTeam = team('strong', 'none');
    expect(goTeam.gates).toEqual([]);
    expect(goTeam.confidence).toBeLessThan(1);
    // A stated memory budget below the Go runtime's floor still rules standard Go out.
    const mcu = decide(
      profileOf({ targets: ['bare-metal'], workload: { kind: 'cpu-bound', memory_budget_mib: 0.25 } }),
      kb,
    );
    expect(mcu.gates.map((g) => g.id)).toEqual([GATE_IDS.memoryBudget]);
    expect(mcu.verdict).toBe('rust');
  });

  it('fires the GC tail gate when the SLO is below the expected Go GC delay for the live heap', () => {
    const heavy = decide(
      profileOf({ workload: { kind: 'io-bound', latency_slo: { p99_ms: 5 }, live_heap_gib: 16 } }),
      kb,
    );
    expect(heavy.gates.map((g) => g.id)).toEqual([GATE_IDS.gcTail]);
    expect(heavy.gates[0]?.reason).toContain('16 GiB');
    const light = decide(
      profileOf({ workload: { kind: 'io-bound', latency_slo: { p99_ms: 5 }, live_heap_gib: 1 } }),
      kb,
    );
    expect(light.gates).toEqual([]);
  });

  it('fires the memory gate, the WASM-only gate and the hard real-time gate', () => {
    const mem = decide(
      profileOf({ workload: { kind: 'io-bound', memory_budget_mib: 64, live_heap_gib: 0.05 } }),
      kb,
    );
    expect(mem.gates.map((g) => g.id)).toEqual([GATE_IDS.memoryBudget]);
    // In the facts' unit: a microcontroller's budget reads "256 KiB" in the gate as in the facts, not "0.25 MiB".
    const tiny = decide(profileOf({ workload: { kind: 'cpu-bound', memory_budget_mib: 0.25 } }), kb);
    expect(tiny.gates[0]?.reason).toContain('The memory budget of 256 KiB');
    const wasm = decide(profileOf({ targets: ['wasm-browser'] }), kb);
    expect(wasm.gates.map((g) => g.id)).toEqual([GATE_IDS.wasmOnly]);
    expect(decide(profileOf({ targets: ['wasm-browser', 'server'] }), kb).gates).toEqual([]);
    const rt = decide(profileOf({ workload: { kind: 'cpu-bound', hard_realtime: true } }), kb);
    expect(rt.verdict).toBe('rust');
    expect(rt.gates.map((g) => g.id)).toEqual([GATE_IDS.hardRealtime]);
  });

  it('says first when a budget cannot hold its live heap, and that a p99.9 target is not modelled', () => {
    // A Rust verdict "because Go needs more than 1,024 MiB" for a 2 GiB heap that fits no language read as advice.
    const d = decide(
      profileOf({
        workload: {
          kind: 'io-bound',
          latency_slo: { p99_ms: 20, p999_ms: 50 },
          live_heap_gib: 2,
          memory_budget_mib: 1024,
        },
      }),
      kb,
    );
    expect(d.caveats[0]).toMatch(
      /^The memory budget \(1,024 MiB\) is below the live heap \(2 GiB, 2,048 MiB\)/,
    );
    expect(d.caveats[1]).toMatch(/^The p99\.9 latency target \(50 ms\) is not in the model/);
    const fits = decide(
      profileOf({ workload: { kind: 'io-bound', live_heap_gib: 0.5, memory_budget_mib: 1024 } }),
      kb,
    );
    expect(fits.caveats.some((c) => /memory budget|p99\.9/.test(c))).toBe(false);
  });

  it('says which project facts reach no component, and names none that one inherits', () => {
    const components = [
      { name: 'gateway', role: 'api' as const, latency_slo: { p99_ms: 10 } },
      { name: 'parser', role: 'hot-path' as const, workload: 'cpu-bound' as const },
    ];
    const workload = {
      kind: 'mixed' as const,
      latency_slo: { p99_ms: 0.5 },
      live_heap_gib: 64,
      memory_budget_mib: 70000,
    };
    const d = decide(profileOf({ workload, interop: ['c-libraries'], components }), kb);
    // Both are entry components (api and hot path, nobody calls them); the parser states no SLO and takes the project's.
    expect(d.caveats[0]).toBe(
      `The project's live heap (64 GiB), memory budget (70,000 MiB) and interop (c-libraries) reach no component, so no gate or weight of a component rests on them: with components, a live heap, memory budget and interop are each component's own. State each on the components it concerns.`,
    );
    // Every entry component with its own SLO: the project's reaches none, and the caveat says why.
    const own = components.map((c) => ({ ...c, latency_slo: { p99_ms: 10 } }));
    expect(
      decide(profileOf({ workload: { kind: 'mixed', latency_slo: { p99_ms: 0.5 } }, components: own }), kb)
        .caveats[0],
    ).toBe(
      `The project's p99 SLO (0.5 ms) reaches no component, so no gate or weight of a component rests on it: the entry components ("gateway", "parser") state their own p99 SLO, which takes the project's place. State each on the components it concerns.`,
    );
    // The entry components restate the project's own figures (examples/service-mesh.yaml): nothing is set aside.
    const same = components.map((c) => ({ ...c, latency_slo: { p99_ms: 0.5 }, peak_rps: 900 }));
    const restated = decide(
      profileOf({
        workload: { kind: 'mixed', latency_slo: { p99_ms: 0.5 }, peak_rps: 900 },
        components: same,
      }),
      kb,
    );
    expect(restated.caveats.some((c) => c.includes('reaches no component'))).toBe(false);
    const whole = decide(profileOf({ workload, interop: ['c-libraries'] }), kb);
    expect(whole.caveats.some((c) => c.includes('reach no component'))).toBe(false);
  });

  it("names the project's existing code in the reason of each component that inherits it, and not in one with its own", () => {
    const d = decide(
      profileOf({
        workload: { kind: 'mixed' },
        existing_code: { language: 'go', kloc: 40, plan: 'extend' },
        components: [
          { name: 'gateway', role: 'api' },
          { name: 'scorer', role: 'hot-path', existing_code: { language: 'rust', plan: 'extend' } },
        ],
      }),
      kb,
    );
    const why = (name: string) => d.components.find((c) => c.name === name)?.why ?? '';
    expect(why('gateway')).toMatch(
      /\) and the project's existing Go code to extend \(40 kloc\); main drivers:/,
    );
    expect(why('scorer')).toContain('existing Rust code to extend');
    expect(why('scorer')).not.toContain("the project's");
  });

  it('says a call a component makes to itself is left out of the plan (valid in profile v1)', () => {
    const d = decide(
      profileOf({
        workload: { kind: 'io-bound' },
        components: [
          { name: 'api', role: 'api', calls: [{ to: 'api', per_request: 1 }] },
          { name: 'engine', role: 'hot-path', workload: 'cpu-bound' },
        ],
      }),
      kb,
    );
    expect(d.caveats).toContain(
      '"api" lists a call to itself: work inside one component crosses no boundary, so the plan leaves it out. Calls name the other components a component calls.',
    );
    expect(d.boundaries.some((b) => b.from === 'api' && b.to === 'api')).toBe(false);
  });

  it('says two entries for one callee are added up, and a boundary over its budget comes before general caveats', () => {
    const d = decide(
      profileOf({
        workload: { kind: 'cpu-bound', peak_rps: 300_000, latency_slo: { p99_ms: 5 } },
        team: { size: 8, go: 'strong', rust: 'strong' },
        components: [
          {
            name: 'proxy',
            role: 'data-plane',
            latency_critical: true,
            calls: [
              { to: 'policy', per_request: 20 },
              { to: 'policy', per_request: 30 },
            ],
          },
          // A Go team's policy service, so the calls cross languages.
          {
            name: 'policy',
            role: 'control-plane',
            workload: 'io-bound',
            team: { go: 'strong', rust: 'none' },
          },
        ],
      }),
      kb,
    );
    expect(d.components.map((c) => c.language)).toEqual(['rust', 'go']);
    expect(d.caveats[0]).toBe(
      '"proxy" lists 2 calls to "policy" (20 and 30 per request): the plan adds them up to 50 per request, the load its boundary carries.',
    );
    expect(d.caveats[1]).toMatch(
      /^The plan's "proxy" -> "policy" calls are over their latency budget: 50 calls per request .* more than the whole 5 ms p99 SLO of "proxy": as drawn, this split cannot meet that SLO\./,
    );
  });

  it("names the components each stakeholder's own priorities put in the other language (differs_on)", () => {
    const components: ProfileInput['components'] = [
      { name: 'ingest', role: 'data-plane', workload: 'cpu-bound', latency_critical: true },
      { name: 'control', role: 'control-plane' },
      { name: 'admin', role: 'api' },
    ];
    const people = [
      { name: 'CTO', priorities: { development_speed: 5, onboarding: 4 } },
      {
        name: 'SRE',
        priorities: { latency_predictability: 5, memory_efficiency: 5, runtime_performance: 5 },
      },
    ];
    const base = {
      workload: { kind: 'mixed' as const, latency_slo: { p99_ms: 10 } },
      team: { size: 7, go: 'strong' as const, rust: 'some' as const },
      components,
    };
    const d = decide(profileOf({ ...base, stakeholders: people }), kb);
    const group = new Map(d.components.map((c) => [c.name, c.language]));
    for (const person of people) {
      // The same plan as deciding with that stakeholder's priorities alone.
      const own = decide(profileOf({ ...base, priorities: person.priorities }), kb);
      const expected = own.components.filter((c) => group.get(c.name) !== c.language).map((c) => c.name);
      const row = d.stakeholders?.find((s) => s.name === person.name);
      expect(row?.differs_on ?? []).toEqual(expected);
    }
    // The SRE's priorities part from the group's plan somewhere, or this test shows nothing.
    expect(d.stakeholders?.some((s) => (s.differs_on ?? []).length > 0)).toBe(true);
  });

  it("decides with one stakeholder's priorities as with the same priorities for the project, and says whose they are", () => {
    const priorities = { runtime_performance: 5, memory_efficiency: 5, development_speed: 0 };
    const base = {
      workload: { kind: 'mixed' as const, latency_slo: { p99_ms: 20 } },
      team: { size: 5, go: 'strong' as const, rust: 'some' as const },
    };
    const alone = decide(profileOf({ ...base, stakeholders: [{ name: 'Ana', priorities }] }), kb);
    const project = decide(profileOf({ ...base, priorities }), kb);
    const nobody = decide(profileOf(base), kb);
    // Until 2026-12-07 a single stakeholder's priorities were dropped: the decision was the one without any.
    expect(alone.probabilities).toEqual(project.probabilities);
    expect(alone.probabilities).not.toEqual(nobody.probabilities);
    const speed = alone.criteria.find((c) => c.id === 'development_speed');
    expect(speed?.weight).toBe(0);
    expect(speed?.weight_reasons?.at(-1)).toMatchObject({
      rule: 'priority',
      factor: 0,
      facts: [{ path: 'stakeholders[0].priorities.development_speed', value: 0 }],
    });
    expect(speed?.weight_reasons?.at(-1)?.reason).toContain("the stakeholders' priorities set the weight");
    expect(speed?.weight_reasons?.at(-1)?.reason).toContain('Ana 0 of 5');
  });

  it("explains a weight the group averages by each stakeholder's priority, not the project's rules alone", () => {
    const d = decide(
      profileOf({
        workload: { kind: 'mixed' },
        stakeholders: [
          { name: 'Ana', priorities: { development_speed: 5 } },
          { name: 'Ben', priorities: { development_speed: 1 } },
          { name: 'Cy', priorities: {} },
        ],
      }),
      kb,
    );
    const speed = d.criteria.find((c) => c.id === 'development_speed');
    const row = speed?.weight_reasons?.at(-1);
    expect(row?.reason).toContain('Ana 5 of 5, Ben 1 of 5, Cy none');
    expect(row?.facts.map((f) => f.path)).toEqual([
      'stakeholders[0].priorities.development_speed',
      'stakeholders[1].priorities.development_speed',
    ]);
    // A priority inherited from the project's own is cited at the project's path, not as the stakeholder's.
    const inherited = decide(
      profileOf({
        workload: { kind: 'mixed' },
        priorities: { onboarding: 4 },
        stakeholders: [
          { name: 'Ana', priorities: { onboarding: 1 } },
          { name: 'Ben', priorities: {} },
        ],
      }),
      kb,
    );
    expect(inherited.criteria.find((c) => c.id === 'onboarding')?.weight_reasons?.at(-1)?.facts).toEqual([
      { path: 'stakeholders[0].priorities.onboarding', value: 1 },
      { path: 'priorities.onboarding', value: 4 },
    ]);
    // A criterion nobody set keeps the rules' reasons alone: no row of "Ana none, Ben none, Cy none".
    const build = d.criteria.find((c) => c.id === 'build_speed');
    expect(build?.weight_reasons?.some((r) => r.rule === 'priority')).toBe(false);
  });

  it('says when a project hard real-time requirement reaches no component (none is latency-critical)', () => {
    const d = decide(
      profileOf({
        workload: { kind: 'cpu-bound', hard_realtime: true },
        components: [
          { name: 'planner', role: 'orchestration', calls: [{ to: 'loop', per_request: 1 }] },
          { name: 'loop', role: 'hot-path' },
        ],
      }),
      kb,
    );
    expect(d.gates.filter((g) => g.id === GATE_IDS.hardRealtime)).toEqual([]);
    expect(d.caveats.join('\n')).toContain(
      "The project's hard real-time requirement reaches no component, so no gate or weight of a component rests on it: hard real-time binds only the components marked latency_critical (the ones with deadlines), and none is marked.",
    );
  });

  it('applies component gates to that component only', () => {
    const d = decide(
      profileOf({
        workload: { kind: 'io-bound' },
        team: { size: 3, go: 'strong', rust: 'none' },
        delivery: { deadline_weeks: 6 },
        components: [
          { name: 'api', role: 'api' },
          { name: 'cache', role: 'storage-engine', latency_slo: { p99_ms: 3 }, live_heap_gib: 32 },
        ],
      }),
      kb,
    );
    expect(d.gates).toMatchObject([{ id: GATE_IDS.gcTail, component: 'cache' }]);
    expect(d.components.map((c) => c.language)).toEqual(['go', 'rust']);
    expect(d.verdict).toBe('hybrid');
  });
});

describe('decide: engine properties', () => {
  const profileArb = fc.record({
    kind: fc.constantFrom('io-bound', 'cpu-bound', 'mixed'),
    go: fc.constantFrom('none', 'some', 'strong'),
    rust: fc.constantFrom('none', 'some', 'strong'),
    size: fc.integer({ min: 1, max: 60 }),
    slo: fc.option(fc.constantFrom(2, 8, 50)),
    deadline: fc.option(fc.constantFrom(4, 10, 52)),
  });
  const build = (p: {
    kind: 'io-bound' | 'cpu-bound' | 'mixed';
    go: 'none' | 'some' | 'strong';
    rust: 'none' | 'some' | 'strong';
    size: number;
    slo: number | null;
    deadline: number | null;
  }) =>
    profileOf({
      workload: { kind: p.kind, ...(p.slo === null ? {} : { latency_slo: { p99_ms: p.slo } }) },
      team: { size: p.size, go: p.go, rust: p.rust },
      ...(p.deadline === null ? {} : { delivery: { deadline_weeks: p.deadline } }),
    });

  it('raising a criterion priority never helps the language rated lower on it', () => {
    fc.assert(
      fc.property(
        profileArb,
        fc.constantFrom(...CRITERION_IDS),
        fc.integer({ min: 0, max: 4 }),
        (p, criterion, low) => {
          const before = decide({ ...build(p), priorities: { [criterion]: low } }, kb, { samples: 400 });
          const after = decide({ ...build(p), priorities: { [criterion]: low + 1 } }, kb, { samples: 400 });
          const row = before.criteria.find((r) => r.id === criterion);
          if (row === undefined || row.go === row.rust) return;
          const higher = row.go > row.rust ? 'go' : 'rust';
          // With the weights alone perturbed, the probability of a verdict for the higher-rated language never drops
          // (same seed, same draws; with the ratings uncertain too, a draw may rate the criterion the other way) ...
          if (before.verdict === higher && after.verdict === higher) {
            expect(after.robustness_to_priorities ?? 0).toBeGreaterThanOrEqual(
              before.robustness_to_priorities ?? 0,
            );
          }
          // ... nor does its share of the weighted difference (displayed weights are rounded to 3 decimals) ...
          expect(scoreShares(after.criteria)[higher]).toBeGreaterThanOrEqual(
            scoreShares(before.criteria)[higher] - 0.002,
          );
          // ... its weight share never drops, and the verdict never moves away from it.
          expect(after.criteria.find((r) => r.id === criterion)?.weight ?? 0).toBeGreaterThanOrEqual(
            row.weight,
          );
          if (before.verdict === higher) expect(after.verdict).toBe(higher);
        },
      ),
      { seed: 11, numRuns: 60 },
    );
  });

  it('does not change component assignments when components are reordered', () => {
    const input = profileOf(mesh);
    const base = decide(input, kb, { samples: 1000 });
    const assignments = Object.fromEntries(base.components.map((c) => [c.name, c.language]));
    fc.assert(
      fc.property(fc.shuffledSubarray(input.components ?? [], { minLength: 3, maxLength: 3 }), (order) => {
        const d = decide({ ...input, components: order }, kb, { samples: 1000 });
        expect(Object.fromEntries(d.components.map((c) => [c.name, c.language]))).toEqual(assignments);
        expect(d.verdict).toBe(base.verdict);
        expect(d.probabilities).toEqual(base.probabilities);
      }),
      { seed: 3, numRuns: 12 },
    );
  });
});

describe('decide: lab evidence', () => {
  it('replaces priors with measured ratings and boundary costs', () => {
    const d = decide(profileOf(mesh), kb, {
      lab: {
        run_id: 'run-1',
        environment: 'test box',
        gc_cache: {
          'gogc-100': {
            p50_ms: 1,
            p99_ms: 8,
            p999_ms: 20,
            max_ms: 40,
            achieved_rps: 1000,
            rss_peak_mib: 800,
          },
          rust: { p50_ms: 1, p99_ms: 2, p999_ms: 2.5, max_ms: 5, achieved_rps: 1000, rss_peak_mib: 400 },
        },
        boundary: { ffi_empty_ns: 25, grpc_p50_us: 80, grpc_p99_us: 120, http_p50_us: 90, http_p99_us: 150 },
      },
    });
    const latency = d.criteria.find((r) => r.id === 'latency_predictability');
    expect(latency?.measured).toContain(
      'measured on this machine: gc-cache p99.9 Go (best GC setting, gogc-100) 20.0 ms vs Rust 2.50 ms',
    );
    // 8x at p99.9 -> gap capped at 6 points around the prior midpoint 7.5.
    expect([latency?.go, latency?.rust]).toEqual([4.5, 10]);
    expect(d.boundaries[0]).toMatchObject({ per_call_us: 80, measured: true, mechanism: 'grpc' });
    expect(d.lab_run).toBe('run-1');
    // The track record was measured with the priors, so a decision on measured ratings does not quote it.
    expect(d.track_record).toBeUndefined();
    const prior = decide(profileOf(mesh), kb);
    expect(prior.track_record).toEqual(trackRecordFor(prior.confidence));
    expect(prior.track_record?.from).toBeLessThanOrEqual(prior.confidence);
  });

  it('names no lab run when its figures replaced no prior (a quick run), and keeps the track record', () => {
    const quick = decide(profileOf(mesh), kb, {
      lab: {
        run_id: 'run-quick',
        environment: 'test box',
        excluded: [{ figure: 'http-json', reason: 'quick run: indicative only; the prior is kept' }],
        not_significant: [
          { criteria: ['runtime_performance'], text: 'http-json quick run: the prior is kept' },
        ],
      },
    });
    expect(quick.lab_run).toBeUndefined();
    expect(quick.criteria.some((row) => row.lab?.use === 'replaced')).toBe(false);
    expect(quick.track_record).toEqual(trackRecordFor(quick.confidence));
    // The report itself says the run was consulted and why it changed nothing.
    expect(quick.caveats).toContain(
      "Lab run run-quick replaced no prior, so the knowledge base's priors decide: http-json: quick run: indicative only; the prior is kept.",
    );
    expect(decide(profileOf(mesh), kb).caveats.join(' ')).not.toContain('replaced no prior');
  });
});
