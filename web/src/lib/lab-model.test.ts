/** @module Tests of the Lab view model: repeats and invalid steps, percentile lines, GC timelines. */
import { describe, expect, it } from 'vitest';
import {
  gcTimelines,
  type LabStep,
  medianOf,
  percentileSeriesAll,
  percentileSeriesAt,
  rateSteps,
} from './lab-model.ts';

let nextId = 1;
function step(partial: Partial<LabStep> & Pick<LabStep, 'lang' | 'kind'>): LabStep {
  const id = nextId++;
  return {
    id,
    seq: id,
    run_id: 'r',
    started_at: '2026-01-01T00:00:00.000Z',
    duration_ms: 3000,
    has_histogram: false,
    workload: 'http-json',
    variant: '',
    rate_rps: null,
    repeat: 0,
    valid: true,
    reasons: [],
    metrics: {},
    ...partial,
  };
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

  it('merges repeats with medians over valid repeats only, and keeps the reasons of invalid ones', () => {
    const [go, rust] = rateSteps(steps);
    expect(go?.valid).toBe(true);
    expect(go?.repeats).toBe(3);
    expect(go?.figures.p99_ms).toBe(7);
    expect(go?.reasons).toEqual(['worker cap hit']);
    expect(rust?.valid).toBe(false);
    expect(rust?.reasons).toEqual(['load generator saturated']);
  });

  it('draws one line per language on the percentile axis and names invalid lines as invalid', () => {
    const series = percentileSeriesAt(rateSteps(steps), 'http-json', 1000);
    expect(series.map((s) => s.name)).toEqual(['Go', 'Rust (invalid)']);
    expect(series[0]?.points.map((pt) => pt.p)).toEqual([0.5, 0.9, 0.99, 0.999]);
    expect(series[0]?.language).toBe('go');
  });

  it('can draw every rate step at once, each line named by its rate', () => {
    const more = [...steps, step({ lang: 'go', kind: 'rate', rate_rps: 2000, metrics: latency(2, 8) })];
    expect(percentileSeriesAll(rateSteps(more), 'http-json').map((s) => s.name)).toEqual([
      'Go @ 1000/s',
      'Rust (invalid) @ 1000/s',
      'Go @ 2000/s',
    ]);
  });
});

describe('gcTimelines', () => {
  it('takes the per-second timeline and per-cycle GC data, and says when only counts were kept', () => {
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
      detail: { timeline: [], gc_cycles: 3 },
    });
    const timelines = gcTimelines([withCycles, countOnly]);
    expect(timelines).toHaveLength(1);
    expect(timelines[0]?.cycles).toEqual([{ at_s: 0.5, stw_sweep_ms: 0.1, stw_mark_ms: 0.2 }]);
  });
});

describe('medianOf', () => {
  it('medianOf ignores missing values', () => {
    expect(medianOf([null, 4, 1, null])).toBe(2.5);
    expect(medianOf([null])).toBeNull();
  });
});
