/** @module The hybrid plan's caveats with the real knowledge base: a cycle of calls, calls stated at 0 per request, and a cgo link into a component that states a memory budget of its own. */
import { describe, expect, it } from 'vitest';
import { profileOf } from '../../src/core/engine/kb-fixture.test-helpers.ts';
import { decide } from '../../src/core/index.ts';
import { loadKnowledgeBase } from './load-fixtures.ts';

const kb = loadKnowledgeBase();

describe('the hybrid plan says what it cannot price', () => {
  it('names a cycle of calls, calls stated at 0 per request, and a cgo link into a component with its own memory budget', () => {
    const d = decide(
      profileOf({
        workload: { kind: 'io-bound', latency_slo: { p99_ms: 50 } },
        components: [
          {
            name: 'api',
            role: 'api',
            calls: [
              { to: 'engine', per_request: 300 },
              { to: 'audit', per_request: 0 },
            ],
          },
          {
            name: 'engine',
            role: 'hot-path',
            workload: 'cpu-bound',
            memory_budget_mib: 32,
            calls: [{ to: 'api', per_request: 0.5 }],
          },
          { name: 'audit', role: 'worker' },
        ],
      }),
      kb,
    );
    const caveats = d.caveats.join('\n');
    // Until 2026-12-07 none of the three was said.
    expect(caveats).toContain('The calls form a cycle ("api" -> "engine" -> "api")');
    expect(caveats).toContain(
      '"api" -> "audit" is stated at 0 calls per request: never made, so the plan draws no boundary there.',
    );
    expect(d.boundaries.some((b) => b.to === 'audit')).toBe(false);
    expect(d.boundaries.find((b) => b.from === 'api' && b.to === 'engine')?.mechanism).toBe('ffi');
    expect(caveats).toContain(
      'The plan links "engine" into the process of "api" through cgo, but "engine" states a memory budget of its own (32 MiB)',
    );
  });

  it('names figures no real system has, as a unit probably typed wrong, and decides with them as written', () => {
    const d = decide(
      profileOf({
        workload: { kind: 'io-bound', peak_rps: 1e15, live_heap_gib: 1e12, latency_slo: { p99_ms: 1e-300 } },
        team: { size: 1_000_000_000, go: 'strong', rust: 'none' },
      }),
      kb,
    );
    const caveat = d.caveats.find((c) => c.includes('probably a unit typed wrong')) ?? '';
    expect(caveat).toContain('workload.latency_slo.p99_ms 1e-300 (a p99 SLO under a microsecond)');
    expect(caveat).toContain('workload.live_heap_gib 1,000,000,000,000 (a live heap over 100 TiB)');
    expect(caveat).toContain('team.size 1,000,000,000 (a team of over 100,000 people)');
    // A p99 of 1e-300 ms was printed "0 ms" until 2026-12-07.
    expect(d.gates.map((g) => g.reason).join(' ')).not.toMatch(/\b0 ms\b/);
    const sane = decide(profileOf({ workload: { kind: 'io-bound', latency_slo: { p99_ms: 0.5 } } }), kb);
    expect(sane.caveats.join(' ')).not.toContain('probably a unit typed wrong');
  });
});
