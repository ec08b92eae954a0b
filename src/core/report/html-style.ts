/** @module The stylesheet of the self-contained HTML report: screen and print, no web fonts, no url() and no imports, so the file makes no request. */

/**
 * Inline CSS of the HTML report; on a phone each table row becomes a card whose cells name their column. Printing
 * keeps colours, shows every folded explanation whole (its print-only copy, html.ts foldable), lets a long table row
 * break across pages rather than leave half a page empty, scales a tall chart (a hybrid plan of 40 components) to fit
 * one page instead of splitting it, repeats table headers on each page, and drops the page background.
 */
export const REPORT_CSS = `
:root { --go: #00ADD8; --rust: #B7410E; --ink: #1d1d1f; --muted: #5b5b66; --line: #d9d9e0; --bg: #ffffff; --soft: #f5f6f8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--soft); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px 28px 48px; background: var(--bg); overflow-wrap: break-word; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0.2em 0 0.3em; }
h2 { font-size: 1.25rem; margin: 1.8em 0 0.6em; padding-bottom: 0.2em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2em 0 0.4em; }
p { margin: 0.4em 0 0.8em; }
.meta { color: var(--muted); font-size: 0.9rem; }
.summary { font-size: 1.05rem; color: var(--muted); }
.verdict { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: baseline; padding: 14px 18px; border: 2px solid var(--line); border-radius: 8px; margin: 16px 0; }
.verdict strong { font-size: 1.5rem; }
.verdict .meaning { flex-basis: 100%; font-size: 0.9rem; }
.verdict.go { border-color: var(--go); }
.verdict.rust { border-color: var(--rust); }
.verdict.hybrid { border-image: linear-gradient(90deg, var(--go), var(--rust)) 1; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 0.8rem; font-weight: 600; border: 1px solid currentColor; }
.badge.go { color: #006f8a; }
.badge.rust { color: var(--rust); }
.badge.warn { color: #8a5a00; }
.badge.evidence { color: #2c6e2f; }
.badge.policy { color: #6b3fa0; }
.badge.priority { color: var(--muted); }
.badge.hybrid { color: #5a4a00; }
ul.reasons { margin: 0.2em 0 0; padding-left: 1.1em; font-size: 0.9em; }
.reasons-head, .experience { display: block; margin-top: 0.3em; font-size: 0.9em; }
table { width: 100%; border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.92rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart { margin: 12px 0 20px; text-align: center; break-inside: avoid; page-break-inside: avoid; }
.chart svg { width: 100%; height: auto; }
.charts-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
ul { padding-left: 1.3em; }
li { margin: 0.25em 0; }
code, .id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85em; }
.url { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.8em; color: var(--muted); word-break: break-all; }
/* A source named in words breaks between them; only a word wider than its column (a long repository name) breaks inside. */
.cite { font-size: 0.85em; color: var(--muted); overflow-wrap: anywhere; }
.print-only { display: none; }
.measured { display: block; color: #2c6e2f; font-size: 0.85em; }
.muted { color: var(--muted); }
footer { margin-top: 32px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85rem; }
@media (max-width: 760px) { .charts-2 { grid-template-columns: 1fr; } main { padding: 16px; } }
.narrow-only { display: none; }
@media screen and (max-width: 640px) {
  .wide-only { display: none; }
  .narrow-only { display: block; }
  table, tbody, tr, td { display: block; width: 100%; }
  thead { display: none; }
  tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  td { border: 0; padding: 2px 0; }
  td.num { text-align: left; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  .id { overflow-wrap: anywhere; }
}
@page { margin: 14mm 12mm; }
@media print {
  body { background: none; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .verdict, .chart { break-inside: avoid; page-break-inside: avoid; }
  /* A page holds at most about 250 mm (Letter, less these margins): a taller chart is drawn smaller, whole. */
  .chart svg { max-height: 235mm; }
  details { display: none; }
  .print-only { display: block; }
  /* The explanation is what a reader prints for: it gets the room, the numbers and sources stay narrow. */
  td[data-label="Why"] { width: 50%; }
  td[data-label="Evidence"] { width: 16%; }
  thead { display: table-header-group; }
  .charts-2 { grid-template-columns: 1fr 1fr; }
}
`;
