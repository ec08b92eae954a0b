/** @module The charts, drawn by hand as SVG element trees (./svg.ts), one function per chart, shared by the web UI (live, laid out at the container's width) and the HTML report (serialised to inline SVG): one chart definition, two faces. Every mark carries a <title> with its figure; the pages give each chart a text alternative and the same figures in a table. */
import type { Decision } from '../decision/schema.ts';
import { criterionLabel, formatRate, formatRating, formatSigned } from './format.ts';
import {
  CHAR_EM,
  fitText,
  h,
  niceTicks,
  px,
  type SvgAttrs,
  type SvgNode,
  textLines,
  textWidth,
  tickLabel,
} from './svg.ts';

/** Brand-like colours, chosen to stay distinct in greyscale print (Go lighter, Rust darker). */
export const LANGUAGE_COLORS = { go: '#00ADD8', rust: '#B7410E' } as const;
/** Lines with no language (every rate step at once, GC timelines): distinct hues, then repeated. */
const PALETTE = ['#3b6fb6', '#e08a1e', '#5a9e4b', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#d35400'];
const INK = '#222';
const MUTED_INK = '#555';
const GRID = '#e3e6eb';
const AXIS = '#8a919c';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

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

/** The drawing box: width in CSS pixels (text is 11-14 px at that width); height, when left out, fits the content. */
export type ChartSize = { width: number; height?: number | undefined };
export type PercentileChartOptions = ChartSize & { title?: string | undefined; sloMs?: number | undefined };
export type GcTimelineInput = {
  latency: TimelinePoint[];
  cycles: GcMark[];
  title?: string | undefined;
  sloMs?: number | undefined;
};
/** How the web app adapts the plan: every call of the profile (calls within one language muted), shorter labels. */
export type HybridPlanOptions = ChartSize & {
  /** Calls that stay within one language, drawn dotted grey without a label. */
  mutedCalls?: { from: string; to: string }[] | undefined;
  /** The label of a boundary edge; null draws the edge without one (the costs are then in a table). */
  edgeLabel?: ((boundary: Decision['boundaries'][number]) => string | null) | undefined;
  subtitle?: string | undefined;
};

/** Round for display without inventing precision (3 significant digits). */
function round3(value: number): number {
  return Number(value.toPrecision(3));
}

/** The root element: a viewBox at the drawing size, so the picture also scales down when the page is narrower. */
function frame(
  width: number,
  height: number,
  label: string,
  ...children: (SvgNode | null | false)[]
): SvgNode {
  return h(
    'svg',
    {
      width: px(width),
      height: px(height),
      viewBox: `0 0 ${px(width)} ${px(height)}`,
      role: 'img',
      'aria-label': label,
      'font-family': FONT,
      'font-size': 12,
    },
    ...children,
  );
}

/** Title (bold, centred) and an optional subtitle of one or more lines; returns the elements and the y where they end. */
function heading(width: number, title: string, subtitle?: string): { nodes: SvgNode[]; bottom: number } {
  const nodes = [
    h(
      'text',
      { x: px(width / 2), y: 18, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 600, fill: INK },
      fitText(title, width - 8, 14),
    ),
  ];
  if (subtitle === undefined) return { nodes, bottom: 28 };
  const lines = subtitle.split('\n').map((line) => fitText(line, width - 8, 11));
  nodes.push(
    textLines(
      lines,
      { x: px(width / 2), y: 35, 'text-anchor': 'middle', 'font-size': 11, fill: MUTED_INK },
      13,
    ),
  );
  return { nodes, bottom: 35 + 13 * (lines.length - 1) + 6 };
}

type LegendItem = {
  name: string;
  color: string;
  dash?: string | undefined;
  marker?: 'line' | 'dot' | 'diamond';
};

/** A legend of swatches and names, wrapped into rows centred at the bottom; returns the elements and its height. */
function legend(items: LegendItem[], width: number, bottom: number): { node: SvgNode; height: number } {
  const rows: { item: LegendItem; w: number }[][] = [[]];
  let used = 0;
  for (const item of items) {
    const w = 26 + textWidth(item.name, 11) + 14;
    const row = rows[rows.length - 1] as { item: LegendItem; w: number }[];
    if (row.length > 0 && used + w > width - 8) {
      rows.push([]);
      used = 0;
    }
    (rows[rows.length - 1] as { item: LegendItem; w: number }[]).push({ item, w });
    used += w;
  }
  const height = rows.length * 16;
  const nodes: SvgNode[] = [];
  rows.forEach((row, r) => {
    const total = row.reduce((sum, cell) => sum + cell.w, 0);
    let x = (width - total) / 2;
    const y = bottom - height + r * 16 + 8;
    for (const { item, w } of row) {
      nodes.push(
        swatch(item, x, y),
        h('text', { x: px(x + 26), y: px(y + 4), 'font-size': 11, fill: INK }, item.name),
      );
      x += w;
    }
  });
  return { node: h('g', { class: 'legend' }, ...nodes), height };
}

function swatch(item: LegendItem, x: number, y: number): SvgNode {
  if (item.marker === 'dot') return h('circle', { cx: px(x + 10), cy: px(y), r: 5, fill: item.color });
  if (item.marker === 'diamond') return diamond(x + 10, y, 5, item.color);
  return h('line', {
    x1: px(x),
    y1: px(y),
    x2: px(x + 20),
    y2: px(y),
    stroke: item.color,
    'stroke-width': 2,
    'stroke-dasharray': item.dash,
  });
}

function diamond(x: number, y: number, r: number, color: string, attrs: SvgAttrs = {}): SvgNode {
  return h('path', {
    d: `M${px(x)} ${px(y - r)}L${px(x + r)} ${px(y)}L${px(x)} ${px(y + r)}L${px(x - r)} ${px(y)}Z`,
    fill: color,
    ...attrs,
  });
}

/** A contribution as the tables print it (two decimals, formatSigned), with a typographic minus: "+0.90", "−0.60". */
const signedText = (value: number) => formatSigned(value).replace('-', '−');

/**
 * Horizontal bars: each criterion's contribution `weight * (go - rust)`; right of zero favours Go, left favours Rust.
 * Sorted by size, largest on top.
 * @example
 * svgToString(contributionChart(decision, { width: 560 }));
 */
export function contributionChart(decision: Decision, size: ChartSize): SvgNode {
  const { width } = size;
  const rows = [...decision.criteria].sort(
    (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.id.localeCompare(b.id),
  );
  const head = heading(width, 'What drives the verdict', 'weight × (Go rating − Rust rating)');
  const rowHeight = 28;
  const top = head.bottom + 10;
  const height = size.height ?? top + rows.length * rowHeight + 52;
  const plotBottom = height - 44;
  const rowStep = rows.length === 0 ? rowHeight : (plotBottom - top) / rows.length;
  const labelWidth = Math.min(170, Math.round(width * 0.34));
  const values = rows.map((row) => row.contribution);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), width < 480 ? 3 : 5);
  const lo = ticks[0] ?? -1;
  const hi = ticks[ticks.length - 1] ?? 1;
  // Room for the value printed beyond the end of the longest bars on either side.
  const left = labelWidth + 10 + (lo < 0 ? 36 : 0);
  const right = width - (hi > 0 ? 40 : 10);
  const x = (v: number) => left + ((v - lo) / (hi - lo || 1)) * (right - left);
  const nodes: (SvgNode | null)[] = [...head.nodes];
  for (const tick of ticks) {
    nodes.push(
      h('line', {
        x1: px(x(tick)),
        x2: px(x(tick)),
        y1: px(top),
        y2: px(plotBottom),
        stroke: tick === 0 ? AXIS : GRID,
      }),
      h(
        'text',
        { x: px(x(tick)), y: px(plotBottom + 14), 'text-anchor': 'middle', 'font-size': 11, fill: MUTED_INK },
        tickLabel(tick),
      ),
    );
  }
  const maxChars = Math.max(6, Math.floor(labelWidth / (12 * CHAR_EM)));
  rows.forEach((row, i) => {
    const cy = top + rowStep * (i + 0.5);
    const v = round3(row.contribution);
    const x0 = x(0);
    const x1 = x(v);
    const color = v >= 0 ? LANGUAGE_COLORS.go : LANGUAGE_COLORS.rust;
    const name = criterionLabel(row.id);
    const lines = wrapLabel(name, maxChars).split('\n').slice(0, 2);
    nodes.push(
      textLines(
        lines.map((line) => fitText(line, labelWidth, 12)),
        {
          x: px(labelWidth),
          y: px(cy + 4 - (lines.length - 1) * 7),
          'text-anchor': 'end',
          fill: INK,
        },
      ),
      h(
        'g',
        { class: 'bar' },
        h(
          'title',
          {},
          `${name}: ${signedText(v)} (${v > 0 ? 'favours Go' : v < 0 ? 'favours Rust' : 'neutral'})`,
        ),
        h('rect', {
          x: px(Math.min(x0, x1)),
          y: px(cy - Math.min(9, rowStep * 0.35)),
          width: px(Math.max(Math.abs(x1 - x0), v === 0 ? 0 : 1)),
          height: px(Math.min(18, rowStep * 0.7)),
          fill: color,
        }),
        h(
          'text',
          {
            x: px(v < 0 ? x1 - 4 : x1 + 4),
            y: px(cy + 4),
            'text-anchor': v < 0 ? 'end' : 'start',
            'font-size': 11,
            fill: INK,
          },
          signedText(v),
        ),
      ),
    );
  });
  nodes.push(
    h(
      'text',
      {
        x: px((left + right) / 2),
        y: px(height - 10),
        'text-anchor': 'middle',
        'font-size': 11,
        fill: MUTED_INK,
      },
      '← favours Rust · favours Go →',
    ),
  );
  return frame(width, height, 'Contribution of each criterion to the verdict', ...nodes);
}

/**
 * Radar of Go's and Rust's ratings (0..10) on every criterion, after the team-experience shift and any lab measurement.
 * @example
 * svgToString(radarChart(decision, { width: 560, height: 420 }));
 */
export function radarChart(decision: Decision, size: ChartSize): SvgNode {
  const { width } = size;
  const height = size.height ?? Math.round(Math.min(460, Math.max(320, width * 0.85)));
  const head = heading(width, 'Ratings by criterion (0–10)');
  const key = legend(
    [
      { name: 'Go', color: LANGUAGE_COLORS.go },
      { name: 'Rust', color: LANGUAGE_COLORS.rust, dash: '6 4' },
    ],
    width,
    height - 4,
  );
  const criteria = decision.criteria;
  const n = Math.max(criteria.length, 1);
  // Names sit outside the polygon, on short lines; the radius leaves room for the longest at 9 and 3 o'clock.
  const wrapped = criteria.map((row) => wrapLabel(criterionLabel(row.id), width < 480 ? 11 : 12).split('\n'));
  const longest = Math.max(40, ...wrapped.flat().map((line) => textWidth(line, 11)));
  const sideRoom = Math.min(longest + 14, width * 0.3);
  const top = head.bottom + 34;
  const bottom = height - key.height - 40;
  const radius = Math.max(30, Math.min((width - 2 * sideRoom) / 2, (bottom - top) / 2));
  const cx = width / 2;
  const cy = (top + bottom) / 2;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const point = (i: number, value: number) => {
    const r = (Math.max(0, Math.min(10, value)) / 10) * radius;
    return [cx + r * Math.cos(angle(i)), cy + r * Math.sin(angle(i))] as const;
  };
  const ring = (value: number) => criteria.map((_, i) => point(i, value).map(px).join(',')).join(' ');
  const nodes: (SvgNode | null)[] = [...head.nodes];
  for (const level of [2, 4, 6, 8, 10])
    nodes.push(h('polygon', { points: ring(level), fill: 'none', stroke: level === 10 ? AXIS : GRID }));
  criteria.forEach((_row, i) => {
    const [ex, ey] = point(i, 10);
    nodes.push(h('line', { x1: px(cx), y1: px(cy), x2: px(ex), y2: px(ey), stroke: GRID }));
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
    const lines = wrapped[i] ?? [];
    const lx = cx + (radius + 10) * cos;
    const ly = cy + (radius + 12) * sin;
    const anchor = cos > 0.25 ? 'start' : cos < -0.25 ? 'end' : 'middle';
    // Above the centre the block grows upwards, below it downwards, level with it it is centred.
    const firstY =
      sin < -0.25 ? ly - (lines.length - 1) * 13 : sin > 0.25 ? ly + 9 : ly + 4 - (lines.length - 1) * 6.5;
    // Each label may use the room between its anchor and the chart's edge (a label near the top reaches past the
    // side column the radius left), so "predictability" is not cut on a phone.
    const room = anchor === 'start' ? width - lx - 2 : anchor === 'end' ? lx - 2 : width - 4;
    nodes.push(
      textLines(
        lines.map((line) => fitText(line, Math.max(sideRoom - 10, room), 11)),
        { x: px(lx), y: px(firstY), 'text-anchor': anchor, 'font-size': 11, fill: INK },
        13,
      ),
    );
  });
  const languages = [
    { name: 'Go', key: 'go' as const, dash: undefined },
    { name: 'Rust', key: 'rust' as const, dash: '6 4' },
  ];
  for (const lang of languages) {
    const color = LANGUAGE_COLORS[lang.key];
    nodes.push(
      h(
        'g',
        { class: `series ${lang.key}` },
        h('polygon', {
          points: criteria.map((row, i) => point(i, row[lang.key]).map(px).join(',')).join(' '),
          fill: color,
          'fill-opacity': 0.12,
          stroke: color,
          'stroke-width': 2,
          'stroke-dasharray': lang.dash,
        }),
        ...criteria.map((row, i) => {
          const [x, y] = point(i, row[lang.key]);
          return h(
            'circle',
            { cx: px(x), cy: px(y), r: 3, fill: color },
            h('title', {}, `${lang.name}, ${criterionLabel(row.id)}: ${formatRating(row[lang.key])} of 10`),
          );
        }),
      ),
    );
  }
  nodes.push(key.node);
  return frame(width, height, 'Go and Rust ratings by criterion, 0 to 10', ...nodes);
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

/**
 * Percentile ticks from p50 up to the highest percentile any series has.
 * @example
 * percentileTicks(1000); // [2, 10, 100, 1000]
 */
export function percentileTicks(maxX: number): number[] {
  const ticks = [2, 10, 100, 1000, 10000, 100000];
  const last = ticks.findIndex((t) => t >= maxX);
  return last === -1 ? ticks : ticks.slice(0, Math.max(last + 1, 2));
}

/** A y axis: linear from zero, or logarithmic by decades; scale maps a value to [0, 1]. */
type Axis = { ticks: number[]; scale: (v: number) => number; log: boolean };

function linearAxis(max: number, count = 5): Axis {
  const ticks = niceTicks(0, max > 0 ? max : 1, count);
  const hi = ticks[ticks.length - 1] ?? 1;
  return { ticks, scale: (v) => v / hi, log: false };
}

function logAxis(min: number, max: number): Axis {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++) ticks.push(Number((10 ** e).toPrecision(6)));
  return { ticks, scale: (v) => (Math.log10(v) - lo) / (hi - lo), log: true };
}

/**
 * Whether a set of latencies needs a log axis: they span more than 50x.
 * @example
 * needsLogAxis([0.5, 400]); // true
 */
export function needsLogAxis(values: number[]): boolean {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return false;
  return Math.max(...positive) / Math.min(...positive) > 50;
}

type Plot = { left: number; right: number; top: number; bottom: number };

/** Horizontal grid lines and labels of a y axis, on the left or the right of the plot. */
function yAxisNodes(axis: Axis, plot: Plot, side: 'left' | 'right', name: string): SvgNode[] {
  const y = (v: number) => plot.bottom - axis.scale(v) * (plot.bottom - plot.top);
  const nodes: SvgNode[] = [];
  for (const tick of axis.ticks) {
    if (side === 'left')
      nodes.push(
        h('line', { x1: px(plot.left), x2: px(plot.right), y1: px(y(tick)), y2: px(y(tick)), stroke: GRID }),
      );
    nodes.push(
      h(
        'text',
        {
          x: px(side === 'left' ? plot.left - 6 : plot.right + 6),
          y: px(y(tick) + 4),
          'text-anchor': side === 'left' ? 'end' : 'start',
          'font-size': 11,
          fill: MUTED_INK,
        },
        tickLabel(tick),
      ),
    );
  }
  nodes.push(
    h(
      'text',
      {
        x: px(side === 'left' ? 4 : plot.right + 40),
        y: px(plot.top - 10),
        'text-anchor': side === 'left' ? 'start' : 'end',
        'font-size': 11,
        fill: MUTED_INK,
      },
      name,
    ),
  );
  return nodes;
}

/** The x axis: tick labels (with vertical grid lines when asked), the base line and the axis name under them. */
function xAxisNodes(
  plot: Plot,
  ticks: { x: number; label: string }[],
  name: string,
  grid: boolean,
): SvgNode[] {
  const label = (x: number, y: number, text: string) =>
    h('text', { x: px(x), y: px(y), 'text-anchor': 'middle', 'font-size': 11, fill: MUTED_INK }, text);
  const nodes: SvgNode[] = [];
  for (const tick of ticks) {
    if (grid)
      nodes.push(
        h('line', { x1: px(tick.x), x2: px(tick.x), y1: px(plot.top), y2: px(plot.bottom), stroke: GRID }),
      );
    nodes.push(label(tick.x, plot.bottom + 15, tick.label));
  }
  nodes.push(
    h('line', {
      x1: px(plot.left),
      x2: px(plot.right),
      y1: px(plot.bottom),
      y2: px(plot.bottom),
      stroke: AXIS,
    }),
    label((plot.left + plot.right) / 2, plot.bottom + 32, name),
  );
  return nodes;
}

/**
 * The SLO line: dotted grey across the plot, labelled at its right end: above the line, or below it when the line
 * runs along the plot's top, where the label would run into the axis titles.
 */
function sloLine(plot: Plot, y: number, sloMs: number): SvgNode {
  const labelY = y - 4 < plot.top + 12 ? y + 14 : y - 4;
  return h(
    'g',
    { class: 'slo' },
    h('line', {
      x1: px(plot.left),
      x2: px(plot.right),
      y1: px(y),
      y2: px(y),
      stroke: '#888',
      'stroke-width': 1.5,
      'stroke-dasharray': '2 3',
    }),
    h(
      'text',
      { x: px(plot.right - 2), y: px(labelY), 'text-anchor': 'end', 'font-size': 11, fill: MUTED_INK },
      `SLO p99 ${sloMs} ms`,
    ),
  );
}

/**
 * Latency against percentile on a log x axis over 1/(1-p), labelled p50, p90, p99, p99.9…, so the tail is as wide as the body.
 * Points with p >= 1 (the maximum) cannot sit on this axis and are left out; show max separately.
 * The y axis turns logarithmic when latencies span more than 50x. Invalid steps are dashed, faded, with hollow points.
 * @example
 * percentileChart([{ name: 'Go', language: 'go', points: [{ p: 0.5, ms: 1.2 }, { p: 0.99, ms: 9 }] }], { width: 880, sloMs: 20 });
 */
export function percentileChart(series: PercentileSeries[], options: PercentileChartOptions): SvgNode {
  const { width } = options;
  const height = options.height ?? 380;
  const plotted = series.map((s) => ({
    ...s,
    points: s.points.filter((pt) => pt.p >= 0 && pt.p < 1 && Number.isFinite(pt.ms) && pt.ms > 0),
  }));
  const xs = plotted.flatMap((s) => s.points.map((pt) => percentileToX(pt.p)));
  const ms = plotted.flatMap((s) => s.points.map((pt) => pt.ms));
  const ticks = percentileTicks(Math.max(2, ...xs));
  const withSlo = options.sloMs === undefined ? ms : [...ms, options.sloMs];
  const yAxis = needsLogAxis(withSlo)
    ? logAxis(Math.min(...withSlo.filter((v) => v > 0)), Math.max(...withSlo))
    : linearAxis(Math.max(0, ...withSlo));
  const colors = plotted.map((s, i) =>
    s.language ? LANGUAGE_COLORS[s.language] : (PALETTE[i % PALETTE.length] as string),
  );
  const dashes = plotted.map((s) => (s.invalid ? '3 5' : s.language === 'rust' ? '6 4' : undefined));
  const key = legend(
    plotted.map((s, i) => ({ name: s.name, color: colors[i] as string, dash: dashes[i] })),
    width,
    height - 2,
  );
  const head = heading(width, options.title ?? 'Latency by percentile');
  const plot: Plot = { left: 52, right: width - 16, top: head.bottom + 22, bottom: height - key.height - 44 };
  const xLo = Math.log10(ticks[0] ?? 2);
  const xHi = Math.log10(ticks[ticks.length - 1] ?? 1000);
  const x = (v: number) => plot.left + ((Math.log10(v) - xLo) / (xHi - xLo || 1)) * (plot.right - plot.left);
  const y = (v: number) => plot.bottom - yAxis.scale(v) * (plot.bottom - plot.top);
  const nodes: (SvgNode | null)[] = [...head.nodes, ...yAxisNodes(yAxis, plot, 'left', 'latency (ms)')];
  nodes.push(
    ...xAxisNodes(
      plot,
      ticks.map((tick) => ({ x: x(tick), label: percentileLabel(tick) })),
      'percentile',
      true,
    ),
  );
  plotted.forEach((s, i) => {
    const color = colors[i] as string;
    const coords = s.points.map((pt) => [x(percentileToX(pt.p)), y(pt.ms)] as const);
    nodes.push(
      h(
        'g',
        { class: s.invalid ? 'series invalid' : 'series', opacity: s.invalid ? 0.5 : undefined },
        coords.length > 1 &&
          h('polyline', {
            points: coords.map(([a, b]) => `${px(a)},${px(b)}`).join(' '),
            fill: 'none',
            stroke: color,
            'stroke-width': 2,
            'stroke-dasharray': dashes[i],
          }),
        ...s.points.map((pt, j) => {
          const [a, b] = coords[j] as readonly [number, number];
          return h(
            'circle',
            {
              cx: px(a),
              cy: px(b),
              r: 3.5,
              fill: s.invalid ? '#fff' : color,
              stroke: color,
              'stroke-width': 1.5,
            },
            h(
              'title',
              {},
              `${s.name}${s.invalid ? ' (invalid step)' : ''}: ${percentileLabel(percentileToX(pt.p))} ${round3(pt.ms)} ms`,
            ),
          );
        }),
      ),
    );
  });
  if (options.sloMs !== undefined) nodes.push(sloLine(plot, y(options.sloMs), options.sloMs));
  nodes.push(key.node);
  return frame(width, height, options.title ?? 'Latency by percentile', ...nodes);
}

/**
 * Latency over time (p99 and max per window) with each Go GC cycle's stop-the-world pause on a second axis,
 * so tail spikes can be lined up against collections.
 * @example
 * gcTimelineChart({ latency: attack.timeline, cycles: parseGctrace(stderr) }, { width: 880 });
 */
export function gcTimelineChart(input: GcTimelineInput, size: ChartSize): SvgNode {
  const { width } = size;
  const height = size.height ?? 340;
  const title = input.title ?? 'Latency over time and GC pauses';
  const pauses = input.cycles.map((c) => ({
    at: c.at_s,
    ms: round3((c.stw_sweep_ms ?? 0) + (c.stw_mark_ms ?? 0)),
  }));
  const key = legend(
    [
      { name: 'p99', color: PALETTE[0] as string },
      { name: 'max', color: '#999', dash: '6 4' },
      { name: 'GC stop-the-world pause', color: LANGUAGE_COLORS.go, marker: 'diamond' },
    ],
    width,
    height - 2,
  );
  const head = heading(width, title);
  const plot: Plot = { left: 52, right: width - 52, top: head.bottom + 22, bottom: height - key.height - 44 };
  const times = [...input.latency.map((pt) => pt.t_s), ...pauses.map((p) => p.at)];
  const xTicks = niceTicks(0, Math.max(1, ...times), width < 480 ? 4 : 6);
  const xHi = xTicks[xTicks.length - 1] ?? 1;
  const latencyValues = input.latency.flatMap((pt) => [pt.p99_ms, pt.max_ms]);
  const left = linearAxis(Math.max(0, ...latencyValues, input.sloMs ?? 0));
  const right = linearAxis(Math.max(0, ...pauses.map((p) => p.ms)), 4);
  const x = (v: number) => plot.left + (v / xHi) * (plot.right - plot.left);
  const yL = (v: number) => plot.bottom - left.scale(v) * (plot.bottom - plot.top);
  const yR = (v: number) => plot.bottom - right.scale(v) * (plot.bottom - plot.top);
  const nodes: (SvgNode | null)[] = [
    ...head.nodes,
    ...yAxisNodes(left, plot, 'left', 'latency (ms)'),
    ...yAxisNodes(right, plot, 'right', 'GC pause (ms)'),
  ];
  nodes.push(
    ...xAxisNodes(
      plot,
      xTicks.map((tick) => ({ x: x(tick), label: tickLabel(tick) })),
      'time (s)',
      false,
    ),
  );
  const line = (name: string, pick: (pt: TimelinePoint) => number, color: string, dash?: string) =>
    h(
      'g',
      { class: `series ${name}` },
      h('title', {}, `${name} latency per window, ${input.latency.length} windows`),
      h('polyline', {
        points: input.latency.map((pt) => `${px(x(pt.t_s))},${px(yL(pick(pt)))}`).join(' '),
        fill: 'none',
        stroke: color,
        'stroke-width': 2,
        'stroke-dasharray': dash,
      }),
    );
  nodes.push(
    line('p99', (pt) => pt.p99_ms, PALETTE[0] as string),
    line('max', (pt) => pt.max_ms, '#999', '6 4'),
  );
  nodes.push(
    h(
      'g',
      { class: 'series gc' },
      ...pauses.map((p) =>
        h(
          'g',
          {},
          h('title', {}, `GC pause at ${round3(p.at)} s: ${p.ms} ms`),
          diamond(x(p.at), yR(p.ms), 4.5, LANGUAGE_COLORS.go),
        ),
      ),
    ),
  );
  if (input.sloMs !== undefined) nodes.push(sloLine(plot, yL(input.sloMs), input.sloMs));
  nodes.push(key.node);
  return frame(width, height, title, ...nodes);
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

/** A rectangle of the drawing, to keep labels off components and each other. */
type Box = { x: number; y: number; w: number; h: number };

/** Whether two boxes overlap, or come closer than `margin`. */
function overlap(a: Box, b: Box, margin = 0): boolean {
  return (
    a.x < b.x + b.w + margin &&
    b.x < a.x + a.w + margin &&
    a.y < b.y + b.h + margin &&
    b.y < a.y + a.h + margin
  );
}

/** The point at `t` (0 to 1) of the quadratic curve from (x0, y0) to (x2, y2) bent towards (x1, y1). */
function bezier(t: number, x0: number, y0: number, x1: number, y1: number, x2: number, y2: number) {
  const u = 1 - t;
  return [u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2] as const;
}

/**
 * The label of a boundary edge in the HTML report: mechanism, cost per call and calls per request.
 * @example
 * boundaryLabel({ mechanism: 'grpc', per_call_us: 100, calls_per_request: 3, ... }); // 'grpc · 100 µs/call × 3/req'
 */
export function boundaryLabel(b: Decision['boundaries'][number]): string {
  return `${b.mechanism} · ${round3(b.per_call_us)} µs/call${perRequest(b)}${b.chatty ? ' (chatty)' : ''}`;
}

/**
 * " × N/req" for a boundary whose calls per request the plan knows, else nothing; shared with the web's labels.
 * @example
 * perRequest({ calls_per_request: 3, ... }); // ' × 3/req'
 */
export function perRequest(b: Decision['boundaries'][number]): string {
  return b.calls_per_request === undefined ? '' : ` × ${formatRate(b.calls_per_request)}/req`;
}

/**
 * The hybrid plan: components as dots coloured by language (Go left, Rust right), boundaries as curved arrows
 * labelled with the mechanism and its per-call cost (solid for FFI, dashed otherwise). Without components the chart
 * says so instead of drawing nothing.
 * @example
 * svgToString(hybridPlanChart(decision, { width: 880 }));
 */
export function hybridPlanChart(decision: Decision, options: HybridPlanOptions): SvgNode {
  const { width } = options;
  if (decision.components.length === 0) {
    const head = heading(
      width,
      'Hybrid plan',
      'No components described in the profile: add `components` to get a per-component plan.',
    );
    return frame(width, options.height ?? 80, 'Hybrid plan: no components', ...head.nodes);
  }
  const { cells, rows } = layoutComponents(decision);
  const compact = rows > 4;
  // On a narrow chart the edges between rows are steep: more room between rows keeps their labels off the names.
  const rowGap = compact ? 90 : width < 500 ? 170 : 120;
  const head = heading(
    width,
    'Hybrid plan',
    options.subtitle ?? 'Go left · Rust right · edges: mechanism, cost per call, calls per request',
  );
  const columnX = [width * 0.27, width * 0.73];
  // An edge from left to right between two top-row components bends upwards (see drawEdge): room above the top row
  // keeps it and its label clear of the subtitle.
  const topRow = (name: string) => cells.get(name)?.[1] === 0;
  const leftToRight = (from: string, to: string) => cells.get(from)?.[0] === 0 && cells.get(to)?.[0] === 1;
  const bends = (calls: readonly { from: string; to: string }[], curveness: number, label: number) =>
    calls.some((c) => topRow(c.from) && topRow(c.to) && leftToRight(c.from, c.to))
      ? ((columnX[1] as number) - (columnX[0] as number)) * curveness * 0.5 + label
      : 0;
  const lift = Math.ceil(
    Math.max(bends(options.mutedCalls ?? [], 0.25, 0), bends(decision.boundaries, 0.2, 10)),
  );
  const height = options.height ?? head.bottom + 20 + lift + rowGap * rows + 30;
  const key = legend(
    [
      { name: 'Go', color: LANGUAGE_COLORS.go, marker: 'dot' },
      { name: 'Rust', color: LANGUAGE_COLORS.rust, marker: 'dot' },
    ],
    width,
    height - 4,
  );
  const top = head.bottom + 16 + lift;
  const step = (height - top - key.height - 14) / rows;
  const r = compact ? 15 : 23;
  const center = (name: string) => {
    const [col, row] = cells.get(name) ?? [0, 0];
    return [columnX[col] as number, top + step * row + r + 4] as const;
  };
  const labelWidth = Math.min(180, width * 0.44);
  const nameSize = compact ? 11 : 12;
  // What edges and their labels keep clear of: each component's dot and the name under it.
  const nodes = decision.components.map((component) => {
    const [x, y] = center(component.name);
    const nameWidth = textWidth(fitText(component.name, labelWidth, nameSize), nameSize);
    const boxes: Box[] = [
      { x: x - r, y: y - r, w: 2 * r, h: 2 * r },
      { x: x - nameWidth / 2, y: y + r + 2, w: nameWidth, h: nameSize + 4 },
    ];
    return { name: component.name, x, y, boxes };
  });
  const placed: Box[] = [];
  const edges: SvgNode[] = [];
  const labels: SvgNode[] = [];
  const drawEdge = (
    from: string,
    to: string,
    style: SvgAttrs,
    color: string,
    curveness: number,
    label: string | null,
    title: string,
  ) => {
    const [x1, y1] = center(from);
    const [x2, y2] = center(to);
    const dx = x2 - x1;
    const dy = y2 - y1;
    const length = Math.hypot(dx, dy) || 1;
    // A quadratic curve bent to one side of its direction, so edges between the same columns do not share a midpoint;
    // straight, or bent the other way, when that bend would run through another component (a narrow chart's steep
    // edge past the middle row).
    const curveAt = (bend: number) => ({ x: (x1 + x2) / 2 + dy * bend, y: (y1 + y2) / 2 - dx * bend });
    const others = nodes.filter((node) => node.name !== from && node.name !== to);
    const clearOfOthers = (bend: number) => {
      const q = curveAt(bend);
      return Array.from({ length: 19 }, (_, i) => (i + 1) / 20).every((t) => {
        const [px_, py_] = bezier(t, x1, y1, q.x, q.y, x2, y2);
        const near = { x: px_ - 4, y: py_ - 4, w: 8, h: 8 };
        return others.every(
          (node) =>
            Math.hypot(px_ - node.x, py_ - node.y) > r + 6 && !node.boxes.some((b) => overlap(b, near, 6)),
        );
      });
    };
    const bend = [curveness, 0, -curveness].find(clearOfOthers) ?? curveness;
    const { x: qx, y: qy } = curveAt(bend);
    const trim = (ax: number, ay: number, bx: number, by: number, by_: number) => {
      const d = Math.hypot(bx - ax, by - ay) || 1;
      return [ax + ((bx - ax) / d) * by_, ay + ((by - ay) / d) * by_] as const;
    };
    const [sx, sy] = trim(x1, y1, qx, qy, r + 2);
    const [tx, ty] = trim(x2, y2, qx, qy, r + 3);
    const ux = (tx - qx) / (Math.hypot(tx - qx, ty - qy) || 1);
    const uy = (ty - qy) / (Math.hypot(tx - qx, ty - qy) || 1);
    const arrow = `M${px(tx)} ${px(ty)}L${px(tx - ux * 9 - uy * 4.5)} ${px(ty - uy * 9 + ux * 4.5)}L${px(tx - ux * 9 + uy * 4.5)} ${px(ty - uy * 9 - ux * 4.5)}Z`;
    edges.push(
      h(
        'g',
        { class: 'edge' },
        h('title', {}, title),
        h('path', {
          d: `M${px(sx)} ${px(sy)}Q${px(qx)} ${px(qy)} ${px(tx)} ${px(ty)}`,
          fill: 'none',
          stroke: color,
          ...style,
        }),
        h('path', { d: arrow, fill: color, opacity: style.opacity }),
      ),
    );
    if (label !== null && length > 0) {
      const text = fitText(label, width * 0.5, 10.5);
      const w = textWidth(text, 10.5) + 12;
      // On the curve's middle, or the first place along it (then just off it) clear of every component and label.
      const boxAt = ([t, shift]: readonly [number, number]): Box => {
        const [x, y] = bezier(t, sx, sy, qx, qy, tx, ty);
        return { x: x - w / 2, y: y - 9 + shift, w, h: 18 };
      };
      const spots = [0, -12, 12, -24, 24].flatMap((shift) =>
        [0.5, 0.4, 0.6, 0.3, 0.7].map((t) => [t, shift] as const),
      );
      const free = (box: Box) =>
        box.y > head.bottom &&
        box.x >= 0 &&
        box.x + box.w <= width &&
        !nodes.some((node) => node.boxes.some((b) => overlap(b, box, 2))) &&
        !placed.some((b) => overlap(b, box, 2));
      const spot = boxAt(spots.find((candidate) => free(boxAt(candidate))) ?? [0.5, 0]);
      placed.push(spot);
      const mx = spot.x + w / 2;
      const my = spot.y + 9;
      labels.push(
        h(
          'g',
          { class: 'edge-label' },
          h('rect', {
            x: px(mx - w / 2),
            y: px(my - 9),
            width: px(w),
            height: 18,
            rx: 3,
            fill: '#fff',
            stroke: '#c9ced6',
          }),
          h(
            'text',
            { x: px(mx), y: px(my + 4), 'text-anchor': 'middle', 'font-size': 10.5, fill: '#333' },
            text,
          ),
        ),
      );
    }
  };
  for (const call of options.mutedCalls ?? []) {
    if (!cells.has(call.from) || !cells.has(call.to)) continue;
    drawEdge(
      call.from,
      call.to,
      { 'stroke-width': 1.5, 'stroke-dasharray': '2 3', opacity: 0.8 },
      '#8e97a6',
      0.25,
      null,
      `${call.from} → ${call.to} (same language)`,
    );
  }
  for (const b of decision.boundaries) {
    if (!cells.has(b.from) || !cells.has(b.to)) continue;
    const label = options.edgeLabel ? options.edgeLabel(b) : boundaryLabel(b);
    drawEdge(
      b.from,
      b.to,
      { 'stroke-width': 2, 'stroke-dasharray': b.mechanism === 'ffi' ? undefined : '6 4', opacity: 0.85 },
      '#5b6472',
      0.2,
      label,
      `${b.from} → ${b.to}: ${boundaryLabel(b)}`,
    );
  }
  const dots = decision.components.map((component) => {
    const [x, y] = center(component.name);
    const color = LANGUAGE_COLORS[component.language];
    return h(
      'g',
      { class: `component ${component.language}` },
      h('title', {}, `${component.name}: ${component.language === 'go' ? 'Go' : 'Rust'}`),
      h('circle', { cx: px(x), cy: px(y), r, fill: color }),
      h(
        'text',
        { x: px(x), y: px(y + r + 14), 'text-anchor': 'middle', 'font-size': nameSize, fill: INK },
        fitText(component.name, labelWidth, nameSize),
      ),
    );
  });
  return frame(
    width,
    height,
    'Hybrid plan: components and boundaries',
    ...head.nodes,
    ...edges,
    ...dots,
    ...labels,
    key.node,
  );
}
