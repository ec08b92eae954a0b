/** @module Tests of the ECharts option builders: the data each chart shows, its colours and its axes. */
import { describe, expect, it } from 'vitest';
import {
  contributionChartOption,
  gcTimelineOption,
  hybridPlanOption,
  LANGUAGE_COLORS,
  percentileChartOption,
  percentileLabel,
  percentileToX,
  radarChartOption,
  wrapLabel,
} from './charts.ts';
import { buildDecision, buildHybridDecision } from './decision-fixture.test-helpers.ts';

type AnyRecord = Record<string, unknown>;
const seriesOf = (option: AnyRecord) => option.series as AnyRecord[];

describe('contributionChartOption', () => {
  it('sorts criteria by the size of their contribution and colours them by the side they favour', () => {
    const option = contributionChartOption(buildDecision()) as AnyRecord;
    const yAxis = option.yAxis as { data: string[]; inverse: boolean };
    expect(yAxis.data).toEqual(['Development speed', 'Onboarding', 'Latency predictability', 'Deployment']);
    expect(yAxis.inverse).toBe(true);
    const bars = seriesOf(option)[0]?.data as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((b) => b.value)).toEqual([0.9, 0.75, -0.6, 0]);
    expect(bars[0]?.itemStyle.color).toBe(LANGUAGE_COLORS.go);
    expect(bars[2]?.itemStyle.color).toBe(LANGUAGE_COLORS.rust);
  });
});

describe('wrapLabel', () => {
  it('breaks long criterion names at spaces so the radar keeps them on the canvas', () => {
    expect(wrapLabel('Latency predictability')).toBe('Latency\npredictability');
    expect(wrapLabel('Memory safety guarantees')).toBe('Memory\nsafety\nguarantees');
    expect(wrapLabel('Build speed')).toBe('Build speed');
    expect(wrapLabel('Onboarding')).toBe('Onboarding');
  });
});

describe('radarChartOption', () => {
  it('has one indicator per criterion on a 0..10 scale and one line per language', () => {
    const option = radarChartOption(buildDecision()) as AnyRecord;
    const radar = option.radar as { indicator: { name: string; max: number }[] };
    expect(radar.indicator).toHaveLength(4);
    expect(radar.indicator.every((i) => i.max === 10)).toBe(true);
    const data = seriesOf(option)[0]?.data as { name: string; value: number[] }[];
    expect(data.map((d) => d.name)).toEqual(['Go', 'Rust']);
    expect(data[0]?.value).toEqual([9, 6, 8, 8]);
    expect(data[1]?.value).toEqual([6, 9, 5, 8]);
  });
});

describe('percentileChartOption', () => {
  it('maps percentiles to 1/(1-p) and labels the log axis as percentiles', () => {
    expect(percentileToX(0.5)).toBe(2);
    expect(percentileToX(0.99)).toBeCloseTo(100);
    expect(percentileLabel(2)).toBe('p50');
    expect(percentileLabel(10)).toBe('p90');
    expect(percentileLabel(1000)).toBe('p99.9');
    expect(percentileLabel(10000)).toBe('p99.99');
  });

  it('plots each series on a log x axis with ticks up to the deepest percentile, leaving out the max', () => {
    const option = percentileChartOption(
      [
        {
          name: 'Go',
          language: 'go',
          points: [
            { p: 0.5, ms: 1 },
            { p: 0.99, ms: 4 },
            { p: 0.999, ms: 9 },
            { p: 1, ms: 30 },
          ],
        },
        {
          name: 'Rust',
          language: 'rust',
          points: [
            { p: 0.5, ms: 0.8 },
            { p: 0.999, ms: 3 },
          ],
        },
      ],
      { sloMs: 20 },
    ) as AnyRecord;
    const xAxis = option.xAxis as { type: string; axisLabel: { customValues: number[] } };
    expect(xAxis.type).toBe('log');
    expect(xAxis.axisLabel.customValues).toEqual([2, 10, 100, 1000]);
    const series = seriesOf(option);
    expect(series[0]?.data).toHaveLength(3);
    expect((series[0]?.data as number[][] | undefined)?.[0]).toEqual([2, 1]);
    expect(series[0]?.markLine).toBeDefined();
    expect(series[1]?.markLine).toBeUndefined();
    expect(option.yAxis).toEqual({ type: 'value', name: 'latency (ms)' });
  });

  it('switches the y axis to log when latencies span more than 50x', () => {
    const option = percentileChartOption([
      {
        name: 'Go',
        points: [
          { p: 0.5, ms: 0.5 },
          { p: 0.9999, ms: 400 },
        ],
      },
    ]) as AnyRecord;
    expect((option.yAxis as { type: string }).type).toBe('log');
  });
});

describe('gcTimelineOption', () => {
  it('plots p99 and max over time and each GC pause (sweep + mark termination) on a second axis', () => {
    const option = gcTimelineOption({
      latency: [
        { t_s: 0, p99_ms: 3, max_ms: 9 },
        { t_s: 1, p99_ms: 12, max_ms: 40 },
      ],
      cycles: [{ at_s: 0.9, stw_sweep_ms: 0.05, stw_mark_ms: 0.2 }],
    }) as AnyRecord;
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['p99', 'max', 'GC stop-the-world pause']);
    expect(series[2]?.yAxisIndex).toBe(1);
    expect(series[2]?.data).toEqual([[0.9, 0.25]]);
    expect(series[0]?.markLine).toBeUndefined();
  });

  it('draws the p99 target on the p99 series when there is one, as the percentile chart does', () => {
    const option = gcTimelineOption({
      latency: [{ t_s: 0, p99_ms: 3, max_ms: 9 }],
      cycles: [],
      sloMs: 20,
    }) as AnyRecord;
    const [p99, max] = seriesOf(option);
    expect(p99?.markLine).toMatchObject({ data: [{ yAxis: 20 }], label: { formatter: 'SLO p99 20 ms' } });
    expect(max?.markLine).toBeUndefined();
  });
});

describe('hybridPlanOption', () => {
  it('draws components coloured by language and boundaries labelled with mechanism and cost', () => {
    const option = hybridPlanOption(buildHybridDecision()) as AnyRecord;
    const graph = seriesOf(option)[0] as {
      data: { name: string; category: number; value: number[] }[];
      links: { source: string; target: string; label: { formatter: string } }[];
    };
    expect(graph.data).toEqual([
      { name: 'proxy', value: [1, 0], category: 1 },
      { name: 'control', value: [0, 0], category: 0 },
    ]);
    expect(graph.links).toHaveLength(1);
    expect(graph.links[0]?.label.formatter).toBe('grpc · 100 µs/call');
    // The label sits on an opaque box, so the dashed edge never runs through its text.
    expect(graph.links[0]?.label).toMatchObject({ backgroundColor: '#ffffff', color: '#333' });
  });

  it('drops edges to unknown components instead of failing', () => {
    const decision = buildHybridDecision();
    const ghost = { from: 'proxy', to: 'ghost', mechanism: 'ffi' as const, per_call_us: 0.1, why: 'test' };
    const option = hybridPlanOption({
      ...decision,
      boundaries: [...decision.boundaries, ghost],
    }) as AnyRecord;
    expect(seriesOf(option)[0]?.links).toHaveLength(1);
  });

  it('says there is no plan when the profile has no components', () => {
    const option = hybridPlanOption(buildDecision()) as AnyRecord;
    expect(seriesOf(option)).toEqual([]);
    expect((option.title as { subtext: string }).subtext).toMatch(/No components/);
  });
});
