/** @module Tests of the GC part of a Go latency step's detail: the aligned cycles the GC timeline draws, not just their count. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StoredRun } from '../../../store/lab-runs.ts';
import { alignGcCycles, parseGctrace } from '../../analysis/gctrace.ts';
import { labRunView } from '../../analysis/report.ts';
import { gcStepDetail } from './latency.ts';

const trace = readFileSync(
  new URL('../../analysis/fixtures/gctrace-go1.26-gogc100.txt', import.meta.url),
  'utf8',
);

function gcRun(detail: Record<string, unknown>): StoredRun {
  return {
    id: 'g',
    started_at: '2026-01-01T00:00:00.000Z',
    finished_at: null,
    status: 'completed',
    mode: 'quick',
    workloads: ['gc-cache'],
    environment: null,
    pid: null,
    note: null,
    steps: [
      {
        id: 1,
        run_id: 'g',
        seq: 1,
        workload: 'gc-cache',
        lang: 'go',
        variant: 'gogc-100',
        kind: 'rate',
        rate_rps: 500,
        repeat: 0,
        valid: true,
        reasons: [],
        metrics: { p99_ms: 2, gc_cycles: 3 },
        detail: { timeline: [{ t_s: 0, p99_ms: 2, max_ms: 3 }], ...detail },
        started_at: '2026-01-01T00:00:00.000Z',
        duration_ms: 3000,
        histogram: null,
      },
    ],
  };
}

describe('gcStepDetail', () => {
  it('keeps every cycle of the step with its offset in the step and its pause, plus the count', () => {
    // The server started 100 ms before the step; the step lasted 0.2 s: cycles at 0.124..0.278 s of the trace.
    const cycles = alignGcCycles(parseGctrace(trace), 1_000_000, 1_000_100, 0.2);
    const detail = gcStepDetail(cycles);
    expect(detail.gc_cycle_count).toBe(4);
    expect(detail.gc_cycles.map((c) => c.n)).toEqual([7, 8, 9, 10]);
    expect(detail.gc_cycles[0]).toMatchObject({
      at_s: 0.024,
      stw_sweep_ms: 0.12,
      stw_mark_ms: 0.039,
      pause_ms: 0.159,
    });
    // Stored as JSON and read back by the GC timeline of the HTML report (and the web UI, which reads the same fields).
    const stored = JSON.parse(JSON.stringify(detail)) as Record<string, unknown>;
    const view = labRunView(gcRun(stored));
    expect(view.gc_timelines?.[0]?.cycles).toEqual([
      { at_s: 0.024, stw_sweep_ms: 0.12, stw_mark_ms: 0.039 },
      { at_s: 0.119, stw_sweep_ms: 0.045, stw_mark_ms: 0.071 },
      { at_s: 0.12, stw_sweep_ms: 0.08, stw_mark_ms: 0.036 },
      { at_s: 0.178, stw_sweep_ms: 0.12, stw_mark_ms: 0.051 },
    ]);
  });

  it('draws latency alone for runs stored with only a cycle count', () => {
    const view = labRunView(gcRun({ gc_cycles: 3 }));
    expect(view.gc_timelines?.[0]?.cycles).toEqual([]);
    expect(view.gc_timelines?.[0]?.latency).toHaveLength(1);
  });
});
