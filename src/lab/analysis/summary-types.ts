/** @module A lab run's summary as zod schemas, one discriminated union member per kind of workload (`kind`), and the types inferred from them: `gorust lab show --format json` and `GET /api/lab/runs/:id` return exactly these, the API's OpenAPI document is generated from these schemas, and the web imports the types (type-only, so no schema reaches its bundle). Imports nothing of gorust, so anything may import it. */
// A namespace import lets the bundler keep only the parts of zod in use (as src/core/decision/schema.ts does).
import * as z from 'zod';

/** quick (CI, indicative only), standard (the default: enough repeats for significance), full (bench-anchors §7). */
export const RUN_MODES = ['quick', 'standard', 'full'] as const;
export const runModeSchema = z.enum(RUN_MODES);
export type RunMode = z.output<typeof runModeSchema>;

/** Figures of one language (or one variant) in a workload; only what was measured is present. */
export const figuresSchema = z
  .record(z.string(), z.number().nullable())
  .meta({ description: 'figures by name (e.g. p99_ms); only what was measured is present' });
export type Figures = z.output<typeof figuresSchema>;

const better = z
  .enum(['go', 'rust', '~'])
  .meta({ description: "'go' or 'rust' (lower is better) when significant at 0.05, else '~'" });

/** One compared figure: Go and Rust medians over valid repeats and the Mann-Whitney U test between them. */
export const comparisonSchema = z.object({
  metric: z.string(),
  go: z.number().nullable(),
  rust: z.number().nullable(),
  ratio: z.number().nullable().meta({ description: 'Go / Rust' }),
  p: z.number().nullable(),
  better,
});
export type Comparison = z.output<typeof comparisonSchema>;

/**
 * The workload's headline: its one figure that decides (p99 at the highest rate both languages ran validly for a
 * latency workload), Go against Rust, with the 95% bootstrap interval of the Go/Rust ratio of medians and the
 * Mann-Whitney p-value. `winner` is null unless the difference is significant; a quick run is never significant
 * (two repeats cannot give p < 0.05). A measured figure replaces the knowledge base's prior only when significant.
 */
export const headlineComparisonSchema = z
  .object({
    metric: z.string(),
    rate_rps: z
      .number()
      .nullable()
      .meta({ description: 'the offered rate compared at (null for figures that are not latency)' }),
    go: z.number().nullable(),
    rust: z.number().nullable(),
    ratio: z.number().nullable().meta({ description: 'Go / Rust of the medians' }),
    ratio_ci: z
      .object({ low: z.number(), high: z.number() })
      .nullable()
      .meta({ description: '95% percentile-bootstrap interval of the ratio of medians' }),
    p_value: z.number().nullable(),
    significant: z.boolean(),
    winner: z.enum(['go', 'rust']).nullable(),
    n_go: z.number().int().meta({ description: 'valid repeats behind the Go median' }),
    n_rust: z.number().int().meta({ description: 'valid repeats behind the Rust median' }),
    reason: z.string().nullable().meta({
      description:
        'why there is no winner when there is none (quick run, too few repeats, one language absent), else null',
    }),
  })
  .meta({ id: 'LabHeadlineComparison' });
export type HeadlineComparison = z.output<typeof headlineComparisonSchema>;

export const anchorNoteSchema = z.object({
  metric: z.string(),
  lang: z.string(),
  value: z.number(),
  ok: z.boolean().meta({ description: 'false: outside the published range, a probable harness problem' }),
  note: z.string(),
});
export type AnchorNote = z.output<typeof anchorNoteSchema>;

/** One language at one offered rate of a latency ladder: medians of its valid repeats. */
export const ladderCellSchema = z.object({
  valid_steps: z.number().int(),
  invalid_steps: z.number().int(),
  p50_ms: z.number().nullable(),
  p99_ms: z.number().nullable(),
  p999_ms: z.number().nullable(),
  achieved_rps: z.number().nullable(),
  meets_slo: z.boolean(),
});
export type LadderCell = z.output<typeof ladderCellSchema>;

export const ladderRowSchema = z.object({
  rate_rps: z.number(),
  go: ladderCellSchema,
  rust: ladderCellSchema,
});
export type LadderRow = z.output<typeof ladderRowSchema>;

/**
 * One language (or GC variant) at one offered rate of a rate ladder, its repeats merged: the rows of the Lab view's
 * rate-steps table and the lines of its percentile chart. Medians over the valid repeats; for a row with none valid
 * (valid: false), over its invalid repeats, which the view shows marked invalid and never as a measurement. null
 * where no repeat has the figure (Rust has no GC).
 */
export const rateStepRowSchema = z
  .object({
    lang: z.string(),
    variant: z.string().meta({ description: "the GC setting for gc-cache (gogc-100, ..., rust), else ''" }),
    rate_rps: z.number(),
    valid: z.boolean().meta({ description: 'true when at least one repeat was valid' }),
    reasons: z.array(z.string()).meta({ description: 'why repeats were invalid (distinct, in step order)' }),
    repeats: z.number().int(),
    valid_repeats: z.number().int(),
    achieved_rps: z.number().nullable(),
    p50_ms: z.number().nullable(),
    p90_ms: z.number().nullable(),
    p99_ms: z.number().nullable(),
    p999_ms: z.number().nullable(),
    max_ms: z.number().nullable(),
    gc_pause_max_ms: z.number().nullable(),
  })
  .meta({ id: 'LabRateStepRow' });
export type RateStepRow = z.output<typeof rateStepRowSchema>;

/** One second of a load step: the p99 and the max latency of the requests scheduled in it. */
export const timelinePointSchema = z.object({ t_s: z.number(), p99_ms: z.number(), max_ms: z.number() });
export type TimelinePoint = z.output<typeof timelinePointSchema>;

/** One Go GC cycle that started during a step, `at_s` seconds after the step's start, with its stop-the-world parts. */
export const gcCycleMarkSchema = z.object({
  at_s: z.number(),
  stw_sweep_ms: z.number().optional(),
  stw_mark_ms: z.number().optional(),
});
export type GcCycleMark = z.output<typeof gcCycleMarkSchema>;

/**
 * A Go load step's latency timeline and GC cycles (one per step and repeat, in step order): the Lab view's "GC
 * pauses against latency".
 */
export const gcTimelineSchema = z
  .object({
    step_id: z.number().int().meta({ description: "the step's id in the run (steps[].id)" }),
    variant: z.string(),
    rate_rps: z.number(),
    repeat: z.number().int(),
    valid: z.boolean(),
    latency: z.array(timelinePointSchema),
    cycles: z
      .array(gcCycleMarkSchema)
      .nullable()
      .meta({ description: 'null when the step kept GC counts only, not each cycle' }),
  })
  .meta({ id: 'LabGcTimeline' });
export type GcTimeline = z.output<typeof gcTimelineSchema>;

export const cpuKernelRowSchema = z.object({
  kernel: z.string(),
  go_s: z.number().nullable(),
  rust_s: z.number().nullable(),
  ratio: z.number().nullable(),
  p: z.number().nullable(),
  better,
  checksums_match: z.boolean(),
});
export type CpuKernelRow = z.output<typeof cpuKernelRowSchema>;

export const crossCellSchema = z.object({
  ok: z.boolean(),
  seconds: z.number().optional(),
  reason: z.string().optional(),
});
export type CrossCell = z.output<typeof crossCellSchema>;
export const crossRowSchema = z.object({ target: z.string(), go: crossCellSchema, rust: crossCellSchema });
export type CrossRow = z.output<typeof crossRowSchema>;

/** The six boundary costs the hybrid planner uses; absent when not measured. */
export const boundaryMechanismsSchema = z.object({
  ffi_empty_ns: z.number().optional(),
  ffi_1k_ns: z.number().optional(),
  grpc_p50_us: z.number().optional(),
  grpc_p99_us: z.number().optional(),
  http_p50_us: z.number().optional(),
  http_p99_us: z.number().optional(),
});
export type BoundaryMechanisms = z.output<typeof boundaryMechanismsSchema>;

const summaryBaseSchema = z.object({
  name: z.string(),
  valid: z.boolean().meta({
    description: 'true when the workload produced the figures it exists for from valid steps only',
  }),
  steps: z.number().int(),
  invalid_steps: z.number().int(),
  problems: z
    .array(z.string())
    .meta({ description: 'why steps were invalid (distinct), and workload errors' }),
  notes: z.array(z.string()).meta({
    description:
      'facts about the figures that do not make a step invalid (for example: no GC cycle inside the steps)',
  }),
  go: figuresSchema,
  rust: figuresSchema,
  comparisons: z.array(comparisonSchema),
  comparison: headlineComparisonSchema.nullable().meta({
    description:
      'the headline comparison; null for workloads that do not compare Go with Rust (boundary) or have no figure',
  }),
  anchors: z.array(anchorNoteSchema),
});

/** http-json and a team's own service (`lab run --workload FILE`): an open-loop rate ladder. */
export const latencySummarySchema = summaryBaseSchema
  .extend({
    kind: z.literal('latency'),
    detail: z.object({
      slo_p99_ms: z.number(),
      compare_rate_rps: z.number().nullable(),
      ladder: z.array(ladderRowSchema),
      rate_steps: z.array(rateStepRowSchema).meta({
        description: 'every language at every offered rate, repeats merged (p90, max and GC pause included)',
      }),
      gc_timelines: z
        .array(gcTimelineSchema)
        .meta({ description: "Go steps' latency timelines with their GC cycles" }),
      service: z.object({ file: z.string(), sha256: z.string() }).optional().meta({
        description:
          "a team's own service: the workload file and the SHA-256 of its content when the run was made",
      }),
    }),
  })
  .meta({ id: 'LabLatencySummary' });
export type LatencySummary = z.output<typeof latencySummarySchema>;

export const gcCacheSummarySchema = summaryBaseSchema
  .extend({
    kind: z.literal('gc-cache'),
    detail: z.object({
      rate_rps: z.number().nullable(),
      variants: z.record(z.string(), figuresSchema),
      rate_steps: z
        .array(rateStepRowSchema)
        .meta({ description: 'every GC setting at every offered rate, repeats merged' }),
      gc_timelines: z
        .array(gcTimelineSchema)
        .meta({ description: "the Go settings' latency timelines with their GC cycles" }),
    }),
  })
  .meta({ id: 'LabGcCacheSummary' });
export type GcCacheSummary = z.output<typeof gcCacheSummarySchema>;

export const cpuSummarySchema = summaryBaseSchema
  .extend({ kind: z.literal('cpu'), detail: z.object({ kernels: z.array(cpuKernelRowSchema) }) })
  .meta({ id: 'LabCpuSummary' });
export type CpuSummary = z.output<typeof cpuSummarySchema>;

export const buildSummarySchema = summaryBaseSchema
  .extend({ kind: z.literal('build'), detail: z.object({ cross: z.array(crossRowSchema) }) })
  .meta({ id: 'LabBuildSummary' });
export type BuildSummary = z.output<typeof buildSummarySchema>;

export const boundarySummarySchema = summaryBaseSchema
  .extend({
    kind: z.literal('boundary'),
    detail: z.object({ figures: figuresSchema, mechanisms: boundaryMechanismsSchema }),
  })
  .meta({ id: 'LabBoundarySummary' });
export type BoundarySummary = z.output<typeof boundarySummarySchema>;

/** A workload this version of gorust has no summary for (a run stored by a newer one). */
export const otherSummarySchema = summaryBaseSchema
  .extend({ kind: z.literal('other'), detail: z.strictObject({}) })
  .meta({ id: 'LabOtherSummary' });
export type OtherSummary = z.output<typeof otherSummarySchema>;

/** One workload's summary; `kind` says which `detail` it carries. */
export const workloadSummarySchema = z
  .discriminatedUnion('kind', [
    latencySummarySchema,
    gcCacheSummarySchema,
    cpuSummarySchema,
    buildSummarySchema,
    boundarySummarySchema,
    otherSummarySchema,
  ])
  .meta({ id: 'LabWorkloadSummary' });
export type WorkloadSummary = z.output<typeof workloadSummarySchema>;

export const runSummarySchema = z.object({
  slo_p99_ms: z.number(),
  mode: runModeSchema,
  indicative: z.boolean().meta({
    description:
      'true for quick runs: indicative figures that cannot show significance and never replace a prior',
  }),
  workloads: z.array(workloadSummarySchema),
});
export type RunSummary = z.output<typeof runSummarySchema>;
