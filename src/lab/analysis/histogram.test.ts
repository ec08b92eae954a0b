/** @module Tests of the latency histogram: known percentiles, merging equals recording together, encode/decode round trip. */
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './histogram.ts';

function filled(valuesMs: number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of valuesMs) h.recordMs(v);
  return h;
}

describe('LatencyHistogram', () => {
  it('reports known percentiles of 1..1000 ms within 0.1% (3 significant digits)', () => {
    const h = filled(Array.from({ length: 1000 }, (_, i) => i + 1));
    const p = h.percentiles();
    expect(p.count).toBe(1000);
    expect(p.p50_ms).toBeCloseTo(500, -0.3);
    expect(Math.abs(p.p50_ms - 500) / 500).toBeLessThan(0.001);
    expect(Math.abs(p.p90_ms - 900) / 900).toBeLessThan(0.001);
    expect(Math.abs(p.p99_ms - 990) / 990).toBeLessThan(0.001);
    expect(Math.abs(p.p999_ms - 999) / 999).toBeLessThan(0.001);
    expect(Math.abs(p.max_ms - 1000) / 1000).toBeLessThan(0.001);
  });

  it('keeps microsecond resolution below 2 ms', () => {
    const h = filled([0.05, 0.051, 0.052]);
    expect(h.percentiles().max_ms).toBe(0.052);
    expect(h.valueAtPercentileMs(0)).toBe(0.05);
  });

  it('shows one slow request in p99.9 and max but not in p50', () => {
    const h = filled([...Array.from({ length: 999 }, () => 1), 1000]);
    const p = h.percentiles();
    expect(p.p50_ms).toBe(1);
    expect(p.p99_ms).toBe(1);
    expect(Math.abs(p.max_ms - 1000) / 1000).toBeLessThan(0.001);
  });

  it('merging equals recording everything in one histogram', () => {
    const a = Array.from({ length: 500 }, (_, i) => 0.1 + i * 0.01);
    const b = Array.from({ length: 300 }, (_, i) => 50 + i);
    const merged = filled(a).merge(filled(b));
    expect(merged.percentiles()).toEqual(filled([...a, ...b]).percentiles());
    expect(merged.count).toBe(800);
    expect(LatencyHistogram.mergeAll([filled(a), filled(b)]).percentiles()).toEqual(merged.percentiles());
  });

  it('round-trips through encode/decode and still merges', () => {
    const h = filled([0.2, 0.3, 5, 70, 1200, 30_000]);
    const copy = LatencyHistogram.decode(h.encode());
    expect(copy.percentiles()).toEqual(h.percentiles());
    copy.merge(filled([90_000]));
    expect(copy.count).toBe(7);
    expect(Math.abs(copy.percentiles().max_ms - 90_000) / 90_000).toBeLessThan(0.001);
  });

  it('accepts values beyond an hour (auto-resize) and rejects negative values', () => {
    const h = filled([7_200_000]);
    expect(Math.abs(h.percentiles().max_ms - 7_200_000) / 7_200_000).toBeLessThan(0.001);
    expect(() => h.recordMs(-1)).toThrow(RangeError);
    expect(() => h.recordMs(Number.NaN)).toThrow(RangeError);
  });

  it('reports zeros when empty', () => {
    expect(new LatencyHistogram().percentiles()).toEqual({
      p50_ms: 0,
      p90_ms: 0,
      p99_ms: 0,
      p999_ms: 0,
      max_ms: 0,
      count: 0,
    });
  });
});
