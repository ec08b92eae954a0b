/** @module What the Lab view shows of a run's summary (the API's `summary`, the figures `gorust lab show` prints): boundary costs, CPU kernels, anchor flags, and a run's overall health. Pure, so it is tested without a browser. */
import type { LabRun } from './lab-model.ts';

/** A published-range check of one figure (src/lab/summary.ts AnchorNote); `ok: false` is a probable harness problem. */
export type AnchorNote = { metric: string; lang: string; value: number; ok: boolean; note: string };

/** One workload of a run's summary, as the API returns it (src/lab/summary.ts WorkloadSummary). */
export type WorkloadSummary = {
  name: string;
  valid: boolean;
  steps: number;
  invalid_steps: number;
  problems: string[];
  notes: string[];
  go: Record<string, number | null>;
  rust: Record<string, number | null>;
  anchors: AnchorNote[];
  detail: Record<string, unknown>;
};

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
  const invalidSteps = run.steps.filter((s) => !s.valid).length;
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

const BOUNDARY_ROWS: { metric: string; label: string; unit: 'ns' | 'µs' }[] = [
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
export function boundaryRows(summary: WorkloadSummary): BoundaryRow[] {
  const mechanisms = (summary.detail.mechanisms ?? {}) as Record<string, number | null | undefined>;
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
export function kernelRows(summary: WorkloadSummary): KernelRow[] {
  const kernels = Array.isArray(summary.detail.kernels)
    ? (summary.detail.kernels as Record<string, unknown>[])
    : [];
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return kernels.map((k) => {
    const kernel = String(k.kernel ?? '');
    return {
      kernel,
      go: n(k.go_s),
      rust: n(k.rust_s),
      ratio: n(k.ratio),
      p: n(k.p),
      better: typeof k.better === 'string' ? k.better : '~',
      checksumsMatch: k.checksums_match !== false,
      flag: summary.anchors.find((a) => a.metric === `${kernel} Go/Rust time` && !a.ok) ?? null,
    };
  });
}
