/** @module Exports of a saved decision (ADR, Markdown, JSON, self-contained HTML), rendered in the browser by the same core renderers as the CLI. */
import {
  adrFileName,
  type Decision,
  renderAdr,
  renderJson,
  renderMarkdown,
} from '../../../src/core/index.ts';
import { downloadText, slugify } from './download.ts';

export const EXPORT_FORMATS = ['adr', 'md', 'json', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_LABELS: Record<ExportFormat, string> = {
  adr: 'ADR',
  md: 'Markdown',
  json: 'JSON',
  html: 'HTML report',
};

/**
 * Today's date as YYYY-MM-DD in the user's time zone (the core takes the date as an argument: no clock in core).
 * @example
 * today(new Date('2026-03-04T10:00:00')); // '2026-03-04'
 */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The file name and text of one export.
 * @example
 * const { fileName, text } = await renderExport(decision, 'adr', 3);
 */
export async function renderExport(
  decision: Decision,
  format: ExportFormat,
  number: number,
  date: string = today(),
): Promise<{ fileName: string; text: string; type: string }> {
  const base = slugify(decision.project?.name ?? 'decision');
  switch (format) {
    case 'adr':
      return {
        fileName: adrFileName(decision, number),
        text: renderAdr(decision, { date }),
        type: 'text/markdown',
      };
    case 'md':
      return { fileName: `${base}.md`, text: renderMarkdown(decision), type: 'text/markdown' };
    case 'json':
      return { fileName: `${base}.json`, text: renderJson(decision), type: 'application/json' };
    default: {
      // Loaded on demand: the HTML report brings ECharts' server-side rendering path, which the page does not need.
      const { renderHtmlReport } = await import('../../../src/core/ssr.ts');
      return { fileName: `${base}.html`, text: renderHtmlReport(decision, { date }), type: 'text/html' };
    }
  }
}

/**
 * Render and download one export.
 * @example
 * await downloadExport(decision, 'md', 1);
 */
export async function downloadExport(
  decision: Decision,
  format: ExportFormat,
  number: number,
): Promise<void> {
  const { fileName, text, type } = await renderExport(decision, format, number);
  downloadText(fileName, text, type);
}
