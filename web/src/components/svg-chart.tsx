/** @module The one chart component of the UI: draws a chart of src/core/report/charts.ts (an SVG element tree, the same code as the HTML report's) at its container's width, as React elements, so text stays 11-14 px on a phone and a slider move only patches what changed. */
import { createElement, type ReactElement, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SvgChild } from '../../../src/core/browser.ts';

export type SvgChartProps = {
  /** Draws the chart at a width in CSS pixels; memoise it (useCallback) on the data it shows. */
  draw: (width: number) => SvgChild;
  testId?: string;
  /** What the chart shows, for screen readers (the figures themselves are in a table or a summary nearby). */
  label: string;
};

/** Until the container is measured (first render, tests without layout): a typical card width. */
const FALLBACK_WIDTH = 560;

/**
 * @example
 * const draw = useCallback((width: number) => radarChart(decision, { width }), [decision]);
 * <SvgChart draw={draw} testId="chart-radar" label="Radar of Go and Rust ratings" />
 */
export function SvgChart({ draw, testId, label }: SvgChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const measure = () => {
      // Whole pixels, so a sub-pixel change of the layout does not redraw the chart.
      const next = Math.floor(element.clientWidth);
      if (next > 0) setWidth((old) => (old === next ? old : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const chart = useMemo(() => toReact(draw(width || FALLBACK_WIDTH), 'c'), [draw, width]);
  return (
    <div ref={container} className="chart" data-testid={testId} role="img" aria-label={label}>
      {chart}
    </div>
  );
}

/** SVG attribute names as React spells them: `stroke-width` -> `strokeWidth`; aria-* and data-* stay as they are. */
function reactName(name: string): string {
  if (name === 'class') return 'className';
  if (name.startsWith('aria-') || name.startsWith('data-')) return name;
  return name.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

function toReact(node: SvgChild, key: string): ReactElement | string {
  if (typeof node === 'string') return node;
  const props: Record<string, string | number> = { key };
  for (const [name, value] of Object.entries(node.attrs)) {
    if (value !== undefined) props[reactName(name)] = value;
  }
  // The outer <div> is the image for assistive technology; the SVG inside is decoration.
  if (node.tag === 'svg') {
    delete props.role;
    delete props['aria-label'];
    props['aria-hidden'] = 'true';
    props.focusable = 'false';
  }
  return createElement(node.tag, props, ...node.children.map((child, i) => toReact(child, String(i))));
}
