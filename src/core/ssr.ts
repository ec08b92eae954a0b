/** @module The core's second curated entry: the self-contained HTML report and server-side chart rendering. Kept out of index.ts because it loads ECharts (hundreds of modules), which every CLI start would otherwise pay for; the CLI and the server import it lazily, only when they render HTML. */

export type { HtmlReportOptions, LabRunView } from './report/html.ts';
export { renderChartSvg, renderHtmlReport } from './report/html.ts';
