/** @module The one chart component of the UI: ECharts (core, only the charts we use, SVG) loaded on first use with a dynamic import, fed by the shared option builders. */
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

type EChartsModule = typeof import('./echarts-setup.ts');
let loading: Promise<EChartsModule> | null = null;

/** One download for every chart on the page; the first paint (verdict, tables) does not wait for it. */
function loadECharts(): Promise<EChartsModule> {
  loading ??= import('./echarts-setup.ts');
  return loading;
}

export type EChartsViewProps = {
  option: EChartsCoreOption;
  height?: number;
  testId?: string;
  label: string;
};

/**
 * Render one ECharts option; re-renders when the option object changes and follows its container's width.
 * @example
 * <EChartsView option={radarChartOption(decision)} label="Go and Rust ratings" height={320} />
 */
export function EChartsView({ option, height = 320, testId, label }: EChartsViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    let instance: EChartsType | null = null;
    let observer: ResizeObserver | null = null;
    let disposed = false;
    void loadECharts().then(({ init }) => {
      if (disposed) return;
      const created = init(element, null, { renderer: 'svg' });
      instance = created;
      observer = new ResizeObserver(() => created.resize());
      observer.observe(element);
      setChart(created);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
      setChart(null);
    };
  }, []);

  useEffect(() => {
    // Tooltips render as SVG text (not HTML), so names typed by users can never become markup.
    chart?.setOption(withSafeTooltip(option), { notMerge: true, lazyUpdate: true });
  }, [chart, option]);

  return (
    <div
      ref={container}
      className="chart"
      style={{ height }}
      data-testid={testId}
      role="img"
      aria-label={label}
    />
  );
}

function withSafeTooltip(option: EChartsCoreOption): EChartsCoreOption {
  const tooltip = option.tooltip;
  if (tooltip === undefined) return option;
  const list = Array.isArray(tooltip) ? tooltip : [tooltip];
  return {
    ...option,
    tooltip: list.map((entry) => ({ ...(entry as object), renderMode: 'richText' })),
  };
}
