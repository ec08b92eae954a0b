/** @module The core's second curated entry: the self-contained HTML report with its inline SVG charts. Kept out of index.ts so a CLI start that prints text or JSON does not compile the report and chart code; the CLI and the server import it lazily, only when they render HTML. */

export type { HtmlReportOptions, LabRunView } from './report/html.ts';
export { renderHtmlReport } from './report/html.ts';
