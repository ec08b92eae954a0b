/** @module Test fixture builders for Decision objects, so the renderers can be tested without the engine or the knowledge base (changesets' FakeFullState in spirit). The figures are test data, never shown to users. */
import type { Decision } from '../decision/schema.ts';

/**
 * A single-language decision (Go wins) with every section filled; override any part.
 * @example
 * const decision = buildDecision({ verdict: 'rust', close_call: true });
 */
export function buildDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    verdict: 'go',
    confidence: 0.93,
    close_call: false,
    scores: { go: 7.1, rust: 6.2 },
    probabilities: { go: 0.93, rust: 0.07, hybrid: 0 },
    gates: [],
    criteria: [
      {
        id: 'development_speed',
        weight: 0.3,
        go: 9,
        rust: 6,
        contribution: 0.9,
        why: 'Go compiles fast and its small language gets a team productive in weeks.',
        evidence: ['google-go-productivity'],
        rationale: 'Go compiles fast and its small language gets a team productive in weeks.',
        weight_reasons: [
          {
            rule: 'tight-deadline',
            factor: 1.6,
            strength: 0.68,
            reason: 'a first release within weeks makes speed of delivery dominant',
            facts: [{ path: 'delivery.deadline_weeks', value: 8 }],
            evidence: ['google-rust-onboarding', 'go-compile-speed'],
            policy: false,
          },
          {
            rule: 'small-team',
            factor: 1.15,
            strength: 0.77,
            reason: 'a small team not yet strong in Rust has no slack for a steep learning curve',
            facts: [
              { path: 'team.rust', value: 'some' },
              { path: 'team.size', value: 4 },
            ],
            evidence: [],
            policy: true,
          },
        ],
        experience: {
          go: 0.85,
          rust: 0,
          scale: 0.85,
          reason: "A team's fluency moves how fast it ships; the shift shrinks with turnover.",
        },
      },
      {
        id: 'latency_predictability',
        weight: 0.2,
        go: 6,
        rust: 9,
        contribution: -0.6,
        why: 'Go has garbage-collector pauses; Rust frees memory deterministically.',
        evidence: ['discord-read-states'],
        measured: 'measured on this machine: Go p99 4.1 ms vs Rust 3.2 ms at 5,000 req/s',
      },
      {
        id: 'onboarding',
        weight: 0.25,
        go: 8,
        rust: 5,
        contribution: 0.75,
        why: 'New engineers ship Go code in their first weeks.',
        evidence: [],
        rationale: 'New engineers ship Go code in their first weeks.',
        weight_reasons: [
          {
            rule: 'high-turnover',
            factor: 2,
            strength: 1,
            reason: 'frequent newcomers pay the learning curve again and again',
            facts: [{ path: 'team.turnover', value: 'high' }],
            evidence: [],
            policy: true,
          },
          {
            rule: 'priority',
            factor: 1,
            strength: 1,
            reason: 'your priority of 4 of 5 replaces the derived weight (3 is an average criterion)',
            facts: [{ path: 'priorities.onboarding', value: 4 }],
            evidence: [],
            policy: false,
          },
        ],
      },
      {
        id: 'deployment',
        weight: 0.25,
        go: 8,
        rust: 8,
        contribution: 0,
        why: 'Both build static binaries.',
        evidence: ['static-binaries'],
        rationale: 'Both build static binaries.',
        weight_reasons: [
          {
            rule: 'leaving-go-runtime',
            factor: 1.3,
            strength: 1,
            reason: 'a team leaving working Go code has run this workload on its runtime',
            facts: [{ path: 'existing_code.plan', value: 'rewrite' }],
            evidence: ['static-binaries'],
            policy: true,
          },
          {
            rule: 'cap-share',
            factor: 0.9,
            strength: 1,
            reason:
              'stacked rules are bounded, so several rules about the same fact cannot make one criterion decide alone',
            facts: [],
            evidence: [],
            policy: true,
          },
        ],
      },
    ],
    sensitivity: [
      { criterion: 'latency_predictability', flip_weight: 0.62 },
      { criterion: 'deployment', flip_weight: null },
    ],
    checklist: [
      {
        item: 'Is the team productive in Go already?',
        applies: true,
        favors: 'go',
        why: 'The team has strong Go experience.',
      },
      {
        item: 'Do you need predictable tail latency under 1 ms?',
        applies: false,
        favors: 'rust',
        why: 'The p99 target is 20 ms.',
      },
    ],
    components: [],
    boundaries: [],
    similar_projects: [
      {
        name: 'Kubernetes',
        languages: ['go'],
        similarity: 0.81,
        source: 'https://github.com/kubernetes/kubernetes',
      },
    ],
    tips: ['Set GOMEMLIMIT to keep the GC from running often near the memory cap.'],
    caveats: ['Go GC pauses have been sub-millisecond since Go 1.8; the article overstates them.'],
    project: { name: 'Read states service', summary: 'Tracks what each user has read' },
    seed: 1,
    samples: 10000,
    weight_spread: 0.3,
    track_record: { from: 0.9, to: 1, right: 45, total: 50, cases: 80 },
    ...overrides,
  };
}

/**
 * A hybrid decision: a Rust data plane with a Go control plane, a gate and a chatty boundary.
 * @example
 * const decision = buildHybridDecision();
 */
export function buildHybridDecision(overrides: Partial<Decision> = {}): Decision {
  return buildDecision({
    verdict: 'hybrid',
    confidence: 0.64,
    close_call: true,
    scores: { go: 6.8, rust: 6.9 },
    probabilities: { go: 0.2, rust: 0.16, hybrid: 0.64 },
    gates: [
      {
        id: 'hard-realtime-hot-path',
        favors: 'rust',
        reason: 'The proxy has a 2 ms p99 target, below what a garbage-collected runtime reliably holds.',
        component: 'proxy',
      },
    ],
    components: [
      {
        name: 'proxy',
        language: 'rust',
        why: 'Latency-critical data plane with a 2 ms p99 target.',
        scores: { go: 6.1, rust: 7.9 },
      },
      {
        name: 'control',
        language: 'go',
        why: 'Control plane: development speed matters most.',
        scores: { go: 7.4, rust: 6.3 },
      },
    ],
    boundaries: [
      {
        from: 'proxy',
        to: 'control',
        mechanism: 'grpc',
        per_call_us: 100,
        why: 'Separate services talk over gRPC on loopback.',
        calls_per_request: 0.01,
        chatty: false,
        budget: 'none',
      },
    ],
    project: { name: 'Mesh <proxy> | edge' },
    ...overrides,
  });
}

/** A Rust verdict a WebAssembly-only gate decided, though Go scores higher (7.38 against 6.99). */
export function buildGatedDecision(): Decision {
  return buildDecision({
    verdict: 'rust',
    scores: { go: 7.38, rust: 6.99 },
    confidence: 1,
    probabilities: { go: 0, rust: 1, hybrid: 0 },
    gates: [
      { id: 'gate-wasm-only-target', favors: 'rust', reason: 'The deliverable is a WebAssembly module.' },
    ],
  });
}
