/** @module Tests of the Lab view model on the server's own summary of a stored run: rate-step rows and percentile lines (repeats and invalid steps as the server merged them), GC timelines. */
import { describe, expect, it } from 'vitest';
import { summarizeRun } from '../../../src/lab/analysis/summary.ts';
import type { NewStep, StoredRun, StoredStep } from '../../../src/store/lab-runs.ts';
import { gcTimelines, percentileSeriesAll, percentileSeriesAt, rateSteps } from './lab-model.ts';

let nextId = 1;
function step(partial: Partial<NewStep> & Pick<NewStep, 'lang' | 'kind'>): StoredStep {
  const id = nextId++;
  return {
    workload: 'http-json',
    variant: '',
    repeat: 0,
    valid: true,
    reasons: [],
    metrics: {},
    started_at: '2026-01-01T00:00:00.000Z',
    duration_ms: 3000,
    ...partial,
    id,
    seq: id,
    run_id: 'r',
    rate_rps: partial.rate_rps ?? null,
    histogram: null,
  };
}

/** What the API's `summary` holds for these steps: the server's summary, as GET /api/lab/runs/:id returns it. */
function summaryOf(steps: StoredStep[]) {
  const run: StoredRun = {
    id: 'r',
    started_at: '2026-01-01T00:00:00.000Z',
    finished_at: null,
    status: 'completed',
    mode: 'standard',
    workloads: [...new Set(steps.map((s) => s.workload))],
    environment: { plan: { sloP99Ms: 50, seed: 1 } },
    pid: null,
    note: null,
    steps,
  };
  return summarizeRun(run).workloads;
}

const latency = (p50: number, p99: number) => ({
  p50_ms: p50,
  p90_ms: p50 * 2,
  p99_ms: p99,
  p999_ms: p99 * 2,
  max_ms: p99 * 3,
});

describe('rateSteps and percentileSeriesAt', () => {
  const steps = [
    step({ lang: 'go', kind: 'rate', rate_rps: 1000, repeat: 0, metrics: latency(1, 5) }),
    step({ lang: 'go', kind: 'rate', rate_rps: 1000, repeat: 1, metrics: latency(3, 9) }),
    step({
      lang: 'go',
      kind: 'rate',
      rate_rps: 1000,
      repeat: 2,
      valid: false,
      reasons: ['worker cap hit'],
      metrics: latency(50, 900),
    }),
    step({
      lang: 'rust',
      kind: 'rate',
      rate_rps: 1000,
      valid: false,
      reasons: ['load generator saturated'],
      metrics: latency(2, 4),
    }),
    step({ lang: 'go', kind: 'capacity', metrics: { capacity_rps: 5000 } }),
  ];

  it("shows the server's rows: medians over valid repeats only, with the reasons of invalid ones", () => {
    const [go, rust] = rateSteps(summaryOf(steps));
    expect(go).toMatchObject({ workload: 'http-json', label: 'Go', valid: true, repeats: 3, p99_ms: 7 });
    expect(go?.reasons).toEqual(['worker cap hit']);
    expect(rust).toMatchObject({ label: 'Rust', valid: false });
    expect(rust?.reasons).toEqual(['load generator saturated']);
  });

  it('draws one line per language on the percentile axis and names invalid lines as invalid', () => {
    const series = percentileSeriesAt(rateSteps(summaryOf(steps)), 'http-json', 1000);
    expect(series.map((s) => s.name)).toEqual(['Go', 'Rust (invalid)']);
    expect(series[0]?.points).toEqual([
      { p: 0.5, ms: 2 },
      { p: 0.9, ms: 4 },
      { p: 0.99, ms: 7 },
      { p: 0.999, ms: 14 },
    ]);
    expect(series[0]?.language).toBe('go');
  });

  it('can draw every rate step at once, each line named by its rate', () => {
    const more = [...steps, step({ lang: 'go', kind: 'rate', rate_rps: 2000, metrics: latency(2, 8) })];
    expect(percentileSeriesAll(rateSteps(summaryOf(more)), 'http-json').map((s) => s.name)).toEqual([
      'Go @ 1000/s',
      'Rust (invalid) @ 1000/s',
      'Go @ 2000/s',
    ]);
  });

  it('names gc-cache lines by their GC setting, and colours them apart', () => {
    const gc = ['gogc-100', 'rust'].map((variant) =>
      step({
        workload: 'gc-cache',
        lang: variant === 'rust' ? 'rust' : 'go',
        variant,
        kind: 'rate',
        rate_rps: 500,
        metrics: latency(1, 2),
      }),
    );
    const rows = rateSteps(summaryOf(gc));
    expect(rows.map((s) => s.label)).toEqual(['gogc-100', 'Rust']);
    // Go's GC settings are several lines at once: told apart by hue, not all in Go's colour; Rust keeps its own.
    expect(percentileSeriesAt(rows, 'gc-cache', 500).map((s) => s.language)).toEqual([undefined, 'rust']);
  });
});

describe('gcTimelines', () => {
  it("takes the server's timelines and GC cycles, and says when only counts were kept", () => {
    const withCycles = step({
      lang: 'go',
      kind: 'rate',
      rate_rps: 500,
      detail: {
        timeline: [{ t_s: 0, p99_ms: 1, max_ms: 2 }],
        gc_cycles: [{ at_s: 0.5, stw_sweep_ms: 0.1, stw_mark_ms: 0.2 }],
      },
    });
    const countOnly = step({
      lang: 'go',
      kind: 'rate',
      rate_rps: 500,
      repeat: 1,
      detail: { timeline: [{ t_s: 0, p99_ms: 1, max_ms: 2 }], gc_cycles: 3 },
    });
    const noTimeline = step({ lang: 'go', kind: 'rate', rate_rps: 500, repeat: 2, detail: { timeline: [] } });
    const timelines = gcTimelines(summaryOf([withCycles, countOnly, noTimeline]));
    expect(timelines.map((t) => t.label)).toEqual([
      'http-json · Go · 500 req/s · repeat 1',
      'http-json · Go · 500 req/s · repeat 2',
    ]);
    expect(timelines[0]?.cycles).toEqual([{ at_s: 0.5, stw_sweep_ms: 0.1, stw_mark_ms: 0.2 }]);
    expect(timelines.map((t) => t.hasCycles)).toEqual([true, false]);
  });
});
