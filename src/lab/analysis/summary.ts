/** @module From a stored run's steps to per-workload figures (typed per kind of workload: summary-types.ts): medians over repeats of valid steps only, 95% bootstrap CIs, Mann-Whitney U between Go and Rust, the headline comparison with its significance gate, the SLO headline, and the anchor checks. Used by the reports, the decision evidence, the API and the web. */
import type { LabEvidence } from '../../core/index.ts';
import { formatCount } from '../../core/report/format.ts';
import type { StoredRun, StoredStep } from '../../store/lab-runs.ts';
import { checkAnchors } from './anchors.ts';
import { headlineComparison } from './comparison.ts';
import { headlineRate } from './ladder.ts';
import { bootstrapCi, mannWhitneyU, median } from './stats.ts';
import type {
  AnchorNote,
  BoundarySummary,
  BuildSummary,
  Comparison,
  CpuSummary,
  Figures,
  GcCacheSummary,
  GcCycleMark,
  GcTimeline,
  LadderRow,
  LatencySummary,
  OtherSummary,
  RateStepRow,
  RunMode,
  RunSummary,
  TimelinePoint,
  WorkloadSummary,
} from './summary-types.ts';

export type {
  AnchorNote,
  BoundarySummary,
  BuildSummary,
  Comparison,
  CpuSummary,
  Figures,
  GcCacheSummary,
  GcTimeline,
  HeadlineComparison,
  LatencySummary,
  RateStepRow,
  RunMode,
  RunSummary,
  WorkloadSummary,
} from './summary-types.ts';

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
  const all = [
    ...new Set(
      steps.filter((s) => !s.valid).flatMap((s) => s.reasons.map((r) => `${s.lang || s.workload}: ${r}`)),
    ),
  ];
  // A server that died is the first thing to read, not one reason among twenty about noise.
  return [...all.filter((p) => p.includes('exited')), ...all.filter((p) => !p.includes('exited'))];
}

/**
 * Failed requests per language, summed over the workload's load steps, valid ones included: a step's errors are in
 * its latency (at the timeout value), so they do not invalidate it, but a reader must see them. Half or more failed
 * reads as a broken program, not a slow one.
 */
function errorNotes(steps: StoredStep[]): string[] {
  const totals = new Map<string, { errors: number; requests: number }>();
  for (const s of steps) {
    const errors = s.metrics.errors;
    const requests = s.metrics.requests;
    if (typeof errors !== 'number' || typeof requests !== 'number' || errors <= 0) continue;
    const t = totals.get(s.lang || s.workload) ?? { errors: 0, requests: 0 };
    totals.set(s.lang || s.workload, {
      errors: t.errors + errors,
      requests: t.requests + Math.max(requests, errors),
    });
  }
  return [...totals].map(([lang, t]) => {
    const share = t.requests > 0 ? t.errors / t.requests : 1;
    const broken =
      share >= 0.5
        ? ": the program failed, it was not slow - check that it answers the workload's requests with 2xx before reading its figures"
        : ', counted at the timeout value in the latency figures';
    return `${lang}: ${formatCount(t.errors)} of ${formatCount(t.requests)} requests failed (${(share * 100).toFixed(share < 0.01 ? 2 : 0)}%; error statuses, dropped connections or timeouts)${broken}`;
  });
}

type Base = Omit<WorkloadSummary, 'kind' | 'detail'>;

function base(name: string, steps: StoredStep[]): Base {
  return {
    name,
    valid: false,
    steps: steps.length,
    invalid_steps: steps.filter((s) => !s.valid).length,
    problems: problemsOf(steps),
    notes: errorNotes(steps),
    go: {},
    rust: {},
    comparisons: [],
    comparison: null,
    anchors: [],
  };
}

/**
 * The load steps (kind `rate`) of a workload grouped by language, variant and offered rate, repeats merged: medians
 * over the valid repeats (over the invalid ones when none is valid: the row says so), in rate, language, variant
 * order.
 * @example
 * rateStepRows(steps).find((row) => row.lang === 'go' && row.rate_rps === 1000)?.p90_ms;
 */
export function rateStepRows(steps: StoredStep[]): RateStepRow[] {
  const groups = new Map<string, StoredStep[]>();
  for (const step of steps) {
    if (step.kind !== 'rate' || step.rate_rps === null) continue;
    const key = `${step.lang}\u0000${step.variant}\u0000${step.rate_rps}`;
    groups.set(key, [...(groups.get(key) ?? []), step]);
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()]
    .map((group): RateStepRow => {
      const first = group[0] as StoredStep;
      const valid = group.filter((s) => s.valid);
      const basis = valid.length > 0 ? valid : group;
      return {
        lang: first.lang,
        variant: first.variant,
        rate_rps: first.rate_rps ?? 0,
        valid: valid.length > 0,
        reasons: [...new Set(group.flatMap((s) => s.reasons))],
        repeats: group.length,
        valid_repeats: valid.length,
        achieved_rps: med(basis, 'achieved_rps'),
        p50_ms: med(basis, 'p50_ms'),
        p90_ms: med(basis, 'p90_ms'),
        p99_ms: med(basis, 'p99_ms'),
        p999_ms: med(basis, 'p999_ms'),
        max_ms: med(basis, 'max_ms'),
        gc_pause_max_ms: med(basis, 'gc_pause_max_ms'),
      };
    })
    .sort((a, b) => a.rate_rps - b.rate_rps || order(a.lang, b.lang) || order(a.variant, b.variant));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The latency timelines of a workload's Go load steps that kept one (the runner's `detail.timeline`, one point a
 * second), with their GC cycles (`detail.gc_cycles`; null when the step kept only a count). Points and cycles
 * without their numbers are left out, so a damaged record draws less, never wrong.
 * @example
 * gcTimelines(steps)[0]?.cycles?.length;
 */
export function gcTimelines(steps: StoredStep[]): GcTimeline[] {
  const out: GcTimeline[] = [];
  for (const step of steps) {
    if (step.kind !== 'rate' || step.lang !== 'go' || step.rate_rps === null) continue;
    const detail = isRecord(step.detail) ? step.detail : {};
    const latency = (Array.isArray(detail.timeline) ? detail.timeline : []).flatMap(
      (point): TimelinePoint[] => {
        if (!isRecord(point)) return [];
        const [t_s, p99_ms, max_ms] = [num(point.t_s), num(point.p99_ms), num(point.max_ms)];
        return t_s === null || p99_ms === null || max_ms === null ? [] : [{ t_s, p99_ms, max_ms }];
      },
    );
    if (latency.length === 0) continue;
    const cycles = Array.isArray(detail.gc_cycles)
      ? detail.gc_cycles.flatMap((cycle): GcCycleMark[] => {
          const at_s = isRecord(cycle) ? num(cycle.at_s) : null;
          if (!isRecord(cycle) || at_s === null) return [];
          return [
            {
              at_s,
              stw_sweep_ms: num(cycle.stw_sweep_ms) ?? undefined,
              stw_mark_ms: num(cycle.stw_mark_ms) ?? undefined,
            },
          ];
        })
      : null;
    out.push({
      step_id: step.id,
      variant: step.variant,
      rate_rps: step.rate_rps,
      repeat: step.repeat,
      valid: step.valid,
      latency,
      cycles,
    });
  }
  return out;
}

/** What every summariser needs besides the steps. */
type Context = { slo: number; seed: number; indicative: boolean };

/** Per-repeat values of a figure, for the headline comparison. */
function headline(metric: string, rate: number | null, go: StoredStep[], rust: StoredStep[], ctx: Context) {
  return headlineComparison(values(go, metric), values(rust, metric), {
    metric,
    rate_rps: rate,
    seed: ctx.seed,
    indicative: ctx.indicative,
  });
}

/**
 * The ladder of a latency workload: per language, valid steps grouped by offered rate; the compared rate is the
 * highest one where most repeats of both languages were valid (else the highest with any valid step for both), so
 * the Go and Rust figures are like for like. A team's service
 * with one program only is compared with the SLO alone (its compared rate is its own highest valid rate).
 */
function summarizeLatency(b: Base, steps: StoredStep[], ctx: Context): LatencySummary {
  const rateSteps = steps.filter((s) => s.kind === 'rate');
  const byLang = (lang: string) => rateSteps.filter((s) => s.lang === lang);
  const rates = [...new Set(rateSteps.map((s) => s.rate_rps ?? 0))].sort((x, y) => x - y);
  const cell = (lang: string, rate: number) => {
    const all = byLang(lang).filter((s) => s.rate_rps === rate);
    const valid = all.filter((s) => s.valid);
    return {
      valid_steps: valid.length,
      invalid_steps: all.length - valid.length,
      p50_ms: med(valid, 'p50_ms'),
      p99_ms: med(valid, 'p99_ms'),
      p999_ms: med(valid, 'p999_ms'),
      achieved_rps: med(valid, 'achieved_rps'),
      meets_slo: valid.length > 0 && (med(valid, 'p99_ms') ?? Number.POSITIVE_INFINITY) <= ctx.slo,
    };
  };
  const ladder: LadderRow[] = rates.map((rate) => ({
    rate_rps: rate,
    go: cell('go', rate),
    rust: cell('rust', rate),
  }));
  const present = (['go', 'rust'] as const).filter((lang) => byLang(lang).length > 0);
  const langs = present.length > 0 ? present : (['go', 'rust'] as const);
  const validAt = (lang: string, rate: number) =>
    byLang(lang).filter((s) => s.rate_rps === rate && s.valid).length;
  const ranAt = (lang: string, rate: number) => byLang(lang).filter((s) => s.rate_rps === rate).length;
  // A valid rate: most of every language's repeats there were valid (at least two), so the comparison rests on
  // repeats rather than on the few steps a busy machine let through; else the highest rate with any valid step each.
  const mostlyValid = rates.filter((rate) =>
    langs.every((lang) => validAt(lang, rate) >= 2 && 2 * validAt(lang, rate) > ranAt(lang, rate)),
  );
  const anyValid = rates.filter((rate) => langs.every((lang) => validAt(lang, rate) > 0));
  const candidates = mostlyValid.length > 0 ? mostlyValid : anyValid;
  const compareRate = candidates.length > 0 ? (candidates[candidates.length - 1] ?? null) : null;
  const summary: LatencySummary = {
    ...b,
    kind: 'latency',
    detail: {
      slo_p99_ms: ctx.slo,
      compare_rate_rps: compareRate,
      ladder,
      rate_steps: rateStepRows(rateSteps),
      gc_timelines: gcTimelines(rateSteps),
    },
  };
  for (const lang of ['go', 'rust'] as const) {
    if (byLang(lang).length === 0 && steps.every((s) => s.lang !== lang)) continue;
    // Capacity from valid probes only: an invalid probe's figure (the generator was the limit, or other processes
    // competed) is at best a lower bound, and was shown and compared as a plain figure until 2026-12-07.
    const probes = steps.filter((s) => s.kind === 'capacity' && s.lang === lang);
    const capacity = med(
      probes.filter((s) => s.valid),
      'capacity_rps',
    );
    const invalidProbe = probes.find((s) => !s.valid && num(s.metrics.capacity_rps) !== null);
    if (capacity === null && invalidProbe !== undefined) {
      const figure = Math.round(num(invalidProbe.metrics.capacity_rps) ?? 0).toLocaleString('en-US');
      const atLeast = (invalidProbe.detail as { capacity_at_least?: boolean } | undefined)?.capacity_at_least;
      summary.notes.push(
        `${lang === 'go' ? 'Go' : 'Rust'} capacity not shown: its probe was invalid (${atLeast ? `at least ${figure} req/s, the load generator was the limit` : `${figure} req/s measured`}; ${invalidProbe.reasons.join('; ')})`,
      );
    }
    const at = byLang(lang).filter((s) => s.valid && s.rate_rps === compareRate);
    const figures = compareRate === null ? {} : latencyFigures(at, ctx.seed);
    figures.rate_rps = compareRate;
    figures.max_rps_within_slo = headlineRate(
      byLang(lang).map((s) => ({
        target_rps: s.rate_rps ?? 0,
        p99_ms: num(s.metrics.p99_ms) ?? Number.POSITIVE_INFINITY,
        valid: s.valid,
        errors: num(s.metrics.errors) ?? 0,
        requests: num(s.metrics.requests) ?? 0,
      })),
      ctx.slo,
    );
    if (capacity !== null) figures.capacity_rps = capacity;
    summary[lang] = figures;
    summary.anchors.push(...anchorNotes(lang, figures, ['p99_ms', 'rss_peak_mib', 'gc_pause_max_ms']));
  }
  const at = (lang: string) => byLang(lang).filter((s) => s.valid && s.rate_rps === compareRate);
  if (compareRate !== null) {
    summary.comparisons = ['p50_ms', 'p99_ms', 'p999_ms', 'cpu_s_per_1k', 'rss_peak_mib'].map((m) =>
      compare(m, at('go'), at('rust')),
    );
  }
  if (rateSteps.length > 0) summary.comparison = headline('p99_ms', compareRate, at('go'), at('rust'), ctx);
  summary.valid = compareRate !== null;
  return summary;
}

function summarizeGcCache(b: Base, steps: StoredStep[], ctx: Context): GcCacheSummary {
  const rateSteps = steps.filter((s) => s.kind === 'rate');
  const variants: Record<string, Figures> = {};
  const names = [...new Set(rateSteps.map((s) => s.variant))];
  // Compare at the highest rate any variant ran (every variant runs the same ladder, so it is theirs too unless a
  // variant's run stopped early); a variant with no valid step there is left out.
  const topRate = rateSteps.length > 0 ? Math.max(...rateSteps.map((s) => s.rate_rps ?? 0)) : null;
  const at = (variant: string) =>
    rateSteps.filter((s) => s.variant === variant && s.valid && s.rate_rps === topRate);
  for (const variant of names) {
    if (at(variant).length === 0) continue;
    variants[variant] = { ...latencyFigures(at(variant), ctx.seed), rate_rps: topRate };
  }
  const summary: GcCacheSummary = {
    ...b,
    kind: 'gc-cache',
    detail: {
      rate_rps: topRate,
      variants,
      rate_steps: rateStepRows(rateSteps),
      gc_timelines: gcTimelines(rateSteps),
    },
  };
  summary.go = variants['gogc-100'] ?? {};
  summary.rust = variants.rust ?? {};
  summary.comparisons = ['p99_ms', 'p999_ms', 'max_ms', 'rss_peak_mib'].map((m) =>
    compare(m, at('gogc-100'), at('rust')),
  );
  if (rateSteps.length > 0) summary.comparison = headline('p99_ms', topRate, at('gogc-100'), at('rust'), ctx);
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
  return summary;
}

/** Sum of the kernels' seconds per repeat and language, when every kernel has a valid step in that repeat. */
function totalsPerRepeat(steps: StoredStep[], kernels: string[], lang: string): number[] {
  const repeats = [...new Set(steps.filter((s) => s.lang === lang).map((s) => s.repeat))];
  return repeats.flatMap((repeat) => {
    const times = kernels.map((k) =>
      num(
        steps.find((s) => s.lang === lang && s.variant === k && s.repeat === repeat && s.valid)?.metrics
          .seconds,
      ),
    );
    return times.every((t) => t !== null) ? [times.reduce((sum, t) => sum + (t as number), 0)] : [];
  });
}

function summarizeCpu(b: Base, steps: StoredStep[], ctx: Context): CpuSummary {
  const kernels = [...new Set(steps.filter((s) => s.kind === 'batch').map((s) => s.variant))];
  const summary: CpuSummary = { ...b, kind: 'cpu', detail: { kernels: [] } };
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
  if (kernels.length > 0) {
    const batch = steps.filter((s) => s.kind === 'batch');
    summary.comparison = headlineComparison(
      totalsPerRepeat(batch, kernels, 'go'),
      totalsPerRepeat(batch, kernels, 'rust'),
      { metric: 'total_s', rate_rps: null, seed: ctx.seed, indicative: ctx.indicative },
    );
  }
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
  return summary;
}

function summarizeBuild(b: Base, steps: StoredStep[]): BuildSummary {
  const summary: BuildSummary = { ...b, kind: 'build', detail: { cross: [] } };
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
  return summary;
}

/** Boundary figures by the name of the program's output field; the program names say which mechanism. */
function summarizeBoundary(b: Base, steps: StoredStep[]): BoundarySummary {
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
  const mechanisms = boundaryFigures(figures);
  const summary: BoundarySummary = { ...b, kind: 'boundary', detail: { figures, mechanisms } };
  for (const [metric, value] of Object.entries(mechanisms)) {
    if (value === undefined) continue;
    const check = checkAnchors(metric, value, 'go');
    if (check) summary.anchors.push({ metric, lang: 'go', value, ok: check.ok, note: check.note });
  }
  summary.valid = Object.values(mechanisms).some((v) => v !== undefined);
  return summary;
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

/** The mode of a stored run; runs stored before modes had names were `quick` or `full`. */
function modeOf(run: StoredRun): RunMode {
  const planned = (run.environment?.plan as { mode?: unknown } | undefined)?.mode;
  if (planned === 'quick' || planned === 'standard' || planned === 'full') return planned;
  return run.mode === 'quick' ? 'quick' : run.mode === 'standard' ? 'standard' : 'full';
}

/** The summary of one workload's steps, by what kind of workload it is. */
function summarizeWorkload(
  name: string,
  steps: StoredStep[],
  ctx: Context,
  service?: ServiceRef,
): WorkloadSummary {
  const b = base(name, steps);
  let summary: WorkloadSummary;
  if (name === 'gc-cache') summary = summarizeGcCache(b, steps, ctx);
  else if (name === 'cpu') summary = summarizeCpu(b, steps, ctx);
  else if (name === 'build') summary = summarizeBuild(b, steps);
  else if (name === 'boundary') summary = summarizeBoundary(b, steps);
  else if (name === 'http-json' || service !== undefined || steps.some((s) => s.kind === 'rate'))
    summary = summarizeLatency(b, steps, ctx);
  else summary = { ...b, kind: 'other', detail: {} } satisfies OtherSummary;
  if (summary.kind === 'latency' && service !== undefined) summary.detail.service = service;
  return summary;
}

type ServiceRef = { file: string; sha256: string };

/** The team's workload file a run measured (`lab run --workload FILE`), as recorded in its environment. */
function serviceOf(run: StoredRun): (ServiceRef & { name: string }) | undefined {
  const service = run.environment?.service as
    | { name?: unknown; file?: unknown; sha256?: unknown }
    | undefined;
  if (!service || typeof service.name !== 'string' || typeof service.sha256 !== 'string') return undefined;
  return { name: service.name, file: String(service.file ?? ''), sha256: service.sha256 };
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
  const mode = modeOf(run);
  const ctx: Context = { slo, seed: plan.seed ?? 1, indicative: mode === 'quick' };
  const service = serviceOf(run);
  const workloads = run.workloads.map((name) => {
    const steps = run.steps.filter((s) => s.workload === name);
    const ref = service?.name === name ? { file: service.file, sha256: service.sha256 } : undefined;
    const summary = summarizeWorkload(name, steps, ctx, ref);
    if (steps.some((s) => s.kind === 'error')) summary.valid = false;
    if (steps.length === 0)
      summary.problems.push('no step was measured (the run stopped before this workload)');
    return summary;
  });
  return { slo_p99_ms: slo, mode, indicative: ctx.indicative, workloads };
}
