/** @module A lab run as text, Markdown or JSON (JSON: id, mode, environment, workloads[] with name, kind, valid, per-language figures and the headline `comparison`), and the comparison of two runs. */
import { formatFigure } from '../../core/report/format.ts';
import type { LabRunView } from '../../core/ssr.ts';
import { finiteJson, type RunListRow, type StoredRun } from '../../store/lab-runs.ts';
import { describeComparison } from './comparison.ts';
import { describeEnvironment, type Environment } from './environment.ts';
import { summarizeRun } from './summary.ts';
import type { CrossCell, Figures, RunSummary, WorkloadSummary } from './summary-types.ts';

export type ReportFormat = 'text' | 'md' | 'json';

/** Figures shown first (and named as the issue asks) when a workload has them. */
const HEADLINE = [
  'rate_rps',
  'max_rps_within_slo',
  'capacity_rps',
  'p50_ms',
  'p99_ms',
  'p999_ms',
  'max_ms',
  'achieved_rps',
  'rss_peak_mib',
  'cpu_s_per_1k',
  'gc_pause_total_ms',
  'gc_pause_max_ms',
];

/**
 * One line naming the machine and toolchains of a run's environment.
 * @example
 * environmentLine({ cpu_model: 'AMD EPYC', cores: 2, go_version: 'go1.26.8' }); // 'AMD EPYC, 2 cores, go1.26.8'
 */
export function environmentLine(env: Record<string, unknown> | null): string {
  if (!env) return 'environment not recorded';
  if (typeof env.cpu_model === 'string' && typeof env.os === 'string' && typeof env.kernel === 'string') {
    return describeEnvironment(env as unknown as Environment);
  }
  const pick = (...keys: string[]) => {
    for (const key of keys) {
      const v = env[key];
      if (typeof v === 'string' && v.length > 0) return v;
      if (typeof v === 'number') return String(v);
    }
    return null;
  };
  const cpu = pick('cpu_model', 'cpu', 'cpuModel');
  const cores = pick('cores', 'cpu_cores', 'logical_cpus');
  const parts = [
    cpu,
    cores ? `${cores} cores` : null,
    pick('kernel', 'os'),
    pick('go_version', 'go'),
    pick('rustc_version', 'rustc', 'rust'),
  ];
  return parts.filter((p): p is string => p !== null).join(', ') || 'environment recorded (see JSON)';
}

function metricsOf(summary: WorkloadSummary): string[] {
  const keys = new Set([...Object.keys(summary.go), ...Object.keys(summary.rust)]);
  const first = HEADLINE.filter((k) => keys.has(k));
  return [...first, ...[...keys].filter((k) => !first.includes(k)).sort()];
}

/**
 * JSON.stringify's replacer for the lab's JSON reports: no NaN or Infinity (finiteJson), and no floating-point noise
 * in a figure (7.824999999999999 reads 7.825): twelve significant digits, far beyond what any figure measured.
 * @example
 * JSON.stringify({ p99_ms: 7.824999999999999 }, reportJson); // '{"p99_ms":7.825}'
 */
export function reportJson(key: string, value: unknown): unknown {
  const finite = finiteJson(key, value);
  return typeof finite === 'number' && !Number.isInteger(finite) ? Number(finite.toPrecision(12)) : finite;
}

function table(header: string[], rows: string[][], markdown: boolean): string[] {
  if (markdown) {
    // A `|` inside a cell (a compiler's message) would open a column of its own.
    const cell = (c: string) => c.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
    return [
      `| ${header.join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ];
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`;
  return [line(header), ...rows.map(line)];
}

function verdictOf(summary: WorkloadSummary, metric: string): string {
  const c = summary.comparisons.find((x) => x.metric === metric);
  if (!c || c.ratio === null) return '';
  const p = c.p === null ? '' : ` p=${c.p.toFixed(3)}`;
  return `${c.better === '~' ? '~' : `${c.better} better`}${p}`;
}

/**
 * The workload's headline in one sentence: the significant winner with its ratio interval and p-value, or "no
 * significant difference" and why.
 * @example
 * headlineText(summary); // 'Rust wins: Go p99 9.8 ms vs Rust 5.3 ms at 12000 req/s, ratio 1.85 (95% CI 1.6-2.1), p = 0.0022'
 */
export function headlineText(summary: WorkloadSummary): string | null {
  const c = summary.comparison;
  if (!c) return null;
  if (c.go === null || c.rust === null)
    return `no comparison: ${c.reason ?? 'a language has no valid figure'}`;
  if (c.significant && c.winner) return `${c.winner === 'go' ? 'Go' : 'Rust'} wins: ${describeComparison(c)}`;
  return `no significant difference: ${describeComparison(c)} (${c.reason ?? 'not significant'})`;
}

/** Figures that count things (repeats, GC cycles, requests): whole numbers read as such, not "1.00". */
const COUNTS = /(^|_)(repeats|cycles|requests|errors|timeouts|unsent|samples|steps|count|procs)$/;

function figureOf(metric: string, value: number | null): string {
  return value !== null && Number.isInteger(value) && COUNTS.test(metric)
    ? Math.round(value).toLocaleString('en-US')
    : formatFigure(value);
}

function workloadLines(summary: WorkloadSummary, markdown: boolean): string[] {
  const lines: string[] = [];
  const title = `${summary.name}: ${summary.valid ? 'valid' : 'NOT VALID'} (${summary.steps} ${summary.steps === 1 ? 'step' : 'steps'}, ${summary.invalid_steps} invalid)`;
  lines.push(markdown ? `## ${title}` : title, '');
  const headline = headlineText(summary);
  if (headline) lines.push(`  ${markdown ? '**' : ''}${headline}${markdown ? '**' : ''}`, '');
  const metrics = metricsOf(summary);
  if (metrics.length > 0) {
    const rows = metrics.map((m) => {
      const go = summary.go[m] ?? null;
      const rust = summary.rust[m] ?? null;
      // No ratio from a workload without a valid comparison: its figures (a capacity probe the generator limited)
      // may be lower bounds, and a ratio of two reads as a finding.
      const ratio =
        summary.valid && go !== null && rust !== null && rust !== 0 ? `${formatFigure(go / rust)}x` : '';
      return [m, figureOf(m, go), figureOf(m, rust), ratio, verdictOf(summary, m)];
    });
    lines.push(...table(['figure', 'go', 'rust', 'go/rust', 'Mann-Whitney'], rows, markdown), '');
  }
  if (summary.kind === 'gc-cache' && Object.keys(summary.detail.variants).length > 0) {
    const rows = Object.entries(summary.detail.variants).map(([name, f]) => [
      name,
      formatFigure(f.p99_ms),
      formatFigure(f.p999_ms),
      formatFigure(f.max_ms),
      formatFigure(f.gc_pause_max_ms),
      formatFigure(f.rss_peak_mib),
    ]);
    lines.push(`  at ${formatFigure(summary.detail.rate_rps)} req/s:`);
    lines.push(
      ...table(['variant', 'p99_ms', 'p999_ms', 'max_ms', 'gc_pause_max_ms', 'rss_peak_mib'], rows, markdown),
      '',
    );
  }
  if (summary.kind === 'build' && summary.detail.cross.length > 0) {
    const rows = summary.detail.cross.map((c) => [c.target, crossText(c.go), crossText(c.rust)]);
    lines.push(...table(['cross target', 'go', 'rust'], rows, markdown), '');
  }
  if (summary.kind === 'boundary') {
    const rows = Object.entries(summary.detail.mechanisms).map(([k, v]) => [k, formatFigure(v)]);
    lines.push(...table(['boundary cost', 'value'], rows, markdown), '');
  }
  if (summary.kind === 'latency') {
    const service = summary.detail.service;
    if (service) lines.push(`  workload file ${service.file} (sha256 ${service.sha256.slice(0, 16)})`);
    lines.push(
      summary.detail.compare_rate_rps === null
        ? `  compared at no rate: no offered rate had valid steps for both; SLO p99 <= ${formatFigure(summary.detail.slo_p99_ms)} ms`
        : `  compared at ${formatFigure(summary.detail.compare_rate_rps)} req/s (the highest offered rate with valid steps for both); SLO p99 <= ${formatFigure(summary.detail.slo_p99_ms)} ms`,
      '',
    );
  }
  const off = summary.anchors.filter((a) => !a.ok);
  // In Markdown each is a list item (they ran together into one paragraph until 2026-12-07), and a file keeps every
  // invalid step's reason; the terminal shows the first eight.
  const item = markdown ? '- ' : '  ';
  for (const a of off) lines.push(`${item}! ${a.lang} ${a.metric} = ${formatFigure(a.value)}: ${a.note}`);
  for (const n of summary.notes) lines.push(`${item}note: ${n}`);
  const shown = markdown ? summary.problems : summary.problems.slice(0, 8);
  for (const p of shown) lines.push(`${item}invalid: ${p}`);
  if (summary.problems.length > shown.length)
    lines.push(`  ... and ${summary.problems.length - shown.length} more`);
  if (off.length > 0 || summary.problems.length > 0 || summary.notes.length > 0) lines.push('');
  return lines;
}

function crossText(cell: CrossCell): string {
  if (cell.ok) return `ok ${formatFigure(cell.seconds)} s`;
  // Cut at a word's end, never inside one (`lab show --format json` keeps the whole reason).
  const reason = (cell.reason ?? '').replace(/\s+/g, ' ').trim();
  const cut = reason.length <= 80 ? reason : `${reason.slice(0, reason.lastIndexOf(' ', 80)).trimEnd()}…`;
  return `failed: ${cut}`;
}

/**
 * The JSON form of a run: `id`, `environment` and `workloads[]` (name, valid, go/rust figures), plus summary detail.
 * @example
 * JSON.parse(JSON.stringify(runToJson(run))).workloads[0].comparison.winner;
 */
export function runToJson(run: StoredRun, summary: RunSummary = summarizeRun(run)): Record<string, unknown> {
  return {
    id: run.id,
    status: run.status,
    mode: summary.mode,
    indicative: summary.indicative,
    started_at: run.started_at,
    finished_at: run.finished_at,
    note: run.note,
    environment: run.environment,
    slo_p99_ms: summary.slo_p99_ms,
    workloads: summary.workloads,
  };
}

/**
 * Render a stored run.
 * @example
 * process.stdout.write(renderRun(run, 'text'));
 */
export function renderRun(run: StoredRun, format: ReportFormat): string {
  const summary = summarizeRun(run);
  if (format === 'json') return `${JSON.stringify(runToJson(run, summary), reportJson, 2)}\n`;
  const md = format === 'md';
  const lines = [
    md ? `# Lab run ${run.id}` : `lab run ${run.id}`,
    '',
    `${md ? '- ' : ''}status: ${run.status}${run.note ? ` (${run.note})` : ''}`,
    `${md ? '- ' : ''}mode: ${summary.mode}${summary.indicative ? ' (indicative only: cannot show significance, never replaces a prior)' : ''}, started ${run.started_at}${run.finished_at ? `, finished ${run.finished_at}` : ''}`,
    `${md ? '- ' : ''}machine: ${environmentLine(run.environment)}`,
    ...pinningLine(run.environment, md),
    '',
  ];
  for (const w of summary.workloads) lines.push(...workloadLines(w, md));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Where the servers and the load generators ran (taskset CPU lists), when the run recorded it. */
function pinningLine(env: Record<string, unknown> | null, md: boolean): string[] {
  if (!env || !('server_cpus' in env)) return [];
  const servers =
    typeof env.server_cpus === 'string' ? `servers on CPU ${env.server_cpus}` : 'servers unpinned';
  const loadgen =
    typeof env.loadgen_cpus === 'string'
      ? `load generators (labload, boundary clients) on CPU ${env.loadgen_cpus}`
      : 'loadgen_cpus' in env
        ? 'load generators unpinned'
        : 'load generators unpinned (not recorded)';
  const lines = [`${md ? '- ' : ''}pinning: ${servers}, ${loadgen}`];
  // lab run --loadgen ssh://...: where the load came from and the address the servers bound.
  if (Array.isArray(env.loadgen_hosts) && env.loadgen_hosts.length > 0) {
    const hosts = (env.loadgen_hosts as { url?: unknown; hostname?: unknown; same_machine?: unknown }[]).map(
      (h) =>
        `${String(h.url)}${typeof h.hostname === 'string' && h.hostname ? ` (${h.hostname}${h.same_machine ? ', same kernel as the servers' : ''})` : ''}`,
    );
    lines.push(
      `${md ? '- ' : ''}load generators on other hosts: ${hosts.join(', ')}; servers bound to ${String(env.server_addr ?? '127.0.0.1')}`,
    );
  }
  // lab run --server ssh://...: the servers under test ran on that host.
  const server = env.server_host as { url?: unknown; hostname?: unknown } | undefined;
  if (server && typeof server === 'object') {
    lines.push(
      `${md ? '- ' : ''}servers under test on another host: ${String(server.url)}${typeof server.hostname === 'string' && server.hostname ? ` (${server.hostname})` : ''}, bound to ${String(env.server_addr ?? '?')}`,
    );
  }
  return lines;
}

/**
 * The stored runs as a table (or JSON). `dbFlag` is the ` --db FILE` that reaches this store again (store/db.ts
 * storeFlag), so the hint for an empty store fills that store, not the default one.
 * @example
 * renderRunList(listRuns(db), 'text', storeFlag(db));
 */
export function renderRunList(rows: RunListRow[], format: ReportFormat, dbFlag = ''): string {
  if (format === 'json') return `${JSON.stringify(rows, reportJson, 2)}\n`;
  if (rows.length === 0)
    return `no lab runs stored yet: \`gorust lab run http-json --quick${dbFlag}\` makes one\n`;
  const body = rows.map((r) => [
    r.id,
    r.status,
    r.mode,
    r.workloads.join(','),
    String(r.steps),
    String(r.invalid_steps),
  ]);
  return `${table(['id', 'status', 'mode', 'workloads', 'steps', 'invalid'], body, format === 'md').join('\n')}\n`;
}

/**
 * Two runs side by side: every figure both measured, with the change from the first to the second.
 * @example
 * renderComparison(older, newer, 'text');
 */
export function renderComparison(a: StoredRun, b: StoredRun, format: ReportFormat): string {
  const sa = summarizeRun(a);
  const sb = summarizeRun(b);
  const rows: {
    workload: string;
    lang: string;
    metric: string;
    a: number;
    b: number;
    change: number | null;
  }[] = [];
  for (const wa of sa.workloads) {
    const wb = sb.workloads.find((w) => w.name === wa.name);
    if (!wb) continue;
    for (const lang of ['go', 'rust'] as const) {
      for (const metric of metricsOf(wa)) {
        const x = wa[lang][metric];
        const y = wb[lang][metric];
        if (x === null || x === undefined || y === null || y === undefined) continue;
        rows.push({ workload: wa.name, lang, metric, a: x, b: y, change: x !== 0 ? (y - x) / x : null });
      }
    }
    // The boundary's figures are the mechanisms' costs (a Go caller and a Rust callee), not one language's: until
    // 2026-12-07 two boundary runs had "no figure in common".
    if (wa.kind === 'boundary' && wb.kind === 'boundary') {
      for (const [metric, x] of Object.entries(wa.detail.mechanisms)) {
        const y = wb.detail.mechanisms[metric as keyof typeof wb.detail.mechanisms];
        if (x === undefined || y === undefined) continue;
        rows.push({
          workload: wa.name,
          lang: 'go+rust',
          metric,
          a: x,
          b: y,
          change: x !== 0 ? (y - x) / x : null,
        });
      }
    }
  }
  if (format === 'json') return `${JSON.stringify({ a: a.id, b: b.id, rows }, reportJson, 2)}\n`;
  const md = format === 'md';
  const header = [
    md ? `# Lab runs ${a.id} vs ${b.id}` : `lab runs ${a.id} -> ${b.id}`,
    '',
    `${md ? '- ' : ''}A: ${environmentLine(a.environment)} (${a.mode})`,
    `${md ? '- ' : ''}B: ${environmentLine(b.environment)} (${b.mode})`,
    '',
  ];
  if (rows.length === 0) return `${[...header, 'the two runs have no figure in common'].join('\n')}\n`;
  // A workload without a valid comparison in a run is marked: its figures there are not findings.
  const invalidIn = (name: string) => {
    const inA = sa.workloads.find((w) => w.name === name)?.valid === false;
    const inB = sb.workloads.find((w) => w.name === name)?.valid === false;
    return inA && inB ? ' (not valid in A or B)' : inA ? ' (not valid in A)' : inB ? ' (not valid in B)' : '';
  };
  const body = rows.map((r) => [
    `${r.workload}${invalidIn(r.workload)}`,
    r.lang,
    r.metric,
    formatFigure(r.a),
    formatFigure(r.b),
    r.change === null ? '' : `${r.change >= 0 ? '+' : ''}${(r.change * 100).toFixed(1)}%`,
  ]);
  return `${[...header, ...table(['workload', 'lang', 'figure', 'A', 'B', 'change'], body, md)].join('\n')}\n`;
}

/**
 * What the HTML report draws of a run: the http-json percentiles of both languages at the compared rate, one Go GC
 * timeline per gc-cache setting (its first valid step), and every validity problem and off-band anchor as a note.
 * @example
 * renderHtmlReport(decision, { date, lab: labRunView(run) });
 */
export function labRunView(run: StoredRun): LabRunView {
  const summary = summarizeRun(run);
  const view: LabRunView = {
    id: run.id,
    environment: environmentLine(run.environment),
    started_at: run.started_at,
  };
  const http = summary.workloads.find((w) => w.kind === 'latency');
  const points = (f: Figures) =>
    (
      [
        [0.5, f.p50_ms],
        [0.9, f.p90_ms],
        [0.99, f.p99_ms],
        [0.999, f.p999_ms],
      ] as const
    ).flatMap(([p, ms]) => (ms === null || ms === undefined ? [] : [{ p, ms }]));
  if (http?.kind === 'latency' && http.valid) {
    view.percentiles = [
      {
        title: `${http.name} at ${formatFigure(http.detail.compare_rate_rps)} req/s`,
        sloMs: summary.slo_p99_ms,
        series: (['go', 'rust'] as const).map((lang) => ({
          name: lang,
          language: lang,
          points: points(http[lang]),
        })),
      },
    ];
  }
  const gc = summary.workloads.find((w) => w.kind === 'gc-cache');
  const valid = gc?.kind === 'gc-cache' ? gc.detail.gc_timelines.filter((t) => t.valid) : [];
  const timelines = [...new Set(valid.map((t) => t.variant))].flatMap((variant) => {
    const timeline = valid.find((t) => t.variant === variant);
    if (!timeline) return [];
    return [
      {
        title: `gc-cache ${variant} at ${formatFigure(timeline.rate_rps)} req/s`,
        latency: timeline.latency,
        // Runs stored before the cycles were kept have only their count: latency alone.
        cycles: timeline.cycles ?? [],
        sloMs: summary.slo_p99_ms,
      },
    ];
  });
  if (timelines.length > 0) view.gc_timelines = timelines;
  const notes = summary.workloads.flatMap((w) => [
    ...w.problems.map((p) => `${w.name}: ${p}`),
    ...w.notes.map((n) => `${w.name}: ${n}`),
    ...w.anchors.filter((a) => !a.ok).map((a) => `${w.name}: ${a.lang} ${a.metric}: ${a.note}`),
  ]);
  if (notes.length > 0) view.notes = notes;
  return view;
}
