/** @module What the Lab view shows of a run's summary (the API's `summary`, the figures `gorust lab show` prints): boundary costs, CPU kernels, anchor flags, and a run's overall health. Pure, so it is tested without a browser. */
import { formatFigure } from '../../../src/core/browser.ts';
import type {
  AnchorNote,
  BoundarySummary,
  BuildSummary,
  CpuSummary,
  HeadlineComparison,
  WorkloadSummary,
} from '../../../src/lab/analysis/summary-types.ts';
import type { LabRun } from './api.ts';

/** The server's summary types (src/lab/analysis/summary-types.ts), one union member per kind of workload. */
export type {
  AnchorNote,
  BoundarySummary,
  BuildSummary,
  CpuSummary,
  CrossCell,
  HeadlineComparison,
  WorkloadSummary,
} from '../../../src/lab/analysis/summary-types.ts';

/** An anchor that flagged a figure, with the workload it belongs to. */
export type AnchorFlag = AnchorNote & { workload: string };

/**
 * Every anchor check that failed in a run: figures far outside published ranges, which point at the harness or the
 * machine rather than at Go or Rust.
 * @example
 * anchorFlags(run).map((f) => `${f.workload}: ${f.metric}`);
 */
export function anchorFlags(run: Pick<LabRun, 'summary'>): AnchorFlag[] {
  return (run.summary ?? []).flatMap((w) =>
    w.anchors.filter((a) => !a.ok).map((a) => ({ ...a, workload: w.name })),
  );
}

export type RunHealth = {
  /** 'valid' only when no step is invalid, no workload failed and no anchor flagged a figure. */
  status: 'valid' | 'flagged' | 'invalid';
  invalidSteps: number;
  invalidWorkloads: string[];
  flags: number;
};

/**
 * The run's overall state for the header: a run whose figures an anchor flagged is not "all valid", even when
 * every step met the validity rules.
 * @example
 * runHealth(run).status; // 'flagged'
 */
export function runHealth(run: Pick<LabRun, 'steps' | 'summary'>): RunHealth {
  // A target that does not cross-compile here is a finding of the build workload, not an invalid measurement (the
  // build summary and `gorust lab runs` count it so).
  const invalidSteps = run.steps.filter((s) => !s.valid && s.kind !== 'cross').length;
  const invalidWorkloads = (run.summary ?? []).filter((w) => !w.valid).map((w) => w.name);
  const flags = anchorFlags(run).length;
  const status =
    invalidSteps > 0 || invalidWorkloads.length > 0 ? 'invalid' : flags > 0 ? 'flagged' : 'valid';
  return { status, invalidSteps, invalidWorkloads, flags };
}

export type BoundaryRow = {
  metric: string;
  label: string;
  value: number | null;
  unit: 'ns' | 'µs';
  flag: AnchorNote | null;
};

const BOUNDARY_ROWS: {
  metric: keyof BoundarySummary['detail']['mechanisms'];
  label: string;
  unit: 'ns' | 'µs';
}[] = [
  { metric: 'ffi_empty_ns', label: 'cgo call, empty (per call)', unit: 'ns' },
  { metric: 'ffi_1k_ns', label: 'cgo call, 1 KiB argument (per call)', unit: 'ns' },
  { metric: 'grpc_p50_us', label: 'gRPC Go → Rust, loopback, p50', unit: 'µs' },
  { metric: 'grpc_p99_us', label: 'gRPC Go → Rust, loopback, p99', unit: 'µs' },
  { metric: 'http_p50_us', label: 'HTTP/JSON Go → Rust, loopback, p50', unit: 'µs' },
  { metric: 'http_p99_us', label: 'HTTP/JSON Go → Rust, loopback, p99', unit: 'µs' },
];

/**
 * The six boundary costs the hybrid planner uses (the summary's `detail.mechanisms`), each with its anchor flag.
 * @example
 * boundaryRows(summary).find((r) => r.metric === 'ffi_empty_ns')?.value; // 67
 */
export function boundaryRows(summary: BoundarySummary): BoundaryRow[] {
  const mechanisms = summary.detail.mechanisms;
  return BOUNDARY_ROWS.map(({ metric, label, unit }) => {
    const value = mechanisms[metric];
    return {
      metric,
      label,
      unit,
      value: typeof value === 'number' && Number.isFinite(value) ? value : null,
      flag: summary.anchors.find((a) => a.metric === metric && !a.ok) ?? null,
    };
  });
}

export type KernelRow = {
  kernel: string;
  go: number | null;
  rust: number | null;
  ratio: number | null;
  p: number | null;
  better: string;
  checksumsMatch: boolean;
  flag: AnchorNote | null;
};

/**
 * CPU kernels: the programs' own timing (median seconds of valid repeats), Go/Rust ratio and Mann-Whitney verdict.
 * @example
 * kernelRows(summary)[0]?.ratio;
 */
export function kernelRows(summary: CpuSummary): KernelRow[] {
  return summary.detail.kernels.map((k) => ({
    kernel: k.kernel,
    go: k.go_s,
    rust: k.rust_s,
    ratio: k.ratio,
    p: k.p,
    better: k.better,
    checksumsMatch: k.checksums_match,
    flag: summary.anchors.find((a) => a.metric === `${k.kernel} Go/Rust time` && !a.ok) ?? null,
  }));
}

export type Headline = {
  /** 'go' or 'rust' when the difference is significant, else null. */
  winner: 'go' | 'rust' | null;
  /** The sentence the view opens the workload with. */
  title: string;
  /** The figures behind it: medians, ratio with its 95% interval, p-value and the rate compared at. */
  detail: string;
  /** Why there is no winner (quick run, not significant, a language without valid figures), else null. */
  why: string | null;
};

function figures(c: HeadlineComparison): string {
  const unit = c.metric.endsWith('_ms') ? ' ms' : c.metric.endsWith('_s') ? ' s' : '';
  const name = c.metric.replace(/_(ms|s)$/, '').replace('total', 'total time');
  // A figure that was not measured is a dash, without a unit ("Go –", never "Go - ms").
  const figure = (value: number | null) => (value === null ? '–' : `${formatFigure(value)}${unit}`);
  const parts = [`${name}: Go ${figure(c.go)}, Rust ${figure(c.rust)}`];
  if (c.ratio !== null)
    parts.push(
      `Go/Rust ${formatFigure(c.ratio)}x${c.ratio_ci ? ` (95% interval ${formatFigure(c.ratio_ci.low)}-${formatFigure(c.ratio_ci.high)})` : ''}`,
    );
  if (c.p_value !== null)
    parts.push(
      `p = ${c.p_value < 0.001 ? c.p_value.toExponential(1) : String(Number(c.p_value.toPrecision(2)))}`,
    );
  if (c.rate_rps !== null) parts.push(`at ${formatFigure(c.rate_rps)} req/s`);
  return parts.join(', ');
}

/**
 * The headline a workload opens with, from the server's comparison (nothing is recomputed here): the significant
 * winner with its interval and p-value, or "no significant difference" and why.
 * @example
 * workloadHeadline(summary)?.title; // 'Rust is faster' or 'No significant difference'
 */
export function workloadHeadline(summary: WorkloadSummary): Headline | null {
  const c = summary.comparison;
  if (!c) return null;
  if (c.significant && c.winner) {
    const lower = c.metric.endsWith('_ms') ? 'lower latency' : 'faster';
    return {
      winner: c.winner,
      title: `${c.winner === 'go' ? 'Go' : 'Rust'} wins: ${lower}${c.rate_rps !== null ? ` at ${formatFigure(c.rate_rps)} req/s` : ''}`,
      detail: figures(c),
      why: null,
    };
  }
  return {
    winner: null,
    title: c.go === null || c.rust === null ? 'No comparison' : 'No significant difference',
    detail: figures(c),
    why: c.reason,
  };
}

/**
 * The rate a workload's charts open on: the rate the server compared at (valid for both languages), else the
 * highest rate with a valid step, else the middle of the ladder.
 * @example
 * openingRate(summary, [100, 500, 900], (r) => r < 900); // 500
 */
export function openingRate(
  summary: WorkloadSummary | undefined,
  rates: number[],
  hasValid: (rate: number) => boolean,
): number | null {
  const compared =
    summary?.kind === 'latency'
      ? summary.detail.compare_rate_rps
      : summary?.kind === 'gc-cache'
        ? summary.detail.rate_rps
        : null;
  if (compared !== null && compared !== undefined && rates.includes(compared)) return compared;
  const valid = rates.filter(hasValid);
  if (valid.length > 0) return valid[valid.length - 1] ?? null;
  return rates[Math.floor(rates.length / 2)] ?? null;
}

export type BuildTableRow = { action: string; go: number | null; rust: number | null; unit: 's' | 'MiB' };

/** The build summary's figures, in the order the table shows them. */
const BUILD_FIGURES = [
  ['clean_s', 'clean build', 's'],
  ['incremental_s', 'incremental build', 's'],
  ['noop_s', 'noop build', 's'],
  ['check_s', 'check build (go vet, cargo check)', 's'],
  ['binary_mib', 'binary size', 'MiB'],
  ['stripped_mib', 'binary size, stripped', 'MiB'],
] as const;

/**
 * The build table: one row per figure the server summarised for either language (medians of valid steps), as is.
 * @example
 * buildTable(summary); // [{ action: 'noop build', go: 0.3, rust: 0.1, unit: 's' }, ...]
 */
export function buildTable(summary: BuildSummary): BuildTableRow[] {
  const value = (figures: Record<string, number | null>, key: string) => {
    const v = figures[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  return BUILD_FIGURES.filter(([key]) => summary.go[key] != null || summary.rust[key] != null).map(
    ([key, action, unit]) => ({ action, go: value(summary.go, key), rust: value(summary.rust, key), unit }),
  );
}
