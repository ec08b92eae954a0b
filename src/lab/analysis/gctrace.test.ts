/** @module Tests of the gctrace parser on real captured Go 1.26 lines (src/lab/fixtures) and on the older format without stacks/globals. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignGcCycles, parseGctrace, stwPauseMs, summarizeGc } from './gctrace.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseGctrace on real Go 1.26 output', () => {
  const text = fixture('gctrace-go1.26-gogc100.txt');
  const cycles = parseGctrace(text);

  it('parses every gc line and skips the program output', () => {
    const gcLines = text.split('\n').filter((l) => l.startsWith('gc '));
    expect(cycles).toHaveLength(gcLines.length);
    expect(cycles).toHaveLength(32);
    expect(cycles.map((c) => c.n)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('reads each field of a line', () => {
    // gc 32 @1.454s 0%: 0.065+1.0+0.27 ms clock, 0.13+0/0.34/0.53+0.55 ms cpu, 62->62->62 MB, 125 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)
    expect(cycles.at(-1)).toEqual({
      n: 32,
      at_s: 1.454,
      cpu_pct: 0,
      stw_sweep_ms: 0.065,
      concurrent_ms: 1.0,
      stw_mark_ms: 0.27,
      heap_start_mb: 62,
      heap_end_mb: 62,
      heap_live_mb: 62,
      goal_mb: 125,
      stacks_mb: 0,
      globals_mb: 0,
      procs: 2,
      forced: true,
    });
    expect(stwPauseMs(cycles.at(-1) ?? (cycles[0] as never))).toBeCloseTo(0.335, 9);
  });

  it('marks forced cycles and keeps times increasing', () => {
    expect(cycles.filter((c) => c.forced)).toHaveLength(8);
    expect(cycles[1]?.forced).toBe(false);
    for (let i = 1; i < cycles.length; i++) {
      expect(cycles[i]?.at_s ?? 0).toBeGreaterThanOrEqual(cycles[i - 1]?.at_s ?? 0);
    }
  });

  it('parses the GOGC=off GOMEMLIMIT=64MiB capture (one P, many cycles near the limit)', () => {
    const limited = parseGctrace(fixture('gctrace-go1.26-memlimit.txt'));
    expect(limited).toHaveLength(410);
    expect(limited.every((c) => c.procs === 1)).toBe(true);
    // GOMEMLIMIT is soft: the goal hovers around the limit instead of doubling the live heap.
    expect(Math.max(...limited.map((c) => c.goal_mb))).toBeLessThan(80);
  });

  it('summarizes pauses of real cycles in the sub-millisecond class', () => {
    const summary = summarizeGc(cycles);
    expect(summary.cycles).toBe(32);
    expect(summary.forced).toBe(8);
    expect(summary.pause_max_ms).toBeGreaterThan(0);
    expect(summary.pause_max_ms).toBeLessThan(5);
    expect(summary.pause_total_ms).toBeGreaterThanOrEqual(summary.pause_max_ms);
  });
});

describe('parseGctrace on other forms', () => {
  it('accepts the pre-1.18 form without stacks and globals', () => {
    // Constructed from the format documented in runtime/extern.go before Go 1.18.
    const [cycle] = parseGctrace(
      'gc 7 @12.5s 3%: 0.020+1.5+0.030 ms clock, 0.08+0.2/1.1/2.0+0.12 ms cpu, 9->10->5 MB, 10 MB goal, 4 P',
    );
    expect(cycle).toMatchObject({
      n: 7,
      at_s: 12.5,
      cpu_pct: 3,
      heap_live_mb: 5,
      goal_mb: 10,
      procs: 4,
      forced: false,
    });
    expect(cycle?.stacks_mb).toBeUndefined();
  });

  it('accepts the "#MB globals" spelling and CRLF, ignores garbage', () => {
    const text =
      'noise\r\ngc 1 @0.001s 1%: 0.1+0.2+0.3 ms clock, 0.1+0/0/0+0.3 ms cpu, 4->4->1 MB, 4 MB goal, 0 MB stacks, 0MB globals, 2 P\r\ngc x\n';
    const cycles = parseGctrace(text);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.globals_mb).toBe(0);
  });
});

describe('alignGcCycles', () => {
  it('rebases server-relative times onto the step and keeps only cycles inside it', () => {
    const cycles = parseGctrace(fixture('gctrace-go1.26-gogc100.txt'));
    // Server started at t=1000 ms epoch; the step's schedule began 1.0 s later and lasted 0.3 s.
    const aligned = alignGcCycles(cycles, 1000, 2000, 0.3);
    expect(aligned.length).toBeGreaterThan(0);
    for (const c of aligned) {
      expect(c.at_s).toBeGreaterThanOrEqual(0);
      expect(c.at_s).toBeLessThanOrEqual(0.3);
    }
    const original = cycles.find((c) => c.n === aligned[0]?.n);
    expect(original?.at_s).toBeCloseTo((aligned[0]?.at_s ?? 0) + 1, 6);
  });
});
