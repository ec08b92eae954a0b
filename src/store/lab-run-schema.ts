/** @module The zod schemas of stored lab runs (a run, its steps) and their types, inferred from them (lab-runs.ts re-exports the types): the API's OpenAPI document describes runs with these. A file of its own so the CLI, which reads and writes runs through lab-runs.ts, builds no schema. */
// A namespace import lets the bundler keep only the parts of zod in use (as src/core/decision/schema.ts does).
import * as z from 'zod';
import { type RunMode, runModeSchema } from '../lab/analysis/summary-types.ts';

export type { RunMode };
export const RUN_STATUSES = ['running', 'completed', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** A figure of a step: numbers for measurements, strings/booleans for labels and flags. */
export const metricValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type MetricValue = z.output<typeof metricValueSchema>;

/** A stored step, as read back (with its encoded histogram, null when it kept none). */
export const storedStepSchema = z.object({
  id: z.number().int(),
  run_id: z.string(),
  seq: z.number().int().meta({ description: 'measurement order within the run' }),
  workload: z.string(),
  lang: z
    .string()
    .meta({ description: '`go`, `rust`, or a pair label such as `go->rust` for boundary steps' }),
  variant: z
    .string()
    .meta({ description: "sub-configuration: a GC setting, a kernel name, a build action; '' when none" }),
  kind: z.string().meta({ description: 'what the step is: capacity, rate, batch, build, ...' }),
  rate_rps: z.number().nullable(),
  repeat: z.number().int(),
  valid: z.boolean(),
  reasons: z.array(z.string()),
  metrics: z.record(z.string(), metricValueSchema),
  detail: z.unknown().optional().meta({
    description: 'bulky JSON the runner kept for charts and diagnosis (latency timeline, GC cycles, notes)',
  }),
  started_at: z.string(),
  duration_ms: z.number(),
  histogram: z.string().nullable().meta({ description: 'an encoded HdrHistogram of the request latencies' }),
});
export type StoredStep = z.output<typeof storedStepSchema>;

export const runRecordSchema = z.object({
  id: z.string(),
  started_at: z.string().meta({ description: 'ISO 8601 timestamp' }),
  finished_at: z.string().nullable(),
  status: z.enum(RUN_STATUSES),
  mode: runModeSchema,
  workloads: z.array(z.string()),
  environment: z
    .record(z.string(), z.unknown())
    .nullable()
    .meta({ description: 'the machine and toolchains the run measured on, as captured' }),
  pid: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type RunRecord = z.output<typeof runRecordSchema>;

export const runListRowSchema = runRecordSchema.extend({
  steps: z.number().int(),
  invalid_steps: z.number().int(),
});
export type RunListRow = z.output<typeof runListRowSchema>;
export type StoredRun = RunRecord & { steps: StoredStep[] };
