/** @module Content tests of the shipped knowledge base (kb/*.yaml): it validates, covers every line of the article, and every fact carries a source, year and confidence. */
import { describe, expect, it } from 'vitest';
import { CRITERION_IDS } from '../core/index.ts';
import { readKnowledgeBase } from './kb-files.ts';

const kb = readKnowledgeBase();

/** How many records of each article section the claims must hold (article lines, counted by hand). */
const SECTION_COUNTS = {
  summary: 2,
  'key-difference': 6,
  'go-pro': 6,
  'go-con': 4,
  'rust-pro': 6,
  'rust-con': 4,
  'use-go': 4, // three "use Go when" lines + the examples line
  'use-rust': 4, // three "use Rust when" lines + the examples line
  checklist: 6,
  hybrid: 1,
  interface: 3,
  tip: 4,
  conclusion: 4,
} as const;

/** Distinctive phrases of the article, one or more per line, that must appear in some claim's text. */
const ARTICLE_PHRASES = [
  'battle-tested for cloud-native services',
  'zero-cost, and high-performance',
  'Go uses garbage collection (GC)',
  'goroutines and channels (ergonomic)',
  'a race detector',
  'steeper learning curve',
  'performance-critical libraries',
  'often needs toolchain setup',
  'Fast compile times and short feedback loop',
  'lower barrier for teams',
  '(net/http)',
  'Single-binary deployment and easy cross-compilation',
  'many mature production libraries',
  'less ideal for hard real-time',
  'nulls, slices bounds still runtime',
  'Generic support matured relatively recently',
  'Lower control over memory layout',
  'Memory safety without GC (ownership model)',
  'zero-cost abstractions rival C++',
  'Compile-time checks prevent many runtime bugs',
  'concurrency without data races',
  'Strong tooling (Cargo)',
  'WebAssembly (WASM), embedded, and high-assurance systems',
  'Steep learning curve (ownership, lifetimes)',
  'Longer compilation times for large projects',
  'slower prototyping speed',
  'Cross-compilation and packaging can be more involved',
  'fast development and iteration on backend services',
  'networked microservices, APIs, or platform tooling',
  'quick onboarding',
  'Kubernetes (control plane), Docker, Prometheus, Terraform',
  'highest performance and predictable latency',
  'real-time systems, game engines',
  'OS components, cryptography',
  'TiKV',
  'ripgrep',
  'parts of Firefox',
  'Speed of development & maintainability: Go',
  'Maximum runtime performance & memory control: Rust',
  'I/O-bound concurrency services: Go',
  'CPU-bound, safety-critical code: Rust',
  'Go wins for small or mixed teams',
  'Rust better for native, WASM; Go easier for cloud-native tooling',
  'Go for orchestration, APIs, and control planes',
  'FFI, gRPC, or microservice boundaries',
  'prototype in Go; reimplement hot parts in Rust',
  'GC jitter and unpredictability break SLAs',
  'Rust pays off long-term for critical systems',
  'microbenchmarks can be misleading',
  'the right choice depends on your priorities',
  'productivity, simple concurrency, and cloud-native services',
  'safety, deterministic performance, and low-level control',
  'split responsibilities',
];

/** Evidence ids the engine's parameters and gates reference by name. */
const ENGINE_EVIDENCE_IDS = [
  'go-gc-guide',
  'go-gc-pause-sub-ms',
  'discord-read-states-2020',
  'cgo-call-overhead',
  'grpc-loopback-unary',
  'go-runtime-memory-floor',
  'go-wasm-binary-size',
  'rust-no-std-embedded',
  'memory-safety-share-cpp',
  'android-memory-safety',
  'go-compile-speed',
  'rust-compile-times',
  'go-cross-compile',
  'rust-cross-compile',
];

const NAMED_PROJECTS = [
  'kubernetes',
  'docker',
  'prometheus',
  'terraform',
  'etcd',
  'cockroachdb',
  'tikv',
  'tidb',
  'ripgrep',
  'firefox-stylo',
  'firecracker',
  'discord-read-states',
  'linkerd',
  'pingora',
  'dropbox-sync-engine',
  'fly-io',
  'datadog-agent',
  'geth',
  'reth',
  'grafana',
];

describe('the shipped knowledge base', () => {
  it('has all twelve criteria, in contract order, each backed by evidence about that criterion', () => {
    expect(kb.criteria.map((c) => c.id)).toEqual([...CRITERION_IDS]);
    for (const criterion of kb.criteria) {
      const about = kb.evidence.filter(
        (e) => criterion.evidence.includes(e.id) && e.criteria.includes(criterion.id),
      );
      expect(about.length, criterion.id).toBeGreaterThan(0);
    }
  });

  it('holds every line of the article, section by section', () => {
    const counts: Record<string, number> = {};
    for (const claim of kb.claims) counts[claim.section] = (counts[claim.section] ?? 0) + 1;
    expect(counts).toEqual(SECTION_COUNTS);
    const texts = kb.claims.map((c) => c.text).join('\n');
    expect(ARTICLE_PHRASES.filter((phrase) => !texts.includes(phrase))).toEqual([]);
    expect(
      kb.claims
        .filter((c) => c.section === 'interface')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['interface-ffi', 'interface-grpc', 'interface-service']);
  });

  it('assesses every claim: evidence unless untested, a note whenever the verdict is not plain support', () => {
    for (const claim of kb.claims) {
      if (claim.assessment !== 'untested') expect(claim.evidence.length, claim.id).toBeGreaterThan(0);
      if (claim.assessment !== 'supported') expect(claim.note, claim.id).toBeTruthy();
    }
  });

  it('has at least 30 sourced evidence records, including every id the engine uses', () => {
    expect(kb.evidence.length).toBeGreaterThanOrEqual(30);
    for (const e of kb.evidence) {
      expect(e.source, e.id).toMatch(/^https:\/\//);
      expect(e.year, e.id).toBeGreaterThanOrEqual(2010);
      expect(['high', 'medium', 'low'], e.id).toContain(e.confidence);
      expect(e.compared_against.length, e.id).toBeGreaterThan(0);
    }
    const byId = new Map(kb.evidence.map((e) => [e.id, e]));
    for (const id of ENGINE_EVIDENCE_IDS) expect(byId.get(id)?.numbers, id).toBeTruthy();
  });

  it('keeps the baseline of the memory-safety statistics explicit (C/C++, not Go)', () => {
    const byId = new Map(kb.evidence.map((e) => [e.id, e]));
    for (const id of [
      'memory-safety-share-cpp',
      'android-memory-safety',
      'pingora-2022',
      'linkerd-vs-istio-2021',
    ]) {
      expect(byId.get(id)?.compared_against, id).toMatch(/C\+\+|\(C\)|NGINX/);
    }
  });

  it('describes at least 20 real projects, including the named ones and several Go+Rust hybrids', () => {
    expect(kb.projects.length).toBeGreaterThanOrEqual(20);
    const ids = kb.projects.map((p) => p.id);
    expect(NAMED_PROJECTS.filter((id) => !ids.includes(id))).toEqual([]);
    const hybrids = kb.projects.filter((p) => p.languages.includes('go') && p.languages.includes('rust'));
    expect(hybrids.map((p) => p.id)).toEqual(
      expect.arrayContaining(['tidb', 'linkerd', 'fly-io', 'datadog-agent']),
    );
    for (const p of kb.projects) expect(p.source, p.id).toMatch(/^https:\/\//);
  });

  it('has the four caveats where evidence corrects the article', () => {
    const byId = new Map(kb.caveats.map((c) => [c.id, c]));
    expect(byId.get('memory-safety-stats-vs-cpp')?.text).toMatch(/C\/C\+\+, not with Go/);
    expect(byId.get('memory-safety-stats-vs-cpp')?.corrects).toContain('rust-pro-memory-safety');
    expect(byId.get('rust-bounds-checked-at-runtime')?.text).toMatch(
      /Rust checks slice and vector bounds at run time/,
    );
    expect(byId.get('rust-bounds-checked-at-runtime')?.corrects).toContain('go-con-weaker-safety');
    expect(byId.get('gc-latency-depends-on-heap')?.text).toMatch(
      /shape of the live heap[\s\S]*GOGC, GOMEMLIMIT/,
    );
    expect(byId.get('gc-latency-depends-on-heap')?.corrects).toContain('go-con-gc');
    expect(byId.get('rewrite-wins-baselines')?.text).toMatch(/C or C\+\+[\s\S]*TypeScript/);
  });

  it('turns the checklist into rules covering all six article lines', () => {
    const claimIds = new Set(kb.checklist.map((item) => item.claim));
    const articleLines = kb.claims.filter((c) => c.section === 'checklist').map((c) => c.id);
    expect([...claimIds].sort()).toEqual(articleLines.sort());
  });

  it('links the four article tips and prices the three boundaries from cheapest to dearest', () => {
    const tipClaims = kb.tips.flatMap((t) => (t.claim ? [t.claim] : []));
    expect(tipClaims.sort()).toEqual(
      kb.claims
        .filter((c) => c.section === 'tip')
        .map((c) => c.id)
        .sort(),
    );
    const cost = Object.fromEntries(kb.boundaries.map((b) => [b.mechanism, b.per_call_us]));
    expect(cost.ffi).toBeLessThan(1);
    expect(cost.grpc).toBeGreaterThan(50);
    expect(cost.service).toBeGreaterThanOrEqual(cost.grpc ?? Number.POSITIVE_INFINITY);
  });
});
