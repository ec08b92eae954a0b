/** @module From a stored run's steps to per-workload figures: medians over repeats of valid steps only, 95% bootstrap CIs, Mann-Whitney U between Go and Rust, the SLO headline, and the anchor checks. Used by the reports and the decision evidence. */
import type { LabEvidence } from '../../core/index.ts';
import type { StoredRun, StoredStep } from '../../store/lab-runs.ts';
import { checkAnchors } from './anchors.ts';
import { headlineRate } from './ladder.ts';
import { bootstrapCi, mannWhitneyU, median } from './stats.ts';

/** Figures of one language (or one variant) in a workload; only what was measured is present. */
export type Figures = Record<string, number | null>;

export type Comparison = {
  metric: string;
  go: number | null;
  rust: number | null;
  /** Go / Rust. */
  ratio: number | null;
  p: number | null;
  /** 'go' or 'rust' (lower is better for every compared metric) when significant at 0.05, else '~'. */
  better: 'go' | 'rust' | '~';
};

export type AnchorNote = { metric: string; lang: string; value: number; ok: boolean; note: string };

export type WorkloadSummary = {
  name: string;
  /** True when the workload produced the figures it exists for from valid steps only. */
  valid: boolean;
  steps: number;
  invalid_steps: number;
  /** Why steps were invalid (distinct), and workload errors. */
  problems: string[];
  /** Facts about the figures that do not make a step invalid (for example: no GC cycle inside the steps). */
  notes: string[];
  go: Figures;
  rust: Figures;
  comparisons: Comparison[];
  anchors: AnchorNote[];
  /** Workload-specific detail: ladder per rate, gc variants, cpu kernels, build cells, boundary figures. */
  detail: Record<string, unknown>;
};

export type RunSummary = { slo_p99_ms: number; workloads: WorkloadSummary[] };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function values(steps: StoredStep[], metric: string): number[] {
  return steps.map((s) => num(s.metrics[metric])).filter((v): v is number => v !== null);
}

function med(steps: StoredStep[], metric: string): number | null {
  const xs = values(steps, metric);
  return xs.length > 0 ? median(xs) : null;
}

const LATENCY_METRICS = [
  'p50_ms',
  'p90_ms',
  'p99_ms',
  'p999_ms',
  'max_ms',
  'achieved_rps',
  'rss_peak_mib',
  'cpu_s_per_1k',
  'gc_pause_total_ms',
  'gc_pause_max_ms',
  'gc_cycles',
  'gc_cpu_s',
  'heap_live_mib',
] as const;

function latencyFigures(steps: StoredStep[], seed: number): Figures {
  const figures: Figures = {};
  for (const metric of LATENCY_METRICS) {
    const m = med(steps, metric);
    if (m !== null) figures[metric] = m;
  }
  const p99s = values(steps, 'p99_ms');
  if (p99s.length >= 2) {
    const ci = bootstrapCi(p99s, { seed });
    figures.p99_ci_low_ms = ci.low;
    figures.p99_ci_high_ms = ci.high;
  }
  figures.repeats = steps.length;
  return figures;
}

function compare(metric: string, go: StoredStep[], rust: StoredStep[]): Comparison {
  const a = values(go, metric);
  const b = values(rust, metric);
  const mg = a.length > 0 ? median(a) : null;
  const mr = b.length > 0 ? median(b) : null;
  let p: number | null = null;
  let better: Comparison['better'] = '~';
  if (a.length >= 2 && b.length >= 2) {
    const test = mannWhitneyU(a, b);
    p = test.p;
    if (test.significant && mg !== null && mr !== null && mg !== mr) better = mg < mr ? 'go' : 'rust';
  }
  return { metric, go: mg, rust: mr, ratio: mg !== null && mr ? mg / mr : null, p, better };
}

function anchorNotes(lang: string, figures: Figures, metrics: string[], prefix = ''): AnchorNote[] {
  const notes: AnchorNote[] = [];
  for (const metric of metrics) {
    const value = figures[metric];
    if (value === null || value === undefined) continue;
    const check = checkAnchors(`${prefix}${metric}`, value, lang);
    if (check) notes.push({ metric: `${prefix}${metric}`, lang, value, ok: check.ok, note: check.note });
  }
  return notes;
}

function problemsOf(steps: StoredStep[]): string[] {
  return [
    ...new Set(
      steps.filter((s) => !s.valid).flatMap((s) => s.reasons.map((r) => `${s.lang || s.workload}: ${r}`)),
    ),
  ];
}

function base(name: string, steps: StoredStep[]): WorkloadSummary {
  return {
    name,
    valid: false,
    steps: steps.length,
    invalid_steps: steps.filter((s) => !s.valid).length,
    problems: problemsOf(steps),
    notes: [],
    go: {},
    rust: {},
    comparisons: [],
    anchors: [],
    detail: {},
  };
}

/**
 * The ladder of a latency workload: per language, valid steps grouped by offered rate; the compared rate is the
 * highest one where both languages have valid steps, so the Go and Rust figures are like for like.
 */
function summarizeLatency(summary: WorkloadSummary, steps: StoredStep[], slo: number, seed: number): void {
  const rateSteps = steps.filter((s) => s.kind === 'rate');
  const byLang = (lang: string) => rateSteps.filter((s) => s.lang === lang);
  const rates = [...new Set(rateSteps.map((s) => s.rate_rps ?? 0))].sort((a, b) => a - b);
  const ladder = rates.map((rate) => {
    const row: Record<string, unknown> = { rate_rps: rate };
    for (const lang of ['go', 'rust']) {
      const cell = byLang(lang).filter((s) => s.rate_rps === rate);
      const valid = cell.filter((s) => s.valid);
      row[lang] = {
        valid_steps: valid.length,
        invalid_steps: cell.length - valid.length,
        p50_ms: med(valid, 'p50_ms'),
        p99_ms: med(valid, 'p99_ms'),
        p999_ms: med(valid, 'p999_ms'),
        achieved_rps: med(valid, 'achieved_rps'),
        meets_slo: valid.length > 0 && (med(valid, 'p99_ms') ?? Number.POSITIVE_INFINITY) <= slo,
      };
    }
    return row;
  });
  const bothValid = rates.filter((rate) =>
    ['go', 'rust'].every((lang) => byLang(lang).some((s) => s.rate_rps === rate && s.valid)),
  );
  const compareRate = bothValid.length > 0 ? (bothValid[bothValid.length - 1] ?? null) : null;
  for (const lang of ['go', 'rust'] as const) {
    const capacity = med(
      steps.filter((s) => s.kind === 'capacity' && s.lang === lang),
      'capacity_rps',
    );
    const at = byLang(lang).filter((s) => s.valid && s.rate_rps === compareRate);
    const figures = compareRate === null ? {} : latencyFigures(at, seed);
    figures.rate_rps = compareRate;
    figures.max_rps_within_slo = headlineRate(
      byLang(lang).map((s) => ({
        target_rps: s.rate_rps ?? 0,
        p99_ms: num(s.metrics.p99_ms) ?? Number.POSITIVE_INFINITY,
        valid: s.valid,
        errors: num(s.metrics.errors) ?? 0,
        requests: num(s.metrics.requests) ?? 0,
      })),
      slo,
    );
    if (capacity !== null) figures.capacity_rps = capacity;
    summary[lang] = figures;
    summary.anchors.push(...anchorNotes(lang, figures, ['p99_ms', 'rss_peak_mib', 'gc_pause_max_ms']));
  }
  if (compareRate !== null) {
    const at = (lang: string) => byLang(lang).filter((s) => s.valid && s.rate_rps === compareRate);
    summary.comparisons = ['p50_ms', 'p99_ms', 'p999_ms', 'cpu_s_per_1k', 'rss_peak_mib'].map((m) =>
      compare(m, at('go'), at('rust')),
    );
  }
  summary.detail = { slo_p99_ms: slo, compare_rate_rps: compareRate, ladder };
  summary.valid = compareRate !== null;
}

function summarizeGcCache(summary: WorkloadSummary, steps: StoredStep[], seed: number): void {
  const rateSteps = steps.filter((s) => s.kind === 'rate');
  const variants: Record<string, Figures> = {};
  const names = [...new Set(rateSteps.map((s) => s.variant))];
  // Compare at the highest rate every variant ran.
  const topRate = Math.max(0, ...rateSteps.map((s) => s.rate_rps ?? 0));
  for (const variant of names) {
    const at = rateSteps.filter((s) => s.variant === variant && s.valid && s.rate_rps === topRate);
    if (at.length === 0) continue;
    variants[variant] = { ...latencyFigures(at, seed), rate_rps: topRate };
  }
  summary.go = variants['gogc-100'] ?? {};
  summary.rust = variants.rust ?? {};
  const at = (variant: string) =>
    rateSteps.filter((s) => s.variant === variant && s.valid && s.rate_rps === topRate);
  summary.comparisons = ['p99_ms', 'p999_ms', 'max_ms', 'rss_peak_mib'].map((m) =>
    compare(m, at('gogc-100'), at('rust')),
  );
  summary.detail = { rate_rps: topRate, variants };
  for (const [variant, figures] of Object.entries(variants)) {
    summary.anchors.push(...anchorNotes(variant === 'rust' ? 'rust' : 'go', figures, ['gc_pause_max_ms']));
  }
  summary.valid = variants['gogc-100'] !== undefined && variants.rust !== undefined;
  const goSteps = rateSteps.filter((s) => s.lang === 'go' && s.valid);
  if (goSteps.length > 0 && goSteps.every((s) => (num(s.metrics.gc_cycles) ?? 0) === 0)) {
    summary.problems.push(
      'no Go GC cycle fell inside a measured step: the steps are too short to show GC (run full mode)',
    );
  }
}

function summarizeCpu(summary: WorkloadSummary, steps: StoredStep[]): void {
  const kernels = [...new Set(steps.filter((s) => s.kind === 'batch').map((s) => s.variant))];
  const rows = kernels.map((kernel) => {
    const of = (lang: string) => steps.filter((s) => s.variant === kernel && s.lang === lang && s.valid);
    const checksums = new Set(
      steps.filter((s) => s.variant === kernel && s.valid).map((s) => String(s.metrics.checksum)),
    );
    const c = compare('seconds', of('go'), of('rust'));
    summary.go[`${kernel}_s`] = c.go;
    summary.rust[`${kernel}_s`] = c.rust;
    return {
      kernel,
      go_s: c.go,
      rust_s: c.rust,
      ratio: c.ratio,
      p: c.p,
      better: c.better,
      // No valid step has no checksum to disagree with (the missing figures already make the kernel invalid).
      checksums_match: checksums.size <= 1,
    };
  });
  summary.comparisons = rows.map((r) => ({
    metric: `${r.kernel}_s`,
    go: r.go_s,
    rust: r.rust_s,
    ratio: r.ratio,
    p: r.p,
    better: r.better,
  }));
  for (const row of rows) {
    if (row.ratio !== null) {
      const check = checkAnchors('cpu_ratio', row.ratio, 'go');
      if (check)
        summary.anchors.push({
          metric: `${row.kernel} Go/Rust time`,
          lang: 'go',
          value: row.ratio,
          ok: check.ok,
          note: check.note,
        });
    }
    if (!row.checksums_match) summary.problems.push(`${row.kernel}: Go and Rust checksums differ`);
  }
  summary.detail = { kernels: rows };
  summary.valid =
    rows.length > 0 && rows.every((r) => r.go_s !== null && r.rust_s !== null && r.checksums_match);
}

function summarizeBuild(summary: WorkloadSummary, steps: StoredStep[]): void {
  for (const lang of ['go', 'rust'] as const) {
    const of = (variant: string) => steps.filter((s) => s.lang === lang && s.variant === variant && s.valid);
    // Only what was measured: quick runs do not time clean builds, so clean_s is then absent (not null, not NaN).
    const figures: Figures = {};
    for (const [figure, variant, metric] of [
      ['clean_s', 'clean', 'seconds'],
      ['noop_s', 'noop', 'seconds'],
      ['incremental_s', 'incremental', 'seconds'],
      ['check_s', 'check', 'seconds'],
      ['binary_mib', 'size', 'binary_mib'],
      ['stripped_mib', 'size', 'stripped_mib'],
    ] as const) {
      const value = med(of(variant), metric);
      if (value !== null) figures[figure] = value;
    }
    summary[lang] = figures;
    summary.anchors.push(...anchorNotes(lang, figures, ['binary_mib', 'clean_s'], 'build_'));
  }
  const cross = [...new Set(steps.filter((s) => s.kind === 'cross').map((s) => s.variant))].map((target) => {
    const cell = (lang: string) => {
      const step = steps.find((s) => s.kind === 'cross' && s.variant === target && s.lang === lang);
      if (!step) return { ok: false, reason: 'not measured' };
      return step.valid
        ? { ok: true, seconds: num(step.metrics.seconds) ?? undefined }
        : { ok: false, reason: step.reasons.join('; ') };
    };
    return { target, go: cell('go'), rust: cell('rust') };
  });
  summary.comparisons = ['clean_s', 'noop_s', 'incremental_s', 'check_s'].map((m) => {
    const go = summary.go[m] ?? null;
    const rust = summary.rust[m] ?? null;
    return {
      metric: m,
      go,
      rust,
      ratio: go !== null && rust ? go / rust : null,
      p: null,
      better: '~' as const,
    };
  });
  // Cross-compilation failures are findings, not broken steps.
  summary.invalid_steps = steps.filter((s) => !s.valid && s.kind !== 'cross').length;
  summary.problems = problemsOf(steps.filter((s) => s.kind !== 'cross'));
  summary.detail = { cross };
  summary.valid = summary.go.incremental_s != null && summary.rust.incremental_s != null;
}

/** Boundary figures by the name of the program's output field; the program names say which mechanism. */
function summarizeBoundary(summary: WorkloadSummary, steps: StoredStep[]): void {
  const figures: Figures = {};
  const variants = [...new Set(steps.filter((s) => s.kind === 'batch').map((s) => s.variant))];
  for (const variant of variants) {
    const valid = steps.filter((s) => s.variant === variant && s.valid);
    const keys = new Set(valid.flatMap((s) => Object.keys(s.metrics)));
    // A client run in several modes (grpc, http) says which in its `mode` field; prefer it to the program name.
    const mode = valid.map((s) => s.metrics.mode).find((m): m is string => typeof m === 'string');
    for (const key of keys) {
      if (key === 'wall_s') continue;
      const m = med(valid, key);
      if (m !== null) figures[`${mode ?? variant}.${key}`] = m;
    }
  }
  summary.detail = { figures, mechanisms: boundaryFigures(figures) };
  const mech = boundaryFigures(figures);
  for (const [metric, value] of Object.entries(mech)) {
    if (value === undefined) continue;
    const check = checkAnchors(metric, value, 'go');
    if (check) summary.anchors.push({ metric, lang: 'go', value, ok: check.ok, note: check.note });
  }
  summary.valid = Object.values(mech).some((v) => v !== undefined);
}

/**
 * The six boundary figures the planner uses, found in the programs' outputs (keys `program.field`): `ffi_empty_ns`
 * and `ffi_1k_ns` of the cgo benchmark, and `p50_us`/`p99_us` (ms or ns converted) of the client runs whose program
 * (or mode) names `grpc` or `http`.
 * @example
 * boundaryFigures({ 'cgo.ffi_empty_ns': 30, 'grpc.p99_us': 150 }); // { ffi_empty_ns: 30, grpc_p99_us: 150, ... }
 */
export function boundaryFigures(figures: Figures): NonNullable<LabEvidence['boundary']> {
  const entries = Object.entries(figures).filter((e): e is [string, number] => e[1] !== null);
  const field = (k: string) => k.slice(k.indexOf('.') + 1).toLowerCase();
  const program = (k: string) => k.slice(0, Math.max(0, k.indexOf('.'))).toLowerCase();
  // Exact field names first (the cgo benchmark prints ffi_empty_ns and ffi_1k_ns beside Go and C baselines).
  const exact = (name: string) => entries.find(([k]) => field(k) === name)?.[1];
  const inUs = (hit: [string, number] | undefined) => {
    if (!hit) return undefined;
    const f = field(hit[0]);
    if (f.endsWith('_ms')) return hit[1] * 1000;
    if (f.endsWith('_ns')) return hit[1] / 1000;
    return hit[1];
  };
  const latency = (mech: string, pct: 'p50' | 'p99') =>
    inUs(
      entries.find(([k]) => program(k).includes(mech) && new RegExp(`^${pct}_(us|ms|ns)$`).test(field(k))),
    );
  return {
    ffi_empty_ns: exact('ffi_empty_ns'),
    ffi_1k_ns: exact('ffi_1k_ns'),
    grpc_p50_us: latency('grpc', 'p50'),
    grpc_p99_us: latency('grpc', 'p99'),
    http_p50_us: latency('http', 'p50'),
    http_p99_us: latency('http', 'p99'),
  };
}

/**
 * Summarize every workload of a run (steps of a workload that was interrupted still count when valid). The SLO
 * defaults to the one the run was planned with; a profile's own SLO can replace it.
 * @example
 * const summary = summarizeRun(run);
 */
export function summarizeRun(run: StoredRun, options: { sloP99Ms?: number | undefined } = {}): RunSummary {
  const plan = (run.environment?.plan ?? {}) as { sloP99Ms?: number; seed?: number };
  const slo = options.sloP99Ms ?? plan.sloP99Ms ?? 50;
  const seed = plan.seed ?? 1;
  const workloads = run.workloads.map((name) => {
    const steps = run.steps.filter((s) => s.workload === name);
    const summary = base(name, steps);
    if (name === 'http-json') summarizeLatency(summary, steps, slo, seed);
    else if (name === 'gc-cache') summarizeGcCache(summary, steps, seed);
    else if (name === 'cpu') summarizeCpu(summary, steps);
    else if (name === 'build') summarizeBuild(summary, steps);
    else if (name === 'boundary') summarizeBoundary(summary, steps);
    if (steps.some((s) => s.kind === 'error')) summary.valid = false;
    if (steps.length === 0)
      summary.problems.push('no step was measured (the run stopped before this workload)');
    return summary;
  });
  return { slo_p99_ms: slo, workloads };
}
