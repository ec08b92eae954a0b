/** @module Fixture builders for engine unit tests: a small, valid knowledge base as typed data and profiles built through the real profile schema, so a test states only what it is about. */
import type { KnowledgeBase } from '../kb/schema.ts';
import { type Profile, type ProfileInput, profileSchema } from '../profile/schema.ts';
import { CRITERION_IDS, type CriterionId } from '../profile/vocabulary.ts';
import type { PressureModel } from './conditions.ts';
import { PARAMETER_NAMES, type ParameterName } from './parameters.ts';

/** The GC pressure model of the fixture's parameters. */
export const PRESSURE: PressureModel = { stwMs: 0.5, perGibMs: 1, impliedP99Ms: 20 };

const RATINGS: Record<CriterionId, [go: number, rust: number]> = {
  runtime_performance: [6.5, 9],
  latency_predictability: [6, 9],
  memory_efficiency: [6, 9],
  safety_guarantees: [6.5, 9],
  concurrency_model: [8.5, 7.5],
  development_speed: [8, 6.5],
  onboarding: [9, 5.5],
  build_speed: [9, 4],
  ecosystem_fit: [8, 7],
  deployment: [8.5, 7],
  platform_reach: [5.5, 9],
  interop: [5, 9],
};

const PARAMETERS: Record<ParameterName, number> = {
  gc_stw_pause_ms: 0.5,
  gc_tail_ms_per_live_gib: 1,
  go_runtime_floor_mib: 8,
  go_heap_overhead_factor: 2,
  go_wasm_min_module_mib: 2,
  boundary_budget_share: 0.1,
  chatty_calls_per_request: 100,
  lab_points_per_doubling: 2,
  lab_max_gap: 6,
  mc_weight_spread: 0.3,
  close_call_threshold: 0.7,
  similar_min: 0.3,
  similar_max_count: 3,
  latency_critical_p99_ms: 20,
  large_live_heap_gib: 2,
  team_small_max: 5,
  team_large_min: 30,
  rating_sd_high: 0.6,
  rating_sd_medium: 1,
  rating_sd_low: 1.5,
  rating_sd_measured_factor: 0.5,
  rating_spread_scale: 1,
  gc_tail_model_sd: 0.7,
  memory_floor_model_sd: 0.3,
};

/**
 * A small knowledge base with realistic ratings and a handful of weight rules.
 * @example
 * const kb = engineKnowledgeBase();
 */
export function engineKnowledgeBase(): KnowledgeBase {
  return {
    criteria: CRITERION_IDS.map((id) => ({
      id,
      name: id,
      meaning: `what ${id} means`,
      go: { rating: RATINGS[id][0], rationale: `go on ${id}` },
      rust: { rating: RATINGS[id][1], rationale: `rust on ${id}` },
      evidence: ['ev-1'],
    })),
    claims: [],
    evidence: [
      {
        id: 'ev-1',
        claim: 'a fact',
        organisation: 'org',
        year: 2024,
        source: 'https://example.org/fact',
        confidence: 'high',
        compared_against: 'nothing',
        stance: 'supports',
        criteria: ['latency_predictability'],
        claims: [],
      },
    ],
    projects: [
      {
        id: 'k8s',
        name: 'Kubernetes',
        languages: ['go'],
        summary: 'orchestration',
        traits: {
          workload: 'io-bound',
          domain: ['cloud-native'],
          targets: ['server', 'kubernetes'],
          roles: ['control-plane'],
          latency_critical: false,
          safety_critical: false,
          live_heap_large: false,
          team_size: 'large',
        },
        source: 'https://github.com/kubernetes/kubernetes',
        confidence: 'high',
        year: 2025,
      },
      {
        id: 'ripgrep',
        name: 'ripgrep',
        languages: ['rust'],
        summary: 'search CLI',
        traits: {
          workload: 'cpu-bound',
          domain: ['search', 'cli-tool'],
          targets: ['cli'],
          roles: ['cli'],
          latency_critical: false,
          safety_critical: false,
          live_heap_large: false,
          team_size: 'small',
        },
        source: 'https://github.com/BurntSushi/ripgrep',
        confidence: 'high',
        year: 2025,
      },
    ],
    caveats: [
      {
        id: 'gc-tunable',
        text: 'GC is often tunable.',
        corrects: [],
        evidence: ['ev-1'],
        when: { slo_p99_ms_max: 50 },
      },
    ],
    tips: [
      { id: 'prototype', text: 'Prototype in Go.', evidence: [], when: { deadline_weeks_max: 12 } },
      { id: 'always', text: 'Load-test before deciding.', evidence: [], when: {} },
    ],
    checklist: [
      {
        id: 'speed-of-development',
        claim: 'c1',
        item: 'Speed of development & maintainability: Go',
        favors: 'go',
        criteria: ['development_speed'],
        when: { any_of: [{ deadline_weeks_max: 12 }, { prototype_first: true }] },
        why_applies: 'the deadline is tight',
        why_not: 'no tight deadline',
      },
      {
        id: 'cpu-bound',
        claim: 'c2',
        item: 'CPU-bound, safety-critical code: Rust',
        favors: 'rust',
        criteria: ['runtime_performance'],
        when: { workload: ['cpu-bound'] },
        why_applies: 'the work is CPU-bound',
        why_not: 'the work is not CPU-bound',
      },
    ],
    weights: {
      base: Object.fromEntries(CRITERION_IDS.map((id) => [id, 1])) as Record<CriterionId, number>,
      interop_counterparts: [],
      rules: [
        {
          id: 'deadline',
          when: {},
          scale: [{ fact: 'deadline_weeks', full: 6, none: 24, linear: false, missing: 0 }],
          multiply: { development_speed: 3, onboarding: 1.5 },
          reason: 'tight deadline',
          evidence: ['ev-1'],
          policy: false,
          policy_for: [],
        },
        {
          id: 'cpu',
          when: { workload: ['cpu-bound'] },
          scale: [],
          multiply: { runtime_performance: 3 },
          reason: 'CPU-bound work',
          evidence: [],
          policy: true,
          policy_for: [],
        },
        {
          id: 'slo',
          when: {},
          scale: [{ fact: 'slo_pressure', full: 0.1, none: 0.01, linear: false, missing: 0 }],
          multiply: { latency_predictability: 3 },
          reason: 'tight SLO',
          evidence: ['ev-1'],
          policy: false,
          policy_for: [],
        },
        {
          id: 'control',
          when: { roles_any: ['control-plane', 'api'] },
          scale: [],
          multiply: { development_speed: 2, ecosystem_fit: 2, latency_predictability: 0.5 },
          reason: 'control plane',
          evidence: [],
          policy: true,
          policy_for: [],
        },
        {
          id: 'hot',
          when: { roles_any: ['data-plane', 'hot-path'] },
          scale: [],
          multiply: { runtime_performance: 2, latency_predictability: 2, memory_efficiency: 2 },
          reason: 'hot path',
          evidence: [],
          policy: true,
          policy_for: [],
        },
      ],
      experience: {
        criteria: ['development_speed', 'concurrency_model'],
        shift: { none: -2, some: 0, strong: 1 },
        reason: 'skills',
        share: {},
        turnover_factor: {},
        evidence: [],
        policy: true,
      },
    },
    boundaries: [
      { mechanism: 'ffi', per_call_us: 0.04, p99_us: 0.1, what: 'a cgo call', evidence: ['ev-1'] },
      { mechanism: 'grpc', per_call_us: 100, p99_us: 170, what: 'a loopback gRPC call', evidence: ['ev-1'] },
      { mechanism: 'service', per_call_us: 500, p99_us: 1000, what: 'a service hop', evidence: ['ev-1'] },
    ],
    parameters: Object.fromEntries(
      PARAMETER_NAMES.map((name) => [
        name,
        { value: PARAMETERS[name], unit: 'u', why: 'test', evidence: [] },
      ]),
    ),
  };
}

/**
 * A validated profile: a neutral mid-sized Go/Rust team on an I/O-bound service, with the given overrides.
 * @example
 * profileOf({ workload: { kind: 'cpu-bound' } });
 */
export function profileOf(overrides: Partial<ProfileInput> = {}): Profile {
  return profileSchema.parse({
    version: 1,
    project: { name: 'test project' },
    workload: { kind: 'io-bound' },
    team: { size: 8, go: 'some', rust: 'some' },
    ...overrides,
  });
}
