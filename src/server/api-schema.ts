/** @module The API's contract as zod schemas and route definitions (`createRoute`): the handlers validate requests with them, the OpenAPI document is generated from them, and the web's typed client (`hc<ApiRoutes>`) infers every request and response type from them, so no API type is written twice. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  decisionDiffSchema,
  decisionSchema,
  type KnowledgeBase,
  profileSchema,
  questionSchema,
  VERDICTS,
} from '../core/index.ts';
import { workloadSummarySchema } from '../lab/analysis/summary-types.ts';
import { runListRowSchema, runRecordSchema, storedStepSchema } from '../store/lab-run-schema.ts';
import { problemSchema } from './problem.ts';

/** Bounds of the seed (a uint32, as the CLI's --seed) and of Monte-Carlo samples (the UI's sliders use fewer than the default 10,000). */
export const SEED_BOUNDS = { min: 0, max: 0xffff_ffff } as const;
export const SAMPLES_BOUNDS = { min: 100, max: 20_000 } as const;
export const LAB_RUNS_LIMIT = { min: 1, max: 1000, default: 50 } as const;
/** A page of GET /api/decisions. */
export const DECISIONS_PAGE = { min: 1, max: 500, default: 100 } as const;
export const EXPORT_FORMATS = ['adr', 'md', 'json', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Media types a profile may be posted as besides JSON. */
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'] as const;

/**
 * A whole number from a query string, within bounds; an empty value counts as absent. Any other text (`1.5`, `ten`)
 * is reported as not a whole number.
 * @example
 * queryInteger(SEED_BOUNDS, 'seed of the robustness analysis');
 */
function queryInteger(bounds: { min: number; max: number }, description: string) {
  return z
    .preprocess((value, ctx) => {
      if (value === '') return undefined;
      if (typeof value !== 'string') return value;
      if (/^\s*-?\d+\s*$/.test(value)) return Number(value);
      ctx.addIssue({ code: 'invalid_type', expected: 'int', input: value });
      return z.NEVER;
    }, z.number().int().min(bounds.min).max(bounds.max).optional())
    .openapi({ type: 'integer', minimum: bounds.min, maximum: bounds.max, description });
}

const seedQuery = queryInteger(
  SEED_BOUNDS,
  'seed of the robustness analysis; same profile and seed give the same decision',
);
const samplesQuery = queryInteger(SAMPLES_BOUNDS, 'Monte-Carlo samples (default 10,000)');
const labRef = z
  .string()
  .min(1)
  .openapi({ description: 'decide with the figures of a stored lab run: its id or "latest" (read-only)' });

export const Profile = profileSchema.meta({ id: 'Profile' });
export const Decision = decisionSchema.meta({ id: 'Decision' });
export const Problem = problemSchema.meta({ id: 'Problem' });

/**
 * `lab_excluded`, the one field POST /api/decide?lab= adds after the decision's own fields: what the run measured
 * but the decision left out (an anchor flagged it as a probable harness problem, or no step was valid), with why.
 * The knowledge base's prior stands in for each. It is not part of the decision JSON (CONTRACT.md §2): a saved
 * decision and `gorust decide --format json` do not carry it (the CLI prints the same list on stderr).
 */
export const labExcludedSchema = z
  .array(
    z.object({
      figure: z.string().meta({ description: 'the figure left out, e.g. "boundary grpc_p99_us"' }),
      reason: z.string().meta({ description: 'why, e.g. the anchor band it fell outside' }),
    }),
  )
  .meta({
    description:
      'present only with ?lab=: the figures of that run the decision left out (the knowledge base prior is used instead), [] when none',
  });

/** The body of POST /api/decide: the decision JSON, plus `lab_excluded` when a lab run was used. */
export const DecideResponse = decisionSchema
  .extend({ lab_excluded: labExcludedSchema.optional() })
  .meta({ id: 'DecideResponse' });

/** One row of the history list (src/store/decisions.ts). */
export const DecisionSummary = z
  .object({
    id: z
      .string()
      .meta({ description: 'opaque id (an integer as a string); also the ADR number of the export' }),
    created_at: z.string().meta({ description: 'ISO 8601 timestamp' }),
    project: z.string(),
    verdict: z.enum(VERDICTS),
    confidence: z.number(),
    close_call: z
      .boolean()
      .meta({ description: "the decision's close_call: its confidence is below the close-call threshold" }),
    seed: z.number().int().nullable(),
    lab_run: z.string().nullable(),
    damaged: z.string().optional().meta({
      description:
        'present only in the list, on a row whose stored JSON is damaged (edited outside gorust): what is wrong, e.g. "its decision is not valid JSON" (close_call is then false when the decision cannot be read); reading that decision answers 500 damaged-record',
    }),
  })
  .meta({ id: 'DecisionSummary' });

export const SavedDecision = DecisionSummary.omit({ damaged: true })
  .extend({ profile: Profile, decision: Decision })
  .meta({ id: 'SavedDecision' });

/** POST /api/decisions: a profile (and how to decide it); `decision` is accepted and ignored (the server recomputes it). */
export const SaveDecisionRequest = z
  .strictObject({
    profile: Profile,
    seed: z.number().int().min(SEED_BOUNDS.min).max(SEED_BOUNDS.max).optional(),
    samples: z.number().int().min(SAMPLES_BOUNDS.min).max(SAMPLES_BOUNDS.max).optional(),
    lab: labRef.optional(),
    decision: z
      .unknown()
      .optional()
      .meta({ description: 'ignored: the server recomputes the decision from the profile' }),
  })
  .meta({ id: 'SaveDecisionRequest' });

/** A lab run's step as the API returns it: without its encoded histogram (only the lab's own reports decode it). */
export const LabStep = storedStepSchema
  .omit({ histogram: true })
  .extend({
    detail: storedStepSchema.shape.detail.meta({
      description:
        "what the runner kept besides the metrics (notes, load generator facts, a Rust step's latency timeline); a Go load step's latency timeline and GC cycles are not repeated here: they are in the summary's detail.gc_timelines, by step_id",
    }),
    has_histogram: z.boolean().meta({ description: 'the step kept a latency histogram' }),
  })
  .meta({ id: 'LabStep' });
export type ApiLabStep = z.output<typeof LabStep>;

/** A row of GET /api/lab/runs: a run with its step counts. */
export const LabRunRow = runListRowSchema.meta({
  id: 'LabRunRow',
  description: 'a lab run with step counts',
});

/** GET /api/lab/runs/:id: the stored run, its steps, and the summary `gorust lab show` prints. */
export const LabRun = runRecordSchema
  .extend({
    steps: z.array(LabStep),
    slo_p99_ms: z.number(),
    indicative: z.boolean().meta({
      description: 'quick runs are indicative only: they cannot show significance and never replace a prior',
    }),
    environment_line: z.string().meta({
      description: 'the one line naming the machine and toolchains, as `gorust lab show` prints it',
    }),
    summary: z.array(workloadSummarySchema).meta({
      description:
        "per workload (one member per `kind`) its figures, anchor checks (ok false: a probable harness problem), notes and problems, as `gorust lab show` prints them; latency and gc-cache workloads also carry `detail.rate_steps` (each language or GC setting at each offered rate, repeats merged) and `detail.gc_timelines` (each Go step's latency per second and GC cycles)",
    }),
  })
  .meta({ id: 'LabRun', description: 'one lab run with its steps (without histograms) and its summary' });
export type ApiLabRun = z.output<typeof LabRun>;

const DiffResponse = z
  .object({ a: DecisionSummary, b: DecisionSummary, diff: decisionDiffSchema })
  .openapi({ description: '{a, b, diff}' });

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
type ProblemStatus = 400 | 403 | 404 | 413 | 415 | 500;
const problems = (...statuses: ProblemStatus[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description:
          status === 500
            ? 'problem details; urn:gorust:problem:damaged-record when a saved decision read is damaged in the store'
            : 'problem details',
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  ) as Record<
    ProblemStatus,
    { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }
  >;
const idParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const decideRoute = createRoute({
  method: 'post',
  path: '/decide',
  summary: 'Decide for a profile (nothing is stored)',
  request: {
    query: z.object({ seed: seedQuery, samples: samplesQuery, lab: labRef.optional() }),
    body: {
      required: true,
      content: {
        'application/json': { schema: Profile },
        // The same profile as YAML text: the schema describes the document the text holds.
        ...Object.fromEntries(YAML_TYPES.map((type) => [type, { schema: Profile }])),
      },
    },
  },
  responses: {
    200: json(
      DecideResponse,
      'the decision (the Decision schema), plus lab_excluded when ?lab= is given: the figures of that run the decision left out',
    ),
    ...problems(400, 403, 404, 413, 415),
  },
});

export const kbPartsRoute = createRoute({
  method: 'get',
  path: '/kb',
  summary: 'The parts of the knowledge base',
  responses: { 200: json(z.object({ parts: z.array(z.string()) }), 'part names') },
});

export const kbPartRoute = createRoute({
  method: 'get',
  path: '/kb/{part}',
  summary: 'One part of the knowledge base (criteria, claims, evidence, projects, ...)',
  request: { params: z.object({ part: z.string().openapi({ param: { name: 'part', in: 'path' } }) }) },
  responses: {
    200: json(
      // Some parts are lists of records, some are keyed objects; the client keeps the knowledge base's own types.
      z
        .union([z.array(z.unknown()), z.record(z.string(), z.unknown())])
        .openapi({ description: 'the records of that part (an array or an object)' }) as unknown as z.ZodType<
        KnowledgeBase[keyof KnowledgeBase]
      >,
      'the records of that part',
    ),
    ...problems(404),
  },
});

export const questionsRoute = createRoute({
  method: 'get',
  path: '/questions',
  summary: 'The questionnaire shared with `gorust init`',
  responses: {
    200: json(z.array(questionSchema), 'questions'),
  },
});

export const listDecisionsRoute = createRoute({
  method: 'get',
  path: '/decisions',
  summary:
    'Saved decisions, newest first, a page at a time: for the next page pass before=<the last id of this one>; a page shorter than limit is the last',
  request: {
    query: z.object({
      limit: queryInteger(DECISIONS_PAGE, 'at most this many decisions (default 100)'),
      before: queryInteger(
        { min: 1, max: Number.MAX_SAFE_INTEGER },
        'only decisions older than this id (the cursor: the last id of the previous page)',
      ),
    }),
  },
  responses: { 200: json(z.array(DecisionSummary), 'summaries'), ...problems(400) },
});

export const saveDecisionRoute = createRoute({
  method: 'post',
  path: '/decisions',
  summary: 'Save a profile with the decision the server computes from it',
  request: { body: { required: true, content: { 'application/json': { schema: SaveDecisionRequest } } } },
  responses: {
    201: json(SavedDecision, 'the saved decision'),
    ...problems(400, 403, 404, 413, 415),
  },
});

export const diffDecisionsRoute = createRoute({
  method: 'get',
  path: '/decisions/diff',
  summary: 'What changed between two saved decisions (b relative to a)',
  request: {
    query: z.object({
      a: z.string().min(1).openapi({ description: 'a saved decision id' }),
      b: z.string().min(1).openapi({ description: 'a saved decision id' }),
    }),
  },
  responses: { 200: json(DiffResponse, '{a, b, diff}'), ...problems(400, 404, 500) },
});

export const getDecisionRoute = createRoute({
  method: 'get',
  path: '/decisions/{id}',
  summary: 'One saved decision with its profile',
  request: { params: idParams },
  responses: { 200: json(SavedDecision, 'saved decision'), ...problems(404, 500) },
});

export const deleteDecisionRoute = createRoute({
  method: 'delete',
  path: '/decisions/{id}',
  summary: 'Delete a saved decision',
  request: { params: idParams },
  responses: { 204: { description: 'deleted' }, ...problems(403, 404) },
});

export const exportDecisionRoute = createRoute({
  method: 'get',
  path: '/decisions/{id}/export',
  summary: 'Download a saved decision as an ADR, Markdown, JSON or a self-contained HTML report',
  request: {
    params: idParams,
    query: z.object({ format: z.enum(EXPORT_FORMATS).default('md') }),
  },
  responses: {
    200: {
      description: 'the file (Content-Disposition: attachment)',
      content: {
        'text/markdown': { schema: z.string() },
        // format=json: the decision JSON itself (CONTRACT.md §2).
        'application/json': { schema: Decision },
        'text/html': { schema: z.string() },
      },
    },
    ...problems(400, 404, 500),
  },
});

export const listLabRunsRoute = createRoute({
  method: 'get',
  path: '/lab/runs',
  summary: 'Lab runs, newest first (read-only; runs are made by `gorust lab run`)',
  request: {
    query: z.object({
      limit: queryInteger(LAB_RUNS_LIMIT, 'at most this many runs (default 50)'),
    }),
  },
  responses: { 200: json(z.array(LabRunRow), 'runs'), ...problems(400) },
});

export const getLabRunRoute = createRoute({
  method: 'get',
  path: '/lab/runs/{id}',
  summary:
    'One lab run with its steps (a full id or a unique prefix) and `summary`: per workload its figures, anchor checks (ok false: a probable harness problem), notes and problems, as `gorust lab show` prints them',
  request: { params: idParams },
  responses: { 200: json(LabRun, 'run'), ...problems(400, 404) },
});

export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness',
  responses: { 200: json(z.object({ ok: z.literal(true) }), '{ ok: true }') },
});

export const openApiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This document',
  responses: { 200: json(z.record(z.string(), z.unknown()), 'OpenAPI 3.1') },
});
