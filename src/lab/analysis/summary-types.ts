/** @module The types of a lab run's summary, one discriminated union member per kind of workload (`kind`), with no imports so the web app can import them as they are (`gorust lab show --format json` and `GET /api/lab/runs/:id` return exactly these). */

/** Figures of one language (or one variant) in a workload; only what was measured is present. */
export type Figures = Record<string, number | null>;

/** One compared figure: Go and Rust medians over valid repeats and the Mann-Whitney U test between them. */
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

/**
 * The workload's headline: its one figure that decides (p99 at the highest rate both languages ran validly for a
 * latency workload), Go against Rust, with the 95% bootstrap interval of the Go/Rust ratio of medians and the
 * Mann-Whitney p-value. `winner` is null unless the difference is significant; a quick run is never significant
 * (two repeats cannot give p < 0.05). A measured figure replaces the knowledge base's prior only when significant.
 */
export type HeadlineComparison = {
  metric: string;
  /** The offered rate compared at (null for figures that are not latency). */
  rate_rps: number | null;
  go: number | null;
  rust: number | null;
  /** Go / Rust of the medians. */
  ratio: number | null;
  /** 95% percentile-bootstrap interval of the ratio of medians. */
  ratio_ci: { low: number; high: number } | null;
  p_value: number | null;
  significant: boolean;
  winner: 'go' | 'rust' | null;
  /** Valid repeats behind each median. */
  n_go: number;
  n_rust: number;
  /** Why there is no winner when there is none (quick run, too few repeats, one language absent), else null. */
  reason: string | null;
};

export type AnchorNote = { metric: string; lang: string; value: number; ok: boolean; note: string };

/** One language at one offered rate of a latency ladder: medians of its valid repeats. */
export type LadderCell = {
  valid_steps: number;
  invalid_steps: number;
  p50_ms: number | null;
  p99_ms: number | null;
  p999_ms: number | null;
  achieved_rps: number | null;
  meets_slo: boolean;
};

export type LadderRow = { rate_rps: number; go: LadderCell; rust: LadderCell };

/**
 * One language (or GC variant) at one offered rate of a rate ladder, its repeats merged: the rows of the Lab view's
 * rate-steps table and the lines of its percentile chart. Added in the lab JSON after `ladder` (additive).
 */
export type RateStepRow = {
  lang: string;
  /** The GC setting for gc-cache (`gogc-100`, ..., `rust`), else ''. */
  variant: string;
  rate_rps: number;
  /** True when at least one repeat was valid. */
  valid: boolean;
  /** Why repeats were invalid (distinct, in step order). */
  reasons: string[];
  repeats: number;
  valid_repeats: number;
  /**
   * Medians over the valid repeats; for a row with none valid (valid: false), over its invalid repeats, which the
   * view shows marked invalid and never as a measurement. null where no repeat has the figure (Rust has no GC).
   */
  achieved_rps: number | null;
  p50_ms: number | null;
  p90_ms: number | null;
  p99_ms: number | null;
  p999_ms: number | null;
  max_ms: number | null;
  gc_pause_max_ms: number | null;
};

/** One second of a load step: the p99 and the max latency of the requests scheduled in it. */
export type TimelinePoint = { t_s: number; p99_ms: number; max_ms: number };

/** One Go GC cycle that started during a step, `at_s` seconds after the step's start, with its stop-the-world parts. */
export type GcCycleMark = {
  at_s: number;
  stw_sweep_ms?: number | undefined;
  stw_mark_ms?: number | undefined;
};

/**
 * A Go load step's latency timeline and GC cycles (one per step and repeat, in step order): the Lab view's "GC
 * pauses against latency". Added in the lab JSON after `ladder` (additive).
 */
export type GcTimeline = {
  /** The step's id in the run (`steps[].id`). */
  step_id: number;
  variant: string;
  rate_rps: number;
  repeat: number;
  valid: boolean;
  latency: TimelinePoint[];
  /** null when the step kept GC counts only, not each cycle. */
  cycles: GcCycleMark[] | null;
};

export type CpuKernelRow = {
  kernel: string;
  go_s: number | null;
  rust_s: number | null;
  ratio: number | null;
  p: number | null;
  better: Comparison['better'];
  checksums_match: boolean;
};

export type CrossCell = { ok: boolean; seconds?: number | undefined; reason?: string | undefined };
export type CrossRow = { target: string; go: CrossCell; rust: CrossCell };

/** The six boundary costs the hybrid planner uses; absent when not measured. */
export type BoundaryMechanisms = {
  ffi_empty_ns?: number | undefined;
  ffi_1k_ns?: number | undefined;
  grpc_p50_us?: number | undefined;
  grpc_p99_us?: number | undefined;
  http_p50_us?: number | undefined;
  http_p99_us?: number | undefined;
};

type SummaryBase = {
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
  /** The headline comparison; null for workloads that do not compare Go with Rust (boundary) or have no figure. */
  comparison: HeadlineComparison | null;
  anchors: AnchorNote[];
};

/** http-json and a team's own service (`lab run --workload FILE`): an open-loop rate ladder. */
export type LatencySummary = SummaryBase & {
  kind: 'latency';
  detail: {
    slo_p99_ms: number;
    compare_rate_rps: number | null;
    ladder: LadderRow[];
    /** Every language at every offered rate, repeats merged (p90, max and GC pause included). */
    rate_steps: RateStepRow[];
    /** Go steps' latency timelines with their GC cycles. */
    gc_timelines: GcTimeline[];
    /** A team's own service: the workload file and the SHA-256 of its content when the run was made. */
    service?: { file: string; sha256: string } | undefined;
  };
};

export type GcCacheSummary = SummaryBase & {
  kind: 'gc-cache';
  detail: {
    rate_rps: number | null;
    variants: Record<string, Figures>;
    /** Every GC setting at every offered rate, repeats merged. */
    rate_steps: RateStepRow[];
    /** The Go settings' latency timelines with their GC cycles. */
    gc_timelines: GcTimeline[];
  };
};

export type CpuSummary = SummaryBase & { kind: 'cpu'; detail: { kernels: CpuKernelRow[] } };

export type BuildSummary = SummaryBase & { kind: 'build'; detail: { cross: CrossRow[] } };

export type BoundarySummary = SummaryBase & {
  kind: 'boundary';
  detail: { figures: Figures; mechanisms: BoundaryMechanisms };
};

/** A workload this version of gorust has no summary for (a run stored by a newer one). */
export type OtherSummary = SummaryBase & { kind: 'other'; detail: Record<string, never> };

export type WorkloadSummary =
  | LatencySummary
  | GcCacheSummary
  | CpuSummary
  | BuildSummary
  | BoundarySummary
  | OtherSummary;

export type RunMode = 'quick' | 'standard' | 'full';

export type RunSummary = {
  slo_p99_ms: number;
  mode: RunMode;
  /** True for quick runs: indicative figures that cannot show significance and never replace a prior. */
  indicative: boolean;
  workloads: WorkloadSummary[];
};
