/** @module Pure ECharts option builders, one per chart, shared by the web UI (live charts) and the HTML report (server-side SVG): one chart definition, two faces. */
import type { EChartsOption } from 'echarts';
import type { Decision } from '../decision/schema.ts';
import { criterionLabel } from './format.ts';

/** Brand-like colours, chosen to stay distinct in greyscale print (Go lighter, Rust darker). */
export const LANGUAGE_COLORS = { go: '#00ADD8', rust: '#B7410E' } as const;

/** One measured latency at one percentile: p is a fraction in [0, 1) (0.99 = p99). */
export type PercentilePoint = { p: number; ms: number };
/** One line of the percentile chart: a language (or a GC setting) at one load step. */
export type PercentileSeries = {
  name: string;
  language?: 'go' | 'rust' | undefined;
  points: PercentilePoint[];
  /** A step that did not meet the lab's validity rules: drawn dashed and faded, never as a measurement. */
  invalid?: boolean | undefined;
};
/** Latency over a run, one point per time window (the load generator's timeline). */
export type TimelinePoint = { t_s: number; p99_ms: number; max_ms: number };
/** One Go GC cycle from gctrace; its stop-the-world pause is sweep termination plus mark termination. */
export type GcMark = { at_s: number; stw_sweep_ms?: number | undefined; stw_mark_ms?: number | undefined };

export type PercentileChartOptions = { title?: string | undefined; sloMs?: number | undefined };
export type GcTimelineInput = {
  latency: TimelinePoint[];
  cycles: GcMark[];
  title?: string | undefined;
  sloMs?: number | undefined;
};

/** Round for display without inventing precision (3 significant digits). */
function round3(value: number): number {
  return Number(value.toPrecision(3));
}

/**
 * Horizontal bars: each criterion's contribution `weight * (go - rust)`; right of zero favours Go, left favours Rust.
 * Sorted by size, largest on top.
 * @example
 * chart.setOption(contributionChartOption(decision));
 */
export function contributionChartOption(decision: Decision): EChartsOption {
  const rows = [...decision.criteria].sort(
    (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.id.localeCompare(b.id),
  );
  return {
    title: { text: 'What drives the verdict', subtext: 'weight × (Go rating − Rust rating)', left: 'center' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 170, right: 50, top: 70, bottom: 50 },
    xAxis: {
      type: 'value',
      name: '← favours Rust · favours Go →',
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => criterionLabel(row.id)),
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: 'Contribution',
        data: rows.map((row) => ({
          value: round3(row.contribution),
          itemStyle: { color: row.contribution >= 0 ? LANGUAGE_COLORS.go : LANGUAGE_COLORS.rust },
        })),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

/**
 * Radar of Go's and Rust's ratings (0..10) on every criterion, after the team-experience shift and any lab measurement.
 * @example
 * chart.setOption(radarChartOption(decision));
 */
export function radarChartOption(decision: Decision): EChartsOption {
  return {
    title: { text: 'Ratings by criterion (0–10)', left: 'center' },
    tooltip: {},
    legend: { bottom: 0, data: ['Go', 'Rust'] },
    radar: {
      indicator: decision.criteria.map((row) => ({ name: criterionLabel(row.id), max: 10 })),
      // Names sit outside the polygon: two short lines ("Memory / efficiency") and a radius that leaves room
      // for them at 9 and 3 o'clock, where they would otherwise run off the canvas.
      axisName: { formatter: (name?: string) => wrapLabel(name ?? ''), fontSize: 12, lineHeight: 14 },
      radius: '56%',
      center: ['50%', '54%'],
    },
    series: [
      {
        type: 'radar',
        name: 'Ratings',
        data: [
          {
            name: 'Go',
            value: decision.criteria.map((row) => round3(row.go)),
            itemStyle: { color: LANGUAGE_COLORS.go },
            lineStyle: { color: LANGUAGE_COLORS.go, width: 2 },
            areaStyle: { color: LANGUAGE_COLORS.go, opacity: 0.12 },
          },
          {
            name: 'Rust',
            value: decision.criteria.map((row) => round3(row.rust)),
            itemStyle: { color: LANGUAGE_COLORS.rust },
            lineStyle: { color: LANGUAGE_COLORS.rust, width: 2, type: 'dashed' },
            areaStyle: { color: LANGUAGE_COLORS.rust, opacity: 0.12 },
          },
        ],
      },
    ],
  };
}

/**
 * Break a label into lines of at most `width` characters at spaces (a single longer word keeps its own line).
 * @example
 * wrapLabel('Latency predictability'); // 'Latency\npredictability'
 */
export function wrapLabel(text: string, width = 12): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}

/** The x position of a percentile: 1 / (1 - p), so p50 -> 2, p99 -> 100, p99.9 -> 1000. */
export function percentileToX(p: number): number {
  return 1 / (1 - p);
}

/**
 * The label of a log-axis position, as a percentile.
 * @example
 * percentileLabel(1000); // 'p99.9'
 */
export function percentileLabel(x: number): string {
  const p = 100 * (1 - 1 / x);
  return `p${Number(p.toFixed(4))}`;
}

/** Percentile ticks from p50 up to the highest percentile any series has. */
function percentileTicks(maxX: number): number[] {
  const ticks = [2, 10, 100, 1000, 10000, 100000];
  const last = ticks.findIndex((t) => t >= maxX);
  return last === -1 ? ticks : ticks.slice(0, Math.max(last + 1, 2));
}

/**
 * Latency against percentile on a log x axis over 1/(1-p), labelled p50, p90, p99, p99.9…, so the tail is as wide as the body.
 * Points with p >= 1 (the maximum) cannot sit on this axis and are left out; show max separately.
 * The y axis turns logarithmic when latencies span more than 50x.
 * @example
 * percentileChartOption([{ name: 'Go', language: 'go', points: [{ p: 0.5, ms: 1.2 }, { p: 0.99, ms: 9 }] }], { sloMs: 20 });
 */
export function percentileChartOption(
  series: PercentileSeries[],
  options: PercentileChartOptions = {},
): EChartsOption {
  const plotted = series.map((s) => ({
    ...s,
    points: s.points.filter((pt) => pt.p >= 0 && pt.p < 1 && Number.isFinite(pt.ms) && pt.ms > 0),
  }));
  const xs = plotted.flatMap((s) => s.points.map((pt) => percentileToX(pt.p)));
  const ms = plotted.flatMap((s) => s.points.map((pt) => pt.ms));
  const ticks = percentileTicks(Math.max(2, ...xs));
  const minMs = Math.min(...ms, options.sloMs ?? Number.POSITIVE_INFINITY);
  const maxMs = Math.max(...ms, options.sloMs ?? 0);
  const logY = ms.length > 0 && minMs > 0 && maxMs / minMs > 50;
  return {
    title: { text: options.title ?? 'Latency by percentile', left: 'center' },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    grid: { left: 70, right: 30, top: 60, bottom: 70 },
    xAxis: {
      type: 'log',
      logBase: 10,
      min: ticks[0] ?? 2,
      max: ticks[ticks.length - 1] ?? 1000,
      name: 'percentile',
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { customValues: ticks, formatter: (value: number) => percentileLabel(value) },
      axisTick: { customValues: ticks },
      splitLine: { show: true },
    },
    yAxis: { type: logY ? 'log' : 'value', name: 'latency (ms)' },
    series: plotted.map((s, i) => ({
      type: 'line',
      name: s.name,
      showSymbol: true,
      data: s.points.map((pt) => [percentileToX(pt.p), pt.ms]),
      ...(s.language ? { itemStyle: { color: LANGUAGE_COLORS[s.language] } } : {}),
      lineStyle: s.invalid
        ? { type: [3, 5], opacity: 0.45 }
        : s.language === 'rust'
          ? { type: 'dashed' }
          : {},
      ...(s.invalid ? { symbol: 'emptyCircle' } : {}),
      ...(i === 0 ? sloMarkLine(options.sloMs) : {}),
    })),
  };
}

/** The p99 latency target as a dotted horizontal line on a latency series; nothing when there is no target. */
function sloMarkLine(sloMs: number | undefined): { markLine?: object } {
  if (sloMs === undefined) return {};
  return {
    markLine: {
      silent: true,
      symbol: 'none',
      label: { formatter: `SLO p99 ${sloMs} ms` },
      lineStyle: { color: '#888', type: 'dotted' },
      data: [{ yAxis: sloMs }],
    },
  };
}

/**
 * Latency over time (p99 and max per window) with each Go GC cycle's stop-the-world pause on a second axis,
 * so tail spikes can be lined up against collections.
 * @example
 * gcTimelineOption({ latency: attack.timeline, cycles: parseGctrace(stderr) });
 */
export function gcTimelineOption(input: GcTimelineInput): EChartsOption {
  const pauses = input.cycles.map((c) => [c.at_s, round3((c.stw_sweep_ms ?? 0) + (c.stw_mark_ms ?? 0))]);
  return {
    title: { text: input.title ?? 'Latency over time and GC pauses', left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: ['p99', 'max', 'GC stop-the-world pause'] },
    grid: { left: 70, right: 70, top: 60, bottom: 70 },
    xAxis: { type: 'value', name: 'time (s)', nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: [
      { type: 'value', name: 'latency (ms)' },
      { type: 'value', name: 'GC pause (ms)', splitLine: { show: false } },
    ],
    series: [
      {
        type: 'line',
        name: 'p99',
        showSymbol: false,
        data: input.latency.map((pt) => [pt.t_s, pt.p99_ms]),
        itemStyle: { color: '#3b6fb6' },
        ...sloMarkLine(input.sloMs),
      },
      {
        type: 'line',
        name: 'max',
        showSymbol: false,
        data: input.latency.map((pt) => [pt.t_s, pt.max_ms]),
        itemStyle: { color: '#999' },
        lineStyle: { type: 'dashed' },
      },
      {
        type: 'scatter',
        name: 'GC stop-the-world pause',
        yAxisIndex: 1,
        symbol: 'diamond',
        symbolSize: 7,
        data: pauses,
        itemStyle: { color: LANGUAGE_COLORS.go },
      },
    ],
  };
}

/** Fixed, deterministic cells: Go components in column 0, Rust in column 1, rows in the decision's order. */
function layoutComponents(decision: Decision): { cells: Map<string, [number, number]>; rows: number } {
  const cells = new Map<string, [number, number]>();
  const rows = { go: 0, rust: 0 };
  for (const component of decision.components) {
    const row = rows[component.language]++;
    cells.set(component.name, [component.language === 'go' ? 0 : 1, row]);
  }
  return { cells, rows: Math.max(rows.go, rows.rust, 1) };
}

/**
 * The hybrid plan as a graph: components coloured by language, boundaries as edges labelled with the mechanism
 * and its per-call cost. Without components the chart says so instead of drawing nothing.
 * @example
 * chart.setOption(hybridPlanOption(decision));
 */
export function hybridPlanOption(decision: Decision): EChartsOption {
  if (decision.components.length === 0) {
    return {
      title: {
        text: 'Hybrid plan',
        subtext: 'No components described in the profile: add `components` to get a per-component plan.',
        left: 'center',
      },
      series: [],
    };
  }
  const { cells, rows } = layoutComponents(decision);
  const links = decision.boundaries
    .filter((b) => cells.has(b.from) && cells.has(b.to))
    .map((b) => ({
      source: b.from,
      target: b.to,
      // On a light box with a border, so the dashed stroke never runs through the text.
      label: {
        show: true,
        formatter: `${b.mechanism} · ${round3(b.per_call_us)} µs/call${b.chatty ? ' (chatty)' : ''}`,
        color: '#333',
        backgroundColor: '#ffffff',
        borderColor: '#c9ced6',
        borderWidth: 1,
        borderRadius: 3,
        padding: [3, 6],
      },
      // Curved, so edges that cross between the columns do not put their labels on the same midpoint.
      lineStyle: {
        type: b.mechanism === 'ffi' ? ('solid' as const) : ('dashed' as const),
        width: 2,
        curveness: 0.2,
        // ECharts draws edges (and their labels) at half opacity by default: too faint to read the cost.
        opacity: 0.85,
      },
    }));
  // The graph sits on a hidden cartesian grid (not its own 'view' coordinates, which stretch symbols into ellipses
  // when the box and the layout have different aspect ratios).
  return {
    title: {
      text: 'Hybrid plan',
      subtext: 'Go left · Rust right · edges: mechanism and cost per call',
      left: 'center',
    },
    tooltip: {},
    legend: { bottom: 0, data: ['Go', 'Rust'] },
    grid: { left: 80, right: 80, top: 90, bottom: 70 },
    xAxis: { type: 'value', show: false, min: -0.25, max: 1.25 },
    yAxis: { type: 'value', show: false, inverse: true, min: -0.4, max: rows - 0.6 },
    series: [
      {
        type: 'graph',
        coordinateSystem: 'cartesian2d',
        symbolSize: 46,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 10,
        categories: [
          { name: 'Go', itemStyle: { color: LANGUAGE_COLORS.go } },
          { name: 'Rust', itemStyle: { color: LANGUAGE_COLORS.rust } },
        ],
        label: { show: true, position: 'bottom', color: '#222', width: 180, overflow: 'truncate' },
        edgeLabel: { show: true, fontSize: 11 },
        data: decision.components.map((component) => ({
          name: component.name,
          value: cells.get(component.name) ?? [0, 0],
          category: component.language === 'go' ? 0 : 1,
        })),
        links,
      },
    ],
  };
}
