/** @module Tests of the SVG charts: the data each chart shows (read back from the drawing: labels, titles, positions), its colours, its axes, and the text alternative every mark carries. */
import { describe, expect, it } from 'vitest';
import type { Decision } from '../decision/schema.ts';
import { CRITERION_IDS } from '../profile/vocabulary.ts';
import {
  contributionChart,
  gcTimelineChart,
  hybridPlanChart,
  LANGUAGE_COLORS,
  percentileChart,
  percentileLabel,
  percentileToX,
  radarChart,
  wrapLabel,
} from './charts.ts';
import { buildDecision, buildHybridDecision } from './decision-fixture.test-helpers.ts';
import { niceTicks, type SvgChild, type SvgNode, svgToString, textWidth } from './svg.ts';

/** Every element of the tree that matches. */
function all(node: SvgChild, match: (n: SvgNode) => boolean): SvgNode[] {
  if (typeof node === 'string') return [];
  return [...(match(node) ? [node] : []), ...node.children.flatMap((child) => all(child, match))];
}
/** The text content of an element, as a browser would give it. */
function text(node: SvgChild): string {
  return typeof node === 'string' ? node : node.children.map(text).join('');
}
const byTag = (tag: string) => (n: SvgNode) => n.tag === tag;
const byClass = (name: string) => (n: SvgNode) =>
  String(n.attrs.class ?? '')
    .split(' ')
    .includes(name);
/** Text elements outside <title>s: what is drawn. */
const drawnTexts = (root: SvgNode) => all(root, byTag('text')).map(text);
const titles = (root: SvgNode) => all(root, byTag('title')).map(text);

const SERIES = [
  {
    name: 'Go',
    language: 'go' as const,
    points: [
      { p: 0.5, ms: 1 },
      { p: 0.99, ms: 4 },
      { p: 0.999, ms: 9 },
      { p: 1, ms: 30 },
    ],
  },
  {
    name: 'Rust',
    language: 'rust' as const,
    points: [
      { p: 0.5, ms: 0.8 },
      { p: 0.999, ms: 3 },
    ],
  },
];

describe('contributionChart', () => {
  it('sorts criteria by the size of their contribution and colours them by the side they favour', () => {
    const chart = contributionChart(buildDecision(), { width: 560 });
    const bars = all(chart, byClass('bar'));
    expect(bars.map((bar) => text(all(bar, byTag('title'))[0] as SvgNode))).toEqual([
      'Development speed: +0.90 (favours Go)',
      'Onboarding: +0.75 (favours Go)',
      'Latency predictability: −0.60 (favours Rust)',
      'Deployment: 0.00 (neutral)',
    ]);
    const fills = bars.map((bar) => all(bar, byTag('rect'))[0]?.attrs.fill);
    expect(fills.slice(0, 3)).toEqual([LANGUAGE_COLORS.go, LANGUAGE_COLORS.go, LANGUAGE_COLORS.rust]);
    // Longest bar on top, and right of zero for Go, left of zero for Rust.
    const rect = (i: number, name: string) => Number(all(bars[i] as SvgNode, byTag('rect'))[0]?.attrs[name]);
    expect(rect(0, 'y')).toBeLessThan(rect(1, 'y'));
    expect(rect(0, 'width')).toBeGreaterThan(rect(1, 'width'));
    expect(rect(2, 'x') + rect(2, 'width')).toBeCloseTo(rect(0, 'x'), 0);
    expect(drawnTexts(chart)).toContain('← favours Rust · favours Go →');
  });

  it('keeps every label inside the drawing at phone width', () => {
    const chart = contributionChart(buildDecision(), { width: 340 });
    for (const node of all(chart, byTag('text'))) {
      const x = Number(node.attrs.x);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(340);
    }
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

describe('radarChart', () => {
  it('has one spoke per criterion on a 0..10 scale and one polygon per language', () => {
    const chart = radarChart(buildDecision(), { width: 560, height: 420 });
    const go = all(chart, byClass('go'))[0] as SvgNode;
    const rust = all(chart, byClass('rust'))[0] as SvgNode;
    expect(titles(go)).toEqual([
      'Go, Development speed: 9.0 of 10',
      'Go, Latency predictability: 6.0 of 10',
      'Go, Onboarding: 8.0 of 10',
      'Go, Deployment: 8.0 of 10',
    ]);
    expect(titles(rust).map((t) => Number(/: ([\d.]+) of 10/.exec(t)?.[1]))).toEqual([6, 9, 5, 8]);
    expect(all(go, byTag('polygon'))[0]?.attrs.stroke).toBe(LANGUAGE_COLORS.go);
    expect(all(rust, byTag('polygon'))[0]?.attrs['stroke-dasharray']).toBe('6 4');
    // Five rings (2, 4, 6, 8, 10), each with one corner per criterion.
    const rings = chart.children.filter((c) => typeof c !== 'string' && c.tag === 'polygon') as SvgNode[];
    expect(rings).toHaveLength(5);
    expect(String(rings[0]?.attrs.points).split(' ')).toHaveLength(4);
    expect(drawnTexts(chart)).toEqual(expect.arrayContaining(['Go', 'Rust']));
  });

  it('keeps every criterion name whole on a phone (343 px), inside the drawing', () => {
    const row = buildDecision().criteria[0] as Decision['criteria'][number];
    const criteria = CRITERION_IDS.map((id) => ({ ...row, id }));
    expect(criteria).toHaveLength(12);
    const chart = radarChart(buildDecision({ criteria }), { width: 343, height: 340 });
    const labels = all(chart, byTag('text')).filter((t) => t.attrs['font-size'] === 11);
    // Until 2026-12-07 "Latency predictability" read "predictabili…" at 375 px: its room was the side column's.
    expect(drawnTexts(chart).join(' ')).not.toContain('…');
    expect(drawnTexts(chart).join(' ')).toContain('predictability');
    for (const label of labels) {
      const x = Number(label.attrs.x);
      const lines = label.children.map(text);
      const widest = Math.max(...lines.map((line) => textWidth(line, 11)));
      const anchor = label.attrs['text-anchor'];
      const [left, right] =
        anchor === 'start'
          ? [x, x + widest]
          : anchor === 'end'
            ? [x - widest, x]
            : [x - widest / 2, x + widest / 2];
      expect(left, text(label)).toBeGreaterThanOrEqual(0);
      expect(right, text(label)).toBeLessThanOrEqual(343);
    }
  });
});

describe('percentileChart', () => {
  it('maps percentiles to 1/(1-p) and labels the log axis as percentiles', () => {
    expect(percentileToX(0.5)).toBe(2);
    expect(percentileToX(0.99)).toBeCloseTo(100);
    expect(percentileLabel(2)).toBe('p50');
    expect(percentileLabel(10)).toBe('p90');
    expect(percentileLabel(1000)).toBe('p99.9');
    expect(percentileLabel(10000)).toBe('p99.99');
  });

  it('plots each series on a log x axis with ticks up to the deepest percentile, leaving out the max, with the SLO', () => {
    const chart = percentileChart(SERIES, { width: 880, sloMs: 20 });
    const texts = drawnTexts(chart);
    expect(texts.filter((t) => /^p\d/.test(t) && !t.startsWith('p99 '))).toEqual([
      'p50',
      'p90',
      'p99',
      'p99.9',
    ]);
    const [go, rust] = all(chart, byClass('series'));
    expect(all(go as SvgNode, byTag('circle'))).toHaveLength(3);
    expect(titles(go as SvgNode)).toEqual(['Go: p50 1 ms', 'Go: p99 4 ms', 'Go: p99.9 9 ms']);
    expect(all(rust as SvgNode, byTag('polyline'))[0]?.attrs['stroke-dasharray']).toBe('6 4');
    expect(texts).toContain('SLO p99 20 ms');
    expect(all(chart, byClass('slo'))).toHaveLength(1);
    // A linear latency axis from zero: 0 to 20 ms fits under a 50x spread.
    expect(texts).toContain('0');
    expect(texts).toContain('latency (ms)');
  });

  it('places p50 left of p99 and a higher latency higher up', () => {
    const chart = percentileChart(SERIES, { width: 600 });
    const [p50, p99] = all(all(chart, byClass('series'))[0] as SvgNode, byTag('circle'));
    expect(Number(p50?.attrs.cx)).toBeLessThan(Number(p99?.attrs.cx));
    expect(Number(p50?.attrs.cy)).toBeGreaterThan(Number(p99?.attrs.cy));
  });

  it('draws an invalid step dashed, faded and with hollow points, and says so in its figures', () => {
    const chart = percentileChart([{ ...(SERIES[0] as (typeof SERIES)[0]), invalid: true }], { width: 600 });
    const series = all(chart, byClass('invalid'))[0] as SvgNode;
    expect(series.attrs.opacity).toBe(0.5);
    expect(all(series, byTag('polyline'))[0]?.attrs['stroke-dasharray']).toBe('3 5');
    expect(all(series, byTag('circle'))[0]?.attrs.fill).toBe('#fff');
    expect(titles(series)[0]).toBe('Go (invalid step): p50 1 ms');
  });

  it('switches the y axis to log when latencies span more than 50x', () => {
    const chart = percentileChart(
      [
        {
          name: 'Go',
          points: [
            { p: 0.5, ms: 0.5 },
            { p: 0.9999, ms: 400 },
          ],
        },
      ],
      { width: 600 },
    );
    expect(drawnTexts(chart)).toEqual(expect.arrayContaining(['0.1', '1', '10', '100', '1000']));
  });
});

describe('gcTimelineChart', () => {
  it('plots p99 and max over time and each GC pause (sweep + mark termination) on a second axis', () => {
    const chart = gcTimelineChart(
      {
        latency: [
          { t_s: 0, p99_ms: 3, max_ms: 9 },
          { t_s: 1, p99_ms: 12, max_ms: 40 },
        ],
        cycles: [{ at_s: 0.9, stw_sweep_ms: 0.05, stw_mark_ms: 0.2 }],
      },
      { width: 880 },
    );
    expect(all(chart, byClass('series')).map((s) => s.attrs.class)).toEqual([
      'series p99',
      'series max',
      'series gc',
    ]);
    expect(titles(all(chart, byClass('gc'))[0] as SvgNode)).toEqual(['GC pause at 0.9 s: 0.25 ms']);
    expect(drawnTexts(chart)).toEqual(
      expect.arrayContaining(['GC pause (ms)', 'latency (ms)', 'GC stop-the-world pause']),
    );
    expect(all(chart, byClass('slo'))).toHaveLength(0);
  });

  it('draws the p99 target when there is one, as the percentile chart does', () => {
    const chart = gcTimelineChart(
      { latency: [{ t_s: 0, p99_ms: 3, max_ms: 9 }], cycles: [], sloMs: 20 },
      { width: 600 },
    );
    expect(drawnTexts(chart)).toContain('SLO p99 20 ms');
  });

  it("keeps the SLO label off the axis titles when the SLO line runs along the plot's top", () => {
    // The SLO is the highest value here, so the axis ends at it and its line is the plot's top edge.
    const chart = gcTimelineChart(
      { latency: [{ t_s: 0, p99_ms: 3, max_ms: 9 }], cycles: [{ at_s: 0.5, stw_mark_ms: 0.2 }], sloMs: 20 },
      { width: 390 },
    );
    const yOf = (label: string) => Number(all(chart, byTag('text')).find((t) => text(t) === label)?.attrs.y);
    const slo = yOf('SLO p99 20 ms');
    expect(Number.isFinite(slo)).toBe(true);
    for (const title of ['GC pause (ms)', 'latency (ms)'])
      expect(slo - yOf(title)).toBeGreaterThanOrEqual(12);
  });
});

describe('hybridPlanChart', () => {
  it('draws components coloured by language, Go left and Rust right, and boundaries labelled with mechanism, cost and calls per request', () => {
    const chart = hybridPlanChart(buildHybridDecision(), { width: 880 });
    const components = all(chart, byClass('component'));
    expect(components.map((c) => [c.attrs.class, text(all(c, byTag('text'))[0] as SvgNode)])).toEqual([
      ['component rust', 'proxy'],
      ['component go', 'control'],
    ]);
    const cx = (i: number) => Number(all(components[i] as SvgNode, byTag('circle'))[0]?.attrs.cx);
    expect(cx(1)).toBeLessThan(cx(0));
    expect(all(components[0] as SvgNode, byTag('circle'))[0]?.attrs.fill).toBe(LANGUAGE_COLORS.rust);
    expect(all(chart, byClass('edge'))).toHaveLength(1);
    const label = all(chart, byClass('edge-label'))[0] as SvgNode;
    // Mechanism, median cost per call and the calls per request the plan counted (the fixture's 0.01).
    expect(text(label)).toBe('grpc · 100 µs/call × 0.01/req');
    // The label sits on an opaque box, so the dashed edge never runs through its text.
    expect(all(label, byTag('rect'))[0]?.attrs.fill).toBe('#fff');
  });

  it('keeps a left-to-right edge between top-row components, and its label, clear of the subtitle', () => {
    const decision = buildHybridDecision();
    const boundaries = decision.boundaries.map((b) => ({ ...b, from: 'control', to: 'proxy' }));
    for (const width of [390, 880]) {
      const chart = hybridPlanChart({ ...decision, boundaries }, { width });
      const subtitle = all(chart, byTag('text')).find((t) => text(t).startsWith('Go left'));
      const box = all(all(chart, byClass('edge-label'))[0] as SvgNode, byTag('rect'))[0];
      // The subtitle's baseline plus its descent is above the label box's top edge.
      expect(Number(box?.attrs.y), `width ${width}`).toBeGreaterThan(Number(subtitle?.attrs.y) + 4);
    }
  });

  it("keeps edges and their labels off other components on a phone's narrow chart", () => {
    // The layout of a user's five-component plan (Go left, Rust right): the right column's top component calls the
    // left column's third across the middle row, where the label sat on device-agent and the edge ran past its name.
    const decision = buildHybridDecision();
    const component = (name: string, language: 'go' | 'rust') => ({
      name,
      language,
      why: 'test',
      scores: { go: 7, rust: 7 },
    });
    const boundary = (from: string, to: string, calls_per_request: number) => ({
      ...(decision.boundaries[0] as Decision['boundaries'][number]),
      from,
      to,
      per_call_us: 102,
      calls_per_request,
    });
    const plan: Decision = {
      ...decision,
      components: [
        component('ingest-gateway', 'go'),
        component('stream-processor', 'rust'),
        component('parser', 'go'),
        component('query-api', 'go'),
        component('device-agent', 'rust'),
      ],
      boundaries: [
        boundary('ingest-gateway', 'stream-processor', 1),
        boundary('stream-processor', 'query-api', 0.01),
      ],
    };
    for (const width of [352, 390, 880]) {
      const chart = hybridPlanChart(plan, {
        width,
        mutedCalls: [{ from: 'ingest-gateway', to: 'parser' }],
        edgeLabel: (b) => `grpc 102 × ${b.calls_per_request}/req`,
      });
      const dots = all(chart, byClass('component')).map((g) => {
        const circle = all(g, byTag('circle'))[0] as SvgNode;
        return { name: text(all(g, byTag('text'))[0] as SvgNode), circle };
      });
      const r = Number(dots[0]?.circle.attrs.r);
      const boxes = all(chart, byClass('edge-label')).map((g) => all(g, byTag('rect'))[0] as SvgNode);
      expect(boxes).toHaveLength(2);
      for (const box of boxes) {
        const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((key) => Number(box.attrs[key]));
        for (const { name, circle } of dots) {
          const [cx, cy] = [Number(circle.attrs.cx), Number(circle.attrs.cy)];
          const apart =
            (x as number) + (w as number) <= cx - r ||
            cx + r <= (x as number) ||
            (y as number) + (h as number) <= cy - r ||
            cy + r <= (y as number);
          expect(apart, `width ${width}: a label over ${name}`).toBe(true);
        }
      }
      // The long edge keeps more than a dot's radius from device-agent, the component it passes.
      const edge = all(chart, byClass('edge')).find((g) =>
        text(g).startsWith('stream-processor → query-api'),
      );
      const d = String(all(edge as SvgNode, byTag('path'))[0]?.attrs.d);
      const [sx, sy, qx, qy, tx, ty] = (d.match(/-?[\d.]+/g) ?? []).map(Number) as number[];
      const agent = dots.find((dot) => dot.name === 'device-agent')?.circle as SvgNode;
      for (let t = 0; t <= 1; t += 0.05) {
        const u = 1 - t;
        const px = u * u * (sx as number) + 2 * u * t * (qx as number) + t * t * (tx as number);
        const py = u * u * (sy as number) + 2 * u * t * (qy as number) + t * t * (ty as number);
        const gap = Math.hypot(px - Number(agent.attrs.cx), py - Number(agent.attrs.cy));
        expect(gap, `width ${width}`).toBeGreaterThan(r + 12);
      }
    }
  });

  it('drops edges to unknown components instead of failing, and draws muted calls without labels', () => {
    const decision = buildHybridDecision();
    const ghost = { from: 'proxy', to: 'ghost', mechanism: 'ffi' as const, per_call_us: 0.1, why: 'test' };
    const chart = hybridPlanChart(
      { ...decision, boundaries: [...decision.boundaries, ghost] },
      { width: 600, mutedCalls: [{ from: 'control', to: 'proxy' }], edgeLabel: () => null },
    );
    expect(all(chart, byClass('edge'))).toHaveLength(2);
    expect(all(chart, byClass('edge-label'))).toHaveLength(0);
  });

  it('says there is no plan when the profile has no components', () => {
    const chart = hybridPlanChart(buildDecision(), { width: 600 });
    expect(all(chart, byClass('component'))).toEqual([]);
    expect(drawnTexts(chart).join(' ')).toMatch(/No components/);
  });
});

describe('svg', () => {
  it('escapes user text in text and attributes', () => {
    const decision = buildHybridDecision();
    const evil = '<img src=x onerror=alert(1)>"';
    const chart = hybridPlanChart(
      {
        ...decision,
        components: decision.components.map((c, i) => (i === 0 ? { ...c, name: evil } : c)),
        boundaries: decision.boundaries.map((b) => ({ ...b, from: evil })),
      },
      { width: 880 },
    );
    const markup = svgToString(chart);
    expect(markup).not.toContain('<img');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;');
  });

  it('picks round ticks that cover the range', () => {
    expect(niceTicks(0, 9.3)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(-0.6, 0.9)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(0, 0.9, 3)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
    // Zero is 0, not -5.55e-17 (three steps of 0.2 added to -0.6).
    expect(niceTicks(-0.477, 0.29)).toEqual([-0.6, -0.4, -0.2, 0, 0.2, 0.4]);
    expect(niceTicks(0, 0.03)).toEqual([0, 0.01, 0.02, 0.03]);
    expect(niceTicks(0, 0.012)).toEqual([0, 0.005, 0.01, 0.015]);
  });
});
