/** @module Tests of the anchor checks: in band, plausible, far outside (harness problem), one-sided bands, unknown metrics. */
import { describe, expect, it } from 'vitest';
import { ANCHORS, checkAnchors } from './anchors.ts';

describe('checkAnchors', () => {
  it('accepts a Go GC pause in the sub-millisecond class and flags one 100x above it', () => {
    expect(checkAnchors('gc_pause_max_ms', 0.3, 'go')).toMatchObject({ ok: true });
    expect(checkAnchors('gc_pause_max_ms', 0.3, 'go')?.note).toMatch(/at or below the published ceiling/);
    const far = checkAnchors('gc_pause_max_ms', 50, 'go');
    expect(far?.ok).toBe(false);
    expect(far?.note).toMatch(/probable harness problem/);
    expect(far?.note).toMatch(/Getting to Go/);
    // Tiny pauses are not suspicious: the band has no floor check.
    expect(checkAnchors('gc_pause_max_ms', 0.001, 'go')?.ok).toBe(true);
  });

  it("flags an HTTP/JSON p99 as it flags gRPC's, the two being of the same order on loopback", () => {
    expect(checkAnchors('http_p99_us', 150, 'go')?.ok).toBe(true);
    expect(checkAnchors('http_p99_us', 1755, 'go')?.ok).toBe(true);
    expect(checkAnchors('http_p99_us', 2599, 'go')?.ok).toBe(false);
    expect(checkAnchors('grpc_p99_us', 2599, 'go')?.ok).toBe(false);
  });

  it('picks the band of the language', () => {
    expect(checkAnchors('rss_peak_mib', 0.5, 'go')?.ok).toBe(false);
    expect(checkAnchors('rss_peak_mib', 0.5, 'rust')?.ok).toBe(true);
    expect(checkAnchors('rss_peak_mib', 250, 'go')?.ok).toBe(true);
    expect(checkAnchors('build_binary_mib', 8, 'go')?.note).toMatch(
      /outside the band but within 30x, plausible/,
    );
  });

  it('flags a p99 faster than a loopback round trip could be (a broken measurement)', () => {
    expect(checkAnchors('p99_ms', 0.005, 'go')?.ok).toBe(false);
    expect(checkAnchors('p99_ms', 12, 'rust')?.ok).toBe(true);
  });

  it('checks two-sided bands on both sides', () => {
    expect(checkAnchors('cpu_ratio', 1.8)?.note).toMatch(/within the band/);
    expect(checkAnchors('cpu_ratio', 0.15)?.ok).toBe(false);
    expect(checkAnchors('cpu_ratio', 40)?.ok).toBe(false);
    expect(checkAnchors('grpc_p50_us', 90)?.ok).toBe(true);
    expect(checkAnchors('grpc_p50_us', 4000)?.ok).toBe(false);
  });

  it('writes the measured value as every lab figure is written, and the band as its sources state it', () => {
    // The one number formatter: thousands grouped, the precision a measurement holds; a band's bounds as published.
    expect(checkAnchors('grpc_p99_us', 3710.4)?.note).toMatch(/^3,710 µs vs published 105-188 µs /);
    expect(checkAnchors('gc_pause_max_ms', 0.0456, 'go')?.note).toMatch(
      /^0\.046 ms vs published 0\.01-0\.5 ms /,
    );
  });

  it('returns null when no band is published for the metric', () => {
    expect(checkAnchors('ffi_1k_ns', 120)).toBeNull();
    expect(checkAnchors('gc_pause_max_ms', Number.NaN, 'go')).toBeNull();
  });

  it('keeps every anchor well-formed and sourced', () => {
    for (const a of ANCHORS) {
      expect(a.low).toBeLessThanOrEqual(a.high);
      expect(a.factor).toBeGreaterThan(1);
      expect(a.source).toMatch(/bench-anchors §/);
    }
  });
});
