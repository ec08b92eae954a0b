/** @module ECharts core with only the charts and components the shared option builders use, rendered as SVG; loaded on demand by EChartsView so the first paint does not wait for it. */
import { BarChart, GraphChart, LineChart, RadarChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

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

export { init };
