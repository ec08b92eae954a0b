/** @module The one chart component of the UI: ECharts core with only the charts we use, rendered as SVG, fed by the shared option builders. */
import { BarChart, GraphChart, LineChart, RadarChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Tree-shaken: every chart and component the option builders in src/core/report/charts.ts use, nothing more.
use([
  BarChart,
  GraphChart,
  LineChart,
  RadarChart,
  ScatterChart,
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

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
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const instance = init(element, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Tooltips render as SVG text (not HTML), so names typed by users can never become markup.
    chart.current?.setOption(withSafeTooltip(option), { notMerge: true, lazyUpdate: true });
  }, [option]);

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
